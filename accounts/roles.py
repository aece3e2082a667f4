"""The four roles, declared once. Every permission in the platform is expressed in these terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    OFFICER = "officer", _("Officer")
    COUNCILLOR = "councillor", _("Councillor")
    ADMINISTRATOR = "administrator", _("Administrator")
