"""The meetings API, read by anyone: what the public page shows, as data."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from meetings import services


@pytest.mark.django_db
def test_the_list_says_minutes_are_overdue_until_published(held_meeting, officer):
    client = APIClient()

    before = client.get(reverse("api-meeting-list")).json()["results"]
    services.minutes_publish(user=officer, meeting_id=held_meeting.pk, minutes="The board agreed the plan.")
    after = client.get(reverse("api-meeting-list")).json()["results"]

    assert [(m["title"], m["minutes_state"]) for m in before] == [("Youth commissioning board", "overdue")]
    assert [(m["title"], m["minutes_state"]) for m in after] == [("Youth commissioning board", "late")]


@pytest.mark.django_db
def test_the_detail_shows_agenda_attendance_and_declarations_but_not_unpublished_minutes(held_meeting, officer):
    services.agenda_item_add(
        user=officer, meeting_id=held_meeting.pk, title="Youth club tender", paper_title="Tender report",
        paper_url="https://example.org/papers/1.pdf",
    )  # fmt: skip
    services.attendance_record(
        user=officer, meeting_id=held_meeting.pk, name="Cllr Ada Obi", capacity="chair", present=True
    )
    services.meeting_declaration_record(
        user=officer, meeting_id=held_meeting.pk, name="Cllr Ada Obi", interest="Trustee of the youth trust."
    )
    type(held_meeting).objects.filter(pk=held_meeting.pk).update(minutes="A draft nobody has approved.")

    body = APIClient().get(reverse("api-meeting-detail", args=[held_meeting.pk])).json()

    assert [(i["position"], i["title"], i["paper_title"]) for i in body["agenda"]] == [
        (1, "Youth club tender", "Tender report")
    ]
    assert body["attendance"] == [{"name": "Cllr Ada Obi", "capacity": "chair", "present": True}]
    assert body["declarations"][0]["interest"] == "Trustee of the youth trust."
    assert body["minutes"] == ""


@pytest.mark.django_db
def test_an_unknown_meeting_is_not_found():
    response = APIClient().get(reverse("api-meeting-detail", args=[999_999]))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
