"""Issue 11, points 4 and 5: no input answers 500, whether nested too deep or too big for its column."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commissioning.models import Ballot, BallotType, Stage
from core.bounds import INTEGER_MAX, SMALL_INTEGER_MAX
from governance.models import Commission, InvolvementActivity
from tests.factories import CycleFactory, PriorityFactory

DEEP_JSON = "[" * 100_000 + "]" * 100_000


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _assert_error_body(response, status: int) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "code", "problems"}
    assert isinstance(body["problems"], list)


@pytest.mark.django_db
def test_deeply_nested_json_to_an_anonymous_endpoint_is_a_400(resident):
    response = _api().post(reverse("api-token"), DEEP_JSON, content_type="application/json")

    _assert_error_body(response, 400)
    assert response.json()["code"] == "parse_error"


@pytest.mark.django_db
def test_deeply_nested_json_to_a_signed_in_endpoint_is_a_400(resident):
    cycle = CycleFactory()

    response = _api(resident).post(
        reverse("api-cycle-ballot", args=[cycle.pk]), DEEP_JSON, content_type="application/json"
    )

    _assert_error_body(response, 400)


@pytest.mark.django_db
def test_validation_errors_use_the_api_error_body(officer):
    response = _api(officer).post(reverse("api-commission-draft"), {"quorum": "many"}, format="json")

    _assert_error_body(response, 400)
    assert response.json()["code"] == "invalid"
    assert any(problem.startswith("quorum: ") for problem in response.json()["problems"])


def _involvement(cycle, **overrides) -> dict:
    return {
        "stage": cycle.stage,
        "purpose": "design",
        "method": "survey",
        "held_on": timezone.localdate().isoformat(),
        "participant_count": 40,
        "summary": "Survey.",
        **overrides,
    }


@pytest.mark.django_db
def test_participant_count_beyond_the_column_is_refused(officer):
    cycle = CycleFactory(stage=Stage.ANALYSE)

    response = _api(officer).post(
        reverse("api-involvement-record", args=[cycle.pk]),
        _involvement(cycle, participant_count=INTEGER_MAX + 1),
        format="json",
    )

    _assert_error_body(response, 400)
    assert not InvolvementActivity.objects.exists()


@pytest.mark.django_db
def test_an_equality_count_of_two_to_the_31_is_refused(officer):
    cycle = CycleFactory(stage=Stage.ANALYSE)
    counts = [{"characteristic": "sex", "group": "Female", "count": 2**31}]

    response = _api(officer).post(
        reverse("api-involvement-record", args=[cycle.pk]), _involvement(cycle, equality_counts=counts), format="json"
    )

    _assert_error_body(response, 400)
    assert not InvolvementActivity.objects.exists()


@pytest.mark.django_db
def test_equality_count_too_large_on_the_officer_form_is_refused_with_a_message(client_for, officer):
    cycle = CycleFactory(stage=Stage.ANALYSE)
    data = _involvement(cycle, equality_counts=f"sex, Female, {2**31}")
    data.pop("participant_count")

    response = client_for(officer).post(
        reverse("involvement_new", args=[cycle.slug]), {**data, "participant_count": 40}
    )

    assert response.status_code in (200, 400)
    assert "the number must be at most 2,147,483,647" in response.content.decode()
    assert not InvolvementActivity.objects.exists()


@pytest.mark.django_db
def test_quorum_beyond_a_small_integer_is_refused_by_the_api(officer):
    cycle = CycleFactory(stage=Stage.DO)

    response = _api(officer).post(
        reverse("api-commission-draft"),
        {
            "cycle": cycle.pk,
            "title": "Youth club",
            "description": "Fridays.",
            "provider_type": "cooperative",
            "value": "100",
            "quorum": 40000,
        },
        format="json",
    )

    _assert_error_body(response, 400)
    assert not Commission.objects.exists()


@pytest.mark.django_db
def test_quorum_beyond_a_small_integer_is_refused_by_the_service(officer):
    from core.errors import DomainError
    from governance import services

    cycle = CycleFactory(stage=Stage.DO)

    with pytest.raises(DomainError) as refused:
        services.commission_draft(
            user=officer,
            cycle_id=cycle.pk,
            title="Youth club",
            description="Fridays.",
            provider_type="cooperative",
            value=100,
            quorum=SMALL_INTEGER_MAX + 1,
        )

    assert refused.value.code == "quorum"


@pytest.mark.django_db
def test_points_beyond_a_small_integer_are_refused(resident):
    cycle = CycleFactory(ballot_type=BallotType.CUMULATIVE, points_per_voter=None)
    priority = PriorityFactory(cycle=cycle)

    response = _api(resident).post(
        reverse("api-cycle-ballot", args=[cycle.pk]),
        {"choices": [{"priority": priority.pk, "points": SMALL_INTEGER_MAX + 1}]},
        format="json",
    )

    _assert_error_body(response, 400)
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_a_priority_id_beyond_any_id_is_refused_not_an_error(resident):
    cycle = CycleFactory()

    response = _api(resident).post(
        reverse("api-cycle-ballot", args=[cycle.pk]), {"choices": [{"priority": 2**63}]}, format="json"
    )

    _assert_error_body(response, 400)


def test_every_integer_input_of_the_api_has_bounds_that_fit_a_column():
    """Walks every serializer the schema documents as a request body: no IntegerField without a maximum."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    unbounded = []
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("Request"):
            continue
        for field, spec in component.get("properties", {}).items():
            if spec.get("type") == "integer" and "maximum" not in spec:
                unbounded.append(f"{name}.{field}")
    assert unbounded == []
