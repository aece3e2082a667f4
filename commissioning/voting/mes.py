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

from dataclasses import dataclass
from fractions import Fraction
from math import inf

import numpy as np

from .profile import Number, Profile

GUARD = 1e-9
SORT_ALL_UP_TO = 1000  # supporter groups; below this a full sort is quicker than narrowing it
NEWTON_STEPS = 12  # price estimates per priority; the Paris-sized benchmark needs at most 7

ADD1 = "add1"
ADD1_UNTIL_OVERSPEND = "add1-until-overspend"
NO_COMPLETION = "none"
COMPLETIONS = (ADD1, ADD1_UNTIL_OVERSPEND, NO_COMPLETION)


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
        groups = profile.supporters_of[project].tolist()
        sizes = profile.group_sizes
        return sum((int(sizes[g]) * self.money[g] for g in groups), Fraction(0) if self.exact else 0.0)


@dataclass
class MesOutcome:
    """The run that Add1 settled on, and how much work it took."""

    run: MesRun
    increments: int
    runs: int = 0
    exact_runs: int = 0


class _Arrays:
    """Per-project float views of the profile, built once and reused by every Add1 rerun."""

    def __init__(self, profile: Profile) -> None:
        sizes = profile.group_sizes.astype(np.float64)
        self.sizes = [sizes[s] for s in profile.supporters_of]
        self.weights = [np.asarray(w, dtype=np.float64) for w in profile.weights_of]
        self.total = [float(s) for s in profile.support]
        self.cost = [float(c) for c in profile.costs]


def eligible_projects(profile: Profile) -> list[int]:
    """Priorities MES considers: supported and with a cost.

    With cost satisfaction a free priority gives nobody any satisfaction, so pabutools never
    funds it under MES; we do the same (the add1u top-up does fund it)."""
    return [p for p in range(profile.project_count) if profile.support[p] > 0 and profile.costs[p] > 0]


def run_once(profile: Profile, share: Fraction, arrays: _Arrays | None = None, exact: bool = False) -> MesRun:
    """One MES run at a given per-resident share (float with guard band, else exact)."""
    if not exact:
        try:
            return _run_float(profile, arrays or _Arrays(profile), share)
        except _NeedsExact:
            pass
    return _run_exact(profile, share)


def _run_float(profile: Profile, arrays: _Arrays, share: Fraction) -> MesRun:
    start = float(share)
    money = np.full(len(profile.group_sizes), start)
    abs_guard = GUARD * max(start, 1.0)
    eligible = eligible_projects(profile)
    stale = np.full(profile.project_count, inf)  # lower bounds on rho: money only ever drops
    for p in eligible:
        stale[p] = 1.0 / arrays.total[p]
    active = np.asarray(eligible, dtype=np.int64)
    funded: list[int] = []
    while active.size:
        best = inf
        found: list[tuple[float, int, float, bool]] = []
        dropped: list[int] = []
        for p in active[np.argsort(stale[active], kind="stable")].tolist():
            if stale[p] > best * (1 + GUARD):
                break
            have = money[profile.supporters_of[p]]
            cost = arrays.cost[p]
            # Not `sizes @ have`: a BLAS dot product may run on several threads, and stalls
            # badly when another process has the other core.
            available = float((arrays.sizes[p] * have).sum())
            if available < cost * (1 - GUARD):
                dropped.append(p)
                continue
            if available <= cost * (1 + GUARD):
                raise _NeedsExact
            rho, price, uncapped = _price_float(
                have, arrays.sizes[p], arrays.weights[p], cost, arrays.total[p], abs_guard
            )
            stale[p] = rho
            found.append((rho, p, price, uncapped))
            best = min(best, rho)
        if dropped:
            active = active[~np.isin(active, dropped)]
        if not found:
            break
        tied = [f for f in found if f[0] <= best * (1 + GUARD)]
        if len(tied) > 1 and not all(f[3] for f in tied):
            raise _NeedsExact
        # Uncapped priorities have rho = 1 / support exactly, so the tie is decided exactly.
        _, chosen, price, _ = min(tied, key=lambda f: (-profile.support[f[1]], profile.ids[f[1]]))
        groups = profile.supporters_of[chosen]
        money[groups] = np.maximum(money[groups] - price * arrays.weights[chosen], 0.0)
        funded.append(chosen)
        active = active[active != chosen]
    return MesRun(share, funded, money, exact=False)


def _price_float(
    have: np.ndarray,
    sizes: np.ndarray,
    weights: np.ndarray,
    cost: float,
    total: float,
    guard: float,
) -> tuple[float, float, bool]:
    """(rho, price per unit of weight, certainly nobody capped) for one priority.

    The price is the smallest q with sum(min(money, q x weight)) = cost: try "everyone pays
    q x weight" first; otherwise sort supporters by money per weight and let the poorest pay
    all they have, as pabutools does.

    Only the poorest supporters, up to the first who can pay q x weight, decide the price. We
    sort just those (see _poorest_first) and fall back to sorting everyone if the answer is not
    among them. They are the leading entries of the full sort in the same order, so the sums,
    and hence the price, are the same floats bit for bit.
    """
    even = cost / total
    if float((have - even * weights).min()) > guard:
        return 1.0 / total, even, True
    ratio = have / weights
    money_of = have * sizes
    weight_of = weights * sizes

    def first_fit(order: np.ndarray) -> float | None:
        money_in = money_of[order]
        weight_in = weight_of[order]
        paid_before = np.cumsum(money_in) - money_in
        weight_from = total - (np.cumsum(weight_in) - weight_in)
        prices = (cost - paid_before) / weight_from
        fits = prices * weights[order] <= have[order]
        return float(prices[int(np.argmax(fits))]) if fits.any() else None

    price = None
    if ratio.size > SORT_ALL_UP_TO:
        price = first_fit(_poorest_first(ratio, money_of, weight_of, cost, total, even))
    if price is None:
        price = first_fit(np.argsort(ratio, kind="stable"))
    if price is None:  # only float noise can get here: the sum was checked to cover the cost
        raise _NeedsExact
    return price / cost, price, False


def _poorest_first(
    ratio: np.ndarray, money_of: np.ndarray, weight_of: np.ndarray, cost: float, total: float, price: float
) -> np.ndarray:
    """Indices that a stable sort by money per weight (ratio) puts first, in that order: every
    supporter whose ratio is at most the first ratio at or above an estimate of the price.

    The estimate comes from Newton steps up from the lower bound `price`: let everyone below it
    pay all they have and the rest share what is left of the cost by weight. It settles in a few
    steps; being only an estimate, it affects speed, never the result.
    """
    capped = ratio < price
    for _ in range(NEWTON_STEPS):
        weight_left = total - float(np.where(capped, weight_of, 0.0).sum())
        if weight_left <= 0:
            break
        price = (cost - float(np.where(capped, money_of, 0.0).sum())) / weight_left
        more = ratio < price
        if np.count_nonzero(more) <= np.count_nonzero(capped):
            break
        capped = more
    rest = ratio[~capped]
    limit = rest.min() if rest.size else inf
    # Those with no money left come first, in index order as a stable sort leaves them.
    broke = np.flatnonzero(ratio == 0)
    head = np.flatnonzero((ratio > 0) & (ratio <= limit))
    return np.concatenate((broke, head[np.argsort(ratio[head], kind="stable")]))


def _run_exact(profile: Profile, share: Fraction) -> MesRun:
    sizes = [int(s) for s in profile.group_sizes]
    money = [share] * len(sizes)
    members = [s.tolist() for s in profile.supporters_of]
    eligible = eligible_projects(profile)
    stale: dict[int, Fraction] = {p: 1 / Fraction(profile.support[p]) for p in eligible}
    remaining = set(eligible)
    funded: list[int] = []
    while remaining:
        best: Fraction | None = None
        found: list[int] = []
        for p in sorted(remaining, key=lambda p: stale[p]):
            if best is not None and stale[p] > best:
                break
            cost = profile.costs[p]
            if sum(sizes[g] * money[g] for g in members[p]) < cost:
                remaining.discard(p)
                continue
            rho = _price_exact(money, sizes, members[p], profile.weights_of[p], cost, profile.support[p])
            stale[p] = rho
            if best is None or rho < best:
                best, found = rho, [p]
            elif rho == best:
                found.append(p)
        if best is None:
            break
        chosen = min(found, key=lambda p: profile.ids[p])
        price = best * profile.costs[chosen]
        for g, w in zip(members[chosen], profile.weights_of[chosen], strict=True):
            money[g] -= min(money[g], price * w)
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
) -> Fraction:
    even = cost / total
    pairs = list(zip(groups, weights, strict=True))
    if all(money[g] >= even * w for g, w in pairs):
        return 1 / Fraction(total)
    paid, weight_left = Fraction(0), Fraction(total)
    for g, w in sorted(pairs, key=lambda gw: money[gw[0]] / gw[1]):
        price = (cost - paid) / weight_left
        if price * w <= money[g]:
            return price / cost
        paid += sizes[g] * money[g]
        weight_left -= sizes[g] * w
    raise AssertionError("unreachable: supporters were checked to afford the cost")


def equal_shares(profile: Profile, completion: str = ADD1, exact: bool = False) -> MesOutcome:
    """MES with a completion method: "add1" (pabutools: stop at the first exhaustive outcome),
    "add1-until-overspend" (keep raising while the outcome stays within budget, as Wieliczka
    did) or "none" (a single run)."""
    if completion not in COMPLETIONS:
        raise ValueError(f"completion must be one of {COMPLETIONS}")
    if profile.voters == 0:
        return MesOutcome(MesRun(Fraction(0), [], [], exact=True), increments=0)
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
            outcome.run, outcome.increments = previous, increments - 1
            return outcome
        outcome.run, outcome.increments = run, increments
        if completion == NO_COMPLETION or eligible <= set(run.funded):
            return outcome
        if completion == ADD1 and _exhaustive(profile, run.funded, spent, eligible):
            return outcome
        previous = run
        increments += 1


def _exhaustive(profile: Profile, funded: list[int], spent: Fraction, eligible: set[int]) -> bool:
    chosen = set(funded)
    return all(spent + profile.costs[p] > profile.budget for p in eligible - chosen)
