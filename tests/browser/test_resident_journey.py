"""The journey the platform exists for, in a real browser.

Sign up, verify, join the co-op, propose, vote, change the vote, see the results and find one's own
ballot in the published file."""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from accounts.roles import Role
from commissioning.models import Ballot, BallotType, CommissioningCycle, Priority, Scope
from commissioning.voting import parse_pabulib
from tests.factories import PASSWORD, CooperativeFactory, CycleFactory, PriorityFactory, UserFactory, WardFactory

PHONE_WIDTH = 320


@pytest.fixture
def youth_trust_cycles(db):
    WardFactory(name="Brixton Windrush", slug="brixton-windrush")
    trust = CooperativeFactory(name="Lambeth Youth Trust", slug="lambeth-youth-trust", min_age=11, max_age=25)
    now = timezone.now()
    proposals = CycleFactory(
        title="Youth spaces 2028",
        slug="youth-spaces-2028",
        scope=Scope.COOPERATIVE,
        cooperative=trust,
        proposals_open_at=now - timedelta(days=1),
        proposals_close_at=now + timedelta(days=10),
        voting_opens_at=now + timedelta(days=11),
        voting_closes_at=now + timedelta(days=20),
    )
    voting = CycleFactory(
        title="Youth services 2027",
        slug="youth-services-2027",
        scope=Scope.COOPERATIVE,
        cooperative=trust,
        ballot_type=BallotType.KNAPSACK,
        budget=Decimal(100000),
    )
    priorities = {
        title: PriorityFactory(cycle=voting, title=title, estimated_cost=Decimal(cost))
        for title, cost in [("Skate park lights", 30000), ("Music studio", 60000), ("Mentoring scheme", 50000)]
    }
    officer = UserFactory(email="omar@example.org", role=Role.OFFICER)
    return {"trust": trust, "proposals": proposals, "voting": voting, "priorities": priorities, "officer": officer}


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


@pytest.mark.django_db(transaction=True)
def test_resident_joins_the_youth_trust_proposes_votes_and_changes_the_vote(new_page, axe, youth_trust_cycles):
    data = youth_trust_cycles
    page = new_page(PHONE_WIDTH)

    page.goto("/accounts/signup/")
    axe.check(page)
    page.get_by_label("Email").fill("jay@example.org")
    page.get_by_label("Display name").fill("Jay")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    page.get_by_role("heading", name="Confirm your email address").wait_for()
    axe.check(page)

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    axe.check(page)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name=re.compile("Hello")).wait_for()
    axe.check(page)

    page.goto("/profile/")
    page.get_by_label("Your ward").select_option(label="Brixton Windrush")
    page.get_by_label("Year of birth").fill(str(timezone.localdate().year - 17))
    axe.check(page)
    page.get_by_role("button", name="Save your details").click()
    page.get_by_text("Your details have been saved.").wait_for()

    page.goto("/cooperatives/lambeth-youth-trust/")
    axe.check(page)
    page.get_by_role("button", name="Apply to join").click()
    page.get_by_text("An officer will look at your application").wait_for()

    officer_page = new_page()
    _sign_in(officer_page, data["officer"].email)
    officer_page.goto("/officer/memberships/")
    axe.check(officer_page)
    officer_page.get_by_label(re.compile("^Jay — ")).check()  # people are named by their display name
    officer_page.get_by_role("button", name="Approve the chosen applications").click()
    officer_page.get_by_role("heading", name="Approve 1 application?").wait_for()
    axe.check(officer_page)
    officer_page.get_by_role("button", name="Yes, approve them").click()
    officer_page.get_by_text("1 application approved.").wait_for()

    page.goto("/cycles/youth-spaces-2028/")
    axe.check(page)
    page.get_by_role("link", name="Propose a priority").click()
    page.get_by_label("Title").fill("Late-night youth club")
    page.get_by_label("What should be done, and for whom?").fill("Open the youth club until 10pm on Fridays.")
    page.get_by_label("Estimated cost in pounds").fill("25000")
    axe.check(page)
    page.get_by_role("button", name="Send your proposal").click()
    page.get_by_text("Awaiting moderation").wait_for()
    axe.check(page)
    assert Priority.objects.get(title="Late-night youth club").status == Priority.Status.SUBMITTED

    page.goto("/cycles/youth-services-2027/")
    page.get_by_role("link", name="Vote now").click()
    page.get_by_label(re.compile("Skate park lights")).check()
    page.get_by_label(re.compile("Music studio")).check()
    page.get_by_role("button", name="Check my total").click()
    page.get_by_text("Your choices cost £90,000 of the £100,000 budget.").wait_for()
    axe.check(page)
    page.get_by_role("button", name="Cast my vote").click()
    page.get_by_role("heading", name="Your vote is recorded").wait_for()
    axe.check(page)
    receipt = page.locator("#receipt-code").inner_text()

    page.goto("/cycles/youth-services-2027/vote/")
    page.get_by_label(re.compile("Music studio")).uncheck()
    page.get_by_label(re.compile("Mentoring scheme")).check()
    page.get_by_role("button", name="Replace my vote").click()
    page.get_by_role("heading", name="Your vote is recorded").wait_for()

    assert page.locator("#receipt-code").inner_text() == receipt
    ballot = Ballot.objects.get(cycle=data["voting"])
    assert {c.priority.title for c in ballot.choices.all()} == {"Skate park lights", "Mentoring scheme"}

    CommissioningCycle.objects.filter(pk=data["voting"].pk).update(voting_closes_at=timezone.now())
    page.goto("/cycles/youth-services-2027/")
    page.get_by_role("link", name="See the results").click()
    page.get_by_role("heading", name="Results").wait_for()
    axe.check(page)
    assert page.get_by_role("row", name=re.compile("Skate park lights")).get_by_text("Funded", exact=True).is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the anonymised ballots (.pb file)").click()
    election = parse_pabulib(Path(download.value.path()).read_text())
    page.get_by_label("Your receipt code").fill(receipt)
    page.get_by_role("button", name="Find my ballot").click()
    voter_id = page.locator("#receipt-voter-id").inner_text()
    assert page.locator("#receipt-choices li").all_inner_texts() == ["Mentoring scheme", "Skate park lights"]
    axe.check(page)
    mine = next(b for b in election.ballots if b.voter_id == voter_id)
    titles = {p.id: p.name for p in election.projects}
    assert {titles[pid] for pid in mine.vote} == {"Skate park lights", "Mentoring scheme"}
    assert len(axe.pages) >= 12
    assert axe.problems == []
