"""An officer registers a resident who has no email address, in person, and records their vote with them:
the resident is found by the reference the officer gave them, and the receipt is shown to hand over."""

from decimal import Decimal

import pytest

from accounts.roles import Role
from commissioning.models import Ballot, Channel
from tests.factories import PASSWORD, CycleFactory, PriorityFactory, UserFactory, WardFactory


@pytest.mark.django_db(transaction=True)
def test_an_officer_registers_a_resident_without_email_and_records_their_vote(new_page, axe):
    cycle = CycleFactory(slug="ward-cycle", title="Ward cycle", budget=Decimal(100000))
    PriorityFactory(cycle=cycle, title="Library hours", estimated_cost=Decimal(20000))
    PriorityFactory(cycle=cycle, title="Youth club", estimated_cost=Decimal(30000))
    WardFactory(name="Camberwell Green", slug="camberwell-green")
    officer = UserFactory(role=Role.OFFICER)
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Hello").wait_for()

    page.goto("/officer/verification/")
    page.get_by_role("link", name="Register a resident who has no email address").click()
    page.get_by_role("heading", name="Register a resident who has no email address").wait_for()
    axe.check(page)
    page.get_by_label("Name the resident wants to be known by").fill("Mr Adeyemi")
    page.get_by_label("Document you saw").select_option(label="Passport")
    page.get_by_label("Surname on the document").fill("Adeyemi")
    page.get_by_label("Date of birth on the document").fill("09/02/1948")
    page.get_by_label("Postcode on the document").fill("SE5 7QX")
    page.get_by_label("Ward of that address").select_option(label="Camberwell Green")
    page.get_by_role("button", name="Register the resident").click()
    page.get_by_role("heading", name="Resident registered").wait_for()
    axe.check(page)
    reference = page.get_by_test_id("resident-reference").inner_text()

    page.goto("/officer/cycles/ward-cycle/assisted-ballot/")
    page.get_by_label("The resident's email address or resident reference").fill(reference)
    page.get_by_label("Photo identification").check()
    page.get_by_label("Youth club").check()
    page.get_by_label("The resident is here").check()
    page.get_by_role("button", name="Record this vote").click()
    page.get_by_role("heading", name="The vote is recorded").wait_for()
    axe.check(page)

    ballot = Ballot.objects.get()
    assert page.locator("#receipt-code").inner_text() == ballot.receipt_code
    assert (ballot.voter.resident_reference, ballot.channel) == (reference.replace("-", ""), Channel.ASSISTED)
    assert axe.problems == []
