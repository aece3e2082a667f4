"""The REST API, version 1. Every view declares its permission; see accounts/api.py."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from accounts.api_views import Me, TokenObtain
from citizens.api import CooperativeDetail, CooperativeList, PendingMembershipList, WardList
from outcomes.api import OutcomeList


class PublicSchema(SpectacularAPIView):
    permission_classes = [AllowAny]


class PublicSwagger(SpectacularSwaggerSplitView):
    """Swagger UI with its set-up script served as a file, so the page needs no inline script (CSP).

    There is no ReDoc page: ReDoc injects inline styles, which the Content-Security-Policy forbids.
    """

    permission_classes = [AllowAny]
    template_name = "api/swagger_ui.html"


urlpatterns = [
    path("schema/", PublicSchema.as_view(), name="api-schema"),
    path("docs/", PublicSwagger.as_view(url_name="api-schema"), name="api-docs"),
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
    path("", include("meetings.api_urls")),
    path("", include("questions.api_urls")),
]
