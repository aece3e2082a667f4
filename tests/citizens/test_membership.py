import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from citizens import services
from citizens.models import Membership
from core.errors import DomainError
from notifications.models import Notification
from notifications.services import deliver_email
from tests.factories import CooperativeFactory, MembershipFactory, ResidentProfileFactory, WardFactory


def _youth_trust():
    return CooperativeFactory(name="Lambeth Youth Trust", min_age=11, max_age=25)


@pytest.mark.django_db
def test_resident_within_the_age_range_can_apply(resident):
    ResidentProfileFactory(user=resident, year_of_birth=timezone.localdate().year - 17)

    membership = services.membership_apply(user=resident, cooperative=_youth_trust())

    assert membership.status == Membership.Status.PENDING


@pytest.mark.django_db
def test_resident_over_the_age_range_is_told_why_and_nothing_is_saved(resident):
    ResidentProfileFactory(user=resident, year_of_birth=timezone.localdate().year - 40)

    with pytest.raises(DomainError) as refused:
        services.membership_apply(user=resident, cooperative=_youth_trust())

    assert refused.value.message == "Members must be 25 or younger this year."
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_resident_of_another_ward_cannot_join_a_ward_cooperative(resident):
    cooperative = CooperativeFactory()
    cooperative.wards.add(WardFactory(name="Oval", slug="oval"))
    ResidentProfileFactory(user=resident, ward=WardFactory(name="Vauxhall", slug="vauxhall"))

    with pytest.raises(DomainError, match="other wards"):
        services.membership_apply(user=resident, cooperative=cooperative)


@pytest.mark.django_db
def test_approval_numbers_members_in_order_and_emails_them_once(officer, django_capture_on_commit_callbacks):
    cooperative = _youth_trust()
    first, second = MembershipFactory(cooperative=cooperative), MembershipFactory(cooperative=cooperative)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(membership_id=first.pk, officer=officer)
        services.membership_approve(membership_id=second.pk, officer=officer)
    notice = Notification.objects.get(recipient=first.member)
    sent_again = deliver_email(notification_id=notice.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.member_number, second.member_number) == (1, 2)
    assert sent_again is False
    emails = {m.to[0]: m.body for m in mail.outbox}
    assert len(mail.outbox) == 2
    assert "member number is 1" in emails[first.member.email]
    assert "member number is 2" in emails[second.member.email]


@pytest.mark.django_db
def test_no_email_is_sent_until_the_approval_is_committed(officer, django_capture_on_commit_callbacks):
    membership = MembershipFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.membership_approve(membership_id=membership.pk, officer=officer)

    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_rejection_without_a_reason_is_refused_and_changes_nothing(officer):
    membership = MembershipFactory()

    with pytest.raises(DomainError):
        services.membership_reject(membership_id=membership.pk, officer=officer, reason="  ")

    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


@pytest.mark.django_db
def test_officer_approves_from_the_queue_page(client_for, officer):
    membership = MembershipFactory()

    response = client_for(officer).post(reverse("membership_decide", args=[membership.pk]), {"decision": "approve"})

    membership.refresh_from_db()
    assert response.status_code == 302
    assert membership.status == Membership.Status.ACTIVE
    assert membership.decided_by == officer


@pytest.mark.django_db
def test_resident_cannot_approve_a_membership(client_for, resident):
    membership = MembershipFactory()

    response = client_for(resident).post(reverse("membership_decide", args=[membership.pk]), {"decision": "approve"})

    membership.refresh_from_db()
    assert response.status_code == 403
    assert membership.status == Membership.Status.PENDING


@pytest.mark.django_db
def test_profile_form_rejects_an_impossible_year_with_a_message(client_for, resident):
    response = client_for(resident).post(
        reverse("profile_edit"), {"year_of_birth": "3000", "preferred_language": "en-gb"}
    )

    assert response.status_code == 200
    assert "Enter a year between 1900 and" in response.content.decode()


@pytest.mark.django_db
def test_officer_enters_ward_population_and_electorate(client_for, officer):
    oval = WardFactory(name="Oval", slug="oval")

    client_for(officer).post(
        reverse("ward_figures"), {f"population-{oval.pk}": "15000", f"electorate-{oval.pk}": "10000"}
    )

    oval.refresh_from_db()
    assert (oval.population, oval.electorate) == (15000, 10000)


@pytest.mark.django_db
def test_negative_ward_figure_is_refused_and_nothing_changes(client_for, officer):
    oval = WardFactory(name="Oval", slug="oval", population=100)

    response = client_for(officer).post(reverse("ward_figures"), {f"population-{oval.pk}": "-5"})

    oval.refresh_from_db()
    assert "Ensure this value is greater than or equal to 0" in response.content.decode()
    assert oval.population == 100


@pytest.mark.django_db
def test_residents_cannot_change_ward_figures(client_for, resident):
    assert client_for(resident).get(reverse("ward_figures")).status_code == 403


@pytest.mark.django_db
def test_a_resident_who_voted_in_a_ward_cycle_cannot_move_ward_until_it_closes(resident):
    from commissioning import services as voting
    from commissioning.models import Scope
    from tests.factories import CycleFactory, PriorityFactory

    oval, vauxhall = WardFactory(name="Oval", slug="oval"), WardFactory(name="Vauxhall", slug="vauxhall")
    ResidentProfileFactory(user=resident, ward=oval)
    cycle = CycleFactory(title="Greener Oval", scope=Scope.WARDS)
    cycle.wards.add(oval)
    voting.ballot_cast(user=resident, cycle_id=cycle.pk, choices={PriorityFactory(cycle=cycle).pk: 1})

    with pytest.raises(DomainError, match="You have voted in Greener Oval"):
        services.profile_update(user=resident, ward=vauxhall, year_of_birth=1990, preferred_language="en-gb")

    resident.profile.refresh_from_db()
    assert resident.profile.ward == oval
