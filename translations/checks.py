"""What a translation must keep of its English: the placeholders and the HTML tags. No Django import.

Said once, for the catalogue tests (tests/catalogues.py) and for the corrections translators make
in the browser (translations.services): a translation that drops `%(name)s` raises when the page is
drawn, and one that adds a tag breaks the page.
"""

import re

PLACEHOLDER = re.compile(r"%\([a-zA-Z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[a-zA-Z_]\w*\}|\{\{ ?\w+ ?\}\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")
REVIEW_NOTE = "awaiting review by a community translator"
# The count itself may be left implicit in any form ("everyone", "the only person who").
COUNTS = frozenset({"%(counter)s", "%(count)s", "%(n)s", "{{ counter }}"})


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def tags(text: str) -> list[str]:
    return sorted(TAG.findall(text))


def placeholders_differ(
    *, msgid: str, msgid_plural: str, text: str, last_form: bool = True
) -> tuple[list[str], list[str]] | None:
    """(wanted, have) when `text`, one form of a translation, does not carry the English's placeholders.

    Of a plural, the last form (the one for most numbers, and the only one where a language has one
    form) says everything; an earlier form, such as a singular, may leave out what the English says
    ("the only person who…" for "the %(n)s people who…"), but never adds a placeholder.
    """
    have = placeholders(text)
    if msgid_plural:
        wanted = set(placeholders(msgid)) | set(placeholders(msgid_plural))
        missing = (wanted - set(have) - COUNTS) if last_form else set()
        if missing or (set(have) - wanted):
            return sorted(wanted), have
        return None
    wanted = placeholders(msgid)
    return (wanted, have) if have != wanted else None


def tags_differ(*, msgid: str, text: str) -> tuple[list[str], list[str]] | None:
    """(wanted, have) when `text` does not carry the English's HTML tags."""
    wanted, have = tags(msgid), tags(text)
    return (wanted, have) if have != wanted else None
