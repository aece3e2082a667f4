from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning import counting, services
from commissioning.models import Ballot, BallotType, CountingRule, CycleResult
from commissioning.voting import parse_pabulib, tally
from core.errors import DomainError
from tests.factories import CycleFactory, PriorityFactory, UserFactory


def _closed_cycle_with_votes(rule=CountingRule.GREEDY, **fields):
    """Budget 100k; A (60k) backed by 3, B (50k) by 2, C (30k) by 1 — then voting closes."""
    cycle = CycleFactory(budget=Decimal(100000), counting_rule=rule, **fields)
    a, b, c = (
        PriorityFactory(cycle=cycle, title=title, estimated_cost=Decimal(cost))
        for title, cost in [("A", 60000), ("B", 50000), ("C", 30000)]
    )
    for choices in ([a], [a, b], [a, b], [c]):
        services.ballot_cast(user=UserFactory(), cycle_id=cycle.pk, choices={p.pk: 1 for p in choices})
    cycle.voting_closes_at = timezone.now() - timedelta(minutes=1)
    cycle.save()
    return cycle, {"A": a, "B": b, "C": c}


@pytest.mark.django_db
def test_greedy_count_funds_by_support_and_explains_what_did_not_fit():
    cycle, p = _closed_cycle_with_votes()

    result = counting.cycle_count(cycle_id=cycle.pk)

    assert result.funded == [str(p["A"].pk), str(p["C"].pk)]
    assert result.spent == Decimal(90000)
    assert result.explanations[str(p["B"].pk)]["code"] == "over_budget"
    assert result.counts["ballots"] == 4


@pytest.mark.django_db
def test_counting_twice_keeps_one_snapshot():
    cycle, _ = _closed_cycle_with_votes()

    first = counting.cycle_count(cycle_id=cycle.pk)
    second = counting.cycle_count(cycle_id=cycle.pk)

    assert first.pk == second.pk
    assert CycleResult.objects.count() == 1


@pytest.mark.django_db
def test_votes_are_not_counted_while_voting_is_open():
    cycle = CycleFactory()

    with pytest.raises(DomainError, match="once voting has closed"):
        counting.cycle_count(cycle_id=cycle.pk)

    assert not CycleResult.objects.exists()


@pytest.mark.django_db
def test_beat_sweep_counts_only_closed_uncounted_cycles():
    closed, _ = _closed_cycle_with_votes()
    CycleFactory()

    assert counting.count_closed_cycles() == [closed.pk]
    assert counting.count_closed_cycles() == []


@pytest.mark.django_db
def test_published_ballot_file_recounts_to_the_same_result():
    cycle, _ = _closed_cycle_with_votes(rule=CountingRule.MES)
    stored = counting.cycle_count(cycle_id=cycle.pk)

    recount = tally(parse_pabulib(counting.ballot_file(cycle)), "mes")

    assert list(recount.funded) == stored.funded


@pytest.mark.django_db
def test_ballot_file_names_no_voter_and_lists_receipt_hashes():
    cycle, _ = _closed_cycle_with_votes()
    text = counting.ballot_file(cycle)

    for ballot in Ballot.objects.filter(cycle=cycle).select_related("voter"):
        assert ballot.voter.email not in text
        assert ballot.receipt_code not in text
        assert ballot.public_voter_id in text


@pytest.mark.django_db
def test_ballot_file_is_withheld_while_voting_is_open(client):
    cycle = CycleFactory()

    response = client.get(reverse("ballot_file", args=[cycle.slug]), follow=True)

    assert "The ballot file is published when voting closes." in response.content.decode()


@pytest.mark.django_db
def test_points_ballots_are_written_with_their_points():
    cycle = CycleFactory(ballot_type=BallotType.CUMULATIVE, points_per_voter=5)
    a, b = PriorityFactory(cycle=cycle), PriorityFactory(cycle=cycle)
    services.ballot_cast(user=UserFactory(), cycle_id=cycle.pk, choices={a.pk: 4, b.pk: 1})
    cycle.voting_closes_at = timezone.now() - timedelta(minutes=1)
    cycle.save()

    election = parse_pabulib(counting.ballot_file(cycle))

    assert election.vote_type == "cumulative"
    assert dict(zip(election.ballots[0].vote, election.ballots[0].points, strict=True)) == {str(a.pk): 4, str(b.pk): 1}


@pytest.mark.django_db
def test_results_page_shows_each_priority_with_its_reason(client):
    cycle, _ = _closed_cycle_with_votes()

    content = client.get(reverse("results", args=[cycle.slug])).content.decode()

    assert "When its turn came only £40,000 of the budget was left, and it costs £50,000." in content
    assert "Funded Funded" not in content and "Not funded: " not in content
    assert "4</p>" in content


@pytest.mark.django_db
def test_resident_finds_their_ballot_with_the_receipt_code(client):
    cycle, _ = _closed_cycle_with_votes()
    ballot = Ballot.objects.filter(cycle=cycle).first()

    content = client.post(reverse("results", args=[cycle.slug]), {"receipt": ballot.receipt_code.lower()}).content

    page = content.decode()
    assert f'it is voter <strong id="receipt-voter-id">{ballot.public_voter_id}</strong>' in page
    recorded = page.split('id="receipt-choices">')[1].split("</ul>")[0]
    for choice in ballot.choices.select_related("priority"):
        assert f"<li>{choice.priority.title}</li>" in recorded


@pytest.mark.django_db
def test_unknown_receipt_code_is_reported(client):
    cycle, _ = _closed_cycle_with_votes()

    content = client.post(reverse("results", args=[cycle.slug]), {"receipt": "NOT-A-CODE"}).content.decode()

    assert "No ballot in this cycle has that receipt code" in content


@pytest.mark.django_db
def test_api_publishes_results_once_voting_closes(client):
    open_cycle = CycleFactory()
    cycle, p = _closed_cycle_with_votes()

    assert client.get(reverse("api-cycle-results", args=[open_cycle.pk])).status_code == 404
    data = client.get(reverse("api-cycle-results", args=[cycle.pk])).json()

    assert data["funded"] == [str(p["A"].pk), str(p["C"].pk)]
    assert data["explanations"][str(p["B"].pk)]["code"] == "over_budget"


@pytest.mark.django_db
@pytest.mark.parametrize("rule", list(CountingRule))
def test_every_counting_rule_a_cycle_can_choose_counts_within_budget(rule):
    extra = {"minimum_support": 2} if rule == CountingRule.GREEDY_THRESHOLD else {}
    cycle, _ = _closed_cycle_with_votes(rule=rule, **extra)

    result = counting.cycle_count(cycle_id=cycle.pk)

    assert result.rule == rule
    assert result.spent <= result.budget
    assert result.explanations
