"""Checks on the translation catalogues, shared by the test suite and the translators' own check.

A translation must say everything its English says and carry the same placeholders, or a page
breaks (a missing %(name)s raises) or silently drops a figure.
"""

import os
import shutil
import subprocess
import sys
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
            differ = placeholders_differ(
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                text=text,
                last_form=index == len(translations) - 1,
            )
            if differ and entry.msgid_plural:
                found.append(f"{where} form {index}: placeholders {differ[1]} differ from {differ[0]}")
            elif differ:
                found.append(f"{where}: placeholders {differ[1]} differ from {differ[0]}")
            if tags_differ(msgid=source, text=text):
                found.append(f"{where}: HTML tags {tags(text)} differ from {tags(source)}")
    return found


def marked_strings(root: Path, work: Path) -> set[tuple[str, str]]:
    """Every (msgid, msgid_plural) the code marks for translation: makemessages run over a copy in `work`.

    Needs gettext's xgettext; the copy keeps the real catalogues untouched.
    """
    sources = [*sorted(p.parent.name for p in root.glob("*/apps.py")), "config", "templates"]
    for name in sources:
        shutil.copytree(root / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copy(root / "manage.py", work / "manage.py")
    (work / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "xx", "-e", "html,txt,py", "--no-location"],
        cwd=work,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "PYTHONPATH": str(work)},
    )
    return {(e.msgid, e.msgid_plural) for e in polib.pofile(str(work / "locale/xx/LC_MESSAGES/django.po"))}
