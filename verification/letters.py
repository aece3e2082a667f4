"""Voting-code letters as PDF: one A4 page a code, in the batch's language, large print if asked.

WeasyPrint lays out about one page a second here, far too slow for a borough-wide print run, so a
batch's letter is laid out **once** (its language, its ward or co-operative, large print or not) with
an empty box where the code goes, and each code is then stamped into copies of that page with pypdf:
the laid-out page becomes one form XObject in each output file, and every letter is a page that
draws it and writes its code on top (a content stream of about a hundred bytes). So a file of 5,000
letters holds the layout once, not 5,000 times, and stamping is about a millisecond a letter.

The code is set in Courier Bold, one of the 14 fonts every PDF reader and printer has, so nothing is
embedded per letter; its width is known exactly (monospace), and the box is sized to fit it.
Codes exist in the clear only while their letters are made (see `services.print_run_step`).
"""

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from verification.identity import CODE_LENGTH, code_for_letter
from verification.models import VotingCodeBatch

CHUNK = 500
CODE_ANCHOR = "voting-code"
CODE_FONT = "/Courier-Bold"
COURIER_ADVANCE = 0.6  # every Courier glyph is 600/1000 of an em wide
CODE_TRACKING = 2.0  # points between characters
CSS_PX_IN_PT = 0.75  # WeasyPrint places boxes in CSS pixels (1/96 in); PDF counts points (1/72 in)


@dataclass(frozen=True)
class CodeBox:
    """Where the code goes, in points; `font_size` 24 pt, or 34 pt in large print."""

    font_size: float
    border: float = 2.25
    padding: float = 9.0

    @property
    def text_width(self) -> float:
        chars = len(code_for_letter("X" * CODE_LENGTH))
        return chars * COURIER_ADVANCE * self.font_size + (chars - 1) * CODE_TRACKING

    @property
    def width(self) -> float:
        return round(self.text_width + 2, 2)

    @property
    def height(self) -> float:
        return round(self.font_size * 1.2, 2)


@dataclass(frozen=True)
class Layout:
    """A batch's letter laid out once, with where to write each code (PDF coordinates, from the bottom left)."""

    pdf: bytes
    code_x: float
    code_y: float
    box: CodeBox


def code_box(batch: VotingCodeBatch) -> CodeBox:
    return CodeBox(font_size=34.0 if batch.large_print else 24.0)


def letters_html(batch: VotingCodeBatch) -> str:
    with translation.override(batch.language):
        return render_to_string(
            "verification/letters.html",
            {
                "batch": batch,
                "box": code_box(batch),
                "site_url": settings.SITE_URL,
                "made_on": timezone.localdate(),
                "LANGUAGE_CODE": batch.language,
            },
        )


def letter_layout(batch: VotingCodeBatch) -> Layout:
    """The one WeasyPrint render of a batch: its letter with an empty code box."""
    from weasyprint import HTML

    document = HTML(string=letters_html(batch)).render()
    if len(document.pages) != 1:
        raise ValueError("a voting-code letter must fit on one page")
    page = document.pages[0]
    left, top = page.anchors[CODE_ANCHOR][:2]  # the box's border edge, in CSS pixels from the top left
    box = code_box(batch)
    inset = box.border + box.padding
    code_x = left * CSS_PX_IN_PT + inset + 1
    # The baseline sits a little above the bottom of the box: Courier's descent is about a fifth of an em.
    baseline_from_top = top * CSS_PX_IN_PT + inset + box.height - 0.25 * box.font_size
    page_height = page.height * CSS_PX_IN_PT
    return Layout(pdf=document.write_pdf(), code_x=code_x, code_y=page_height - baseline_from_top, box=box)


def _letter_content(layout: Layout, code: str) -> bytes:
    """Draw the laid-out letter, then its code. Codes are letters, digits and hyphens only: no escaping."""
    text = code_for_letter(code)
    if not text.replace("-", "").isalnum() or not text.isascii():
        raise ValueError("not a voting code")
    return (
        f"q /Letter Do Q BT /Code {layout.box.font_size:g} Tf {CODE_TRACKING:g} Tc "
        f"{layout.code_x:.2f} {layout.code_y:.2f} Td ({text}) Tj ET"
    ).encode("ascii")


def letters_write(layout: Layout, codes: Iterable[str], out: BinaryIO) -> int:
    """One PDF of the given codes' letters written to `out`; returns the number of letters."""
    template = PdfReader(io.BytesIO(layout.pdf)).pages[0]
    writer = PdfWriter()
    form = DecodedStreamObject()
    form.set_data(template.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): template.mediabox,
            NameObject("/Resources"): template["/Resources"].get_object().clone(writer),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(CODE_FONT),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    letter = writer._add_object(form.flate_encode())  # the layout, once in the file
    resources = writer._add_object(  # shared by every page of the file
        DictionaryObject(
            {
                NameObject("/XObject"): DictionaryObject({NameObject("/Letter"): letter}),
                NameObject("/Font"): DictionaryObject({NameObject("/Code"): writer._add_object(font)}),
            }
        )
    )
    width, height = float(template.mediabox.width), float(template.mediabox.height)
    count = 0
    for code in codes:
        page = writer.add_blank_page(width, height)
        content = DecodedStreamObject()
        content.set_data(_letter_content(layout, code))
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = writer._add_object(content)
        count += 1
    writer.write(out)
    return count


def _chunks(codes: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for code in codes:
        chunk.append(code)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def letters_pdfs(batch: VotingCodeBatch, codes: Iterable[str], chunk: int = CHUNK) -> Iterator[bytes]:
    """One PDF per `chunk` letters, the layout rendered once for all of them."""
    layout = letter_layout(batch)
    for part in _chunks(codes, chunk):
        out = io.BytesIO()
        letters_write(layout, part, out)
        yield out.getvalue()


def letters_pdf(batch: VotingCodeBatch, codes: list[str]) -> bytes:
    out = io.BytesIO()
    letters_write(letter_layout(batch), codes, out)
    return out.getvalue()
