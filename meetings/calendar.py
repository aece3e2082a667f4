"""The iCalendar feed of upcoming meetings, built with the `icalendar` library (RFC 5545 folding,
escaping and time zones are its job, not ours)."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from meetings.models import Meeting

DEFAULT_LENGTH = timedelta(hours=2)


def calendar_for(meetings: Iterable[Meeting], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Co-op Commissioning//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH)
        event.add("summary", meeting.title)
        event.add("location", meeting.location)
        event.add("description", str(meeting.get_kind_display()))
        event.add("url", settings.SITE_URL.rstrip("/") + reverse("meeting_detail", args=[meeting.pk]))
        calendar.add_component(event)
    return calendar.to_ical()
