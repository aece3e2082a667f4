"""Checks on the translation catalogues, shared by the test suite and the translators' own check.

A translation must say everything its English says and carry the same placeholders, or a page
breaks (a missing %(name)s raises) or silently drops a figure.
"""

from pathlib import Path

import polib

from translations.checks import REVIEW_NOTE, placeholders_differ, tags, tags_differ


def problems(path: Path) -> list[str]:
    """Everything wrong with one catalogue, one line each; an empty list means it is complete."""
    catalogue = polib.pofile(str(path))
    found = []
    if REVIEW_NOTE not in catalogue.header:
        found.append(f"{path}: the header does not say the catalogue is {REVIEW_NOTE}")
    if not catalogue.metadata.get("Language"):
        found.append(f"{path}: no Language in the header")
    if "INTEGER" in catalogue.metadata.get("Plural-Forms", "INTEGER"):
        found.append(f"{path}: no Plural-Forms in the header")
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"{path}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{where} is fuzzy")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(t.strip() for t in translations):
            found.append(f"{where} is not translated")
            continue
        for index, text in enumerate(translations):
            source = entry.msgid_plural if entry.msgid_plural and index > 0 else entry.msgid
            differ = placeholders_differ(msgid=entry.msgid, msgid_plural=entry.msgid_plural, text=text)
            if differ and entry.msgid_plural:
                found.append(f"{where} form {index}: placeholders {differ[1]} differ from {differ[0]}")
            elif differ:
                found.append(f"{where}: placeholders {differ[1]} differ from {differ[0]}")
            if tags_differ(msgid=source, text=text):
                found.append(f"{where}: HTML tags {tags(text)} differ from {tags(source)}")
    return found
