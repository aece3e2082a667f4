import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from core.models import AuditEvent
from core.workdays import add_working_days
from meetings import services
from meetings.models import Meeting, MinutesState
from notifications.models import Notification
from tests.factories import CommissionFactory


@pytest.mark.django_db
def test_minutes_are_due_ten_working_days_after_a_board_and_fifteen_after_an_event(held_meeting, upcoming_meeting):
    assert held_meeting.minutes_due_on == add_working_days(timezone.localdate(held_meeting.starts_at), 10)
    assert upcoming_meeting.minutes_due_on == add_working_days(timezone.localdate(upcoming_meeting.starts_at), 15)


@pytest.mark.django_db
def test_unpublished_minutes_past_their_deadline_are_overdue_and_late_once_published(held_meeting, officer):
    assert held_meeting.minutes_state() == MinutesState.OVERDUE
    assert list(Meeting.objects.minutes_overdue()) == [held_meeting]

    services.minutes_publish(user=officer, meeting_id=held_meeting.pk, minutes="Agreed.")

    held_meeting.refresh_from_db()
    assert held_meeting.minutes_state() == MinutesState.LATE
    assert not Meeting.objects.minutes_overdue().exists()
    assert AuditEvent.objects.filter(action="meeting.minutes_published", is_public=True).count() == 1


@pytest.mark.django_db
def test_minutes_published_within_the_deadline_are_on_time(officer):
    meeting = services.meeting_schedule(
        user=officer,
        kind="scrutiny",
        title="Scrutiny",
        starts_at=timezone.now() - timezone.timedelta(hours=2),
        location="Town Hall",
        clerk=officer,
    )

    services.minutes_publish(user=officer, meeting_id=meeting.pk, minutes="Heard.")

    meeting.refresh_from_db()
    assert meeting.minutes_state() == MinutesState.ON_TIME


@pytest.mark.django_db
def test_minutes_are_published_once_and_not_before_the_meeting(held_meeting, upcoming_meeting, officer):
    services.minutes_publish(user=officer, meeting_id=held_meeting.pk, minutes="Agreed.")

    with pytest.raises(DomainError) as again:
        services.minutes_publish(user=officer, meeting_id=held_meeting.pk, minutes="Changed.")
    with pytest.raises(DomainError) as early:
        services.minutes_publish(user=officer, meeting_id=upcoming_meeting.pk, minutes="Not yet.")
    with pytest.raises(DomainError) as empty:
        services.minutes_publish(user=officer, meeting_id=upcoming_meeting.pk, minutes=" ")

    assert again.value.message == services.MINUTES_ALREADY_PUBLISHED
    assert early.value.message == services.MINUTES_BEFORE_MEETING
    assert empty.value.message == services.MINUTES_REQUIRED


@pytest.mark.django_db
def test_decisions_taken_at_a_meeting_are_linked_to_the_decision_log(held_meeting, officer):
    from governance.models import Decision

    commission = CommissionFactory(status="approved")
    decision = Decision.objects.create(
        commission=commission, decision_round=1, result="approved", quorum=1, explanation="One of one approved."
    )

    services.minutes_publish(user=officer, meeting_id=held_meeting.pk, minutes="Approved.", decision_ids=[decision.pk])

    assert list(held_meeting.decisions.all()) == [decision]
    assert list(decision.meetings.all()) == [held_meeting]


@pytest.mark.django_db
def test_the_clerk_is_reminded_of_overdue_minutes_once(held_meeting, upcoming_meeting, officer):
    first = services.remind_overdue_minutes()
    second = services.remind_overdue_minutes()

    assert (first, second) == (1, 0)
    notice = Notification.objects.get(recipient=officer, event="minutes_overdue")
    assert "Youth commissioning board" in notice.subject
    assert notice.url == reverse("meeting_manage", args=[held_meeting.pk])


@pytest.mark.django_db
def test_the_beat_schedule_runs_the_reminder_daily(settings):
    entry = settings.PERIODIC_TASKS["remind-clerks-of-overdue-minutes"]

    assert entry["task"] == "meetings.tasks.remind_overdue_minutes"


@pytest.mark.django_db
def test_a_cooperative_board_needs_its_cooperative(officer):
    with pytest.raises(DomainError) as refused:
        services.meeting_schedule(
            user=officer,
            kind="coop_board",
            title="Board",
            starts_at=timezone.now(),
            location="Hall",
            clerk=officer,
        )

    assert refused.value.code == "coop_board_needs_cooperative"


@pytest.mark.django_db
def test_the_database_refuses_published_minutes_that_are_empty(held_meeting):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=held_meeting.pk).update(minutes_published_at=timezone.now(), minutes="")
