"""Every page with a table, read on a 320 px phone and at 200 % text: every cell fully visible, no word split.

Tables stack into labelled rows below 48em, a breakpoint in em so that it follows the reader's text
size. 200 % text is the browser's own setting (its default font size doubled, as Chrome's "Font
size: very large" or a phone's large text does), set here through the DevTools protocol.
"""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
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
    from citizens.models import Cooperative
    from delivery.models import Milestone
    from outcomes.models import Indicator, Outcome

    cooperative = Cooperative.objects.get(slug="lambeth-youth-trust")
    in_delivery = Milestone.objects.select_related("commission").first().commission
    reviewed = in_delivery.cycle
    CommissioningCycle.objects.filter(pk=reviewed.pk).update(stage="review")  # its page shows the evaluation table
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
        reverse("cooperative_roster", args=[cooperative.slug]),
        reverse("cooperative_board", args=[cooperative.slug]),
        reverse("privacy_notice"),
        reverse("commission_delivery", args=[in_delivery.pk]),
        reverse("cycle_detail", args=[reviewed.slug]),
        reverse("meeting_list"),
        reverse("question_list"),
        reverse("data_page"),
        reverse("outcome_detail", args=[Outcome.objects.order_by("pk").first().slug]),
        reverse("commission_outcomes", args=[in_delivery.pk]),
        reverse("cycle_reach", args=[closed.slug]),
        reverse("outcome_overview"),
        reverse("indicator_detail", args=[Indicator.objects.order_by("pk").first().pk]),
        reverse("verification_officer"),
        reverse("translation_entries", args=["es"]),
    ]


# Each template with a table, and the page above that shows it; PDF templates are never served as pages.
TABLE_TEMPLATES = {
    "citizens/board.html": "cooperative_board",
    "citizens/roster.html": "cooperative_roster",
    "citizens/ward_figures.html": "ward_figures",
    "commissioning/_decision_table.html": "commission_manage",
    "commissioning/_officer_cycle_table.html": "officer_cycle_list",
    "commissioning/cycle_detail.html": "cycle_detail",
    "commissioning/offline_ballots.html": "offline_ballots",
    "commissioning/paper_batch.html": "paper_batch",
    "commissioning/results.html": "results",
    "dashboards/privacy.html": "privacy_notice",
    "delivery/_evaluation.html": "cycle_detail (a cycle under review)",
    "delivery/commission_delivery.html": "commission_delivery",
    "governance/_commission_summary.html": "commission_public",
    "governance/_decision.html": "decision_detail",
    "governance/audit_trail.html": "audit_trail",
    "governance/commission_list.html": "commission_public_list",
    "governance/decision_detail.html": "decision_detail",
    "governance/decision_log.html": "decision_log",
    "meetings/meeting_list.html": "meeting_list",
    "opendata/_series.html": "outcome_detail, commission_outcomes",
    "opendata/cycle_reach.html": "cycle_reach",
    "opendata/data_page.html": "data_page",
    "outcomes/indicator_detail.html": "indicator_detail",
    "outcomes/overview.html": "outcome_overview",
    "questions/_counts.html": "question_list",
    "reports/report_list.html": "report_list",
    "verification/officer.html": "verification_officer",
    "translations/entries.html": "translation_entries",
}
PDF_TEMPLATES = {"reports/report_pdf.html"}


def test_every_template_with_a_table_is_walked_by_the_reflow_test():
    """A new table must join the walk below (and stack), so none is left to break on a phone."""
    templates = Path(settings.BASE_DIR) / "templates"
    with_tables = {
        str(path.relative_to(templates)) for path in templates.rglob("*.html") if "<table" in path.read_text()
    }
    assert with_tables - PDF_TEMPLATES == set(TABLE_TEMPLATES)


def test_every_table_stacks_on_narrow_screens():
    templates = Path(settings.BASE_DIR) / "templates"
    not_stacking = [
        name
        for name in TABLE_TEMPLATES
        if '<table class="govuk-table"' in (templates / name).read_text()
        or "<table class='govuk-table'" in (templates / name).read_text()
    ]
    assert not_stacking == []


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
