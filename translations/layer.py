"""The translation layer: translators' corrections laid over the compiled catalogues, in every process.

Django keeps each language's compiled catalogue in memory per process (`trans_real.translation`),
and pages, emails and PDFs all read it through gettext. Each of those in-memory catalogues gets one
more dictionary in front of its own, holding that language's corrections from the database, so a
correction wins wherever the string is drawn and the shipped `.mo` is the fallback.

How a correction reaches every process without a deploy: saving one stores a new revision in the
shared cache (Redis). Every request (CorrectionsMiddleware) and every Celery task (task_prerun)
first compares that revision with the one the process has, which costs one cache read, and reloads
the corrections from the database when they differ. While the cache has no revision (Redis down,
or restarted empty) each process rereads the database every TRANSLATION_CORRECTIONS_RECHECK_SECONDS
instead, and the next save puts a revision back. The corrections are rows in the database, so they survive
a redeploy and a new image, and take effect in a new process before its first page.
"""

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import trans_real

from translations.catalogue import CONTEXT_SEPARATOR, catalogue
from translations.models import Correction

log = logging.getLogger(__name__)

REVISION_KEY = "translations:corrections-revision"
_lock = threading.RLock()
_state: dict = {"revision": None, "overlays": {}, "plurals": {}, "read_at": 0.0}


def refresh() -> None:
    """Bring this process's catalogues up to the corrections' current revision (called per request)."""
    try:
        signalled = cache.get(REVISION_KEY)
        reachable = True
    except Exception:  # a cache outage must not stop the page; the database is asked below
        log.debug("The cache cannot be reached for the corrections' revision", exc_info=True)
        signalled, reachable = None, False
    recheck = settings.TRANSLATION_CORRECTIONS_RECHECK_SECONDS
    # No revision to compare (Redis down, or restarted and so empty): reread now and then instead.
    overdue = bool(recheck) and signalled is None and time.monotonic() - _state["read_at"] >= recheck
    if _state["revision"] is None or (signalled is not None and signalled != _state["revision"]) or overdue:
        revision = _reload()
        if reachable and signalled is None and revision is not None:
            _signal(revision, add=True)
    _install_all()


def refresh_for_task(**_kwargs) -> None:
    """Celery's task_prerun: a worker's emails use the corrections too."""
    refresh()


def publish() -> None:
    """After a correction commits: this process at once, every other one at its next request."""
    revision = _reload()
    _install_all()
    if revision is not None:
        _signal(revision, add=False)


def reset() -> None:
    """Forget every correction in this process (tests: the database they came from was rolled back)."""
    with _lock:
        _state.update(revision=None, overlays={}, plurals={}, read_at=0.0)
        _install_all()


def _signal(revision: str, *, add: bool) -> None:
    try:
        if add:
            cache.add(REVISION_KEY, revision, timeout=None)
        else:
            cache.set(REVISION_KEY, revision, timeout=None)
    except Exception:  # the other processes then find it by rereading the database
        log.warning("Could not tell other processes of a translation correction: no cache", exc_info=True)


def _reload() -> str | None:
    """Read every correction; returns their revision (None if the database could not be read)."""
    try:
        rows = list(
            Correction.objects.order_by("pk").values_list(
                "pk", "changed_at", "language", "context", "msgid", "msgid_plural", "text", "plural_texts"
            )
        )
    except Exception:  # never a broken page for want of corrections: it shows the catalogue's wording
        log.exception("Could not read the translation corrections; the pages keep the ones they had")
        return None
    revision = hashlib.sha256(repr([(pk, changed.isoformat()) for pk, changed, *_rest in rows]).encode()).hexdigest()
    overlays: dict[str, dict] = {code: {} for code, _name in settings.LANGUAGES}
    for _pk, _changed, language, context, msgid, msgid_plural, text, plural_texts in rows:
        if language not in overlays:
            continue
        source = f"{context}{CONTEXT_SEPARATOR}{msgid}" if context else msgid
        if msgid_plural:
            for index, form in enumerate(plural_texts):
                overlays[language][(source, index)] = form
        else:
            overlays[language][source] = text
    with _lock:
        _state["overlays"] = overlays
        _state["plurals"] = {code: catalogue(code).plural() for code in overlays}
        _state["revision"] = revision
        _state["read_at"] = time.monotonic()
    return revision


def _install_all() -> None:
    with _lock:
        for code, _name in settings.LANGUAGES:
            overlay = _state["overlays"].get(code, {})
            plural = _state["plurals"].get(code) or (lambda n: int(n != 1))
            _install(trans_real.translation(code), overlay, plural)


def _install(translation, overlay: dict, plural) -> None:
    """Put `overlay` first among the translation's catalogues, in place of the one put there before."""
    previous = getattr(translation, "_corrections", None)
    if previous is overlay:
        return
    stack = translation._catalog  # django.utils.translation.trans_real.TranslationCatalog
    for index, existing in enumerate(stack._catalogs):
        if existing is previous:
            stack._plurals[index] = plural
            stack._catalogs[index] = overlay
            break
    else:
        stack._plurals.insert(0, plural)
        stack._catalogs.insert(0, overlay)
    translation._corrections = overlay
