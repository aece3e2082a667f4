"""Writes for cycles: proposals, moderation, ballots, follows. Pages, API, commands and tasks all call these."""

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commissioning import selectors
from commissioning.ballots import BallotRules, ballot_problems
from commissioning.eligibility import participation_for
from commissioning.models import (
    Ballot,
    BallotChoice,
    BallotType,
    Channel,
    CommissioningCycle,
    Follow,
    IdentityCheck,
    PaperBatch,
    PaperEntry,
    Priority,
    Scope,
    new_receipt_code,
)
from core import audit
from core.errors import DomainError
from notifications.events import Event
from notifications.services import languages_at_hand, notify


def _require_participation(user, cycle: CommissioningCycle):
    participation = participation_for(user, cycle)
    if not participation.allowed:
        raise DomainError(" ".join(participation.reasons), code=participation.code)
    return participation


@transaction.atomic
def priority_propose(*, user, cycle: CommissioningCycle, title: str, description: str, estimated_cost, outcome=None):
    if not cycle.is_taking_proposals():
        raise DomainError(_("This cycle is not taking proposals at the moment."), code="proposals_closed")
    _require_participation(user, cycle)
    if estimated_cost > cycle.budget:
        raise DomainError(
            _("The estimated cost is more than the cycle's whole budget of £%(budget)s.")
            % {"budget": f"{cycle.budget:,.0f}"},
            code="over_budget",
            field="estimated_cost",
        )
    priority = Priority.objects.create(
        cycle=cycle,
        title=title.strip(),
        description=description.strip(),
        estimated_cost=estimated_cost,
        outcome=outcome,
        proposer=user,
    )
    audit.record(actor=user, obj=priority, context=cycle, action="priority.proposed", after=audit.snapshot(priority))
    return priority


@transaction.atomic
def priority_revise(*, user, priority_id: int, title: str, description: str, estimated_cost, outcome=None):
    """The proposer answers a request for changes; the priority goes back to the moderators."""
    priority = Priority.objects.select_for_update().select_related("cycle").get(pk=priority_id)
    before = audit.snapshot(priority)
    if priority.proposer_id != user.pk:
        raise DomainError(_("Only the person who proposed this priority can change it."), code="not_proposer")
    if priority.status not in (Priority.Status.SUBMITTED, Priority.Status.CHANGES_REQUESTED):
        raise DomainError(_("This priority has been moderated and can no longer be changed."), code="moderated")
    if not priority.cycle.is_taking_proposals():
        raise DomainError(_("This cycle is not taking proposals at the moment."), code="proposals_closed")
    priority.title, priority.description = title.strip(), description.strip()
    priority.estimated_cost, priority.outcome = estimated_cost, outcome
    priority.status, priority.moderation_reason = Priority.Status.SUBMITTED, ""
    priority.save()
    audit.record(
        actor=user,
        obj=priority,
        context=priority.cycle,
        action="priority.revised",
        before=before,
        after=audit.snapshot(priority),
    )
    return priority


MODERATION_DECISIONS = {
    "accept": gettext_lazy("Accept: put it on the ballot"),
    "request_changes": gettext_lazy("Ask the proposer for changes"),
    "merge": gettext_lazy("Merge into another priority"),
    "reject": gettext_lazy("Do not accept"),
}
"""What a moderator may decide, in the order the form offers them; decisions other than accept need a reason."""


@transaction.atomic
def priority_moderate(
    *, priority_id: int, decision: str, reason: str = "", merge_into_id: int | None = None, moderator=None
):
    priority = Priority.objects.select_for_update().select_related("cycle").get(pk=priority_id)
    before = audit.snapshot(priority)
    reason = reason.strip()
    if decision not in MODERATION_DECISIONS:
        raise DomainError(_("Choose what to do with this proposal."), code="decision_required", field="decision")
    if decision in ("request_changes", "reject", "merge") and not reason:
        raise DomainError(_("Give the proposer a reason."), code="reason_required", field="reason")
    if priority.cycle.is_ballot_fixed():
        # Ballots name these priorities; changing the list once voting opens would change what was voted on.
        raise DomainError(_("Voting has started: the ballot can no longer be changed."), code="ballot_fixed")
    priority.moderation_reason = reason
    priority.merged_into = None
    if decision == "accept":
        priority.status = Priority.Status.ACCEPTED
    elif decision == "request_changes":
        priority.status = Priority.Status.CHANGES_REQUESTED
    elif decision == "reject":
        priority.status = Priority.Status.REJECTED
    else:
        target = Priority.objects.filter(pk=merge_into_id, cycle_id=priority.cycle_id).exclude(pk=priority.pk).first()
        if target is None:
            raise DomainError(
                _("Choose a priority in the same cycle to merge into."), code="merge_target", field="merge_into"
            )
        priority.status = Priority.Status.MERGED
        priority.merged_into = target
    priority.save()
    audit.record(
        actor=moderator,
        obj=priority,
        context=priority.cycle,
        action=f"priority.{decision}",
        before=before,
        after=audit.snapshot(priority),
        public=True,
    )
    if priority.proposer_id:
        notify(
            event=Event.PROPOSAL_MODERATED,
            recipient_ids=[priority.proposer_id],
            key=f"priority:{priority.pk}:{priority.status}:{priority.updated_at.isoformat()}",
            context={"priority": priority},
            url=reverse("my_proposals"),
        )
    return priority


def _ballot_upserted(
    cycle: CommissioningCycle,
    user,
    assurance: str,
    channel: str = Channel.ONLINE,
    paper_serial: int | None = None,
) -> tuple[Ballot, bool] | None:
    """The voter's ballot row, new or moved on a version, locked until commit; True if it is new.

    One INSERT … ON CONFLICT DO UPDATE (PostgreSQL and SQLite alike) instead of a locking read and a
    write: a cast is one round trip, and two tabs casting at once queue on the row at the unique
    constraint, the later one's choices replacing the earlier's. Only an online ballot replaces an
    online one: where either is assisted or on paper the update's WHERE fails, no row comes back,
    and None says the person has already voted another way.
    """
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    table = connection.ops.quote_name(Ballot._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (cycle_id, voter_id, receipt_code, cast_at, updated_at, version, assurance, "
            "channel, paper_serial) VALUES (%s, %s, %s, %s, %s, 1, %s, %s, %s) "
            f"ON CONFLICT (cycle_id, voter_id) DO UPDATE SET version = {table}.version + 1, updated_at = %s, "
            "assurance = %s "
            f"WHERE {table}.channel = %s AND excluded.channel = %s "
            "RETURNING id, receipt_code, version",
            [
                cycle.pk,
                user.pk,
                new_receipt_code(),
                stamp,
                stamp,
                assurance,
                channel,
                paper_serial,
                stamp,
                assurance,
                Channel.ONLINE.value,
                Channel.ONLINE.value,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, receipt_code, version = row
    ballot = Ballot.from_db(
        connection.alias,
        ["id", "cycle_id", "voter_id", "receipt_code", "updated_at", "version", "assurance", "channel", "paper_serial"],
        [pk, cycle.pk, user.pk, receipt_code, now, version, assurance, channel, paper_serial],
    )
    ballot.cycle = cycle
    return ballot, version == 1


def already_voted_message(existing: Ballot, *, by_officer: bool) -> str:
    """Why a second ballot is refused, said to the resident (online) or to the officer entering it."""
    when = date_format(timezone.localtime(existing.cast_at), "j F Y")
    if by_officer:
        if existing.channel == Channel.ONLINE:
            text = _(
                "This resident has already voted online, on %(when)s. Their online ballot counts; this one cannot."
            )
        elif existing.channel == Channel.PAPER:
            text = _(
                "This resident has already voted on paper (serial number %(serial)s), entered on %(when)s. "
                "A person can vote only once."
            )
        else:
            text = _(
                "This resident has already voted with an officer's help, on %(when)s. A person can vote only once."
            )
    elif existing.channel == Channel.PAPER:
        text = _(
            "You have already voted on a paper ballot, entered on %(when)s. It counts, and it cannot be changed "
            "online. You can vote only once."
        )
    else:
        text = _(
            "You have already voted with the help of a council officer, on %(when)s. That vote counts, and it "
            "cannot be changed online. You can vote only once."
        )
    return text % {"when": when, "serial": existing.paper_serial}


def _checked_choices(cycle: CommissioningCycle, voter, choices: dict[int, int], now=None) -> tuple[dict, object]:
    """Refuse a ballot that cannot be cast; else the ballot (priority id → cost, title) and the voter's standing."""
    if not cycle.is_voting_open(now):
        raise DomainError(_("Voting in this cycle is not open."), code="voting_closed")
    participation = _require_participation(voter, cycle)
    on_ballot = selectors.ballot_options(cycle)
    costs = {pk: cost for pk, (cost, _title) in on_ballot.items()}
    rules = BallotRules(cycle.ballot_type, cycle.budget, cycle.max_choices, cycle.points_per_voter)
    problems = ballot_problems(rules, choices, costs)
    if problems:
        raise DomainError(" ".join(problems), code="invalid_ballot", details=problems)
    return on_ballot, participation


@dataclass(frozen=True)
class CastBallot:
    """A ballot just cast and the choices written with it, so the caller need not read them back."""

    ballot: Ballot
    choices: list[BallotChoice]


@transaction.atomic
def ballot_cast(
    *,
    user,
    cycle_id: int,
    choices: dict[int, int],
    now=None,
    cycle: CommissioningCycle | None = None,
    channel: str = Channel.ONLINE,
    entered_by=None,
    identity_check: str = "",
    paper_serial: int | None = None,
) -> CastBallot:
    """Record the voter's ballot, replacing any earlier one cast online. Nothing is saved if anything is wrong.

    `user` is the voter. An officer recording a ballot for a resident who is present (`channel`
    assisted, with the `identity_check` they made) or entering a paper (`channel` paper, with its
    `paper_serial`) is `entered_by`; those ballots are final, and they are audited without their
    choices. A caller that has just loaded the cycle may pass it, to save fetching it again.
    """
    if cycle is None or cycle.pk != cycle_id:
        cycle = CommissioningCycle.objects.get(pk=cycle_id)
    if channel != Channel.ONLINE and entered_by is None:
        raise DomainError(_("An officer must be named as entering this ballot."), code="officer_required")
    if channel == Channel.ASSISTED and identity_check not in IdentityCheck.values:
        raise DomainError(
            _("Choose how you checked the resident's identity."), code="identity_check_required", field="identity_check"
        )
    if (channel == Channel.PAPER) != (paper_serial is not None):
        raise DomainError(_("A paper ballot needs its serial number."), code="serial_required", field="serial")
    on_ballot, participation = _checked_choices(cycle, user, choices, now)
    try:
        with transaction.atomic():
            # How the voter is known now goes with the ballot, so the count can say how its ballots were assured.
            upserted = _ballot_upserted(cycle, user, participation.assurance, channel, paper_serial)
    except IntegrityError:
        # The only other unique constraint an insert can meet: this paper's serial is already counted.
        raise DomainError(
            _("Paper %(serial)s has already been counted in this cycle.") % {"serial": paper_serial},
            code="serial_counted",
            field="serial",
        ) from None
    if upserted is None:
        existing = Ballot.objects.get(cycle=cycle, voter=user)
        raise DomainError(
            already_voted_message(existing, by_officer=channel != Channel.ONLINE),
            code="already_voted",
            details=[already_voted_message(existing, by_officer=channel != Channel.ONLINE)],
        )
    ballot, created = upserted
    if not created:
        BallotChoice.objects.filter(ballot=ballot).delete()
    made = BallotChoice.objects.bulk_create(
        BallotChoice(
            ballot=ballot,
            priority_id=priority_id,
            points=value if cycle.ballot_type == BallotType.CUMULATIVE else None,
            rank=value if cycle.ballot_type == BallotType.ORDINAL else None,
        )
        for priority_id, value in choices.items()
    )
    if channel != Channel.ONLINE:
        # Who entered it, when and how, described by the voter (never the ballot: its name holds the
        # receipt code, which would pair the person with their row of the public ballot file).
        audit.record(
            actor=entered_by,
            obj=user,
            context=cycle,
            action=f"ballot.{channel}",
            after={
                "channel": channel,
                "identity_check": identity_check or None,
                "paper_serial": paper_serial,
            },
        )
    notify(
        event=Event.BALLOT_RECEIPT,
        recipient_ids=[user.pk],
        key=f"ballot:{ballot.pk}:cast:{ballot.version}",
        context={
            "ballot": ballot,
            "choices": sorted(
                (
                    {"priority": {"title": on_ballot[c.priority_id][1]}, "points": c.points, "rank": c.rank}
                    for c in made
                ),
                key=lambda c: (c["rank"] or 0, c["priority"]["title"]),
            ),
        },
        url=reverse("ballot_done", args=[cycle.slug]),
        languages=languages_at_hand([user]),
    )
    return CastBallot(ballot, made)


@transaction.atomic
def paper_batch_open(
    *, officer, cycle: CommissioningCycle, label: str, check_method: str, declared_total: int | None = None
) -> PaperBatch:
    label = label.strip()
    if not label:
        raise DomainError(_("Give the batch a name."), code="label_required", field="label")
    if check_method not in PaperBatch.Check.values:
        raise DomainError(_("Choose how the batch is checked."), code="check_required", field="check_method")
    if check_method == PaperBatch.Check.BATCH_TOTAL and not declared_total:
        raise DomainError(_("Enter the number of papers in the batch."), code="total_required", field="declared_total")
    if PaperBatch.objects.filter(cycle=cycle, label=label).exists():
        raise DomainError(_("This cycle already has a batch with that name."), code="label_taken", field="label")
    batch = PaperBatch.objects.create(
        cycle=cycle, label=label, check_method=check_method, declared_total=declared_total, created_by=officer
    )
    audit.record(actor=officer, obj=batch, context=cycle, action="paper.batch_opened", after=audit.snapshot(batch))
    return batch


@dataclass(frozen=True)
class PaperEntered:
    """What entering a paper did: counted it, or kept it for a second officer's entry."""

    entry: PaperEntry
    counted: bool


def _stored_choices(choices: dict[int, int]) -> dict[str, int]:
    return {str(pk): int(value) for pk, value in sorted(choices.items())}


def _paper_entry_created(**fields) -> PaperEntry:
    try:
        with transaction.atomic():
            return PaperEntry.objects.create(**fields)
    except IntegrityError:
        # Another officer made this very entry a moment ago (the unique constraint on serial and entry).
        raise DomainError(
            _("Paper %(serial)s has just been entered by someone else. Check the batch before going on.")
            % {"serial": fields["serial"]},
            code="entry_taken",
            field="serial",
        ) from None


@transaction.atomic
def paper_ballot_enter(
    *, officer, batch_id: int, serial: int, voter, choices: dict[int, int], now=None
) -> PaperEntered:
    """Enter one paper ballot of a batch. Under double entry it counts when a second officer's entry agrees.

    Idempotent in effect: entering a counted paper again is refused, so a paper never counts twice.
    Only the batch row is locked (`of=self`), never its cycle: an online vote inserting a ballot takes
    a key-share lock on the cycle, and a cycle locked here while this waits on that ballot would deadlock.
    """
    batch = PaperBatch.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=batch_id)
    cycle = batch.cycle
    if batch.checked_at is not None:
        raise DomainError(_("This batch has been checked and closed."), code="batch_closed")
    if Ballot.objects.filter(cycle=cycle, paper_serial=serial).exists():
        raise DomainError(
            _("Paper %(serial)s has already been counted in this cycle.") % {"serial": serial},
            code="serial_counted",
            field="serial",
        )
    existing = Ballot.objects.filter(cycle=cycle, voter=voter).first()
    if existing is not None:
        raise DomainError(already_voted_message(existing, by_officer=True), code="already_voted", field="voter")
    _checked_choices(cycle, voter, choices, now)
    stored = _stored_choices(choices)
    earlier = list(PaperEntry.objects.filter(cycle=cycle, serial=serial).order_by("entry_number"))
    if batch.check_method == PaperBatch.Check.BATCH_TOTAL or not earlier:
        if earlier:
            raise DomainError(
                _("Paper %(serial)s has already been entered.") % {"serial": serial}, code="entered", field="serial"
            )
        counts_now = batch.check_method == PaperBatch.Check.BATCH_TOTAL
        entry = _paper_entry_created(
            batch=batch,
            cycle=cycle,
            serial=serial,
            entry_number=1,
            voter=voter,
            choices={} if counts_now else stored,
            entered_by=officer,
            counted=counts_now,
        )
    else:
        first = earlier[0]
        if len(earlier) > 1:
            raise DomainError(
                _("Paper %(serial)s has already been entered twice.") % {"serial": serial},
                code="entered",
                field="serial",
            )
        if first.batch_id != batch.pk:
            raise DomainError(
                _("Paper %(serial)s was first entered in another batch, “%(batch)s”.")
                % {"serial": serial, "batch": first.batch.label},
                code="other_batch",
                field="serial",
            )
        if first.entered_by_id == officer.pk:
            raise DomainError(
                _("You made the first entry of paper %(serial)s. A different officer must enter it the second time.")
                % {"serial": serial},
                code="same_officer",
                field="serial",
            )
        if first.voter_id != voter.pk or first.choices != stored:
            raise DomainError(
                _(
                    "This entry of paper %(serial)s does not match the first one. Check the paper: if you are "
                    "sure of yours, the first entry was wrong and must be discarded before the paper is "
                    "entered again."
                )
                % {"serial": serial},
                code="entries_differ",
                field="serial",
            )
        entry = _paper_entry_created(
            batch=batch, cycle=cycle, serial=serial, entry_number=2, voter=voter, entered_by=officer, counted=True
        )
        PaperEntry.objects.filter(pk=first.pk).update(counted=True, choices={})
        counts_now = True
    audit.record(
        actor=officer,
        obj=entry,
        context=cycle,
        action="paper.entered",
        after={"batch": batch.pk, "serial": serial, "entry_number": entry.entry_number},
    )
    if counts_now:
        ballot_cast(
            user=voter,
            cycle_id=cycle.pk,
            cycle=cycle,
            choices=choices,
            now=now,
            channel=Channel.PAPER,
            entered_by=officer,
            paper_serial=serial,
        )
    return PaperEntered(entry, counts_now)


@transaction.atomic
def paper_entry_discard(*, officer, entry_id: int) -> None:
    """Throw away a first entry that has not counted (it was mistyped), so the paper can be entered again."""
    entry = PaperEntry.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=entry_id)
    if entry.counted:
        raise DomainError(_("This paper has been counted; its entry cannot be discarded."), code="counted")
    audit.record(
        actor=officer,
        obj=entry,
        context=entry.cycle,
        action="paper.discarded",
        before={"batch": entry.batch_id, "serial": entry.serial, "entry_number": entry.entry_number},
    )
    entry.delete()


@transaction.atomic
def paper_batch_check(*, officer, batch_id: int) -> PaperBatch:
    """Close a batch once every paper in it has counted and, where a total was given, the count matches it."""
    batch = PaperBatch.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=batch_id)
    if batch.checked_at is not None:
        return batch
    waiting = batch.entries.filter(counted=False).count()
    if waiting:
        raise DomainError(
            ngettext(
                "%(n)d paper is waiting for its second entry.",
                "%(n)d papers are waiting for their second entry.",
                waiting,
            )
            % {"n": waiting},
            code="entries_waiting",
        )
    counted = batch.entries.filter(counted=True, entry_number=1).count()
    if batch.declared_total is not None and counted != batch.declared_total:
        raise DomainError(
            ngettext(
                "%(n)d paper has been entered, but the batch holds %(total)d. Find the difference before closing it.",
                "%(n)d papers have been entered, but the batch holds %(total)d. Find the difference before closing it.",
                counted,
            )
            % {"n": counted, "total": batch.declared_total},
            code="total_differs",
        )
    batch.checked_at = timezone.now()
    batch.save(update_fields=["checked_at"])
    audit.record(
        actor=officer,
        obj=batch,
        context=batch.cycle,
        action="paper.batch_checked",
        after={"counted": counted, "declared_total": batch.declared_total},
    )
    return batch


def ward_lock(user, ward=None) -> str | None:
    """Why this person cannot move ward now: they voted in a ward cycle still open (they could vote twice)."""
    held = (
        Ballot.objects.filter(voter=user, cycle__scope=Scope.WARDS, cycle__voting_closes_at__gt=timezone.now())
        .select_related("cycle")
        .first()
    )
    if held is None:
        return None
    return _(
        "You have voted in %(cycle)s, which is for particular wards. You can change your ward after its voting closes on %(when)s."  # noqa: E501 - one sentence for translators
    ) % {"cycle": held.cycle.title, "when": date_format(timezone.localtime(held.cycle.voting_closes_at), "j F Y")}


@transaction.atomic
def follow_toggle(*, user, cycle: CommissioningCycle) -> bool:
    """Follow a cycle, or stop following it; True if the person now follows it."""
    deleted, _rows = Follow.objects.filter(user=user, cycle=cycle).delete()
    if deleted:
        return False
    Follow.objects.get_or_create(user=user, cycle=cycle)
    return True


# --- Running a cycle: officers set it up, publish it, change its windows, publish results, archive it ---

BALLOT_FIELDS = ("budget", "ballot_type", "max_choices", "points_per_voter", "counting_rule", "minimum_support")
"""What residents vote under: fixed from the moment voting opens."""
SCOPE_FIELDS = ("scope", "wards", "cooperative", "issue", "outcomes", "assurance")
"""Who takes part and what for: fixed from the moment voting opens too, since it decides who may vote."""
WINDOW_FIELDS = ("proposals_open_at", "proposals_close_at", "voting_opens_at", "voting_closes_at")
EDITABLE_FIELDS = frozenset(("title", "summary", *BALLOT_FIELDS, *SCOPE_FIELDS, *WINDOW_FIELDS))
MANY_TO_MANY = ("wards", "outcomes")
CYCLE_STATE_FIELDS = [
    "title",
    "summary",
    "scope",
    "cooperative",
    "issue",
    "assurance",
    "budget",
    *WINDOW_FIELDS,
    "ballot_type",
    "max_choices",
    "points_per_voter",
    "counting_rule",
    "minimum_support",
    "is_published",
    "archived_at",
]


def _cycle_state(cycle: CommissioningCycle) -> dict:
    state = audit.snapshot(cycle, CYCLE_STATE_FIELDS)
    for name in ("budget", *WINDOW_FIELDS, "archived_at"):
        value = state.get(name)
        state[name] = value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)
    state["wards"] = sorted(cycle.wards.values_list("pk", flat=True))
    state["outcomes"] = sorted(cycle.outcomes.values_list("pk", flat=True))
    return state


def _cycle_for_update(cycle_id: int) -> CommissioningCycle:
    return CommissioningCycle.objects.select_for_update().get(pk=cycle_id)


RESERVED_SLUGS = {"new"}  # officer/cycles/new/ starts a cycle


def _unique_slug(title: str) -> str:
    from django.utils.text import slugify

    base = slugify(title)[:180] or "cycle"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or CommissioningCycle.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def cycle_create(*, user, title: str, summary: str) -> CommissioningCycle:
    """Start a draft cycle: nobody but officers sees it until it is published."""
    title, summary = title.strip(), summary.strip()
    if not title:
        raise DomainError(_("Enter a title."), code="title_required", field="title")
    if not summary:
        raise DomainError(_("Say what the cycle is for."), code="summary_required", field="summary")
    cycle = CommissioningCycle.objects.create(
        title=title, slug=_unique_slug(title), summary=summary, budget=0, created_by=user
    )
    audit.record(actor=user, obj=cycle, context=cycle, action="cycle.created", after=_cycle_state(cycle))
    return cycle


def _check_windows(cycle: CommissioningCycle) -> None:
    """The windows' order, said in words (the database's check constraints say it again)."""
    p_open, p_close, v_open, v_close = (getattr(cycle, name) for name in WINDOW_FIELDS)
    if p_open and p_close and p_open >= p_close:
        raise DomainError(_("Proposals must close after they open."), code="window_order", field="proposals_close_at")
    if v_open and v_close and v_open >= v_close:
        raise DomainError(_("Voting must close after it opens."), code="window_order", field="voting_closes_at")
    if p_close and v_open and p_close > v_open:
        raise DomainError(_("Voting must open after proposals close."), code="window_order", field="voting_opens_at")


def _check_ballot(cycle: CommissioningCycle) -> None:
    if cycle.budget is None or cycle.budget < 0:
        raise DomainError(_("Enter a budget of £0 or more."), code="budget", field="budget")
    if cycle.ballot_type == BallotType.CUMULATIVE and not cycle.points_per_voter:
        raise DomainError(
            _("Say how many points each voter shares out."), code="points_required", field="points_per_voter"
        )
    if cycle.counting_rule == "greedy_threshold" and cycle.minimum_support is None:
        raise DomainError(
            _("Say how much support a priority needs to be funded."),
            code="threshold_required",
            field="minimum_support",
        )
    if cycle.scope == Scope.COOPERATIVE and cycle.cooperative_id is None:
        raise DomainError(_("Choose the co-operative."), code="cooperative_required", field="cooperative")
    if cycle.scope == Scope.ISSUE and cycle.issue_id is None:
        raise DomainError(_("Choose the issue the cycle is about."), code="issue_required", field="issue")


@transaction.atomic
def cycle_update(*, user, cycle_id: int, changes: dict) -> CommissioningCycle:
    """Change a cycle's set-up. What residents vote under and who may vote is fixed once voting opens;
    once a window has opened, windows move only by extending them or closing voting early, with a reason."""
    cycle = _cycle_for_update(cycle_id)
    before = _cycle_state(cycle)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(_("These details cannot be changed here."), code="not_editable")
    now = timezone.now()
    if cycle.archived_at:
        raise DomainError(_("This cycle is archived and can no longer be changed."), code="archived")
    changing = {name for name, value in changes.items() if _differs(cycle, name, value)}
    if cycle.is_published and cycle.is_ballot_fixed(now) and changing & {*BALLOT_FIELDS, *SCOPE_FIELDS}:
        raise DomainError(_("Voting has started: the ballot can no longer be changed."), code="ballot_fixed")
    window_started = any(
        moment is not None and moment <= now for moment in (cycle.proposals_open_at, cycle.voting_opens_at)
    )
    if cycle.is_published and window_started and changing & set(WINDOW_FIELDS):
        raise DomainError(
            _("A window has opened: extend it or close voting early instead, and give a reason."),
            code="window_started",
        )
    for name, value in changes.items():
        if name not in MANY_TO_MANY:
            setattr(cycle, name, value.strip() if isinstance(value, str) and name in ("title", "summary") else value)
    if cycle.scope != Scope.COOPERATIVE:
        cycle.cooperative = None
    if cycle.scope != Scope.ISSUE:
        cycle.issue = None
    _check_windows(cycle)
    _check_ballot(cycle)
    cycle.save()
    for name in MANY_TO_MANY:
        if name in changes:
            getattr(cycle, name).set(changes[name])
    if cycle.scope != Scope.WARDS and "scope" in changes:
        cycle.wards.clear()
    after = _cycle_state(cycle)
    if after != before:
        audit.record(actor=user, obj=cycle, context=cycle, action="cycle.updated", before=before, after=after)
    return cycle


def _differs(cycle: CommissioningCycle, name: str, value) -> bool:
    if name in MANY_TO_MANY:
        return {getattr(item, "pk", item) for item in value} != set(getattr(cycle, name).values_list("pk", flat=True))
    current = getattr(cycle, name)
    return current != value


def cycle_missing(cycle: CommissioningCycle) -> list[tuple[str, str]]:
    """What a cycle still needs before it can be published: (step, sentence) pairs, in the order asked."""
    missing = []
    if cycle.scope == Scope.WARDS and not cycle.wards.exists():
        missing.append(("scope", _("Choose at least one ward.")))
    if not cycle.outcomes.exists():
        missing.append(("outcomes", _("Choose at least one outcome the cycle works towards.")))
    if not cycle.budget:
        missing.append(("budget", _("Enter the budget.")))
    if not (cycle.voting_opens_at and cycle.voting_closes_at):
        missing.append(("windows", _("Set when voting opens and closes.")))
    if bool(cycle.proposals_open_at) != bool(cycle.proposals_close_at):
        missing.append(("windows", _("Set both when proposals open and when they close, or neither.")))
    return missing


@transaction.atomic
def cycle_publish(*, user, cycle_id: int) -> CommissioningCycle:
    """Make a complete draft public; beat then tells residents as each window opens."""
    cycle = _cycle_for_update(cycle_id)
    before = _cycle_state(cycle)
    if cycle.is_published:
        raise DomainError(_("This cycle is already published."), code="already_published")
    missing = cycle_missing(cycle)
    if missing:
        raise DomainError(" ".join(sentence for _step, sentence in missing), code="incomplete")
    if cycle.voting_closes_at <= timezone.now():
        raise DomainError(_("Voting would already be over: set a voting window in the future."), code="window_past")
    cycle.is_published = True
    cycle.save(update_fields=["is_published", "updated_at"])
    audit.record(
        actor=user,
        obj=cycle,
        context=cycle,
        action="cycle.published",
        before=before,
        after=_cycle_state(cycle),
        public=True,
    )
    return cycle


WINDOWS = {"proposals": ("proposals_open_at", "proposals_close_at"), "voting": ("voting_opens_at", "voting_closes_at")}


def _tell_affected(cycle: CommissioningCycle, *, key: str, change: str, reason: str) -> int:
    """Everyone who may take part, and everyone following, hears that a window moved and why."""
    people = {*selectors.eligible_voters(cycle).values_list("pk", flat=True), *selectors.cycle_audience(cycle.pk)}
    return notify(
        event=Event.CYCLE_WINDOW_CHANGED,
        recipient_ids=people,
        key=key,
        context={"cycle": cycle, "change": change, "reason": reason},
        url=reverse("cycle_detail", args=[cycle.slug]),
    )


@transaction.atomic
def cycle_window_extend(*, user, cycle_id: int, window: str, closes_at, reason: str) -> CommissioningCycle:
    """Give residents longer to propose or vote. Only a window not yet closed, only later, with a reason."""
    cycle = _cycle_for_update(cycle_id)
    before = _cycle_state(cycle)
    reason = reason.strip()
    if window not in WINDOWS:
        raise DomainError(_("Choose which window to extend."), code="window_required", field="window")
    if not reason:
        raise DomainError(_("Give a reason: residents will see it."), code="reason_required", field="reason")
    closes_name = WINDOWS[window][1]
    current = getattr(cycle, closes_name)
    now = timezone.now()
    if not cycle.is_published or current is None:
        raise DomainError(_("Only a published cycle's windows can be extended."), code="not_published")
    if current <= now:
        raise DomainError(_("This window has already closed."), code="window_closed", field="closes_at")
    if closes_at <= current:
        raise DomainError(_("Choose a time after the window now closes."), code="not_later", field="closes_at")
    setattr(cycle, closes_name, closes_at)
    if window == "proposals" and cycle.voting_opens_at and closes_at > cycle.voting_opens_at:
        raise DomainError(
            _("Proposals must close before voting opens. Extend voting later instead, or choose an earlier time."),
            code="window_order",
            field="closes_at",
        )
    _check_windows(cycle)
    cycle.save(update_fields=[closes_name, "updated_at"])
    audit.record(
        actor=user,
        obj=cycle,
        context=cycle,
        action=f"cycle.{window}_extended",
        before=before,
        after={**_cycle_state(cycle), "reason": reason},
        public=True,
    )
    when = f"{timezone.localtime(closes_at):%d %B %Y, %H:%M}"
    change = (
        _("Proposals now close on %(when)s.") if window == "proposals" else _("Voting now closes on %(when)s.")
    ) % {"when": when}
    _tell_affected(cycle, key=f"cycle:{cycle.pk}:{window}:closes:{closes_at.isoformat()}", change=change, reason=reason)
    return cycle


@transaction.atomic
def cycle_voting_close_early(*, user, cycle_id: int, reason: str) -> CommissioningCycle:
    """End voting now. The ballots cast so far are final and are counted."""
    cycle = _cycle_for_update(cycle_id)
    before = _cycle_state(cycle)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give a reason: residents will see it."), code="reason_required", field="reason")
    now = timezone.now()
    if not (cycle.is_published and cycle.is_voting_open(now)):
        raise DomainError(_("Voting in this cycle is not open."), code="voting_closed")
    cycle.voting_closes_at = now
    cycle.save(update_fields=["voting_closes_at", "updated_at"])
    audit.record(
        actor=user,
        obj=cycle,
        context=cycle,
        action="cycle.voting_closed_early",
        before=before,
        after={**_cycle_state(cycle), "reason": reason},
        public=True,
    )
    _tell_affected(
        cycle, key=f"cycle:{cycle.pk}:voting:closed-early", change=_("Voting has closed early."), reason=reason
    )
    return cycle


def cycle_results_publish(*, user, cycle_id: int):
    """Count a closed cycle now rather than waiting for the beat sweep; voters and followers are told."""
    from commissioning import counting

    with transaction.atomic():
        cycle = _cycle_for_update(cycle_id)
        if not cycle.is_published:
            raise DomainError(_("This cycle is not published."), code="not_published")
        already = cycle.results.exists()
        result = counting.cycle_count(cycle_id=cycle.pk)
        if not already:
            audit.record(
                actor=user,
                obj=cycle,
                context=cycle,
                action="cycle.results_published",
                after={"result": result.pk},
                public=True,
            )
    return result


@transaction.atomic
def cycle_archive(*, user, cycle_id: int) -> CommissioningCycle:
    """Put a finished cycle (or an abandoned draft) away: it leaves officers' working lists, its record stays."""
    cycle = _cycle_for_update(cycle_id)
    before = _cycle_state(cycle)
    if cycle.archived_at:
        raise DomainError(_("This cycle is already archived."), code="archived")
    if cycle.is_published and not cycle.results.exists():
        raise DomainError(
            _("Publish the results first: a published cycle is archived once its result is out."),
            code="no_result",
        )
    cycle.archived_at = timezone.now()
    cycle.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        actor=user, obj=cycle, context=cycle, action="cycle.archived", before=before, after=_cycle_state(cycle)
    )
    return cycle


def personal_data_erase(user) -> None:
    """Closing an account: follows go and proposals lose their proposer; ballots stay, still counted,
    on the emptied account, so each receipt code still finds its ballot in the public file."""
    Follow.objects.filter(user=user).delete()
    Priority.objects.filter(proposer=user).update(proposer=None)
