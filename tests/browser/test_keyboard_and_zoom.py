"""Voting with the keyboard alone, and reading the ballot at 320 px (the width 200 % zoom gives a 640 px screen)."""

import re

import pytest

from commissioning.models import Ballot
from tests.factories import PASSWORD, CycleFactory, PriorityFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_resident_votes_using_only_the_keyboard(new_page, axe):
    cycle = CycleFactory(slug="keyboard-cycle", max_choices=2)
    wanted = PriorityFactory(cycle=cycle, title="Community fridge")
    PriorityFactory(cycle=cycle, title="Bench repairs")
    voter = UserFactory(email="kim@example.org")
    page = new_page()

    page.goto("/accounts/login/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.get_by_label("Email").focus()
    page.keyboard.type(voter.email)
    page.keyboard.press("Tab")  # "Forgot your password?" sits between the two fields
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("^Hello")).wait_for()

    page.goto("/cycles/keyboard-cycle/vote/")
    page.get_by_label("Community fridge — £10,000").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + document.activeElement.id")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # priorities are listed by title, so the fridge is the last box
    assert page.evaluate("document.activeElement.textContent").strip() == "Cast my vote"
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your vote is recorded").wait_for()
    axe.check(page)

    assert outline.endswith(f"priority-{wanted.pk}")
    assert list(Ballot.objects.get(voter=voter).choices.values_list("priority_id", flat=True)) == [wanted.pk]
    assert axe.problems == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [320, 640])
def test_ballot_page_fits_narrow_screens_without_sideways_scrolling(new_page, axe, width):
    cycle = CycleFactory(slug="narrow-cycle")
    PriorityFactory.create_batch(4, cycle=cycle, title="A priority with a rather long descriptive title")
    voter = UserFactory()
    page = new_page(width)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(voter.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="Hello").wait_for()

    page.goto("/cycles/narrow-cycle/vote/")
    axe.check(page)

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe.problems == []


@pytest.mark.django_db(transaction=True)
def test_budget_ballot_shows_the_running_total_as_boxes_are_ticked(new_page):
    from decimal import Decimal

    from commissioning.models import BallotType

    cycle = CycleFactory(slug="budget-cycle", ballot_type=BallotType.KNAPSACK, budget=Decimal(100000))
    PriorityFactory(cycle=cycle, title="Library hours", estimated_cost=Decimal(60000))
    PriorityFactory(cycle=cycle, title="Play street", estimated_cost=Decimal(50000))
    voter = UserFactory()
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(voter.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("^Hello")).wait_for()

    page.goto("/cycles/budget-cycle/vote/")
    page.get_by_label(re.compile("Library hours")).check()
    page.get_by_text("Your choices cost £60,000 of the £100,000 budget. £40,000 left.").wait_for()
    page.get_by_label(re.compile("Play street")).check()

    page.get_by_text("Your choices cost £110,000 of the £100,000 budget. That is £10,000 over budget").wait_for()
