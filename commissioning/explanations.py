"""Residents' sentences for the engine's explanation codes, marked for translation.

The engine stores a code and its figures with each result; the sentence is rendered here, in the
reader's language, so a snapshot taken in English can be read in Spanish or Bengali later.

The page already says "Funded" or "Not funded" beside each sentence, so no sentence repeats it.
Counts of people are plural-aware (ngettext, keyed on the count's name).
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

SENTENCES = {
    "funded": ngettext_lazy(
        "%(supporters)s person voted for it. Priorities were funded in order of support, and when its turn "
        "came £%(remaining)s of the budget was still unspent: enough for its cost of £%(cost)s.",
        "%(supporters)s people voted for it. Priorities were funded in order of support, and when its turn "
        "came £%(remaining)s of the budget was still unspent: enough for its cost of £%(cost)s.",
        "supporters",
    ),
    "mes_funded": ngettext_lazy(
        "The budget was shared out equally between everyone who voted, £%(share)s each. The %(supporters)s "
        "person who voted for it paid its cost of £%(cost)s from their share.",
        "The budget was shared out equally between everyone who voted, £%(share)s each. The %(supporters)s "
        "people who voted for it paid its cost of £%(cost)s together from their shares.",
        "supporters",
    ),
    # Equal shares with the budget top-up: the shares were raised until the budget was spent as fully as it could be.
    "mes_funded_raised": ngettext_lazy(
        "Everyone's share was raised from £%(initial_share)s to £%(share)s to spend the budget fully. "
        "The %(supporters)s person who voted for it paid its cost of £%(cost)s from their share.",
        "Everyone's share was raised from £%(initial_share)s to £%(share)s to spend the budget fully. "
        "The %(supporters)s people who voted for it paid its cost of £%(cost)s together from their shares.",
        "supporters",
    ),
    "topup_funded": _(
        "After the equal shares were spent, £%(remaining)s was left over. That money went to the priorities with "
        "the most support that still fitted, and this one, costing £%(cost)s, did."
    ),
    "over_budget": _(
        "Priorities were funded in order of support. When its turn came only £%(remaining)s of the budget was "
        "left, and it costs £%(cost)s."
    ),
    "after_stop": _(
        "Priorities were funded in order of support until one did not fit: “%(stopped_at)s” cost £%(stop_cost)s "
        "and only £%(remaining)s was left, so counting stopped there. This priority had less support, so it was "
        "not reached."
    ),
    "below_threshold": _("A priority needed support of at least %(threshold)s to be funded. This one had %(support)s."),
    "mes_unaffordable": ngettext_lazy(
        "The %(supporters)s person who voted for it had £%(left)s left of their share, less than its cost "
        "of £%(cost)s.",
        "The %(supporters)s people who voted for it had £%(left)s left of their shares between them, less than "
        "its cost of £%(cost)s.",
        "supporters",
    ),
    "mes_free": _(
        "It costs nothing, so it was not paid for from anyone's share. It can go ahead without money from this budget."
    ),
    "no_support": _("Nobody voted for it."),
}
# The engine's tie-break rule (commissioning.voting.explain.TIE_BREAK_RULE_TEXT) for residents, in their language.
TIE_BREAK = _(
    "When two priorities are exactly level (the same support under the most-votes rule, or the same price "
    "per supporter under equal shares), the one whose reference number comes first in the order a computer "
    "sorts text is taken first: digit by digit, so 10 comes before 9. Cost and the order of the ballots play "
    "no part. Every sum is exact, so level means exactly equal, never equal after rounding. This is the rule "
    "of the reference software, pabutools."
)
MONEY = {"cost", "remaining", "left", "share", "stop_cost", "initial_share"}


def _money(text) -> str:
    amount = Decimal(str(text))
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def explanation_text(explanation: dict, titles: dict[str, str], initial_share: Decimal | None = None) -> str:
    """The sentence for one stored explanation; falls back to the engine's English if the code is new.

    `initial_share` is the budget divided by the number of voters: where equal shares had to raise
    everyone's share to spend the budget, the sentence says so, so a share larger than budget ÷ voters
    does not read as a mistake.
    """
    code = explanation.get("code")
    params = dict(explanation.get("params", {}))
    raised = (
        code == "mes_funded"
        and initial_share is not None
        and "share" in params
        and Decimal(str(params["share"])) > initial_share.quantize(Decimal("0.01"))
    )
    if raised:
        code, params["initial_share"] = "mes_funded_raised", initial_share
    sentence = SENTENCES.get(code)
    if sentence is None:
        return explanation.get("text", "")
    for key in MONEY & params.keys():
        params[key] = _money(params[key])
    if "stopped_at" in params:
        params["stopped_at"] = titles.get(str(params["stopped_at"]), params["stopped_at"])
    if "supporters" in params:
        try:
            params["supporters"] = int(params["supporters"])
        except (TypeError, ValueError):
            return explanation.get("text", "")
    try:
        return str(sentence % params)
    except (KeyError, ValueError, TypeError):
        return explanation.get("text", "")


RULE_SENTENCES = {
    "greedy": _(
        "Priorities are funded in order of their votes, most first. One that costs more than the money left "
        "is skipped, and counting goes on with the next."
    ),
    "greedy_no_skip": _(
        "Priorities are funded in order of their votes, most first. Counting stops at the first one that "
        "costs more than the money left."
    ),
    "greedy_threshold": _(
        "Priorities are funded in order of their votes, most first, skipping what no longer fits. A priority "
        "with less support than the minimum you set is never funded."
    ),
    "mes": _(
        "Every voter gets an equal share of the budget. A priority is funded when its supporters can pay for "
        "it from their shares, so each group of residents gets a fair part of the money, not only the largest."
    ),
    "mes_greedy_top_up": _(
        "Equal shares as above; any money left over is then spent on the priorities with most votes that still fit."
    ),
    "mes_wieliczka": _(
        "Equal shares as above, with each voter's share raised step by step for as long as the result still "
        "fits the budget, so less money is left unspent."
    ),
}
"""A plain sentence for each counting rule, shown where officers choose it and on the results page."""

BALLOT_SENTENCES = {
    "approval": _("Residents tick every priority they support, up to any limit you set."),
    "knapsack": _("Residents choose priorities whose costs add up to no more than the budget."),
    "cumulative": _("Residents share out a number of points between priorities, more to what matters most."),
    "ordinal": _("Residents number priorities in order: 1 for their first choice, 2 for their second, and so on."),
}
