"""Every questions page × every role, from the URL conf."""

import pytest
from django.urls import reverse

from questions import api_urls, services, urls
from tests.matrix import OFFICERS, PUBLIC, ROLES, SIGNED_IN, check_endpoint, check_page, user_for

PAGES = {
    "question_list": ("get", None, PUBLIC, 200),
    "question_detail": ("get", "published", PUBLIC, 200),
    "question_choose": ("get", None, SIGNED_IN, 200),
    "question_ask": ("get", "subject", SIGNED_IN, 200),
    "my_questions": ("get", None, SIGNED_IN, 200),
    "question_queue": ("get", None, OFFICERS, 200),
    "question_handle": ("get", "published", OFFICERS, 200),
}
ENDPOINTS = {
    "api-question-list": ("get", None, PUBLIC, 200),
    "api-question-counts": ("get", None, PUBLIC, 200),
    "api-question-detail": ("get", "published", PUBLIC, 200),
}


def test_every_questions_url_has_a_row_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)
    assert {p.name for p in api_urls.urlpatterns} == set(ENDPOINTS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_follows_role(request, client_for, asked, administrator, cycle, role, name):
    services.question_moderate(user=administrator, question_id=asked.pk, publish=True)
    method, needs, allowed, status = PAGES[name]
    args = {None: [], "published": [asked.pk], "subject": ["cycle", cycle.pk]}[needs]

    check_page(
        client_for(user_for(request, role)),
        method=method,
        url=reverse(name, args=args),
        role=role,
        allowed=allowed,
        status=status,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_endpoint_access_follows_role(request, asked, administrator, role, name):
    services.question_moderate(user=administrator, question_id=asked.pk, publish=True)
    method, needs, allowed, status = ENDPOINTS[name]
    url = reverse(name, args=[asked.pk] if needs else [])

    check_endpoint(user_for(request, role), method=method, url=url, role=role, allowed=allowed, status=status)
