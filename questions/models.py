"""Public questions to the council about a cycle, a commission or a decision, answered by a deadline
counted in working days."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commissioning.models import CommissioningCycle
from governance.models import Commission, Decision


class ServiceArea(models.TextChoices):
    CHILDREN_YOUNG_PEOPLE = "children_young_people", _("Children and young people")
    HEALTH_CARE = "health_care", _("Health and adult social care")
    HOUSING = "housing", _("Housing")
    ENVIRONMENT = "environment", _("Environment and transport")
    COMMUNITY_SAFETY = "community_safety", _("Community safety")
    CULTURE_LEISURE = "culture_leisure", _("Culture, sport and leisure")
    ECONOMY = "economy", _("Jobs and the local economy")
    OTHER = "other", _("Other")


class Timeliness(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    OVERDUE = "overdue", _("Overdue")
    ON_TIME = "on_time", _("Answered on time")
    LATE = "late", _("Answered late")


class ModerationReason(models.TextChoices):
    ABUSE = "abuse", _("Abusive or offensive")
    PERSONAL_DATA = "personal_data", _("Contains personal information")
    NOT_A_QUESTION = "not_a_question", _("Not a question for the council")
    DUPLICATE = "duplicate", _("Already asked")


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Not published")

    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="questions", verbose_name=_("asked by")
    )
    cycle = models.ForeignKey(
        CommissioningCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("cycle"),
    )
    commission = models.ForeignKey(
        Commission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("commission"),
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="questions", verbose_name=_("decision")
    )
    service_area = models.CharField(_("service area"), max_length=30, choices=ServiceArea.choices)
    title = models.CharField(_("your question in a sentence"), max_length=200)
    body = models.TextField(_("more detail"), blank=True)
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderation_reason = models.CharField(
        _("reason not published"), max_length=20, choices=ModerationReason.choices, blank=True
    )
    moderation_note = models.TextField(_("note to the person who asked"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-asked_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(cycle__isnull=False, commission__isnull=True, decision__isnull=True)
                    | Q(cycle__isnull=True, commission__isnull=False, decision__isnull=True)
                    | Q(cycle__isnull=True, commission__isnull=True, decision__isnull=False)
                ),
                name="question_about_one_thing",
            ),
            models.CheckConstraint(
                condition=~Q(status="hidden") | ~Q(moderation_reason=""), name="hidden_question_has_reason"
            ),
            models.CheckConstraint(
                condition=(Q(answered_at__isnull=True, answer="") | (Q(answered_at__isnull=False) & ~Q(answer=""))),
                name="answer_and_answered_at_together",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(status="published"), name="only_published_questions_answered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self):
        return self.cycle or self.commission or self.decision

    def timeliness(self, today=None) -> str:
        """The one rule for every tag and count: on time if answered on or before the due date."""
        if self.answered_at is not None:
            return Timeliness.ON_TIME if timezone.localdate(self.answered_at) <= self.due_on else Timeliness.LATE
        return Timeliness.OVERDUE if (today or timezone.localdate()) > self.due_on else Timeliness.OPEN

    def get_timeliness_display(self) -> str:
        return str(Timeliness(self.timeliness()).label)
