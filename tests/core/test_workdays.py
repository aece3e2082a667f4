from datetime import date

from core.workdays import add_working_days, is_working_day, subtract_working_days, working_days_between


def test_bank_holidays_of_england_and_wales_are_not_working_days():
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute (26th is a Saturday)
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday (not Scotland's)
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer holiday is a working day here


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 11, 28))
    assert not is_working_day(date(2026, 11, 29))
    assert is_working_day(date(2026, 11, 30))


def test_twenty_working_days_from_a_monday_in_november_are_four_weeks():
    assert add_working_days(date(2026, 11, 2), 20) == date(2026, 11, 30)


def test_twenty_working_days_over_christmas_skip_the_bank_holidays():
    # 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan fall inside.
    assert add_working_days(date(2026, 12, 14), 20) == date(2027, 1, 14)


def test_counting_back_and_forth_agree():
    start = subtract_working_days(date(2027, 1, 14), 20)
    assert add_working_days(start, 20) == date(2027, 1, 14)
    assert working_days_between(start, date(2027, 1, 14)) == 20
