"""The bridge between the platform and the counting engine (commissioning/voting, no Django).

Builds the engine's Election from a cycle's ballots, stores the engine's result as a snapshot,
and writes the anonymised ballot file anyone can recount.
"""

import logging
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning import selectors
from commissioning.models import Ballot, BallotType, CommissioningCycle, CountingRule, CycleResult
from commissioning.voting import election as engine
from core import audit, broker
from core.errors import DomainError
from notifications.events import Event
from notifications.services import notify

# The platform's rule names and the engine's; the engine's default equal-shares completion is Add1.
ENGINE_RULE = {
    CountingRule.GREEDY: "greedy",
    CountingRule.GREEDY_NO_SKIP: "greedy-no-skip",
    CountingRule.GREEDY_THRESHOLD: "greedy-threshold",
    CountingRule.MES: "mes",
    CountingRule.MES_GREEDY_TOP_UP: "mes-add1u",
    CountingRule.MES_WIELICZKA: "mes-wieliczka",
}

logger = logging.getLogger(__name__)

_VOTE_TYPE = {
    BallotType.APPROVAL: engine.APPROVAL,
    BallotType.KNAPSACK: engine.APPROVAL,
    BallotType.CUMULATIVE: engine.CUMULATIVE,
    BallotType.ORDINAL: engine.ORDINAL,
}


def _engine_ballots(cycle: CommissioningCycle) -> Iterator[engine.Ballot]:
    """Stream ballots in one query, grouped by ballot; ranks in order, ids as strings."""
    current, vote, points = None, [], []
    for receipt, priority_id, given, _rank in selectors.ballot_rows(cycle):
        if receipt != current:
            if current is not None:
                yield _ballot(current, vote, points)
            current, vote, points = receipt, [], []
        vote.append(str(priority_id))
        points.append(Fraction(given or 0))
    if current is not None:
        yield _ballot(current, vote, points)


def _ballot(receipt: str, vote: list[str], points: list[Fraction]) -> engine.Ballot:
    return engine.Ballot(
        voter_id=Ballot.public_voter_id_for(receipt),
        vote=tuple(vote),
        points=tuple(points) if any(points) else (),
    )


def election_for(cycle: CommissioningCycle) -> engine.Election:
    priorities = cycle.priorities.accepted().order_by("pk")
    return engine.Election(
        projects=tuple(engine.Project(id=str(p.pk), cost=Fraction(p.estimated_cost), name=p.title) for p in priorities),
        ballots=tuple(_engine_ballots(cycle)),
        budget=Fraction(cycle.budget),
        vote_type=_VOTE_TYPE[cycle.ballot_type],
        max_rank=cycle.max_choices if cycle.ballot_type == BallotType.ORDINAL else None,
        meta={
            "description": cycle.title,
            "country": settings.PABULIB_COUNTRY,
            "unit": settings.PABULIB_UNIT,
            "instance": cycle.slug,
            "rule": cycle.counting_rule,
            "date_begin": f"{cycle.voting_opens_at:%d.%m.%Y}" if cycle.voting_opens_at else "",
            "date_end": f"{cycle.voting_closes_at:%d.%m.%Y}" if cycle.voting_closes_at else "",
            "currency": "GBP",
        },
    )


def _tally(election: engine.Election, cycle: CommissioningCycle):
    from commissioning.voting import tally

    return tally(election, rule=ENGINE_RULE[cycle.counting_rule], threshold=cycle.minimum_support)


@transaction.atomic
def cycle_count(*, cycle_id: int, now=None) -> CycleResult:
    """Count a closed cycle once and keep the snapshot; later calls return the same snapshot."""
    cycle = CommissioningCycle.objects.select_for_update().get(pk=cycle_id)
    now = now or timezone.now()
    if not cycle.has_voting_closed(now):
        raise DomainError(_("Votes are counted once voting has closed."), code="voting_not_closed")
    existing = cycle.results.order_by("-computed_at").first()
    if existing is not None:
        return existing
    result = _tally(election_for(cycle), cycle).to_dict()
    snapshot = CycleResult.objects.create(
        cycle=cycle,
        rule=cycle.counting_rule,
        computed_at=now,
        budget=cycle.budget,
        spent=Decimal(result["spent"]),
        funded=result["funded"],
        explanations=result["explanations"],
        counts={**result["counts"], "details": result["details"], "assurance": selectors.ballot_assurance(cycle)},
    )
    audit.record(
        actor=None,
        obj=snapshot,
        context=cycle,
        action="cycle.result_computed",
        after={"funded": snapshot.funded, "spent": str(snapshot.spent)},
        public=True,
    )
    notify(
        event=Event.RESULTS_PUBLISHED,
        recipient_ids=selectors.cycle_audience(cycle.pk),
        key=f"cycle:{cycle.pk}:results",
        context={"cycle": cycle, "result": snapshot},
        url=reverse("results", args=[cycle.slug]),
    )
    return snapshot


def request_count(cycle_id: int) -> None:
    """Ask Celery to count a closed cycle; if the broker cannot be reached, beat's sweep will."""
    from commissioning.tasks import count_cycle

    if count_cycle.app.conf.task_always_eager:
        try:
            count_cycle.delay(cycle_id)
        except Exception:  # a reader must still see the page; the sweep counts it later
            logger.exception("Could not count cycle %s now; the sweep will", cycle_id)
        return
    # A reader must still see the page if the broker is down; the sweep counts it later.
    broker.hand_off(partial(count_cycle.delay, cycle_id), f"the count of cycle {cycle_id}")


def result_for_reader(cycle: CommissioningCycle) -> CycleResult | None:
    """The result a reader may see: the latest count, or None while voting is open or the count is queued.

    Beat counts closed cycles every few minutes; a reader who comes first asks for it now. With a
    worker the count is queued (None until it lands); in the embedded default it runs right here.
    """
    result = selectors.latest_result(cycle)
    if result is None and cycle.has_voting_closed():
        request_count(cycle.pk)
        result = selectors.latest_result(cycle)
    return result


def count_closed_cycles(now=None) -> list[int]:
    """Count every published cycle whose voting has closed and has no result yet (run by beat)."""
    now = now or timezone.now()
    due = CommissioningCycle.objects.published().voting_closed(now).filter(results__isnull=True)
    counted = []
    for cycle_id in due.values_list("pk", flat=True):
        try:
            cycle_count(cycle_id=cycle_id, now=now)
        except Exception:  # one broken cycle must not stop the others being counted
            logger.exception("Could not count cycle %s", cycle_id)
            continue
        counted.append(cycle_id)
    return counted


def ballot_file(cycle: CommissioningCycle) -> str:
    """The anonymised ballots as a Pabulib file; voter ids are hashes only receipt holders can match."""
    from commissioning.voting.pabulib import pabulib_text

    if not cycle.has_voting_closed():
        raise DomainError(_("The ballot file is published when voting closes."), code="voting_not_closed")
    # Ballots cannot change once voting has closed, so the file is built once, not on every download.
    return cache.get_or_set(f"ballot-file:{cycle.pk}", lambda: pabulib_text(election_for(cycle)), timeout=None)
