"""Every string in every language: the catalogues are complete, carry the English's placeholders, are
compiled, and hold every string the code marks for translation."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

from tests.catalogues import marked_strings, problems

ROOT = Path(settings.BASE_DIR)
CATALOGUED = [code for code, _name in settings.LANGUAGES]  # en-gb too: Django's and allauth's words in British English
# Every app of ours (a top-level folder with an apps.py), the settings and the templates.


def _catalogue(code: str, suffix: str = "po") -> Path:
    return ROOT / "locale" / to_locale(code) / "LC_MESSAGES" / f"django.{suffix}"


def test_the_borough_languages_are_offered():
    assert [code for code, _name in settings.LANGUAGES] == ["en-gb", "es", "pt", "fr", "bn", "tw", "yo"]


@pytest.mark.parametrize("code", CATALOGUED)
def test_catalogue_is_complete_with_the_english_placeholders(code):
    found = problems(_catalogue(code))

    assert not found, "\n".join(found[:40]) + f"\n({len(found)} problems in all)"


@pytest.mark.parametrize("code", CATALOGUED)
def test_compiled_catalogue_matches_its_source(code):
    assert _catalogue(code, "mo").exists(), "run `make messages` to compile the catalogues"
    source = {(e.msgid, e.msgid_plural): e for e in polib.pofile(str(_catalogue(code))) if not e.obsolete}
    compiled = {(e.msgid, e.msgid_plural): e for e in polib.mofile(str(_catalogue(code, "mo")))}

    assert compiled.keys() - {("", "")} == source.keys()
    for key, entry in source.items():
        if entry.msgid_plural:
            assert compiled[key].msgstr_plural == entry.msgstr_plural, key
        else:
            assert compiled[key].msgstr == entry.msgstr, key


def test_catalogues_hold_every_string_the_code_marks(tmp_path):
    """Run makemessages over a copy of the code: a string marked but missing from the catalogues fails."""
    if not shutil.which("xgettext"):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but gettext (xgettext) is not installed")
        pytest.skip("needs gettext (xgettext); CI installs it")
    marked = marked_strings(ROOT, tmp_path)
    for code in CATALOGUED:
        held = {(e.msgid, e.msgid_plural) for e in polib.pofile(str(_catalogue(code))) if not e.obsolete}
        assert sorted(marked - held) == [], f"{code}: run `make messages` and translate the new strings"
