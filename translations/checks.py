"""What a translation must keep of its English: the placeholders and the HTML tags. No Django import.

Said once, for the catalogue tests (tests/catalogues.py) and for the corrections translators make
in the browser (translations.services): a translation that drops `%(name)s` raises when the page is
drawn, and one that adds a tag breaks the page.
"""

import re

PLACEHOLDER = re.compile(r"%\([a-zA-Z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[a-zA-Z_]\w*\}|\{\{ ?\w+ ?\}\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")
REVIEW_NOTE = "awaiting review by a community translator"
# A language with one plural form uses the plural sentence, and may leave the count implicit.
COUNTS = frozenset({"%(counter)s", "%(count)s", "%(n)s", "{{ counter }}"})


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def tags(text: str) -> list[str]:
    return sorted(TAG.findall(text))


def placeholders_differ(*, msgid: str, msgid_plural: str, text: str) -> tuple[list[str], list[str]] | None:
    """(wanted, have) when `text`, one form of a translation, does not carry the English's placeholders."""
    have = placeholders(text)
    if msgid_plural:
        wanted = set(placeholders(msgid)) | set(placeholders(msgid_plural))
        if (wanted - set(have) - COUNTS) or (set(have) - wanted):
            return sorted(wanted), have
        return None
    wanted = placeholders(msgid)
    return (wanted, have) if have != wanted else None


def tags_differ(*, msgid: str, text: str) -> tuple[list[str], list[str]] | None:
    """(wanted, have) when `text` does not carry the English's HTML tags."""
    wanted, have = tags(msgid), tags(text)
    return (wanted, have) if have != wanted else None
