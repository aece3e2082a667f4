"""Who may vote per cycle (email or verified resident), and results saying how ballots were assured."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commissioning import counting, services
from commissioning.eligibility import participation_for
from commissioning.models import Assurance, Ballot, Scope
from core.errors import DomainError
from tests.factories import CycleFactory, PriorityFactory, ResidentProfileFactory, WardFactory, verified_resident


@pytest.fixture
def binding(db):
    cycle = CycleFactory(assurance=Assurance.RESIDENT)
    PriorityFactory(cycle=cycle)
    return cycle


def test_a_binding_cycle_refuses_an_email_only_account_with_a_link_to_get_verified(resident, binding):
    participation = participation_for(resident, binding)

    assert not participation.allowed
    assert participation.code == "verification_required"
    assert participation.next_step[1] == reverse("verification_start")


def test_a_binding_cycle_refuses_an_email_only_ballot(resident, binding):
    with pytest.raises(DomainError) as refused:
        services.ballot_cast(user=resident, cycle_id=binding.pk, choices={binding.priorities.get().pk: 1})

    assert refused.value.code == "verification_required"
    assert "only verified residents" in refused.value.message


def test_the_ballot_page_of_a_binding_cycle_links_an_email_only_account_to_verification(client_for, resident, binding):
    response = client_for(resident).get(reverse("ballot", args=[binding.slug]))

    assert "only verified residents can take part" in response.content.decode()
    assert f'href="{reverse("verification_start")}"' in response.content.decode()


def test_a_verified_resident_votes_in_a_binding_cycle_and_the_ballot_records_how(resident, binding):
    verified_resident(resident, method="code")

    ballot = services.ballot_cast(user=resident, cycle_id=binding.pk, choices={binding.priorities.get().pk: 1}).ballot

    assert Ballot.objects.get(pk=ballot.pk).assurance == "code"


def test_a_consultation_takes_an_email_only_ballot_and_records_it_as_such(resident):
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)

    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priority.pk: 1})

    assert Ballot.objects.get().assurance == "email"


def test_a_binding_ward_cycle_goes_by_the_verified_ward_not_the_typed_one(resident):
    home, elsewhere = WardFactory(), WardFactory()
    cycle = CycleFactory(assurance=Assurance.RESIDENT, scope=Scope.WARDS)
    cycle.wards.add(elsewhere)
    verified_resident(resident, ward=home, method="in_person")

    participation = participation_for(resident, cycle)

    assert not participation.allowed
    assert elsewhere.name in participation.reasons[0]


def test_a_consultation_ward_cycle_still_goes_by_the_ward_in_ones_details(resident):
    ward = WardFactory()
    ResidentProfileFactory(user=resident, ward=ward)
    cycle = CycleFactory(scope=Scope.WARDS)
    cycle.wards.add(ward)

    assert participation_for(resident, cycle).allowed


def test_the_participation_endpoint_says_why_not_and_where_to_get_verified(resident, binding):
    client = APIClient()
    client.force_authenticate(resident)

    data = client.get(reverse("api-cycle-participation", args=[binding.pk])).json()

    assert data["assurance"] == "resident"
    assert data["allowed"] is False
    assert data["code"] == "verification_required"
    assert data["next_step"]["url"].endswith(reverse("verification_start"))


def _close(cycle):
    type(cycle).objects.filter(pk=cycle.pk).update(
        voting_opens_at=timezone.now() - timedelta(days=8), voting_closes_at=timezone.now() - timedelta(minutes=1)
    )


def test_results_count_ballots_by_how_their_voters_were_checked(client_for, resident):
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    for method in ("register", "code", "in_person", "code"):
        services.ballot_cast(user=verified_resident(method=method).user, cycle_id=cycle.pk, choices={priority.pk: 1})
    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priority.pk: 1})
    _close(cycle)

    result = counting.cycle_count(cycle_id=cycle.pk)
    page = client_for(None).get(reverse("results", args=[cycle.slug])).content.decode()

    assert result.counts["assurance"] == {"register": 1, "code": 2, "in_person": 1, "email": 1}
    assert 'id="verified-ballots">4</td>' in page


def test_the_results_endpoint_gives_the_ballots_by_assurance(resident):
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    services.ballot_cast(user=verified_resident(method="register").user, cycle_id=cycle.pk, choices={priority.pk: 1})
    _close(cycle)

    data = APIClient().get(reverse("api-cycle-results", args=[cycle.pk])).json()

    assert data["counts"]["assurance"] == {"register": 1}
