"""The open council in a real browser: minutes shown overdue until a clerk publishes them, and a
question answered on day 19 of 20 moving the public counts."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from core.workdays import subtract_working_days, working_days_between
from meetings import services as meeting_services
from questions import services as question_services
from questions.models import Question
from tests.factories import PASSWORD, CycleFactory, UserFactory


def _open(new_page, width: int = 1024):
    """A page with more patience than the default 10 s: on a loaded two-core machine the live server's
    first pages (templates compiled, URL conf imported) have taken longer."""
    page = new_page(width)
    page.set_default_timeout(30_000)
    return page


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.django_db(transaction=True)
def test_a_clerk_publishes_minutes_late_and_the_public_page_shows_overdue_until_then(new_page, axe):
    clerk = UserFactory(email="omar@example.org", role=Role.OFFICER, full_name="Omar Clerk")
    held_on = subtract_working_days(timezone.localdate(), 14)
    meeting = meeting_services.meeting_schedule(
        user=clerk,
        kind="commissioning_board",
        title="Youth commissioning board",
        starts_at=timezone.make_aware(datetime.combine(held_on, time(18))),
        location="Lambeth Town Hall",
        clerk=clerk,
    )
    public = _open(new_page, 320)

    public.goto(f"/meetings/{meeting.pk}/")
    public.get_by_text("The minutes are overdue").wait_for()
    assert public.locator('[data-minutes-state="overdue"]').count() == 1
    axe.check(public)
    public.goto("/meetings/")
    assert public.locator('[data-minutes-state="overdue"]').count() == 1

    staff = _open(new_page)
    _sign_in(staff, clerk.email)
    staff.goto("/dashboard/")
    staff.get_by_role("heading", name="Overdue minutes").wait_for()
    staff.get_by_role("link", name="Youth commissioning board").first.click()
    axe.check(staff)
    staff.get_by_label("Minutes", exact=True).fill("The board heard the youth forum and agreed the club.")
    staff.get_by_role("button", name="Publish the minutes").click()
    staff.get_by_text("The minutes have been published.").wait_for()

    public.goto(f"/meetings/{meeting.pk}/")
    public.get_by_text("The board heard the youth forum").wait_for()
    assert public.locator('[data-minutes-state="late"]').count() == 1
    assert public.get_by_text("The minutes are overdue").count() == 0
    axe.check(public)
    assert axe.problems == []


def _count(page, area: str, column: str) -> str:
    return page.locator(f'#question-counts tr[data-area="{area}"] td[data-count="{column}"]').inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_question_answered_on_day_19_of_20_counts_as_on_time_in_public(new_page, axe):
    CycleFactory(title="Youth services 2027", slug="youth-services-2027")
    resident = UserFactory(email="rosa@example.org", role=Role.RESIDENT, full_name="Rosa Resident")
    officer = UserFactory(email="omar@example.org", role=Role.OFFICER, full_name="Omar Officer")
    asker = _open(new_page, 320)
    _sign_in(asker, resident.email)

    asker.goto("/questions/ask/")
    asker.get_by_role("link", name="Youth services 2027").click()
    asker.get_by_label("Which service is it about?").select_option(label="Children and young people")
    asker.get_by_label("Your question in a sentence").fill("When will the youth club open on Sundays?")
    axe.check(asker)
    asker.get_by_role("button", name="Ask the question").click()
    asker.get_by_text("Thank you. Your question will be published").wait_for()
    axe.check(asker)
    question = Question.objects.get()

    staff = _open(new_page)
    _sign_in(staff, officer.email)
    staff.goto("/officer/questions/")
    staff.get_by_role("link", name="When will the youth club open on Sundays?").click()
    axe.check(staff)
    staff.get_by_role("button", name="Publish", exact=True).click()
    staff.get_by_text("The question has been moderated.").wait_for()

    asker.goto("/questions/")
    assert _count(asker, "children_young_people", "open") == "1"
    assert _count(asker, "children_young_people", "on_time") == "0"

    # Move the clock: the question was asked 19 working days ago, so today is day 19 of 20.
    asked = timezone.now() - (timezone.localdate() - subtract_working_days(timezone.localdate(), 19))
    Question.objects.filter(pk=question.pk).update(asked_at=asked, due_on=question_services.answer_due_on(asked))
    moved = Question.objects.get()
    asked_on = timezone.localdate(moved.asked_at)
    assert working_days_between(asked_on, timezone.localdate()) == 19
    assert working_days_between(asked_on, moved.due_on) == 20

    staff.goto(f"/officer/questions/{question.pk}/")
    staff.get_by_label("Answer", exact=True).fill("From March, every Sunday afternoon.")
    staff.get_by_role("button", name="Publish the answer").click()
    staff.get_by_text("The answer has been published.").wait_for()

    asker.goto("/questions/")
    assert _count(asker, "children_young_people", "on_time") == "1"
    assert _count(asker, "children_young_people", "open") == "0"
    assert _count(asker, "children_young_people", "late") == "0"
    axe.check(asker)
    asker.get_by_role("link", name="When will the youth club open on Sundays?").click()
    asker.get_by_text("From March, every Sunday afternoon.").wait_for()
    assert asker.locator('[data-timeliness="on_time"]').count() == 1
    assert "Rosa Resident" not in asker.content()
    assert axe.problems == []
    assert timedelta(0) <= timezone.localdate() - timezone.localdate(Question.objects.get().answered_at)
