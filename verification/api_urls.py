"""Verification endpoints under /api/v1/. Every view declares its permission; see accounts/api.py."""

from django.urls import path

from verification import api

urlpatterns = [
    path("verification/", api.OwnVerification.as_view(), name="api-verification"),
    path("verification/code/", api.RedeemCode.as_view(), name="api-verification-code"),
    path("verification/register/", api.MatchRegister.as_view(), name="api-verification-register"),
]
