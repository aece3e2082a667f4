"""Read paths for cycles. Each returns a queryset that already fetches what its page shows."""

import time
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from commissioning.models import (
    Assurance,
    Ballot,
    BallotChoice,
    Channel,
    CommissioningCycle,
    CycleResult,
    Follow,
    PaperBatch,
    PaperEntry,
    Priority,
    Scope,
)


def cycles_public() -> QuerySet[CommissioningCycle]:
    return (
        CommissioningCycle.objects.published()
        .select_related("cooperative")
        .prefetch_related("wards", "outcomes")
        .annotate(accepted_priority_count=Count("priorities", filter=Q(priorities__status=Priority.Status.ACCEPTED)))
        .order_by("voting_closes_at", "title")
    )


def cycles_open_now() -> QuerySet[CommissioningCycle]:
    return cycles_public().open_for_participation()


def cycle_priorities(cycle: CommissioningCycle) -> QuerySet[Priority]:
    return cycle.priorities.accepted().select_related("outcome").order_by("title")


BALLOT_CACHE_SECONDS = 60
_ballots_in_use: dict[tuple[int, datetime], tuple[float, dict[int, tuple[Decimal, str]]]] = {}


def ballot_options(cycle: CommissioningCycle) -> dict[int, tuple[Decimal, str]]:
    """What a cycle's ballot offers: priority id → (estimated cost, title).

    Once voting opens the ballot cannot change (moderation and the admin both refuse), so while the
    vote is on each process keeps it for a minute rather than reading it again for every ballot cast.
    The key holds the cycle's last edit, so reopening a cycle to change its ballot starts afresh, and
    nothing is kept in the first minute of voting, when a moderation begun just before could still
    be committing.
    """
    now = timezone.now()
    if not cycle.is_voting_open(now) or now < cycle.voting_opens_at + timedelta(seconds=BALLOT_CACHE_SECONDS):
        return _ballot_options_read(cycle)
    key = (cycle.pk, cycle.updated_at)
    moment = time.monotonic()
    kept = _ballots_in_use.get(key)
    if kept is not None and kept[0] > moment:
        return kept[1]
    options = _ballot_options_read(cycle)
    if len(_ballots_in_use) >= 100:
        _ballots_in_use.clear()
    _ballots_in_use[key] = (moment + BALLOT_CACHE_SECONDS, options)
    return options


def _ballot_options_read(cycle: CommissioningCycle) -> dict[int, tuple[Decimal, str]]:
    rows = cycle.priorities.accepted().order_by().values_list("pk", "estimated_cost", "title")
    return {pk: (cost, title) for pk, cost, title in rows}


def cycles_for_officers() -> QuerySet[CommissioningCycle]:
    return (
        CommissioningCycle.objects.select_related("cooperative", "created_by")
        .annotate(
            priority_count=Count("priorities", distinct=True),
            awaiting_moderation=Count(
                "priorities", filter=Q(priorities__status=Priority.Status.SUBMITTED), distinct=True
            ),
            ballot_count=Count("ballots", distinct=True),
            result_count=Count("results", distinct=True),
        )
        .order_by("-created_at")
    )


def cycles_by_phase(now=None) -> list[tuple[str, str, list[CommissioningCycle]]]:
    """Officers' cycles grouped by phase, in the order a year runs: (phase, its name, cycles), empty phases out."""
    from commissioning.models import Phase

    now = now or timezone.now()
    groups: dict[str, list[CommissioningCycle]] = {phase: [] for phase in Phase.values}
    for cycle in cycles_for_officers():
        cycle.current_phase = cycle.phase(now=now, has_result=cycle.result_count > 0)
        groups[cycle.current_phase].append(cycle)
    return [(phase, Phase(phase).label, cycles) for phase, cycles in groups.items() if cycles]


def priorities_awaiting_moderation() -> QuerySet[Priority]:
    return Priority.objects.filter(status=Priority.Status.SUBMITTED).select_related("cycle", "proposer")


def ballots_of(user):
    return user.ballots.select_related("cycle").order_by("-updated_at")


def ballot_of(user, cycle: CommissioningCycle) -> Ballot | None:
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(cycle=cycle, voter=user).prefetch_related("choices__priority").first()


def receipt_on_file(cycle: CommissioningCycle, receipt_code: str) -> bool:
    """Whether a ballot with this receipt code counts in the cycle (the voter's own check)."""
    code = receipt_code.strip().upper()
    return bool(code) and Ballot.objects.filter(cycle=cycle, receipt_code=code).exists()


def receipt_choices(cycle: CommissioningCycle, receipt_code: str) -> list[BallotChoice]:
    """What the ballot with this receipt code chose, for the voter's own check: titles with points or ranks."""
    code = receipt_code.strip().upper()
    return list(
        BallotChoice.objects.filter(ballot__cycle=cycle, ballot__receipt_code=code)
        .select_related("priority")
        .order_by("rank", "priority__title")
    )


def channel_counts(cycle: CommissioningCycle) -> list[tuple[str, str, int]]:
    """How many ballots came by each channel: (code, label, count), every channel listed, in a fixed order."""
    counts = dict(cycle.ballots.order_by().values_list("channel").annotate(n=Count("pk")))
    return [(code, label, counts.get(code, 0)) for code, label in Channel.choices]


def paper_batches(cycle: CommissioningCycle) -> QuerySet[PaperBatch]:
    return (
        cycle.paper_batches.select_related("created_by")
        .annotate(
            papers_counted=Count("entries", filter=Q(entries__counted=True, entries__entry_number=1)),
            papers_waiting=Count("entries", filter=Q(entries__counted=False)),
        )
        .order_by("-created_at")
    )


def paper_entries_waiting(batch: PaperBatch) -> QuerySet[PaperEntry]:
    """First entries waiting for a second officer (their choices are not shown: the second entry is blind)."""
    return batch.entries.filter(counted=False).select_related("entered_by").order_by("serial")


def paper_papers_counted(batch: PaperBatch) -> int:
    return batch.entries.filter(counted=True, entry_number=1).count()


def proposals_of(user) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(proposer=user).select_related("cycle", "outcome", "merged_into").order_by("-created_at")
    )


def priorities_to_moderate(cycle: CommissioningCycle) -> QuerySet[Priority]:
    return cycle.priorities.select_related("proposer", "outcome", "merged_into", "cycle").order_by(
        "status", "created_at"
    )


def total_cost(priorities, selected: dict[int, int]) -> Decimal:
    return sum((p.estimated_cost for p in priorities if p.pk in selected), Decimal(0))


def latest_result(cycle: CommissioningCycle) -> CycleResult | None:
    return cycle.results.order_by("-computed_at").first()


def eligible_voters(cycle: CommissioningCycle):
    """Everyone who may vote in the cycle: its co-op's active members, its wards' residents, or everyone."""
    from accounts.models import User
    from citizens.models import Membership

    people = User.objects.filter(is_active=True)
    binding = cycle.assurance == Assurance.RESIDENT
    if binding:
        people = people.filter(verifications__superseded_at__isnull=True)
    if cycle.scope == Scope.COOPERATIVE:
        return people.filter(
            memberships__cooperative_id=cycle.cooperative_id, memberships__status=Membership.Status.ACTIVE
        )
    if cycle.scope == Scope.WARDS:
        if binding:  # the ward the resident was verified in, as participation_for decides
            return people.filter(verifications__ward__in=cycle.wards.all())
        return people.filter(profile__ward__in=cycle.wards.all())
    return people


def cycle_audience(cycle_id: int) -> list[int]:
    """Who hears about a cycle's results and decisions: those who voted in it and those who follow it."""
    voters = Ballot.objects.filter(cycle_id=cycle_id).values_list("voter_id", flat=True)
    followers = Follow.objects.filter(cycle_id=cycle_id).values_list("user_id", flat=True)
    return [*voters, *followers]


def ballot_rows(cycle: CommissioningCycle):
    """Every choice on every ballot of the cycle, streamed in one query, grouped by ballot (receipt code),
    ranks in order: (receipt code, priority id, points, rank)."""
    return (
        BallotChoice.objects.filter(ballot__cycle=cycle)
        .order_by("ballot__receipt_code", "rank", "priority_id")
        .values_list("ballot__receipt_code", "priority_id", "points", "rank")
        .iterator(chunk_size=5000)
    )


def ballot_assurance(cycle: CommissioningCycle) -> dict[str, int]:
    """How many of the cycle's ballots came from voters known each way (email only, register, code, in person)."""
    rows = Ballot.objects.filter(cycle=cycle).values_list("assurance").annotate(n=Count("pk")).order_by()
    return dict(rows)


def eligible_voter_count(cycle: CommissioningCycle) -> int:
    return eligible_voters(cycle).count()


def result_rows(cycle: CommissioningCycle, result: CycleResult) -> list[dict]:
    """Every priority on the ballot with its support and explanation, funded first, then by support."""
    from commissioning.explanations import explanation_text

    priorities = {str(p.pk): p for p in cycle_priorities(cycle)}
    titles = {pid: p.title for pid, p in priorities.items()}
    support = result.counts.get("support", {})
    supporters = result.counts.get("supporters", {})
    funded_order = {pid: n for n, pid in enumerate(result.funded)}
    voters = int(result.counts.get("ballots", 0) or 0)
    initial_share = result.budget / voters if voters else None
    rows = [
        {
            "priority": priority,
            "funded": pid in funded_order,
            "support": support.get(pid, "0"),
            "supporters": supporters.get(pid, 0),
            "explanation": explanation_text(result.explanations.get(pid, {}), titles, initial_share),
        }
        for pid, priority in priorities.items()
    ]
    rows.sort(key=lambda r: (not r["funded"], funded_order.get(str(r["priority"].pk), 0), -Decimal(r["support"])))
    return rows
