"""Every page added for issue 13, checked with axe for violations of any impact at 1024 px, at 360 px
and with text at 200 %."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from citizens.models import BoardMember, Membership
from outcomes.models import IndicatorValue
from tests.factories import (
    PASSWORD,
    CooperativeFactory,
    CycleFactory,
    IndicatorFactory,
    MembershipFactory,
    ResidentProfileFactory,
    UserFactory,
)


@pytest.fixture
def pages(db):
    officer = UserFactory(email="omar@example.org", role=Role.OFFICER)
    draft = CycleFactory(slug="draft-cycle", is_published=False, created_by=officer)
    CycleFactory(slug="open-cycle", created_by=officer)
    trust = CooperativeFactory(slug="trust")
    member = ResidentProfileFactory().user
    Membership.objects.create(
        member=member, cooperative=trust, status="active", member_number=1, joined_at=timezone.now()
    )
    BoardMember.objects.create(
        cooperative=trust,
        member=member,
        appointment="elected",
        term_start=timezone.localdate(),
        term_end=timezone.localdate() + timedelta(days=365),
    )
    MembershipFactory.create_batch(3, cooperative=trust)
    indicator = IndicatorFactory()
    for year, value in ((2023, 11), (2024, 13)):
        IndicatorValue.objects.create(
            indicator=indicator,
            period_start=date(year, 4, 1),
            period_end=date(year + 1, 3, 31),
            value=value,
            source="S",
        )
    return officer, [
        "/officer/cycles/",
        "/officer/cycles/new/",
        *(
            f"/officer/cycles/{draft.slug}/set-up/{step}/"
            for step in ("scope", "outcomes", "budget", "windows", "ballot", "counting")
        ),
        f"/officer/cycles/{draft.slug}/check/",
        f"/officer/cycles/{draft.slug}/",
        "/officer/cycles/open-cycle/",
        "/officer/cycles/open-cycle/extend/",
        "/officer/cycles/open-cycle/close-voting/",
        "/officer/memberships/",
        "/officer/cooperatives/trust/members/",
        "/officer/cooperatives/trust/board/",
        "/officer/outcomes/",
        f"/officer/outcomes/indicators/{indicator.pk}/",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width, text_zoom", [(1024, False), (360, False), (1024, True)])
def test_new_pages_have_no_axe_violations(new_page, axe_every_impact, pages, width, text_zoom):
    officer, urls = pages
    page = new_page(width)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("Hello")).wait_for()

    for url in urls:
        page.goto(url)
        if text_zoom:
            _text_at_200_percent(page)
        axe_every_impact.check(page)

    assert axe_every_impact.problems == [], "\n".join(axe_every_impact.problems)


def _text_at_200_percent(page) -> None:
    """Text-only zoom, set through the CSS object model: the pages' CSP forbids injecting a <style>."""
    page.evaluate(
        "() => { for (const el of [document.documentElement, document.body])"
        " el.style.setProperty('font-size', '200%', 'important'); }"
    )
