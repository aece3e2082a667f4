"""Questions endpoints under /api/v1/. Every view declares its permission; see accounts/api.py."""

from django.urls import path

from questions import api

urlpatterns = [
    path("questions/", api.QuestionList.as_view(), name="api-question-list"),
    path("questions/counts/", api.QuestionCounts.as_view(), name="api-question-counts"),
    path("questions/<int:pk>/", api.QuestionDetail.as_view(), name="api-question-detail"),
]
