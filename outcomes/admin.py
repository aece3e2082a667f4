from django.contrib import admin

from outcomes.models import Indicator, IndicatorValue, Outcome


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["title"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [IndicatorInline]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 1
    readonly_fields = ["recorded_at"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "outcome", "unit", "direction", "baseline", "target"]
    list_filter = ["outcome", "direction"]
    search_fields = ["name"]
    inlines = [IndicatorValueInline]
