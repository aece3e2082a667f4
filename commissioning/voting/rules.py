"""The counting rules by name, and `tally`, the one entry point the web app and CLI call.

Default: "mes" - the Method of Equal Shares with Add1 completion, stopping at the first
exhaustive outcome. Why: it is proportional (a group of residents with a fifth of the votes
controls about a fifth of the budget, so one large neighbourhood cannot take everything, which
greedy allows), it is what equalshares.net and the cities that adopted it (Assen, Swiecie) use,
and it is exactly what pabutools computes, so anyone can re-count a published ballot file with
public software and get the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from .election import Election
from .explain import (
    MES_FREE,
    MES_FUNDED,
    MES_UNAFFORDABLE,
    NO_SUPPORT,
    SHARE_ALL_FUNDED,
    SHARE_EXHAUSTIVE,
    SHARE_NEXT_OVERSPENDS,
    SHARE_NOT_RAISED,
    TOPUP_FUNDED,
    Explanation,
    money,
)
from .greedy import run_greedy
from .mes import (
    ADD1,
    ADD1_UNTIL_OVERSPEND,
    STOP_ALL_FUNDED,
    STOP_EXHAUSTIVE,
    STOP_NEXT_OVERSPENDS,
    MesOutcome,
    eligible_projects,
    equal_shares,
)
from .pabulib import PabulibFormatError, parse_number
from .profile import Profile, compile_election
from .result import TallyResult

THRESHOLD_META_KEY = "min_project_score_threshold"
DEFAULT_RULE = "mes"

RULE_DESCRIPTIONS = {
    "mes": "Method of Equal Shares, Add1 completion to the first exhaustive outcome (default)",
    "mes-add1u": "Method of Equal Shares (Add1), then money left over spent greedily",
    "mes-wieliczka": "Method of Equal Shares, shares raised while the outcome stays in budget",
    "greedy": "Most support first, skipping what no longer fits",
    "greedy-no-skip": "Most support first, stopping at the first priority that does not fit",
    "greedy-threshold": f"Greedy among priorities reaching META {THRESHOLD_META_KEY}",
}
RULES = tuple(RULE_DESCRIPTIONS)


def tally(
    election: Election,
    rule: str = DEFAULT_RULE,
    *,
    threshold: Fraction | None = None,
    exact: bool = False,
) -> TallyResult:
    """Count `election` under `rule`; `exact=True` skips the float fast path (for checking)."""
    if rule not in RULE_DESCRIPTIONS:
        raise ValueError(f"unknown rule {rule!r}; choose from {', '.join(RULES)}")
    # Greedy needs only each priority's support, not the ballots merged into groups.
    profile = compile_election(election, groups=rule.startswith("mes"))
    counters: dict[str, Callable[[], tuple[list[int], dict[int, Explanation], dict]]] = {
        "greedy": lambda: (*run_greedy(profile), {}),
        "greedy-no-skip": lambda: (*run_greedy(profile, skip=False), {}),
        "greedy-threshold": lambda: (
            *run_greedy(profile, threshold=_threshold(election, threshold)),
            {"threshold": str(_threshold(election, threshold))},
        ),
        "mes": lambda: _mes(profile, ADD1, exact),
        "mes-add1u": lambda: _mes(profile, ADD1, exact, top_up=True),
        "mes-wieliczka": lambda: _mes(profile, ADD1_UNTIL_OVERSPEND, exact),
    }
    funded, explanations, details = counters[rule]()
    ids = profile.ids
    return TallyResult(
        rule=rule,
        funded=tuple(ids[p] for p in funded),
        spent=sum((profile.costs[p] for p in funded), Fraction(0)),
        budget=election.budget,
        explanations={ids[p]: explanations[p] for p in range(len(ids))},
        voters=len({b.voter_id for b in election.ballots}),
        ballots=len(election.ballots),
        support=dict(zip(ids, (Fraction(s) for s in profile.support), strict=True)),
        supporters=dict(zip(ids, profile.supporter_count, strict=True)),
        details=details,
    )


def _threshold(election: Election, given: Fraction | None) -> Fraction:
    if given is not None:
        return Fraction(given)
    raw = election.meta.get(THRESHOLD_META_KEY)
    if not raw:
        raise ValueError(f"greedy-threshold needs META {THRESHOLD_META_KEY} or a threshold")
    try:
        return parse_number(raw, 0, THRESHOLD_META_KEY)
    except PabulibFormatError as exc:
        raise ValueError(str(exc)) from None


def _mes(
    profile: Profile, completion: str, exact: bool, top_up: bool = False
) -> tuple[list[int], dict[int, Explanation], dict]:
    outcome: MesOutcome = equal_shares(profile, completion, exact)
    run = outcome.run
    share = money(run.share)
    explanations: dict[int, Explanation] = {}
    eligible = set(eligible_projects(profile))
    for p in range(profile.project_count):
        supporters = profile.supporter_count[p]
        cost = money(profile.costs[p])
        if p in run.funded:
            params = {"supporters": supporters, "cost": cost, "share": share}
            explanations[p] = Explanation(MES_FUNDED, params)
        elif p in eligible:
            left = money(run.money_left(profile, p))
            params = {"supporters": supporters, "left": left, "cost": cost}
            explanations[p] = Explanation(MES_UNAFFORDABLE, params)
        elif profile.support[p] > 0:
            explanations[p] = Explanation(MES_FREE, {"supporters": supporters})
        else:
            explanations[p] = Explanation(NO_SUPPORT, {})
    funded = list(run.funded)
    if top_up:
        extra, greedy_reasons = run_greedy(profile, already_funded=tuple(funded), funded_code=TOPUP_FUNDED)
        funded += extra
        explanations.update(greedy_reasons)
    details = {
        "per_voter_share": share,
        "per_voter_share_exact": str(run.share),
        "share_increments": outcome.increments,
        "completion": _completion_explanation(profile, outcome).to_dict(),
        "runs": outcome.runs,
        "exact_runs": outcome.exact_runs,
        "eligible": len(eligible),
    }
    return funded, explanations, details


def _completion_explanation(profile: Profile, outcome: MesOutcome) -> Explanation:
    """How far Add1 raised each resident's share, and why it stopped there."""
    spent = sum((profile.costs[p] for p in outcome.run.funded), Fraction(0))
    params = {
        "start": money(profile.budget / max(profile.voters, 1)),
        "ballots": profile.voters,
        "increments": outcome.increments,
        "share": money(outcome.run.share),
        "left": money(profile.budget - spent),
        "stop": outcome.stop,
    }
    codes = {
        STOP_EXHAUSTIVE: SHARE_EXHAUSTIVE,
        STOP_NEXT_OVERSPENDS: SHARE_NEXT_OVERSPENDS,
        STOP_ALL_FUNDED: SHARE_ALL_FUNDED,
    }
    return Explanation(codes.get(outcome.stop, SHARE_NOT_RAISED), params)
