"""The API's rate limits, counted in the real Redis as in production."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from config import throttling
from tests.factories import CycleFactory, UserFactory


@pytest.fixture
def limits_in_redis(settings, monkeypatch):
    """The cache on Redis as in production, and a limit of three a day so no window edge interferes."""
    settings.CACHES = {"default": {"BACKEND": throttling.REDIS_CACHE, "LOCATION": settings.REDIS_URL}}
    monkeypatch.setattr(throttling.UserRateThrottle, "THROTTLE_RATES", {"user": "3/day"})
    monkeypatch.setattr(throttling.AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/day"})
    monkeypatch.setattr(throttling, "_paused_until", 0.0)
    connection = throttling._redis(settings.REDIS_URL)
    for leftover in connection.scan_iter("throttle_*"):  # an earlier run's, whose ids this run reuses
        connection.delete(leftover)
    return connection


@pytest.mark.django_db
def test_a_caller_past_the_rate_is_told_to_wait_and_counted_in_redis(limits_in_redis):
    user = UserFactory()
    client = APIClient()
    client.force_authenticate(user)
    url = reverse("api-cycle-ballot", args=[CycleFactory().pk])

    answers = [client.get(url) for _ in range(4)]

    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    assert 0 < int(answers[-1]["Retry-After"]) <= 24 * 3600
    assert [int(limits_in_redis.get(k)) for k in limits_in_redis.scan_iter(f"throttle_user_{user.pk}:*")] == [4]


@pytest.mark.django_db
def test_anonymous_callers_are_limited_by_address_in_redis(limits_in_redis):
    url = reverse("api-cycle-list")

    answers = [APIClient(REMOTE_ADDR="192.0.2.7").get(url) for _ in range(4)]
    elsewhere = APIClient(REMOTE_ADDR="192.0.2.8").get(url)

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert elsewhere.status_code == 200
