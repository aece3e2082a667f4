"""Residents' own data (UK GDPR): everything held, as a page and a download; closing the account."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.closure import account_close
from accounts.models import User
from citizens.models import Membership, ResidentProfile
from commissioning import counting, services
from commissioning.models import Ballot, Follow
from core.errors import DomainError
from governance.models import ScrutinyComment
from notifications.models import Notification
from tests.factories import (
    CommissionFactory,
    CycleFactory,
    MembershipFactory,
    PriorityFactory,
    ResidentProfileFactory,
    UserFactory,
    WardFactory,
    verified_resident,
)


@pytest.fixture
def voter(resident):
    ResidentProfileFactory(user=resident, accessibility_needs="Large print")
    verified_resident(resident, method="code")
    cycle = CycleFactory(title="Parks for all")
    priority = PriorityFactory(cycle=cycle, title="Night bus")
    services.ballot_cast(user=resident, cycle_id=cycle.pk, choices={priority.pk: 1})
    return resident


def test_the_download_holds_profile_verification_ballots_and_notices(client_for, voter):
    response = client_for(voter).get(reverse("your_data_json"))

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="your-data.json"'
    assert data["account"]["email"] == voter.email
    assert data["profile"]["accessibility_needs"] == "Large print"
    assert data["verifications"][0]["method"] == "code"
    assert data["ballots"][0]["receipt_code"] == Ballot.objects.get(voter=voter).receipt_code
    assert data["ballots"][0]["choices"] == ["Night bus"]
    assert data["notices"]


def test_the_download_holds_no_identity_hash(client_for, voter):
    content = client_for(voter).get(reverse("your_data_json")).content.decode()

    assert voter.verifications.get().identity not in content
    assert "code:" not in content


def test_the_page_shows_the_same_as_the_download(client_for, voter):
    page = client_for(voter).get(reverse("your_data")).content.decode()

    assert Ballot.objects.get(voter=voter).receipt_code in page
    assert "Night bus" in page


def test_one_residents_data_page_never_shows_anothers_receipt(client_for, voter):
    other = UserFactory()

    page = client_for(other).get(reverse("your_data")).content.decode()

    assert Ballot.objects.get(voter=voter).receipt_code not in page


def test_closing_an_account_erases_personal_data(voter):
    MembershipFactory(member=voter, status=Membership.Status.PENDING)
    Follow.objects.create(user=voter, cycle=CycleFactory())

    account_close(user=voter)

    closed = User.objects.get(pk=voter.pk)
    assert (closed.is_active, closed.full_name, closed.has_usable_password()) == (False, "", False)
    assert closed.email.endswith("@closed.invalid")
    assert not ResidentProfile.objects.filter(user=voter).exists()
    assert not Notification.objects.filter(recipient=voter).exists()
    assert not Follow.objects.filter(user=voter).exists()
    assert Membership.objects.get(member=voter).status == Membership.Status.LAPSED


def test_a_closed_accounts_ballot_still_counts_and_its_receipt_still_finds_it(client_for, voter):
    ballot = Ballot.objects.get(voter=voter)
    account_close(user=voter)
    type(ballot.cycle).objects.filter(pk=ballot.cycle_id).update(
        voting_opens_at=timezone.now() - timedelta(days=8), voting_closes_at=timezone.now() - timedelta(minutes=1)
    )

    result = counting.cycle_count(cycle_id=ballot.cycle_id)
    found = client_for(None).post(reverse("results", args=[ballot.cycle.slug]), {"receipt": ballot.receipt_code})

    assert result.counts["assurance"] == {"code": 1}
    assert found.context["receipt_check"]["found"] is True


def test_a_closed_accounts_comment_stays_under_a_former_resident(voter):
    comment = ScrutinyComment.objects.create(commission=CommissionFactory(), author=voter, body="More buses.")

    account_close(user=voter)

    comment.refresh_from_db()
    assert str(comment.author) == "a former resident"


def test_a_closed_accounts_identity_cannot_verify_a_new_account(resident):
    from datetime import date

    from verification import services as verification_services

    officer = UserFactory(role="officer")
    details = {"surname": "Boateng", "date_of_birth": date(1964, 2, 2), "postcode": "SW9 7AA", "document": "passport"}
    held = verification_services.in_person_verify(officer=officer, user=resident, ward=WardFactory(), **details)
    account_close(user=resident)

    with pytest.raises(DomainError) as refused:
        verification_services.in_person_verify(officer=officer, user=UserFactory(), ward=held.ward, **details)

    assert refused.value.code == "identity_taken"


def test_closing_needs_the_box_ticked(client_for, resident):
    response = client_for(resident).post(reverse("account_close"), {})

    assert response.status_code == 400
    assert User.objects.get(pk=resident.pk).is_active


def test_closing_on_the_page_signs_out_and_erases(client_for, resident):
    client = client_for(resident)

    response = client.post(reverse("account_close"), {"confirm": "yes"})

    assert response.status_code == 302
    assert not User.objects.get(pk=resident.pk).is_active
    assert client.get(reverse("dashboard")).status_code == 302


def test_an_officers_account_is_not_closed_by_its_owner(officer):
    with pytest.raises(DomainError) as refused:
        account_close(user=officer)

    assert refused.value.code == "not_a_resident_account"


def test_the_privacy_notice_names_the_register_retention(client_for, settings):
    settings.REGISTER_RETENTION_DAYS = 60

    page = client_for(None).get(reverse("privacy_notice")).content.decode()

    assert "60 days" in page
