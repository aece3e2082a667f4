"""Governance on the record: stage moves, involvement, evidence, evaluation, commissions and their total
resources, equality, declarations, votes, decisions, scrutiny."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import Ward
from commissioning.models import CommissioningCycle, Priority, Stage
from outcomes.models import Indicator, Outcome


class ProviderType(models.TextChoices):
    COMMUNITY_GROUP = "community_group", _("Community group")
    VOLUNTARY_SECTOR = "voluntary_sector", _("Voluntary sector organisation")
    COOPERATIVE = "cooperative", _("Co-operative")
    IN_HOUSE = "in_house", _("In-house council service")
    PRIVATE = "private", _("Private company")


class Commission(models.Model):
    """A service commissioned from a cycle's funded priorities; councillors decide it on the record."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting decision")
        SIGNOFF = "signoff", _("Approved by the board, awaiting council sign-off")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="commissions", verbose_name=_("cycle")
    )
    title = models.CharField(_("what is commissioned"), max_length=200)
    description = models.TextField(_("description"))
    priorities = models.ManyToManyField(
        Priority, related_name="commissions", blank=True, verbose_name=_("funded priorities")
    )
    outcomes = models.ManyToManyField(Outcome, related_name="commissions", blank=True, verbose_name=_("outcomes"))
    indicators = models.ManyToManyField(
        Indicator,
        related_name="commissions",
        blank=True,
        verbose_name=_("indicators it should move"),
    )
    provider_type = models.CharField(_("provider type"), max_length=20, choices=ProviderType.choices)
    provider_name = models.CharField(_("provider"), max_length=200, blank=True)
    value = models.DecimalField(_("value (£)"), max_digits=12, decimal_places=2)
    procurement_route = models.CharField(_("procurement route"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="drafted_commissions",
        verbose_name=_("drafted by"),
    )
    deciders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="commissions_to_decide",
        verbose_name=_("councillors deciding"),
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), default=2, help_text=_("The fewest votes cast for a decision to be taken.")
    )
    decision_round = models.PositiveSmallIntegerField(
        _("decision round"), default=1, help_text=_("Goes up each time a returned commission is submitted again.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("council sign-off by"),
    )
    signed_off_at = models.DateTimeField(_("council sign-off"), null=True, blank=True)
    signoff_reasons = models.TextField(_("reasons for the council's sign-off"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="commission_value_not_negative"),
            models.CheckConstraint(condition=Q(quorum__gte=1), name="commission_quorum_at_least_one"),
            models.CheckConstraint(condition=Q(decision_round__gte=1), name="commission_round_at_least_one"),
        ]

    def __str__(self) -> str:
        return self.title


class ResourceKind(models.TextChoices):
    """Lambeth's 'total resources': a commission is more than its cash."""

    CASH = "cash", _("Revenue and cash")
    CAPITAL_ASSETS = "capital_assets", _("Capital and assets")
    COMMUNITY_CAPACITY = "community_capacity", _("Community capacity")
    KNOWLEDGE = "knowledge", _("Information and knowledge")
    INFLUENCE = "influence", _("Leverage and influence")


class ResourceAllocation(models.Model):
    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="resources", verbose_name=_("commission")
    )
    kind = models.CharField(_("kind of resource"), max_length=20, choices=ResourceKind.choices)
    amount = models.DecimalField(_("amount (£)"), max_digits=12, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("resource allocation")
        verbose_name_plural = _("resource allocations")
        ordering = ["commission", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "kind"], name="resource_once_per_kind"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="resource_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | ~Q(description=""), name="resource_has_amount_or_description"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commission}: {self.get_kind_display()}"


class InvolvementPurpose(models.TextChoices):
    DESIGN = "design", _("Design")
    DELIVERY = "delivery", _("Delivery")
    EVALUATION = "evaluation", _("Evaluation")


class InvolvementMethod(models.TextChoices):
    CO_DESIGN_WORKSHOP = "co_design_workshop", _("Co-design workshop")
    CITIZENS_PANEL = "citizens_panel", _("Citizens' panel")
    SURVEY = "survey", _("Survey")
    DOOR_KNOCKING = "door_knocking", _("Door-knocking")
    YOUTH_FORUM = "youth_forum", _("Youth forum")
    ROLE_PLAY = "role_play", _("Role play")
    PUBLIC_MEETING = "public_meeting", _("Public meeting")
    FOCUS_GROUP = "focus_group", _("Focus group")
    OTHER = "other", _("Other")


class InvolvementActivity(models.Model):
    """Evidence of the duty to involve: who took part, how, when, where, and what changed."""

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="involvement_activities", verbose_name=_("cycle")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    purpose = models.CharField(_("purpose"), max_length=12, choices=InvolvementPurpose.choices)
    method = models.CharField(_("method"), max_length=20, choices=InvolvementMethod.choices)
    held_on = models.DateField(_("date"))
    wards = models.ManyToManyField(Ward, blank=True, related_name="involvement_activities", verbose_name=_("wards"))
    participant_count = models.PositiveIntegerField(_("number of participants"))
    summary = models.TextField(_("summary"))
    residents_said = models.TextField(_("what residents said"), blank=True)
    what_changed = models.TextField(_("what changed as a result"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("involvement activity")
        verbose_name_plural = _("involvement activities")
        ordering = ["cycle", "-held_on"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} — {self.held_on:%d %b %Y}"


class StageTransition(models.Model):
    """A cycle moved from one stage to the next: public, with who moved it and any override of the duty."""

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="stage_transitions", verbose_name=_("cycle")
    )
    from_stage = models.CharField(_("from stage"), max_length=10, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=10, choices=Stage.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("moved by")
    )
    moved_at = models.DateTimeField(_("moved"), default=timezone.now)
    override_reason = models.TextField(
        _("reason for moving on without involvement"),
        blank=True,
        help_text=_("Only when the duty to involve was overridden; shown publicly."),
    )

    class Meta:
        verbose_name = _("stage transition")
        verbose_name_plural = _("stage transitions")
        ordering = ["cycle", "moved_at"]
        permissions = [("override_duty_to_involve", "Can move a cycle on without logged involvement, with a reason")]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "to_stage"], name="stage_entered_once"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"


class EvidenceItem(models.Model):
    """Evidence of need gathered in the Analyse stage: a document, a link, an indicator, a note."""

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="evidence_items", verbose_name=_("cycle")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what it shows"))
    url = models.URLField(_("link"), blank=True)
    document = models.FileField(_("document"), upload_to="evidence/%Y/", blank=True)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("indicator")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence of need")
        verbose_name_plural = _("evidence of need")
        ordering = ["cycle", "-added_at"]

    def __str__(self) -> str:
        return self.title


class Evaluation(models.Model):
    """The Review stage: what happened against one of the cycle's outcomes."""

    class Rating(models.TextChoices):
        ACHIEVED = "achieved", _("Achieved")
        PARTLY = "partly", _("Partly achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("cycle")
    )
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="+", verbose_name=_("outcome"))
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("indicator")
    )
    summary = models.TextField(_("what happened"))
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    evidence = models.TextField(_("evidence"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["cycle", "outcome"]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_rating_display()}"


class MonitoringCharacteristic(models.TextChoices):
    AGE_BAND = "age_band", _("Age band")
    SEX = "sex", _("Sex")
    GENDER_IDENTITY = "gender_identity", _("Gender identity")
    ETHNICITY = "ethnicity", _("Ethnicity")
    DISABILITY = "disability", _("Disability")
    RELIGION = "religion", _("Religion or belief")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")


class EqualityMonitoringCount(models.Model):
    """Anonymous counts of who took part in an involvement activity: never a person, only a number."""

    activity = models.ForeignKey(
        InvolvementActivity, on_delete=models.CASCADE, related_name="equality_counts", verbose_name=_("activity")
    )
    characteristic = models.CharField(_("characteristic"), max_length=20, choices=MonitoringCharacteristic.choices)
    group = models.CharField(_("group"), max_length=100)
    count = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("equality monitoring count")
        verbose_name_plural = _("equality monitoring counts")
        ordering = ["activity", "characteristic", "group"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "characteristic", "group"], name="monitoring_group_once"),
            models.CheckConstraint(condition=Q(count__gte=0), name="monitoring_count_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()} {self.group}: {self.count}"


class PopulationGroup(models.Model):
    """How many of the borough's residents are in one equality group (from the Census, say), so that who
    took part can be read against who lives here. Groups are named as in the equality monitoring."""

    characteristic = models.CharField(_("characteristic"), max_length=20, choices=MonitoringCharacteristic.choices)
    group = models.CharField(_("group"), max_length=100)
    people = models.PositiveIntegerField(_("residents in the group"))
    source = models.CharField(_("source"), max_length=200, help_text=_("Where the figure comes from, and its year."))

    class Meta:
        verbose_name = _("population by equality group")
        verbose_name_plural = _("population by equality group")
        ordering = ["characteristic", "group"]
        constraints = [
            models.UniqueConstraint(fields=["characteristic", "group"], name="population_group_once"),
            models.CheckConstraint(condition=Q(people__gte=0), name="population_group_not_negative"),
            models.CheckConstraint(condition=~Q(group=""), name="population_group_named"),
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()} {self.group}: {self.people}"


class ProtectedCharacteristic(models.TextChoices):
    """The nine protected characteristics of the Equality Act 2010."""

    AGE = "age", _("Age")
    DISABILITY = "disability", _("Disability")
    GENDER_REASSIGNMENT = "gender_reassignment", _("Gender reassignment")
    MARRIAGE = "marriage_civil_partnership", _("Marriage and civil partnership")
    PREGNANCY = "pregnancy_maternity", _("Pregnancy and maternity")
    RACE = "race", _("Race")
    RELIGION = "religion_belief", _("Religion or belief")
    SEX = "sex", _("Sex")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")


class Impact(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class EqualityImpact(models.Model):
    """One line of a commission's equality impact assessment."""

    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="equality_impacts", verbose_name=_("commission")
    )
    characteristic = models.CharField(_("characteristic"), max_length=30, choices=ProtectedCharacteristic.choices)
    impact = models.CharField(_("impact"), max_length=10, choices=Impact.choices)
    evidence = models.TextField(_("evidence"))
    mitigation = models.TextField(_("mitigation"), blank=True)

    class Meta:
        verbose_name = _("equality impact")
        verbose_name_plural = _("equality impacts")
        ordering = ["commission", "characteristic"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "characteristic"], name="equality_impact_once"),
            models.CheckConstraint(
                condition=~Q(impact="negative") | ~Q(mitigation=""), name="negative_impact_has_mitigation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()}: {self.get_impact_display()}"


class InterestDeclaration(models.Model):
    """A councillor's declaration before voting on a commission, once per decision round."""

    commission = models.ForeignKey(
        Commission, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("commission")
    )
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("councillor")
    )
    decision_round = models.PositiveSmallIntegerField(_("decision round"))
    has_interest = models.BooleanField(_("has an interest"))
    description = models.TextField(_("the interest"), blank=True)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")
        ordering = ["commission", "declared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "councillor", "decision_round"], name="declaration_once_per_round"
            ),
            models.CheckConstraint(condition=Q(has_interest=False) | ~Q(description=""), name="interest_is_described"),
        ]

    def __str__(self) -> str:
        return f"{self.councillor}: {self.description or _('no interest')}"


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN = "return", _("Return for changes")


class CommissionVote(models.Model):
    """A councillor's vote on a commission, with reasons. Final once cast."""

    commission = models.ForeignKey(
        Commission, on_delete=models.PROTECT, related_name="votes", verbose_name=_("commission")
    )
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("councillor")
    )
    decision_round = models.PositiveSmallIntegerField(_("decision round"))
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    reasons = models.TextField(_("reasons"))
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)

    class Meta:
        verbose_name = _("councillor's vote")
        verbose_name_plural = _("councillors' votes")
        ordering = ["commission", "cast_at"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "councillor", "decision_round"], name="vote_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.councillor}: {self.get_choice_display()}"


class DecisionImmutable(Exception):
    """Raised by any attempt to change or delete a decision once taken."""


class DecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise DecisionImmutable("A decision cannot be changed once it is taken.")

    def delete(self):
        raise DecisionImmutable("A decision cannot be deleted once it is taken.")


class Decision(models.Model):
    """A decision as taken: a snapshot of the votes, declarations and comments, published at once.

    Written once by governance.services and never again: the queryset and the instance refuse
    updates and deletes, and the admin shows it read-only. The snapshot keeps the record as it was
    even if a name is later corrected elsewhere.
    """

    class Result(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        RETURNED = "returned", _("Returned for changes")

    commission = models.ForeignKey(
        Commission, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("commission")
    )
    decision_round = models.PositiveSmallIntegerField(_("decision round"))
    result = models.CharField(_("decision"), max_length=10, choices=Result.choices)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    quorum = models.PositiveSmallIntegerField(_("quorum"))
    explanation = models.TextField(_("how the decision was reached"))
    votes = models.JSONField(_("votes"), default=list, encoder=DjangoJSONEncoder)
    declarations = models.JSONField(_("declarations"), default=list, encoder=DjangoJSONEncoder)
    commission_snapshot = models.JSONField(_("what was decided"), default=dict, encoder=DjangoJSONEncoder)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "decision_round"], name="decision_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.commission}: {self.get_result_display()}"

    def save(self, *args, **kwargs):
        # A guard, not business logic: the record must not change under any code path.
        if not self._state.adding:
            raise DecisionImmutable("A decision cannot be changed once it is taken.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DecisionImmutable("A decision cannot be deleted once it is taken.")


class ScrutinyComment(models.Model):
    """A resident's or councillor's comment on a submitted commission, published once an officer checks it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    commission = models.ForeignKey(
        Commission, on_delete=models.PROTECT, related_name="scrutiny_comments", verbose_name=_("commission")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("comment"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    class Meta:
        verbose_name = _("scrutiny comment")
        verbose_name_plural = _("scrutiny comments")
        ordering = ["commission", "created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"
