from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every app needs (the domain error, the audit trail). It imports no app of ours."""

    name = "core"
    verbose_name = _("Audit trail")
