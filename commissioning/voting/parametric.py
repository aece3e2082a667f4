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

from collections import defaultdict
from fractions import Fraction
from math import ceil, inf

import numpy as np

from .mes import GUARD, MesRun, Round, _Arrays, _NeedsExact, _price_exact, _price_float, eligible_projects, pick_winner
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


def _crossings(low: np.ndarray, fall: np.ndarray, rho: float, drho: float) -> np.ndarray:
    """For each rival, the first distance at which its lower-bound line low + fall x d can
    reach the winner's line rho + drho x d (0 if it is already too close to call). Two flat
    lines never meet: a tie between them was decided exactly at s0 and stays so."""
    h1 = fall - drho
    slopes = np.abs(fall) + abs(drho)
    falls = -h1 + SLOPE_EPS * slopes
    lead = low - rho - VALUE_EPS * rho
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = np.where(falls > 0, np.where(lead > 0, lead / np.where(falls > 0, falls, 1.0), 0.0), inf)
    return np.where((h1 == 0.0) & (slopes == 0.0), inf, cross)


class _Pricer:
    """Prices at the money of one moment of a run, with slopes, for the float path."""

    def __init__(self, profile: Profile, arrays: _Arrays, start: float) -> None:
        self.profile, self.arrays = profile, arrays
        self.money = np.full(len(profile.group_sizes), start)
        self.slope = np.ones(len(profile.group_sizes))
        self.broke = np.full(len(profile.group_sizes), start == 0.0)  # certainly left with nothing
        self.abs_guard = GUARD * max(start, 1.0)
        self.horizon = inf  # affordability and rival events
        self.structure = inf  # a winner's group switching between capped and uncapped
        self.low = np.full(profile.project_count, inf)  # lower-bound lines on rho: low + fall x d
        self.fall = np.zeros(profile.project_count)
        for p in eligible_projects(profile):
            self.low[p] = 1.0 / arrays.total[p]

    def priced(self, p: int) -> tuple[float, float, float, bool, np.ndarray] | None:
        """(rho, its slope, price per weight, nobody capped, capped mask), or None if p's
        supporters cannot pay for it now (then: how soon they could). Sets p's lower-bound
        line to the tangent of its rho, valid while the money stays affine."""
        arrays = self.arrays
        groups = self.profile.supporters_of[p]
        have = self.money[groups]
        sizes, cost = arrays.sizes[p], arrays.cost[p]
        available = float((sizes * have).sum())
        if available < cost * (1 - GUARD):
            rate = 0.0 if self.horizon <= 1 else float((sizes * self.slope[groups]).sum())
            if rate > 0:
                reach = max(0.0, cost - available - VALUE_EPS * cost) / (rate * (1 + SLOPE_EPS))
                self.horizon = min(self.horizon, reach)
            return None
        if available <= cost * (1 + GUARD):
            raise _NeedsExact
        weights = arrays.weights[p]
        hint = float(self.low[p]) * cost  # rho earlier in this run: a lower bound
        rho, price, uncapped = _price_float(
            have, sizes, weights, cost, arrays.total[p], self.abs_guard, hint, arrays.unit[p]
        )
        if uncapped:
            capped = np.zeros(len(have), dtype=bool)
            drho = 0.0
        elif self.horizon <= 1:  # the next share is counted anyway: no need for slopes
            capped = have < price * weights
            drho = 0.0
        else:
            gap = have - price * weights
            capped = gap < 0
            if float(np.abs(gap).min()) <= self.abs_guard:
                self.structure = 0.0  # a supporter exactly at the price: too close to call its slope
            weight_free = float((sizes * weights)[~capped].sum())
            drho = -float((sizes * self.slope[groups])[capped].sum()) / weight_free / cost
        self.low[p], self.fall[p] = rho, drho
        return rho, drho, price, uncapped, capped

    def pay(self, p: int, price: float, dprice: float, capped: np.ndarray) -> None:
        """The winner's supporters pay; the same for the slopes. Stops the horizon where one of
        them would switch between capped and uncapped. Once the horizon is within one unit
        (the next share on Add1's grid is counted anyway), slopes and events are skipped."""
        groups = self.profile.supporters_of[p]
        weights = self.arrays.weights[p]
        have, have_slope = self.money[groups], self.slope[groups]
        gap = have - price * weights
        self.broke[groups[gap < -self.abs_guard]] = True
        if self.horizon <= 1:
            self.money[groups] = np.where(capped, 0.0, np.maximum(gap, 0.0))
            return
        if gap.size:
            if float(np.abs(gap).min()) <= self.abs_guard:
                self.structure = 0.0
            rate = have_slope - dprice * weights
            slack = SLOPE_EPS * (np.abs(have_slope) + np.abs(dprice * weights))
            lead = np.maximum(np.abs(gap) - VALUE_EPS * self.abs_guard / GUARD, 0.0)
            closing = np.where(capped, rate + slack, slack - rate)
            with np.errstate(divide="ignore"):
                times = np.where(closing > 0, lead / np.where(closing > 0, closing, 1.0), inf)
            self.structure = min(self.structure, float(times.min()))
        self.money[groups] = np.where(capped, 0.0, np.maximum(gap, 0.0))
        self.slope[groups] = np.where(capped, 0.0, have_slope - dprice * weights)


def _run_float(profile: Profile, arrays: _Arrays, share: Fraction) -> tuple[MesRun, float]:
    """The run (as `mes._run_float`, lazily pricing only what can win a round), then a replay
    of it that prices the rivals whose lower-bound lines could meet a winner's line before
    the horizon found so far. The replay knows the whole run's horizon from the start, so
    it prices few rivals."""
    start = float(share)
    run = _Pricer(profile, arrays, start)
    live = np.zeros(profile.project_count, dtype=bool)
    live[eligible_projects(profile)] = True
    funded: list[int] = []
    rounds: list[Round] = []
    history: list[tuple[int, float, float, float, np.ndarray, dict[int, tuple[float, float]], np.ndarray]] = []
    dropped_in: dict[int, list[int]] = defaultdict(list)  # round -> projects found unaffordable

    while live.any():
        active = np.flatnonzero(live)
        best = inf
        found: dict[int, tuple[float, float, float, bool, np.ndarray]] = {}
        for p in active[np.argsort(run.low[active], kind="stable")].tolist():
            if run.low[p] > best * (1 + GUARD):
                break
            result = run.priced(p)
            if result is None:
                live[p] = False
                dropped_in[len(history)].append(p)
                continue
            found[p] = result
            best = min(best, result[0])
        if not found:
            break
        tied = [p for p, f in found.items() if f[0] <= best * (1 + GUARD)]
        uncapped_of = {p: found[p][3] for p in tied}
        chosen = pick_winner(profile, arrays, tied, uncapped_of, run.money, run.broke, run.abs_guard)
        rho, drho, price, uncapped, capped = found[chosen]
        rounds.append(Round(chosen, rho, uncapped, {p: f[0] for p, f in found.items() if p != chosen}))
        lines = {p: (f[0], f[1], f[2], f[3]) for p, f in found.items()}
        history.append((chosen, rho, drho, price, capped, lines, live.copy()))
        run.pay(chosen, price, drho * arrays.cost[chosen], capped)
        funded.append(chosen)
        live[chosen] = False
    result = MesRun(share, funded, run.money, exact=False, rounds=rounds)
    if run.horizon <= 1:  # the next share will be counted anyway
        return result, run.horizon

    # The replay: the same money, round by round, and each round's rivals against its winner,
    # up to the first affordability or rival event (winners' cap changes left aside).
    replay = _Pricer(profile, arrays, start)
    # Looking far past the first cap change would price many rivals for a jump the
    # certificate is unlikely to allow; LOOK_PAST cap changes' distances is enough.
    replay.horizon = min(run.horizon, LOOK_PAST * (run.structure + 1))
    twin = np.asarray(arrays.twin, dtype=np.int64)
    for chosen, rho, drho, price, capped, lines, live_then in history:
        for p, line in lines.items():
            replay.low[p], replay.fall[p] = line[0], line[1]
        others = np.flatnonzero(live_then & (twin != twin[chosen]))
        near = others[_crossings(replay.low[others], replay.fall[others], rho, drho) < replay.horizon]
        for p in near.tolist():
            if p not in lines:
                if replay.priced(p) is None:
                    continue
                if replay.low[p] <= rho * (1 + GUARD):
                    raise _NeedsExact  # a rival level with the winner that the lazy search missed
            cross = _crossings(replay.low[p : p + 1], replay.fall[p : p + 1], rho, drho)
            replay.horizon = min(replay.horizon, float(cross[0]))
        replay.pay(chosen, price, drho * arrays.cost[chosen], capped)
    affine = min(replay.horizon, run.structure)
    # Past a winner's cap change the money is no longer affine; a certificate with bounds on it
    # may still show the outcome holds up to the predicted event (see `_certify`).
    predicted = min(replay.horizon, CERTIFY_MAX)
    for last in (ceil(predicted) - 1, ceil(predicted) // 4):
        if last >= max(steps_within(affine), 2):
            try:
                if _certify(profile, arrays, start, history, dropped_in, last):
                    return result, float(last + 1)
            except _NeedsExact:
                pass
    return result, affine


CERTIFY_MAX = 1e9  # units: the furthest a certificate is tried
LOOK_PAST = 64


def _certify(
    profile: Profile,
    arrays: _Arrays,
    start: float,
    history: list,
    dropped_in: dict[int, list[int]],
    last: int,
) -> bool:
    """Whether every share in [s0, s0 + last] has the run's outcome, with winners' cap
    changes allowed inside. Every group's money in every round is kept between a lower and an
    upper affine function of d = s - s0 on [0, last], both exact at d = 0:

    * a winner's price is at most the chord of its price computed from the lower money (that
      price is convex in d: the set of (q, d) with sum(min(lower money, q x weight)) >= cost is
      convex), and at least the price formula with s0's capped groups applied to the upper
      money (for any set C, (cost - C's money) / the others' weight is at most the price);
    * so after paying, a group has at least lower - chord x weight (and 0 if it was capped at
      s0), and at most max(0, upper - that formula x weight), whose chord over [0, last] is an
      upper bound again (max(0, affine) is convex);
    * a rival's rho is at least its tangent at d = 0 taken on the upper money (convex again),
      and a winner's at most its chord; both affine, so comparing them at both ends suffices;
    * a priority its supporters cannot afford at d = 0 stays so if the upper money cannot
      afford it at d = last (affine).
    """
    span = float(last)
    lower = np.full(len(profile.group_sizes), start)
    lower_slope = np.ones(len(profile.group_sizes))
    upper, upper_slope = lower.copy(), lower_slope.copy()
    low = np.full(profile.project_count, inf)
    fall = np.zeros(profile.project_count)
    for p in eligible_projects(profile):
        low[p] = 1.0 / arrays.total[p]
    twin = np.asarray(arrays.twin, dtype=np.int64)
    abs_guard = GUARD * max(start, 1.0)

    def cannot_afford(p: int) -> bool:
        groups = profile.supporters_of[p]
        most = float((arrays.sizes[p] * (upper[groups] + upper_slope[groups] * span)).sum())
        return most < arrays.cost[p] * (1 - GUARD)

    def tangent(p: int, rho: float, price: float, uncapped: bool) -> bool:
        """p's lower-bound line: its rho at d = 0 and the slope on the upper money."""
        if uncapped:
            low[p], fall[p] = rho, 0.0
            return True
        groups = profile.supporters_of[p]
        weights, sizes = arrays.weights[p], arrays.sizes[p]
        gap = lower[groups] - price * weights
        if float(np.abs(gap).min()) <= abs_guard:
            return False
        capped = gap < 0
        weight_free = float((sizes * weights)[~capped].sum())
        low[p] = rho
        fall[p] = -float((sizes * upper_slope[groups])[capped].sum()) / weight_free / arrays.cost[p]
        return True

    for index, (chosen, rho, _drho, price, capped, lines, live_then) in enumerate(history):
        for p, (p_rho, _slope, p_price, p_uncapped) in lines.items():
            if not tangent(p, p_rho, p_price, p_uncapped):
                return False
        groups = profile.supporters_of[chosen]
        weights, sizes, cost = arrays.weights[chosen], arrays.sizes[chosen], arrays.cost[chosen]
        # The winner: affordable from the lower money at d = last, and its price chord.
        far = lower[groups] + lower_slope[groups] * span
        if float((sizes * far).sum()) <= cost * (1 + GUARD):
            return False
        far_price = _price_float(far, sizes, weights, cost, arrays.total[chosen], abs_guard)[1]
        chord = (far_price - price) / span
        ceiling = far_price / cost  # the winner's rho is at most rho at d = 0 and this at d = last
        # Rivals: their lower-bound lines above the winner's chord at d = last (at d = 0 the
        # run decided it). Lines are tightened by pricing at d = 0 where needed.
        others = np.flatnonzero(live_then & (twin != twin[chosen]))
        others = others[others != chosen]
        at_end = low[others] + fall[others] * span
        flat_tie = (fall[others] == 0.0) & (low[others] == rho) & (_drho == 0.0) & (far_price == price)
        for p in others[(at_end <= ceiling * (1 + GUARD)) & ~flat_tie].tolist():
            if p in lines:
                return False
            have = lower[profile.supporters_of[p]]
            if float((arrays.sizes[p] * have).sum()) < arrays.cost[p] * (1 - GUARD):
                if cannot_afford(p):
                    continue
                return False
            p_rho, p_price, p_uncapped = _price_float(
                have, arrays.sizes[p], arrays.weights[p], arrays.cost[p], arrays.total[p], abs_guard
            )
            if p_rho <= rho * (1 + GUARD) or not tangent(p, p_rho, p_price, p_uncapped):
                return False
            if low[p] + fall[p] * span <= ceiling * (1 + GUARD):
                return False
        if not all(cannot_afford(p) for p in dropped_in.get(index, ())):
            return False
        # Pay: the lower money with the chord price, the upper with s0's capped formula.
        free = ~capped
        weight_free = float((sizes * weights)[free].sum())
        floor_price = (cost - float((sizes * upper[groups])[capped].sum())) / weight_free
        floor_far = (cost - float((sizes * (upper[groups] + upper_slope[groups] * span))[capped].sum())) / weight_free
        near_end = np.maximum(upper[groups] - floor_price * weights, 0.0)
        far_end = np.maximum(upper[groups] + upper_slope[groups] * span - floor_far * weights, 0.0)
        upper[groups] = near_end
        upper_slope[groups] = (far_end - near_end) / span
        lower[groups] = np.where(free, lower[groups] - price * weights, 0.0)
        lower_slope[groups] = np.where(free, lower_slope[groups] - chord * weights, 0.0)
    return all(cannot_afford(p) for p in dropped_in.get(len(history), ()))


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
