from django.db.models import Count, Prefetch, Q, QuerySet

from governance.models import Decision
from meetings.models import Meeting


def meetings_public() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("cycle", "cooperative").order_by("-starts_at")


def meeting_detail() -> QuerySet[Meeting]:
    return meetings_public().prefetch_related(
        "agenda",
        "attendance",
        "declarations__agenda_item",
        Prefetch("decisions", queryset=Decision.objects.select_related("commission")),
    )


def upcoming_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.upcoming().select_related("cycle", "cooperative")


def overdue_minutes() -> QuerySet[Meeting]:
    return Meeting.objects.minutes_overdue().select_related("clerk", "cycle").order_by("minutes_due_on")


def meetings_for_open_data() -> QuerySet[Meeting]:
    return (
        Meeting.objects.select_related("cycle", "cooperative")
        .annotate(
            agenda_items=Count("agenda", distinct=True),
            present=Count("attendance", filter=Q(attendance__present=True), distinct=True),
            apologies=Count("attendance", filter=Q(attendance__present=False), distinct=True),
            declarations_made=Count("declarations", distinct=True),
        )
        .order_by("pk")
    )
