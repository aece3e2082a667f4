"""The audit trail: every state change records who, when, and the object before and after.

Services in any app call `record` inside their transaction, so the event commits or rolls back
with the change it describes.
"""

from typing import Any

from django.db import models
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from governance.models import AuditEvent


def snapshot(obj: models.Model | None, fields: list[str] | None = None) -> dict[str, Any] | None:
    """A JSON-ready dict of an object's own fields (foreign keys as ids, many-to-many left out)."""
    if obj is None:
        return None
    names = fields or [f.name for f in obj._meta.concrete_fields]
    data = model_to_dict(obj, fields=names)
    for name in names:
        field = obj._meta.get_field(name)
        if field.is_relation and field.many_to_one:
            data[name] = getattr(obj, field.attname)
        elif hasattr(data.get(name), "name") and not isinstance(data.get(name), str):
            data[name] = data[name].name or ""
    return data


def _cycle_id_of(obj: models.Model) -> int | None:
    from commissioning.models import CommissioningCycle

    if isinstance(obj, CommissioningCycle):
        return obj.pk
    if hasattr(obj, "cycle_id"):
        return obj.cycle_id
    commission = getattr(obj, "commission", None)
    return getattr(commission, "cycle_id", None)


def record(
    *,
    actor,
    obj: models.Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    public: bool = False,
) -> AuditEvent:
    """Record one state change. `actor` may be None for changes made by the system itself."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        cycle_id=_cycle_id_of(obj),
        action=action,
        before=before,
        after=after,
        is_public=public,
    )


# What each recorded action means, in words residents and officers read (the codes stay for exports).
ACTION_LABELS = {
    "priority.proposed": _("Priority proposed"),
    "priority.revised": _("Priority revised by its proposer"),
    "priority.accept": _("Priority accepted for the ballot"),
    "priority.request_changes": _("Changes asked of the proposer"),
    "priority.merge": _("Priority merged into another"),
    "priority.reject": _("Priority not accepted"),
    "cycle.stage_moved": _("Cycle moved to its next stage"),
    "cycle.stage_moved_with_override": _("Cycle moved on without logged involvement (override, with reason)"),
    "cycle.result_computed": _("Votes counted"),
    "involvement.logged": _("Involvement activity logged"),
    "evidence.added": _("Evidence of need added"),
    "evaluation.recorded": _("Evaluation recorded"),
    "commission.drafted": _("Commission drafted"),
    "commission.changed": _("Commission changed"),
    "commission.equality_assessed": _("Equality impact assessed"),
    "commission.submitted": _("Commission submitted for decision"),
    "commission.deciders_added": _("Councillors added to decide a commission"),
    "commission.interest_declared": _("Councillor declared interests"),
    "commission.vote_cast": _("Councillor voted"),
    "commission.approved": _("Commission approved"),
    "commission.rejected": _("Commission rejected"),
    "commission.returned": _("Commission returned for changes"),
    "comment.written": _("Scrutiny comment written"),
    "comment.published": _("Scrutiny comment published"),
    "comment.hidden": _("Scrutiny comment hidden"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
