"""Tiny environment readers that fail loudly.

A mistyped setting should stop the platform at start-up with a message that names the variable,
not surface weeks later as a surprise in production.
"""

import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_parsed(name: str, default: str, parse: Callable[[str], T], expected: str) -> T:
    """Parse a structured value (a URL, say), naming the variable and the expected form on failure."""
    raw = os.environ.get(name, default)
    try:
        return parse(raw)
    except Exception as error:  # noqa: BLE001 - any parser failure is a configuration error
        raise ImproperlyConfigured(f"{name}={raw!r} is not valid: expected {expected} ({error}).") from None
