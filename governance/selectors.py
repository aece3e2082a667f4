"""Read paths for governance. Each returns what its page shows, already fetched."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from commissioning.models import CommissioningCycle, Stage
from core.models import AuditEvent
from governance.models import (
    Commission,
    Decision,
    Evaluation,
    EvidenceItem,
    InvolvementActivity,
    ScrutinyComment,
    StageTransition,
)

PUBLIC_COMMISSION_STATUSES = [
    Commission.Status.SUBMITTED,
    Commission.Status.APPROVED,
    Commission.Status.REJECTED,
    Commission.Status.RETURNED,
]


@dataclass(frozen=True)
class TimelineEntry:
    stage: str
    label: str
    started_at: datetime | None
    moved_by: str
    override_reason: str
    is_current: bool


def cycle_timeline(cycle: CommissioningCycle) -> list[TimelineEntry]:
    """Each stage with when it started and who moved the cycle into it; Analyse starts when the cycle is made."""
    transitions = {t.to_stage: t for t in cycle.stage_transitions.select_related("moved_by")}
    order = [s.value for s in Stage]
    current = order.index(cycle.stage)
    entries = []
    for index, stage in enumerate(Stage):
        transition = transitions.get(stage.value)
        if stage == Stage.ANALYSE:
            started, by, reason = cycle.created_at, str(cycle.created_by or ""), ""
        elif transition:
            started, by, reason = transition.moved_at, str(transition.moved_by or ""), transition.override_reason
        else:
            started, by, reason = None, "", ""
        entries.append(
            TimelineEntry(
                stage.value,
                stage.label,
                started if index <= current else None,
                by if index <= current else "",
                reason,
                index == current,
            )
        )
    return entries


def involvement_for(cycle: CommissioningCycle) -> QuerySet[InvolvementActivity]:
    return (
        cycle.involvement_activities.select_related("recorded_by")
        .prefetch_related("wards", "equality_counts")
        .order_by("-held_on", "-created_at")
    )


def evidence_for(cycle: CommissioningCycle) -> QuerySet[EvidenceItem]:
    return cycle.evidence_items.select_related("indicator", "added_by")


def evaluations_for(cycle: CommissioningCycle) -> QuerySet[Evaluation]:
    return cycle.evaluations.select_related("outcome", "indicator", "recorded_by")


def public_audit_for(cycle: CommissioningCycle) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.within(cycle).public().select_related("actor")


def cycle_public_record(cycle: CommissioningCycle) -> dict:
    """What the public cycle page shows of the cycle's governance (a section registered in apps.py)."""
    return {
        "timeline": cycle_timeline(cycle),
        "events": public_audit_for(cycle)[:50],
        "evidence": evidence_for(cycle),
        "evaluations": evaluations_for(cycle),
        "activity_count": cycle.involvement_activities.count(),
        "commissions": commissions_public().filter(cycle=cycle),
    }


def commissions_public() -> QuerySet[Commission]:
    return (
        Commission.objects.filter(status__in=PUBLIC_COMMISSION_STATUSES, cycle__is_published=True)
        .select_related("cycle", "drafted_by")
        .prefetch_related("resources", "outcomes", "equality_impacts")
        .order_by("-submitted_at", "-created_at")
    )


def commissions_for_cycle(cycle: CommissioningCycle) -> QuerySet[Commission]:
    return cycle.commissions.select_related("drafted_by").prefetch_related("deciders").order_by("-created_at")


def commission_for_officers(pk: int) -> QuerySet[Commission]:
    return (
        Commission.objects.filter(pk=pk)
        .select_related("cycle", "drafted_by")
        .prefetch_related("resources", "outcomes", "priorities", "deciders", "equality_impacts")
    )


def commissions_to_decide(user) -> QuerySet[Commission]:
    return (
        Commission.objects.filter(deciders=user, status=Commission.Status.SUBMITTED)
        .select_related("cycle", "drafted_by")
        .order_by("submitted_at")
    )


def published_comments(commission: Commission) -> QuerySet[ScrutinyComment]:
    return commission.scrutiny_comments.filter(status=ScrutinyComment.Status.PUBLISHED).select_related("author")


def comments_to_moderate() -> QuerySet[ScrutinyComment]:
    return ScrutinyComment.objects.filter(status=ScrutinyComment.Status.PENDING).select_related(
        "author", "commission", "commission__cycle"
    )


def decision_log() -> QuerySet[Decision]:
    return (
        Decision.objects.filter(commission__cycle__is_published=True)
        .select_related("commission", "commission__cycle")
        .prefetch_related(
            Prefetch(
                "commission__scrutiny_comments",
                queryset=ScrutinyComment.objects.filter(status=ScrutinyComment.Status.PUBLISHED).select_related(
                    "author"
                ),
                to_attr="published_comments",
            )
        )
    )


def audit_trail() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("actor", "object_type", "context_type")


def stage_transitions(cycle: CommissioningCycle) -> QuerySet[StageTransition]:
    return cycle.stage_transitions.select_related("moved_by")
