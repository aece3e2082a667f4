"""The Method of Equal Shares (MES) with cost satisfaction and "Add1" completion.

Definition (pabutools 1.2.3 `method_of_equal_shares(..., sat_class=Cost_Sat,
voter_budget_increment=1)`, exact fractions): every resident gets an equal share of the budget.
A priority with supporters can be bought when they can pay its cost between them; its price
per unit of satisfaction rho is the smallest value such that the supporters, each paying
min(what they have left, rho x their satisfaction), cover the cost. Satisfaction is cost x weight
(weight 1 for an approval, the points given, or k..1 by rank), so rho is "money per unit of
support per unit of cost". Each round buys the priority with the smallest rho (ties: identifier
in character order), until nothing is affordable. Add1 then reruns with each share raised by one
currency unit until the outcome is exhaustive (nothing else fits in the budget); if a rerun would
overspend, the previous outcome stands.

Speed without giving up exactness: a run is done in float64, compiled (`kernel`), and every
decision (which priority is cheapest, whether supporters can afford one) is taken only when it
is clear by more than a relative guard band of 1e-9, far above the rounding error of the sums.
Exact ties between priorities nobody is capped on are decided exactly: their rho is 1 / total
support. Anything else closer than the guard band makes the run start again in exact rational
arithmetic (fractions.Fraction), so the outcome is always the exact-arithmetic outcome.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from math import fsum, lcm

import numpy as np

from .profile import Number, Profile

SHORT_JUMP = 8  # see equal_shares
PLAIN_STREAK_MAX = 64
MOST_THREADS = 4  # for runs counted ahead

ADD1 = "add1"
ADD1_UNTIL_OVERSPEND = "add1-until-overspend"
NO_COMPLETION = "none"
COMPLETIONS = (ADD1, ADD1_UNTIL_OVERSPEND, NO_COMPLETION)

# Why the completion stopped where it did.
STOP_EXHAUSTIVE = "exhaustive"  # nothing left unfunded fits in what is left of the budget
STOP_ALL_FUNDED = "all_funded"  # every priority equal shares can fund is funded
STOP_NEXT_OVERSPENDS = "next_overspends"  # one more unit per resident would overspend
STOP_SINGLE_RUN = "single_run"  # no completion asked for
STOP_NO_BALLOTS = "no_ballots"


class _NeedsExact(Exception):
    """A float decision fell inside the guard band."""


@dataclass
class MesRun:
    """One run of MES at a fixed per-resident share."""

    share: Fraction
    funded: list[int]
    money: np.ndarray | list[Fraction]  # what each ballot group has left at the end
    exact: bool

    def money_left(self, profile: Profile, project: int) -> float | Fraction:
        """What the project's supporters had left between them when the run ended."""
        groups = profile.supporters_of[project]
        sizes = profile.group_sizes
        if not self.exact:  # a float run: the correctly rounded sum of the float amounts
            return fsum((sizes[groups] * self.money[groups]).tolist())
        return sum((int(sizes[g]) * self.money[g] for g in groups.tolist()), Fraction(0))


@dataclass
class MesOutcome:
    """The run that Add1 settled on, why Add1 stopped there, and how much work it took."""

    run: MesRun
    increments: int
    runs: int = 0
    exact_runs: int = 0
    stop: str = ""  # one of the STOP_* codes


class _Arrays:
    """Per-project float views of the profile, built once and reused by every Add1 rerun."""

    def __init__(self, profile: Profile) -> None:
        sizes = profile.group_sizes.astype(np.float64)
        self.sizes = [sizes[s] for s in profile.supporters_of]
        # Distinct weights per priority: {1} for approval, so the array is made without a pass
        # over the Python numbers.
        kinds = [set(w) for w in profile.weights_of]
        self.weights = [
            np.ones(len(w)) if k == {1} else np.asarray(w, dtype=np.float64)
            for w, k in zip(profile.weights_of, kinds, strict=True)
        ]
        self.whole = [all(type(x) is int for x in k) for k in kinds]
        self.unit = [k == {1} for k in kinds]
        self.total = [float(s) for s in profile.support]
        self.cost = [float(c) for c in profile.costs]
        # Projects with the same cost, supporters and weights have the same rho at any money.
        twins: dict[tuple, int] = {}
        self.twin = [
            twins.setdefault((profile.costs[p], profile.supporters_of[p].tobytes(), profile.weights_of[p]), p)
            for p in range(profile.project_count)
        ]
        # The same, flat, for the compiled runs (the arguments `kernel.run` takes before the share).
        lengths = [len(s) for s in profile.supporters_of]
        eligible = np.zeros(profile.project_count, dtype=np.bool_)
        eligible[eligible_projects(profile)] = True
        projects = range(profile.project_count)
        self.flat = (
            np.concatenate(([0], np.cumsum(lengths, dtype=np.int64))),
            np.concatenate([*profile.supporters_of, np.zeros(0, dtype=np.int64)]),
            np.concatenate([*self.weights, np.zeros(0)]),
            np.concatenate([*self.sizes, np.zeros(0)]),
            len(profile.group_sizes),
            np.asarray(self.cost, dtype=np.float64),
            np.asarray(self.total, dtype=np.float64),
            np.asarray(self.unit, dtype=np.bool_),
            np.asarray(self.whole, dtype=np.bool_),
            eligible,
            _ranks(sorted(projects, key=lambda p: (-profile.support[p], profile.ids[p]))),
            _ranks(sorted(projects, key=lambda p: profile.ids[p])),
        )
        self.twin_array = np.asarray(self.twin, dtype=np.int64)


def _ranks(order: list[int]) -> np.ndarray:
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def eligible_projects(profile: Profile) -> list[int]:
    """Priorities MES considers: supported and with a cost.

    With cost satisfaction a free priority gives nobody any satisfaction, so pabutools never
    funds it under MES; we do the same (the add1u top-up does fund it)."""
    return [p for p in range(profile.project_count) if profile.support[p] > 0 and profile.costs[p] > 0]


def run_once(profile: Profile, share: Fraction, arrays: _Arrays | None = None, exact: bool = False) -> MesRun:
    """One MES run at a given per-resident share (float with guard band, else exact)."""
    arrays = arrays or _Arrays(profile)
    if not exact:
        try:
            return _run_float(profile, arrays, share)
        except _NeedsExact:
            pass
    return _run_exact(profile, arrays, share)


def _run_float(profile: Profile, arrays: _Arrays, share: Fraction) -> MesRun:
    from . import kernel  # numba is imported only when equal shares is counted

    status, funded, money = kernel.run(*arrays.flat, float(share))
    if status != kernel.DONE:
        raise _NeedsExact
    return MesRun(share, funded.tolist(), money, exact=False)


def _run_exact(profile: Profile, arrays: _Arrays, share: Fraction) -> MesRun:
    sizes = [int(s) for s in profile.group_sizes]
    money = [share] * len(sizes)
    members = [s.tolist() for s in profile.supporters_of]
    eligible = eligible_projects(profile)
    stale: dict[int, Fraction] = {p: 1 / Fraction(profile.support[p]) for p in eligible}
    remaining = set(eligible)
    funded: list[int] = []

    def price(p: int) -> tuple[Fraction, bool] | None:
        if sum(sizes[g] * money[g] for g in members[p]) < profile.costs[p]:
            return None
        return _price_exact(money, sizes, members[p], profile.weights_of[p], profile.costs[p], profile.support[p])

    while remaining:
        best: Fraction | None = None
        found: list[int] = []
        for p in sorted(remaining, key=lambda p: stale[p]):
            if best is not None and stale[p] > best:
                break
            priced = price(p)
            if priced is None:
                remaining.discard(p)
                continue
            stale[p] = priced[0]
            if best is None or stale[p] < best:
                best, found = stale[p], [p]
            elif stale[p] == best:
                found.append(p)
        if best is None:
            break
        chosen = min(found, key=lambda p: profile.ids[p])
        cost_price = best * profile.costs[chosen]
        for g, w in zip(members[chosen], profile.weights_of[chosen], strict=True):
            money[g] -= min(money[g], cost_price * w)
        funded.append(chosen)
        remaining.discard(chosen)
    return MesRun(share, funded, money, exact=True)


def _price_exact(
    money: list[Fraction],
    sizes: list[int],
    groups: list[int],
    weights: tuple[Number, ...],
    cost: Fraction,
    total: Number,
) -> tuple[Fraction, bool]:
    """(rho, nobody capped) for one priority its supporters can afford."""
    even = cost / total
    pairs = list(zip(groups, weights, strict=True))
    if all(money[g] >= even * w for g, w in pairs):
        return 1 / Fraction(total), True
    paid, weight_left = Fraction(0), Fraction(total)
    for g, w in sorted(pairs, key=lambda gw: money[gw[0]] / gw[1]):
        price = (cost - paid) / weight_left
        if price * w <= money[g]:
            return price / cost, False
        paid += sizes[g] * money[g]
        weight_left -= sizes[g] * w
    raise AssertionError("unreachable: supporters were checked to afford the cost")


def equal_shares(profile: Profile, completion: str = ADD1, exact: bool = False) -> MesOutcome:
    """MES with a completion method: "add1" (pabutools: stop at the first exhaustive outcome),
    "add1-until-overspend" (keep raising while the outcome stays within budget, as Wieliczka
    did) or "none" (a single run).

    Add1 raises every share by one currency unit at a time; this gives exactly the outcome,
    share and stop of doing that (`reference.equal_shares_stepping` does it, for the tests),
    but counts only at the shares where the outcome can change: each run also gives a horizon
    (see `parametric.parametric_run`) below which every share has its outcome, and the next
    run is at the first share on Add1's grid at or above it. A new outcome is therefore first
    met at the step where Add1 meets it, and Add1's stop conditions depend only on the outcome.
    """
    from .parametric import parametric_run, steps_within

    if completion not in COMPLETIONS:
        raise ValueError(f"completion must be one of {COMPLETIONS}")
    if profile.voters == 0:
        return MesOutcome(MesRun(Fraction(0), [], [], exact=True), increments=0, stop=STOP_NO_BALLOTS)
    arrays = _Arrays(profile)
    base = profile.budget / profile.voters
    eligible = set(eligible_projects(profile))
    outcome = MesOutcome(MesRun(base, [], [], exact=True), increments=0)

    plain = {"left": 0, "next": 1}  # runs to do without a horizon, and the next such streak
    # The steps of a streak are known when it starts, and the compiled run releases the GIL,
    # so they are counted ahead on the machine's other cores, and taken in order.
    workers = 1 if exact or completion == NO_COMPLETION else min(MOST_THREADS, _cores())
    pool = ThreadPoolExecutor(workers) if workers > 1 else None
    ahead: dict[int, Future] = {}

    def run_at(step: int) -> tuple[MesRun, float | Fraction]:
        # Working out the horizon makes a run 3-5 times as dear; where it keeps coming out
        # within SHORT_JUMP steps (dense events, a budget of few currency units per resident),
        # plain runs are cheaper, so streaks of them (1, 2, 4, ... up to PLAIN_STREAK_MAX) are
        # done between.
        if plain["left"] > 0:
            plain["left"] -= 1
            counted = ahead.pop(step, None)
            run, horizon = counted.result() if counted else run_once(profile, base + step, arrays, exact), 0
        else:
            run, horizon = parametric_run(profile, arrays, base + step, exact)
            if steps_within(horizon) <= SHORT_JUMP:
                plain["left"], plain["next"] = plain["next"], min(2 * plain["next"], PLAIN_STREAK_MAX)
                if pool is not None:
                    first = step + steps_within(horizon)
                    for later in range(first, first + plain["left"]):
                        ahead[later] = pool.submit(run_once, profile, base + later, arrays)
            else:
                plain["next"] = 1
        outcome.runs += 1
        outcome.exact_runs += run.exact
        return run, horizon

    def settle(run: MesRun, step: int, stop: str) -> MesOutcome:
        outcome.run, outcome.increments, outcome.stop = run, step, stop
        return outcome

    costs, budget = _whole_units(profile)

    def spent_on(funded: list[int]) -> int:
        return sum(costs[p] for p in funded)

    try:
        step = 0
        run, horizon = run_at(0)
        while True:
            if completion == NO_COMPLETION:
                return settle(run, step, STOP_SINGLE_RUN)
            if eligible <= set(run.funded):
                return settle(run, step, STOP_ALL_FUNDED)
            if completion == ADD1:
                left = budget - spent_on(run.funded)
                if all(costs[p] > left for p in eligible.difference(run.funded)):
                    return settle(run, step, STOP_EXHAUSTIVE)
            jump = steps_within(horizon)
            following, following_horizon = run_at(step + jump)
            while following.funded == run.funded:
                step, run, horizon = step + jump, following, following_horizon
                jump = steps_within(horizon)
                following, following_horizon = run_at(step + jump)
            # Steps step + 1 .. step + jump - 1 have run's outcome; step + jump is the first
            # step with a new one, exactly where Add1 meets it.
            if spent_on(following.funded) > budget:
                if jump > 1:
                    run, _ = run_at(step + jump - 1)
                return settle(run, step + jump - 1, STOP_NEXT_OVERSPENDS)
            step, run, horizon = step + jump, following, following_horizon
    finally:
        if pool is not None:  # runs counted ahead past the stop are not needed
            pool.shutdown(wait=True, cancel_futures=True)


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _whole_units(profile: Profile) -> tuple[list[int], int]:
    """Costs and budget as whole numbers of a common fraction of a currency unit: sums and
    comparisons of them are exact, and many times quicker than with fractions."""
    unit = lcm(*(Fraction(c).denominator for c in (*profile.costs, profile.budget)))
    return [int(c * unit) for c in profile.costs], int(profile.budget * unit)
