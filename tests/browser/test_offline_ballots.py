"""Two officers enter a batch of paper ballots; a paper entered again is refused; the results count it by channel."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from commissioning.models import Ballot, Channel, CommissioningCycle
from tests.factories import PASSWORD, CycleFactory, PriorityFactory, UserFactory


def _sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Hello").wait_for()


def _enter_paper(page, serial: int, email: str, priority: str) -> None:
    page.get_by_label("Serial number").fill(str(serial))
    page.get_by_label("The resident's email address or resident reference").fill(email)
    page.get_by_label(priority).check()
    page.get_by_role("button", name="Enter this paper").click()


@pytest.mark.django_db(transaction=True)
def test_two_officers_enter_a_paper_batch_and_the_results_count_it(new_page, axe):
    cycle = CycleFactory(slug="paper-cycle", title="Paper cycle", budget=Decimal(100000))
    PriorityFactory(cycle=cycle, title="Library hours", estimated_cost=Decimal(20000))
    PriorityFactory(cycle=cycle, title="Youth club", estimated_cost=Decimal(30000))
    amara = UserFactory(email="amara@example.org")
    first, second = UserFactory(role=Role.OFFICER), UserFactory(role=Role.OFFICER)
    one, two = new_page(), new_page()
    _sign_in(one, first)
    _sign_in(two, second)

    one.goto("/officer/cycles/")
    one.get_by_role("link", name=re.compile("paper and assisted ballots for Paper cycle")).click()
    one.get_by_role("heading", name="Paper and assisted ballots").wait_for()
    axe.check(one)
    one.get_by_label("Batch name").fill("Brixton Library, 3 June")
    one.get_by_label("Each paper entered twice, by two different officers").check()
    one.get_by_role("button", name="Open the batch").click()
    one.get_by_role("heading", name="Brixton Library, 3 June").wait_for()
    batch_url = one.url

    _enter_paper(one, 1, amara.email, "Youth club")
    one.get_by_text("Paper 1 is entered once").wait_for()
    axe.check(one)
    assert not Ballot.objects.exists()

    two.goto(batch_url)
    _enter_paper(two, 1, amara.email, "Youth club")
    two.get_by_text("Paper 1 is counted.").wait_for()

    _enter_paper(two, 1, amara.email, "Youth club")  # the same paper again
    two.get_by_text("Paper 1 has already been counted in this cycle.").first.wait_for()
    axe.check(two)
    ballot = Ballot.objects.get()
    assert (ballot.voter, ballot.channel, ballot.paper_serial) == (amara, Channel.PAPER, 1)

    CommissioningCycle.objects.filter(pk=cycle.pk).update(
        voting_opens_at=timezone.now() - timedelta(days=2), voting_closes_at=timezone.now() - timedelta(minutes=1)
    )
    one.goto("/cycles/paper-cycle/results/")
    counts = one.locator("#channel-counts")
    counts.wait_for()
    axe.check(one)

    assert counts.locator('[data-channel="paper"]').inner_text() == "On paper: 1"
    assert counts.locator('[data-channel="online"]').inner_text() == "Online: 0"
    assert axe.problems == []
