import pytest
from django.urls import reverse
from icalendar import Calendar


@pytest.mark.django_db
def test_the_public_page_shows_overdue_minutes_until_published(client, held_meeting, officer, client_for):
    page = client.get(reverse("meeting_detail", args=[held_meeting.pk]))
    assert 'data-minutes-state="overdue"' in page.content.decode()

    response = client_for(officer).post(
        reverse("meeting_manage", args=[held_meeting.pk]), {"action": "minutes", "minutes": "The board agreed."}
    )
    assert response.status_code == 302

    page = client.get(reverse("meeting_detail", args=[held_meeting.pk])).content.decode()
    assert 'data-minutes-state="late"' in page
    assert "The board agreed." in page


@pytest.mark.django_db
def test_the_calendar_feed_lists_upcoming_meetings_only(client, held_meeting, upcoming_meeting):
    response = client.get(reverse("meeting_calendar"))

    assert response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Youth forum"]
    assert str(events[0]["uid"]) == f"meeting-{upcoming_meeting.pk}@127.0.0.1:8000"


@pytest.mark.django_db
def test_the_clerk_adds_agenda_attendance_and_declarations(client_for, officer, held_meeting, client):
    clerk = client_for(officer)
    url = reverse("meeting_manage", args=[held_meeting.pk])

    clerk.post(url, {"action": "agenda", "title": "Youth club", "paper_title": "Paper", "paper_url": "https://x.org/p"})
    clerk.post(url, {"action": "attendance", "name": "Cllr Chloe", "capacity": "chair", "present": "on"})
    clerk.post(url, {"action": "declaration", "name": "Cllr Chloe", "interest": "Trustee of the youth trust."})

    page = client.get(reverse("meeting_detail", args=[held_meeting.pk])).content.decode()
    assert "Youth club" in page and "Cllr Chloe (Chair)" in page and "Trustee of the youth trust." in page


@pytest.mark.django_db
def test_officers_dashboard_shows_overdue_minutes(client_for, officer, held_meeting):
    page = client_for(officer).get(reverse("dashboard")).content.decode()

    assert "Overdue minutes" in page
    assert "Youth commissioning board" in page
