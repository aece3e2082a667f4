import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning.models import Ballot, Priority, Scope
from notifications.models import Notification
from tests.factories import CycleFactory, PriorityFactory, ResidentProfileFactory, WardFactory


def _api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_api_lists_the_priorities_on_the_ballot():
    cycle = CycleFactory()
    on_ballot = PriorityFactory(cycle=cycle)
    PriorityFactory(cycle=cycle, status=Priority.Status.SUBMITTED)

    data = _api().get(reverse("api-cycle-priorities", args=[cycle.pk])).json()

    assert [p["id"] for p in data] == [on_ballot.pk]


@pytest.mark.django_db
def test_resident_casts_and_reads_back_a_ballot_through_the_api(resident):
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    url = reverse("api-cycle-ballot", args=[cycle.pk])

    cast = _api(resident).post(url, {"choices": [{"priority": priority.pk}]}, format="json")
    read = _api(resident).get(url)

    assert cast.status_code == 200
    assert read.json()["choices"] == [{"priority": priority.pk}]
    assert read.json()["receipt_code"] == Ballot.objects.get().receipt_code


@pytest.mark.django_db
def test_api_refuses_a_forged_priority_with_the_reason(resident):
    cycle = CycleFactory()
    elsewhere = PriorityFactory()

    response = _api(resident).post(
        reverse("api-cycle-ballot", args=[cycle.pk]), {"choices": [{"priority": elsewhere.pk}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_ballot"
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_anonymous_cannot_cast_through_the_api():
    cycle = CycleFactory()

    response = _api().post(reverse("api-cycle-ballot", args=[cycle.pk]), {"choices": []}, format="json")

    assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_reading_a_ballot_never_cast_says_so(resident):
    response = _api(resident).get(reverse("api-cycle-ballot", args=[CycleFactory().pk]))

    assert response.status_code == 404
    assert response.json()["detail"] == "You have not voted in this cycle."


def _token_client(user) -> APIClient:
    from rest_framework.authtoken.models import Token

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.django_db
def test_a_ward_resident_voting_with_a_token_gets_the_receipt_in_their_language():
    profile = ResidentProfileFactory(preferred_language="pl")
    cycle = CycleFactory(scope=Scope.WARDS)
    cycle.wards.add(profile.ward)
    priority = PriorityFactory(cycle=cycle)

    response = _token_client(profile.user).post(
        reverse("api-cycle-ballot", args=[cycle.pk]), {"choices": [{"priority": priority.pk}]}, format="json"
    )

    assert response.status_code == 200
    assert Notification.objects.get(recipient=profile.user).language == "pl"


@pytest.mark.django_db
def test_a_resident_of_another_ward_voting_with_a_token_is_told_why_not():
    profile = ResidentProfileFactory()
    cycle = CycleFactory(scope=Scope.WARDS)
    cycle.wards.add(WardFactory(name="Brixton Rush Common", slug="brixton-rush-common"))
    priority = PriorityFactory(cycle=cycle)

    response = _token_client(profile.user).post(
        reverse("api-cycle-ballot", args=[cycle.pk]), {"choices": [{"priority": priority.pk}]}, format="json"
    )

    assert response.status_code == 400
    assert "Brixton Rush Common" in response.json()["detail"]
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_an_unknown_token_is_refused():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    response = client.get(reverse("api-cycle-ballot", args=[CycleFactory().pk]))

    assert response.status_code == 403  # DRF answers 403, not 401, when session login comes first
    assert response.json()["detail"] == "Invalid token."


@pytest.mark.django_db
def test_voting_with_a_token_reads_the_residents_profile_once_with_the_token():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profile = ResidentProfileFactory()
    cycle = CycleFactory(scope=Scope.WARDS)
    cycle.wards.add(profile.ward)
    priority = PriorityFactory(cycle=cycle)
    client = _token_client(profile.user)

    with CaptureQueriesContext(connection) as queries:
        client.post(
            reverse("api-cycle-ballot", args=[cycle.pk]), {"choices": [{"priority": priority.pk}]}, format="json"
        )

    profile_reads = [q["sql"] for q in queries if "citizens_residentprofile" in q["sql"]]
    assert len(profile_reads) == 1
    assert "authtoken_token" in profile_reads[0]


@pytest.mark.django_db(transaction=True)  # a retry happens only outside any transaction
def test_a_ballot_whose_database_connection_drops_mid_request_is_still_cast(resident):
    from unittest import mock

    from django.db import OperationalError
    from rest_framework.authtoken.models import Token

    from commissioning import services

    class Terminated(Exception):
        pgcode = "57P01"  # pg_terminate_backend: a failover, a restart, a reaper

    priority = PriorityFactory(cycle=CycleFactory())
    api = APIClient(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=resident).key}")
    real_cast = services.ballot_cast

    def dropped_once(**kwargs):
        if not dropped_once.done:
            dropped_once.done = True
            raise OperationalError("terminating connection due to administrator command") from Terminated()
        return real_cast(**kwargs)

    dropped_once.done = False
    with mock.patch.object(services, "ballot_cast", side_effect=dropped_once):
        response = api.post(
            reverse("api-cycle-ballot", args=[priority.cycle_id]),
            {"choices": [{"priority": priority.pk}]},
            format="json",
        )

    assert response.status_code == 200
    assert Ballot.objects.get().receipt_code == response.json()["receipt_code"]
