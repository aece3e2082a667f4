"""The admin is no back door: verifications, extracts, codes and conflicts are read-only there,
and the hashes are never shown."""

import pytest
from django.urls import reverse

from tests.factories import WardFactory, verified_resident
from verification.models import Verification


@pytest.mark.django_db
def test_admin_cannot_change_a_verification(client_for, administrator):
    verification = verified_resident(method="code")
    url = reverse("admin:verification_verification_change", args=[verification.pk])

    response = client_for(administrator).post(url, {"method": "in_person", "ward": WardFactory().pk})

    assert response.status_code == 403
    verification.refresh_from_db()
    assert verification.method == "code"


@pytest.mark.django_db
def test_admin_cannot_add_a_verification_by_hand(client_for, administrator):
    response = client_for(administrator).get(reverse("admin:verification_verification_add"))

    assert response.status_code == 403
    assert not Verification.objects.exists()


@pytest.mark.django_db
def test_admin_shows_a_verification_without_its_identity_hash(client_for, administrator):
    verification = verified_resident(method="in_person")

    page = client_for(administrator).get(reverse("admin:verification_verification_change", args=[verification.pk]))

    assert page.status_code == 200
    assert verification.identity not in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["registerextract", "votingcodebatch", "identityconflict"])
def test_admin_cannot_add_extracts_codes_or_conflicts(client_for, administrator, model):
    response = client_for(administrator).get(reverse(f"admin:verification_{model}_add"))

    assert response.status_code == 403
