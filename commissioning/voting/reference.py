"""References for tests and the benchmark only: Add1 by single steps, and pabutools 1.2.3.

`equal_shares_stepping` is Add1 as defined, one currency unit per resident at a time: the
oracle the jumping completion in `mes.equal_shares` is checked against.

The pabutools bridge needs pabutools, a development dependency, imported only when called.
Satisfaction is cost satisfaction, extended as the reference outcomes were computed:
points x cost for cumulative ballots, rank points k..1 x cost for ordinal ballots.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .election import APPROVAL, CUMULATIVE, Election
from .mes import (
    ADD1,
    COMPLETIONS,
    NO_COMPLETION,
    STOP_ALL_FUNDED,
    STOP_EXHAUSTIVE,
    STOP_NEXT_OVERSPENDS,
    STOP_NO_BALLOTS,
    STOP_SINGLE_RUN,
    MesOutcome,
    MesRun,
    _Arrays,
    eligible_projects,
    run_once,
)
from .profile import Profile


def equal_shares_stepping(profile: Profile, completion: str = ADD1, exact: bool = False) -> MesOutcome:
    """MES with Add1 raising each share by one unit per run, as pabutools does: slow, plain."""
    if completion not in COMPLETIONS:
        raise ValueError(f"completion must be one of {COMPLETIONS}")
    if profile.voters == 0:
        return MesOutcome(MesRun(Fraction(0), [], [], exact=True), increments=0, stop=STOP_NO_BALLOTS)
    arrays = _Arrays(profile)
    base = profile.budget / profile.voters
    eligible = set(eligible_projects(profile))
    outcome = MesOutcome(MesRun(base, [], [], exact=True), increments=0)
    previous: MesRun | None = None
    increments = 0
    while True:
        run = run_once(profile, base + increments, arrays, exact)
        outcome.runs += 1
        outcome.exact_runs += run.exact
        spent = sum((profile.costs[p] for p in run.funded), Fraction(0))
        if spent > profile.budget and previous is not None:
            outcome.run, outcome.increments, outcome.stop = previous, increments - 1, STOP_NEXT_OVERSPENDS
            return outcome
        outcome.run, outcome.increments = run, increments
        if completion == NO_COMPLETION:
            outcome.stop = STOP_SINGLE_RUN
            return outcome
        if eligible <= set(run.funded):
            outcome.stop = STOP_ALL_FUNDED
            return outcome
        if completion == ADD1 and all(spent + profile.costs[p] > profile.budget for p in eligible - set(run.funded)):
            outcome.stop = STOP_EXHAUSTIVE
            return outcome
        previous = run
        increments += 1


def to_pabutools(election: Election) -> tuple[Any, Any, type]:
    """The election as a pabutools (instance, profile, satisfaction class)."""
    from pabutools.election import (
        AdditiveSatisfaction,
        ApprovalBallot,
        ApprovalProfile,
        Cost_Sat,
        CumulativeBallot,
        CumulativeProfile,
        Instance,
        OrdinalBallot,
        OrdinalProfile,
    )
    from pabutools.election import Project as PbProject

    projects = {p.id: PbProject(p.id, p.cost) for p in election.projects}
    instance = Instance(projects.values(), budget_limit=election.budget)
    if election.vote_type == APPROVAL:
        ballots = [ApprovalBallot(projects[p] for p in b.vote) for b in election.ballots]
        return instance, ApprovalProfile(ballots), Cost_Sat
    if election.vote_type == CUMULATIVE:
        spread = [
            CumulativeBallot({projects[p]: x for p, x in zip(b.vote, b.points, strict=True)}) for b in election.ballots
        ]

        def points_cost(inst: Any, prof: Any, ballot: Any, project: Any, pre: Any) -> Any:
            return ballot.get(project, 0) * project.cost

        class PointsCostSat(AdditiveSatisfaction):
            def __init__(self, instance: Any, profile: Any, ballot: Any) -> None:
                super().__init__(instance, profile, ballot, points_cost)

        return instance, CumulativeProfile(spread), PointsCostSat
    k = election.rank_points

    def rank_cost(inst: Any, prof: Any, ballot: Any, project: Any, pre: Any) -> Any:
        if project not in ballot:
            return 0
        return max(k - ballot.index(project), 0) * project.cost

    class RankCostSat(AdditiveSatisfaction):
        def __init__(self, instance: Any, profile: Any, ballot: Any) -> None:
            super().__init__(instance, profile, ballot, rank_cost)

    ranked = [OrdinalBallot(projects[p] for p in b.vote) for b in election.ballots]
    return instance, OrdinalProfile(ranked), RankCostSat


def pabutools_outcome(election: Election, rule: str) -> list[str]:
    """Ids pabutools funds, in its order: "greedy", "mes" or "mes-add1u" (Add1, exact)."""
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    if rule not in ("greedy", "mes", "mes-add1u"):
        raise ValueError(f"no pabutools reference for rule {rule!r}")
    instance, profile, sat = to_pabutools(election)
    if rule == "greedy":
        return [p.name for p in greedy_utilitarian_welfare(instance, profile, sat_class=sat)]
    funded = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=1)
    if rule == "mes-add1u":
        funded = greedy_utilitarian_welfare(instance, profile, sat_class=sat, initial_budget_allocation=funded)
    return [p.name for p in funded]
