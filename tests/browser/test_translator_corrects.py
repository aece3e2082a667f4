"""A community translator corrects a Spanish string in the browser and sees it on the site at once."""

import re

import pytest

from tests.factories import PASSWORD, UserFactory
from translations import layer
from translations.catalogue import entry_key
from translations.groups import translators_group
from translations.models import Correction

CYCLES = entry_key("", "Cycles", "")
WELCOME = entry_key("", "You are a verified resident of %(ward)s.", "")


@pytest.fixture
def translator(db):
    layer.reset()
    person = UserFactory(email="tomas@example.org", display_name="Tomás")
    person.groups.add(translators_group())
    yield person
    layer.reset()


def test_a_translator_corrects_a_spanish_string_and_sees_it_on_the_page(new_page, axe, translator):
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("tomas@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    page.locator('.app-language-select a[hreflang="es"]').click()  # the site in Spanish from here on
    page.locator("html[lang=es]").wait_for()
    navigation = page.locator("#navigation")
    assert navigation.get_by_role("link", name="Ciclos", exact=True).is_visible()

    page.goto("/translate/es/?q=Cycles")
    axe.check(page)
    page.locator(f'a[href="/translate/es/{CYCLES}/"]').click()
    box = page.locator("textarea#id_text")
    assert box.get_attribute("lang") == "es"
    assert box.input_value() == "Ciclos"
    axe.check(page)
    box.fill("Convocatorias")
    page.locator("form [type=submit][name=save]").click()
    page.locator(".govuk-notification-banner--success, .govuk-notification-banner").first.wait_for()

    page.goto("/cycles/")
    assert navigation.get_by_role("link", name="Convocatorias", exact=True).is_visible()
    assert not navigation.get_by_role("link", name="Ciclos", exact=True).count()

    page.goto(f"/translate/es/{WELCOME}/")
    page.locator("textarea#id_text").fill("Ya es residente verificado de su distrito.")
    page.locator("form [type=submit][name=save]").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "%(ward)s" in summary.inner_text()
    axe.check(page)
    assert list(Correction.objects.values_list("text", flat=True)) == ["Convocatorias"]
    assert axe.problems == []
