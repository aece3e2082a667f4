from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and minutes")

    def ready(self) -> None:
        from core.audit import describe_actions

        describe_actions(
            {
                "meeting.scheduled": _("Meeting scheduled"),
                "meeting.agenda_item_added": _("Agenda item added"),
                "meeting.attendance_recorded": _("Attendance recorded"),
                "meeting.interest_declared": _("Interest declared at a meeting"),
                "meeting.minutes_published": _("Minutes published"),
            }
        )
