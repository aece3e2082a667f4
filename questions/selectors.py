from collections import Counter

from django.db.models import QuerySet

from questions.models import Question, ServiceArea, Timeliness


def questions_public() -> QuerySet[Question]:
    return Question.objects.filter(status=Question.Status.PUBLISHED).select_related(
        "cycle", "commission", "decision__commission"
    )


def questions_to_moderate() -> QuerySet[Question]:
    return Question.objects.filter(status=Question.Status.PENDING).select_related("cycle", "commission", "decision")


def questions_to_answer() -> QuerySet[Question]:
    return questions_public().filter(answered_at__isnull=True).order_by("due_on")


def questions_of(user) -> QuerySet[Question]:
    return Question.objects.filter(asked_by=user).select_related("cycle", "commission", "decision__commission")


def timeliness_counts(today=None) -> list[dict]:
    """Per service area: questions awaiting an answer, overdue, answered on time, answered late.

    Every question asked counts except those kept off the public pages by moderation; one still
    awaiting moderation is already on the clock, so it counts as awaiting an answer (or overdue).
    """
    counts: dict[str, Counter] = {area: Counter() for area in ServiceArea.values}
    rows = Question.objects.exclude(status=Question.Status.HIDDEN).only(
        "service_area", "due_on", "answered_at", "status"
    )
    for question in rows.iterator():
        counts[question.service_area][question.timeliness(today)] += 1
    table = []
    for area in ServiceArea:
        c = counts[area.value]
        table.append(
            {"area": area.label, "code": area.value, "total": sum(c.values())}
            | {t.value: c[t.value] for t in Timeliness}
        )
    return table
