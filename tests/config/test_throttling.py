from unittest import mock

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from config import throttling
from tests.factories import CycleFactory


@pytest.fixture
def redis_unreachable(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": throttling.REDIS_CACHE, "LOCATION": "redis://127.0.0.1:1/0"}}
    monkeypatch.setattr(throttling, "_paused_until", 0.0)


@pytest.mark.django_db
def test_with_redis_unreachable_the_api_still_answers(redis_unreachable, resident):
    client = APIClient()
    client.force_authenticate(resident)

    response = client.get(reverse("api-cycle-ballot", args=[CycleFactory().pk]))

    assert response.status_code == 404  # "you have not voted", not an error page


@pytest.mark.django_db
def test_after_redis_failed_requests_do_not_wait_for_it_again_at_once(redis_unreachable, resident):
    client = APIClient()
    client.force_authenticate(resident)
    url = reverse("api-cycle-ballot", args=[CycleFactory().pk])
    client.get(url)

    with mock.patch.object(throttling, "_redis", side_effect=AssertionError("asked Redis again")):
        response = client.get(url)

    assert response.status_code == 404
