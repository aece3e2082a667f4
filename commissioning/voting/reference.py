"""Bridge to pabutools 1.2.3, the reference implementation, for tests and the benchmark only.

pabutools is a development dependency; import this module only where it is installed.
Satisfaction is cost satisfaction, extended as the reference outcomes were computed:
points x cost for cumulative ballots, rank points k..1 x cost for ordinal ballots.
"""

from __future__ import annotations

from typing import Any

from .election import APPROVAL, CUMULATIVE, Election


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
