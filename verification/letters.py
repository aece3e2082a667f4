"""Voting-code letters as PDF: one page a code, in the batch's language, large print if asked.

Codes exist in the clear only while their letters are made; the PDF goes straight to the officer
who asked and is not kept. Letters are rendered in chunks, so memory stays bounded however many.
"""

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from verification.identity import code_for_letter
from verification.models import VotingCodeBatch

CHUNK = 500


def _chunks(codes: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for code in codes:
        chunk.append(code)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def letters_html(batch: VotingCodeBatch, codes: list[str]) -> str:
    with translation.override(batch.language):
        return render_to_string(
            "verification/letters.html",
            {
                "batch": batch,
                "codes": [code_for_letter(c) for c in codes],
                "site_url": settings.SITE_URL,
                "made_on": timezone.localdate(),
                "LANGUAGE_CODE": batch.language,
            },
        )


def letters_pdfs(batch: VotingCodeBatch, codes: Iterable[str], chunk: int = CHUNK) -> Iterator[bytes]:
    """One PDF per `chunk` letters: a print shop takes them in order."""
    from weasyprint import HTML

    for part in _chunks(codes, chunk):
        yield HTML(string=letters_html(batch, part)).write_pdf()


def letters_pdf(batch: VotingCodeBatch, codes: list[str]) -> bytes:
    from weasyprint import HTML

    return HTML(string=letters_html(batch, codes)).write_pdf()
