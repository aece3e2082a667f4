"""Community translators correct strings in the browser; the site uses the correction at once."""

import io

import polib
import pytest
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from core.errors import DomainError
from core.models import AuditEvent
from translations import layer, services
from translations.catalogue import catalogue, entry_key, path_of
from translations.checks import REVIEW_NOTE
from translations.models import Correction

pytestmark = pytest.mark.django_db

CYCLES = entry_key("", "Cycles", "")
WELCOME = entry_key("", "You are a verified resident of %(ward)s.", "")
APPROVED = entry_key("", "%(n)s application approved.", "%(n)s applications approved.")


def _spanish(text: str) -> str:
    with translation.override("es"):
        return translation.gettext(text)


def _correct(person, key: str, *texts: str, language: str = "es") -> Correction:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.correction_save(translator=person, language=language, key=key, texts=list(texts))


def test_a_correction_shows_on_the_page_in_that_language(client, translator):
    _correct(translator, CYCLES, "Convocatorias")

    page = client.get(reverse("cycle_list"), headers={"accept-language": "es"})

    assert ">Convocatorias<" in page.content.decode()
    assert ">Ciclos<" not in page.content.decode()


def test_a_correction_changes_only_its_own_language(client, translator):
    _correct(translator, CYCLES, "Convocatorias")

    with translation.override("pt"):
        assert translation.gettext("Cycles") != "Convocatorias"
    assert "Convocatorias" not in client.get(reverse("cycle_list"), headers={"accept-language": "fr"}).content.decode()


def test_a_plural_correction_is_used_for_each_count(translator):
    _correct(translator, APPROVED, "%(n)s solicitud aceptada.", "%(n)s solicitudes aceptadas.")

    with translation.override("es"):
        one = translation.ngettext("%(n)s application approved.", "%(n)s applications approved.", 1) % {"n": 1}
        many = translation.ngettext("%(n)s application approved.", "%(n)s applications approved.", 3) % {"n": 3}
    assert (one, many) == ("1 solicitud aceptada.", "3 solicitudes aceptadas.")


def test_a_correction_that_drops_a_placeholder_is_refused_and_nothing_changes(translator):
    with pytest.raises(DomainError) as refused:
        _correct(translator, WELCOME, "Ya es residente verificado de su distrito.")

    assert refused.value.code == "placeholders_differ"
    assert "The English has %(ward)s; the translation has none." in refused.value.message
    assert not Correction.objects.exists()
    assert _spanish("You are a verified resident of %(ward)s.") == catalogue("es").by_key[WELCOME].translation


def test_a_correction_with_a_misspelt_placeholder_is_refused(translator):
    with pytest.raises(DomainError) as refused:
        _correct(translator, WELCOME, "Ya es residente verificado de %(distrito)s.")

    assert "The English has %(ward)s; the translation has %(distrito)s." in refused.value.message


def test_a_correction_that_adds_html_is_refused(translator):
    with pytest.raises(DomainError) as refused:
        _correct(translator, CYCLES, "<b>Ciclos</b>")

    assert refused.value.code == "tags_differ"


def test_an_empty_correction_is_refused(translator):
    with pytest.raises(DomainError) as refused:
        _correct(translator, CYCLES, "   ")

    assert refused.value.message == "Enter the translation."


def test_a_plural_correction_needs_every_form_of_the_language(translator):
    with pytest.raises(DomainError):
        _correct(translator, APPROVED, "%(n)s solicitud aceptada.")


def test_each_correction_and_withdrawal_is_audited_with_the_wording_before_and_after(translator):
    _correct(translator, CYCLES, "Convocatorias")
    _correct(translator, CYCLES, "Rondas")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.correction_withdraw(translator=translator, language="es", key=CYCLES)

    events = list(AuditEvent.objects.filter(action__startswith="translation.").order_by("pk"))
    assert [(e.action, e.actor, (e.before or {}).get("text"), (e.after or {}).get("text")) for e in events] == [
        ("translation.corrected", translator, None, "Convocatorias"),
        ("translation.corrected", translator, "Convocatorias", "Rondas"),
        ("translation.withdrawn", translator, "Rondas", None),
    ]


def test_withdrawing_a_correction_brings_back_the_catalogue_translation(translator):
    _correct(translator, CYCLES, "Convocatorias")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.correction_withdraw(translator=translator, language="es", key=CYCLES)

    assert _spanish("Cycles") == "Ciclos"


def test_someone_who_is_not_a_translator_cannot_correct(resident):
    with pytest.raises(DomainError) as refused:
        _correct(resident, CYCLES, "Convocatorias")

    assert refused.value.code == "not_translator"
    assert not Correction.objects.exists()


def test_a_correction_leaves_the_catalogue_file_and_its_review_note_alone(translator):
    before = path_of("es").read_bytes()

    _correct(translator, CYCLES, "Convocatorias")

    assert path_of("es").read_bytes() == before
    assert REVIEW_NOTE in polib.pofile(str(path_of("es"))).header


def test_another_process_takes_up_a_correction_at_its_next_request(client, translator):
    """A process that read the corrections before one was saved elsewhere sees the new revision in the
    shared cache at its next request and reads them again."""
    client.get(reverse("cycle_list"))  # this process has read the corrections: none
    Correction.objects.create(  # as another process's save would leave the database ...
        language="es", key=CYCLES, msgid="Cycles", text="Convocatorias", changed_at="2026-11-30T06:00:00Z"
    )
    assert _spanish("Cycles") == "Ciclos"
    from django.core.cache import cache

    cache.set(layer.REVISION_KEY, "a revision saved by another process")  # ... and the cache

    page = client.get(reverse("cycle_list"), headers={"accept-language": "es"})

    assert ">Convocatorias<" in page.content.decode()


def test_a_new_process_starts_with_the_corrections_in_the_database(client, translator):
    """After a redeploy nothing is in the cache or in memory: the corrections come from the database."""
    Correction.objects.create(
        language="es", key=CYCLES, msgid="Cycles", text="Convocatorias", changed_at="2026-11-30T06:00:00Z"
    )
    layer.reset()
    from django.core.cache import cache

    cache.clear()

    page = client.get(reverse("cycle_list"), headers={"accept-language": "es"})

    assert ">Convocatorias<" in page.content.decode()


@override_settings(TRANSLATION_CORRECTIONS_RECHECK_SECONDS=0.001)
def test_while_the_cache_is_down_a_process_rereads_the_database(client, translator, monkeypatch):
    from django.core.cache import cache

    client.get(reverse("cycle_list"))

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    _correct(translator, CYCLES, "Convocatorias")  # its save cannot tell the others
    layer._state["revision"] = "what another process had"

    page = client.get(reverse("cycle_list"), headers={"accept-language": "es"})

    assert ">Convocatorias<" in page.content.decode()


def test_reviewed_corrections_can_be_written_into_the_catalogue_keeping_its_review_note(translator, tmp_path):
    import shutil

    from django.core.management import call_command

    shutil.copytree(path_of("es").parents[2], tmp_path / "locale")
    _correct(translator, CYCLES, "Convocatorias")
    _correct(translator, APPROVED, "%(n)s solicitud aceptada.", "%(n)s solicitudes aceptadas.")

    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("corrections_to_catalogues", "es", stdout=io.StringIO())

    written = polib.pofile(str(tmp_path / "locale/es/LC_MESSAGES/django.po"))
    compiled = polib.mofile(str(tmp_path / "locale/es/LC_MESSAGES/django.mo"))
    assert written.find("Cycles").msgstr == "Convocatorias"
    assert written.find("%(n)s application approved.").msgstr_plural == {
        0: "%(n)s solicitud aceptada.",
        1: "%(n)s solicitudes aceptadas.",
    }
    assert compiled.find("Cycles").msgstr == "Convocatorias"
    assert REVIEW_NOTE in written.header
