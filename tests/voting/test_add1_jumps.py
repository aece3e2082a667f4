"""Add1 by jumps gives exactly what Add1 by single steps gives: outcome, order, share, stop.

The stepping oracle is `reference.equal_shares_stepping`, run live on every shared file (with
compiled runs it takes at most a few seconds: Budapest 2023 VIII, 74,756 runs, is the longest).
On the four files where stepping took minutes before the runs were compiled (Budapest
2023/2024/2025, Toulouse 2022 city-wide), the result is also compared with the one recorded in
fixtures/add1_stepping.json by `python bench/record_stepping.py NAME.pb` with the numpy runs of
that time: a check that does not rest on the compiled code at all. The compiled float run is
compared with the exact run in fractions on every shared file, and the horizon of a single run
(every share below it has the run's outcome) is checked directly against plain runs at every
step below it.
"""

import json
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning.voting import APPROVAL, CUMULATIVE, ORDINAL, Ballot, Election, Project, read_pabulib, tally
from commissioning.voting.mes import (
    ADD1,
    ADD1_UNTIL_OVERSPEND,
    STOP_NEXT_OVERSPENDS,
    _Arrays,
    equal_shares,
    run_once,
)
from commissioning.voting.parametric import parametric_run, steps_within
from commissioning.voting.profile import compile_election
from commissioning.voting.reference import equal_shares_stepping

from .conftest import FIXTURES, election, pabulib_dir, requires_real_data

IDS = ["5", "05", "10", "9", "a", "B"]
RECORDED = json.loads((FIXTURES / "add1_stepping.json").read_text(encoding="utf-8"))


def same(a, b) -> tuple:
    return (a.run.funded, a.increments, a.run.share, a.stop) == (b.run.funded, b.increments, b.run.share, b.stop)


@st.composite
def elections(draw, vote_types=(APPROVAL, CUMULATIVE, ORDINAL), most_money=2000, most_ballots=9):
    """Small elections with budgets of many currency units, so Add1 takes many steps: look-alike
    ids, equal supports (ties), projects dearer than the budget, empty ballots, repeated
    ballots (groups of residents voting alike)."""
    vote_type = draw(st.sampled_from(vote_types))
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=6, unique=True))
    budget = draw(st.integers(1, most_money))
    costs = draw(st.lists(st.integers(0, most_money * 5 // 4), min_size=len(ids), max_size=len(ids)))
    ballots = []
    for i in range(draw(st.integers(0, most_ballots))):
        vote = tuple(draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True)))
        points: tuple[Fraction, ...] = ()
        if vote_type == CUMULATIVE:
            points = tuple(Fraction(draw(st.integers(1, 3))) for _ in vote)
        for copy in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
            ballots.append(Ballot(f"v{i}-{copy}", vote, points))
    projects = tuple(Project(p, Fraction(c)) for p, c in zip(ids, costs, strict=True))
    return Election(projects, tuple(ballots), Fraction(budget), vote_type)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(), st.sampled_from([ADD1, ADD1_UNTIL_OVERSPEND]))
def test_jumping_add1_equals_stepping_add1_on_random_elections(e, completion):
    profile = compile_election(e)
    assert same(equal_shares(profile, completion), equal_shares_stepping(profile, completion))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections())
def test_jumping_add1_equals_stepping_add1_in_exact_arithmetic(e):
    profile = compile_election(e)
    assert same(equal_shares(profile, ADD1, exact=True), equal_shares_stepping(profile, ADD1, exact=True))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(most_money=30000, most_ballots=14), st.sampled_from([ADD1, ADD1_UNTIL_OVERSPEND]))
def test_jumping_add1_equals_stepping_add1_with_larger_budgets(e, completion):
    profile = compile_election(e)
    assert same(equal_shares(profile, completion), equal_shares_stepping(profile, completion))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(most_money=20000, most_ballots=12), st.booleans(), st.integers(0, 50))
def test_every_share_below_a_runs_horizon_has_its_outcome(e, exact, start):
    """The claim each jump rests on, checked share by share (up to 300 steps) with plain runs."""
    profile = compile_election(e)
    if profile.voters == 0:
        return
    arrays = _Arrays(profile)
    share = profile.budget / profile.voters + start
    run, horizon = parametric_run(profile, arrays, share, exact)
    for step in range(1, min(steps_within(horizon), 300)):
        assert run_once(profile, share + step, arrays, exact).funded == run.funded, (step, horizon)


def test_twins_tied_on_rho_at_every_share_are_jumped_over_in_identifier_order():
    # "9" and "10" have the same supporters and cost, so they are level at any share.
    e = election({"9": 700, "10": 700, "x": 900}, ["9,10", "9,10,x", "x", ""], budget=1000)
    profile = compile_election(e)
    fast, slow = equal_shares(profile, ADD1), equal_shares_stepping(profile, ADD1)
    assert same(fast, slow)
    assert fast.runs < slow.runs


def test_add1_that_would_overspend_keeps_the_previous_share():
    e = election({"x": 600, "y": 600}, ["x", "y"], budget=1000)
    outcome = equal_shares(compile_election(e), ADD1)
    assert outcome.run.funded == [] and outcome.increments == 99 and outcome.stop == STOP_NEXT_OVERSPENDS
    assert outcome.runs < 30


def test_count_explains_how_far_the_share_was_raised_and_why():
    e = election({"x": 60, "y": 40}, ["x", "y"], budget=100)
    completion = tally(e, "mes").details["completion"]
    assert completion["code"] == "share_raised_all_funded"
    assert completion["params"] == {
        "start": "50",
        "ballots": 2,
        "increments": 10,
        "share": "60",
        "left": "0",
        "stop": "all_funded",
    }
    assert "raised 10 time(s) by one unit, to 60" in completion["text"]


def test_count_explains_a_share_kept_because_one_more_unit_would_overspend():
    e = election({"x": 60, "y": 60}, ["x", "y"], budget=100)
    completion = tally(e, "mes").details["completion"]
    assert completion["code"] == "share_raised_next_overspends"
    assert "one more unit would fund priorities costing more than the budget" in completion["text"]


def real_files() -> list[str]:
    return sorted(p.name for p in pabulib_dir().glob("*.pb"))


@requires_real_data
@pytest.mark.parametrize("name", real_files())
def test_jumping_add1_equals_stepping_add1_on_every_shared_file(name):
    profile = compile_election(read_pabulib(pabulib_dir() / name))
    assert same(equal_shares(profile, ADD1), equal_shares_stepping(profile, ADD1))


@requires_real_data
@pytest.mark.parametrize("name", sorted(RECORDED))
def test_jumping_add1_equals_the_stepping_recorded_before_the_runs_were_compiled(name):
    profile = compile_election(read_pabulib(pabulib_dir() / name))
    fast = equal_shares(profile, ADD1)
    recorded = RECORDED[name]
    got = ([profile.ids[p] for p in fast.run.funded], fast.increments, str(fast.run.share), fast.stop)
    assert got == (recorded["funded"], recorded["increments"], recorded["share"], recorded["stop"])


@requires_real_data
@pytest.mark.parametrize("name", real_files())
def test_the_compiled_run_funds_what_the_exact_run_funds_on_every_shared_file(name):
    """At the first share, the share Add1 settles on and one unit past it (where the outcome
    changes or the count stops)."""
    profile = compile_election(read_pabulib(pabulib_dir() / name))
    settled = equal_shares(profile, ADD1).run.share
    for share in (profile.budget / profile.voters, settled, settled + 1):
        fast = run_once(profile, share)
        assert not fast.exact
        assert fast.funded == run_once(profile, share, exact=True).funded, share


@requires_real_data
def test_jumping_needs_a_hundredth_of_steppings_runs_on_a_forint_budget():
    name = "Hungary_Budapest_2025_XI_Ujbuda.pb"
    outcome = equal_shares(compile_election(read_pabulib(pabulib_dir() / name)), ADD1)
    assert outcome.runs * 100 < RECORDED[name]["stepping_runs"]


@requires_real_data
@pytest.mark.parametrize("name", ["Poland_Wieliczka_2023_Green_Budget.pb", "Netherlands_Assen_2024.pb"])
def test_jumping_wieliczka_variant_equals_stepping_on_real_files(name):
    profile = compile_election(read_pabulib(pabulib_dir() / name))
    assert same(equal_shares(profile, ADD1_UNTIL_OVERSPEND), equal_shares_stepping(profile, ADD1_UNTIL_OVERSPEND))


@st.composite
def level_elections(draw):
    """Elections built for exact ties between priorities some of whose supporters have run out:
    few distinct costs, many ballots, supports that often coincide."""
    ids = draw(st.lists(st.sampled_from(IDS), min_size=2, max_size=6, unique=True))
    costs = [draw(st.sampled_from([6, 12, 18, 24])) for _ in ids]
    ballots = []
    for i in range(draw(st.integers(2, 14))):
        vote = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)))
        for copy in range(draw(st.sampled_from([1, 1, 2]))):
            ballots.append(Ballot(f"v{i}-{copy}", vote))
    projects = tuple(Project(p, Fraction(c)) for p, c in zip(ids, costs, strict=True))
    return Election(projects, tuple(ballots), Fraction(draw(st.integers(6, 60))), APPROVAL)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(level_elections(), st.integers(0, 12))
def test_a_float_run_decides_exact_ties_as_the_exact_run_does(e, extra):
    profile = compile_election(e)
    share = profile.budget / profile.voters + extra
    fast, exact = run_once(profile, share), run_once(profile, share, exact=True)
    assert fast.funded == exact.funded


@pytest.mark.parametrize(
    ("costs", "votes", "budget", "step"),
    [
        ({"a": 6, "b": 6, "c": 30, "d": 6}, ["c", "a,c,b", "a", "a,b,d", "a,c"], 56, 0),
        (
            {"a": 6, "b": 12, "c": 30, "d": 18},
            ["d,a,c", "a,b", "c", "b", "a,d", "b,c,d", "b", "a,c", "c,d", "d"],
            53,
            4,
        ),
        ({"a": 6, "b": 6, "c": 30, "d": 24}, ["b,a", "c", "c,d", "b,d,c", "b,d", "c,a", "d,c,b", "d"], 59, 3),
    ],
)
def test_a_tie_with_a_priority_whose_capped_supporters_are_broke_is_decided_without_fractions(
    costs, votes, budget, step
):
    """In these elections (found by a random search) a round has two priorities exactly level
    on rho, one of them with supporters who have nothing left: it is decided on whole numbers
    in the float run, with the exact run's result."""
    profile = compile_election(election(costs, votes, budget))
    share = profile.budget / profile.voters + step
    fast = run_once(profile, share)
    assert not fast.exact
    assert fast.funded == run_once(profile, share, exact=True).funded


@requires_real_data
@pytest.mark.parametrize("step", [0, 500, 980, 1500])
def test_ties_between_priorities_with_broke_supporters_need_no_exact_rerun(step):
    """Toulouse 2022: at these shares the rounds have exact ties between a priority nobody is
    capped on and one whose capped supporters have nothing left (both rho = 1/48, say). They
    are decided on whole numbers in the float run, and agree with the exact run."""
    profile = compile_election(read_pabulib(pabulib_dir() / "France_Toulouse_2022.pb"))
    share = profile.budget / profile.voters + step
    fast = run_once(profile, share)
    assert not fast.exact
    assert fast.funded == run_once(profile, share, exact=True).funded
