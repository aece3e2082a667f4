"""A page in Bengali shows Bengali letters, not empty boxes, in a Chromium with no Bengali font of its
own (Debian's, here): the site's fallback font (static/css/fonts.css) draws them."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

BENGALI = re.compile(r"[\u0980-\u09ff]")


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew an element's text with, and how many glyphs each drew (DevTools' own count)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


@pytest.mark.parametrize("selector", ["h1", ".govuk-body-l", ".app-language-select__current"])
def test_a_page_in_bengali_draws_its_bengali_with_the_bengali_font(new_page, selector):
    page = new_page(360)
    page.goto("/language/bn/?next=/")
    page.locator("html[lang=bn]").wait_for()
    # The page asks for both weights (bold heading, regular text); wait until both are in and drawn.
    page.wait_for_function(
        "[...document.fonts].filter(f => f.family === 'Noto Sans Bengali').every(f => f.status === 'loaded')"
    )
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    text = page.locator(selector).first.inner_text()
    assert len(BENGALI.findall(text)) > 3, text

    drawn = _fonts_drawing(page, selector)

    # Every Bengali character is drawn by Noto Sans Bengali; other fonts draw at most the spaces and
    # punctuation between words. Without the font, Chromium draws each Bengali letter as a box in
    # DejaVu Sans, which would then count more glyphs than there are spaces and punctuation marks.
    others = sum(glyphs for family, glyphs in drawn.items() if family != "Noto Sans Bengali")
    assert drawn.get("Noto Sans Bengali", 0) > 0, drawn
    assert others <= len(BENGALI.sub("", text)), drawn
