"""Issue 11, point 2: nobody's email address is shown to anyone but its owner (and officers who need it).

The demo is seeded, then everyone's chosen names are taken away (as for accounts made before display
names existed), a resident with no name comments, the comment is published, and the councillor
decides: every public page and API response is then read, anonymously and as another resident.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.roles import Role
from commissioning.models import CommissioningCycle
from demo.seed import seed_demo
from governance import services
from governance.models import Commission, Decision
from tests.factories import UserFactory

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture
def demo_with_comments_and_a_decision(db):
    seed_demo()
    User.objects.update(full_name="", display_name="")  # nobody has chosen a name
    commenter = User.objects.create_user(email="resident2@example.org", password="x" * 20)
    officer = User.objects.get(role=Role.OFFICER)
    councillor = User.objects.get(role=Role.COUNCILLOR)
    commission = Commission.objects.get(status=Commission.Status.SUBMITTED)
    comment = services.comment_add(user=commenter, commission_id=commission.pk, body="Please open on Sundays too.")
    services.comment_moderate(user=officer, comment_id=comment.pk, publish=True)
    services.interest_declare(user=councillor, commission_id=commission.pk, has_interest=False)
    services.commission_vote(user=councillor, commission_id=commission.pk, choice="approve", reasons="Residents asked.")
    assert Decision.objects.exists()
    return commission


def _public_urls() -> list[str]:
    urls = [
        reverse(name)
        for name in (
            "home",
            "cycle_list",
            "cooperative_list",
            "commission_public_list",
            "decision_log",
            "api-docs",
            "api-schema",
            "api-ward-list",
            "api-outcome-list",
            "api-cooperative-list",
            "api-cycle-list",
            "api-commission-list",
            "api-decision-log",
        )
    ]
    for cycle in CommissioningCycle.objects.published():
        urls += [reverse(name, args=[cycle.slug]) for name in ("cycle_detail", "results", "ballot_file")]
        urls.append(reverse("involvement_log", args=[cycle.slug]))
        urls += [
            reverse(name, args=[cycle.pk])
            for name in (
                "api-cycle-detail",
                "api-cycle-priorities",
                "api-cycle-results",
                "api-involvement-list",
                "api-cycle-timeline",
            )
        ]
    for commission in Commission.objects.exclude(status=Commission.Status.DRAFT):
        urls += [
            reverse("commission_public", args=[commission.pk]),
            reverse("api-commission-detail", args=[commission.pk]),
        ]
    for decision in Decision.objects.all():
        urls += [reverse("decision_detail", args=[decision.pk]), reverse("api-decision-detail", args=[decision.pk])]
    for slug in ("lambeth-youth-trust",):
        urls += [reverse("cooperative_detail", args=[slug]), reverse("api-cooperative-detail", args=[slug])]
    return urls


def _leaks(client, urls: list[str]) -> list[str]:
    leaks = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found = set(EMAIL.findall(body.decode(errors="replace")))
        leaks += [f"{url}: {address}" for address in sorted(found)]
    return leaks


@pytest.mark.django_db
def test_no_public_page_or_api_response_shows_an_email_address(demo_with_comments_and_a_decision):
    urls = _public_urls()
    assert len(urls) > 30

    assert _leaks(Client(), urls) == []
    assert _leaks(APIClient(), [u for u in urls if u.startswith("/api/")]) == []


@pytest.mark.django_db
def test_another_resident_sees_no_email_address_either(demo_with_comments_and_a_decision):
    neighbour = UserFactory(email="neighbour@example.org", role=Role.RESIDENT)
    client = Client()
    client.force_login(neighbour)

    leaks = _leaks(client, _public_urls())

    assert leaks == []


@pytest.mark.django_db
def test_the_published_comment_and_the_decision_name_people_by_display_name(demo_with_comments_and_a_decision):
    commission = demo_with_comments_and_a_decision
    commenter = User.objects.get(email="resident2@example.org")
    decision = Decision.objects.filter(commission=commission).get()

    page = Client().get(reverse("commission_public", args=[commission.pk])).content.decode()
    api = APIClient().get(reverse("api-decision-detail", args=[decision.pk])).json()

    assert f"Resident {commenter.pk}" in page
    assert api["comments"][0]["author"] == f"Resident {commenter.pk}"
    assert api["votes"][0]["councillor"].startswith("Councillor ")


@pytest.mark.django_db
def test_a_chosen_display_name_is_shown_instead(client_for, resident):
    client = client_for(resident)
    response = client.post(
        reverse("profile_edit"), {"display_name": "Rosa from Brixton", "preferred_language": "en-gb"}
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.display_name == "Rosa from Brixton"
    assert str(resident) == "Rosa from Brixton"


@pytest.mark.django_db
def test_sign_up_asks_for_a_display_name(client):
    refused = client.post(
        reverse("account_signup"),
        {"email": "sam@example.org", "password1": "a-long-test-password", "password2": "a-long-test-password"},
    )
    assert refused.status_code == 200
    assert not User.objects.filter(email="sam@example.org").exists()

    client.post(
        reverse("account_signup"),
        {
            "email": "sam@example.org",
            "display_name": "Sam K",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
    )

    assert User.objects.get(email="sam@example.org").display_name == "Sam K"


@pytest.mark.django_db
def test_the_data_migration_rewrites_emails_stored_in_decisions(submitted_commission_with_decision):
    import importlib

    from django.db.migrations.loader import MigrationLoader

    decision, councillor = submitted_commission_with_decision
    migration = importlib.import_module("governance.migrations.0005_names_not_emails_in_the_record")
    state = MigrationLoader(None, ignore_no_migrations=True).project_state(
        ("governance", "0005_names_not_emails_in_the_record")
    )

    migration.names_not_emails(state.apps, None)

    decision = Decision.objects.get(pk=decision.pk)
    assert decision.votes[0]["councillor"] == councillor.display_name
    assert decision.declarations[0]["councillor"] == councillor.display_name
    assert decision.commission_snapshot["drafted_by_name"] == "Omar Officer"
    assert "@" not in str(decision.votes) + str(decision.declarations) + str(decision.commission_snapshot)


@pytest.fixture
def submitted_commission_with_decision(db):
    """A decision stored the old way: councillors and the drafting officer named by email address."""
    from tests.factories import CommissionFactory, CycleFactory

    officer = UserFactory(email="omar.o@example.org", display_name="Omar Officer", role=Role.OFFICER)
    councillor = UserFactory(email="cllr.c@example.org", display_name="Cllr Chloe", role=Role.COUNCILLOR)
    commission = CommissionFactory(cycle=CycleFactory(), drafted_by=officer, status=Commission.Status.APPROVED)
    decision = Decision.objects.create(
        commission=commission,
        decision_round=1,
        result=Decision.Result.APPROVED,
        quorum=1,
        explanation="1 vote cast.",
        votes=[{"councillor": councillor.email, "choice": "approve", "reasons": "Yes.", "cast_at": "2026-01-01"}],
        declarations=[{"councillor": councillor.email, "has_interest": False, "description": ""}],
        commission_snapshot={"title": "Youth club", "drafted_by_name": officer.email},
    )
    return decision, councillor
