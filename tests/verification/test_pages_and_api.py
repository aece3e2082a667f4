"""The pages and endpoints residents and officers use to verify, each asserting what a person would notice."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import AuditEvent
from tests.factories import UserFactory, WardFactory
from verification import services
from verification.models import IdentityConflict, RegisterExtract, Verification, VotingCode

EXTRACT = "surname,date_of_birth,postcode,ward\nAdeyemi,12/08/1988,SE24 9AA,Herne Hill and Loughborough Junction\n"


@pytest.fixture
def ward(db):
    return WardFactory(name="Herne Hill and Loughborough Junction", slug="herne-hill")


def test_an_officer_uploads_an_extract_and_the_file_is_not_kept(client_for, officer, ward, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("register.csv", EXTRACT.encode("utf-8-sig"), content_type="text/csv")

    response = client_for(officer).post(
        reverse("verification_register_upload"), {"source": "electoral", "extract": upload, "retention_days": 30}
    )

    assert response.status_code == 302
    assert RegisterExtract.objects.get().entries_kept == 1
    assert list(tmp_path.iterdir()) == []


def test_a_resident_matches_the_register_on_the_page(client_for, officer, resident, ward):
    services.register_extract_import(officer=officer, source="electoral", lines=io.StringIO(EXTRACT), retention_days=30)

    response = client_for(resident).post(
        reverse("verification_register"),
        {"surname": "Adeyemi", "date_of_birth": "12/08/1988", "postcode": "SE24 9AA"},
        follow=True,
    )

    assert "You are a verified resident of Herne Hill and Loughborough Junction." in response.content.decode()
    assert Verification.objects.get(user=resident).ward == ward


def test_details_not_on_the_register_are_shown_beside_the_form(client_for, resident, ward):
    response = client_for(resident).post(
        reverse("verification_register"),
        {"surname": "Adeyemi", "date_of_birth": "12/08/1988", "postcode": "SE24 9AA"},
    )

    assert response.status_code == 400
    assert "We could not find these details" in response.content.decode()


def test_an_officer_gets_the_letters_as_a_pdf_and_the_codes_are_kept_as_hashes(client_for, officer, ward):
    response = client_for(officer).post(
        reverse("verification_code_batch"), {"ward": ward.pk, "size": 2, "language": "es", "large_print": "on"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    assert VotingCode.objects.count() == 2


def test_a_resident_uses_a_code_on_the_page(client_for, officer, resident, ward):
    _batch, codes = services.code_batch_create(officer=officer, size=1, language="en-gb", ward=ward)

    response = client_for(resident).post(reverse("verification_code"), {"code": codes[0]}, follow=True)

    assert "You are a verified resident of Herne Hill" in response.content.decode()


def test_an_officer_verifies_a_resident_in_person_on_the_page(client_for, officer, resident, ward):
    response = client_for(officer).post(
        reverse("verification_in_person"),
        {
            "email": resident.email,
            "document": "driving_licence",
            "surname": "Adeyemi",
            "date_of_birth": "12/08/1988",
            "postcode": "SE24 9AA",
            "ward": ward.pk,
        },
    )

    assert response.status_code == 302
    verification = Verification.objects.get(user=resident)
    assert (verification.verified_by, verification.document) == (officer, "driving_licence")


def test_officers_see_a_second_account_trying_an_identity_and_mark_it_reviewed(client_for, officer, resident, ward):
    _batch, codes = services.code_batch_create(officer=officer, size=1, language="en-gb", ward=ward)
    services.code_redeem(user=resident, code=codes[0])
    intruder = UserFactory(email="second@example.org")
    client_for(intruder).post(reverse("verification_code"), {"code": codes[0]})

    queue = client_for(officer).get(reverse("verification_officer")).content.decode()
    conflict = IdentityConflict.objects.get()
    client_for(officer).post(reverse("verification_conflict_review", args=[conflict.pk]), {"note": "Letter stolen."})

    assert "second@example.org" in queue
    conflict.refresh_from_db()
    assert conflict.reviewed_by == officer
    assert AuditEvent.objects.filter(action="verification.conflict_reviewed").exists()


def test_the_api_says_whether_one_is_verified_and_how_to_become_so(resident):
    client = APIClient()
    client.force_authenticate(resident)

    data = client.get(reverse("api-verification")).json()

    assert data["verified"] is False
    assert data["how_to_get_verified"].endswith(reverse("verification_start"))


def test_a_code_is_redeemed_through_the_api(officer, resident, ward):
    _batch, codes = services.code_batch_create(officer=officer, size=1, language="en-gb", ward=ward)
    client = APIClient()
    client.force_authenticate(resident)

    data = client.post(reverse("api-verification-code"), {"code": codes[0]}).json()

    assert (data["verified"], data["method"], data["ward"]) == (True, "code", "herne-hill")


def test_a_wrong_code_through_the_api_is_a_400_with_its_reason(resident, ward):
    client = APIClient()
    client.force_authenticate(resident)

    response = client.post(reverse("api-verification-code"), {"code": "AAAA-BBBB-CCCC"})

    assert response.status_code == 400
    assert response.json()["code"] == "code_unknown"
