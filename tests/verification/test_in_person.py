"""In person: an officer checks a document; the same identity key as a register match."""

import io
from datetime import date

import pytest

from citizens.models import ResidentProfile
from core.errors import DomainError
from core.models import AuditEvent
from tests.factories import UserFactory, WardFactory
from verification import services
from verification.models import Method, Verification

DETAILS = {"surname": "Mensah", "date_of_birth": date(1972, 6, 1), "postcode": "SW9 8AB"}


@pytest.fixture
def ward(db):
    return WardFactory(name="Stockwell East", slug="stockwell-east")


def test_an_officer_verifies_a_resident_against_a_document(officer, resident, ward):
    verification = services.in_person_verify(officer=officer, user=resident, ward=ward, document="passport", **DETAILS)

    assert (verification.method, verification.verified_by, verification.document) == (
        Method.IN_PERSON,
        officer,
        "passport",
    )
    event = AuditEvent.objects.get(action="verification.in_person")
    assert event.actor == officer
    assert "identity" not in event.after


def test_an_officer_cannot_verify_themselves(officer, ward):
    with pytest.raises(DomainError) as refused:
        services.in_person_verify(officer=officer, user=officer, ward=ward, document="passport", **DETAILS)

    assert refused.value.code == "self_verification"


def test_someone_verified_in_person_cannot_verify_a_second_account_by_register(officer, resident, ward):
    services.in_person_verify(officer=officer, user=resident, ward=ward, document="passport", **DETAILS)
    services.register_extract_import(
        officer=officer,
        source="electoral",
        lines=io.StringIO(f"surname,date_of_birth,postcode,ward\nMensah,01/06/1972,SW9 8AB,{ward.name}\n"),
        retention_days=30,
    )
    second = UserFactory()

    with pytest.raises(DomainError) as refused:
        services.register_match(user=second, **DETAILS)

    assert refused.value.code == "identity_taken"
    assert not Verification.objects.filter(user=second).exists()


def test_a_resident_moves_ward_with_a_new_verification(officer, resident, ward):
    services.in_person_verify(officer=officer, user=resident, ward=ward, document="passport", **DETAILS)
    new_ward = WardFactory(name="Brixton Acre Lane", slug="brixton-acre-lane")

    services.in_person_verify(
        officer=officer,
        user=resident,
        ward=new_ward,
        document="council_tax_bill",
        **{**DETAILS, "postcode": "SW2 5AA"},
    )

    current = Verification.objects.get(user=resident, superseded_at__isnull=True)
    assert current.ward == new_ward
    assert Verification.objects.filter(user=resident).count() == 2
    assert ResidentProfile.objects.get(user=resident).ward == new_ward


def test_a_verified_resident_cannot_move_ward_by_editing_their_details(officer, resident, ward):
    from citizens.services import profile_update

    services.in_person_verify(officer=officer, user=resident, ward=ward, document="passport", **DETAILS)

    with pytest.raises(DomainError) as refused:
        profile_update(
            user=resident, ward=WardFactory(), year_of_birth=None, preferred_language="en-gb", accessibility_needs=""
        )

    assert refused.value.code == "ward_locked"
    assert "verify your new address" in refused.value.message


def test_reviewing_a_conflict_needs_a_note_and_records_who(officer, resident, ward):
    services.in_person_verify(officer=officer, user=resident, ward=ward, document="passport", **DETAILS)
    with pytest.raises(DomainError):
        services.in_person_verify(officer=officer, user=UserFactory(), ward=ward, document="passport", **DETAILS)
    conflict = resident.verifications.get().conflicts.get()

    with pytest.raises(DomainError):
        services.conflict_review(conflict_id=conflict.pk, officer=officer, note=" ")
    services.conflict_review(
        conflict_id=conflict.pk, officer=officer, note="Same person, second account; told them to use the first."
    )

    conflict.refresh_from_db()
    assert conflict.reviewed_by == officer
