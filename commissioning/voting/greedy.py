"""Greedy (utilitarian) counting: most-supported first while the money lasts.

Order and ties follow pabutools' greedy_utilitarian_welfare with cost satisfaction: support
descending, then identifier in character order. Like pabutools, a priority nobody supported is
still funded if money is left when its turn comes, and a free priority counts as having no
support (cost satisfaction of something that costs nothing is zero), so it comes last but is
always funded.
"""

from __future__ import annotations

from fractions import Fraction

from .explain import (
    AFTER_STOP,
    BELOW_THRESHOLD,
    FUNDED,
    OVER_BUDGET,
    Explanation,
    money,
    score,
)
from .profile import Number, Profile


def greedy_order(profile: Profile, candidates: list[int]) -> list[int]:
    """Candidates in the order greedy considers them."""

    def key(p: int) -> tuple[Number, str]:
        support = profile.support[p] if profile.costs[p] > 0 else 0
        return (-support, profile.ids[p])

    return sorted(candidates, key=key)


def run_greedy(
    profile: Profile,
    *,
    skip: bool = True,
    threshold: Fraction | None = None,
    already_funded: tuple[int, ...] = (),
    funded_code: str = FUNDED,
) -> tuple[list[int], dict[int, Explanation]]:
    """Fund in greedy order; `skip=False` stops at the first priority that does not fit.

    `already_funded` lets equal shares hand its leftover money to greedy (the "add1u" top-up).
    """
    remaining = profile.budget - sum((profile.costs[p] for p in already_funded), Fraction(0))
    funded: list[int] = []
    explanations: dict[int, Explanation] = {}
    candidates = [p for p in range(profile.project_count) if p not in set(already_funded)]
    if threshold is not None:
        for p in candidates:
            if profile.support[p] < threshold:
                params = {"support": score(profile.support[p]), "threshold": score(threshold)}
                explanations[p] = Explanation(BELOW_THRESHOLD, params)
        candidates = [p for p in candidates if p not in explanations]
    stop: dict[str, str] | None = None
    for p in greedy_order(profile, candidates):
        cost = profile.costs[p]
        params = {
            "support": score(profile.support[p]),
            "supporters": profile.supporter_count[p],
            "cost": money(cost),
            "remaining": money(remaining),
        }
        if stop is not None:
            explanations[p] = Explanation(AFTER_STOP, stop)
        elif cost <= remaining:
            funded.append(p)
            remaining -= cost
            explanations[p] = Explanation(funded_code, params)
        else:
            explanations[p] = Explanation(OVER_BUDGET, params)
            if not skip:
                stop = {
                    "stopped_at": profile.ids[p],
                    "remaining": money(remaining),
                    "stop_cost": money(cost),
                }
    return funded, explanations
