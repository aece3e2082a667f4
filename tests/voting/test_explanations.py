"""Explanations: a code and params for translation, plus an English sentence."""

import json

from commissioning.voting import TIE_BREAK_RULE_TEXT, tally

from .conftest import election


def test_over_budget_explanation_names_remaining_money_and_cost():
    e = election({"big": 80, "mid": 30}, ["mid", "mid", "big"], budget=100)
    reason = tally(e, "greedy").explanations["big"]
    assert reason.params == {"support": "1", "supporters": 1, "cost": "80", "remaining": "70"}
    assert "only 70 of the budget was left" in reason.text and "costs 80" in reason.text


def test_funded_explanation_names_support_and_cost():
    e = election({"a": 1500}, ["a", "a"], budget=2000)
    reason = tally(e, "greedy").explanations["a"]
    assert reason.code == "funded"
    assert "support 2" in reason.text and "1,500" in reason.text


def test_mes_unaffordable_explanation_compares_supporters_money_with_cost():
    e = election({"x": 60, "y": 60}, ["x", "y"], budget=100)
    reason = tally(e, "mes").explanations["x"]
    assert reason.code == "mes_unaffordable"
    assert reason.params["left"] == "59" and reason.params["cost"] == "60"
    assert "had 59 left" in reason.text


def test_every_project_gets_exactly_one_explanation_under_every_rule():
    e = election({"a": 10, "b": 20, "c": 30}, ["a,b", "c"], budget=30)
    for rule in ("greedy", "greedy-no-skip", "mes", "mes-add1u", "mes-wieliczka"):
        assert set(tally(e, rule).explanations) == {"a", "b", "c"}


def test_result_to_dict_is_json_serialisable_and_keeps_explanations():
    e = election({"a": 10, "b": 95}, ["a,b", "b"], budget=100)
    data = json.loads(json.dumps(tally(e, "mes").to_dict()))
    assert data["rule"] == "mes"
    assert data["counts"]["support"] == {"a": "1", "b": "2"}
    assert data["explanations"]["a"]["code"] in ("mes_funded", "mes_unaffordable")
    assert data["explanations"]["a"]["text"]


def test_tie_break_rule_is_stated_in_plain_english():
    assert "'10' comes before '9'" in TIE_BREAK_RULE_TEXT
