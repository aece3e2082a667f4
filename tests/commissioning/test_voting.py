from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commissioning import services
from commissioning.models import Ballot, BallotChoice, BallotType, Scope
from core.errors import DomainError
from tests.factories import (
    CooperativeFactory,
    CycleFactory,
    MembershipFactory,
    PriorityFactory,
    ResidentProfileFactory,
    WardFactory,
)


def _cycle_with(n: int = 3, **cycle_fields):
    cycle = CycleFactory(**cycle_fields)
    return cycle, [PriorityFactory(cycle=cycle, estimated_cost=Decimal(40000)) for _ in range(n)]


@pytest.mark.django_db
def test_resident_casts_an_approval_ballot_and_gets_a_receipt_email(resident, django_capture_on_commit_callbacks):
    cycle, priorities = _cycle_with(3, max_choices=2)

    with django_capture_on_commit_callbacks(execute=True):
        ballot = services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1}).ballot

    assert list(ballot.choices.values_list("priority_id", flat=True)) == [priorities[0].pk]
    assert ballot.receipt_code in mail.outbox[0].body
    assert priorities[0].title in mail.outbox[0].body


@pytest.mark.django_db
def test_changing_the_vote_keeps_one_ballot_and_the_last_choices_count(resident):
    cycle, priorities = _cycle_with(3)

    first = services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1}).ballot
    second = services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[2].pk: 1}).ballot

    assert first.pk == second.pk
    assert second.receipt_code == first.receipt_code
    assert Ballot.objects.count() == 1
    assert list(BallotChoice.objects.values_list("priority_id", flat=True)) == [priorities[2].pk]


@pytest.mark.django_db
def test_voting_before_the_window_opens_is_refused_and_saves_nothing(resident):
    cycle, priorities = _cycle_with(
        2,
        voting_opens_at=timezone.now() + timedelta(days=1),
        voting_closes_at=timezone.now() + timedelta(days=8),
    )

    with pytest.raises(DomainError, match="Voting in this cycle is not open"):
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1})

    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_voting_after_the_window_closes_leaves_the_earlier_ballot_untouched(resident):
    cycle, priorities = _cycle_with(2)
    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1})

    with pytest.raises(DomainError):
        services.ballot_cast(
            user=resident, cycle_id=cycle.pk, choices={priorities[1].pk: 1}, now=cycle.voting_closes_at
        )

    assert list(BallotChoice.objects.values_list("priority_id", flat=True)) == [priorities[0].pk]


@pytest.mark.django_db
def test_over_budget_knapsack_ballot_is_explained_and_not_saved(resident):
    cycle, priorities = _cycle_with(3, ballot_type=BallotType.KNAPSACK, budget=Decimal(100000))

    with pytest.raises(DomainError) as refused:
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={p.pk: 1 for p in priorities})

    assert refused.value.details == [
        "Your choices cost £120,000, more than the budget of £100,000. Remove £20,000 of choices."
    ]
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_forged_priority_from_another_cycle_is_refused(resident):
    cycle, priorities = _cycle_with(1)
    elsewhere = PriorityFactory()

    with pytest.raises(DomainError, match="not on this ballot"):
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1, elsewhere.pk: 1})

    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_too_many_approvals_are_refused(resident):
    cycle, priorities = _cycle_with(3, max_choices=2)

    with pytest.raises(DomainError, match="up to 2 priorities; you chose 3"):
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={p.pk: 1 for p in priorities})


@pytest.mark.django_db
def test_cumulative_ballot_cannot_spend_more_points_than_given(resident):
    cycle, priorities = _cycle_with(2, ballot_type=BallotType.CUMULATIVE, points_per_voter=5)

    with pytest.raises(DomainError, match="You gave 6 points; you have 5"):
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 4, priorities[1].pk: 2})


@pytest.mark.django_db
def test_ranking_must_be_numbered_without_gaps(resident):
    cycle, priorities = _cycle_with(3, ballot_type=BallotType.ORDINAL, max_choices=3)

    with pytest.raises(DomainError, match="no gaps"):
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1, priorities[1].pk: 3})

    ballot = services.ballot_cast(
        user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 2, priorities[1].pk: 1}
    ).ballot
    assert dict(ballot.choices.values_list("priority_id", "rank")) == {priorities[0].pk: 2, priorities[1].pk: 1}


@pytest.mark.django_db
def test_non_member_cannot_vote_in_a_cooperative_cycle(resident):
    cooperative = CooperativeFactory(name="Lambeth Youth Trust")
    cycle, priorities = _cycle_with(1, scope=Scope.COOPERATIVE, cooperative=cooperative)

    with pytest.raises(DomainError, match="for members of Lambeth Youth Trust"):
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1})

    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_active_member_can_vote_in_a_cooperative_cycle(resident, officer):
    from citizens.services import membership_approve

    cooperative = CooperativeFactory()
    membership_approve(membership_id=MembershipFactory(member=resident, cooperative=cooperative).pk, officer=officer)
    cycle, priorities = _cycle_with(1, scope=Scope.COOPERATIVE, cooperative=cooperative)

    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1})

    assert Ballot.objects.filter(voter=resident).count() == 1


@pytest.mark.django_db
def test_resident_of_another_ward_is_told_which_wards_may_vote(resident):
    cycle, priorities = _cycle_with(1, scope=Scope.WARDS)
    cycle.wards.add(WardFactory(name="Oval", slug="oval"))
    ResidentProfileFactory(user=resident, ward=WardFactory(name="Vauxhall", slug="vauxhall"))

    with pytest.raises(DomainError, match="for residents of Oval"):
        services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priorities[0].pk: 1})


@pytest.mark.django_db
def test_ballot_page_without_javascript_checks_the_knapsack_total(client_for, resident):
    cycle, priorities = _cycle_with(3, ballot_type=BallotType.KNAPSACK, budget=Decimal(100000))

    response = client_for(resident).post(
        reverse("ballot", args=[cycle.slug]), {"priority": [p.pk for p in priorities[:2]], "action": "check"}
    )

    assert "Your choices cost £80,000 of the £100,000 budget." in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_ballot_page_shows_problems_in_an_error_summary(client_for, resident):
    cycle, priorities = _cycle_with(3, ballot_type=BallotType.KNAPSACK, budget=Decimal(100000))

    response = client_for(resident).post(
        reverse("ballot", args=[cycle.slug]), {"priority": [p.pk for p in priorities], "action": "cast"}
    )

    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_garbled_ballot_form_gets_a_clear_message(client_for, resident):
    cycle, _ = _cycle_with(1)

    response = client_for(resident).post(reverse("ballot", args=[cycle.slug]), {"priority": ["drop table"]})

    assert response.status_code == 400
    assert "Use whole numbers only" in response.content.decode()


@pytest.mark.django_db
def test_casting_from_the_page_leads_to_the_receipt(client_for, resident):
    cycle, priorities = _cycle_with(2)
    client = client_for(resident)

    response = client.post(reverse("ballot", args=[cycle.slug]), {"priority": [priorities[1].pk]}, follow=True)

    ballot = Ballot.objects.get()
    assert ballot.receipt_code in response.content.decode()
    assert "Your vote is recorded" in response.content.decode()


@pytest.mark.django_db
def test_a_ward_resident_casts_from_the_page_in_their_ward_cycle(client_for):
    profile = ResidentProfileFactory()
    cycle, priorities = _cycle_with(2, scope=Scope.WARDS)
    cycle.wards.add(profile.ward)

    response = client_for(profile.user).post(
        reverse("ballot", args=[cycle.slug]), {"priority": [priorities[0].pk]}, follow=True
    )

    assert "Your vote is recorded" in response.content.decode()
    assert Ballot.objects.get().voter == profile.user


def _queries_for_pages(client_for, resident, count: int) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cycle, priorities = _cycle_with(count)
    for _ in range(count):
        services.ballot_cast(user=_voter(), cycle_id=cycle.pk, choices={priorities[0].pk: 1})
    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={p.pk: 1 for p in priorities[:2]})
    client = client_for(resident)
    client.get(reverse("home"))  # the session and user are loaded once, like any later page
    with CaptureQueriesContext(connection) as cycle_page:
        assert client.get(reverse("cycle_detail", args=[cycle.slug])).status_code == 200
    with CaptureQueriesContext(connection) as ballot_page:
        assert client.get(reverse("ballot", args=[cycle.slug])).status_code == 200
    return len(cycle_page), len(ballot_page)


@pytest.mark.django_db
def test_cycle_and_ballot_pages_run_the_same_queries_for_3_or_30_priorities_and_ballots(client_for, resident):
    from django.contrib.contenttypes.models import ContentType

    from commissioning.models import CommissioningCycle
    from tests.factories import UserFactory

    # The audit trail's timeline finds the cycle's content type once per process (Django caches it);
    # look it up first, so the first page measured does not pay for what every later one reuses.
    ContentType.objects.get_for_model(CommissioningCycle)
    small = _queries_for_pages(client_for, resident, 3)
    large = _queries_for_pages(client_for, UserFactory(), 30)

    assert small == large


@pytest.mark.django_db
def test_ballot_page_stays_within_its_query_budget(client_for, resident, django_assert_max_num_queries):
    cycle, _ = _cycle_with(25)
    client = client_for(resident)

    with django_assert_max_num_queries(19):
        client.get(reverse("ballot", args=[cycle.slug]))
    with django_assert_max_num_queries(19):
        client.get(reverse("cycle_detail", args=[cycle.slug]))


def _voter():
    from tests.factories import UserFactory

    return UserFactory()


@pytest.mark.django_db
def test_knapsack_check_says_by_how_much_the_choices_are_over_budget(client_for, resident):
    cycle, priorities = _cycle_with(3, ballot_type=BallotType.KNAPSACK, budget=Decimal(100000))

    response = client_for(resident).post(
        reverse("ballot", args=[cycle.slug]), {"priority": [p.pk for p in priorities], "action": "check"}
    )

    assert "That is £20,000 over budget" in response.content.decode()
