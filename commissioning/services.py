"""Writes for cycles: proposals, moderation, ballots, follows. Pages, API, commands and tasks all call these."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning import selectors
from commissioning.ballots import BallotRules, ballot_problems
from commissioning.eligibility import participation_for
from commissioning.models import (
    Ballot,
    BallotChoice,
    BallotType,
    CommissioningCycle,
    Follow,
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


def _ballot_upserted(cycle: CommissioningCycle, user, assurance: str) -> tuple[Ballot, bool]:
    """The voter's ballot row, new or moved on a version, locked until commit; True if it is new.

    One INSERT … ON CONFLICT DO UPDATE (PostgreSQL and SQLite alike) instead of a locking read and a
    write: a cast is one round trip, and two tabs casting at once queue on the row at the unique
    constraint, the later one's choices replacing the earlier's.
    """
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    table = connection.ops.quote_name(Ballot._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (cycle_id, voter_id, receipt_code, cast_at, updated_at, version, assurance) "
            "VALUES (%s, %s, %s, %s, %s, 1, %s) "
            f"ON CONFLICT (cycle_id, voter_id) DO UPDATE SET version = {table}.version + 1, updated_at = %s, "
            "assurance = %s "
            "RETURNING id, receipt_code, version",
            [cycle.pk, user.pk, new_receipt_code(), stamp, stamp, assurance, stamp, assurance],
        )
        pk, receipt_code, version = cursor.fetchone()
    ballot = Ballot.from_db(
        connection.alias,
        ["id", "cycle_id", "voter_id", "receipt_code", "updated_at", "version", "assurance"],
        [pk, cycle.pk, user.pk, receipt_code, now, version, assurance],
    )
    ballot.cycle = cycle
    return ballot, version == 1


@dataclass(frozen=True)
class CastBallot:
    """A ballot just cast and the choices written with it, so the caller need not read them back."""

    ballot: Ballot
    choices: list[BallotChoice]


@transaction.atomic
def ballot_cast(
    *, user, cycle_id: int, choices: dict[int, int], now=None, cycle: CommissioningCycle | None = None
) -> CastBallot:
    """Record the voter's ballot, replacing any earlier one. Nothing is saved if anything is wrong.

    A caller that has just loaded the cycle may pass it, to save fetching it again.
    """
    if cycle is None or cycle.pk != cycle_id:
        cycle = CommissioningCycle.objects.get(pk=cycle_id)
    if not cycle.is_voting_open(now):
        raise DomainError(_("Voting in this cycle is not open."), code="voting_closed")
    participation = _require_participation(user, cycle)
    on_ballot = selectors.ballot_options(cycle)
    costs = {pk: cost for pk, (cost, _title) in on_ballot.items()}
    rules = BallotRules(cycle.ballot_type, cycle.budget, cycle.max_choices, cycle.points_per_voter)
    problems = ballot_problems(rules, choices, costs)
    if problems:
        raise DomainError(" ".join(problems), code="invalid_ballot", details=problems)
    # How the voter is known now goes with the ballot, so the count can say how its ballots were assured.
    ballot, created = _ballot_upserted(cycle, user, participation.assurance)
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
