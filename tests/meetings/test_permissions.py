"""Every meetings page × every role, from the URL conf."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from meetings import api_urls, urls
from tests.matrix import OFFICERS, PUBLIC, ROLES, check_endpoint, check_page, user_for

PAGES = {
    "meeting_list": ("get", None, PUBLIC, 200),
    "meeting_calendar": ("get", None, PUBLIC, 200),
    "meeting_detail": ("get", "meeting", PUBLIC, 200),
    "clerk_meetings": ("get", None, OFFICERS, 200),
    "meeting_new": ("get", None, OFFICERS, 200),
    "meeting_manage": ("get", "meeting", OFFICERS, 200),
}
ENDPOINTS = {
    "api-meeting-list": ("get", None, PUBLIC, 200),
    "api-meeting-detail": ("get", "meeting", PUBLIC, 200),
}


def test_every_meetings_url_has_a_row_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)
    assert {p.name for p in api_urls.urlpatterns} == set(ENDPOINTS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_follows_role(request, client_for, held_meeting, role, name):
    method, needs, allowed, status = PAGES[name]
    url = reverse(name, args=[held_meeting.pk] if needs else [])

    check_page(client_for(user_for(request, role)), method=method, url=url, role=role, allowed=allowed, status=status)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_endpoint_access_follows_role(request, held_meeting, role, name):
    method, needs, allowed, status = ENDPOINTS[name]
    url = reverse(name, args=[held_meeting.pk] if needs else [])

    check_endpoint(user_for(request, role), method=method, url=url, role=role, allowed=allowed, status=status)


@pytest.mark.django_db
def test_a_resident_in_the_clerks_group_may_clerk(client_for, resident, held_meeting):
    resident.groups.add(Group.objects.create(name="Clerks"))

    response = client_for(resident).get(reverse("meeting_manage", args=[held_meeting.pk]))

    assert response.status_code == 200
