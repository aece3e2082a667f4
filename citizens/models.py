"""Who takes part and where: wards, residents' profiles, co-operatives and their members."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR_OF_BIRTH = 1900
LATEST_YEAR_OF_BIRTH = 2100


class Ward(models.Model):
    """An electoral ward. Population and electorate let reports set turnout against them."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    gss_code = models.CharField(_("GSS code"), max_length=9, blank=True, help_text=_("ONS code, e.g. E05014094."))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    electorate = models.PositiveIntegerField(_("electorate"), null=True, blank=True)

    class Meta:
        verbose_name = _("ward")
        verbose_name_plural = _("wards")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResidentProfile(models.Model):
    """What decides a resident's eligibility (ward, age) and how to reach them well."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    ward = models.ForeignKey(
        Ward, on_delete=models.PROTECT, null=True, blank=True, related_name="residents", verbose_name=_("ward")
    )
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    accessibility_needs = models.TextField(
        _("accessibility and communication needs"),
        blank=True,
        help_text=_("For example: large print, easy read, British Sign Language, an interpreter."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("resident profile")
        verbose_name_plural = _("resident profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(year_of_birth__isnull=True)
                | Q(year_of_birth__gte=EARLIEST_YEAR_OF_BIRTH, year_of_birth__lte=LATEST_YEAR_OF_BIRTH),
                name="profile_year_of_birth_plausible",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Cooperative(models.Model):
    """A co-operative residents can join, such as a youth trust. Empty wards means every ward."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    purpose = models.TextField(_("purpose"))
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    wards = models.ManyToManyField(Ward, blank=True, related_name="cooperatives", verbose_name=_("wards"))
    is_open_to_applications = models.BooleanField(_("open to applications"), default=True)
    council_signoff_above = models.DecimalField(
        _("council sign-off above (£)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The board's approval of a commission worth more than this needs a councillor's sign-off. "
            "Empty: the board's decision is final."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("co-operative")
        verbose_name_plural = _("co-operatives")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=F("max_age")),
                name="cooperative_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        ACTIVE = "active", _("Active")
        LAPSED = "lapsed", _("Lapsed")
        LEFT = "left", _("Left")
        REJECTED = "rejected", _("Not approved")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("member")
    )
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("co-operative")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    member_number = models.PositiveIntegerField(_("member number"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    renew_by = models.DateField(
        _("renew by"), null=True, blank=True, help_text=_("An active membership lapses if not renewed by this date.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["cooperative", "member_number", "applied_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "cooperative"], name="membership_one_per_member"),
            models.UniqueConstraint(
                fields=["cooperative", "member_number"],
                condition=Q(member_number__isnull=False),
                name="membership_number_unique_in_cooperative",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(member_number__isnull=False, joined_at__isnull=False),
                name="membership_active_has_number_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.cooperative}"


class BoardMember(models.Model):
    """A seat on a co-operative's board for a term. The board decides the co-operative's commissions."""

    class Appointment(models.TextChoices):
        ELECTED = "elected", _("Elected by the members")
        APPOINTED = "appointed", _("Appointed")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="board", verbose_name=_("co-operative")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_seats", verbose_name=_("member")
    )
    appointment = models.CharField(_("how they joined the board"), max_length=10, choices=Appointment.choices)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    ended_early_on = models.DateField(_("stood down on"), null=True, blank=True)

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["cooperative", "term_start"]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=F("term_start")), name="board_term_ordered"),
            models.CheckConstraint(
                condition=Q(ended_early_on__isnull=True) | Q(ended_early_on__gte=F("term_start")),
                name="board_stood_down_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.cooperative}"
