"""The audit trail's one model. It links to what it describes through content types, so the ground
floor knows nothing of the apps above it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def about(self, obj: models.Model):
        """Events that describe this object."""
        return self.filter(object_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def within(self, context: models.Model):
        """Events recorded in this context (a cycle's timeline), whatever they describe."""
        return self.filter(context_type=ContentType.objects.get_for_model(context), context_id=context.pk)

    def public(self):
        return self.filter(is_public=True)


class AuditEvent(models.Model):
    """Who changed what, when, from what to what. Public events also appear on their context's timeline."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    object_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("object_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=200)
    context_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("context type")
    )
    context_id = models.PositiveBigIntegerField(_("context id"), null=True, blank=True)
    context = GenericForeignKey("context_type", "context_id")
    action = models.CharField(_("what happened"), max_length=100)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)
    is_public = models.BooleanField(_("public"), default=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="core_audit_object"),
            models.Index(fields=["context_type", "context_id", "is_public"], name="core_audit_context"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(context_type__isnull=True, context_id__isnull=True)
                | models.Q(context_type__isnull=False, context_id__isnull=False),
                name="audit_context_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
