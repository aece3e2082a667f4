"""Assisted and paper ballots for a resident registered in person without an email address: found by
their resident reference, never emailed, their receipt shown to the officer to hand over."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from commissioning import services
from commissioning.models import Ballot, Channel, PaperBatch
from notifications.models import Notification
from tests.factories import CycleFactory, PriorityFactory, UserFactory, WardFactory
from verification.services import resident_without_email_register


@pytest.fixture
def cycle(db):
    cycle = CycleFactory(budget=Decimal(100000))
    for title in ("Library hours", "Youth club"):
        PriorityFactory(cycle=cycle, title=title, estimated_cost=Decimal(30000))
    return cycle


@pytest.fixture
def no_email(officer):
    return resident_without_email_register(
        officer=officer,
        display_name="Mr Adeyemi",
        ward=WardFactory(),
        document="passport",
        surname="Adeyemi",
        date_of_birth=date(1948, 2, 9),
        postcode="SE5 7QX",
    ).user


def _ids(cycle):
    return {p.title: p.pk for p in cycle.priorities.all()}


def _assisted(client, cycle, voter_text, priority):
    return client.post(
        reverse("assisted_ballot", args=[cycle.slug]),
        {"voter": voter_text, "identity_check": "photo_id", "consent": "on", "priority": [priority]},
    )


@pytest.mark.django_db
def test_an_assisted_ballot_by_reference_shows_the_receipt_to_the_officer_and_emails_nobody(
    cycle, officer, no_email, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _assisted(client_for(officer), cycle, no_email.reference_for_print, _ids(cycle)["Youth club"])

    ballot = Ballot.objects.get(voter=no_email)
    assert ballot.channel == Channel.ASSISTED
    page = response.content.decode()
    assert response.status_code == 200
    assert ballot.receipt_code in page and "Youth club" in page
    assert "has no email address, so nothing is sent to them" in page
    assert mail.outbox == []
    assert Notification.objects.get(recipient=no_email).email_state == Notification.EmailState.NO_ADDRESS


@pytest.mark.django_db
def test_the_reference_may_be_typed_in_lower_case_without_the_dash(cycle, officer, no_email, client_for):
    _assisted(client_for(officer), cycle, no_email.resident_reference.lower(), _ids(cycle)["Youth club"])

    assert Ballot.objects.filter(voter=no_email).exists()


@pytest.mark.django_db
def test_an_unknown_reference_is_refused_with_a_clear_message(cycle, officer, no_email, client_for):
    response = _assisted(client_for(officer), cycle, "XXXX-XXXX", _ids(cycle)["Youth club"])

    assert response.status_code == 400
    assert "No account has this email address or resident reference" in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_a_second_assisted_ballot_for_them_is_refused(cycle, officer, no_email, client_for):
    _assisted(client_for(officer), cycle, no_email.resident_reference, _ids(cycle)["Youth club"])

    response = _assisted(client_for(officer), cycle, no_email.resident_reference, _ids(cycle)["Library hours"])

    assert response.status_code == 400
    assert "already voted" in response.content.decode()
    assert Ballot.objects.filter(voter=no_email).count() == 1


@pytest.mark.django_db
def test_their_paper_ballot_is_entered_by_reference_and_counts_without_an_email(
    cycle, officer, no_email, client_for, django_capture_on_commit_callbacks
):
    second = UserFactory(email="olu@example.org", role=Role.OFFICER)
    batch = services.paper_batch_open(
        officer=officer, cycle=cycle, label="Camberwell Library", check_method=PaperBatch.Check.DOUBLE_ENTRY
    )
    entry = {"serial": 12, "voter": no_email.reference_for_print, "priority": [_ids(cycle)["Library hours"]]}

    client_for(officer).post(reverse("paper_batch", args=[batch.pk]), entry)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(second).post(reverse("paper_batch", args=[batch.pk]), entry, follow=True)

    ballot = Ballot.objects.get(voter=no_email)
    assert (ballot.channel, ballot.paper_serial) == (Channel.PAPER, 12)
    assert "Paper 12 is counted." in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_residents_with_an_email_address_still_get_their_receipt_by_email(
    cycle, officer, resident, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _assisted(client_for(officer), cycle, resident.email, _ids(cycle)["Youth club"])

    assert [m.to for m in mail.outbox] == [[resident.email]]
