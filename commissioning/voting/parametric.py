"""One MES run that also says how far the per-resident share can rise before anything can change.

Add1 raises every share by one currency unit and counts again. With the share s as a parameter,
a run at s0 has a combinatorial structure: the winner of each round, and which of the winner's
supporting groups are capped (pay all they have left). While that structure holds, everything in
the run is affine in s: every group starts with s; the winner's price per unit of weight is
q = (cost - money of the capped groups) / weight of the uncapped groups, affine in s; an
uncapped group keeps its money minus q x weight, affine; a capped group keeps 0. So besides the
money we carry each group's slope d(money)/ds, and every price gets a slope too.

The run at s0 is valid (same outcome) for all s in [s0, s0 + horizon), where the horizon is the
smallest of these distances, each computed from the affine forms:

* a group of a round's winner switches between capped and uncapped (its money line meets the
  price line x weight): the forms change from there, so we stop and count again;
* a rival could become at least as cheap as the round's winner. The winner's rho is affine. A
  rival's rho, as a function of s while the money is affine, is convex (its price is the least q
  with sum(min(money, q x weight)) >= cost, and that set is convex in (q, s)), so its tangent at
  s0 is a lower bound for it on the whole interval; a rival whose tangent line stays above the
  winner's line cannot win the round. A rival whose rho was not worked out this round uses the
  line from the last round it was (money only falls during a run, so rho only rises), or the
  flat bound 1 / support;
* a priority that its supporters could not afford in some round becomes affordable (the sum of
  their money lines meets its cost).

Add1 stepping sees shares s0 + 1, s0 + 2, ...; every one strictly below s0 + horizon has s0's
outcome, so the next share that needs counting is the first one at or above s0 + horizon (a tie
exactly at an event is counted there). Float decisions keep the engine's relative guard band: a
decision inside it makes the run start again in exact arithmetic, and a structure too close to
call at s0 gives a horizon of 0 (the next share is counted, as plain stepping would).
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil, inf

import numpy as np

from .mes import GUARD, MesRun, Round, _Arrays, _NeedsExact, _price_exact, _price_float, eligible_projects
from .profile import Profile

# Float safety margins on the horizon, relative to the quantities' scales. Rounding errors of the
# sums are around 1e-15 relative; these keep every computed distance below the true one.
SLOPE_EPS = 1e-12
VALUE_EPS = 1e-11


def parametric_run(
    profile: Profile, arrays: _Arrays, share: Fraction, exact: bool = False
) -> tuple[MesRun, float | Fraction]:
    """One MES run at `share` and its horizon: every share below share + horizon has this
    run's outcome (funded priorities, in order)."""
    if not exact:
        try:
            return _run_float(profile, arrays, share)
        except _NeedsExact:
            pass
    return _run_exact(profile, arrays, share)


def steps_within(horizon: float | Fraction) -> int:
    """The number of whole units to the first share at or above the horizon (at least 1)."""
    if horizon == inf or horizon <= 0:
        return 1
    return max(1, ceil(horizon))


def _line_crossing(h0: float, h1: float, scale: float, slopes: float) -> float:
    """First distance at which h0 + h1 x d (a lower bound on rival minus winner) can reach 0."""
    if h1 == 0.0 and slopes == 0.0:
        return inf  # two flat lines: decided once and for all at s0
    falls = -h1 + SLOPE_EPS * slopes
    if falls <= 0:
        return inf
    lead = h0 - VALUE_EPS * scale
    return lead / falls if lead > 0 else 0.0


def _run_float(profile: Profile, arrays: _Arrays, share: Fraction) -> tuple[MesRun, float]:
    start = float(share)
    money = np.full(len(profile.group_sizes), start)
    slope = np.ones(len(profile.group_sizes))
    abs_guard = GUARD * max(start, 1.0)
    money_eps = VALUE_EPS * max(start, 1.0)
    eligible = eligible_projects(profile)
    low = np.full(profile.project_count, inf)  # lower-bound lines on rho: low + fall x distance
    fall = np.zeros(profile.project_count)
    for p in eligible:
        low[p] = 1.0 / arrays.total[p]
    active = np.asarray(eligible, dtype=np.int64)
    funded: list[int] = []
    rounds: list[Round] = []
    horizon = inf

    def afford_or_drop(p: int, have: np.ndarray) -> bool:
        """Can the supporters pay for p now; if not, how soon could they."""
        nonlocal horizon
        sizes = arrays.sizes[p]
        available = float((sizes * have).sum())
        cost = arrays.cost[p]
        if available < cost * (1 - GUARD):
            rate = float((sizes * slope[profile.supporters_of[p]]).sum())
            if rate > 0:
                horizon = min(horizon, max(0.0, cost - available - VALUE_EPS * cost) / (rate * (1 + SLOPE_EPS)))
            return False
        if available <= cost * (1 + GUARD):
            raise _NeedsExact
        return True

    def priced(p: int) -> tuple[float, float, float, bool, np.ndarray] | None:
        """(rho, its slope, price per weight, nobody capped, capped mask), or None if
        unaffordable; sets p's lower-bound line to the tangent."""
        nonlocal horizon
        groups = profile.supporters_of[p]
        have = money[groups]
        if not afford_or_drop(p, have):
            return None
        weights = arrays.weights[p]
        rho, price, uncapped = _price_float(have, arrays.sizes[p], weights, arrays.cost[p], arrays.total[p], abs_guard)
        gap = have - price * weights
        if uncapped:
            capped = np.zeros(len(have), dtype=bool)
            drho = 0.0
        else:
            capped = gap < 0
            if float(np.abs(gap).min()) <= abs_guard:
                horizon = 0.0  # a supporter exactly at the price: too close to call its slope
            weight_free = float((arrays.sizes[p] * weights)[~capped].sum())
            drho = -float((arrays.sizes[p] * slope[groups])[capped].sum()) / weight_free / arrays.cost[p]
        low[p], fall[p] = rho, drho
        return rho, drho, price, uncapped, capped

    while active.size:
        best = inf
        found: dict[int, tuple[float, float, float, bool, np.ndarray]] = {}
        dropped: list[int] = []
        for p in active[np.argsort(low[active], kind="stable")].tolist():
            if low[p] > best * (1 + GUARD):
                break
            result = priced(p)
            if result is None:
                dropped.append(p)
                continue
            found[p] = result
            best = min(best, result[0])
        if not found:
            break
        tied = [p for p, f in found.items() if f[0] <= best * (1 + GUARD)]
        if len(tied) > 1 and not all(found[p][3] for p in tied):
            raise _NeedsExact
        chosen = min(tied, key=lambda p: (-profile.support[p], profile.ids[p]))
        rho, drho, price, uncapped, capped = found[chosen]
        groups = profile.supporters_of[chosen]
        weights = arrays.weights[chosen]
        dprice = drho * arrays.cost[chosen]
        have, have_slope = money[groups], slope[groups]

        # The winner's groups switching between capped and uncapped.
        gap = have - price * weights
        rate = have_slope - dprice * weights
        if gap.size:
            if float(np.abs(gap).min()) <= abs_guard:
                horizon = 0.0
            slack = SLOPE_EPS * (np.abs(have_slope) + np.abs(dprice * weights))
            lead = np.maximum(np.abs(gap) - money_eps, 0.0)
            closing = np.where(capped, rate + slack, -rate + slack)
            with np.errstate(divide="ignore"):
                times = np.where(closing > 0, lead / np.where(closing > 0, closing, 1.0), inf)
            horizon = min(horizon, float(times.min()))

        # Rivals whose lower-bound line could meet the winner's line before the horizon.
        dropped_set = set(dropped)
        for p in active.tolist():
            if p == chosen or p in dropped_set or arrays.twin[p] == arrays.twin[chosen]:
                continue
            slopes = abs(fall[p]) + abs(drho)
            cross = _line_crossing(low[p] - rho, fall[p] - drho, rho, slopes)
            if cross >= horizon:
                continue
            if p not in found:
                result = priced(p)
                if result is None:
                    dropped.append(p)
                    continue
                found[p] = result
                if low[p] <= rho * (1 + GUARD):
                    raise _NeedsExact  # a rival level with the winner that the lazy search missed
                cross = _line_crossing(low[p] - rho, fall[p] - drho, rho, abs(fall[p]) + abs(drho))
            horizon = min(horizon, cross)

        if dropped:
            active = active[~np.isin(active, dropped)]
        rivals = {p: f[0] for p, f in found.items() if p != chosen}
        rounds.append(Round(chosen, rho, uncapped, rivals))
        money[groups] = np.where(capped, 0.0, np.maximum(have - price * weights, 0.0))
        slope[groups] = np.where(capped, 0.0, have_slope - dprice * weights)
        funded.append(chosen)
        active = active[active != chosen]
    return MesRun(share, funded, money, exact=False, rounds=rounds), horizon


def _run_exact(profile: Profile, arrays: _Arrays, share: Fraction) -> tuple[MesRun, Fraction | float]:
    sizes = [int(s) for s in profile.group_sizes]
    money: list[Fraction] = [share] * len(sizes)
    slope: list[Fraction | int] = [1] * len(sizes)
    members = [s.tolist() for s in profile.supporters_of]
    eligible = eligible_projects(profile)
    low: dict[int, Fraction] = {p: 1 / Fraction(profile.support[p]) for p in eligible}
    fall: dict[int, Fraction | int] = dict.fromkeys(eligible, 0)
    remaining = set(eligible)
    funded: list[int] = []
    rounds: list[Round] = []
    horizon: Fraction | float = inf

    def priced(p: int) -> tuple[Fraction, Fraction, bool, set[int]] | None:
        nonlocal horizon
        cost = profile.costs[p]
        available = sum(sizes[g] * money[g] for g in members[p])
        if available < cost:
            rate = sum(sizes[g] * slope[g] for g in members[p])
            if rate > 0:
                horizon = min(horizon, (cost - available) / rate)
            return None
        weights = profile.weights_of[p]
        rho, uncapped = _price_exact(money, sizes, members[p], weights, cost, profile.support[p])
        price = rho * cost
        # A group exactly at the price counts as uncapped (it pays the same either way).
        capped = set() if uncapped else {g for g, w in zip(members[p], weights, strict=True) if money[g] < price * w}
        weight_free = sum(sizes[g] * w for g, w in zip(members[p], weights, strict=True) if g not in capped)
        drho = -sum(sizes[g] * slope[g] for g in capped) / Fraction(weight_free) / cost
        low[p], fall[p] = rho, drho
        return rho, drho, uncapped, capped

    def crossing(p: int, rho: Fraction, drho: Fraction) -> Fraction | float:
        h0, h1 = low[p] - rho, fall[p] - drho
        return h0 / -h1 if h1 < 0 else inf

    while remaining:
        best: Fraction | None = None
        found: dict[int, tuple[Fraction, Fraction, bool, set[int]]] = {}
        for p in sorted(remaining, key=lambda p: low[p]):
            if best is not None and low[p] > best:
                break
            result = priced(p)
            if result is None:
                remaining.discard(p)
                continue
            found[p] = result
            if best is None or result[0] < best:
                best = result[0]
        if best is None:
            break
        chosen = min((p for p in found if found[p][0] == best), key=lambda p: profile.ids[p])
        rho, drho, uncapped, capped = found[chosen]
        price, dprice = rho * profile.costs[chosen], drho * profile.costs[chosen]
        weights = profile.weights_of[chosen]
        for g, w in zip(members[chosen], weights, strict=True):
            gap, rate = money[g] - price * w, slope[g] - dprice * w
            if g in capped and rate > 0:
                horizon = min(horizon, -gap / rate)
            elif g not in capped and rate < 0:
                horizon = min(horizon, gap / -rate)
        for p in sorted(remaining):
            if p == chosen or arrays.twin[p] == arrays.twin[chosen]:
                continue
            if crossing(p, rho, drho) >= horizon:
                continue
            if p not in found:
                result = priced(p)
                if result is None:
                    remaining.discard(p)
                    continue
                found[p] = result
            horizon = min(horizon, crossing(p, rho, drho))
        rivals = {p: float(f[0]) for p, f in found.items() if p != chosen}
        rounds.append(Round(chosen, rho, uncapped, rivals))
        for g, w in zip(members[chosen], weights, strict=True):
            if g in capped:
                money[g], slope[g] = Fraction(0), 0
            else:
                money[g], slope[g] = money[g] - price * w, slope[g] - dprice * w
        funded.append(chosen)
        remaining.discard(chosen)
    return MesRun(share, funded, money, exact=True, rounds=rounds), horizon
