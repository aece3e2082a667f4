"""Register match: an officer's extract reduced to keyed hashes; a resident's details matched against them."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from citizens.models import ResidentProfile
from core.errors import DomainError
from core.models import AuditEvent
from tests.factories import UserFactory, WardFactory
from verification import services
from verification.models import IdentityConflict, Method, RegisterEntry, RegisterExtract, Verification
from verification.tasks import delete_expired_register_extracts

EXTRACT = """surname,date_of_birth,postcode,ward
Featherstonehaugh,27/03/1985,SW2 1AA,Brixton Rush Common
Okafor,1990-11-02,SE11 4PP,Kennington
Nobody,not a date,SW2 1AA,Brixton Rush Common
Elsewhere,01/01/1970,E1 6AN,A ward we do not have
"""


@pytest.fixture
def wards(db):
    return {
        "brixton": WardFactory(name="Brixton Rush Common", slug="brixton-rush-common"),
        "kennington": WardFactory(name="Kennington", slug="kennington"),
    }


@pytest.fixture
def extract(officer, wards):
    return services.register_extract_import(
        officer=officer, source="electoral", lines=io.StringIO(EXTRACT), retention_days=30
    )


def test_an_extract_keeps_one_entry_per_readable_row_and_counts_the_rest(extract):
    assert (extract.rows_read, extract.entries_kept, extract.rows_refused) == (4, 2, 2)
    assert RegisterEntry.objects.filter(extract=extract).count() == 2


def test_the_names_in_an_extract_never_reach_the_database(extract):
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    dump = out.getvalue().lower()

    for word in ("featherstonehaugh", "okafor", "sw2 1aa", "sw21aa", "1985-03-27", "27/03/1985"):
        assert word not in dump


def _sent_to_the_database(queries) -> str:
    return " ".join(f"{q['sql']}" for q in queries).lower()


def test_an_uploaded_extracts_names_are_not_even_sent_to_the_database(client_for, officer, wards):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    upload = SimpleUploadedFile("register.csv", EXTRACT.encode("utf-8-sig"), content_type="text/csv")
    with CaptureQueriesContext(connection) as queries:
        response = client_for(officer).post(
            reverse("verification_register_upload"),
            {"source": "electoral", "extract": upload, "retention_days": 30},
        )

    assert response.status_code == 302
    assert RegisterEntry.objects.count() == 2
    sent = _sent_to_the_database(queries.captured_queries)
    for word in ("featherstonehaugh", "okafor", "sw2 1aa", "sw21aa", "1985-03-27", "27/03/1985", "se11 4pp"):
        assert word not in sent


def test_a_residents_typed_details_are_not_sent_to_the_database(extract, resident):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        services.register_match(user=resident, surname="Okafor", date_of_birth=date(1990, 11, 2), postcode="SE11 4PP")

    assert Verification.objects.get().user == resident
    sent = _sent_to_the_database(queries.captured_queries)
    for word in ("okafor", "se11 4pp", "se114pp", "1990-11-02"):
        assert word not in sent


def test_an_extract_is_deleted_by_beat_after_its_retention_period(extract, monkeypatch):
    after_retention = extract.delete_after + timedelta(seconds=1)
    monkeypatch.setattr(services.timezone, "now", lambda: after_retention)

    delete_expired_register_extracts.delay()

    extract.refresh_from_db()
    assert extract.deleted_at is not None
    assert RegisterEntry.objects.count() == 0
    assert AuditEvent.objects.filter(action="register.deleted").count() == 1


def test_an_extract_within_its_retention_period_is_kept(extract):
    services.register_extracts_expire(now=timezone.now() + timedelta(days=29))

    assert RegisterEntry.objects.count() == 2


def test_deleting_expired_extracts_twice_records_it_once(extract):
    later = timezone.now() + timedelta(days=31)
    services.register_extracts_expire(now=later)
    services.register_extracts_expire(now=later)

    assert AuditEvent.objects.filter(action="register.deleted").count() == 1


def test_an_extract_without_the_needed_columns_is_refused_and_nothing_kept(officer, wards):
    with pytest.raises(DomainError) as refused:
        services.register_extract_import(
            officer=officer, source="electoral", lines=io.StringIO("name,dob\nA,B\n"), retention_days=30
        )

    assert refused.value.code == "unreadable_extract"
    assert RegisterExtract.objects.count() == 0


def test_a_retention_period_beyond_the_councils_maximum_is_refused(officer, wards):
    with pytest.raises(DomainError) as refused:
        services.register_extract_import(
            officer=officer, source="electoral", lines=io.StringIO(EXTRACT), retention_days=10_000
        )

    assert refused.value.code == "retention"


def test_matching_details_verify_the_resident_in_the_registers_ward(extract, wards, resident):
    verification = services.register_match(
        user=resident, surname="featherstonehaugh", date_of_birth=date(1985, 3, 27), postcode="sw21aa"
    )

    assert verification.method == Method.REGISTER
    assert verification.ward == wards["brixton"]
    assert ResidentProfile.objects.get(user=resident).ward == wards["brixton"]
    assert AuditEvent.objects.filter(action="verification.register", actor=resident).exists()


def test_details_not_on_the_register_are_refused(extract, resident):
    with pytest.raises(DomainError) as refused:
        services.register_match(user=resident, surname="Okafor", date_of_birth=date(1990, 11, 3), postcode="SE11 4PP")

    assert refused.value.code == "no_match"
    assert not Verification.objects.exists()


def test_a_deleted_extract_verifies_nobody(extract, resident):
    services.register_extracts_expire(now=timezone.now() + timedelta(days=31))

    with pytest.raises(DomainError):
        services.register_match(user=resident, surname="Okafor", date_of_birth=date(1990, 11, 2), postcode="SE11 4PP")


def test_a_second_account_with_the_same_register_entry_is_refused_and_queued_for_officers(extract, resident):
    services.register_match(user=resident, surname="Okafor", date_of_birth=date(1990, 11, 2), postcode="SE11 4PP")
    second = UserFactory()

    with pytest.raises(DomainError) as refused:
        services.register_match(user=second, surname="Okafor", date_of_birth=date(1990, 11, 2), postcode="SE11 4PP")

    assert refused.value.code == "identity_taken"
    assert not Verification.objects.filter(user=second).exists()
    conflict = IdentityConflict.objects.get()
    assert conflict.attempted_by == second
    assert conflict.held_by.user == resident


def test_the_same_resident_matching_again_keeps_one_verification(extract, resident):
    for _ in range(2):
        services.register_match(user=resident, surname="Okafor", date_of_birth=date(1990, 11, 2), postcode="SE11 4PP")

    assert Verification.objects.filter(user=resident).count() == 1


def test_being_told_details_are_already_used_counts_as_a_guess(extract, resident, settings):
    settings.VERIFICATION_GUESSES_PER_ACCOUNT = 1
    services.register_match(user=resident, surname="Okafor", date_of_birth=date(1990, 11, 2), postcode="SE11 4PP")
    prober = UserFactory()
    with pytest.raises(DomainError):
        services.register_match(user=prober, surname="Okafor", date_of_birth=date(1990, 11, 2), postcode="SE11 4PP")

    with pytest.raises(DomainError) as refused:
        services.register_match(
            user=prober, surname="Featherstonehaugh", date_of_birth=date(1985, 3, 27), postcode="SW2 1AA"
        )

    assert refused.value.code == "rate_limited"
