"""Reads for the translators' editor: the catalogue's entries with any correction laid over them."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language_info

from translations.catalogue import Entry, catalogue
from translations.models import Correction


@dataclass(frozen=True)
class Row:
    entry: Entry
    correction: Correction | None

    @property
    def current(self) -> str:
        """What the site shows now (a plural entry: its first form)."""
        if self.correction is not None:
            return self.correction.plural_texts[0] if self.entry.is_plural else self.correction.text
        return self.entry.plural_translations[0] if self.entry.is_plural else self.entry.translation


def languages() -> list[dict]:
    """Each language with its name in itself and how many of its strings translators have corrected."""
    counts = {code: 0 for code, _name in settings.LANGUAGES}
    for language in Correction.objects.values_list("language", flat=True):
        counts[language] = counts.get(language, 0) + 1
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "corrected": counts[code],
            "entries": len(catalogue(code).entries),
        }
        for code, _name in settings.LANGUAGES
    ]


def rows(language: str, *, search: str = "", corrected_only: bool = False) -> list[Row]:
    """The entries of a language's catalogue, those matching `search` (in the English or the translation)."""
    corrections = {c.key: c for c in Correction.objects.filter(language=language).select_related("changed_by")}
    found = []
    needle = search.strip().casefold()
    for entry in catalogue(language).entries:
        row = Row(entry=entry, correction=corrections.get(entry.key))
        if corrected_only and row.correction is None:
            continue
        if needle and not any(
            needle in text.casefold()
            for text in (entry.msgid, entry.msgid_plural, row.current, *entry.plural_translations)
        ):
            continue
        found.append(row)
    return found


def row(language: str, key: str) -> Row | None:
    entry = catalogue(language).by_key.get(key)
    if entry is None:
        return None
    return Row(entry=entry, correction=Correction.objects.filter(language=language, key=key).first())


def stale_corrections(language: str) -> list[Correction]:
    """Corrections of strings the catalogue no longer has (the English changed): they show nowhere."""
    keys = catalogue(language).by_key.keys()
    return [c for c in Correction.objects.filter(language=language) if c.key not in keys]
