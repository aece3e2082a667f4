"""Writes for cycles: proposals, moderation, ballots, follows. Pages, API, commands and tasks all call these."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
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
    ) % {"cycle": held.cycle.title, "when": f"{timezone.localtime(held.cycle.voting_closes_at):%d %B %Y}"}


@transaction.atomic
def follow_toggle(*, user, cycle: CommissioningCycle) -> bool:
    """Follow a cycle, or stop following it; True if the person now follows it."""
    deleted, _rows = Follow.objects.filter(user=user, cycle=cycle).delete()
    if deleted:
        return False
    Follow.objects.get_or_create(user=user, cycle=cycle)
    return True


def personal_data_erase(user) -> None:
    """Closing an account: follows go and proposals lose their proposer; ballots stay, still counted,
    on the emptied account, so each receipt code still finds its ballot in the public file."""
    Follow.objects.filter(user=user).delete()
    Priority.objects.filter(proposer=user).update(proposer=None)
