"""Checks on the translation catalogues, shared by the test suite and the translators' own check.

A translation must say everything its English says and carry the same placeholders, or a page
breaks (a missing %(name)s raises) or silently drops a figure.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

PLACEHOLDER = re.compile(r"%\([a-zA-Z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[a-zA-Z_]\w*\}|\{\{ ?\w+ ?\}\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")
REVIEW_NOTE = "awaiting review by a community translator"


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def tags(text: str) -> list[str]:
    return sorted(TAG.findall(text))


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
            wanted = set(placeholders(source))
            if entry.msgid_plural:
                # The last form (the one for most numbers, and the only one where a language has one form)
                # says everything; an earlier form, such as a singular, may leave its count implicit
                # ("the only person who…"), but never invents a placeholder.
                wanted = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
                have = set(placeholders(text))
                last = index == len(translations) - 1
                missing = (wanted - have - {"%(counter)s", "%(count)s", "%(n)s", "{{ counter }}"}) if last else set()
                if missing or have - wanted:
                    found.append(f"{where} form {index}: placeholders {sorted(have)} differ from {sorted(wanted)}")
            elif placeholders(text) != placeholders(source):
                found.append(f"{where}: placeholders {placeholders(text)} differ from {placeholders(source)}")
            if tags(text) != tags(source):
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
