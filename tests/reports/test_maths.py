from decimal import Decimal

from reports.maths import WardParticipation, progress_towards, rate


def test_rate_is_a_percentage_to_one_decimal_place():
    assert rate(1, 3) == Decimal("33.3")


def test_rate_of_an_unknown_whole_is_none():
    assert rate(5, None) is None
    assert rate(5, 0) is None


def test_ward_participation_per_thousand_residents_and_electorate():
    ward = WardParticipation("Oval", voters=150, population=15000, electorate=10000)

    assert ward.per_thousand_residents == Decimal("10.0")
    assert ward.turnout_of_electorate == Decimal("1.5")


def test_progress_towards_a_lower_is_better_target():
    assert progress_towards(Decimal("2.9"), Decimal("1.5"), Decimal("2.2")) == Decimal("50.0")


def test_progress_is_none_without_a_measurement():
    assert progress_towards(Decimal(1), Decimal(2), None) is None


def test_spreadsheet_cells_never_hold_a_residents_formula():
    from reports.tables import _cell

    assert _cell('=HYPERLINK("http://evil.example","x")') == '\'=HYPERLINK("http://evil.example","x")'
    assert _cell("Pocket park") == "Pocket park"
    assert _cell(-5) == -5
