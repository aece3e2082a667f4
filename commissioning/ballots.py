"""Checking a ballot against its cycle's rules before anything is saved.

The choices arrive as {priority id: value}: True for approval and budget ballots, points for
points ballots, the rank (1 = first) for rankings. Every problem is returned, not just the first,
so the voter can fix them all at once.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.models import BallotType
from core.bounds import SMALL_INTEGER_MAX


@dataclass(frozen=True)
class BallotRules:
    ballot_type: str
    budget: Decimal
    max_choices: int | None
    points_per_voter: int | None


def ballot_problems(rules: BallotRules, choices: dict[int, int], costs: dict[int, Decimal]) -> list[str]:
    problems: list[str] = []
    unknown = [pk for pk in choices if pk not in costs]
    if unknown:
        return [_("Your ballot includes a priority that is not on this ballot. Reload the page and try again.")]
    if not choices:
        return [_("Choose at least one priority.")]
    if rules.max_choices and len(choices) > rules.max_choices:
        problems.append(
            ngettext(
                "You can choose up to %(k)d priority; you chose %(n)d.",
                "You can choose up to %(k)d priorities; you chose %(n)d.",
                rules.max_choices,
            )
            % {"k": rules.max_choices, "n": len(choices)}
        )
    if rules.ballot_type == BallotType.KNAPSACK:
        total = sum((costs[pk] for pk in choices), Decimal(0))
        if total > rules.budget:
            problems.append(
                _("Your choices cost £%(total)s, more than the budget of £%(budget)s. Remove £%(over)s of choices.")
                % {"total": f"{total:,.0f}", "budget": f"{rules.budget:,.0f}", "over": f"{total - rules.budget:,.0f}"}
            )
    if rules.ballot_type in (BallotType.CUMULATIVE, BallotType.ORDINAL) and any(
        value > SMALL_INTEGER_MAX for value in choices.values()
    ):
        problems.append(_("Use numbers no larger than %(max)s.") % {"max": f"{SMALL_INTEGER_MAX:,}"})
    if rules.ballot_type == BallotType.CUMULATIVE:
        if any(points < 1 for points in choices.values()):
            problems.append(_("Give each priority you choose at least 1 point."))
        spent = sum(choices.values())
        if rules.points_per_voter is not None and spent > rules.points_per_voter:
            problems.append(
                _("You gave %(spent)d points; you have %(points)d to share out.")
                % {"spent": spent, "points": rules.points_per_voter}
            )
    if rules.ballot_type == BallotType.ORDINAL:
        ranks = sorted(choices.values())
        if ranks != list(range(1, len(ranks) + 1)):
            problems.append(_("Number your choices 1, 2, 3… with no gaps and no number used twice."))
    return problems


class UnreadableBallot(ValueError):
    pass


def choices_from_form(ballot_type: str, data) -> dict[int, int]:
    """Read a submitted ballot form (a QueryDict or plain dict of lists) into {priority id: value}."""
    try:
        if ballot_type in (BallotType.APPROVAL, BallotType.KNAPSACK):
            return {int(pk): 1 for pk in data.getlist("priority")}
        prefix = "points-" if ballot_type == BallotType.CUMULATIVE else "rank-"
        return {
            int(key.removeprefix(prefix)): int(value)
            for key, value in data.items()
            if key.startswith(prefix) and str(value).strip() not in ("", "0")
        }
    except (TypeError, ValueError):
        raise UnreadableBallot(_("Use whole numbers only, and choose from the priorities listed.")) from None
