import pytest
from django.urls import reverse

from questions.models import Question


@pytest.mark.django_db
def test_a_resident_asks_and_an_officer_answers_through_the_pages(client_for, resident, officer, cycle, client):
    response = client_for(resident).post(
        reverse("question_ask", args=["cycle", cycle.pk]),
        {"service_area": "children_young_people", "title": "Is it free?", "body": ""},
    )
    question = Question.objects.get()
    assert response.status_code == 302
    staff = client_for(officer)
    staff.post(reverse("question_handle", args=[question.pk]), {"action": "publish"})
    staff.post(reverse("question_handle", args=[question.pk]), {"action": "answer", "answer": "Yes, always."})

    page = client.get(reverse("question_list")).content.decode()
    detail = client.get(reverse("question_detail", args=[question.pk])).content.decode()

    assert "Is it free?" in page and 'data-timeliness="on_time"' in page
    assert "Yes, always." in detail
    assert resident.email not in page + detail and resident.full_name not in page + detail


@pytest.mark.django_db
def test_hiding_without_a_reason_is_refused_on_the_page(client_for, officer, asked):
    response = client_for(officer).post(reverse("question_handle", args=[asked.pk]), {"action": "hide"})

    assert response.status_code == 400
    assert "Choose why the question is not published." in response.content.decode()
