"""Working days in England and Wales: Monday to Friday, less the bank holidays.

Deadlines that the law counts in working days (20 for a freedom-of-information request) are
counted here once. The bank holidays come from the `holidays` package (England's calendar, which
Wales shares), so nobody keeps a hand-typed list that runs out.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of receipt itself is day 0)."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days after `start` `end` is (0 on the same day; never negative)."""
    day, counted = start, 0
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return counted


def subtract_working_days(end: date, days: int) -> date:
    """The date that is `days` working days before `end` (for tests and demo data moving the clock)."""
    day, counted = end, 0
    while counted < days:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
