"""An Election compiled for counting: projects by index, identical ballots merged.

Residents who cast identical ballots are treated identically by every rule here (the rules never
look at who voted, only at what), so they are merged into one group with a multiplicity. That
shrinks the exact arithmetic and the numpy arrays without changing any result.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import chain

import numpy as np

from .election import APPROVAL, CUMULATIVE, ORDINAL, Election

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


def compile_election(election: Election, groups: bool = True) -> Profile:
    """Index projects, merge identical ballots and collect each project's supporting groups.

    With `groups=False` (enough for greedy) approval ballots are only counted: the profile has
    each project's support and supporters but no ballot groups.

    Ballots are first counted as they were cast (a dictionary lookup each); only the distinct
    ones are then put in a canonical form and merged, and the per-project lists are made with
    numpy, so a city-wide vote compiles in a fraction of a second."""
    ids = tuple(p.id for p in election.projects)
    index = {pid: i for i, pid in enumerate(ids)}
    approval = election.vote_type == APPROVAL
    if approval and not groups:
        project = _approved(election, index)[1]
        count = tuple(int(x) for x in np.bincount(project, minlength=len(ids)))
        empty = np.zeros(0, dtype=np.int64)
        return Profile(
            ids=ids,
            costs=tuple(p.cost for p in election.projects),
            budget=election.budget,
            voters=len(election.ballots),
            group_sizes=empty,
            supporters_of=tuple(empty for _ in ids),
            weights_of=tuple(() for _ in ids),
            support=count,
            supporter_count=count,
        )
    if approval:
        sizes, owner, project = _approval_groups(election, index)
        flat_weights: list[Number] = []
    else:
        groups: dict[tuple, int] = {}
        k = election.rank_points if election.vote_type == ORDINAL else 0  # worked out once
        for ballot in election.ballots:
            if election.vote_type == CUMULATIVE:
                weights = [(p, x) for p, x in zip(ballot.vote, ballot.points, strict=True) if x]
            else:
                weights = [(p, Fraction(k - rank)) for rank, p in enumerate(ballot.vote) if k - rank > 0]
            key = tuple(sorted((index[p], _plain(w)) for p, w in weights))
            groups[key] = groups.get(key, 0) + 1
        sizes = np.fromiter(groups.values(), dtype=np.int64, count=len(groups))
        lengths = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
        owner = np.repeat(np.arange(len(groups), dtype=np.int64), lengths)
        pairs = list(chain.from_iterable(groups))
        project = np.fromiter((p for p, _ in pairs), dtype=np.int64, count=len(pairs))
        flat_weights = [w for _, w in pairs]
    # By project, then group in order of first vote (a stable sort; on 16-bit keys numpy uses
    # a radix sort, several times quicker than on 64-bit ones).
    keys = project.astype(np.uint16) if len(ids) < 2**16 else project
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(project, minlength=len(ids))
    bounds = np.cumsum(counts)[:-1]
    members = np.split(owner[order], bounds) if len(ids) else []
    residents = np.bincount(project, weights=sizes[owner], minlength=len(ids)).astype(np.int64)
    count = tuple(int(x) for x in residents)
    if approval:
        weights_of = tuple((1,) * int(c) for c in counts)
        support: tuple[Number, ...] = count
    else:
        ordered = [flat_weights[i] for i in order.tolist()]
        ends = np.cumsum(counts).tolist()
        weights_of = tuple(tuple(ordered[a:b]) for a, b in zip([0, *ends], ends, strict=False))
        support = tuple(
            sum((w * int(sizes[g]) for g, w in zip(m.tolist(), ws, strict=True)), 0)
            for m, ws in zip(members, weights_of, strict=True)
        )
    return Profile(
        ids=ids,
        costs=tuple(p.cost for p in election.projects),
        budget=election.budget,
        voters=len(election.ballots),
        group_sizes=sizes,
        supporters_of=tuple(np.ascontiguousarray(m, dtype=np.int64) for m in members),
        weights_of=weights_of,
        support=support,
        supporter_count=count,
    )


def _approval_groups(election: Election, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Approval ballots merged by the set they approve, with numpy: each ballot becomes a row
    of bits (one a project), and equal rows are one group. Returns the groups' sizes and, for
    every (group, project) approval, its group and project, groups numbered in order of their
    first ballot and the pairs in group order."""
    ballots = election.ballots
    lengths, flat = _approved(election, index)
    of_ballot = np.repeat(np.arange(len(ballots), dtype=np.int64), lengths)
    words = max(1, (len(index) + 63) // 64)
    rows = np.zeros((len(ballots), words), dtype=np.uint64)
    np.bitwise_or.at(rows, (of_ballot, flat // 64), np.left_shift(np.uint64(1), (flat % 64).astype(np.uint64)))
    as_bytes = np.ascontiguousarray(rows).view(np.dtype((np.void, 8 * words))).ravel()
    _, first, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
    # np.unique numbers the sets in byte order; renumber them by first ballot.
    by_first = np.argsort(first, kind="stable")
    rank = np.empty_like(by_first)
    rank[by_first] = np.arange(len(by_first))
    sizes = np.bincount(rank[inverse.ravel()], minlength=len(first)).astype(np.int64)
    is_first = np.zeros(len(ballots), dtype=bool)
    is_first[first] = True
    keep = is_first[of_ballot]
    owner, project = rank[inverse.ravel()][of_ballot[keep]], flat[keep]
    # Within a group, projects in index order (the canonical form of the set).
    order = np.lexsort((project, owner))
    return sizes, owner[order], project[order]


def _approved(election: Election, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each approval ballot's length, and the projects they approve one after another."""
    ballots = election.ballots
    lengths = np.fromiter((len(b.vote) for b in ballots), dtype=np.int64, count=len(ballots))
    flat = np.fromiter((index[p] for b in ballots for p in b.vote), dtype=np.int64, count=int(lengths.sum()))
    return lengths, flat


def _plain(value: Fraction) -> Number:
    """Whole numbers as int: exact, hashable alike, and much faster than Fraction."""
    return value.numerator if value.denominator == 1 else value
