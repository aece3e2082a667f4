from django.contrib import admin

from governance.models import (
    AuditEvent,
    CommissionVote,
    Decision,
    EqualityImpact,
    EqualityMonitoringCount,
    Evaluation,
    EvidenceItem,
    InterestDeclaration,
    ScrutinyComment,
    StageTransition,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The record as it was: nothing here is added, changed or deleted by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["commission", "decision_round", "result", "decided_at"]
    list_filter = ["result"]
    search_fields = ["commission__title"]


@admin.register(CommissionVote)
class CommissionVoteAdmin(ReadOnlyAdmin):
    list_display = ["commission", "councillor", "decision_round", "choice", "cast_at"]


@admin.register(InterestDeclaration)
class InterestDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["commission", "councillor", "decision_round", "has_interest", "declared_at"]


@admin.register(StageTransition)
class StageTransitionAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "from_stage", "to_stage", "moved_by", "moved_at", "override_reason"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "object_repr", "is_public"]
    list_filter = ["action", "is_public", "object_type"]
    search_fields = ["object_repr", "action"]


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "indicator", "added_by", "added_at"]
    list_filter = ["cycle"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["cycle", "outcome", "rating", "recorded_by", "recorded_at"]
    list_filter = ["rating", "cycle"]


@admin.register(EqualityImpact)
class EqualityImpactAdmin(ReadOnlyAdmin):
    list_display = ["commission", "characteristic", "impact"]


@admin.register(EqualityMonitoringCount)
class EqualityMonitoringCountAdmin(ReadOnlyAdmin):
    list_display = ["activity", "characteristic", "group", "count"]


@admin.register(ScrutinyComment)
class ScrutinyCommentAdmin(ReadOnlyAdmin):
    list_display = ["commission", "author", "status", "created_at"]
    list_filter = ["status"]
