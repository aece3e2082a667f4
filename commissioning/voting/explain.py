"""Why each priority was or was not funded, as data first and English second.

An Explanation is a `code` plus `params` (JSON-friendly: money as decimal strings, counts as
ints) so the web app can translate the sentence; `text` renders the English version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

TIE_BREAK_RULE_TEXT = (
    "When two priorities are exactly level - the same support under the greedy rule, or the "
    "same price per unit of support under equal shares - the one whose identifier comes first "
    "in plain character order is taken first (the order a computer sorts text in: digit by "
    "digit, so '10' comes before '9', and capital letters before small ones). Cost and the "
    "order of the ballots play no part. All sums are exact fractions, so 'level' means exactly "
    "equal, never 'equal after rounding'. This is the rule of the reference software pabutools."
)

FUNDED = "funded"
MES_FUNDED = "mes_funded"
TOPUP_FUNDED = "topup_funded"
OVER_BUDGET = "over_budget"
AFTER_STOP = "after_stop"
BELOW_THRESHOLD = "below_threshold"
MES_UNAFFORDABLE = "mes_unaffordable"
NO_SUPPORT = "no_support"
MES_FREE = "mes_free"
# How far Add1 raised the equal share, and why it stopped there (one per count, not per priority).
SHARE_EXHAUSTIVE = "share_raised_exhaustive"
SHARE_NEXT_OVERSPENDS = "share_raised_next_overspends"
SHARE_ALL_FUNDED = "share_raised_all_funded"
SHARE_NOT_RAISED = "share_not_raised"

TEMPLATES: Mapping[str, str] = {
    FUNDED: (
        "Funded: support {support} from {supporters} resident(s); it costs {cost} and "
        "{remaining} of the budget was still unspent when its turn came."
    ),
    MES_FUNDED: (
        "Funded: its {supporters} supporter(s) paid its cost of {cost} from their equal shares "
        "(each resident's share was {share})."
    ),
    TOPUP_FUNDED: (
        "Funded from the money equal shares left unspent: support {support}; it costs {cost} and {remaining} was left."
    ),
    OVER_BUDGET: ("Not funded: when its turn came only {remaining} of the budget was left, and it costs {cost}."),
    AFTER_STOP: (
        "Not funded: counting stopped at priority {stopped_at}, the first that did not fit "
        "({remaining} left, it cost {stop_cost}); priorities with less support were not reached."
    ),
    BELOW_THRESHOLD: "Not funded: its support of {support} is below the minimum of {threshold}.",
    MES_UNAFFORDABLE: (
        "Not funded: its {supporters} supporter(s) had {left} left of their equal shares in "
        "total, less than its cost of {cost}."
    ),
    NO_SUPPORT: "Not funded: nobody voted for it.",
    MES_FREE: (
        "Not funded by equal shares: it costs nothing, so paying for it gives no one a share of "
        "value (the reference rule only buys priorities that cost money)."
    ),
    SHARE_EXHAUSTIVE: (
        "Each resident's share started at {start} (the budget split equally over {ballots} ballot(s)) and was "
        "raised {increments} time(s) by one unit, to {share}: the first share at which nothing left unfunded "
        "fits in the {left} of the budget left over."
    ),
    SHARE_NEXT_OVERSPENDS: (
        "Each resident's share started at {start} (the budget split equally over {ballots} ballot(s)) and was "
        "raised {increments} time(s) by one unit, to {share}: one more unit would fund priorities costing "
        "more than the budget, so the outcome at {share} stands ({left} left over)."
    ),
    SHARE_ALL_FUNDED: (
        "Each resident's share started at {start} (the budget split equally over {ballots} ballot(s)) and was "
        "raised {increments} time(s) by one unit, to {share}, where every priority equal shares can fund is "
        "funded ({left} left over)."
    ),
    SHARE_NOT_RAISED: "Each resident's share was {share} (the budget split equally over {ballots} ballot(s)).",
}
_MONEY_PARAMS = {"cost", "remaining", "left", "share", "stop_cost", "start"}


def exact_decimal(value: Fraction | int) -> str:
    """Exact decimal text for a Fraction ("400000", "12.5"); ValueError for repeating decimals."""
    value = Fraction(value)
    rest, counts = value.denominator, {2: 0, 5: 0}
    for factor in counts:
        while rest % factor == 0:
            rest //= factor
            counts[factor] += 1
    if rest != 1:
        raise ValueError(f"{value} has no exact decimal form")
    places = max(counts.values())
    scaled = value * 10**places
    sign, digits = ("-" if scaled < 0 else ""), str(abs(scaled.numerator)).rjust(places + 1, "0")
    if not places:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def money(value: Fraction | float | int) -> str:
    """Money as a decimal string: exact for amounts read from files, else rounded to cents."""
    if not isinstance(value, float):
        try:
            return exact_decimal(value)
        except ValueError:
            amount = _decimal(Fraction(value))
    else:
        amount = Decimal(repr(float(value)))
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return str(cents.quantize(Decimal(1))) if cents == cents.to_integral_value() else str(cents)


def score(value: Fraction | int) -> str:
    """Support (approvals, points) as text: an integer, or a decimal for fractional points."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else str(_decimal(value).normalize())


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def display_money(text: str) -> str:
    """'1234567.5' -> '1,234,567.50' for the English sentences."""
    amount = Decimal(text)
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


@dataclass(frozen=True)
class Explanation:
    """The reason for one priority's outcome under one rule."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def funded(self) -> bool:
        return self.code in (FUNDED, MES_FUNDED, TOPUP_FUNDED)

    @property
    def text(self) -> str:
        shown = {key: display_money(value) if key in _MONEY_PARAMS else value for key, value in self.params.items()}
        return TEMPLATES[self.code].format(**shown)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "text": self.text}
