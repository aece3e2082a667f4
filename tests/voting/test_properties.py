"""Property tests on random small elections: budget respected, agreement with pabutools,
independence from ballot order, float path equal to exact path."""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning.voting import APPROVAL, CUMULATIVE, ORDINAL, Ballot, Election, Project, tally
from commissioning.voting.mes import ADD1, ADD1_UNTIL_OVERSPEND, equal_shares, run_once
from commissioning.voting.profile import compile_election

from .conftest import pabutools_outcome

# Look-alike ids on purpose: character order puts "05" < "10" < "5" < "9" < "B" < "a".
IDS = ["5", "05", "10", "9", "a", "B"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def elections(draw, vote_types=(APPROVAL, CUMULATIVE, ORDINAL)):
    vote_type = draw(st.sampled_from(vote_types))
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True))
    costs = draw(st.lists(st.integers(0, 30), min_size=len(ids), max_size=len(ids)))
    budget = draw(st.integers(1, 80))
    ballots = []
    for i in range(draw(st.integers(0, 9))):
        vote = tuple(draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True)))
        points = ()
        if vote_type == CUMULATIVE:
            points = tuple(Fraction(draw(st.integers(1, 3))) for _ in vote)
        ballots.append(Ballot(f"v{i}", vote, points))
    projects = tuple(Project(p, Fraction(c)) for p, c in zip(ids, costs, strict=True))
    return Election(projects, tuple(ballots), Fraction(budget), vote_type)


@SETTINGS
@given(elections(), st.sampled_from(["greedy", "greedy-no-skip", "mes", "mes-add1u", "mes-wieliczka"]))
def test_no_rule_ever_spends_more_than_the_budget(election, rule):
    result = tally(election, rule)
    assert result.spent <= election.budget
    assert len(set(result.funded)) == len(result.funded)


@SETTINGS
@given(elections())
def test_greedy_agrees_with_pabutools_including_order(election):
    assert list(tally(election, "greedy").funded) == pabutools_outcome(election, "greedy")


@SETTINGS
@given(elections())
def test_mes_agrees_with_pabutools(election):
    assert set(tally(election, "mes").funded) == set(pabutools_outcome(election, "mes"))


@settings(max_examples=60, deadline=None)
@given(elections(vote_types=(APPROVAL,)))
def test_mes_add1u_agrees_with_pabutools(election):
    assert set(tally(election, "mes-add1u").funded) == set(pabutools_outcome(election, "mes-add1u"))


@SETTINGS
@given(elections(), st.randoms(use_true_random=False))
def test_mes_is_unchanged_when_voters_are_reordered(election, rng):
    shuffled = list(election.ballots)
    rng.shuffle(shuffled)
    reordered = Election(election.projects, tuple(shuffled), election.budget, election.vote_type)
    assert tally(reordered, "mes").funded == tally(election, "mes").funded


@SETTINGS
@given(elections())
def test_mes_float_path_equals_exact_path(election):
    profile = compile_election(election)
    fast, exact = equal_shares(profile, ADD1), equal_shares(profile, ADD1, exact=True)
    assert (fast.run.funded, fast.increments) == (exact.run.funded, exact.increments)


@SETTINGS
@given(elections())
def test_mes_wieliczka_stops_only_when_one_more_unit_would_overspend(election):
    profile = compile_election(election)
    outcome = equal_shares(profile, ADD1_UNTIL_OVERSPEND)
    funded = set(outcome.run.funded)
    eligible = {p for p in range(profile.project_count) if profile.support[p] and profile.costs[p]}
    if profile.voters and not eligible <= funded:
        following = run_once(profile, outcome.run.share + 1)
        assert sum(profile.costs[p] for p in following.funded) > profile.budget
