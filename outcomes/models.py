"""The outcomes the council commissions for, and the indicators that show how they are going."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Outcome(models.Model):
    """A borough outcome such as "People are healthier for longer"; services are commissioned for it."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER_IS_BETTER = "up", _("Higher is better")
        LOWER_IS_BETTER = "down", _("Lower is better")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("outcome"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example: %, years, tonnes CO2e per person."))
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=3)
    baseline_period = models.CharField(_("baseline period"), max_length=20, help_text=_("For example: 2024-25."))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=3)
    target_period = models.CharField(_("target period"), max_length=20)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["outcome", "name"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "name"], name="indicator_name_unique_in_outcome"),
            models.CheckConstraint(
                condition=Q(direction="up", target__gte=F("baseline")) | Q(direction="down", target__lte=F("baseline")),
                name="indicator_target_in_its_direction",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One measurement of an indicator for a period (a financial year, a quarter)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    source = models.CharField(_("source"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="indicator_value_one_per_period"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="indicator_value_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period_start:%Y-%m})"
