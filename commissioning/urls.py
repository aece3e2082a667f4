from django.urls import path

from commissioning import views

urlpatterns = [
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<slug:slug>/", views.cycle_detail, name="cycle_detail"),
    path("officer/cycles/", views.officer_cycle_list, name="officer_cycle_list"),
    path("councillor/decisions/", views.decision_queue, name="decision_queue"),
]
