from django.contrib import admin

from core.admin import ReadOnlyAdmin
from meetings.models import Meeting


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    """Read-only: meetings, minutes and their deadlines are written by meetings.services, with audit records."""

    list_display = ["title", "kind", "starts_at", "minutes_due_on", "minutes_published_at", "clerk"]
    list_filter = ["kind", "cancelled"]
    search_fields = ["title"]
