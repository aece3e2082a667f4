"""Reads for the public outcomes pages: indicators with their values, and who took part where."""

from django.db.models import Count, Prefetch, QuerySet, Sum

from citizens.models import Ward
from commissioning.models import Ballot, CommissioningCycle
from governance.models import Commission, EqualityMonitoringCount, MonitoringCharacteristic, PopulationGroup
from outcomes.models import Indicator, IndicatorValue, Outcome
from reports.maths import WardParticipation, progress_towards, rate


def outcomes_public() -> QuerySet[Outcome]:
    return Outcome.objects.annotate(indicator_count=Count("indicators")).order_by("title")


def indicators_with_values(outcomes) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(outcome__in=outcomes)
        .select_related("outcome")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("period_start")))
        .order_by("outcome__title", "name")
    )


def indicator_series(indicator: Indicator) -> dict:
    values = list(indicator.values.all())
    latest = values[-1].value if values else None
    return {
        "indicator": indicator,
        "values": values,
        "latest": latest,
        "progress": progress_towards(indicator.baseline, indicator.target, latest),
    }


def ward_reach(cycle: CommissioningCycle) -> list[WardParticipation]:
    """Voters in the cycle by the ward on their profile, against each ward's population and electorate."""
    by_ward = dict(
        Ballot.objects.filter(cycle=cycle)
        .values("voter__profile__ward_id")
        .annotate(n=Count("id"))
        .values_list("voter__profile__ward_id", "n")
    )
    rows = [
        WardParticipation(ward.name, by_ward.get(ward.pk, 0), ward.population, ward.electorate)
        for ward in Ward.objects.order_by("name")
    ]
    if by_ward.get(None):
        rows.append(WardParticipation("", by_ward[None], None, None))
    return rows


def equality_reach(cycle: CommissioningCycle) -> list[dict]:
    """Anonymous equality monitoring of the cycle's involvement, each group's share of those monitored for
    that characteristic, beside the group's share of the borough's population where it is held (of the
    groups held for that characteristic)."""
    rows = list(
        EqualityMonitoringCount.objects.filter(activity__cycle=cycle)
        .values("characteristic", "group")
        .annotate(people=Sum("count"))
        .order_by("characteristic", "group")
    )
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["characteristic"]] = totals.get(row["characteristic"], 0) + row["people"]
    population = {(p.characteristic, p.group): p.people for p in PopulationGroup.objects.all()}
    population_totals: dict[str, int] = {}
    for (characteristic, _group), people in population.items():
        population_totals[characteristic] = population_totals.get(characteristic, 0) + people
    labels = dict(MonitoringCharacteristic.choices)
    return [
        {
            "characteristic": labels.get(r["characteristic"], r["characteristic"]),
            "group": r["group"],
            "people": r["people"],
            "share": rate(r["people"], totals[r["characteristic"]]),
            "population_share": rate(
                population.get((r["characteristic"], r["group"]), 0), population_totals.get(r["characteristic"])
            )
            if (r["characteristic"], r["group"]) in population
            else None,
        }
        for r in rows
    ]


def commission_for_outcomes(pk: int) -> Commission | None:
    return (
        Commission.objects.exclude(status=Commission.Status.DRAFT)
        .filter(cycle__is_published=True, pk=pk)
        .select_related("cycle")
        .prefetch_related("outcomes")
        .first()
    )
