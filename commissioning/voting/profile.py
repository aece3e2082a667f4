"""An Election compiled for counting: projects by index, identical ballots merged.

Residents who cast identical ballots are treated identically by every rule here (the rules never
look at who voted, only at what), so they are merged into one group with a multiplicity. That
shrinks the exact arithmetic and the numpy arrays without changing any result.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .election import Election

Number = int | Fraction


@dataclass(frozen=True)
class Profile:
    ids: tuple[str, ...]
    costs: tuple[Fraction, ...]
    budget: Fraction
    voters: int
    group_sizes: np.ndarray  # int64, residents per ballot group
    supporters_of: tuple[np.ndarray, ...]  # per project: indices of supporting groups (int64)
    weights_of: tuple[tuple[Number, ...], ...]  # per project: exact weight of each such group
    support: tuple[Number, ...]  # per project: total weight (approvals, points, rank points)
    supporter_count: tuple[int, ...]  # per project: residents with non-zero weight

    @property
    def project_count(self) -> int:
        return len(self.ids)


def compile_election(election: Election) -> Profile:
    """Index projects, merge identical ballots and collect each project's supporting groups."""
    ids = tuple(p.id for p in election.projects)
    index = {pid: i for i, pid in enumerate(ids)}
    groups: dict[tuple[tuple[int, Number], ...], int] = {}
    for ballot in election.ballots:
        key = tuple(sorted((index[p], _plain(w)) for p, w in election.weights(ballot).items()))
        groups[key] = groups.get(key, 0) + 1

    members: list[list[int]] = [[] for _ in ids]
    weights: list[list[Number]] = [[] for _ in ids]
    sizes = np.fromiter(groups.values(), dtype=np.int64, count=len(groups))
    for g, key in enumerate(groups):
        for p, w in key:
            members[p].append(g)
            weights[p].append(w)
    support = tuple(
        sum((w * int(sizes[g]) for g, w in zip(members[p], weights[p], strict=True)), 0) for p in range(len(ids))
    )
    count = tuple(int(sizes[m].sum()) if m else 0 for m in members)
    return Profile(
        ids=ids,
        costs=tuple(p.cost for p in election.projects),
        budget=election.budget,
        voters=len(election.ballots),
        group_sizes=sizes,
        supporters_of=tuple(np.asarray(m, dtype=np.int64) for m in members),
        weights_of=tuple(tuple(w) for w in weights),
        support=support,
        supporter_count=count,
    )


def _plain(value: Fraction) -> Number:
    """Whole numbers as int: exact, hashable alike, and much faster than Fraction."""
    return value.numerator if value.denominator == 1 else value
