"""The catalogues as shipped (locale/<language>/LC_MESSAGES/django.po), read for the editor.

Read with polib, kept in memory per process and read again when the file changes (a deploy).
Nothing here writes a catalogue: corrections live in the database (translations.models.Correction).
"""

import gettext
import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import to_locale

CONTEXT_SEPARATOR = "\x04"  # how gettext joins a context to its message, in the compiled catalogue too


@dataclass(frozen=True)
class Entry:
    key: str
    context: str
    msgid: str
    msgid_plural: str
    translation: str  # a singular entry's
    plural_translations: tuple[str, ...]  # a plural entry's, by plural form
    places: tuple[str, ...]  # where the code uses it

    @property
    def is_plural(self) -> bool:
        return bool(self.msgid_plural)


@dataclass(frozen=True)
class Catalogue:
    language: str
    header: str
    plural_forms: str
    entries: tuple[Entry, ...]

    @property
    def by_key(self) -> dict[str, Entry]:
        return {entry.key: entry for entry in self.entries}

    @property
    def plural_count(self) -> int:
        found = re.search(r"nplurals\s*=\s*(\d+)", self.plural_forms)
        return int(found.group(1)) if found else 2

    def plural(self) -> Callable[[int], int]:
        """The catalogue's plural rule: which form a count takes."""
        found = re.search(r"plural\s*=\s*([^;]+);?", self.plural_forms)
        return gettext.c2py(found.group(1)) if found else (lambda n: int(n != 1))


def entry_key(context: str, msgid: str, msgid_plural: str) -> str:
    """A short stable name for an entry, the same in every process and language."""
    return hashlib.sha256(f"{context}\x00{msgid}\x00{msgid_plural}".encode()).hexdigest()[:32]


def path_of(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / to_locale(language) / "LC_MESSAGES" / "django.po"


_cache: dict[str, tuple[float, Catalogue]] = {}
_lock = threading.Lock()


def catalogue(language: str) -> Catalogue:
    """One language's catalogue as shipped; an empty one where the language has no file."""
    path = path_of(language)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return Catalogue(language=language, header="", plural_forms="", entries=())
    with _lock:
        cached = _cache.get(language)
        if cached and cached[0] == mtime:
            return cached[1]
        read = _read(language, path)
        _cache[language] = (mtime, read)
        return read


def _read(language: str, path: Path) -> Catalogue:
    po = polib.pofile(str(path))
    entries = []
    for item in po:
        if item.obsolete or not item.msgid:
            continue
        context = item.msgctxt or ""
        plurals = tuple(item.msgstr_plural[i] for i in sorted(item.msgstr_plural)) if item.msgid_plural else ()
        entries.append(
            Entry(
                key=entry_key(context, item.msgid, item.msgid_plural),
                context=context,
                msgid=item.msgid,
                msgid_plural=item.msgid_plural,
                translation=item.msgstr,
                plural_translations=plurals,
                places=tuple(f"{name}:{line}" if line else name for name, line in item.occurrences),
            )
        )
    return Catalogue(
        language=language,
        header=po.header,
        plural_forms=po.metadata.get("Plural-Forms", ""),
        entries=tuple(entries),
    )
