"""The outcome of one count, ready to be stored as a JSON snapshot when voting closes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .explain import Explanation, money, score


@dataclass(frozen=True)
class TallyResult:
    """Funded ids in funding order, money, one explanation per project, and the counts.

    `support` is each project's score under the ballot type (approvals, points, or rank points
    k..1); `supporters` is how many residents gave it any support. `details` holds rule-specific
    figures such as the final per-resident share under equal shares.
    """

    rule: str
    funded: tuple[str, ...]
    spent: Fraction
    budget: Fraction
    explanations: Mapping[str, Explanation]
    voters: int
    ballots: int
    support: Mapping[str, Fraction]
    supporters: Mapping[str, int]
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def funded_set(self) -> frozenset[str]:
        return frozenset(self.funded)

    @property
    def left_over(self) -> Fraction:
        return self.budget - self.spent

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only; money as decimal strings so nothing is lost to floats."""
        return {
            "rule": self.rule,
            "funded": list(self.funded),
            "spent": money(self.spent),
            "budget": money(self.budget),
            "counts": {
                "voters": self.voters,
                "ballots": self.ballots,
                "support": {pid: score(value) for pid, value in self.support.items()},
                "supporters": dict(self.supporters),
            },
            "explanations": {pid: e.to_dict() for pid, e in self.explanations.items()},
            "details": dict(self.details),
        }
