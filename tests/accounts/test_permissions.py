"""Roles are enforced on the server: every page and endpoint × every role."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

PUBLIC_PAGES = ["home", "cycle_list", "cooperative_list", "privacy_notice", "accessibility_statement"]
SIGNED_IN_PAGES = [
    "dashboard",
    "profile_edit",
    "my_proposals",
    "notification_inbox",
    "notification_preferences",
    "your_data",
    "your_data_json",
    "account_close",
]
OFFICER_PAGES = ["officer_cycle_list", "membership_queue", "ward_figures", "outcome_overview", "cycle_start"]
OFFICER_AND_COUNCILLOR_PAGES = ["report_list"]
COUNCILLOR_PAGES = ["councillor_commissions"]

PUBLIC_ENDPOINTS = ["api-ward-list", "api-outcome-list", "api-cooperative-list", "api-cycle-list", "api-schema"]
OFFICER_ENDPOINTS = ["api-membership-pending"]
COUNCILLOR_ENDPOINTS = ["api-decision-queue"]

ALLOWED = {
    "anonymous": set(PUBLIC_PAGES),
    "resident": set(PUBLIC_PAGES + SIGNED_IN_PAGES),
    "officer": set(PUBLIC_PAGES + SIGNED_IN_PAGES + OFFICER_PAGES + OFFICER_AND_COUNCILLOR_PAGES),
    "councillor": set(PUBLIC_PAGES + SIGNED_IN_PAGES + COUNCILLOR_PAGES + OFFICER_AND_COUNCILLOR_PAGES),
    "administrator": set(
        PUBLIC_PAGES + SIGNED_IN_PAGES + OFFICER_PAGES + COUNCILLOR_PAGES + OFFICER_AND_COUNCILLOR_PAGES
    ),
}
ALLOWED_ENDPOINTS = {
    "anonymous": set(PUBLIC_ENDPOINTS),
    "resident": set(PUBLIC_ENDPOINTS),
    "officer": set(PUBLIC_ENDPOINTS + OFFICER_ENDPOINTS),
    "councillor": set(PUBLIC_ENDPOINTS + COUNCILLOR_ENDPOINTS),
    "administrator": set(PUBLIC_ENDPOINTS + OFFICER_ENDPOINTS + COUNCILLOR_ENDPOINTS),
}
ROLES = list(ALLOWED)


def _user(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "page", PUBLIC_PAGES + SIGNED_IN_PAGES + OFFICER_PAGES + COUNCILLOR_PAGES + OFFICER_AND_COUNCILLOR_PAGES
)
def test_page_access_follows_role(request, client_for, role, page):
    response = client_for(_user(request, role)).get(reverse(page))

    if page in ALLOWED[role]:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", PUBLIC_ENDPOINTS + OFFICER_ENDPOINTS + COUNCILLOR_ENDPOINTS)
def test_endpoint_access_follows_role(request, role, endpoint):
    client = APIClient()
    user = _user(request, role)
    if user is not None:
        client.force_authenticate(user)

    response = client.get(reverse(endpoint))

    if endpoint in ALLOWED_ENDPOINTS[role]:
        assert response.status_code == 200
    else:
        assert response.status_code in (401, 403) if role == "anonymous" else response.status_code == 403


@pytest.mark.django_db
def test_resident_is_refused_officer_page_with_403_not_sent_to_login(client_for, resident):
    response = client_for(resident).get(reverse("membership_queue"))

    assert response.status_code == 403


@pytest.mark.django_db
def test_resident_token_is_refused_councillor_endpoint(resident):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=resident)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert client.get(reverse("api-cycle-list")).status_code == 200
    assert client.get(reverse("api-decision-queue")).status_code == 403


@pytest.mark.django_db
def test_api_token_is_issued_for_email_and_password(resident):
    from tests.factories import PASSWORD

    response = APIClient().post(reverse("api-token"), {"username": resident.email, "password": PASSWORD})

    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


@pytest.mark.django_db
def test_only_administrators_reach_the_django_admin(client_for, officer, administrator):
    assert client_for(officer).get("/admin/").status_code == 302
    assert client_for(administrator).get("/admin/").status_code == 200


def _project_packages() -> set[str]:
    """Every app of ours (and config), found from the app registry: nothing to forget when an app is added."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    root = Path(settings.BASE_DIR).resolve()
    ours = {config.name for config in apps.get_app_configs() if Path(config.path).resolve().parent == root}
    return ours | {"config"}


def test_the_guard_walk_covers_every_app_of_ours():
    assert _project_packages() >= {
        "accounts",
        "citizens",
        "commissioning",
        "config",
        "core",
        "dashboards",
        "governance",
        "notifications",
        "outcomes",
        "reports",
    }


def test_every_project_url_declares_a_permission():
    """A page or endpoint added without a permission would be open by accident; this finds it."""
    from django.urls import get_resolver

    ours = _project_packages()
    unguarded = []
    for pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        if callback.__module__.split(".")[0] not in ours:
            continue
        view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        declared = getattr(callback, "permission_required", None) or getattr(view_class, "permission_required", None)
        public_by_design = view_class is not None and "AllowAny" in {
            p.__name__ for p in getattr(view_class, "permission_classes", [])
        }
        if not declared and not public_by_design:
            unguarded.append(str(pattern.pattern))

    assert unguarded == []


def _walk(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _walk(pattern.url_patterns)
        else:
            yield pattern


@pytest.mark.django_db
def test_api_token_is_refused_until_the_email_address_is_verified():
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD, UserFactory

    unverified = UserFactory(email="fake@example.org")
    EmailAddress.objects.filter(user=unverified).update(verified=False)

    response = APIClient().post(reverse("api-token"), {"username": unverified.email, "password": PASSWORD})

    assert response.status_code == 403
    assert "Confirm your email address first" in response.json()["detail"]


@pytest.mark.django_db
def test_guessing_passwords_at_the_token_endpoint_is_throttled(resident):
    client = APIClient()

    statuses = [
        client.post(reverse("api-token"), {"username": resident.email, "password": "wrong"}).status_code
        for _ in range(12)
    ]

    assert statuses[:5] == [400] * 5  # allauth: five failures per account in five minutes
    assert set(statuses[5:]) == {429}
