"""API rate limits counted in Redis with one round trip per request.

DRF's throttles keep each caller's request times as a list in the cache: every request reads the
list and writes it back (two round trips, and a minute of timestamps pickled each time). Here each
caller has a counter per window (INCR and EXPIRE, pipelined), so a request costs one round trip. The
price is a fixed window: either side of a window's edge a caller may briefly reach twice the rate.

When the cache is not Redis (the embedded default, the tests) DRF's own counting is used. If Redis
cannot be reached the request is let through, without waiting long for it, and Redis is left alone
for a few seconds: a rate limit protects the service, it must not stop residents voting.
"""

import functools
import logging
from time import monotonic

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry
from rest_framework import throttling

logger = logging.getLogger(__name__)

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
TIMEOUT = settings.REDIS_TIMEOUT  # seconds; Redis answers in well under a millisecond when it is well
PAUSE_AFTER_FAILURE = 10.0  # seconds during which requests are let through without asking Redis
_paused_until = 0.0


@functools.cache
def _redis(location: str) -> redis.Redis:
    return redis.Redis.from_url(
        location, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT, retry=Retry(NoBackoff(), 0)
    )


def _redis_location() -> str | None:
    cache = settings.CACHES["default"]
    return cache["LOCATION"] if cache["BACKEND"] == REDIS_CACHE else None


class FixedWindowMixin:
    def allow_request(self, request, view) -> bool:
        location = _redis_location()
        if location is None or self.rate is None:
            return super().allow_request(request, view)
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        global _paused_until
        if monotonic() < _paused_until:
            return True
        self.now = self.timer()
        counter = f"{key}:{int(self.now // self.duration)}"
        try:
            with _redis(location).pipeline(transaction=False) as pipe:
                count, _ = pipe.incr(counter).expire(counter, self.duration).execute()
        except redis.RedisError:
            logger.warning("Redis unreachable: API rate limits are not counted for %ss", PAUSE_AFTER_FAILURE)
            _paused_until = monotonic() + PAUSE_AFTER_FAILURE
            return True
        return count <= self.num_requests

    def wait(self) -> float:
        if _redis_location() is None:
            return super().wait()
        return self.duration - (self.now % self.duration)


class AnonRateThrottle(FixedWindowMixin, throttling.AnonRateThrottle):
    """DRF's limit for anonymous callers (by address), counted per fixed window."""


class UserRateThrottle(FixedWindowMixin, throttling.UserRateThrottle):
    """DRF's limit for signed-in callers (by account), counted per fixed window."""
