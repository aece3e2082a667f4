"""Greedy counting: most support first while the money lasts."""

from fractions import Fraction

from commissioning.voting import CUMULATIVE, ORDINAL, tally

from .conftest import election


def test_greedy_funds_in_order_of_support():
    e = election({"a": 10, "b": 10, "c": 10}, ["c", "c,b", "c,b,a"], budget=30)
    assert tally(e, "greedy").funded == ("c", "b", "a")


def test_greedy_skips_project_that_no_longer_fits():
    e = election({"big": 80, "mid": 30, "small": 20}, ["mid", "mid,big", "big,mid", "small"], 100)
    result = tally(e, "greedy")
    assert result.funded == ("mid", "small")
    assert result.explanations["big"].code == "over_budget"


def test_greedy_no_skip_stops_at_first_project_that_does_not_fit():
    e = election({"big": 80, "mid": 30, "small": 20}, ["mid", "mid,big", "big,mid", "small"], 100)
    result = tally(e, "greedy-no-skip")
    assert result.funded == ("mid",)
    assert result.explanations["small"].code == "after_stop"
    assert result.explanations["small"].params["stopped_at"] == "big"


def test_greedy_threshold_leaves_out_projects_below_minimum_support():
    e = election({"a": 10, "b": 10}, ["a", "a", "b"], budget=100)
    result = tally(e, "greedy-threshold", threshold=Fraction(2))
    assert result.funded == ("a",)
    assert result.explanations["b"].code == "below_threshold"


def test_greedy_threshold_reads_minimum_from_file_meta():
    e = election({"a": 10, "b": 10}, ["a", "a", "b"], budget=100)
    e = type(e)(e.projects, e.ballots, e.budget, e.vote_type, {**e.meta, "min_project_score_threshold": "2"})
    assert tally(e, "greedy-threshold").funded == ("a",)


def test_greedy_breaks_ties_by_identifier_in_character_order():
    e = election({"9": 50, "10": 50}, ["9", "10"], budget=50)
    assert tally(e, "greedy").funded == ("10",)


def test_greedy_treats_ids_with_leading_zero_as_different_projects():
    e = election({"5": 50, "05": 50}, ["5", "05"], budget=100)
    assert tally(e, "greedy").funded == ("05", "5")


def test_greedy_funds_unsupported_project_if_money_is_left_like_pabutools():
    e = election({"a": 10, "nobody": 10}, ["a"], budget=100)
    assert tally(e, "greedy").funded == ("a", "nobody")


def test_cumulative_support_is_total_points():
    e = election({"a": 10, "b": 10}, ["a", "a,b", "b"], 10, CUMULATIVE, points=[(1,), (1, 3), (1,)])
    result = tally(e, "greedy")
    assert result.support == {"a": 2, "b": 4}
    assert result.funded == ("b",)


def test_ordinal_support_is_rank_points_k_down_to_one():
    e = election({"a": 10, "b": 10, "c": 10}, ["a,b,c", "c,b"], 10, ORDINAL, max_rank=3)
    assert tally(e, "greedy").support == {"a": 3, "b": 4, "c": 4}
