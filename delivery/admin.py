from django.contrib import admin

from core.admin import ReadOnlyAdmin
from delivery.models import Milestone


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    """Read-only: milestones are planned and reported through delivery.services, which tells followers."""

    list_display = ["title", "commission", "planned_on", "actual_on", "status"]
    list_filter = ["status"]
