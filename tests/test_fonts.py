"""Bengali, Twi and Yoruba are drawn with real letters, in the PDFs and on machines without the fonts.

The fonts are ours (static/fonts/, subset from Debian's fonts-noto-core by frontend/fonts.sh): PDFs
use them first, pages after the system fonts (static/css/fonts.css)."""

import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from fontTools.ttLib import TTFont
from pypdf import PdfReader

ROOT = Path(settings.BASE_DIR)
FONTS = ROOT / "static" / "fonts"
TWI_AND_YORUBA = "ɛ ɔ Ɛ Ɔ ẹ ọ ṣ Ẹ Ọ Ṣ ǹ ń \u0300 \u0301 \u0323"


def _cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / name).getBestCmap())


def _translated_characters(language: str) -> set[str]:
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in catalogue:
        for text in list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]:
            found |= set(text)
    return found - {"\n", "\t"}


def _css_ranges(family: str) -> set[int]:
    """The code points fonts.css says a family's faces cover (unicode-range)."""
    css = (ROOT / "static" / "css" / "fonts.css").read_text()
    covered = set()
    for face in re.findall(r"@font-face\s*{([^}]*)}", css):
        if f'font-family: "{family}";' not in face:
            continue
        for start, end in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", re.search(r"unicode-range:([^;]*);", face)[1]):
            covered |= set(range(int(start, 16), int(end or start, 16) + 1))
    return covered


def _resource_fonts(resources, names: set[str]) -> None:
    """The fonts a page's resources name, and those of the forms it draws (a stamped letter draws its
    layout, laid out once, as a form)."""
    resources = resources.get_object() if resources is not None else {}
    for font in resources.get("/Font", {}).values():
        names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            _resource_fonts(xobject.get("/Resources"), names)


def _pdf_fonts(pdf: bytes) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        _resource_fonts(page.get("/Resources"), names)
    return names


def test_the_fonts_are_small_woff2_files_with_their_licence():
    files = sorted(p.name for p in FONTS.glob("*.woff2"))

    assert files == [
        "noto-sans-arrows-400.woff2",
        "noto-sans-bengali-400.woff2",
        "noto-sans-bengali-700.woff2",
        "noto-sans-latin-400.woff2",
        "noto-sans-latin-700.woff2",
    ]
    assert all((FONTS / name).stat().st_size < 60_000 for name in files)
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text() or "OFL-1.1" in (FONTS / "OFL.txt").read_text()


@pytest.mark.parametrize("weight", ["400", "700"])
def test_our_noto_sans_has_the_letters_and_tone_marks_of_twi_and_yoruba(weight):
    missing = [c for c in TWI_AND_YORUBA.replace(" ", "") if ord(c) not in _cmap(f"noto-sans-latin-{weight}.woff2")]

    assert missing == []


@pytest.mark.parametrize("language", ["en_GB", "es", "pt", "fr", "bn", "tw", "yo"])
def test_every_character_of_every_translation_is_in_our_fonts_and_their_css(language):
    latin, bengali = _cmap("noto-sans-latin-400.woff2"), _cmap("noto-sans-bengali-400.woff2")
    latin |= _cmap("noto-sans-arrows-400.woff2")
    declared = _css_ranges("Noto Sans") | _css_ranges("Noto Sans Bengali")

    not_in_fonts = sorted(c for c in _translated_characters(language) if ord(c) not in latin | bengali)
    not_declared = sorted(c for c in _translated_characters(language) if ord(c) not in declared)

    assert not_in_fonts == [] and not_declared == []


def test_a_pdf_with_bengali_text_embeds_the_bengali_font():
    from weasyprint import HTML

    from reports.builders import ReportContent

    with translation.override("bn"):
        html = render_to_string(
            "reports/report_pdf.html",
            {"content": ReportContent(title="অংশগ্রহণমূলক বাজেট", subtitle="ব্রিক্সটন"), "LANGUAGE_CODE": "bn"},
        )
    fonts = _pdf_fonts(HTML(string=html).write_pdf())

    assert "Noto-Sans-Bengali" in fonts
    assert "Noto-Sans" in fonts  # the Latin of the page (numbers, the site's name)


def test_a_report_chart_with_bengali_labels_is_drawn_with_the_bengali_font():
    from weasyprint import HTML

    from reports import charts
    from reports.builders import ReportContent

    chart = charts.bar_chart(["ব্রিক্সটন", "স্টকওয়েল"], [3, 5], title="ওয়ার্ড অনুযায়ী ভোটার", unit="জন")
    content = ReportContent(title="Report", sections=[{"heading": "Wards", "chart": chart}])
    html = render_to_string("reports/report_pdf.html", {"content": content})

    assert "Noto-Sans-Bengali" in _pdf_fonts(HTML(string=html).write_pdf())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bn", "yo"])
def test_voting_code_letters_use_our_fonts_whatever_the_server_has(officer, language):
    from tests.factories import WardFactory
    from verification import services
    from verification.letters import letters_pdf

    batch, codes = services.code_batch_create(officer=officer, size=1, language=language, ward=WardFactory())

    fonts = _pdf_fonts(letters_pdf(batch, codes))

    assert ("Noto-Sans-Bengali" in fonts) == (language == "bn")
    assert "Noto-Sans" in fonts
    assert "DejaVu-Sans" not in fonts  # the body text never falls back on the server's own fonts


def test_every_pdf_template_includes_the_shared_fonts():
    """A new PDF template (…_pdf.html) that forgets the fonts would draw Bengali as empty boxes."""
    pdf_templates = [*ROOT.glob("templates/**/*_pdf.html"), ROOT / "templates/verification/letters.html"]

    missing = [
        str(p.relative_to(ROOT))
        for p in pdf_templates
        if '{% include "includes/pdf_fonts.html" %}' not in p.read_text()
    ]

    assert len(pdf_templates) >= 2 and missing == []


def test_the_pdf_fonts_are_handed_to_weasyprint_as_files():
    html = render_to_string("includes/pdf_fonts.html")

    href = re.search(r'href="(file://[^"]+)"', html)[1]
    assert href.endswith("/static/css/fonts.css") and Path(href.removeprefix("file://")).exists()
