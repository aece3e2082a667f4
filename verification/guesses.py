"""How many wrong guesses (codes, register details) an account and an address may make: counted in
the cache, one fixed window per hour, so guessing a code or a neighbour's date of birth is hopeless."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from core.errors import DomainError

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


def _counters(user_id: int, ip: str | None) -> list[tuple[str, int]]:
    counters = [(f"verify-guess:user:{user_id}", settings.VERIFICATION_GUESSES_PER_ACCOUNT)]
    if ip:
        counters.append((f"verify-guess:ip:{ip}", settings.VERIFICATION_GUESSES_PER_ADDRESS))
    return counters


def refuse_if_guessing(*, user_id: int, ip: str | None) -> None:
    """Refuse a guess past the limits. With the cache out of reach the limits cannot be counted, so
    nothing is checked until it is back (a guess let through uncounted would undo the limit)."""
    counters = _counters(user_id, ip)
    try:
        counts = cache.get_many([key for key, _limit in counters])
    except RedisError:
        logger.warning("Verification refused: the cache that counts wrong guesses is out of reach")
        raise DomainError(_("Something went wrong on our side. Please try again."), code="checks_unavailable") from None
    if any(counts.get(key, 0) >= limit for key, limit in counters):
        raise DomainError(
            _("Too many attempts that did not match. Wait an hour and try again, or ask an officer to help."),
            code="rate_limited",
        )


def note_wrong_guess(*, user_id: int, ip: str | None) -> None:
    try:
        for key, _limit in _counters(user_id, ip):
            cache.add(key, 0, WINDOW_SECONDS)  # starts the window; a no-op while one is running
            try:
                cache.incr(key)
            except ValueError:  # the window ended between the two calls
                cache.set(key, 1, WINDOW_SECONDS)
    except RedisError:
        logger.warning("A wrong verification guess could not be counted: the cache is out of reach")
