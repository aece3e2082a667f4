"""The beat-driven announcements: windows opening and the 48-hour reminder. Safe to run as often as wanted:
every notice has a key, so a second sweep finds nothing new to say."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commissioning.models import CommissioningCycle
from commissioning.selectors import eligible_voters
from notifications.events import Event
from notifications.services import notify

REMINDER_BEFORE_CLOSE = timedelta(hours=48)


def _cycle_url(cycle) -> str:
    return reverse("cycle_detail", args=[cycle.slug])


@transaction.atomic
def announce_cycle_events(now=None) -> int:
    now = now or timezone.now()
    made = 0
    published = CommissioningCycle.objects.published()
    for cycle in published.filter(proposals_open_at__lte=now, proposals_close_at__gt=now):
        made += notify(
            event=Event.CYCLE_OPEN_FOR_PROPOSALS,
            recipient_ids=eligible_voters(cycle).values_list("pk", flat=True),
            key=f"cycle:{cycle.pk}:proposals-open",
            context={"cycle": cycle},
            url=_cycle_url(cycle),
        )
    for cycle in published.filter(voting_opens_at__lte=now, voting_closes_at__gt=now):
        made += notify(
            event=Event.CYCLE_OPEN_FOR_VOTING,
            recipient_ids=eligible_voters(cycle).values_list("pk", flat=True),
            key=f"cycle:{cycle.pk}:voting-open",
            context={"cycle": cycle},
            url=_cycle_url(cycle),
        )
        if cycle.voting_closes_at - now <= REMINDER_BEFORE_CLOSE:
            not_voted = eligible_voters(cycle).exclude(ballots__cycle=cycle)
            made += notify(
                event=Event.VOTING_CLOSING_SOON,
                recipient_ids=not_voted.values_list("pk", flat=True),
                key=f"cycle:{cycle.pk}:closing-soon",
                context={"cycle": cycle},
                url=_cycle_url(cycle),
            )
    return made
