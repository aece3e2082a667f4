from django.contrib import admin

from citizens.models import Cooperative, Membership, ResidentProfile, Ward


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


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["member"]
    readonly_fields = ["applied_at", "decided_by"]
    fields = ["member", "status", "member_number", "applied_at", "joined_at", "ended_at", "decided_by"]


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ["name", "min_age", "max_age", "is_open_to_applications"]
    search_fields = ["name"]
    filter_horizontal = ["wards"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "cooperative", "status", "member_number", "applied_at", "joined_at"]
    list_filter = ["cooperative", "status"]
    search_fields = ["member__email", "member__full_name"]
    autocomplete_fields = ["member", "cooperative"]
    readonly_fields = ["applied_at", "decided_by"]
    list_select_related = ["member", "cooperative"]
