from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("config.api_urls")),
    path("", include("dashboards.urls")),
    path("", include("citizens.urls")),
    path("", include("outcomes.urls")),
    path("", include("verification.urls")),
    path("", include("commissioning.urls")),
    path("", include("governance.urls")),
    path("", include("notifications.urls")),
    path("", include("reports.urls")),
    path("", include("meetings.urls")),
    path("", include("questions.urls")),
    path("", include("delivery.urls")),
    path("", include("opendata.urls")),
    path("", include("translations.urls")),
]

handler404 = "config.api_errors.page_not_found"
handler500 = "config.api_errors.server_error"
