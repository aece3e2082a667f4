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

from .mes import MesRun, _Arrays, _price_exact, eligible_projects
from .profile import Profile


def parametric_run(
    profile: Profile, arrays: _Arrays, share: Fraction, exact: bool = False
) -> tuple[MesRun, float | Fraction]:
    """One MES run at `share` and its horizon: every share share + k, for whole k below the
    horizon, has this run's outcome (funded priorities, in order). In floats by `kernel.parametric_run`, where
    the float decisions are clear; else in fractions."""
    if not exact:
        from . import kernel  # numba is imported only when equal shares is counted

        status, funded, money, horizon = kernel.parametric_run(*arrays.flat, arrays.twin_array, float(share))
        if status == kernel.DONE:
            return MesRun(share, funded.tolist(), money, exact=False), horizon
    return _run_exact(profile, arrays, share)


def steps_within(horizon: float | Fraction) -> int:
    """The number of whole units to the first share at or above the horizon (at least 1)."""
    if horizon == inf or horizon <= 0:
        return 1
    return max(1, ceil(horizon))


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
        rho, drho, _uncapped, capped = found[chosen]
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
        for g, w in zip(members[chosen], weights, strict=True):
            if g in capped:
                money[g], slope[g] = Fraction(0), 0
            else:
                money[g], slope[g] = money[g] - price * w, slope[g] - dprice * w
        funded.append(chosen)
        remaining.discard(chosen)
    return MesRun(share, funded, money, exact=True), horizon
