"""Writes for community translators. The editor's views and the admin call these."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.errors import DomainError
from translations import layer
from translations.catalogue import Entry, catalogue
from translations.checks import placeholders_differ, tags_differ
from translations.models import Correction

SNAPSHOT = ["language", "context", "msgid", "msgid_plural", "text", "plural_texts"]


def _listed(items: list[str]) -> str:
    return ", ".join(items) if items else _("none")


def _require_translator(translator) -> None:
    if not translator.has_perm("translations.correct"):
        raise DomainError(_("Only community translators can correct translations."), code="not_translator")


def _entry(*, translator, language: str, key: str) -> Entry:
    _require_translator(translator)
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("The platform is not translated into that language."), code="language_unknown")
    entry = catalogue(language).by_key.get(key)
    if entry is None:
        raise DomainError(
            _("That text is no longer used on the platform, so there is nothing to correct."), code="entry_unknown"
        )
    return entry


def _check(entry: Entry, texts: list[str], *, forms: int) -> None:
    """Refuse a correction that is empty or would break the page: each form must keep the English's
    placeholders and HTML tags."""
    if len(texts) != forms or not all(text.strip() for text in texts):
        raise DomainError(_("Enter the translation."), code="translation_empty", field="text")
    for index, text in enumerate(texts):
        source = entry.msgid_plural if entry.is_plural and index > 0 else entry.msgid
        differ = placeholders_differ(
            msgid=entry.msgid, msgid_plural=entry.msgid_plural, text=text, last_form=index == len(texts) - 1
        )
        if differ:
            raise DomainError(
                _(
                    "The translation must keep the placeholders of the English, which stand for names and "
                    "numbers filled in on the page. The English has %(wanted)s; the translation has %(have)s."
                )
                % {"wanted": _listed(differ[0]), "have": _listed(differ[1])},
                code="placeholders_differ",
                field="text",
            )
        differ = tags_differ(msgid=source, text=text)
        if differ:
            raise DomainError(
                _("The translation must keep the HTML tags of the English: it has %(wanted)s; yours has %(have)s.")
                % {"wanted": _listed(differ[0]), "have": _listed(differ[1])},
                code="tags_differ",
                field="text",
            )


@transaction.atomic
def correction_save(*, translator, language: str, key: str, texts: list[str]) -> Correction:
    """Correct one string of one language: every page and email uses it at once, in every process.

    `texts` is the translation, or for a plural entry one translation per plural form of the language.
    """
    entry = _entry(translator=translator, language=language, key=key)
    forms = catalogue(language).plural_count if entry.is_plural else 1
    _check(entry, texts, forms=forms)
    correction = Correction.objects.select_for_update().filter(language=language, key=key).first()
    before = audit.snapshot(correction, SNAPSHOT)
    correction = correction or Correction(language=language, key=key)
    correction.context = entry.context
    correction.msgid = entry.msgid
    correction.msgid_plural = entry.msgid_plural
    correction.text = "" if entry.is_plural else texts[0]
    correction.plural_texts = list(texts) if entry.is_plural else []
    correction.changed_by = translator
    correction.changed_at = timezone.now()
    correction.save()
    audit.record(
        actor=translator,
        obj=correction,
        action="translation.corrected",
        before=before,
        after=audit.snapshot(correction, SNAPSHOT),
    )
    transaction.on_commit(layer.publish)
    return correction


@transaction.atomic
def correction_withdraw(*, translator, language: str, key: str) -> None:
    """Go back to the catalogue's own translation of one string (also one the catalogue no longer has)."""
    _require_translator(translator)
    correction = Correction.objects.select_for_update().filter(language=language, key=key).first()
    if correction is None:
        raise DomainError(_("That text has no correction to withdraw."), code="no_correction")
    audit.record(
        actor=translator,
        obj=correction,
        action="translation.withdrawn",
        before=audit.snapshot(correction, SNAPSHOT),
        after=None,
    )
    correction.delete()
    transaction.on_commit(layer.publish)
