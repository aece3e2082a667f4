"""The open council's public pages (issue 15) on the seeded demo, checked with axe for violations of
any impact at 1024 px, and at 360 px with text at 200 %: the data page, the outcomes pages with their
charts and tables, a commission's outcomes and delivery, a cycle's reach, meetings and questions."""

import pytest

from commissioning.models import CommissioningCycle
from delivery.models import Milestone
from demo.seed import seed_demo
from meetings.models import Meeting
from outcomes.models import Outcome
from questions.models import Question
from tests.browser.test_new_pages_accessible import _text_at_200_percent


@pytest.fixture
def public_pages(db) -> list[str]:
    seed_demo()
    delivered = Milestone.objects.order_by("pk").first().commission_id
    reached = CommissioningCycle.objects.filter(involvement_activities__equality_counts__isnull=False).first()
    return [
        "/data/",
        "/outcomes/",
        f"/outcomes/{Outcome.objects.order_by('pk').first().slug}/",
        f"/commissions/{delivered}/outcomes/",
        f"/commissions/{delivered}/delivery/",
        f"/cycles/{reached.slug}/reach/",
        "/meetings/",
        f"/meetings/{Meeting.objects.order_by('pk').first().pk}/",
        "/questions/",
        f"/questions/{Question.objects.filter(status='published').first().pk}/",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width, text_zoom", [(1024, False), (360, True)])
def test_open_council_pages_have_no_axe_violations(new_page, axe_every_impact, public_pages, width, text_zoom):
    page = new_page(width)
    page.set_default_timeout(30_000)

    for url in public_pages:
        response = page.goto(url)
        assert response.status == 200, url
        if text_zoom:
            _text_at_200_percent(page)
        axe_every_impact.check(page)

    assert axe_every_impact.problems == [], "\n".join(axe_every_impact.problems)
