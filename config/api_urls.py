"""The REST API, version 1. Every view declares its permission; see accounts/api.py."""

from allauth.account.models import EmailAddress
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from accounts.api_views import Me
from citizens.api import CooperativeDetail, CooperativeList, PendingMembershipList, WardList
from outcomes.api import OutcomeList


class PublicSchema(SpectacularAPIView):
    permission_classes = [AllowAny]


class PublicSwagger(SpectacularSwaggerView):
    permission_classes = [AllowAny]


class PublicRedoc(SpectacularRedocView):
    permission_classes = [AllowAny]


class TokenObtain(ObtainAuthToken):
    """Exchange email and password for an API token (send the email as `username`).

    Only for accounts whose email address is verified, as for signing in on the site; and
    throttled, because this door is not covered by allauth's sign-in rate limits.
    """

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    def post(self, request, *args, **kwargs):
        serializer = self.serializer_class(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        if not EmailAddress.objects.filter(user=user, verified=True).exists():
            return Response(
                {"detail": _("Confirm your email address first: follow the link we sent when you signed up.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


urlpatterns = [
    path("schema/", PublicSchema.as_view(), name="api-schema"),
    path("docs/", PublicSwagger.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", PublicRedoc.as_view(url_name="api-schema"), name="api-redoc"),
    path("auth/token/", TokenObtain.as_view(), name="api-token"),
    path("me/", Me.as_view(), name="api-me"),
    path("wards/", WardList.as_view(), name="api-ward-list"),
    path("outcomes/", OutcomeList.as_view(), name="api-outcome-list"),
    path("cooperatives/", CooperativeList.as_view(), name="api-cooperative-list"),
    path("cooperatives/<slug:slug>/", CooperativeDetail.as_view(), name="api-cooperative-detail"),
    path("memberships/pending/", PendingMembershipList.as_view(), name="api-membership-pending"),
    path("", include("verification.api_urls")),
    path("", include("commissioning.api_urls")),
    path("", include("governance.api_urls")),
]
