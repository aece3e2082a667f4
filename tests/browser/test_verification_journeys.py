"""Each way of becoming a verified resident, in a real browser, ending in a ballot cast in a binding vote."""

import re

import pytest

from accounts.roles import Role
from commissioning.models import Assurance, Ballot
from tests.factories import PASSWORD, CycleFactory, PriorityFactory, UserFactory, WardFactory

EXTRACT = "surname,date_of_birth,postcode,ward\nOkonkwo,14/02/1979,SW9 9AB,Stockwell East\n"


@pytest.fixture
def new_page(new_page):
    """The shared fixture's pages, with more patience: these journeys upload and render on a busy machine."""

    def make(width: int = 1024):
        page = new_page(width)
        page.set_default_timeout(30_000)
        return page

    return make


@pytest.fixture
def binding_vote(db):
    ward = WardFactory(name="Stockwell East", slug="stockwell-east")
    cycle = CycleFactory(title="Stockwell streets 2027", slug="stockwell-streets-2027", assurance=Assurance.RESIDENT)
    PriorityFactory(cycle=cycle, title="Safer crossings")
    officer = UserFactory(email="omar@example.org", role=Role.OFFICER)
    resident = UserFactory(email="rosa@example.org")
    return {"ward": ward, "cycle": cycle, "officer": officer, "resident": resident}


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _vote(page, axe) -> None:
    page.goto("/cycles/stockwell-streets-2027/")
    page.get_by_role("link", name="Vote now").click()
    page.get_by_label(re.compile("Safer crossings")).check()
    page.get_by_role("button", name="Cast my vote").click()
    page.get_by_role("heading", name="Your vote is recorded").wait_for()
    axe.check(page)


def test_a_resident_matches_the_register_an_officer_uploaded_and_votes(new_page, axe, binding_vote, tmp_path):
    officer = new_page()
    _sign_in(officer, "omar@example.org")
    officer.goto("/officer/verification/register/")
    axe.check(officer)
    extract = tmp_path / "register.csv"
    extract.write_text(EXTRACT)
    officer.get_by_label("Extract (CSV)").set_input_files(str(extract))
    officer.get_by_role("button", name="Upload the extract").click()
    officer.get_by_text("1 entries kept from 1 rows").wait_for()
    axe.check(officer)

    page = new_page()
    _sign_in(page, "rosa@example.org")
    page.goto("/cycles/stockwell-streets-2027/")
    page.get_by_text("only verified residents can take part").wait_for()
    axe.check(page)
    page.get_by_role("link", name="Get verified as a resident").click()
    axe.check(page)
    page.get_by_role("link", name="Check my details against the register").click()
    page.get_by_label("Surname").fill("Okonkwo")
    page.get_by_label("Date of birth").fill("14/02/1979")
    page.get_by_label("Postcode of your home").fill("sw9 9ab")
    axe.check(page)
    page.get_by_role("button", name="Check my details").click()
    page.get_by_text("You are a verified resident of Stockwell East.").wait_for()
    axe.check(page)
    _vote(page, axe)

    assert Ballot.objects.get(voter=binding_vote["resident"]).assurance == "register"
    assert axe.problems == []


def _code_from_letter(pdf_path) -> str:
    """What the resident reads off the letter the officer printed."""
    from pypdf import PdfReader

    (code,) = re.findall(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", PdfReader(pdf_path).pages[0].extract_text())
    return code


def _use_code(page, axe, code: str) -> None:
    _sign_in(page, "rosa@example.org")
    page.goto("/verify/")
    page.get_by_role("link", name="I have a voting code").click()
    page.get_by_label("Voting code").fill(code.lower())
    axe.check(page)
    page.get_by_role("button", name="Use my code").click()
    page.get_by_text("You are a verified resident of Stockwell East.").wait_for()


def _ask_for_letters(officer, axe, how_many: int) -> None:
    _sign_in(officer, "omar@example.org")
    officer.goto("/officer/verification/codes/")
    officer.get_by_label("Ward", exact=True).select_option(label="Stockwell East")
    officer.get_by_label("Number of letters").fill(str(how_many))
    officer.get_by_label("Large print").check()
    axe.check(officer)


def test_a_resident_uses_a_code_from_a_letter_and_votes(new_page, axe, binding_vote):
    officer = new_page()
    _ask_for_letters(officer, axe, 1)
    with officer.expect_download() as download:
        officer.get_by_role("button", name="Make the letters (PDF)").click()
    code = _code_from_letter(download.value.path())

    page = new_page()
    _use_code(page, axe, code)
    _vote(page, axe)

    assert Ballot.objects.get(voter=binding_vote["resident"]).assurance == "code"
    assert axe.problems == []


def test_an_officer_has_a_print_run_made_and_a_resident_votes_with_one_of_its_codes(
    new_page, axe, binding_vote, settings, tmp_path
):
    settings.VOTING_CODE_BATCH_MAX, settings.VOTING_LETTERS_PER_FILE, settings.MEDIA_ROOT = 2, 2, tmp_path
    officer = new_page()
    _ask_for_letters(officer, axe, 3)
    officer.get_by_role("button", name="Make the letters (PDF)").click()
    officer.get_by_role("heading", name="Your letters are ready").wait_for()  # made by the task, then shown
    axe.check(officer)
    with officer.expect_download() as download:
        officer.get_by_role("link", name="Download file 2 of 2 (PDF)").click()
    code = _code_from_letter(download.value.path())

    page = new_page()
    _use_code(page, axe, code)
    _vote(page, axe)

    assert Ballot.objects.get(voter=binding_vote["resident"]).assurance == "code"
    assert axe.problems == []


def test_an_officer_verifies_a_resident_in_person_who_then_votes(new_page, axe, binding_vote):
    officer = new_page()
    _sign_in(officer, "omar@example.org")
    officer.goto("/officer/verification/in-person/")
    officer.get_by_label("Resident's email address").fill("rosa@example.org")
    officer.get_by_label("Document you saw").select_option("passport")
    officer.get_by_label("Surname on the document").fill("Okonkwo")
    officer.get_by_label("Date of birth on the document").fill("14/02/1979")
    officer.get_by_label("Postcode on the document").fill("SW9 9AB")
    officer.get_by_label("Ward of that address").select_option(label="Stockwell East")
    axe.check(officer)
    officer.get_by_role("button", name="Record the check").click()
    officer.get_by_text("is now a verified resident of Stockwell East").wait_for()
    axe.check(officer)

    page = new_page()
    _sign_in(page, "rosa@example.org")
    _vote(page, axe)

    assert Ballot.objects.get(voter=binding_vote["resident"]).assurance == "in_person"
    assert axe.problems == []
