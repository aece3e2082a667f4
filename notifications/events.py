"""The events people can be told about, declared once: name, who hears, and whether they can opt out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    CYCLE_OPEN_FOR_PROPOSALS = "cycle_open_for_proposals", _("A cycle you can take part in opens for proposals")
    CYCLE_OPEN_FOR_VOTING = "cycle_open_for_voting", _("A cycle you can take part in opens for voting")
    VOTING_CLOSING_SOON = "voting_closing_soon", _("Reminder: voting closes in 48 hours and you have not voted")
    CYCLE_WINDOW_CHANGED = "cycle_window_changed", _("A cycle you can take part in or follow changes when it closes")
    BALLOT_RECEIPT = "ballot_receipt", _("Your vote is recorded (receipt)")
    RESULTS_PUBLISHED = "results_published", _("Results are published for a cycle you voted in or follow")
    PROPOSAL_MODERATED = "proposal_moderated", _("Your proposal has been moderated")
    MEMBERSHIP_DECIDED = "membership_decided", _("Your co-operative membership application has been decided")
    COMMISSION_AWAITS_DECISION = "commission_awaits_decision", _("A commission awaits your decision")
    DECISION_TAKEN = "decision_taken", _("A decision is taken on a commission in a cycle you voted in or follow")
    MEMBERSHIP_RENEWAL_DUE = "membership_renewal_due", _("Your co-operative membership is due for renewal")
    MEMBERSHIP_ENDED = "membership_ended", _("Your co-operative membership has ended")
    MINUTES_OVERDUE = "minutes_overdue", _("Minutes of a meeting you clerk are overdue")
    QUESTION_ANSWERED = "question_answered", _("Your question to the council has been answered or moderated")
    MILESTONE_REPORTED = (
        "milestone_reported",
        _("A milestone of a commission in a cycle you voted in or follow is met or missed"),
    )


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Straight away")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    NEVER = "never", _("Not by email")


# Kinds of notice only some roles can receive; everyone else is not offered a choice about them.
ONLY_FOR_ROLES = {
    Event.COMMISSION_AWAITS_DECISION: {"councillor", "administrator"},
    Event.MINUTES_OVERDUE: {"officer", "administrator"},
}


def events_for_role(role: str) -> list[Event]:
    return [e for e in Event if e not in TRANSACTIONAL and role in ONLY_FOR_ROLES.get(e, {role})]


# Receipts confirm something the person just did; they always go out straight away by email.
TRANSACTIONAL = {Event.BALLOT_RECEIPT}
