"""Every page with a table, read on a 320 px phone and at 200 % text: every cell fully visible, no word split.

Tables stack into labelled rows below 48em, a breakpoint in em so that it follows the reader's text
size. 200 % text is the browser's own setting (its default font size doubled, as Chrome's "Font
size: very large" or a phone's large text does), set here through the DevTools protocol.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning import counting, services
from commissioning.models import CommissioningCycle, PaperBatch
from tests.factories import CycleFactory, PriorityFactory, UserFactory

# Every cell on the page: where it sits against the viewport, whether its text is clipped, and any word
# drawn over two lines (a word split mid-word: "Walkin g"; breaking after the hyphen of "co-operative"
# is ordinary typography). Visually hidden text is left out.
CELL_PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const hidden = (el) => el.closest('.govuk-visually-hidden') ||
      (el.closest('thead') && el.closest('thead').getBoundingClientRect().width <= 1);
  for (const cell of document.querySelectorAll('main td, main th')) {
    if (hidden(cell)) continue;
    const box = cell.getBoundingClientRect();
    const text = cell.innerText.trim().slice(0, 40);
    if (box.left < -1 || box.right > width + 1) {
      problems.push(`cut off: "${text}" (${Math.round(box.left)}–${Math.round(box.right)} of ${width} px)`);
    }
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`clipped: "${text}"`);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (hidden(node.parentElement)) continue;
      for (const match of node.data.matchAll(/[^\\s\\-\\u2010/]{2,}/g)) {  // a break after a hyphen or slash is fine
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const lines = new Set(rects.map(r => Math.round(r.top)));
        // Split although it would fit on a line of its own: a break nobody needed. (A token wider than
        // the cell, such as a long timestamp, may be broken: the alternative is cutting it off.)
        const wordWidth = rects.reduce((sum, r) => sum + r.width, 0);
        if (lines.size > 1 && wordWidth <= cell.clientWidth) problems.push(`word split: "${match[0]}" in "${text}"`);
      }
    }
  }
  const scrolled = document.documentElement.scrollWidth;
  if (scrolled > width + 1) problems.push(`page scrolls sideways: ${scrolled} px`);
  return problems;
}"""


@pytest.fixture
def pages_with_tables(transactional_db):
    """The demo (wards, cycles, a commission) plus a counted cycle, a decision and a batch of paper ballots."""
    from demo.seed import seed_demo
    from governance import services as governance
    from governance.models import Commission

    seed_demo()
    now = timezone.now()
    closed = CycleFactory(
        slug="walking-routes",
        title="Walking and cycling routes for older residents",
        budget=Decimal(250000),
        voting_opens_at=now - timedelta(days=3),
        voting_closes_at=now + timedelta(hours=1),
    )
    titles = ["Walking routes", "Youth mentoring supporter(s) scheme", "Community cycling hub in Stockwell"]
    priorities = [
        PriorityFactory(cycle=closed, title=t, estimated_cost=Decimal(c))
        for t, c in zip(titles, (15000, 125000, 130000), strict=True)
    ]
    for n in range(3):
        services.ballot_cast(
            user=UserFactory(), cycle_id=closed.pk, choices={priorities[n % 3].pk: 1, priorities[0].pk: 1}
        )
    CommissioningCycle.objects.filter(pk=closed.pk).update(voting_closes_at=now - timedelta(minutes=1))
    counting.cycle_count(cycle_id=closed.pk)

    commission = Commission.objects.filter(status=Commission.Status.SUBMITTED).first()
    for councillor in commission.deciders.all():
        governance.interest_declare(user=councillor, commission_id=commission.pk, has_interest=False)
        governance.commission_vote(
            user=councillor, commission_id=commission.pk, choice="approve", reasons="Residents chose it."
        )
    open_cycle = CommissioningCycle.objects.filter(slug="healthier-greener-lambeth-2027").get()
    officer = UserFactory(role="officer")
    batch = services.paper_batch_open(
        officer=officer, cycle=open_cycle, label="Brixton Library", check_method=PaperBatch.Check.DOUBLE_ENTRY
    )
    services.paper_ballot_enter(
        officer=officer,
        batch_id=batch.pk,
        serial=1,
        voter=UserFactory(),
        choices={open_cycle.priorities.accepted().first().pk: 1},
    )
    decision = commission.decisions.order_by("-pk").first()
    return [
        reverse("cycle_detail", args=[open_cycle.slug]),
        reverse("results", args=[closed.slug]),
        reverse("decision_log"),
        *([reverse("decision_detail", args=[decision.pk])] if decision else []),
        reverse("commission_public", args=[commission.pk]),
        reverse("commission_public_list"),
        reverse("dashboard"),
        reverse("officer_cycle_list"),
        reverse("audit_trail"),
        reverse("commission_manage", args=[commission.pk]),
        reverse("offline_ballots", args=[open_cycle.slug]),
        reverse("paper_batch", args=[batch.pk]),
        reverse("ward_figures"),
        reverse("report_list"),
    ]


def _sign_in_as_demo_administrator(page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill("coop-demo")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Hello").wait_for()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "text_size"), [(320, 16), (1024, 32)], ids=["320px", "200-percent-text"])
def test_every_table_cell_is_visible_on_a_phone_and_at_large_text(new_page, pages_with_tables, width, text_size):
    page = new_page(width)
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_size}})
    _sign_in_as_demo_administrator(page)
    problems = {}

    for url in pages_with_tables:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("main table").count(), f"{url} has no table"
        found = page.evaluate(CELL_PROBLEMS)
        if found:
            problems[url] = found

    assert problems == {}
