"""The questions API, read by anyone: published questions and answers, never who asked."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from questions import services


@pytest.mark.django_db
def test_only_published_questions_are_listed_and_never_who_asked(asked, administrator, resident, cycle):
    services.question_ask(
        user=resident, subject_kind="cycle", subject_id=cycle.pk, service_area="housing", title="Still in moderation?"
    )
    services.question_moderate(user=administrator, question_id=asked.pk, publish=True)

    body = APIClient().get(reverse("api-question-list")).json()

    assert [(q["title"], q["subject_kind"], q["subject_id"]) for q in body["results"]] == [
        ("When does the youth club open?", "cycle", cycle.pk)
    ]
    assert resident.email not in str(body) and str(resident) not in str(body)
    assert "asked_by" not in body["results"][0]


@pytest.mark.django_db
def test_an_answer_on_time_shows_in_the_question_and_the_counts(asked, administrator, officer):
    services.question_moderate(user=administrator, question_id=asked.pk, publish=True)
    services.question_answer(user=officer, question_id=asked.pk, answer="In March.")
    client = APIClient()

    question = client.get(reverse("api-question-detail", args=[asked.pk])).json()
    counts = {row["service_area"]: row for row in client.get(reverse("api-question-counts")).json()}

    assert (question["answer"], question["timeliness"]) == ("In March.", "on_time")
    assert counts["children_young_people"] | {"area": ""} == {
        "service_area": "children_young_people", "area": "", "total": 1, "open": 0, "overdue": 0, "on_time": 1,
        "late": 0,
    }  # fmt: skip


@pytest.mark.django_db
def test_a_question_awaiting_moderation_is_not_found(asked):
    response = APIClient().get(reverse("api-question-detail", args=[asked.pk]))

    assert response.status_code == 404
