"""Participation reach: who took part, read against who lives in the borough."""

import pytest
from django.urls import reverse
from lxml import html

from governance.models import EqualityMonitoringCount, PopulationGroup
from tests.factories import CycleFactory, InvolvementActivityFactory


def _equality_rows(client, cycle) -> list[list[str]]:
    page = html.fromstring(client.get(reverse("cycle_reach", args=[cycle.slug])).content)
    rows = page.xpath('//table[@id="equality-reach"]/tbody/tr')
    return [[cell.text_content().strip() for cell in row.xpath("td")] for row in rows]


@pytest.mark.django_db
def test_each_equality_group_is_shown_against_its_share_of_the_borough(client):
    cycle = CycleFactory(is_published=True)
    activity = InvolvementActivityFactory(cycle=cycle)
    for group, count in [("16 to 24", 30), ("65 and over", 10), ("Under 16", 10)]:
        EqualityMonitoringCount.objects.create(activity=activity, characteristic="age_band", group=group, count=count)
    PopulationGroup.objects.create(characteristic="age_band", group="16 to 24", people=1_000, source="Census 2021")
    PopulationGroup.objects.create(characteristic="age_band", group="65 and over", people=3_000, source="Census 2021")

    rows = _equality_rows(client, cycle)

    assert rows == [
        ["Age band", "16 to 24", "30", "60.0%", "25.0%"],
        ["Age band", "65 and over", "10", "20.0%", "75.0%"],
        ["Age band", "Under 16", "10", "20.0%", "Not held"],
    ]
