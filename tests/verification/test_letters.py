"""Voting-code letters: laid out once, each code stamped on its own page; print runs made by Celery a file
at a time, downloaded by officers and deleted after their retention period."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from pypdf import PdfReader

from tests.factories import CooperativeFactory, UserFactory, WardFactory
from verification import letters, services
from verification.identity import code_for_letter
from verification.models import LetterRun, Verification, VotingCode

CODE_ON_PAGE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


@pytest.fixture
def ward(db):
    return WardFactory(name="Stockwell West", slug="stockwell-west")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _code_sizes(pdf: bytes) -> list[float]:
    """The font size each code is printed in, in points."""
    sizes: list[float] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, cm, tm, font, size, sizes=sizes):
            if CODE_ON_PAGE.search(text or ""):
                sizes.append(size * tm[3] * cm[3])

        page.extract_text(visitor_text=visit)
    return sizes


def test_each_letter_carries_its_own_code_once(officer, ward):
    batch, codes = services.code_batch_create(officer=officer, size=3, language="en-gb", ward=ward)

    pages = _pages(letters.letters_pdf(batch, codes))

    assert len(pages) == 3
    for code, text in zip(codes, pages, strict=True):
        assert CODE_ON_PAGE.findall(text) == [code_for_letter(code)]
        assert "Stockwell West" in text
        assert "Keep this letter private" in text


def test_codes_read_off_the_letters_verify_residents(officer, ward):
    batch, codes = services.code_batch_create(officer=officer, size=2, language="en-gb", ward=ward)
    read = [CODE_ON_PAGE.search(text).group() for text in _pages(letters.letters_pdf(batch, codes))]

    verified = [services.code_redeem(user=UserFactory(), code=code) for code in read]

    assert [v.ward for v in verified] == [ward, ward]


def test_large_print_letters_set_the_code_at_34_points_and_the_text_at_18(officer, ward):
    batch, codes = services.code_batch_create(officer=officer, size=2, language="en-gb", ward=ward, large_print=True)

    assert _code_sizes(letters.letters_pdf(batch, codes)) == [34.0, 34.0]
    assert "font-size: 18pt" in letters.letters_html(batch)


def test_ordinary_letters_set_the_code_at_24_points(officer, ward):
    batch, codes = services.code_batch_create(officer=officer, size=1, language="en-gb", ward=ward)

    assert _code_sizes(letters.letters_pdf(batch, codes)) == [24.0]


def test_letters_are_in_the_batchs_language(officer, ward):
    batch, codes = services.code_batch_create(officer=officer, size=1, language="es", ward=ward)

    with translation.override("es"):
        month = str(MONTHS[timezone.localdate().month])
    # Our own sentences await their translators; Django's month names show the letter is in Spanish.
    assert month in _pages(letters.letters_pdf(batch, codes))[0]


def test_a_cooperatives_letters_name_the_cooperative(officer):
    coop = CooperativeFactory(name="Brixton Energy")
    batch, codes = services.code_batch_create(officer=officer, size=1, language="en-gb", cooperative=coop)

    assert "members of Brixton Energy" in _pages(letters.letters_pdf(batch, codes))[0]


def test_the_layout_is_stored_once_however_many_letters(officer, ward):
    batch, codes = services.code_batch_create(officer=officer, size=200, language="en-gb", ward=ward)
    one = len(letters.letters_pdf(batch, codes[:1]))

    many = len(letters.letters_pdf(batch, codes))

    assert many < one + 200 * 400  # a few hundred bytes a letter, not the layout again


# --- Print runs ----------------------------------------------------------------------------------


@pytest.fixture
def small_files(settings):
    settings.VOTING_LETTERS_PER_FILE = 2


def _run_files(run: LetterRun) -> list[bytes]:
    from django.core.files.storage import default_storage

    return [default_storage.open(run.part_name(n)).read() for n in range(run.parts)]


def test_a_print_run_makes_every_code_and_letter_in_files(officer, ward, media, small_files):
    run = services.letter_run_request(officer=officer, size=5, language="en-gb", ward=ward)

    services.letter_run_make(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.letters_done, run.parts) == (LetterRun.Status.DONE, 5, 3)
    pages = [text for pdf in _run_files(run) for text in _pages(pdf)]
    read = [code for text in pages for code in CODE_ON_PAGE.findall(text)]
    assert len(pages) == len(read) == len(set(read)) == 5
    assert VotingCode.objects.filter(batch=run.batch).count() == 5


def test_a_print_runs_codes_are_kept_only_as_hashes_and_redeem(officer, ward, media, small_files):
    run = services.letter_run_request(officer=officer, size=3, language="en-gb", ward=ward)
    services.letter_run_make(run_id=run.pk)
    run.refresh_from_db()
    read = [code for pdf in _run_files(run) for text in _pages(pdf) for code in CODE_ON_PAGE.findall(text)]
    stored = list(VotingCode.objects.values_list("code_hash", flat=True))

    assert not any(code.replace("-", "") in h for code in read for h in stored)
    services.code_redeem(user=UserFactory(), code=read[2])
    assert Verification.objects.get().ward == ward


def test_a_run_that_fails_carries_on_from_its_last_file_without_orphan_codes(
    officer, ward, media, small_files, monkeypatch
):
    run = services.letter_run_request(officer=officer, size=5, language="en-gb", ward=ward)
    write = letters.letters_write
    calls = []

    def fail_second(layout, codes, out):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return write(layout, codes, out)

    monkeypatch.setattr(letters, "letters_write", fail_second)
    with pytest.raises(OSError):
        services.letter_run_make(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.letters_done, run.error) == (LetterRun.Status.FAILED, 2, "disk full")
    assert VotingCode.objects.count() == 2  # the failed file's codes were rolled back with it

    services.letter_run_restart(run_id=run.pk, officer=officer)
    services.letter_run_make(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.letters_done) == (LetterRun.Status.DONE, 5)
    read = [code for pdf in _run_files(run) for text in _pages(pdf) for code in CODE_ON_PAGE.findall(text)]
    assert len(set(read)) == VotingCode.objects.count() == 5


def test_a_print_run_is_not_made_twice(officer, ward, media, small_files):
    run = services.letter_run_request(officer=officer, size=3, language="en-gb", ward=ward)
    services.letter_run_make(run_id=run.pk)

    assert services.letter_run_make(run_id=run.pk) is False
    assert VotingCode.objects.count() == 3


def test_an_officer_asks_for_many_letters_watches_them_made_and_downloads_them(
    client_for, officer, ward, media, settings, small_files, django_capture_on_commit_callbacks
):
    settings.VOTING_CODE_BATCH_MAX = 2
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):  # the task runs in-process, as Celery would
        response = client.post(reverse("verification_code_batch"), {"ward": ward.pk, "size": 3, "language": "en-gb"})
    run = LetterRun.objects.get()
    assert response["Location"] == reverse("verification_letter_run", args=[run.batch_id])

    page = client.get(response["Location"]).content.decode()
    assert "Your letters are ready" in page
    assert "Download file 2 of 2 (PDF)" in page
    download = client.get(reverse("verification_letter_run_download", args=[run.batch_id, 2]))
    pdf = b"".join(download.streaming_content)
    assert download["Cache-Control"] == "no-store"
    assert len(CODE_ON_PAGE.findall(_pages(pdf)[0])) == 1


def test_a_print_run_in_progress_shows_how_far_it_has_got(client_for, officer, ward, media, small_files):
    run = services.letter_run_request(officer=officer, size=4, language="en-gb", ward=ward)
    LetterRun.objects.filter(pk=run.pk).update(status=LetterRun.Status.RUNNING, letters_done=2)

    page = client_for(officer).get(reverse("verification_letter_run", args=[run.batch_id])).content.decode()

    assert "2 of 4 letters made" in page
    assert "50% done" in page


def test_an_officer_deletes_the_letters_and_the_codes_still_work(client_for, officer, ward, media, small_files):
    run = services.letter_run_request(officer=officer, size=1, language="en-gb", ward=ward)
    services.letter_run_make(run_id=run.pk)
    run.refresh_from_db()
    code = CODE_ON_PAGE.search(_pages(_run_files(run)[0])[0]).group()

    client_for(officer).post(reverse("verification_letter_run_action", args=[run.batch_id, "delete"]))

    assert list(Path(media).rglob("*.pdf")) == []
    download = client_for(officer).get(reverse("verification_letter_run_download", args=[run.batch_id, 1]))
    assert download.status_code == 404
    assert services.code_redeem(user=UserFactory(), code=code).method == "code"


def test_letters_are_deleted_by_beat_after_their_retention_period(officer, ward, media, small_files):
    from verification.tasks import delete_expired_letters

    run = services.letter_run_request(officer=officer, size=3, language="en-gb", ward=ward)
    services.letter_run_make(run_id=run.pk)
    assert len(list(Path(media).rglob("*.pdf"))) == 2

    assert delete_expired_letters() == []
    LetterRun.objects.filter(pk=run.pk).update(delete_after=timezone.now() - timedelta(seconds=1))
    assert delete_expired_letters() == [run.pk]

    assert list(Path(media).rglob("*.pdf")) == []
    assert LetterRun.objects.get().status == LetterRun.Status.DELETED


def test_a_print_run_larger_than_allowed_is_refused(officer, ward, settings):
    from core.errors import DomainError

    settings.VOTING_CODE_PRINT_RUN_MAX = 10

    with pytest.raises(DomainError) as refused:
        services.letter_run_request(officer=officer, size=11, language="en-gb", ward=ward)

    assert refused.value.code == "batch_size"
    assert not LetterRun.objects.exists()
