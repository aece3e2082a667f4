"""Every open data page × every role: all public, by design."""

import pytest
from django.urls import reverse

from governance.models import Decision
from opendata import urls
from tests.factories import CommissionFactory, IndicatorFactory
from tests.matrix import PUBLIC, ROLES, check_page, user_for

PAGES = {
    "data_page": (None, 200),
    "dataset_download": ("dataset", 200),
    "ocds_releases": (None, 200),
    "ocds_records": (None, 200),
    "ocds_commission_record": ("commission", 200),
    "outcome_list": (None, 200),
    "outcome_detail": ("outcome", 200),
    "commission_outcomes": ("commission", 200),
    "cycle_reach": ("cycle", 200),
}


def test_every_opendata_url_has_a_row_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)


@pytest.fixture
def objects(db):
    indicator = IndicatorFactory()
    commission = CommissionFactory(status="approved", provider_name="Lambeth Youth Trust")
    commission.outcomes.add(indicator.outcome)
    Decision.objects.create(commission=commission, decision_round=1, result="approved", quorum=1, explanation="x")
    return {
        "dataset": ["cycles", "csv"],
        "commission": [commission.pk],
        "outcome": [indicator.outcome.slug],
        "cycle": [commission.cycle.slug],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_follows_role(request, client_for, objects, role, name):
    needs, status = PAGES[name]
    url = reverse(name, args=objects[needs] if needs else [])

    check_page(client_for(user_for(request, role)), method="get", url=url, role=role, allowed=PUBLIC, status=status)


@pytest.mark.django_db
def test_an_unknown_dataset_or_format_is_not_found(client):
    assert client.get("/data/people.csv").status_code == 404
    assert client.get("/data/cycles.xml").status_code == 404


@pytest.mark.django_db
def test_a_draft_commission_has_no_public_record(client):
    draft = CommissionFactory(status="draft")

    assert client.get(reverse("ocds_commission_record", args=[draft.pk])).status_code == 404
    assert client.get(reverse("commission_outcomes", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_an_outcome_page_draws_each_indicator_with_a_table_beside_it(client, objects):
    from outcomes.models import Indicator

    indicator = Indicator.objects.get()

    page = client.get(reverse("outcome_detail", args=[indicator.outcome.slug])).content.decode()

    assert page.count("<svg") == 1 and 'role="img"' in page
    assert f"{indicator.name} ({indicator.unit})" in page  # the table's caption
    assert "no values measured yet" in page
