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

Speed without giving up exactness: a run is done in float64 with numpy and every decision
(which priority is cheapest, whether supporters can afford one) is taken only when it is clear
by more than a relative guard band of 1e-9, far above the rounding error of the sums. Exact
ties between priorities nobody is capped on are decided exactly: their rho is 1 / total
support. Anything else closer than the guard band makes the run start again in exact rational
arithmetic (fractions.Fraction), so the outcome is always the exact-arithmetic outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import fsum, inf

import numpy as np

from .profile import Number, Profile

GUARD = 1e-9
NEWTON_STEPS = 16  # price steps before sorting instead (see _price_float)
PLAIN_STREAK_MAX = 16  # see equal_shares

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
class Round:
    """One round of a run: who won, at what rho, and the rivals' rho where it was worked out.

    `rivals` holds, for projects still in the running, a lower bound on their rho in this round
    (their exact rho when it was computed this round); Add1's jumps read it."""

    winner: int
    rho: float | Fraction
    uncapped: bool  # rho is exactly 1 / support
    rivals: dict[int, float]


@dataclass
class MesRun:
    """One run of MES at a fixed per-resident share."""

    share: Fraction
    funded: list[int]
    money: np.ndarray | list[Fraction]  # what each ballot group has left at the end
    exact: bool
    rounds: list[Round] = field(default_factory=list)

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


def exact_tie_rho(
    profile: Profile, arrays: _Arrays, p: int, have: np.ndarray, broke: np.ndarray, guard: float
) -> Fraction | None:
    """p's exact rho when whole numbers decide it, else None.

    `broke` marks the supporters certainly left with exactly nothing (they paid all they had in
    a round where they were clearly short of the price). If every other supporter can clearly
    pay cost / (their weight), that is the price: the broke pay nothing, the rest pay it in
    full. So rho = 1 / (weight of the supporters with money), exactly; with whole-number
    weights that is a whole number (float sums of whole numbers below 2**53 are exact). This
    decides exact ties between priorities some of whose supporters have run out, as between
    priorities nobody is capped on, without redoing the run in fractions."""
    if not arrays.whole[p]:
        return None
    free = ~broke
    weights = arrays.weights[p]
    weight_free = float((arrays.sizes[p] * weights)[free].sum())
    if weight_free <= 0 or weight_free >= 2.0**53:
        return None
    price = arrays.cost[p] / weight_free
    if float((have - price * weights)[free].min()) <= guard:
        return None
    return Fraction(1, int(weight_free))


def pick_winner(
    profile: Profile,
    arrays: _Arrays,
    tied: list[int],
    uncapped: dict[int, bool],
    money: np.ndarray,
    broke: np.ndarray,
    guard: float,
) -> int:
    """The winner among priorities level on rho within the guard band, decided exactly: on
    support where nobody is capped (rho = 1 / support), else on whole numbers where
    `exact_tie_rho` can; otherwise the run is redone in fractions."""
    if len(tied) == 1:
        return tied[0]
    if all(uncapped[p] for p in tied):
        return min(tied, key=lambda p: (-profile.support[p], profile.ids[p]))
    exact: dict[int, Fraction] = {}
    for p in tied:
        groups = profile.supporters_of[p]
        rho = exact_tie_rho(profile, arrays, p, money[groups], broke[groups], guard)
        if rho is None:
            raise _NeedsExact
        exact[p] = rho
    return min(tied, key=lambda p: (exact[p], profile.ids[p]))


def pay(
    money: np.ndarray, broke: np.ndarray, groups: np.ndarray, weights: np.ndarray, price: float, guard: float
) -> None:
    """The winner's supporters pay min(money, price x weight); those clearly short of it are
    left with exactly nothing, and marked so."""
    gap = money.take(groups)
    gap -= price * weights
    short = gap < -guard
    if short.any():  # in early rounds nobody is
        broke[groups[short]] = True
    money[groups] = np.maximum(gap, 0.0, out=gap)


def _run_float(profile: Profile, arrays: _Arrays, share: Fraction) -> MesRun:
    start = float(share)
    money = np.full(len(profile.group_sizes), start)
    broke = np.full(len(profile.group_sizes), start == 0.0)
    abs_guard = GUARD * max(start, 1.0)
    eligible = eligible_projects(profile)
    stale = np.full(profile.project_count, inf)  # lower bounds on rho: money only ever drops
    for p in eligible:
        stale[p] = 1.0 / arrays.total[p]
    hint = [0.0] * profile.project_count  # the last price worked out, a lower bound likewise
    active = np.asarray(eligible, dtype=np.int64)
    funded: list[int] = []
    rounds: list[Round] = []

    def affordable(p: int, have: np.ndarray) -> bool:
        available = float((arrays.sizes[p] * have).sum())
        if available < arrays.cost[p] * (1 - GUARD):
            return False
        if available <= arrays.cost[p] * (1 + GUARD):
            raise _NeedsExact
        return True

    while active.size:
        best = inf
        found: dict[int, tuple[float, float, bool]] = {}
        dropped: list[int] = []
        for p in active[np.argsort(stale[active], kind="stable")].tolist():
            if stale[p] > best * (1 + GUARD):
                break
            have = money.take(profile.supporters_of[p])
            # Not `sizes @ have`: a BLAS dot product may run on several threads, and stalls
            # badly when another process has the other core.
            if not affordable(p, have):
                dropped.append(p)
                continue
            sizes, weights, cost, total = arrays.sizes[p], arrays.weights[p], arrays.cost[p], arrays.total[p]
            rho, price, uncapped = _price_float(have, sizes, weights, cost, total, abs_guard, hint[p], arrays.unit[p])
            stale[p], hint[p] = rho, price
            found[p] = (rho, price, uncapped)
            best = min(best, rho)
        if not found:
            break
        tied = [p for p, f in found.items() if f[0] <= best * (1 + GUARD)]
        chosen = pick_winner(profile, arrays, tied, {p: found[p][2] for p in tied}, money, broke, abs_guard)
        rho, price, uncapped = found[chosen]
        rivals = {p: f[0] for p, f in found.items() if p != chosen}
        if dropped:
            active = active[~np.isin(active, dropped)]
        rounds.append(Round(chosen, rho, uncapped, rivals))
        pay(money, broke, profile.supporters_of[chosen], arrays.weights[chosen], price, abs_guard)
        funded.append(chosen)
        active = active[active != chosen]
    return MesRun(share, funded, money, exact=False, rounds=rounds)


def _price_float(
    have: np.ndarray,
    sizes: np.ndarray,
    weights: np.ndarray,
    cost: float,
    total: float,
    guard: float,
    hint: float = 0.0,
    unit: bool = False,
) -> tuple[float, float, bool]:
    """(rho, price per unit of weight, certainly nobody capped) for one priority.

    The price is the smallest q with f(q) = sum(min(money, q x weight)) = cost. Try "everyone
    pays q x weight" first. Otherwise Newton's method from below: with C the supporters whose
    money per weight is under q, the next q is (cost - C's money) / (weight outside C). f is
    concave and piecewise linear, so from below every step stays below the answer and caps at
    least one more supporter, and it stops exactly where nobody else is under the price: then
    C pays all it has and the rest q x weight, which is the price (the same formula pabutools
    reaches through its sort). `hint` is a price this priority had earlier in the same run
    (money only drops, so its price only rises), lowered by the guard band to stay below;
    starting there it usually settles in one or two steps. If it does not settle within
    NEWTON_STEPS, the supporters are sorted by money per weight instead, as pabutools does.
    """
    even = cost / total
    if unit:  # every weight is 1 (approval): no products or quotients with the weights
        if float(have.min()) - even > guard:
            return 1.0 / total, even, True
        ratio, weight_of = have, sizes
    else:
        if float((have - even * weights).min()) > guard:
            return 1.0 / total, even, True
        ratio, weight_of = have / weights, weights * sizes
    money_of = have * sizes
    price = max(even, hint * (1 - GUARD))
    capped = ratio < price
    count = int(np.count_nonzero(capped))
    for _ in range(NEWTON_STEPS):
        # Masked sums as products with the mask: several times quicker than selecting entries.
        weight_left = total - float((weight_of * capped).sum())
        if weight_left <= 0:
            break
        price = (cost - float((money_of * capped).sum())) / weight_left
        more = ratio < price
        more_count = int(np.count_nonzero(more))
        if more_count == count:  # both are "under a price": equal counts, equal sets
            return price / cost, price, False
        if more_count < count:  # float noise put the start above the answer
            break
        capped, count = more, more_count

    order = np.argsort(ratio, kind="stable")
    money_in = money_of[order]
    weight_in = weight_of[order]
    paid_before = np.cumsum(money_in) - money_in
    weight_from = total - (np.cumsum(weight_in) - weight_in)
    prices = (cost - paid_before) / weight_from
    fits = prices * weights[order] <= have[order]
    if not fits.any():  # only float noise can get here: the sum was checked to cover the cost
        raise _NeedsExact
    price = float(prices[int(np.argmax(fits))])
    return price / cost, price, False


def _run_exact(profile: Profile, arrays: _Arrays, share: Fraction) -> MesRun:
    sizes = [int(s) for s in profile.group_sizes]
    money = [share] * len(sizes)
    members = [s.tolist() for s in profile.supporters_of]
    eligible = eligible_projects(profile)
    stale: dict[int, Fraction] = {p: 1 / Fraction(profile.support[p]) for p in eligible}
    remaining = set(eligible)
    funded: list[int] = []
    rounds: list[Round] = []

    def price(p: int) -> tuple[Fraction, bool] | None:
        if sum(sizes[g] * money[g] for g in members[p]) < profile.costs[p]:
            return None
        return _price_exact(money, sizes, members[p], profile.weights_of[p], profile.costs[p], profile.support[p])

    while remaining:
        best: Fraction | None = None
        found: list[int] = []
        computed: dict[int, bool] = {}
        for p in sorted(remaining, key=lambda p: stale[p]):
            if best is not None and stale[p] > best:
                break
            priced = price(p)
            if priced is None:
                remaining.discard(p)
                continue
            stale[p], computed[p] = priced
            if best is None or stale[p] < best:
                best, found = stale[p], [p]
            elif stale[p] == best:
                found.append(p)
        if best is None:
            break
        chosen = min(found, key=lambda p: profile.ids[p])
        rivals = {p: float(stale[p]) for p in computed if p != chosen}
        rounds.append(Round(chosen, best, computed[chosen], rivals))
        cost_price = best * profile.costs[chosen]
        for g, w in zip(members[chosen], profile.weights_of[chosen], strict=True):
            money[g] -= min(money[g], cost_price * w)
        funded.append(chosen)
        remaining.discard(chosen)
    return MesRun(share, funded, money, exact=True, rounds=rounds)


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

    def run_at(step: int) -> tuple[MesRun, float | Fraction]:
        # Working out the horizon makes a run about 2.5-3 times as dear; where it keeps coming
        # out within three steps (dense events, a budget of few currency units per resident),
        # plain runs are cheaper, so streaks of them (1, 2, 4, ... up to 16) are done between.
        if plain["left"] > 0:
            plain["left"] -= 1
            run, horizon = run_once(profile, base + step, arrays, exact), 0
        else:
            run, horizon = parametric_run(profile, arrays, base + step, exact)
            if steps_within(horizon) <= 3:
                plain["left"], plain["next"] = plain["next"], min(2 * plain["next"], PLAIN_STREAK_MAX)
            else:
                plain["next"] = 1
        outcome.runs += 1
        outcome.exact_runs += run.exact
        return run, horizon

    def settle(run: MesRun, step: int, stop: str) -> MesOutcome:
        outcome.run, outcome.increments, outcome.stop = run, step, stop
        return outcome

    step = 0
    run, horizon = run_at(0)
    while True:
        if completion == NO_COMPLETION:
            return settle(run, step, STOP_SINGLE_RUN)
        if eligible <= set(run.funded):
            return settle(run, step, STOP_ALL_FUNDED)
        spent = sum((profile.costs[p] for p in run.funded), Fraction(0))
        if completion == ADD1 and _exhaustive(profile, run.funded, spent, eligible):
            return settle(run, step, STOP_EXHAUSTIVE)
        jump = steps_within(horizon)
        following, following_horizon = run_at(step + jump)
        if following.funded != run.funded:
            # Steps step + 1 .. step + jump - 1 have run's outcome; step + jump is the first
            # step with a new one, exactly where Add1 meets it.
            spent = sum((profile.costs[p] for p in following.funded), Fraction(0))
            if spent > profile.budget:
                if jump > 1:
                    run, _ = run_at(step + jump - 1)
                return settle(run, step + jump - 1, STOP_NEXT_OVERSPENDS)
        step, run, horizon = step + jump, following, following_horizon


def _exhaustive(profile: Profile, funded: list[int], spent: Fraction, eligible: set[int]) -> bool:
    chosen = set(funded)
    return all(spent + profile.costs[p] > profile.budget for p in eligible - chosen)
