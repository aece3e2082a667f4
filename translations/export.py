"""Write translators' corrections into the catalogue files, to be reviewed and committed.

The corrections already show on the site; this makes them part of the catalogues, so they travel with
the code (and into a fresh database). Run by `manage.py corrections_to_catalogues` on a checkout.
"""

import polib

from translations.catalogue import path_of
from translations.models import Correction


def corrections_to_catalogues(languages: list[str]) -> dict[str, int]:
    """Each language's corrections into its .po (compiled to .mo beside it); returns how many per language.

    A correction whose English the catalogue no longer has is left out. The header is kept as it is,
    its note that the catalogue awaits review by a community translator included.
    """
    written = {}
    for language in languages:
        path = path_of(language)
        corrections = list(Correction.objects.filter(language=language))
        if not corrections or not path.exists():
            written[language] = 0
            continue
        catalogue = polib.pofile(str(path), wrapwidth=79)  # as makemessages wraps, so diffs stay small
        entries = {(e.msgctxt or "", e.msgid, e.msgid_plural): e for e in catalogue if not e.obsolete}
        count = 0
        for correction in corrections:
            entry = entries.get((correction.context, correction.msgid, correction.msgid_plural))
            if entry is None:
                continue
            if correction.msgid_plural:
                entry.msgstr_plural = dict(enumerate(correction.plural_texts))
            else:
                entry.msgstr = correction.text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            count += 1
        catalogue.save(str(path))
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))
        written[language] = count
    return written
