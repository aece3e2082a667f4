"""Membership at scale: bulk decisions and the roster in constant queries, renewal, lapsing and leaving."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from citizens import services
from citizens.models import Membership, ResidentProfile
from core.models import AuditEvent
from notifications.models import Notification
from tests.factories import CooperativeFactory, MembershipFactory, WardFactory

pytestmark = pytest.mark.django_db


def _applicants(cooperative, n: int, *, status=Membership.Status.PENDING, ward=None, born=2008) -> list[Membership]:
    """Many applicants at once (factories one by one would take minutes for thousands)."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"member{start + i}@example.org", full_name=f"Member {start + i}", password="!") for i in range(n)
    )
    users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))
    ward = ward or WardFactory()
    ResidentProfile.objects.bulk_create(ResidentProfile(user=u, ward=ward, year_of_birth=born) for u in users)
    now = timezone.now()
    active = status == Membership.Status.ACTIVE
    numbered = Membership.objects.filter(cooperative=cooperative).aggregate(n=Max("member_number"))["n"] or 0
    Membership.objects.bulk_create(
        Membership(
            member=u,
            cooperative=cooperative,
            status=status,
            member_number=numbered + i + 1 if active else None,
            joined_at=now if active else None,
            renew_by=timezone.localdate() + timedelta(days=200) if active else None,
        )
        for i, u in enumerate(users)
    )
    return list(Membership.objects.filter(cooperative=cooperative, member__in=users).order_by("pk"))


def test_bulk_approval_of_1200_takes_constant_queries(officer):
    cooperative = CooperativeFactory()
    pending = _applicants(cooperative, 1200)

    with CaptureQueriesContext(connection) as queries:
        decided = services.memberships_decide(
            officer=officer, membership_ids=[m.pk for m in pending], decision="approve"
        )

    assert decided == 1200
    assert len(_round_trips(queries)) <= 12, [q["sql"][:120] for q in queries]


def _round_trips(queries) -> list[str]:
    """The statements sent, counting a write the backend split by its parameter limit once (SQLite sends
    at most 999 parameters a statement, so 1,200 rows are several INSERTs; PostgreSQL sends one)."""
    statements = []
    for query in queries:
        sql = query["sql"]
        shape = sql.split(" VALUES ")[0] if sql.startswith(("INSERT", "UPDATE")) else sql
        if sql.startswith("UPDATE"):
            shape = sql.split(" SET ")[0]
        if not (statements and statements[-1] == shape and sql.startswith(("INSERT", "UPDATE"))):
            statements.append(shape)
    return statements


def test_bulk_approval_numbers_members_without_gaps_after_existing_ones(officer):
    cooperative = CooperativeFactory()
    MembershipFactory(cooperative=cooperative, status="active", member_number=7, joined_at=timezone.now())
    pending = _applicants(cooperative, 3)

    services.memberships_decide(officer=officer, membership_ids=[m.pk for m in pending], decision="approve")

    numbers = list(
        Membership.objects.filter(pk__in=[m.pk for m in pending])
        .order_by("member_number")
        .values_list("member_number", flat=True)
    )
    assert numbers == [8, 9, 10]


def test_bulk_approval_audits_and_tells_each_applicant_their_number(officer):
    cooperative = CooperativeFactory(name="Lambeth Youth Trust")
    pending = _applicants(cooperative, 3)

    services.memberships_decide(officer=officer, membership_ids=[m.pk for m in pending], decision="approve")

    assert AuditEvent.objects.filter(action="membership.approved", actor=officer).count() == 3
    bodies = sorted(Notification.objects.filter(event="membership_decided").values_list("body", flat=True))
    assert all(f"Your member number is {n}." in body for n, body in zip((1, 2, 3), bodies, strict=True))
    assert all("Lambeth Youth Trust" in body for body in bodies)


def test_bulk_rejection_needs_a_reason(officer):
    pending = _applicants(CooperativeFactory(), 2)

    with pytest.raises(Exception) as refused:
        services.memberships_decide(officer=officer, membership_ids=[m.pk for m in pending], decision="reject")

    assert refused.value.code == "reason_required"


def test_bulk_decision_leaves_already_decided_applications_alone(officer):
    cooperative = CooperativeFactory()
    pending = _applicants(cooperative, 2)
    services.membership_reject(membership_id=pending[0].pk, officer=officer, reason="Outside the age range.")

    decided = services.memberships_decide(officer=officer, membership_ids=[m.pk for m in pending], decision="approve")

    assert decided == 1
    assert Membership.objects.get(pk=pending[0].pk).status == Membership.Status.REJECTED


def test_bulk_page_asks_once_then_decides_all_matching(officer, client_for):
    cooperative = CooperativeFactory()
    _applicants(cooperative, 5)
    client = client_for(officer)

    ask = client.post(
        reverse("membership_bulk"), {"decision": "approve", "all_matching": "1", "cooperative": cooperative.slug}
    )
    assert "Approve 5 applications?" in ask.content.decode()
    assert Membership.objects.filter(status="pending").count() == 5
    ids = ask.context["ids"]
    client.post(reverse("membership_bulk"), {"decision": "approve", "ids": ids, "confirmed": "1"})

    assert Membership.objects.filter(status="active").count() == 5


def test_queue_page_with_1200_pending_is_paged_in_constant_queries(officer, client_for, django_assert_max_num_queries):
    _applicants(CooperativeFactory(), 1200)
    client = client_for(officer)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("membership_queue"))

    assert "1200 applications waiting" in response.content.decode()


def test_roster_of_5000_members_in_constant_queries(officer, client_for, django_assert_max_num_queries):
    cooperative = CooperativeFactory()
    _applicants(cooperative, 5000, status=Membership.Status.ACTIVE)
    client = client_for(officer)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("cooperative_roster", args=[cooperative.slug]))

    assert response.status_code == 200
    assert response.context["counts"]["active"] == 5000


def test_roster_searches_by_name(officer, client_for):
    cooperative = CooperativeFactory()
    _applicants(cooperative, 3, status=Membership.Status.ACTIVE)
    wanted = Membership.objects.filter(cooperative=cooperative).select_related("member").last().member

    response = client_for(officer).get(reverse("cooperative_roster", args=[cooperative.slug]), {"q": wanted.full_name})

    assert [m.member for m in response.context["page"].object_list] == [wanted]


def test_roster_filters_by_ward_and_age_band(officer, client_for):
    cooperative = CooperativeFactory()
    ward = WardFactory()
    this_year = timezone.localdate().year
    young = _applicants(cooperative, 2, status=Membership.Status.ACTIVE, ward=ward, born=this_year - 16)
    _applicants(cooperative, 2, status=Membership.Status.ACTIVE, ward=ward, born=this_year - 30)
    _applicants(cooperative, 2, status=Membership.Status.ACTIVE, born=this_year - 16)

    response = client_for(officer).get(
        reverse("cooperative_roster", args=[cooperative.slug]), {"ward": ward.pk, "age_band": "under-18"}
    )

    assert {m.pk for m in response.context["page"].object_list} == {m.pk for m in young}


def test_roster_exports_the_filtered_members_as_csv(officer, client_for):
    cooperative = CooperativeFactory()
    _applicants(cooperative, 3, status=Membership.Status.ACTIVE)
    _applicants(cooperative, 2)

    response = client_for(officer).get(reverse("cooperative_roster_csv", args=[cooperative.slug]), {"status": "active"})

    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("Member number,Name,Email,Status")
    assert len(lines) == 1 + 3


def test_residents_cannot_see_the_roster(resident, client_for):
    cooperative = CooperativeFactory()

    assert client_for(resident).get(reverse("cooperative_roster", args=[cooperative.slug])).status_code == 403
    assert client_for(resident).get(reverse("cooperative_roster_csv", args=[cooperative.slug])).status_code == 403


def test_renewal_sweep_with_the_clock_moved_lapses_exactly_those_who_did_not_renew_once(officer):
    cooperative = CooperativeFactory()
    members = _applicants(cooperative, 4, status=Membership.Status.ACTIVE)
    today = timezone.localdate()
    Membership.objects.filter(pk__in=[m.pk for m in members]).update(renew_by=today + timedelta(days=20))
    renewer = members[0]
    later = today + timedelta(days=21)  # the clock moved past the renewal date

    services.membership_renewals_sweep(today=today)  # reminders first
    services.membership_renew(user=renewer.member, membership_id=renewer.pk)
    first = services.membership_renewals_sweep(today=later)
    second = services.membership_renewals_sweep(today=later)

    lapsed = set(Membership.objects.filter(status="lapsed").values_list("pk", flat=True))
    assert lapsed == {m.pk for m in members[1:]}
    assert (first["lapsed"], second["lapsed"]) == (3, 0)
    told = Notification.objects.filter(event="membership_ended").values_list("recipient_id", flat=True)
    assert sorted(told) == sorted(m.member_id for m in members[1:])
    assert AuditEvent.objects.filter(action="membership.lapsed").count() == 3


def test_members_are_reminded_before_their_renewal_date_once_per_reminder(officer):
    cooperative = CooperativeFactory()
    member = _applicants(cooperative, 1, status=Membership.Status.ACTIVE)[0]
    today = timezone.localdate()
    Membership.objects.filter(pk=member.pk).update(renew_by=today + timedelta(days=25))

    services.membership_renewals_sweep(today=today)
    services.membership_renewals_sweep(today=today + timedelta(days=1))
    services.membership_renewals_sweep(today=today + timedelta(days=20))

    reminders = Notification.objects.filter(recipient_id=member.member_id, event="membership_renewal_due")
    assert reminders.count() == 2  # 30 days before, then 7 days before


def test_renewing_moves_the_date_on_a_year_and_is_audited(officer):
    member = _applicants(CooperativeFactory(), 1, status=Membership.Status.ACTIVE)[0]
    due = timezone.localdate() + timedelta(days=10)
    Membership.objects.filter(pk=member.pk).update(renew_by=due)

    renewed = services.membership_renew(user=member.member, membership_id=member.pk)

    assert renewed.renew_by == services.a_year_from(due)
    assert AuditEvent.objects.filter(action="membership.renewed", object_id=member.pk).exists()


def test_a_member_can_leave_and_keeps_their_number(client_for):
    membership = _applicants(CooperativeFactory(), 1, status=Membership.Status.ACTIVE)[0]

    client_for(membership.member).post(reverse("membership_leave", args=[membership.cooperative.slug]))

    membership.refresh_from_db()
    assert (membership.status, membership.member_number) == (Membership.Status.LEFT, 1)
    assert Notification.objects.filter(recipient=membership.member, event="membership_ended").exists()


def test_approval_sets_the_renewal_date_a_year_ahead(officer):
    membership = _applicants(CooperativeFactory(), 1)[0]

    approved = services.membership_approve(membership_id=membership.pk, officer=officer)

    assert approved.renew_by == services.a_year_from(timezone.localdate())
