"""Read paths for cycles. Each returns a queryset that already fetches what its page shows."""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from commissioning.models import Ballot, Commission, CommissioningCycle, Priority


def cycles_public() -> QuerySet[CommissioningCycle]:
    return (
        CommissioningCycle.objects.published()
        .select_related("cooperative")
        .prefetch_related("wards", "outcomes")
        .annotate(accepted_priority_count=Count("priorities", filter=Q(priorities__status=Priority.Status.ACCEPTED)))
        .order_by("voting_closes_at", "title")
    )


def cycles_open_now() -> QuerySet[CommissioningCycle]:
    return cycles_public().open_for_participation()


def cycle_priorities(cycle: CommissioningCycle) -> QuerySet[Priority]:
    return cycle.priorities.accepted().select_related("outcome").order_by("title")


def cycles_for_officers() -> QuerySet[CommissioningCycle]:
    return (
        CommissioningCycle.objects.select_related("cooperative", "created_by")
        .annotate(
            priority_count=Count("priorities", distinct=True),
            awaiting_moderation=Count(
                "priorities", filter=Q(priorities__status=Priority.Status.SUBMITTED), distinct=True
            ),
            ballot_count=Count("ballots", distinct=True),
        )
        .order_by("-created_at")
    )


def priorities_awaiting_moderation() -> QuerySet[Priority]:
    return Priority.objects.filter(status=Priority.Status.SUBMITTED).select_related("cycle", "proposer")


def commissions_awaiting_decision(councillor) -> QuerySet[Commission]:
    return (
        Commission.objects.filter(status=Commission.Status.SUBMITTED, deciders=councillor)
        .select_related("cycle", "drafted_by")
        .order_by("updated_at")
    )


def ballots_of(user):
    return user.ballots.select_related("cycle").order_by("-updated_at")


def ballot_of(user, cycle: CommissioningCycle) -> Ballot | None:
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(cycle=cycle, voter=user).prefetch_related("choices__priority").first()


def proposals_of(user) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(proposer=user).select_related("cycle", "outcome", "merged_into").order_by("-created_at")
    )


def priorities_to_moderate(cycle: CommissioningCycle) -> QuerySet[Priority]:
    return cycle.priorities.select_related("proposer", "outcome", "merged_into", "cycle").order_by(
        "status", "created_at"
    )


def total_cost(priorities, selected: dict[int, int]) -> Decimal:
    return sum((p.estimated_cost for p in priorities if p.pk in selected), Decimal(0))
