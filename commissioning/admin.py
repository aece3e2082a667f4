from django.contrib import admin

from commissioning.models import Ballot, CommissioningCycle, CycleResult, Priority

WINDOW_FIELDS = ["proposals_open_at", "proposals_close_at", "voting_opens_at", "voting_closes_at"]
BALLOT_FIELDS = [
    "budget",
    "ballot_type",
    "max_choices",
    "points_per_voter",
    "counting_rule",
    "minimum_support",
    "assurance",
]


def _ballot_fixed(cycle) -> bool:
    """Judged on the cycle as stored: a posted form may already have changed the instance in memory."""
    if cycle is None or cycle.pk is None:
        return False
    stored = CommissioningCycle.objects.only("voting_opens_at").get(pk=cycle.pk)
    return stored.is_ballot_fixed()


class PriorityInline(admin.TabularInline):
    """Shown read-only once voting opens: the ballot residents voted on cannot change under them."""

    model = Priority
    extra = 0
    fields = ["title", "estimated_cost", "outcome", "status"]
    readonly_fields = ["status"]  # moderation goes through its page, which tells the proposer
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return not _ballot_fixed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not _ballot_fixed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not _ballot_fixed(obj) and super().has_delete_permission(request, obj)


@admin.register(CommissioningCycle)
class CommissioningCycleAdmin(admin.ModelAdmin):
    list_display = ["title", "scope", "stage", "budget", "voting_opens_at", "voting_closes_at", "is_published"]
    list_filter = ["stage", "scope", "ballot_type", "counting_rule", "is_published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["wards", "outcomes"]
    autocomplete_fields = ["cooperative", "created_by"]
    inlines = [PriorityInline]
    fieldsets = (
        (None, {"fields": ["title", "slug", "summary", "stage", "is_published", "archived_at", "created_by"]}),
        ("Who takes part", {"fields": ["scope", "wards", "cooperative", "issue", "assurance"]}),
        ("Money and outcomes", {"fields": ["budget", "outcomes"]}),
        ("Windows", {"fields": ["proposals_open_at", "proposals_close_at", "voting_opens_at", "voting_closes_at"]}),
        (
            "Ballot and count",
            {"fields": ["ballot_type", "max_choices", "points_per_voter", "counting_rule", "minimum_support"]},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        """The budget, ballot and counting rule are what residents voted under: fixed once voting opens.
        The stage moves through the cycle's governance page, which checks the duty to involve and records it."""
        fixed = BALLOT_FIELDS if _ballot_fixed(obj) else []
        # Publishing, archiving and moving a published cycle's windows go through the officer pages'
        # services, which check the cycle is complete, ask for a reason and tell those affected.
        windows = WINDOW_FIELDS if obj is not None and obj.is_published else []
        return [*super().get_readonly_fields(request, obj), "stage", "is_published", "archived_at", *windows, *fixed]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "estimated_cost", "outcome", "status", "proposer"]
    list_filter = ["status", "cycle", "outcome"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["cycle", "proposer", "merged_into"]
    list_select_related = ["cycle", "outcome", "proposer"]
    # Moderation goes through the moderation page, which tells the proposer and keeps the audit trail.
    readonly_fields = ["status", "moderation_reason", "merged_into"]

    def get_readonly_fields(self, request, obj=None):
        """A priority stays in its cycle: moving it would change another cycle's ballot, perhaps mid-vote."""
        return [*super().get_readonly_fields(request, obj), *(["cycle"] if obj is not None else [])]

    def has_change_permission(self, request, obj=None) -> bool:
        """Once voting opens the ballot is fixed: residents voted on these titles and costs."""
        return not (obj is not None and _ballot_fixed(obj.cycle)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj is not None and _ballot_fixed(obj.cycle)) and super().has_delete_permission(request, obj)


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    """Read-only: ballots change only through the voting service, never by hand."""

    list_display = ["receipt_code", "cycle", "cast_at", "updated_at"]
    list_filter = ["cycle"]
    search_fields = ["receipt_code"]
    # The voter is not shown beside the receipt code: together they would unlock the published ballot.
    fields = ["cycle", "receipt_code", "cast_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        """No list of ballots by voter: with the receipt code it would name a row of the public ballot file."""
        if lookup.split("__")[0] == "voter":
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(CycleResult)
class CycleResultAdmin(admin.ModelAdmin):
    list_display = ["cycle", "rule", "computed_at", "budget", "spent"]
    list_filter = ["rule"]
    readonly_fields = ["cycle", "rule", "computed_at", "budget", "spent", "funded", "explanations", "counts"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
