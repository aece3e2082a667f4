"""The election the engine counts: priorities with costs, ballots, a budget.

Plain frozen dataclasses so the web app can build one from its own models and the Pabulib reader
can build one from a file; nothing here knows about Django or about any counting rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

APPROVAL = "approval"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"
VOTE_TYPES = (APPROVAL, CUMULATIVE, ORDINAL)


@dataclass(frozen=True)
class Project:
    """A priority residents can vote for. `id` is a string: "05" and "5" are different."""

    id: str
    cost: Fraction
    name: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Ballot:
    """One resident's vote.

    `vote` lists project ids: any order for approval, the spread for cumulative (with `points`
    alongside), best first for ordinal.
    """

    voter_id: str
    vote: tuple[str, ...]
    points: tuple[Fraction, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Election:
    """Everything needed to count one cycle.

    `max_rank` is k for ordinal ballots (rank 1 earns k points, rank k earns 1); when it is None
    the longest ballot sets it.
    """

    projects: tuple[Project, ...]
    ballots: tuple[Ballot, ...]
    budget: Fraction
    vote_type: str = APPROVAL
    meta: Mapping[str, str] = field(default_factory=dict)
    max_rank: int | None = None

    def __post_init__(self) -> None:
        if self.vote_type not in VOTE_TYPES:
            raise ValueError(f"vote_type must be one of {VOTE_TYPES}, not {self.vote_type!r}")
        ids = [p.id for p in self.projects]
        if len(set(ids)) != len(ids):
            raise ValueError("project ids must be unique")
        known = set(ids)
        for ballot in self.ballots:
            unknown = [p for p in ballot.vote if p not in known]
            if unknown:
                raise ValueError(f"ballot {ballot.voter_id!r} names unknown projects {unknown}")
            if len(set(ballot.vote)) != len(ballot.vote):
                raise ValueError(f"ballot {ballot.voter_id!r} names a project twice")
            if self.vote_type == CUMULATIVE and len(ballot.points) != len(ballot.vote):
                raise ValueError(f"ballot {ballot.voter_id!r} needs one number of points a project")

    @property
    def rank_points(self) -> int:
        """k for ordinal ballots: the points a first preference earns."""
        if self.max_rank is not None:
            return self.max_rank
        return max((len(b.vote) for b in self.ballots), default=0)

    def weights(self, ballot: Ballot) -> dict[str, Fraction]:
        """How much `ballot` supports each project it names: 1, its points, or k..1 by rank."""
        if self.vote_type == APPROVAL:
            return {p: Fraction(1) for p in ballot.vote}
        if self.vote_type == CUMULATIVE:
            return {p: Fraction(x) for p, x in zip(ballot.vote, ballot.points, strict=True) if x}
        k = self.rank_points
        return {p: Fraction(k - rank) for rank, p in enumerate(ballot.vote) if k - rank > 0}

    def support(self) -> dict[str, Fraction]:
        """Total support per project: approvals, points, or rank points."""
        totals = {p.id: Fraction(0) for p in self.projects}
        for ballot in self.ballots:
            for p, w in self.weights(ballot).items():
                totals[p] += w
        return totals

    def supporters(self) -> dict[str, int]:
        """How many residents gave each project some support."""
        counts = dict.fromkeys((p.id for p in self.projects), 0)
        for ballot in self.ballots:
            for p in self.weights(ballot):
                counts[p] += 1
        return counts
