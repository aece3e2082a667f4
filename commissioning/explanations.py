"""Residents' sentences for the engine's explanation codes, marked for translation.

The engine stores a code and its figures with each result; the sentence is rendered here, in the
reader's language, so a snapshot taken in English can be read in Polish or Somali later.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "funded": _(
        "Funded: support %(support)s from %(supporters)s resident(s); it costs £%(cost)s and £%(remaining)s "
        "of the budget was still unspent when its turn came."
    ),
    "mes_funded": _(
        "Funded: its %(supporters)s supporter(s) paid its cost of £%(cost)s from their equal shares "
        "(each resident's share was £%(share)s)."
    ),
    "topup_funded": _(
        "Funded from the money equal shares left unspent: support %(support)s; it costs £%(cost)s and "
        "£%(remaining)s was left."
    ),
    "over_budget": _(
        "Not funded: when its turn came only £%(remaining)s of the budget was left, and it costs £%(cost)s."
    ),
    "after_stop": _(
        "Not funded: counting stopped at “%(stopped_at)s”, the first priority that did not fit (£%(remaining)s "
        "left, it cost £%(stop_cost)s); priorities with less support were not reached."
    ),
    "below_threshold": _("Not funded: its support of %(support)s is below the minimum of %(threshold)s."),
    "mes_unaffordable": _(
        "Not funded: its %(supporters)s supporter(s) had £%(left)s left of their equal shares in total, "
        "less than its cost of £%(cost)s."
    ),
    "no_support": _("Not funded: nobody voted for it."),
}
MONEY = {"cost", "remaining", "left", "share", "stop_cost"}


def _money(text) -> str:
    amount = Decimal(str(text))
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def explanation_text(explanation: dict, titles: dict[str, str]) -> str:
    """The sentence for one stored explanation; falls back to the engine's English if the code is new."""
    sentence = SENTENCES.get(explanation.get("code"))
    params = dict(explanation.get("params", {}))
    if sentence is None:
        return explanation.get("text", "")
    for key in MONEY & params.keys():
        params[key] = _money(params[key])
    if "stopped_at" in params:
        params["stopped_at"] = titles.get(str(params["stopped_at"]), params["stopped_at"])
    try:
        return str(sentence) % params
    except (KeyError, ValueError):
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
