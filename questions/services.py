"""Asking, moderating and answering public questions. The clock starts when the question is asked."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commissioning import selectors as cycle_selectors
from core import audit
from core.errors import DomainError
from core.workdays import add_working_days
from governance import selectors as governance_selectors
from notifications.events import Event
from notifications.services import notify
from questions.models import ModerationReason, Question, ServiceArea

SUBJECT_KINDS = ("cycle", "commission", "decision")

QUESTION_REQUIRED = _("Write your question in a sentence.")
SUBJECT_UNKNOWN = _("Choose the cycle, commission or decision your question is about.")
OWN_QUESTION = _("You cannot moderate or answer your own question.")
NOT_PUBLISHED = _("Only a published question can be answered.")
ALREADY_ANSWERED = _("This question has been answered. Answers are not changed.")
REASON_REQUIRED = _("Choose why the question is not published.")
ANSWER_REQUIRED = _("Write the answer.")
ALREADY_MODERATED = _("This question has already been moderated.")


def public_subjects(kind: str):
    """What a question may be about: the public record only (no drafts, no unpublished cycles)."""
    if kind == "cycle":
        return cycle_selectors.cycles_public()
    if kind == "commission":
        return governance_selectors.commissions_public()
    if kind == "decision":
        return governance_selectors.decision_log()
    return None


def _public_subject(kind: str, subject_id: int):
    queryset = public_subjects(kind)
    return None if queryset is None else queryset.filter(pk=subject_id).first()


def answer_due_on(asked_at: datetime):
    return add_working_days(timezone.localdate(asked_at), settings.QUESTIONS_ANSWER_WORKING_DAYS)


@transaction.atomic
def question_ask(
    *, user, subject_kind: str, subject_id: int, service_area: str, title: str, body: str = ""
) -> Question:
    subject = _public_subject(subject_kind, subject_id)
    if subject is None:
        raise DomainError(SUBJECT_UNKNOWN, code="question_subject_unknown", field="subject")
    if not title.strip():
        raise DomainError(QUESTION_REQUIRED, code="question_required", field="title")
    if service_area not in ServiceArea.values:
        raise DomainError(_("Choose a service area."), code="service_area_unknown", field="service_area")
    now = timezone.now()
    question = Question.objects.create(
        asked_by=user,
        service_area=service_area,
        title=title.strip(),
        body=body.strip(),
        asked_at=now,
        due_on=answer_due_on(now),
        **{subject_kind: subject},
    )
    audit.record(actor=user, obj=question, action="question.asked", after=audit.snapshot(question, ["title", "due_on"]))
    return question


def _tell_asker(question: Question) -> None:
    notify(
        event=Event.QUESTION_ANSWERED,
        recipient_ids=[question.asked_by_id],
        key=f"question:{question.pk}:{question.status}:{'answered' if question.answer else 'moderated'}",
        context={"question": question},
        url=reverse("question_detail", args=[question.pk]) if question.status == Question.Status.PUBLISHED else "",
    )


@transaction.atomic
def question_moderate(*, user, question_id: int, publish: bool, reason: str = "", note: str = "") -> Question:
    """Publish a question, or keep it off the public pages for a stated reason the asker is told."""
    question = Question.objects.select_for_update().get(pk=question_id)
    if question.asked_by_id == user.pk:
        raise DomainError(OWN_QUESTION, code="own_question")
    if question.answered_at is not None:
        raise DomainError(ALREADY_ANSWERED, code="question_answered")
    if not publish and reason not in ModerationReason.values:
        raise DomainError(REASON_REQUIRED, code="moderation_reason_required", field="reason")
    before = audit.snapshot(question, ["status", "moderation_reason"])
    question.status = Question.Status.PUBLISHED if publish else Question.Status.HIDDEN
    question.moderation_reason = "" if publish else reason
    question.moderation_note = "" if publish else note.strip()
    question.moderated_by, question.moderated_at = user, timezone.now()
    question.save()
    audit.record(
        actor=user,
        obj=question,
        action="question.published" if publish else "question.hidden",
        before=before,
        after=audit.snapshot(question, ["status", "moderation_reason"]),
    )
    if not publish:
        _tell_asker(question)
    return question


@transaction.atomic
def question_answer(*, user, question_id: int, answer: str) -> Question:
    question = Question.objects.select_for_update().get(pk=question_id)
    if question.asked_by_id == user.pk:
        raise DomainError(OWN_QUESTION, code="own_question")
    if question.status != Question.Status.PUBLISHED:
        raise DomainError(NOT_PUBLISHED, code="question_not_published")
    if question.answered_at is not None:
        raise DomainError(ALREADY_ANSWERED, code="question_answered")
    if not answer.strip():
        raise DomainError(ANSWER_REQUIRED, code="answer_required", field="answer")
    question.answer, question.answered_by, question.answered_at = answer.strip(), user, timezone.now()
    question.save()
    audit.record(
        actor=user,
        obj=question,
        action="question.answered",
        after={"answered_at": question.answered_at.isoformat(), "timeliness": question.timeliness()},
    )
    _tell_asker(question)
    return question
