from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citizens import services
from citizens.models import BoardMember, Cooperative, Membership, ResidentProfile, Ward
from core.admin import ReadOnlyAdmin
from core.errors import DomainError

# The membership service owns these: it numbers members gaplessly, tells the applicant and keeps the record.
MEMBERSHIP_DECIDED_FIELDS = [
    "status",
    "member_number",
    "joined_at",
    "renew_by",
    "ended_at",
    "decided_by",
    "decision_reason",
]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "population", "electorate"]
    search_fields = ["name", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ResidentProfile)
class ResidentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "ward", "year_of_birth", "preferred_language"]
    list_filter = ["ward", "preferred_language"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user", "ward"]
    list_select_related = ["user", "ward"]
    # A move of ward goes through "Your details", which refuses it while the resident's ward vote is open.
    readonly_fields = ["ward"]


class MembershipInline(admin.TabularInline):
    """Shown, never edited here: applications are decided in the membership queue or by the admin action."""

    model = Membership
    extra = 0
    fields = ["member", "status", "member_number", "applied_at", "joined_at", "ended_at", "decided_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ["name", "min_age", "max_age", "is_open_to_applications"]
    search_fields = ["name"]
    filter_horizontal = ["wards"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    # Set on the co-operative's board page, through the service that records who changed it.
    readonly_fields = ["council_signoff_above"]


@admin.register(BoardMember)
class BoardMemberAdmin(ReadOnlyAdmin):
    """Seats are given and ended on the co-operative's board page, through the audited services."""

    list_display = ["member", "cooperative", "appointment", "term_start", "term_end", "ended_early_on"]
    list_filter = ["cooperative", "appointment"]
    list_select_related = ["member", "cooperative"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "cooperative", "status", "member_number", "applied_at", "joined_at"]
    list_filter = ["cooperative", "status"]
    search_fields = ["member__email", "member__full_name"]
    autocomplete_fields = ["member", "cooperative"]
    readonly_fields = ["member", "cooperative", "applied_at", *MEMBERSHIP_DECIDED_FIELDS]
    list_select_related = ["member", "cooperative"]
    actions = ["approve"]

    def has_add_permission(self, request) -> bool:
        return False  # residents apply themselves; the service checks eligibility

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a member's number is never reused, so the row stays

    @admin.action(description=_("Approve the selected applications"))
    def approve(self, request, queryset) -> None:
        approved, refused = 0, []
        for membership in queryset.order_by("applied_at"):
            try:
                services.membership_approve(membership_id=membership.pk, officer=request.user)
            except DomainError as error:
                refused.append(f"{membership}: {error.message}")
            else:
                approved += 1
        if approved:
            self.message_user(
                request,
                ngettext("%(n)s application approved.", "%(n)s applications approved.", approved) % {"n": approved},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)
