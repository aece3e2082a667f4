from django.urls import path

from delivery import views

urlpatterns = [
    path("commissions/<int:pk>/delivery/", views.commission_delivery, name="commission_delivery"),
    path("officer/commissions/<int:pk>/milestones/", views.milestones_manage, name="milestones_manage"),
]
