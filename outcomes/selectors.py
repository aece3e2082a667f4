from django.db.models import Prefetch, QuerySet

from outcomes.models import Indicator, IndicatorValue, Outcome


def outcomes_with_indicators() -> QuerySet[Outcome]:
    """Every outcome with its indicators and their values in period order (three queries however many)."""
    return Outcome.objects.prefetch_related(
        Prefetch(
            "indicators",
            queryset=Indicator.objects.prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("period_start"))
            ),
        )
    ).order_by("title")


def indicator_values(indicator: Indicator) -> QuerySet[IndicatorValue]:
    return indicator.values.select_related("recorded_by").order_by("period_start")
