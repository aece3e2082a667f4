"""Commissioning endpoints under /api/v1/. Every view declares its permission; see accounts/api.py."""

from django.urls import path

from commissioning import api

urlpatterns = [
    path("cycles/", api.CycleList.as_view(), name="api-cycle-list"),
    path("cycles/<int:pk>/", api.CycleDetail.as_view(), name="api-cycle-detail"),
    path("cycles/<int:pk>/priorities/", api.CyclePriorityList.as_view(), name="api-cycle-priorities"),
    path("cycles/<int:pk>/participation/", api.CycleParticipation.as_view(), name="api-cycle-participation"),
    path("cycles/<int:pk>/ballot/", api.OwnBallot.as_view(), name="api-cycle-ballot"),
    path("cycles/<int:pk>/results/", api.CycleResults.as_view(), name="api-cycle-results"),
]
