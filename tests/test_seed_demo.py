from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from commissioning.models import CommissioningCycle


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_seed_demo_twice_creates_nothing_twice():
    call_command("seed_demo", stdout=StringIO())
    after_first = _row_counts()

    call_command("seed_demo", stdout=StringIO())

    assert _row_counts() == after_first


@pytest.mark.django_db
def test_seed_demo_creates_a_cycle_open_for_voting_with_at_least_ten_priorities():
    call_command("seed_demo", stdout=StringIO())

    cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")
    assert cycle.is_voting_open()
    assert cycle.priorities.accepted().count() >= 10


@pytest.mark.django_db
def test_seed_demo_creates_one_user_per_role_who_can_sign_in(client):
    call_command("seed_demo", stdout=StringIO())

    for email, role in [
        ("resident@example.org", "resident"),
        ("officer@example.org", "officer"),
        ("councillor@example.org", "councillor"),
        ("admin@example.org", "administrator"),
    ]:
        assert User.objects.get(email=email).role == role
        response = client.post("/accounts/login/", {"login": email, "password": "coop-demo"})
        assert response.status_code == 302, email
        assert client.get("/dashboard/").templates[0].name == f"dashboards/{role}.html"
        client.logout()


@pytest.mark.django_db
def test_seed_demo_uses_lambeths_wards():
    from citizens.models import Ward

    call_command("seed_demo", stdout=StringIO())

    assert Ward.objects.count() == 25
    assert Ward.objects.filter(name="Brixton Windrush").exists()


@pytest.mark.django_db
def test_seed_demo_has_a_binding_vote_and_residents_verified_each_way():
    from verification.models import Verification

    call_command("seed_demo", stdout=StringIO())

    cycle = CommissioningCycle.objects.get(slug="brixton-windrush-ward-fund-2027")
    assert (cycle.assurance, cycle.is_voting_open()) == ("resident", True)
    current = Verification.objects.filter(superseded_at__isnull=True)
    assert {(v.user.email, v.method, v.ward.name) for v in current} == {
        ("rhys@example.org", "register", "Brixton Windrush"),
        ("cora@example.org", "code", "Brixton Windrush"),
        ("ines@example.org", "in_person", "Brixton Windrush"),
    }


@pytest.mark.django_db
def test_the_demo_resident_is_refused_the_binding_vote_gets_verified_with_the_printed_details_and_votes(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    details = out.getvalue().split("enter ", 1)[1].rstrip().rstrip(".").split(", ")
    client.post("/accounts/login/", {"login": "resident@example.org", "password": "coop-demo"})

    refused = client.get("/cycles/brixton-windrush-ward-fund-2027/vote/").content.decode()
    assert "only verified residents can take part" in refused
    assert 'href="/verify/">Get verified as a resident</a>' in refused

    verified = client.post(
        "/verify/register/",
        {"surname": details[0], "date_of_birth": details[1], "postcode": details[2]},
        follow=True,
    )
    assert "You are a verified resident of Brixton Windrush." in verified.content.decode()

    cycle = CommissioningCycle.objects.get(slug="brixton-windrush-ward-fund-2027")
    first = cycle.priorities.accepted().first()
    voted = client.post(f"/cycles/{cycle.slug}/vote/", {"priority": [first.pk], "action": "cast"})
    assert voted.status_code == 302
    assert cycle.ballots.get(voter__email="resident@example.org").assurance == "register"


@pytest.mark.django_db
def test_a_demo_resident_verified_by_code_can_vote_at_once(client):
    call_command("seed_demo", stdout=StringIO())
    client.post("/accounts/login/", {"login": "cora@example.org", "password": "coop-demo"})

    page = client.get("/cycles/brixton-windrush-ward-fund-2027/vote/").content.decode()

    assert "only verified residents" not in page
    assert "Get verified as a resident" not in page
