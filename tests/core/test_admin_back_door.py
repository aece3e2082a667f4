"""The admin is a client too: every field a service owns is read-only there, or changed only through an
admin action that calls the service (so the rule holds and the audit record is written)."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.models import Membership
from commissioning.models import Stage
from core.models import AuditEvent
from governance.models import Commission, EvidenceItem, InvolvementActivity
from tests.factories import (
    BallotFactory,
    CommissionFactory,
    CooperativeFactory,
    CycleFactory,
    InvolvementActivityFactory,
    MembershipFactory,
    OutcomeFactory,
    PriorityFactory,
    ResidentProfileFactory,
    UserFactory,
    WardFactory,
)


def _change_form_data(client, url: str) -> dict:
    """What the admin's change form would post back unchanged: every field as the page shows it."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, datetime):
            data[f"{name}_0"], data[f"{name}_1"] = (
                f"{timezone.localtime(value):%Y-%m-%d}",
                f"{timezone.localtime(value):%H:%M:%S}",
            )
        elif isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
    return data


@pytest.mark.django_db
def test_admin_cannot_move_a_cycle_to_another_stage(client_for, administrator):
    cycle = CycleFactory(stage=Stage.ANALYSE, created_by=administrator)
    cycle.outcomes.add(OutcomeFactory())
    client = client_for(administrator)
    url = reverse("admin:commissioning_commissioningcycle_change", args=[cycle.pk])
    data = _change_form_data(client, url) | {"stage": Stage.REVIEW}

    response = client.post(url, data)

    assert response.status_code == 302  # the rest of the form was saved

    cycle.refresh_from_db()
    assert cycle.stage == Stage.ANALYSE
    assert not AuditEvent.objects.filter(action__startswith="cycle.stage").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [("status", Commission.Status.APPROVED), ("quorum", 1), ("title", "Changed behind the record")],
)
def test_admin_cannot_change_a_submitted_commission(client_for, administrator, field, value):
    commission = CommissionFactory(status=Commission.Status.SUBMITTED, quorum=2, title="Youth club")
    url = reverse("admin:governance_commission_change", args=[commission.pk])

    response = client_for(administrator).post(url, {field: value})

    assert response.status_code == 403
    commission.refresh_from_db()
    assert (commission.status, commission.quorum, commission.title) == (
        Commission.Status.SUBMITTED,
        2,
        "Youth club",
    )


@pytest.mark.django_db
def test_admin_form_with_a_mistake_on_an_open_cycle_is_shown_again_not_a_server_error(client_for, administrator):
    cycle = CycleFactory(created_by=administrator, title="Open vote")
    client = client_for(administrator)
    url = reverse("admin:commissioning_commissioningcycle_change", args=[cycle.pk])
    data = _change_form_data(client, url) | {"voting_opens_at_0": "", "voting_opens_at_1": "", "title": ""}

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    cycle.refresh_from_db()
    assert cycle.title == "Open vote"


@pytest.mark.django_db
def test_admin_cannot_change_who_decides_or_which_priorities_a_commission_funds(client_for, administrator):
    councillor = UserFactory(role="councillor")
    commission = CommissionFactory(status=Commission.Status.SUBMITTED)
    commission.deciders.set([councillor])
    priority = PriorityFactory(cycle=commission.cycle, status="accepted")
    url = reverse("admin:governance_commission_change", args=[commission.pk])

    response = client_for(administrator).post(url, {"deciders": [administrator.pk], "priorities": [priority.pk]})

    assert response.status_code == 403
    assert list(commission.deciders.all()) == [councillor]
    assert not commission.priorities.exists()


@pytest.mark.django_db
def test_admin_cannot_add_a_commission_behind_the_services(client_for, administrator):
    response = client_for(administrator).get(reverse("admin:governance_commission_add"))

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("model", [InvolvementActivity, EvidenceItem])
def test_admin_cannot_edit_the_involvement_or_evidence_record(client_for, administrator, model):
    response = client_for(administrator).get(reverse(f"admin:governance_{model._meta.model_name}_add"))

    assert response.status_code == 403


@pytest.mark.django_db
def test_admin_cannot_rewrite_a_logged_involvement_activity(client_for, administrator):
    activity = InvolvementActivityFactory(participant_count=12)
    url = reverse("admin:governance_involvementactivity_change", args=[activity.pk])

    response = client_for(administrator).post(url, {"participant_count": 500})

    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.participant_count == 12


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value", [("status", Membership.Status.ACTIVE), ("member_number", 7), ("decision_reason", "No")]
)
def test_admin_cannot_set_a_membership_status_or_number_by_hand(client_for, administrator, field, value):
    membership = MembershipFactory(status=Membership.Status.PENDING)
    client = client_for(administrator)
    url = reverse("admin:citizens_membership_change", args=[membership.pk])
    data = _change_form_data(client, url) | {field: value}

    response = client.post(url, data)

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    assert membership.member_number is None
    assert membership.decision_reason == ""


@pytest.mark.django_db
def test_admin_approves_memberships_through_the_service_with_an_audit_record(client_for, administrator):
    cooperative = CooperativeFactory()
    MembershipFactory(
        cooperative=cooperative, status=Membership.Status.ACTIVE, member_number=1, joined_at=timezone.now()
    )
    pending = MembershipFactory(cooperative=cooperative, status=Membership.Status.PENDING)

    response = client_for(administrator).post(
        reverse("admin:citizens_membership_changelist"),
        {"action": "approve", "_selected_action": [pending.pk]},
        follow=True,
    )

    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Membership.Status.ACTIVE
    assert pending.member_number == 2
    assert pending.decided_by == administrator
    event = AuditEvent.objects.get(action="membership.approved")
    assert event.actor == administrator
    assert event.after["member_number"] == 2


@pytest.mark.django_db
def test_admin_approval_of_a_decided_membership_is_refused_and_changes_nothing(client_for, administrator):
    rejected = MembershipFactory(status=Membership.Status.REJECTED, decision_reason="Lives outside the borough")

    response = client_for(administrator).post(
        reverse("admin:citizens_membership_changelist"),
        {"action": "approve", "_selected_action": [rejected.pk]},
        follow=True,
    )

    assert "already been decided" in response.content.decode()
    rejected.refresh_from_db()
    assert rejected.status == Membership.Status.REJECTED
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_admin_cannot_add_or_delete_a_membership(client_for, administrator):
    membership = MembershipFactory(status=Membership.Status.ACTIVE, member_number=1, joined_at=timezone.now())
    client = client_for(administrator)

    assert client.get(reverse("admin:citizens_membership_add")).status_code == 403
    assert (
        client.post(reverse("admin:citizens_membership_delete", args=[membership.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_admin_cannot_move_a_resident_to_another_ward(client_for, administrator):
    home, elsewhere = WardFactory(), WardFactory()
    profile = ResidentProfileFactory(ward=home)
    client = client_for(administrator)
    url = reverse("admin:citizens_residentprofile_change", args=[profile.pk])
    data = _change_form_data(client, url) | {"ward": elsewhere.pk}

    response = client.post(url, data)

    assert response.status_code == 302

    profile.refresh_from_db()
    assert profile.ward == home


@pytest.mark.django_db
def test_admin_cannot_change_or_add_ballots(client_for, administrator):
    ballot = BallotFactory()
    client = client_for(administrator)

    assert client.get(reverse("admin:commissioning_ballot_add")).status_code == 403
    client.post(reverse("admin:commissioning_ballot_change", args=[ballot.pk]), {"receipt_code": "CHANGED"})

    ballot.refresh_from_db()
    assert ballot.receipt_code != "CHANGED"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["voter=1", "voter__id__exact=1", "voter__email=rosa@example.org", "voter__pk__in=1,2", "voter__isnull=False"],
)
def test_admin_cannot_list_ballots_by_voter(client_for, administrator, resident, query):
    ballot = BallotFactory(voter=resident)
    other = BallotFactory(cycle=ballot.cycle)

    response = client_for(administrator).get(f"{reverse('admin:commissioning_ballot_changelist')}?{query}")

    assert response.status_code == 400
    assert ballot.receipt_code not in response.content.decode()
    assert other.receipt_code not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ballots__receipt_code=ABC", "ballots__cycle=1", "ballots__isnull=False"])
def test_admin_cannot_find_people_by_their_ballots(client_for, administrator, query):
    response = client_for(administrator).get(f"{reverse('admin:accounts_user_changelist')}?{query}")

    assert response.status_code == 400


@pytest.mark.django_db
def test_admin_ballot_list_searches_receipt_codes_but_never_voters(client_for, administrator, resident):
    ballot = BallotFactory(voter=resident)

    response = client_for(administrator).get(f"{reverse('admin:commissioning_ballot_changelist')}?q={resident.email}")

    assert ballot.receipt_code not in response.content.decode()


@pytest.mark.django_db
def test_admin_cannot_publish_archive_or_move_a_published_cycles_windows(client_for, administrator):
    from datetime import timedelta

    from tests.factories import CycleFactory

    cycle = CycleFactory(
        voting_opens_at=timezone.now() + timedelta(days=2), voting_closes_at=timezone.now() + timedelta(days=9)
    )
    url = reverse("admin:commissioning_commissioningcycle_change", args=[cycle.pk])

    page = client_for(administrator).get(url).content.decode()

    for field in ("is_published", "archived_at", "voting_closes_at", "proposals_open_at"):
        assert f'name="{field}' not in page, field
