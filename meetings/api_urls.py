"""Meetings endpoints under /api/v1/. Every view declares its permission; see accounts/api.py."""

from django.urls import path

from meetings import api

urlpatterns = [
    path("meetings/", api.MeetingList.as_view(), name="api-meeting-list"),
    path("meetings/<int:pk>/", api.MeetingDetail.as_view(), name="api-meeting-detail"),
]
