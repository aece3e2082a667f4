from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from commissioning.models import CommissioningCycle, Stage
from delivery.models import Milestone, MilestoneSpend
from governance.models import Commission, Evaluation
from outcomes.models import Indicator, IndicatorValue
from reports.maths import progress_towards


def milestones_of(commission: Commission) -> QuerySet[Milestone]:
    return commission.milestones.prefetch_related("spend").order_by("planned_on", "pk")


def commissions_in_delivery() -> QuerySet[Commission]:
    return (
        Commission.objects.filter(status=Commission.Status.APPROVED, cycle__is_published=True)
        .select_related("cycle")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("planned_on", "pk")))
        .order_by("cycle__title", "title")
    )


def spend_against_resources(commission: Commission) -> list[dict]:
    """Per kind of resource: what was allocated and what milestones have reported spent."""
    spent = dict(
        MilestoneSpend.objects.filter(milestone__commission=commission)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    rows = []
    for resource in commission.resources.all():
        rows.append(
            {
                "kind": resource.get_kind_display(),
                "allocated": resource.amount,
                "description": resource.description,
                "spent": spent.pop(resource.kind, Decimal(0)),
            }
        )
    for kind, total in spent.items():  # spend reported against a kind nothing was allocated for
        rows.append(
            {"kind": dict(MilestoneSpend._meta.get_field("kind").choices)[kind], "allocated": None, "spent": total}
        )
    return rows


def indicator_progress(indicators) -> list[dict]:
    """Each indicator with its baseline, target, latest value and how far it has moved towards the target."""
    rows = []
    for indicator in indicators:
        values = list(indicator.values.all())
        latest = values[-1] if values else None
        rows.append(
            {
                "indicator": indicator,
                "values": values,
                "latest": latest,
                "progress": progress_towards(indicator.baseline, indicator.target, latest.value if latest else None),
            }
        )
    return rows


def _indicators_of(outcome_ids) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(outcome_id__in=outcome_ids)
        .select_related("outcome")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("period_start")))
    )


def evaluation_against_outcomes(cycle: CommissioningCycle) -> list[dict]:
    """The Review stage: for each outcome the cycle was meant to move, its evaluations and its indicators."""
    evaluations = Evaluation.objects.filter(cycle=cycle).select_related("indicator")
    by_outcome: dict[int, list] = {}
    for evaluation in evaluations:
        by_outcome.setdefault(evaluation.outcome_id, []).append(evaluation)
    indicators = list(_indicators_of(cycle.outcomes.values("pk")))
    return [
        {
            "outcome": outcome,
            "evaluations": by_outcome.get(outcome.pk, []),
            "indicators": indicator_progress(i for i in indicators if i.outcome_id == outcome.pk),
        }
        for outcome in cycle.outcomes.order_by("title")
    ]


def cycle_delivery(cycle: CommissioningCycle) -> dict:
    """What the public cycle page shows after the decision (a section registered in apps.py)."""
    return {
        "commissions": commissions_in_delivery().filter(cycle=cycle),
        "review": evaluation_against_outcomes(cycle) if cycle.stage == Stage.REVIEW else None,
    }
