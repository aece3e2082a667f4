from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("config.api_urls")),
    path("", include("dashboards.urls")),
    path("", include("citizens.urls")),
    path("", include("commissioning.urls")),
    path("", include("governance.urls")),
    path("", include("notifications.urls")),
    path("", include("reports.urls")),
]


def handler404(request, exception):
    """An unknown address under /api/ answers in the API's error body; pages keep the 404 page."""
    from django.views import defaults

    from config.api_errors import not_found

    if request.path.startswith("/api/"):
        return not_found(request, exception)
    return defaults.page_not_found(request, exception)
