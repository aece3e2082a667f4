from django.contrib import admin

from core.admin import ReadOnlyAdmin
from governance.models import (
    Commission,
    CommissionVote,
    Decision,
    EqualityImpact,
    EqualityMonitoringCount,
    Evaluation,
    EvidenceItem,
    InterestDeclaration,
    InvolvementActivity,
    PopulationGroup,
    ResourceAllocation,
    ScrutinyComment,
    StageTransition,
)


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


@admin.register(EvidenceItem)
class EvidenceItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "cycle", "indicator", "added_by", "added_at"]
    list_filter = ["cycle"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
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


class ResourceAllocationInline(admin.TabularInline):
    model = ResourceAllocation
    extra = 0
    fields = ["kind", "amount", "description"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Commission)
class CommissionAdmin(ReadOnlyAdmin):
    """Drafting, changing, submitting and deciding go through the governance pages and services, which
    check who may decide, keep the equality assessment complete and write the record."""

    list_display = ["title", "cycle", "provider_type", "value", "status"]
    list_filter = ["status", "provider_type", "cycle"]
    search_fields = ["title", "provider_name"]
    list_select_related = ["cycle"]
    inlines = [ResourceAllocationInline]


@admin.register(InvolvementActivity)
class InvolvementActivityAdmin(ReadOnlyAdmin):
    """The duty to involve is evidenced by these rows: logged through the service, never edited after."""

    list_display = ["cycle", "stage", "purpose", "method", "held_on", "participant_count"]
    list_filter = ["stage", "purpose", "method", "cycle"]
    search_fields = ["summary", "residents_said", "what_changed"]
    list_select_related = ["cycle"]


@admin.register(PopulationGroup)
class PopulationGroupAdmin(admin.ModelAdmin):
    """Entered by an administrator from the Census: the public reach pages compare involvement with it."""

    list_display = ["characteristic", "group", "people", "source"]
    list_filter = ["characteristic"]
