"""Planning and reporting milestones of approved commissions; followers are told when one is met or missed."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commissioning import selectors as cycle_selectors
from core import audit
from core.errors import DomainError
from delivery.models import Milestone, MilestoneSpend
from governance.models import Commission, ResourceKind
from notifications.events import Event
from notifications.services import notify

NOT_APPROVED = _("Milestones are planned for approved commissions only.")
ALREADY_REPORTED = _("This milestone has been reported. A report is not changed; plan a new milestone instead.")
MET_NEEDS_DATE = _("Give the date the milestone was met.")
MET_IN_FUTURE = _("The date met cannot be in the future.")
NOTE_REQUIRED = _("Say what happened.")
SPEND_NEGATIVE = _("Spend cannot be negative.")


@transaction.atomic
def milestone_plan(*, user, commission_id: int, title: str, planned_on: date, description: str = "") -> Milestone:
    commission = Commission.objects.select_for_update().get(pk=commission_id)
    if commission.status != Commission.Status.APPROVED:
        raise DomainError(NOT_APPROVED, code="commission_not_approved")
    if not title.strip():
        raise DomainError(_("Name the milestone."), code="milestone_title_required", field="title")
    milestone = Milestone.objects.create(
        commission=commission,
        title=title.strip(),
        description=description.strip(),
        planned_on=planned_on,
        planned_by=user,
    )
    audit.record(
        actor=user,
        obj=milestone,
        context=commission.cycle,
        action="milestone.planned",
        after=audit.snapshot(milestone, ["title", "planned_on"]),
        public=True,
    )
    return milestone


@transaction.atomic
def milestone_report(
    *,
    user,
    milestone_id: int,
    met: bool,
    note: str,
    actual_on: date | None = None,
    spend: dict[str, Decimal] | None = None,
) -> Milestone:
    """Report a milestone met (with its date) or missed, with spend by kind of resource; tell the cycle's audience."""
    milestone = Milestone.objects.select_for_update().select_related("commission__cycle").get(pk=milestone_id)
    if milestone.status != Milestone.Status.PLANNED:
        raise DomainError(ALREADY_REPORTED, code="milestone_already_reported")
    if not note.strip():
        raise DomainError(NOTE_REQUIRED, code="milestone_note_required", field="note")
    if met and actual_on is None:
        raise DomainError(MET_NEEDS_DATE, code="milestone_date_required", field="actual_on")
    if met and actual_on > timezone.localdate():
        raise DomainError(MET_IN_FUTURE, code="milestone_date_in_future", field="actual_on")
    spend = {kind: amount for kind, amount in (spend or {}).items() if amount is not None}
    if any(amount < 0 for amount in spend.values()):
        raise DomainError(SPEND_NEGATIVE, code="spend_negative")
    milestone.status = Milestone.Status.MET if met else Milestone.Status.MISSED
    milestone.actual_on = actual_on if met else None
    milestone.note = note.strip()
    milestone.reported_by, milestone.reported_at = user, timezone.now()
    milestone.save()
    MilestoneSpend.objects.bulk_create(
        MilestoneSpend(milestone=milestone, kind=ResourceKind(kind), amount=amount) for kind, amount in spend.items()
    )
    cycle = milestone.commission.cycle
    audit.record(
        actor=user,
        obj=milestone,
        context=cycle,
        action=f"milestone.{milestone.status}",
        after=audit.snapshot(milestone, ["status", "actual_on", "note"])
        | {"spend": {k: str(v) for k, v in spend.items()}},
        public=True,
    )
    notify(
        event=Event.MILESTONE_REPORTED,
        recipient_ids=cycle_selectors.cycle_audience(cycle.pk),
        key=f"milestone:{milestone.pk}:{milestone.status}",
        context={"milestone": milestone},
        url=reverse("commission_delivery", args=[milestone.commission_id]),
    )
    return milestone
