"""Every write to a meeting: scheduling, agenda, attendance, declarations, minutes; and the reminder."""

from datetime import date, datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import audit
from core.errors import DomainError
from core.workdays import add_working_days
from governance.models import Decision
from meetings.models import (
    MINUTES_DEADLINE_WORKING_DAYS,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingDeclaration,
    MeetingKind,
)
from notifications.events import Event
from notifications.models import Notification
from notifications.services import notify

MINUTES_ALREADY_PUBLISHED = _("These minutes are published. Published minutes are not changed.")
MINUTES_BEFORE_MEETING = _("Minutes can be published only once the meeting has started.")
MINUTES_REQUIRED = _("Write the minutes.")


def minutes_due_on(kind: str, starts_at: datetime) -> date:
    return add_working_days(timezone.localdate(starts_at), MINUTES_DEADLINE_WORKING_DAYS[MeetingKind(kind)])


@transaction.atomic
def meeting_schedule(
    *,
    user,
    kind: str,
    title: str,
    starts_at: datetime,
    location: str,
    clerk,
    ends_at: datetime | None = None,
    cycle=None,
    cooperative=None,
) -> Meeting:
    if ends_at is not None and ends_at < starts_at:
        raise DomainError(_("The meeting must end after it starts."), code="meeting_ends_before_start", field="ends_at")
    if kind == MeetingKind.COOP_BOARD and cooperative is None:
        raise DomainError(
            _("Choose the co-operative whose board meets."), code="coop_board_needs_cooperative", field="cooperative"
        )
    meeting = Meeting.objects.create(
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        cycle=cycle,
        cooperative=cooperative,
        clerk=clerk,
        minutes_due_on=minutes_due_on(kind, starts_at),
        created_by=user,
    )
    audit.record(
        actor=user, obj=meeting, context=cycle, action="meeting.scheduled", after=audit.snapshot(meeting), public=True
    )
    return meeting


def _meeting_locked(meeting_id: int) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting_id)


@transaction.atomic
def agenda_item_add(
    *, user, meeting_id: int, title: str, summary: str = "", paper_title: str = "", paper_url: str = ""
):
    meeting = _meeting_locked(meeting_id)
    if paper_url and not paper_title.strip():
        raise DomainError(_("Give the paper a title."), code="paper_needs_title", field="paper_title")
    position = (meeting.agenda.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title.strip(),
        summary=summary.strip(),
        paper_title=paper_title.strip(),
        paper_url=paper_url,
    )
    audit.record(actor=user, obj=item, context=meeting.cycle, action="meeting.agenda_item_added", public=True)
    return item


@transaction.atomic
def attendance_record(*, user, meeting_id: int, name: str, capacity: str, present: bool) -> Attendance:
    meeting = _meeting_locked(meeting_id)
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting, name=name.strip(), defaults={"capacity": capacity, "present": present}
    )
    audit.record(
        actor=user,
        obj=attendance,
        context=meeting.cycle,
        action="meeting.attendance_recorded",
        after=audit.snapshot(attendance),
    )
    return attendance


@transaction.atomic
def meeting_declaration_record(
    *, user, meeting_id: int, name: str, interest: str, agenda_item_id: int | None = None
) -> MeetingDeclaration:
    meeting = _meeting_locked(meeting_id)
    if not interest.strip():
        raise DomainError(_("Describe the interest."), code="interest_required", field="interest")
    item = meeting.agenda.filter(pk=agenda_item_id).first() if agenda_item_id else None
    declaration = MeetingDeclaration.objects.create(
        meeting=meeting, agenda_item=item, name=name.strip(), interest=interest.strip()
    )
    audit.record(actor=user, obj=declaration, context=meeting.cycle, action="meeting.interest_declared", public=True)
    return declaration


@transaction.atomic
def minutes_publish(*, user, meeting_id: int, minutes: str, decision_ids: list[int] | None = None) -> Meeting:
    """Publish the minutes once, with the decisions taken at the meeting linked to the decision log."""
    meeting = _meeting_locked(meeting_id)
    if meeting.minutes_published_at is not None:
        raise DomainError(MINUTES_ALREADY_PUBLISHED, code="minutes_already_published")
    if not minutes.strip():
        raise DomainError(MINUTES_REQUIRED, code="minutes_required", field="minutes")
    now = timezone.now()
    if meeting.starts_at > now:
        raise DomainError(MINUTES_BEFORE_MEETING, code="minutes_before_meeting")
    meeting.minutes, meeting.minutes_published_at = minutes.strip(), now
    meeting.save(update_fields=["minutes", "minutes_published_at"])
    if decision_ids:
        meeting.decisions.set(Decision.objects.filter(pk__in=decision_ids))
    audit.record(
        actor=user,
        obj=meeting,
        context=meeting.cycle,
        action="meeting.minutes_published",
        after={"minutes_published_at": now.isoformat(), "state": meeting.minutes_state(), "decisions": decision_ids},
        public=True,
    )
    return meeting


def remind_overdue_minutes(*, today: date | None = None) -> int:
    """Tell each clerk once per overdue meeting (the key holds the due date, so a re-run says nothing new)."""
    told = 0
    for meeting in Meeting.objects.minutes_overdue(today).select_related("clerk").iterator():
        key = f"minutes_overdue:{meeting.pk}:{meeting.minutes_due_on.isoformat()}"
        if Notification.objects.filter(dedupe_key=key).exists():
            continue
        with transaction.atomic():
            told += notify(
                event=Event.MINUTES_OVERDUE,
                recipient_ids=[meeting.clerk_id],
                key=key,
                context={"meeting": meeting},
                url=reverse("meeting_manage", args=[meeting.pk]),
            )
    return told
