"""Reasons a resident may not move ward right now, supplied by the apps above that know of them.

A ward decides which ward cycles someone may vote in, so an app that runs ward votes registers a
check (from its AppConfig.ready); citizens asks them all before a move, without importing them.
"""

from collections.abc import Callable

WardLock = Callable[[object, object], str | None]
_locks: list[WardLock] = []


def register_ward_lock(lock: WardLock) -> None:
    """`lock(user, ward)` returns why that person cannot move to `ward` (a Ward or None) now, or None."""
    if lock not in _locks:
        _locks.append(lock)


def ward_change_refusal(user, ward=None) -> str | None:
    for lock in _locks:
        reason = lock(user, ward)
        if reason:
            return reason
    return None
