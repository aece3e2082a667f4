"""Officers record indicator values in the app and see each indicator's trend against baseline and target."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from core.errors import DomainError
from core.models import AuditEvent
from outcomes import services
from outcomes.models import IndicatorValue
from outcomes.trend import progress, trend
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def _record(officer, indicator, start, value, **extra):
    return services.indicator_value_record(
        user=officer,
        indicator_id=indicator.pk,
        period_start=start,
        period_end=date(start.year + 1, start.month, start.day),
        value=Decimal(value),
        source="Annual resident survey",
        **extra,
    )


def test_recording_a_value_keeps_its_source_and_note_and_is_audited(officer):
    indicator = IndicatorFactory()

    recorded = _record(officer, indicator, date(2025, 4, 1), "12.5", note="New survey question this year.")

    assert (recorded.source, recorded.note, recorded.recorded_by) == (
        "Annual resident survey",
        "New survey question this year.",
        officer,
    )
    assert AuditEvent.objects.filter(action="indicator.value_recorded", object_id=recorded.pk).exists()


def test_a_period_is_recorded_once(officer):
    indicator = IndicatorFactory()
    _record(officer, indicator, date(2025, 4, 1), "12")

    with pytest.raises(DomainError) as refused:
        _record(officer, indicator, date(2025, 4, 1), "13")

    assert refused.value.code == "period_recorded"


def test_database_refuses_a_period_that_ends_before_it_starts():
    indicator = IndicatorFactory()

    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(
            indicator=indicator, period_start=date(2025, 4, 1), period_end=date(2025, 3, 1), value=1, source="x"
        )


def test_progress_says_how_far_from_baseline_to_target():
    assert progress(baseline=Decimal(10), target=Decimal(20), latest=Decimal(15)) == 50
    assert progress(baseline=Decimal(30), target=Decimal(10), latest=Decimal(35)) == -25


def test_trend_puts_higher_values_higher_on_the_chart():
    chart = trend([("2024", Decimal(10)), ("2025", Decimal(15))], baseline=Decimal(10), target=Decimal(20))

    (_x1, y1, _l1, _v1), (_x2, y2, _l2, _v2) = chart.dots
    assert y2 < y1 and chart.target_y < chart.baseline_y


def test_indicator_page_shows_the_trend_and_records_a_value(officer, client_for):
    indicator = IndicatorFactory(name="Young people in education, employment or training")
    _record(officer, indicator, date(2024, 4, 1), "11")
    client = client_for(officer)

    response = client.post(
        reverse("indicator_detail", args=[indicator.pk]),
        {
            "period_start": "2025-04-01",
            "period_end": "2026-03-31",
            "value": "14",
            "source": "Department for Education",
            "note": "",
        },
    )
    page = client.get(response["Location"]).content.decode()

    assert "<svg" in page and "<polyline" in page
    assert "Department for Education" in page
    assert indicator.values.count() == 2


def test_residents_cannot_record_values(resident, client_for):
    indicator = IndicatorFactory()

    assert client_for(resident).get(reverse("indicator_detail", args=[indicator.pk])).status_code == 403


def test_commission_links_the_indicators_it_should_move(officer):
    from governance import services as governance
    from tests.factories import CycleFactory

    indicator = IndicatorFactory()
    cycle = CycleFactory(stage="do")
    cycle.outcomes.add(indicator.outcome)

    commission = governance.commission_draft(
        user=officer,
        cycle_id=cycle.pk,
        title="Youth club",
        description="Evenings.",
        provider_type="cooperative",
        value=Decimal(1000),
        outcomes=[indicator.outcome],
        indicators=[indicator],
    )

    assert list(commission.indicators.all()) == [indicator]


def test_commission_refuses_an_indicator_of_another_outcome(officer):
    from governance import services as governance
    from tests.factories import CycleFactory

    indicator, other = IndicatorFactory(), IndicatorFactory()
    cycle = CycleFactory(stage="do")
    cycle.outcomes.add(indicator.outcome)

    with pytest.raises(DomainError) as refused:
        governance.commission_draft(
            user=officer,
            cycle_id=cycle.pk,
            title="Youth club",
            description="Evenings.",
            provider_type="cooperative",
            value=Decimal(1000),
            outcomes=[indicator.outcome],
            indicators=[other],
        )

    assert refused.value.code == "indicator_not_in_outcomes"
