"""A resident with no email address, registered by an officer in person: verified, in their ward,
found by a resident reference, never emailed, never signed in."""

from datetime import date

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.services import user_without_email_create
from citizens.models import ResidentProfile
from core.errors import DomainError
from core.models import AuditEvent
from tests.factories import WardFactory
from verification import services
from verification.models import Method, Verification

DETAILS = {"surname": "Adeyemi", "date_of_birth": date(1948, 2, 9), "postcode": "SE5 7QX"}


@pytest.fixture
def ward(db):
    return WardFactory(name="Camberwell Green", slug="camberwell-green")


def _register(officer, place, **changes):
    fields = {"display_name": "Mr Adeyemi", "ward": place, "document": "passport", **DETAILS} | changes
    return services.resident_without_email_register(officer=officer, **fields)


def test_the_registered_resident_is_verified_in_person_and_placed_in_the_ward(officer, ward):
    verification = _register(officer, ward)

    resident = verification.user
    assert (verification.method, verification.verified_by, verification.document) == (
        Method.IN_PERSON,
        officer,
        "passport",
    )
    assert (resident.display_name, resident.has_no_email) == ("Mr Adeyemi", True)
    profile = ResidentProfile.objects.get(user=resident)
    assert (profile.ward, profile.year_of_birth) == (ward, 1948)
    assert AuditEvent.objects.get(action="verification.in_person").actor == officer
    registered = AuditEvent.objects.get(action="account.registered_without_email")
    assert (registered.actor, registered.object_id) == (officer, resident.pk)


def test_the_resident_gets_a_short_reference_to_read_out(officer, ward):
    resident = _register(officer, ward).user

    assert len(resident.resident_reference) == 8
    assert User.objects.voter_for(resident.reference_for_print.lower()) == resident
    assert User.objects.voter_for(resident.reference_for_print.replace("-", " ")) == resident


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        ({"display_name": "  "}, "name_required", "Enter the name the resident wants to be known by."),
        ({"document": ""}, "document_required", "Choose the document you saw."),
        ({"surname": "", "postcode": ""}, "details_missing", "Enter the surname and postcode from the document."),
        ({"ward": None}, "ward_required", "Choose the ward of the resident's address."),
        ({"date_of_birth": date(2999, 1, 1)}, "date_of_birth_invalid", "Enter the date of birth on the document."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_kept(officer, ward, changes, code, message):
    with pytest.raises(DomainError) as refused:
        _register(officer, ward, **changes)

    assert (refused.value.code, refused.value.message) == (code, message)
    assert not User.objects.filter(resident_reference__isnull=False).exists()
    assert not Verification.objects.exists()


def test_the_same_person_cannot_be_registered_twice(officer, ward):
    _register(officer, ward)

    with pytest.raises(DomainError) as refused:
        _register(officer, ward, display_name="Femi")

    assert refused.value.code == "identity_taken"
    assert "resident reference" in refused.value.message
    assert User.objects.filter(resident_reference__isnull=False).count() == 1


def test_someone_already_verified_with_an_account_cannot_get_a_second_one_without_email(officer, resident, ward):
    services.in_person_verify(officer=officer, user=resident, ward=ward, document="passport", **DETAILS)

    with pytest.raises(DomainError) as refused:
        _register(officer, ward)

    assert refused.value.code == "identity_taken"
    assert not User.objects.filter(resident_reference__isnull=False).exists()


def test_two_accounts_cannot_share_a_reference(db):
    first = user_without_email_create(display_name="Ama")
    second = user_without_email_create(display_name="Kofi")
    second.resident_reference = first.resident_reference

    with pytest.raises(IntegrityError):
        second.save()


def test_an_account_with_an_email_address_cannot_have_a_reference(resident):
    resident.resident_reference = "K7AB3CDE"

    with pytest.raises(IntegrityError):
        resident.save()


def test_they_cannot_sign_in_and_no_password_reset_is_mailed(officer, ward):
    resident = _register(officer, ward).user

    assert not resident.has_usable_password()
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": resident.email, "password": "anything at all 7"})
    assert response.status_code == 200 and "_auth_user_id" not in browser.session
    browser.post(reverse("account_reset_password"), {"email": resident.email})
    assert mail.outbox == []


def test_nobody_can_sign_up_with_a_reserved_address(db):
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "resident-abc@no-email.invalid",
            "password1": "a long pass phrase 7",
            "password2": "a long pass phrase 7",
        },
    )

    assert "Enter an email address you can receive email at." in response.content.decode()
    assert not User.objects.filter(email="resident-abc@no-email.invalid").exists()


def test_officer_registers_a_resident_on_the_page_and_sees_the_reference(officer, ward, client_for):
    response = client_for(officer).post(
        reverse("verification_register_without_email"),
        {
            "display_name": "Mr Adeyemi",
            "document": "passport",
            "surname": "Adeyemi",
            "date_of_birth": "09/02/1948",
            "postcode": "SE5 7QX",
            "ward": ward.pk,
        },
        follow=True,
    )

    resident = User.objects.get(resident_reference__isnull=False)
    page = response.content.decode()
    assert resident.reference_for_print in page
    assert "Camberwell Green" in page


def test_the_registration_page_shows_the_problem_beside_the_field(officer, ward, client_for):
    response = client_for(officer).post(
        reverse("verification_register_without_email"),
        {"display_name": "Mr Adeyemi", "document": "", "surname": "Adeyemi", "date_of_birth": "09/02/1948"},
    )

    assert response.status_code == 400
    assert not User.objects.filter(resident_reference__isnull=False).exists()
