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
    return throttling._redis(settings.REDIS_URL)


@pytest.mark.django_db
def test_a_caller_past_the_rate_is_told_to_wait_and_counted_in_redis(limits_in_redis):
    user = UserFactory()
    for leftover in limits_in_redis.scan_iter(f"throttle_user_{user.pk}:*"):  # an earlier run's test database
        limits_in_redis.delete(leftover)
    client = APIClient()
    client.force_authenticate(user)
    url = reverse("api-cycle-ballot", args=[CycleFactory().pk])

    answers = [client.get(url) for _ in range(4)]

    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    assert 0 < int(answers[-1]["Retry-After"]) <= 24 * 3600
    assert [int(limits_in_redis.get(k)) for k in limits_in_redis.scan_iter(f"throttle_user_{user.pk}:*")] == [4]
