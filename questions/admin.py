from django.contrib import admin

from core.admin import ReadOnlyAdmin
from questions.models import Question


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    """Read-only: asking, moderating and answering are services; an edited answer date would falsify the counts."""

    list_display = ["title", "service_area", "status", "asked_at", "due_on", "answered_at"]
    list_filter = ["status", "service_area"]
    search_fields = ["title"]
