from datetime import timedelta

import pytest
from django.utils import timezone

from core.workdays import subtract_working_days
from meetings import services


@pytest.fixture
def held_meeting(db, officer):
    """A commissioning board held 12 working days ago: its minutes (10 working days) are overdue."""
    held_on = subtract_working_days(timezone.localdate(), 12)
    starts = timezone.make_aware(timezone.datetime.combine(held_on, timezone.datetime.min.time())) + timedelta(hours=18)
    return services.meeting_schedule(
        user=officer,
        kind="commissioning_board",
        title="Youth commissioning board",
        starts_at=starts,
        location="Lambeth Town Hall",
        clerk=officer,
    )


@pytest.fixture
def upcoming_meeting(db, officer):
    return services.meeting_schedule(
        user=officer,
        kind="involvement",
        title="Youth forum",
        starts_at=timezone.now() + timedelta(days=7),
        location="Brixton youth centre",
        clerk=officer,
    )
