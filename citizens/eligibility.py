"""Who may join a co-operative. Plain functions over plain values, so the rules are easy to test."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Eligibility:
    reasons: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons


def age_in_year(year_of_birth: int, today: date) -> int:
    """Age reached this calendar year; we hold only the year of birth, not the date, on purpose."""
    return today.year - year_of_birth


def cooperative_eligibility(
    *,
    min_age: int | None,
    max_age: int | None,
    ward_ids: set[int],
    year_of_birth: int | None,
    ward_id: int | None,
    today: date,
) -> Eligibility:
    reasons: list[str] = []
    if (min_age is not None or max_age is not None) and year_of_birth is None:
        reasons.append(_("Add your year of birth to your profile: this co-operative has an age range."))
    elif year_of_birth is not None:
        age = age_in_year(year_of_birth, today)
        if min_age is not None and age < min_age:
            reasons.append(_("Members must be at least %(age)s this year.") % {"age": min_age})
        if max_age is not None and age > max_age:
            reasons.append(_("Members must be %(age)s or younger this year.") % {"age": max_age})
    if ward_ids:
        if ward_id is None:
            reasons.append(_("Add your ward to your profile: this co-operative is for particular wards."))
        elif ward_id not in ward_ids:
            reasons.append(_("This co-operative is for residents of other wards."))
    return Eligibility(tuple(reasons))
