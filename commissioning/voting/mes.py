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
from math import inf

import numpy as np

from .profile import Number, Profile

GUARD = 1e-9
SORT_ALL_UP_TO = 1000  # supporter groups; below this a full sort is quicker than narrowing it
NEWTON_STEPS = 12
PLAIN_STREAK_MAX = 16  # see equal_shares  # price estimates per priority; the Paris-sized benchmark needs at most 7

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
    certified: bool = False  # see `run_once(..., against=...)`

    def money_left(self, profile: Profile, project: int) -> float | Fraction:
        """What the project's supporters had left between them when the run ended."""
        groups = profile.supporters_of[project].tolist()
        sizes = profile.group_sizes
        return sum((int(sizes[g]) * self.money[g] for g in groups), Fraction(0) if self.exact else 0.0)


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
        self.weights = [np.asarray(w, dtype=np.float64) for w in profile.weights_of]
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


def run_once(
    profile: Profile,
    share: Fraction,
    arrays: _Arrays | None = None,
    exact: bool = False,
    against: MesRun | None = None,
) -> MesRun:
    """One MES run at a given per-resident share (float with guard band, else exact).

    With `against`, a run at a smaller share, the run also checks a certificate that every
    share between the two gives the same outcome, and sets `certified`. Within a run with a
    fixed sequence of winners, every group's money is non-decreasing in the share (more money
    lowers a price, and a lower price leaves more money), so between the two shares each rival's
    rho is at least its rho here and each winner's rho at most its rho in `against`. The
    certificate is: same winners, and in every round each rival's rho here beats the winner's
    rho there (or ties it exactly and loses on identifier). It never changes this run's outcome.
    """
    arrays = arrays or _Arrays(profile)
    if not exact:
        try:
            return _run_float(profile, arrays, share, against)
        except _NeedsExact:
            pass
    return _run_exact(profile, arrays, share, against)


def _loses_on_support(profile: Profile, lo: Round, p: int) -> bool:
    """Certainly not preferred to lo's winner at any money, from exact support alone.

    rho >= 1 / support always, and lo's winner was uncapped, so its rho stays 1 / support."""
    w = lo.winner
    if not lo.uncapped:
        return False
    sp, sw = profile.support[p], profile.support[w]
    return sp < sw or (sp == sw and profile.ids[w] < profile.ids[p])


def _run_float(profile: Profile, arrays: _Arrays, share: Fraction, against: MesRun | None = None) -> MesRun:
    start = float(share)
    money = np.full(len(profile.group_sizes), start)
    abs_guard = GUARD * max(start, 1.0)
    eligible = eligible_projects(profile)
    stale = np.full(profile.project_count, inf)  # lower bounds on rho: money only ever drops
    for p in eligible:
        stale[p] = 1.0 / arrays.total[p]
    active = np.asarray(eligible, dtype=np.int64)
    funded: list[int] = []
    rounds: list[Round] = []
    certified = against is not None

    def affordable(p: int, have: np.ndarray) -> bool:
        available = float((arrays.sizes[p] * have).sum())
        if available < arrays.cost[p] * (1 - GUARD):
            return False
        if available <= arrays.cost[p] * (1 + GUARD):
            raise _NeedsExact
        return True

    while active.size:
        best = inf
        found: list[tuple[float, int, float, bool]] = []
        dropped: list[int] = []
        for p in active[np.argsort(stale[active], kind="stable")].tolist():
            if stale[p] > best * (1 + GUARD):
                break
            have = money[profile.supporters_of[p]]
            # Not `sizes @ have`: a BLAS dot product may run on several threads, and stalls
            # badly when another process has the other core.
            if not affordable(p, have):
                dropped.append(p)
                continue
            rho, price, uncapped = _price_float(
                have, arrays.sizes[p], arrays.weights[p], arrays.cost[p], arrays.total[p], abs_guard
            )
            stale[p] = rho
            found.append((rho, p, price, uncapped))
            best = min(best, rho)
        if not found:
            break
        tied = [f for f in found if f[0] <= best * (1 + GUARD)]
        if len(tied) > 1 and not all(f[3] for f in tied):
            raise _NeedsExact
        # Uncapped priorities have rho = 1 / support exactly, so the tie is decided exactly.
        rho, chosen, price, uncapped = min(tied, key=lambda f: (-profile.support[f[1]], profile.ids[f[1]]))
        rivals = {f[1]: f[0] for f in found if f[1] != chosen}
        if certified:
            lo = against.rounds[len(funded)] if len(funded) < len(against.rounds) else None  # type: ignore[union-attr]
            certified = lo is not None and lo.winner == chosen
            if certified:
                limit = float(lo.rho) * (1 + 2 * GUARD)
                for p in active.tolist():
                    if p == chosen or p in dropped or arrays.twin[p] == arrays.twin[chosen]:
                        continue
                    if stale[p] > limit or _loses_on_support(profile, lo, p):
                        continue
                    if p in rivals:
                        certified = False
                        break
                    have = money[profile.supporters_of[p]]
                    try:
                        if not affordable(p, have):
                            dropped.append(p)
                            continue
                        stale[p] = rivals[p] = _price_float(
                            have, arrays.sizes[p], arrays.weights[p], arrays.cost[p], arrays.total[p], abs_guard
                        )[0]
                    except _NeedsExact:
                        certified = False
                        break
                    if stale[p] <= limit:
                        certified = False
                        break
        if dropped:
            active = active[~np.isin(active, dropped)]
        rounds.append(Round(chosen, rho, uncapped, rivals))
        groups = profile.supporters_of[chosen]
        money[groups] = np.maximum(money[groups] - price * arrays.weights[chosen], 0.0)
        funded.append(chosen)
        active = active[active != chosen]
    certified = certified and len(rounds) == len(against.rounds)  # type: ignore[union-attr]
    return MesRun(share, funded, money, exact=False, rounds=rounds, certified=certified)


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


def _run_exact(profile: Profile, arrays: _Arrays, share: Fraction, against: MesRun | None = None) -> MesRun:
    sizes = [int(s) for s in profile.group_sizes]
    money = [share] * len(sizes)
    members = [s.tolist() for s in profile.supporters_of]
    eligible = eligible_projects(profile)
    stale: dict[int, Fraction] = {p: 1 / Fraction(profile.support[p]) for p in eligible}
    remaining = set(eligible)
    funded: list[int] = []
    rounds: list[Round] = []
    certified = against is not None

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
        if certified:
            lo = against.rounds[len(funded)] if len(funded) < len(against.rounds) else None  # type: ignore[union-attr]
            certified = lo is not None and lo.winner == chosen
            for p in sorted(remaining) if certified else ():
                if p == chosen or arrays.twin[p] == arrays.twin[chosen] or _loses_on_support(profile, lo, p):
                    continue
                if p not in computed and _beats(stale[p], lo, profile.ids[chosen] < profile.ids[p]):
                    continue
                if p not in computed:
                    priced = price(p)
                    if priced is None:
                        remaining.discard(p)
                        continue
                    stale[p], computed[p] = priced
                if not _beats(stale[p], lo, profile.ids[chosen] < profile.ids[p]):
                    certified = False
                    break
        rivals = {p: float(stale[p]) for p in computed if p != chosen}
        rounds.append(Round(chosen, best, computed[chosen], rivals))
        cost_price = best * profile.costs[chosen]
        for g, w in zip(members[chosen], profile.weights_of[chosen], strict=True):
            money[g] -= min(money[g], cost_price * w)
        funded.append(chosen)
        remaining.discard(chosen)
    certified = certified and len(rounds) == len(against.rounds)  # type: ignore[union-attr]
    return MesRun(share, funded, money, exact=True, rounds=rounds, certified=certified)


def _beats(rho: Fraction, lo: Round, winner_first: bool) -> bool:
    """An exact rival rho (or a lower bound on it) that loses to lo's winner at lo's rho."""
    if isinstance(lo.rho, Fraction):
        return rho > lo.rho or (rho == lo.rho and winner_first)
    return float(rho) > lo.rho * (1 + 2 * GUARD)


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
        # Working out the horizon makes a run about twice as dear; where it keeps coming out
        # within a step or two (dense events, a budget of few currency units per resident),
        # plain runs are cheaper, so streaks of them (1, 2, 4, ... up to 16) are done between.
        if plain["left"] > 0:
            plain["left"] -= 1
            run, horizon = run_once(profile, base + step, arrays, exact), 0
        else:
            run, horizon = parametric_run(profile, arrays, base + step, exact)
            if steps_within(horizon) <= 2:
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
