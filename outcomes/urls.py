from django.urls import path

from outcomes import views

urlpatterns = [
    path("officer/outcomes/", views.outcome_overview, name="outcome_overview"),
    path("officer/outcomes/indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
]
