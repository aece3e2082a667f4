from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top floor: demo data for `make run`, made through every app's services (`seed_demo`)."""

    name = "demo"
    verbose_name = _("Demo data")
