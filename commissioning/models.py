"""Commissioning cycles and the vote in them: priorities, ballots, results, and who follows a cycle."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import Cooperative, Ward
from outcomes.models import Outcome


class Stage(models.TextChoices):
    """The commissioning cycle as Lambeth describes it; every cycle moves through these in order."""

    ANALYSE = "analyse", _("Analyse")
    PLAN = "plan", _("Plan")
    DO = "do", _("Do")
    REVIEW = "review", _("Review")


STAGE_MEANINGS = {
    Stage.ANALYSE: _("finding out with residents what the area needs"),
    Stage.PLAN: _("residents propose priorities and vote on what to fund"),
    Stage.DO: _("the services chosen are commissioned and delivered"),
    Stage.REVIEW: _("residents and the council look at what worked and what to change"),
}
"""What each stage means, for residents who meet the words Analyse, Plan, Do and Review on a page."""


class Scope(models.TextChoices):
    BOROUGH = "borough", _("The whole borough")
    WARDS = "wards", _("Particular wards")
    COOPERATIVE = "cooperative", _("A co-operative's members")
    ISSUE = "issue", _("An issue that cuts across wards")


class Phase(models.TextChoices):
    """Where a cycle is in its year, as officers see it; worked out from its dates, never stored."""

    DRAFT = "draft", _("Drafts")
    WAITING = "waiting", _("Published, waiting for a window to open")
    PROPOSALS = "proposals", _("Taking proposals")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Voting closed, results to publish")
    RESULTS = "results", _("Results published")
    ARCHIVED = "archived", _("Archived")


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("Approval: choose the priorities you support")
    KNAPSACK = "knapsack", _("Budget: choose priorities within the budget")
    CUMULATIVE = "cumulative", _("Points: share out a number of points")
    ORDINAL = "ordinal", _("Ranking: put priorities in order")


class CountingRule(models.TextChoices):
    GREEDY = "greedy", _("Most votes first, skipping what no longer fits")
    GREEDY_NO_SKIP = "greedy_no_skip", _("Most votes first, stopping at the first that does not fit")
    GREEDY_THRESHOLD = "greedy_threshold", _("Most votes first, with a minimum level of support")
    MES = "mes", _("Method of Equal Shares")
    MES_GREEDY_TOP_UP = "mes_greedy_top_up", _("Method of Equal Shares, leftover spent by most votes")
    MES_WIELICZKA = "mes_wieliczka", _("Method of Equal Shares, shares raised as far as the budget allows")


class Assurance(models.TextChoices):
    """How sure the council must be that each voter is a resident, and only one, set per cycle."""

    EMAIL = "email", _("Anyone with a confirmed email address (a consultation)")
    RESIDENT = "resident", _("Verified residents only (a binding vote)")


class BallotAssurance(models.TextChoices):
    """How the voter was known when the ballot was last cast: kept with the ballot, so results can say."""

    EMAIL = "email", _("Confirmed email address only")
    REGISTER = "register", _("Matched against the council's register")
    CODE = "code", _("Voting code sent by letter")
    IN_PERSON = "in_person", _("Checked in person by an officer")


class CycleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def voting_closed(self, now=None):
        """Cycles whose voting window has ended: their ballots are final and can be counted."""
        return self.filter(voting_closes_at__lte=now or timezone.now())

    def open_for_participation(self, now=None):
        """Cycles taking proposals or votes right now."""
        now = now or timezone.now()
        return self.published().filter(
            Q(proposals_open_at__lte=now, proposals_close_at__gt=now)
            | Q(voting_opens_at__lte=now, voting_closes_at__gt=now)
        )


class CommissioningCycle(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"))
    scope = models.CharField(_("who takes part"), max_length=12, choices=Scope.choices, default=Scope.BOROUGH)
    wards = models.ManyToManyField(Ward, blank=True, related_name="cycles", verbose_name=_("wards"))
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cycles",
        verbose_name=_("co-operative"),
    )
    issue = models.ForeignKey(
        Outcome,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issue_cycles",
        verbose_name=_("issue"),
        help_text=_("For a cycle about one issue across wards: the outcome it is about."),
    )
    outcomes = models.ManyToManyField(Outcome, related_name="cycles", verbose_name=_("outcomes"))
    budget = models.DecimalField(_("budget (£)"), max_digits=12, decimal_places=2)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.ANALYSE)
    proposals_open_at = models.DateTimeField(_("proposals open"), null=True, blank=True)
    proposals_close_at = models.DateTimeField(_("proposals close"), null=True, blank=True)
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    ballot_type = models.CharField(
        _("ballot type"), max_length=12, choices=BallotType.choices, default=BallotType.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most priorities a ballot may choose or rank"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    points_per_voter = models.PositiveSmallIntegerField(
        _("points each voter shares out"), null=True, blank=True, help_text=_("For points ballots only.")
    )
    counting_rule = models.CharField(
        _("counting rule"), max_length=20, choices=CountingRule.choices, default=CountingRule.MES
    )
    minimum_support = models.PositiveIntegerField(
        _("minimum support to be funded"), null=True, blank=True, help_text=_("For the minimum-support rule only.")
    )
    assurance = models.CharField(
        _("who may vote"),
        max_length=10,
        choices=Assurance.choices,
        default=Assurance.EMAIL,
        help_text=_("A binding vote should be for verified residents only: one resident, one vote."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("commissioning cycle")
        verbose_name_plural = _("commissioning cycles")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="cycle_budget_not_negative"),
            models.CheckConstraint(
                condition=~Q(scope="cooperative") | Q(cooperative__isnull=False),
                name="cycle_cooperative_scope_names_cooperative",
            ),
            models.CheckConstraint(
                condition=~Q(scope="issue") | Q(issue__isnull=False),
                name="cycle_issue_scope_names_outcome",
            ),
            models.CheckConstraint(
                condition=Q(archived_at__isnull=True)
                | Q(is_published=False)
                | Q(voting_closes_at__lte=F("archived_at")),
                name="cycle_archived_after_voting",
            ),
            models.CheckConstraint(
                condition=Q(proposals_open_at__isnull=True)
                | Q(proposals_close_at__isnull=True)
                | Q(proposals_open_at__lt=F("proposals_close_at")),
                name="cycle_proposal_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(voting_opens_at__isnull=True)
                | Q(voting_closes_at__isnull=True)
                | Q(voting_opens_at__lt=F("voting_closes_at")),
                name="cycle_voting_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(proposals_close_at__isnull=True)
                | Q(voting_opens_at__isnull=True)
                | Q(proposals_close_at__lte=F("voting_opens_at")),
                name="cycle_voting_after_proposals",
            ),
            models.CheckConstraint(
                condition=~Q(ballot_type="cumulative") | Q(points_per_voter__gte=1),
                name="cycle_points_ballot_has_points",
            ),
            models.CheckConstraint(
                condition=~Q(counting_rule="greedy_threshold") | Q(minimum_support__isnull=False),
                name="cycle_threshold_rule_has_threshold",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, *, now=None, has_result: bool | None = None) -> str:
        """The cycle's phase now. `has_result` saves a query where the caller has counted results already."""
        now = now or timezone.now()
        if self.archived_at:
            return Phase.ARCHIVED
        if not self.is_published:
            return Phase.DRAFT
        if self.has_voting_closed(now):
            if has_result is None:
                has_result = self.results.exists()
            return Phase.RESULTS if has_result else Phase.CLOSED
        if self.is_voting_open(now):
            return Phase.VOTING
        if self.is_taking_proposals(now):
            return Phase.PROPOSALS
        return Phase.WAITING

    @property
    def stage_meaning(self) -> str:
        return str(STAGE_MEANINGS.get(self.stage, ""))

    def is_voting_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.voting_opens_at and self.voting_closes_at and self.voting_opens_at <= now < self.voting_closes_at
        )

    def has_voting_closed(self, now=None) -> bool:
        """Ballots are final from this moment: the count, the results and the ballot file may follow."""
        now = now or timezone.now()
        return self.voting_closes_at is not None and now >= self.voting_closes_at

    def is_ballot_fixed(self, now=None) -> bool:
        """From the moment voting opens, what is on the ballot and how it is counted cannot change."""
        now = now or timezone.now()
        return self.voting_opens_at is not None and now >= self.voting_opens_at

    def is_taking_proposals(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.proposals_open_at
            and self.proposals_close_at
            and self.proposals_open_at <= now < self.proposals_close_at
        )


class PriorityQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Priority.Status.ACCEPTED)


class Priority(models.Model):
    """Something residents propose the cycle should fund; accepted ones go on the ballot."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting moderation")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged into another priority")
        REJECTED = "rejected", _("Not accepted")

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("cycle")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    estimated_cost = models.DecimalField(_("estimated cost (£)"), max_digits=12, decimal_places=2)
    outcome = models.ForeignKey(
        Outcome, on_delete=models.PROTECT, null=True, blank=True, related_name="priorities", verbose_name=_("outcome")
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_priorities",
        verbose_name=_("proposer"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    moderation_reason = models.TextField(_("moderator's reason"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["cycle", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(estimated_cost__gt=0), name="priority_cost_positive"),
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="priority_merged_names_target",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["rejected", "changes_requested"]) | ~Q(moderation_reason=""),
                name="priority_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


def new_receipt_code() -> str:
    """A code the voter keeps to find their anonymised ballot in the published file."""
    return secrets.token_hex(8).upper()


class Channel(models.TextChoices):
    """How a ballot reached us. One ballot per person whatever the channel (Ballot's unique constraint)."""

    ONLINE = "online", _("Online")
    ASSISTED = "assisted", _("With an officer's help")
    PAPER = "paper", _("On paper")


class IdentityCheck(models.TextChoices):
    """How an officer made sure the resident in front of them is who they say they are."""

    PHOTO_ID = "photo_id", _("Photo identification (passport, driving licence, bus pass)")
    COUNCIL_LETTER = "council_letter", _("A letter from the council with their name and address")
    KNOWN_RECORDS = "known_records", _("Name, address and date of birth checked against council records")
    VOUCHED = "vouched", _("Vouched for by a member of staff who knows them")


class Ballot(models.Model):
    """One voter's current ballot in a cycle. Changing one's vote online updates it; the last one counts.

    Assisted and paper ballots are final: neither can be replaced, and neither can replace one cast online.
    """

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("cycle")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("voter")
    )
    receipt_code = models.CharField(_("receipt code"), max_length=32, unique=True, default=new_receipt_code)
    cast_at = models.DateTimeField(_("first cast"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    version = models.PositiveIntegerField(_("times cast"), default=1)
    assurance = models.CharField(
        _("voter checked by"), max_length=10, choices=BallotAssurance.choices, default=BallotAssurance.EMAIL
    )
    channel = models.CharField(_("how it was cast"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    paper_serial = models.PositiveIntegerField(_("ballot paper serial number"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["cycle", "cast_at"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "voter"], name="ballot_one_per_voter_per_cycle"),
            models.UniqueConstraint(
                fields=["cycle", "paper_serial"],
                condition=Q(paper_serial__isnull=False),
                name="ballot_paper_serial_once_per_cycle",
            ),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="ballot_channel_valid"),
            models.CheckConstraint(
                condition=Q(channel="paper", paper_serial__isnull=False)
                | (~Q(channel="paper") & Q(paper_serial__isnull=True)),
                name="ballot_paper_has_serial",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.receipt_code}"

    @property
    def public_voter_id(self) -> str:
        return self.public_voter_id_for(self.receipt_code)

    @staticmethod
    def public_voter_id_for(receipt_code: str) -> str:
        """The ballot's id in the published file: only the receipt holder can link it to this ballot."""
        return hashlib.sha256(receipt_code.strip().upper().encode()).hexdigest()[:16]


class BallotChoice(models.Model):
    """A priority chosen on a ballot, with its points (cumulative) or rank (ordinal) where the type needs one."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices", verbose_name=_("ballot"))
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="choices", verbose_name=_("priority"))
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "priority"], name="ballot_choice_priority_once"),
            models.UniqueConstraint(
                fields=["ballot", "rank"], condition=Q(rank__isnull=False), name="ballot_choice_rank_once"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=1), name="ballot_choice_points_positive"
            ),
            models.CheckConstraint(condition=Q(rank__isnull=True) | Q(rank__gte=1), name="ballot_choice_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.priority_id}"


class PaperBatch(models.Model):
    """A bundle of paper ballots an officer enters together, and how its entry is checked.

    Double entry: each paper is typed in by two different officers and counts only when both agree.
    Batch total: each paper is typed in once and the batch is checked against the number of papers
    counted by hand into it.
    """

    class Check(models.TextChoices):
        DOUBLE_ENTRY = "double_entry", _("Each paper entered twice, by two different officers")
        BATCH_TOTAL = "batch_total", _("Each paper entered once, checked against the number of papers in the batch")

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="paper_batches", verbose_name=_("cycle")
    )
    label = models.CharField(_("batch name"), max_length=100, help_text=_("For example: Brixton Library, 3 June."))
    check_method = models.CharField(_("how entry is checked"), max_length=12, choices=Check.choices)
    declared_total = models.PositiveIntegerField(_("number of papers in the batch"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    checked_at = models.DateTimeField(_("checked against its total"), null=True, blank=True)

    class Meta:
        verbose_name = _("paper ballot batch")
        verbose_name_plural = _("paper ballot batches")
        ordering = ["cycle", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "label"], name="paper_batch_label_once_per_cycle"),
            models.CheckConstraint(
                condition=Q(check_method__in=["double_entry", "batch_total"]), name="paper_batch_check_valid"
            ),
            models.CheckConstraint(
                condition=~Q(check_method="batch_total") | Q(declared_total__gte=1),
                name="paper_batch_total_declared",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.label}"


class PaperEntry(models.Model):
    """One officer's typing-in of one paper ballot. Its choices are kept only until the paper counts."""

    batch = models.ForeignKey(PaperBatch, on_delete=models.PROTECT, related_name="entries", verbose_name=_("batch"))
    cycle = models.ForeignKey(CommissioningCycle, on_delete=models.PROTECT, related_name="+", verbose_name=_("cycle"))
    serial = models.PositiveIntegerField(_("serial number"))
    entry_number = models.PositiveSmallIntegerField(_("first or second entry"))
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(_("choices"), default=dict, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    counted = models.BooleanField(_("counted"), default=False)

    class Meta:
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        ordering = ["batch", "serial", "entry_number"]
        constraints = [
            # At most a first and a second entry of each paper in a cycle: two officers racing to make
            # the same entry meet here, and one of them is told it is already done.
            models.UniqueConstraint(fields=["cycle", "serial", "entry_number"], name="paper_entry_once"),
            models.CheckConstraint(condition=Q(entry_number__in=[1, 2]), name="paper_entry_first_or_second"),
        ]

    def __str__(self) -> str:
        return f"{self.batch} — {self.serial} ({self.entry_number})"


class CycleResult(models.Model):
    """A snapshot of the count, taken when voting closes, so the published result never shifts."""

    cycle = models.ForeignKey(
        CommissioningCycle, on_delete=models.PROTECT, related_name="results", verbose_name=_("cycle")
    )
    rule = models.CharField(_("counting rule"), max_length=20, choices=CountingRule.choices)
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)
    budget = models.DecimalField(_("budget (£)"), max_digits=12, decimal_places=2)
    spent = models.DecimalField(_("allocated (£)"), max_digits=12, decimal_places=2)
    funded = models.JSONField(_("funded priorities"), default=list)
    explanations = models.JSONField(_("explanations"), default=dict)
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("cycle result")
        verbose_name_plural = _("cycle results")
        ordering = ["cycle", "-computed_at"]
        get_latest_by = "computed_at"
        constraints = [
            models.CheckConstraint(condition=Q(spent__lte=F("budget")), name="result_within_budget"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.get_rule_display()} ({self.computed_at:%d %b %Y %H:%M})"


class Follow(models.Model):
    """A person who wants to hear about a cycle's results and decisions without voting in it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    cycle = models.ForeignKey(CommissioningCycle, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["user", "cycle"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.cycle}"
