"""What happens after a commission is approved: its milestones, with planned and actual dates,
and what was spent of each kind of resource by each."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.models import Commission, ResourceKind


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        MET = "met", _("Met")
        MISSED = "missed", _("Missed")

    commission = models.ForeignKey(
        Commission, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("commission")
    )
    title = models.CharField(_("milestone"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    planned_on = models.DateField(_("planned date"))
    actual_on = models.DateField(_("date met"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    note = models.TextField(_("what happened"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("planned by")
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["commission", "planned_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="met", actual_on__isnull=False) | (~Q(status="met") & Q(actual_on__isnull=True)),
                name="milestone_met_has_date_only_then",
            ),
            models.CheckConstraint(
                condition=Q(status="planned") | ~Q(note=""), name="milestone_report_says_what_happened"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days_late(self) -> int | None:
        if self.actual_on is None:
            return None
        return (self.actual_on - self.planned_on).days


class MilestoneSpend(models.Model):
    """Spend against one kind of the commission's total resources, reported with a milestone."""

    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="spend", verbose_name=_("milestone")
    )
    kind = models.CharField(_("kind of resource"), max_length=20, choices=ResourceKind.choices)
    amount = models.DecimalField(_("spent (£)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("spend")
        verbose_name_plural = _("spend")
        ordering = ["milestone", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["milestone", "kind"], name="spend_once_per_kind"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spend_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.get_kind_display()} £{self.amount}"
