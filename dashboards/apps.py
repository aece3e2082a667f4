from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The top floor: the home page and each role's dashboard, which gather from every app below."""

    name = "dashboards"
    verbose_name = _("Dashboards")
