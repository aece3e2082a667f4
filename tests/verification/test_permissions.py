"""Every verification page and endpoint × every role. Built from the URL conf, so a new URL needs a row."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import UserFactory
from verification import api_urls, urls
from verification.models import IdentityConflict

EVERYONE = {"anonymous", "resident", "officer", "councillor", "administrator"}
SIGNED_IN = EVERYONE - {"anonymous"}
OFFICERS = {"officer", "administrator"}
ROLES = sorted(EVERYONE)

# name: (method, what the URL names, who may use it, the status an allowed user gets)
PAGES = {
    "verification_start": ("get", None, SIGNED_IN, 200),
    "verification_register": ("get", None, SIGNED_IN, 200),
    "verification_code": ("get", None, SIGNED_IN, 200),
    "verification_officer": ("get", None, OFFICERS, 200),
    "verification_register_upload": ("get", None, OFFICERS, 200),
    "verification_code_batch": ("get", None, OFFICERS, 200),
    "verification_letter_run": ("get", "run", OFFICERS, 200),
    "verification_letter_run_download": ("get", "run_file", OFFICERS, 200),
    "verification_letter_run_action": ("post", "run_delete", OFFICERS, 302),
    "verification_in_person": ("get", None, OFFICERS, 200),
    "verification_conflict_review": ("post", "conflict", OFFICERS, 302),
    "verification_register_without_email": ("get", None, OFFICERS, 200),
    "verification_registered_without_email": ("get", "no_email", OFFICERS, 200),
}
# Writes are sent empty: an allowed caller gets past the permission and is refused by validation (400).
ENDPOINTS = {
    "api-verification": ("get", False, SIGNED_IN, 200),
    "api-verification-code": ("post", False, SIGNED_IN, 400),
    "api-verification-register": ("post", False, SIGNED_IN, 400),
}


def test_every_verification_url_has_a_row_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)
    assert {p.name for p in api_urls.urlpatterns} == set(ENDPOINTS)


@pytest.fixture
def conflict(db):
    from tests.factories import verified_resident

    held = verified_resident()
    return IdentityConflict.objects.create(attempted_by=UserFactory(), method="register", held_by=held)


@pytest.fixture
def no_email_resident(db):
    from accounts.services import user_without_email_create

    return user_without_email_create(display_name="Mr Adeyemi")


def _user(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


@pytest.fixture
def letter_run(db, settings, tmp_path):
    from tests.factories import WardFactory
    from verification import services

    settings.MEDIA_ROOT = tmp_path
    run = services.letter_run_request(officer=UserFactory(role="officer"), size=1, language="en-gb", ward=WardFactory())
    services.letter_run_make(run_id=run.pk)
    return run


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_follows_role(request, client_for, conflict, letter_run, no_email_resident, role, name):
    method, names, allowed, status = PAGES[name]
    args = {
        None: [],
        "conflict": [conflict.pk],
        "run": [letter_run.batch_id],
        "run_file": [letter_run.batch_id, 1],
        "run_delete": [letter_run.batch_id, "delete"],
        "no_email": [no_email_resident.pk],
    }[names]
    url = reverse(name, args=args)

    response = getattr(client_for(_user(request, role)), method)(url)

    if role in allowed:
        assert response.status_code == status
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_endpoint_access_follows_role(request, role, name):
    method, _needs, allowed, status = ENDPOINTS[name]
    client = APIClient()
    user = _user(request, role)
    if user is not None:
        client.force_authenticate(user)

    response = getattr(client, method)(reverse(name))

    if role in allowed:
        assert response.status_code == status
    else:
        assert response.status_code in (401, 403)
