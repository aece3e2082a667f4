"""Handing work to Celery from a web request, without letting an outage of Redis reach the request.

Whatever a request hands to Celery is already safe in the database (a notice in the outbox, a cycle
waiting to be counted), so a failed hand-off loses nothing: a sweep picks the work up later. What
must not happen is every request paying for the outage. So a hand-off is tried once, with the
short Redis timeouts of the settings, and after a failure this process does not try again for
PAUSE_AFTER_FAILURE seconds (as the API rate limits do in `config.throttling`): during an outage
a request costs a few milliseconds more, not a timeout.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from time import monotonic

from django.utils import timezone

logger = logging.getLogger(__name__)

PAUSE_AFTER_FAILURE = 5.0  # seconds during which this process hands nothing to Celery

_paused_until = 0.0  # time.monotonic() before which hand-offs are skipped
_failing_since: datetime | None = None  # wall-clock time of the first failure of the current outage


def paused() -> bool:
    """True while this process is holding off after a failed hand-off: what it commits now waits."""
    return monotonic() < _paused_until


def failing_since() -> datetime | None:
    """When the hand-offs of this process started failing, if the last one failed or was skipped."""
    return _failing_since


def hand_off(publish: Callable[[], object], what: str) -> bool:
    """Call `publish` (which sends a task) unless held off; True if it was sent.

    Never raises: the caller's work is committed already and must be answered as done.
    """
    global _paused_until, _failing_since
    if paused():
        return False
    try:
        publish()
    except Exception:  # noqa: BLE001 - the broker being down must never fail the user's action
        _paused_until = monotonic() + PAUSE_AFTER_FAILURE
        if _failing_since is None:
            _failing_since = timezone.now()
        logger.warning("Task broker unreachable: %s waits; no hand-offs for %ss", what, PAUSE_AFTER_FAILURE)
        return False
    return True


def recovered() -> datetime | None:
    """Call after a hand-off succeeded: when the outage it ends began (None if there was none)."""
    global _failing_since
    began, _failing_since = _failing_since, None
    return began


def reset() -> None:
    """Forget any outage (tests, and a worker process forked from a web process)."""
    global _paused_until, _failing_since
    _paused_until, _failing_since = 0.0, None
