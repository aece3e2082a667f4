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
