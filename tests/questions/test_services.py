from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import DomainError
from core.workdays import add_working_days, subtract_working_days
from notifications.models import Notification
from questions import selectors, services
from questions.models import Question, Timeliness


def _asked_working_days_ago(question: Question, days: int) -> None:
    """Move the clock: the question was asked `days` working days ago, with the deadline it had then."""
    asked = timezone.now() - (timezone.localdate() - subtract_working_days(timezone.localdate(), days))
    Question.objects.filter(pk=question.pk).update(asked_at=asked, due_on=services.answer_due_on(asked))


def _counts(area="children_young_people") -> dict:
    return next(row for row in selectors.timeliness_counts() if row["code"] == area)


@pytest.mark.django_db
def test_a_question_is_due_twenty_working_days_after_it_is_asked(asked):
    assert asked.due_on == add_working_days(timezone.localdate(), 20)
    assert asked.status == Question.Status.PENDING
    assert asked.timeliness() == Timeliness.OPEN


@pytest.mark.django_db
def test_answered_on_day_nineteen_of_twenty_counts_as_on_time(asked, officer):
    services.question_moderate(user=officer, question_id=asked.pk, publish=True)
    _asked_working_days_ago(asked, 19)

    services.question_answer(user=officer, question_id=asked.pk, answer="In April.")

    asked.refresh_from_db()
    assert asked.timeliness() == Timeliness.ON_TIME
    assert (_counts()["on_time"], _counts()["late"]) == (1, 0)
    assert Notification.objects.filter(recipient=asked.asked_by, event="question_answered").exists()


@pytest.mark.django_db
def test_answered_on_day_twenty_one_counts_as_late_and_unanswered_as_overdue(asked, officer, resident, cycle):
    services.question_moderate(user=officer, question_id=asked.pk, publish=True)
    _asked_working_days_ago(asked, 21)
    services.question_answer(user=officer, question_id=asked.pk, answer="In April.")
    unanswered = services.question_ask(
        user=resident, subject_kind="cycle", subject_id=cycle.pk, service_area="children_young_people", title="Why?"
    )
    _asked_working_days_ago(unanswered, 25)

    counts = _counts()

    assert (counts["late"], counts["overdue"], counts["on_time"], counts["open"]) == (1, 1, 0, 0)


@pytest.mark.django_db
def test_a_question_kept_off_the_pages_needs_a_reason_and_the_asker_is_told(asked, officer):
    with pytest.raises(DomainError) as no_reason:
        services.question_moderate(user=officer, question_id=asked.pk, publish=False)

    services.question_moderate(
        user=officer, question_id=asked.pk, publish=False, reason="personal_data", note="Please leave out names."
    )

    asked.refresh_from_db()
    assert no_reason.value.message == services.REASON_REQUIRED
    assert asked.status == Question.Status.HIDDEN
    notice = Notification.objects.get(recipient=asked.asked_by, event="question_answered")
    assert "Contains personal information" in notice.body
    assert _counts()["total"] == 0
    assert not selectors.questions_public().exists()


@pytest.mark.django_db
def test_only_published_questions_are_answered_and_answers_are_final(asked, officer):
    with pytest.raises(DomainError) as unpublished:
        services.question_answer(user=officer, question_id=asked.pk, answer="Soon.")
    services.question_moderate(user=officer, question_id=asked.pk, publish=True)
    services.question_answer(user=officer, question_id=asked.pk, answer="Soon.")
    with pytest.raises(DomainError) as again:
        services.question_answer(user=officer, question_id=asked.pk, answer="Later.")

    assert unpublished.value.message == services.NOT_PUBLISHED
    assert again.value.message == services.ALREADY_ANSWERED


@pytest.mark.django_db
def test_nobody_moderates_or_answers_their_own_question(officer, cycle):
    own = services.question_ask(
        user=officer, subject_kind="cycle", subject_id=cycle.pk, service_area="other", title="Mine?"
    )

    with pytest.raises(DomainError) as refused:
        services.question_moderate(user=officer, question_id=own.pk, publish=True)

    assert refused.value.message == services.OWN_QUESTION


@pytest.mark.django_db
def test_questions_are_only_about_the_public_record(resident, db):
    from tests.factories import CommissionFactory, CycleFactory

    draft = CommissionFactory(status="draft")
    hidden_cycle = CycleFactory(is_published=False)

    for kind, pk in (("commission", draft.pk), ("cycle", hidden_cycle.pk), ("nonsense", 1)):
        with pytest.raises(DomainError) as refused:
            services.question_ask(user=resident, subject_kind=kind, subject_id=pk, service_area="other", title="?")
        assert refused.value.message == services.SUBJECT_UNKNOWN


@pytest.mark.django_db
def test_the_database_refuses_a_question_about_two_things(resident, cycle):
    from django.db import IntegrityError

    from tests.factories import CommissionFactory

    with pytest.raises(IntegrityError):
        Question.objects.create(
            asked_by=resident,
            cycle=cycle,
            commission=CommissionFactory(),
            service_area="other",
            title="Both?",
            due_on=timezone.localdate() + timedelta(days=28),
        )
