"""Method of Equal Shares: equal shares, Add1 completion, ties, exact fallback."""

from fractions import Fraction

from commissioning.voting import tally
from commissioning.voting.mes import ADD1, equal_shares, run_once
from commissioning.voting.profile import compile_election

from .conftest import election

MAJORITY_AND_MINORITY = election(
    {"A1": 30, "A2": 30, "A3": 30, "B1": 30, "B2": 30},
    ["A1,A2,A3"] * 6 + ["B1,B2"] * 4,
    budget=100,
)


def test_mes_gives_a_minority_its_share_where_greedy_does_not():
    assert set(tally(MAJORITY_AND_MINORITY, "greedy").funded) == {"A1", "A2", "A3"}
    assert set(tally(MAJORITY_AND_MINORITY, "mes").funded) == {"A1", "A2", "B1"}


def test_mes_supporters_pay_from_an_equal_share_of_the_budget():
    result = tally(MAJORITY_AND_MINORITY, "mes")
    assert result.details["per_voter_share_exact"] == "10"
    assert result.explanations["B2"].code == "mes_unaffordable"
    assert result.explanations["B2"].params["left"] == "10"


def test_mes_add1_raises_shares_until_outcome_is_exhaustive():
    e = election({"x": 60, "y": 40}, ["x", "y"], budget=100)
    result = tally(e, "mes")
    assert set(result.funded) == {"x", "y"}
    assert result.details["share_increments"] == 10


def test_mes_add1_keeps_previous_outcome_when_next_step_overspends():
    e = election({"x": 60, "y": 60}, ["x", "y"], budget=100)
    result = tally(e, "mes")
    assert result.funded == ()
    assert result.details["share_increments"] == 9


def test_mes_add1u_spends_leftover_money_greedily():
    e = election({"x": 60, "y": 60}, ["x", "y"], budget=100)
    assert tally(e, "mes").funded == ()
    result = tally(e, "mes-add1u")
    assert result.funded == ("x",)
    assert result.explanations["x"].code == "topup_funded"
    assert result.explanations["y"].code == "over_budget"


def test_mes_counts_empty_ballots_in_the_equal_shares():
    e = election({"x": 50}, ["x", "", "", ""], budget=100)
    run = run_once(compile_election(e), Fraction(25))
    assert run.funded == []
    assert tally(e, "mes").details["per_voter_share_exact"] == "50"


def test_mes_breaks_exact_ties_by_identifier_in_character_order():
    e = election({"9": 50, "10": 50}, ["9,10", "9,10"], budget=50)
    result = tally(e, "mes")
    assert result.funded == ("10",)
    assert result.details["share_increments"] == 0


def test_mes_leaves_out_projects_that_cost_nothing_like_pabutools():
    e = election({"free": 0, "x": 50}, ["free", "x"], budget=50)
    result = tally(e, "mes")
    assert result.funded == ("x",)
    assert result.explanations["free"].code == "mes_free"
    assert tally(e, "mes-add1u").funded == ("x", "free")


def test_mes_never_funds_a_project_nobody_supported():
    e = election({"x": 10, "nobody": 10}, ["x"], budget=100)
    result = tally(e, "mes")
    assert result.funded == ("x",)
    assert result.explanations["nobody"].code == "no_support"


def test_mes_float_and_exact_arithmetic_agree_on_a_capped_count():
    e = election(
        {"a": 70, "b": 45, "c": 33, "d": 12},
        ["a,b", "a", "a,c", "b,c,d", "d", "c", "a,b,c,d"],
        budget=150,
    )
    profile = compile_election(e)
    fast = equal_shares(profile, ADD1)
    exact = equal_shares(profile, ADD1, exact=True)
    assert (fast.run.funded, fast.increments) == (exact.run.funded, exact.increments)


def test_mes_with_no_ballots_funds_nothing():
    assert tally(election({"x": 10}, [], budget=100), "mes").funded == ()
