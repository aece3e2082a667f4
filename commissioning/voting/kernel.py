"""MES runs in float64, compiled with numba: a plain run, and a run with its horizon.

Add1 may need a run for almost every step where the outcome changes (Toulouse 2022: about 1,500
runs). In numpy a run was a few hundred calls on small arrays, so call overhead, not arithmetic,
was the cost: 7 ms a run on Toulouse, 4 ms for a run with its horizon on Budapest. Compiled, a
run is a loop over the supporters of the few priorities each round prices.

The rules are those of `mes` and `parametric` (see their docstrings); this module only carries
them out. Every decision is taken only when it is clear by more than the relative guard band
GUARD; where it is not, a run returns NEEDS_EXACT and is redone in fractions. Exact ties are
decided on support where nobody is capped (rho = 1 / support), else on whole numbers: if every
supporter who has money left can clearly pay cost / (their weight), rho is 1 / that weight,
exactly (float sums of whole numbers below 2**53 are exact).

A priority's supporting groups are kept flat (CSR): priority p's are
`group[indptr[p]:indptr[p + 1]]`, with each group's `weight` (its satisfaction per unit of cost)
and `size` (residents) at the same positions. Each supporting group appears once per priority.

The first call in a new environment compiles (about 20 s); numba keeps the machine code in
`__pycache__` (or NUMBA_CACHE_DIR), and later processes load it in a fraction of a second.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

GUARD = 1e-9
NEWTON_STEPS = 16  # price steps before sorting instead (see `_price`)
# Float safety margins on the horizon, relative to the quantities' scales. Rounding errors of
# the sums are around 1e-15 relative; these keep every computed distance below the true one.
SLOPE_EPS = 1e-12
VALUE_EPS = 1e-11
CERTIFY_MAX = 1e9  # units: the furthest a certificate is tried
CERTIFY_TRIES = 5  # at the predicted distance, then at each half of the last
LOOK_PAST = 64.0  # cap changes' distances the replay looks past the first one

DONE = 0
NEEDS_EXACT = 1
_PRICED = 0
_UNAFFORDABLE = 2

# Sums may be reordered ("reassoc", so loops run on SIMD lanes) and products fused ("contract"):
# either changes a result by a rounding or two, far inside the guard band. No assumption that
# values are finite: bounds start at infinity.
COMPILE = {"nogil": True, "error_model": "numpy", "fastmath": {"reassoc", "contract"}}


def jit(function):
    """Compiled, with the machine code kept on disk; where numba finds nowhere writable to keep
    it (a read-only install and no writable home or NUMBA_CACHE_DIR), compiled in each process."""
    try:
        return njit(cache=True, **COMPILE)(function)
    except RuntimeError:
        return njit(**COMPILE)(function)


@jit
def _price(have, weight, size, cost, total, guard, hint, unit, scratch):
    """(rho, price per unit of weight, certainly nobody capped, ok) for one priority whose
    supporters (their money `have`) can afford it.

    The price is the smallest q with f(q) = sum(min(money, q x weight)) = cost. Try "everyone
    pays q x weight" first. Otherwise Newton's method from below: with C the supporters whose
    money per weight is under q, the next q is (cost - C's money) / (weight outside C). f is
    concave and piecewise linear, so from below every step stays below the answer and caps at
    least one more supporter, and it stops exactly where nobody else is under the price. `hint`
    is an earlier price of this priority in the same run (money only drops, so its price only
    rises), lowered by the guard band to stay below. If it does not settle within
    NEWTON_STEPS, the supporters are sorted by money per weight instead, as pabutools does.
    `ok` is False only where float noise contradicts the check that they can afford it."""
    n = have.shape[0]
    even = cost / total
    lowest = np.inf
    for i in range(n):
        lowest = min(lowest, have[i] - even * weight[i])
    if lowest > guard:
        return 1.0 / total, even, True, True
    price = max(even, hint * (1 - GUARD))
    count, weight_capped, money_capped = _capped_under(have, weight, size, unit, price)
    for _ in range(NEWTON_STEPS):
        weight_left = total - weight_capped
        if weight_left <= 0:
            break
        price = (cost - money_capped) / weight_left
        more, weight_capped, money_capped = _capped_under(have, weight, size, unit, price)
        if more == count:  # both are "under a price": equal counts, equal sets
            return price / cost, price, False, True
        if more < count:  # float noise put the start above the answer
            break
        count = more
    for i in range(n):
        scratch[i] = have[i] if unit else have[i] / weight[i]
    order = np.argsort(scratch[:n], kind="mergesort")
    paid = 0.0
    weight_done = 0.0
    for k in range(n):
        i = order[k]
        price = (cost - paid) / (total - weight_done)
        if price * weight[i] <= have[i]:
            return price / cost, price, False, True
        paid += size[i] * have[i]
        weight_done += size[i] * weight[i]
    return 0.0, 0.0, False, False


@jit
def _capped_under(have, weight, size, unit, price):
    """How many supporters have less than `price` per unit of weight; their weight and money.
    Without branches, so the loop runs on SIMD lanes (twice as quick on Paris-sized votes)."""
    count = 0
    weight_capped = 0.0
    money_capped = 0.0
    if unit:
        for i in range(have.shape[0]):
            under = have[i] < price
            count += under
            weight_capped += size[i] * under
            money_capped += size[i] * have[i] * under
    else:
        for i in range(have.shape[0]):
            under = have[i] / weight[i] < price
            count += under
            weight_capped += size[i] * weight[i] * under
            money_capped += size[i] * have[i] * under
    return count, weight_capped, money_capped


@jit
def _gather(money, group, first, last, have, size):
    """Copy the supporters' money into `have`; return what they have between them."""
    available = 0.0
    for j in range(last - first):
        h = money[group[first + j]]
        have[j] = h
        available += size[first + j] * h
    return available


@jit
def _pick(found, found_rho, found_uncapped, nfound, best, indptr, group, weight, size, money, broke, cost, whole,
          support_rank, id_rank, guard):  # fmt: skip
    """The round's winner (an index into `found`), or -1 if a tie cannot be decided in floats.

    Priorities within the guard band of the best rho are level; among them the exact rho
    decides, then the identifier."""
    chosen = -1
    tied = 0
    all_uncapped = True
    for k in range(nfound):
        if found_rho[k] <= best * (1 + GUARD):
            tied += 1
            all_uncapped = all_uncapped and found_uncapped[k]
            chosen = k
    if tied == 1:
        return chosen
    chosen = -1
    if all_uncapped:  # rho = 1 / support for each: the most support wins, then the identifier
        for k in range(nfound):
            if found_rho[k] <= best * (1 + GUARD) and (
                chosen < 0 or support_rank[found[k]] < support_rank[found[chosen]]
            ):
                chosen = k
        return chosen
    chosen_weight = 0.0
    for k in range(nfound):
        if found_rho[k] > best * (1 + GUARD):
            continue
        p = found[k]
        if not whole[p]:
            return -1
        first, last = indptr[p], indptr[p + 1]
        weight_free = 0.0
        for i in range(first, last):
            if not broke[group[i]]:
                weight_free += size[i] * weight[i]
        if weight_free <= 0 or weight_free >= 2.0**53:
            return -1
        price = cost[p] / weight_free
        for i in range(first, last):
            g = group[i]
            if not broke[g] and money[g] - price * weight[i] <= guard:
                return -1
        if (
            chosen < 0
            or weight_free > chosen_weight
            or (weight_free == chosen_weight and id_rank[p] < id_rank[found[chosen]])
        ):
            chosen, chosen_weight = k, weight_free
    return chosen


@jit
def _by_bound(order, n, bound):
    """Sort order[:n] by bound, in place. The bounds only rise and a round changes few, so
    the order is nearly sorted already: insertion sort is close to one pass."""
    for k in range(1, n):
        p = order[k]
        j = k - 1
        while j >= 0 and bound[order[j]] > bound[p]:
            order[j + 1] = order[j]
            j -= 1
        order[j + 1] = p


@jit
def _live_in_order(order, n, live, bound):
    """Drop from order[:n] what is no longer live and sort the rest by bound; the new count."""
    kept = 0
    for k in range(n):
        if live[order[k]]:
            order[kept] = order[k]
            kept += 1
    _by_bound(order, kept, bound)
    return kept


# The run with its horizon (see `parametric`): money is affine in the share s = s0 + d while the
# run's structure holds, so each group carries its money and slope d(money)/dd.


@jit
def _priced(p, indptr, group, weight, size, cost, total, unit, money, slope, low, fall, horizon, structure, guard,
            have, scratch):  # fmt: skip
    """Price p at this money, with the slope of its rho: (status, rho, drho, price, nobody
    capped, horizon, structure). Unaffordable: the horizon stops where the supporters' money
    lines could reach the cost. Sets p's lower-bound line low + fall x d to the tangent of its
    rho (valid while the money stays affine)."""
    first, last = indptr[p], indptr[p + 1]
    m = last - first
    c = cost[p]
    available = _gather(money, group, first, last, have, size)
    if available < c * (1 - GUARD):
        rate = 0.0
        if horizon > 1:
            for i in range(first, last):
                rate += size[i] * slope[group[i]]
        if rate > 0:
            reach = max(0.0, c - available - VALUE_EPS * c) / (rate * (1 + SLOPE_EPS))
            horizon = min(horizon, reach)
        return _UNAFFORDABLE, 0.0, 0.0, 0.0, False, horizon, structure
    if available <= c * (1 + GUARD):
        return NEEDS_EXACT, 0.0, 0.0, 0.0, False, horizon, structure
    rho, price, uncapped, ok = _price(
        have[:m], weight[first:last], size[first:last], c, total[p], guard, low[p] * c, unit[p], scratch
    )
    if not ok:
        return NEEDS_EXACT, 0.0, 0.0, 0.0, False, horizon, structure
    drho = 0.0
    if not uncapped and horizon > 1:  # within one unit the next share is counted anyway
        closest = np.inf
        weight_free = 0.0
        capped_slope = 0.0
        for j in range(m):
            i = first + j
            gap = have[j] - price * weight[i]
            closest = min(closest, abs(gap))
            if gap < 0:
                capped_slope += size[i] * slope[group[i]]
            else:
                weight_free += size[i] * weight[i]
        if closest <= guard:
            structure = 0.0  # a supporter exactly at the price: too close to call its slope
        drho = -capped_slope / weight_free / c
    low[p] = rho
    fall[p] = drho
    return _PRICED, rho, drho, price, uncapped, horizon, structure


@jit
def _pay(p, price, dprice, capped, indptr, group, weight, money, slope, broke, horizon, structure, guard):
    """The winner's supporters pay; the same for the slopes. The structure stops where one of
    them would switch between capped and uncapped; within one unit of horizon slopes are left."""
    closest = np.inf
    soonest = np.inf
    for i in range(indptr[p], indptr[p + 1]):
        g = group[i]
        w = weight[i]
        gap = money[g] - price * w
        if gap < -guard:
            broke[g] = True
        if horizon > 1:
            closest = min(closest, abs(gap))
            was = slope[g]
            rate = was - dprice * w
            slack = SLOPE_EPS * (abs(was) + abs(dprice * w))
            lead = max(abs(gap) - VALUE_EPS * guard / GUARD, 0.0)
            closing = rate + slack if capped[i] else slack - rate
            if closing > 0:
                soonest = min(soonest, lead / closing)
            slope[g] = 0.0 if capped[i] else rate
        money[g] = 0.0 if capped[i] else max(gap, 0.0)
    if horizon > 1 and indptr[p + 1] > indptr[p]:
        if closest <= guard:
            structure = 0.0
        structure = min(structure, soonest)
    return structure


@jit
def _crossing(low, fall, rho, drho):
    """The first distance at which a rival's lower-bound line low + fall x d can reach the
    winner's line rho + drho x d (0 if already too close to call). Two flat lines never meet."""
    h1 = fall - drho
    slopes = abs(fall) + abs(drho)
    if h1 == 0.0 and slopes == 0.0:
        return np.inf
    falls = -h1 + SLOPE_EPS * slopes
    if falls <= 0:
        return np.inf
    lead = low - rho - VALUE_EPS * rho
    return lead / falls if lead > 0 else 0.0


@jit
def _grow(values, size):
    grown = np.empty(max(size, 2 * values.shape[0]), dtype=values.dtype)
    grown[: values.shape[0]] = values
    return grown


@jit
def run(indptr, group, weight, size, groups, cost, total, unit, whole, eligible, support_rank, id_rank, start):
    """One run at the per-resident share `start`: (status, funded in order, each group's money
    left). Each round prices priorities in order of a lower bound on their rho (their last rho:
    money only ever drops) and stops once the bound passes the best rho found."""
    status, funded, money, _ = _counted(indptr, group, weight, size, groups, cost, total, unit, whole, eligible,
                                        support_rank, id_rank, id_rank, start, False)  # fmt: skip
    return status, funded, money


@jit
def parametric_run(indptr, group, weight, size, groups, cost, total, unit, whole, eligible, support_rank, id_rank,
                   twin, start):  # fmt: skip
    """One run at `start` and its horizon: (status, funded in order, money left, horizon).
    Every share start + k, for whole k below the horizon, has this run's outcome (Add1's grid;
    a certificate covers only those shares).

    The run prices lazily, as `run` does, recording each round. A replay of the same money then
    prices the rivals whose lower-bound lines could meet the round's winner before the horizon
    found so far; past a winner's cap change, `_certify` may still show the outcome holds."""
    return _counted(indptr, group, weight, size, groups, cost, total, unit, whole, eligible, support_rank, id_rank,
                    twin, start, True)  # fmt: skip


@jit
def _counted(indptr, group, weight, size, groups, cost, total, unit, whole, eligible, support_rank, id_rank, twin,
             start, track):  # fmt: skip
    """`run` (track False: no slopes, nothing recorded, horizon 0) or `parametric_run`."""
    projects = cost.shape[0]
    guard = GUARD * max(start, 1.0)
    money = np.full(groups, start)
    slope = np.ones(groups)
    broke = np.full(groups, start == 0.0)
    low = np.full(projects, np.inf)
    fall = np.zeros(projects)
    live = eligible.copy()
    order = np.flatnonzero(eligible)
    n = order.shape[0]
    for p in order:
        low[p] = 1.0 / total[p]
    longest = max(1, int(np.max(np.diff(indptr)))) if projects else 1
    have = np.empty(longest)
    scratch = np.empty(longest)
    horizon = np.inf if track else 0.0  # affordability events
    structure = np.inf  # a winner's group switching between capped and uncapped
    funded = np.empty(projects, dtype=np.int64)
    found = np.empty(projects, dtype=np.int64)
    found_rho = np.empty(projects)
    found_drho = np.empty(projects)
    found_price = np.empty(projects)
    found_uncapped = np.zeros(projects, dtype=np.bool_)
    # What the replay and the certificate need of each round.
    round_rho = np.empty(projects)
    round_drho = np.empty(projects)
    round_price = np.empty(projects)
    live_then = np.zeros((projects if track else 0, projects), dtype=np.bool_)
    capped = np.zeros(group.shape[0], dtype=np.bool_)  # per entry, for the winner's entries
    dropped_at = np.full(projects, -1)  # the round in which a priority was found unaffordable
    line_start = np.zeros(projects + 1, dtype=np.int64)
    line_p = np.empty(4 * projects + 4, dtype=np.int64)
    line_rho = np.empty(4 * projects + 4)
    line_drho = np.empty(4 * projects + 4)
    line_price = np.empty(4 * projects + 4)
    line_uncapped = np.zeros(4 * projects + 4, dtype=np.bool_)
    lines = 0
    rounds = 0
    while True:
        n = _live_in_order(order, n, live, low)
        if n == 0:
            break
        best = np.inf
        nfound = 0
        for k in range(n):
            p = order[k]
            if low[p] > best * (1 + GUARD):
                break
            status, rho, drho, price, uncapped, horizon, structure = _priced(
                p, indptr, group, weight, size, cost, total, unit, money, slope, low, fall, horizon, structure, guard,
                have, scratch,
            )  # fmt: skip
            if status == _UNAFFORDABLE:
                live[p] = False
                dropped_at[p] = rounds
                continue
            if status == NEEDS_EXACT:
                return NEEDS_EXACT, funded[:0], money, 0.0
            found[nfound] = p
            found_rho[nfound] = rho
            found_drho[nfound] = drho
            found_price[nfound] = price
            found_uncapped[nfound] = uncapped
            nfound += 1
            best = min(best, rho)
        if nfound == 0:
            break
        k = _pick(found, found_rho, found_uncapped, nfound, best, indptr, group, weight, size, money, broke, cost,
                  whole, support_rank, id_rank, guard)  # fmt: skip
        if k < 0:
            return NEEDS_EXACT, funded[:0], money, 0.0
        chosen = found[k]
        if track:  # what the replay and the certificate need of this round
            if lines + nfound > line_p.shape[0]:
                line_p = _grow(line_p, lines + nfound)
                line_rho = _grow(line_rho, lines + nfound)
                line_drho = _grow(line_drho, lines + nfound)
                line_price = _grow(line_price, lines + nfound)
                line_uncapped = _grow(line_uncapped, lines + nfound)
            for j in range(nfound):
                line_p[lines + j] = found[j]
                line_rho[lines + j] = found_rho[j]
                line_drho[lines + j] = found_drho[j]
                line_price[lines + j] = found_price[j]
                line_uncapped[lines + j] = found_uncapped[j]
            lines += nfound
            line_start[rounds + 1] = lines
            round_rho[rounds] = found_rho[k]
            round_drho[rounds] = found_drho[k]
            round_price[rounds] = found_price[k]
            live_then[rounds, :] = live
        for i in range(indptr[chosen], indptr[chosen + 1]):
            capped[i] = not found_uncapped[k] and money[group[i]] - found_price[k] * weight[i] < 0
        structure = _pay(chosen, found_price[k], found_drho[k] * cost[chosen], capped, indptr, group, weight, money,
                         slope, broke, horizon, structure, guard)  # fmt: skip
        funded[rounds] = chosen
        rounds += 1
        live[chosen] = False
    if horizon <= 1:  # the next share will be counted anyway
        return DONE, funded[:rounds], money, horizon

    # The replay: the same money, round by round, and each round's rivals against its winner,
    # up to the first affordability or rival event (winners' cap changes left aside). Looking
    # far past the first cap change would price many rivals for a jump the certificate is
    # unlikely to allow.
    replay_money = np.full(groups, start)
    replay_slope = np.ones(groups)
    replay_broke = np.full(groups, start == 0.0)
    for p in range(projects):
        low[p] = 1.0 / total[p] if eligible[p] else np.inf
        fall[p] = 0.0
    reach = min(horizon, LOOK_PAST * (structure + 1))
    replay_structure = np.inf
    in_lines = np.full(projects, -1)
    for r in range(rounds):
        chosen = funded[r]
        rho, drho = round_rho[r], round_drho[r]
        for j in range(line_start[r], line_start[r + 1]):
            low[line_p[j]] = line_rho[j]
            fall[line_p[j]] = line_drho[j]
            in_lines[line_p[j]] = r
        reach_then = reach
        for p in range(projects):
            if not live_then[r, p] or twin[p] == twin[chosen]:
                continue
            if _crossing(low[p], fall[p], rho, drho) >= reach_then:
                continue
            if in_lines[p] != r:
                status, p_rho, _d, _q, _u, reach, replay_structure = _priced(
                    p, indptr, group, weight, size, cost, total, unit, replay_money, replay_slope, low, fall, reach,
                    replay_structure, guard, have, scratch,
                )  # fmt: skip
                if status == _UNAFFORDABLE:
                    continue
                if status == NEEDS_EXACT or p_rho <= rho * (1 + GUARD):
                    return NEEDS_EXACT, funded[:0], money, 0.0  # a rival level with the winner, missed
            reach = min(reach, _crossing(low[p], fall[p], rho, drho))
        replay_structure = _pay(chosen, round_price[r], drho * cost[chosen], capped, indptr, group, weight,
                                replay_money, replay_slope, replay_broke, reach, replay_structure, guard)  # fmt: skip
    affine = min(reach, structure)
    # Past a winner's cap change the money is no longer affine; a certificate with bounds on it
    # may still show the outcome holds up to the predicted event, or to a half, a quarter ... of
    # the way (the bounds loosen with the distance; a failed try costs a fraction of a run).
    last = math.ceil(min(reach, CERTIFY_MAX)) - 1
    for _ in range(CERTIFY_TRIES):
        if last < max(_steps_within(affine), 2):
            break
        if _certify(
            indptr, group, weight, size, groups, cost, total, eligible, twin, start, guard, float(last), funded,
            rounds, round_rho, round_drho, round_price, live_then, capped, dropped_at, line_start, line_p, line_rho,
            line_price, line_uncapped, have, scratch,
        ):  # fmt: skip
            return DONE, funded[:rounds], money, float(last + 1)
        last = (last + 1) // 2
    return DONE, funded[:rounds], money, affine


@jit
def _steps_within(horizon):
    """The number of whole units to the first share at or above the horizon (at least 1), as
    `parametric.steps_within` says, held below 2**62 so that it fits a machine integer."""
    if horizon == np.inf or horizon <= 0:
        return 1
    return max(1, math.ceil(min(horizon, 2.0**62)))


@jit
def _certify(indptr, group, weight, size, groups, cost, total, eligible, twin, start, guard, span, funded, rounds,
             round_rho, round_drho, round_price, live_then, capped, dropped_at, line_start, line_p, line_rho,
             line_price, line_uncapped, have, scratch):  # fmt: skip
    """Whether every share in [s0, s0 + span] has the run's outcome, with winners' cap
    changes allowed inside. Every group's money in every round is kept between a lower and an
    upper affine function of d = s - s0 on [0, span], both exact at d = 0:

    * a winner's price is at most the chord of its price computed from the lower money (that
      price is convex in d: the set of (q, d) with sum(min(lower money, q x weight)) >= cost is
      convex), and at least the price formula with s0's capped groups applied to the upper
      money (for any set C, (cost - C's money) / the others' weight is at most the price);
    * so after paying, a group has at least lower - chord x weight (and 0 if it was capped at
      s0), and at most max(0, upper - that formula x weight), whose chord over [0, span] is an
      upper bound again (max(0, affine) is convex);
    * a rival's rho is at least its tangent at d = 0 taken on the upper money (convex again),
      and a winner's at most its chord; both affine, so comparing them at both ends suffices;
    * a priority its supporters cannot afford at d = 0 stays so if the upper money cannot
      afford it at d = span (affine).
    """
    projects = cost.shape[0]
    lower = np.full(groups, start)
    lower_slope = np.ones(groups)
    upper = lower.copy()
    upper_slope = lower_slope.copy()
    low = np.full(projects, np.inf)
    fall = np.zeros(projects)
    for p in range(projects):
        if eligible[p]:
            low[p] = 1.0 / total[p]
    in_lines = np.full(projects, -1)
    for r in range(rounds):
        for j in range(line_start[r], line_start[r + 1]):
            p = line_p[j]
            in_lines[p] = r
            if not _tangent(p, line_rho[j], line_price[j], line_uncapped[j], indptr, group, weight, size, cost, lower,
                            upper_slope, low, fall, guard):  # fmt: skip
                return False
        chosen = funded[r]
        rho, drho, price = round_rho[r], round_drho[r], round_price[r]
        first, last = indptr[chosen], indptr[chosen + 1]
        m = last - first
        # The winner: affordable from the lower money at d = span, and its price chord.
        available = 0.0
        for j in range(m):
            g = group[first + j]
            have[j] = lower[g] + lower_slope[g] * span
            available += size[first + j] * have[j]
        if available <= cost[chosen] * (1 + GUARD):
            return False
        _r, far_price, _u, ok = _price(
            have[:m], weight[first:last], size[first:last], cost[chosen], total[chosen], guard, 0.0, False, scratch
        )
        if not ok:
            return False
        chord = (far_price - price) / span
        ceiling = far_price / cost[chosen]  # the winner's rho is at most rho at 0 and this at span
        for p in range(projects):
            if not live_then[r, p] or twin[p] == twin[chosen] or p == chosen:
                continue
            flat_tie = fall[p] == 0.0 and low[p] == rho and drho == 0.0 and far_price == price
            if low[p] + fall[p] * span > ceiling * (1 + GUARD) or flat_tie:
                continue
            if in_lines[p] == r:
                return False
            p_first, p_last = indptr[p], indptr[p + 1]
            available = _gather(lower, group, p_first, p_last, have, size)
            if available < cost[p] * (1 - GUARD):
                if _cannot_afford(p, indptr, group, size, cost, upper, upper_slope, span):
                    continue
                return False
            p_rho, p_price, p_uncapped, ok = _price(
                have[: p_last - p_first], weight[p_first:p_last], size[p_first:p_last], cost[p], total[p], guard, 0.0,
                False, scratch,
            )  # fmt: skip
            if not ok or p_rho <= rho * (1 + GUARD):
                return False
            if not _tangent(p, p_rho, p_price, p_uncapped, indptr, group, weight, size, cost, lower, upper_slope, low,
                            fall, guard):  # fmt: skip
                return False
            if low[p] + fall[p] * span <= ceiling * (1 + GUARD):
                return False
        for p in range(projects):
            if dropped_at[p] == r and not _cannot_afford(p, indptr, group, size, cost, upper, upper_slope, span):
                return False
        # Pay: the lower money with the chord price, the upper with s0's capped formula.
        weight_free = 0.0
        upper_capped = 0.0
        upper_capped_far = 0.0
        for i in range(first, last):
            g = group[i]
            if capped[i]:
                upper_capped += size[i] * upper[g]
                upper_capped_far += size[i] * (upper[g] + upper_slope[g] * span)
            else:
                weight_free += size[i] * weight[i]
        floor_price = (cost[chosen] - upper_capped) / weight_free
        floor_far = (cost[chosen] - upper_capped_far) / weight_free
        for i in range(first, last):
            g = group[i]
            near_end = max(upper[g] - floor_price * weight[i], 0.0)
            far_end = max(upper[g] + upper_slope[g] * span - floor_far * weight[i], 0.0)
            upper[g] = near_end
            upper_slope[g] = (far_end - near_end) / span
            if capped[i]:
                lower[g] = 0.0
                lower_slope[g] = 0.0
            else:
                lower[g] = lower[g] - price * weight[i]
                lower_slope[g] = lower_slope[g] - chord * weight[i]
    for p in range(projects):
        if dropped_at[p] == rounds and not _cannot_afford(p, indptr, group, size, cost, upper, upper_slope, span):
            return False
    return True


@jit
def _tangent(p, rho, price, uncapped, indptr, group, weight, size, cost, lower, upper_slope, low, fall, guard):
    """p's lower-bound line in the certificate: its rho at d = 0 and the slope on the upper
    money. False where a supporter is too close to the price to call."""
    if uncapped:
        low[p] = rho
        fall[p] = 0.0
        return True
    closest = np.inf
    weight_free = 0.0
    capped_slope = 0.0
    for i in range(indptr[p], indptr[p + 1]):
        g = group[i]
        gap = lower[g] - price * weight[i]
        closest = min(closest, abs(gap))
        if gap < 0:
            capped_slope += size[i] * upper_slope[g]
        else:
            weight_free += size[i] * weight[i]
    if closest <= guard:
        return False
    low[p] = rho
    fall[p] = -capped_slope / weight_free / cost[p]
    return True


@jit
def _cannot_afford(p, indptr, group, size, cost, upper, upper_slope, span):
    """Whether p stays unaffordable on the whole interval: the upper money at d = span."""
    most = 0.0
    for i in range(indptr[p], indptr[p + 1]):
        g = group[i]
        most += size[i] * (upper[g] + upper_slope[g] * span)
    return most < cost[p] * (1 - GUARD)


def warm() -> None:
    """Compile both runs (or load them from numba's cache) on a one-priority election, so the
    first count a resident asks for does not wait for the compiler (the Dockerfile calls this)."""
    indptr, group = np.array([0, 1]), np.array([0])
    ones, yes, rank = np.ones(1), np.ones(1, dtype=np.bool_), np.zeros(1, dtype=np.int64)
    flat = (indptr, group, ones, ones, 1, ones, ones, yes, yes, yes, rank, rank)
    run(*flat, 2.0)
    parametric_run(*flat, rank, 2.0)
