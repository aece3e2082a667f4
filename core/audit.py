"""The audit trail: every state change records who, when, and the object before and after.

Services in any app call `record` inside their transaction, so the event commits or rolls back
with the change it describes. Each app names its own actions (`describe_actions`, called from its
AppConfig.ready), so the trail reads in words without this floor knowing the apps above it.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.forms.models import model_to_dict

from core.models import AuditEvent


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


def record(
    *,
    actor,
    obj: models.Model,
    action: str,
    context: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    public: bool = False,
) -> AuditEvent:
    """Record one state change. `actor` may be None for changes made by the system itself.

    `context` is what the event belongs to on a public timeline (a cycle, say); it defaults to nothing.
    """
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        object_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        context_type=ContentType.objects.get_for_model(context) if context is not None else None,
        context_id=context.pk if context is not None else None,
        action=action,
        before=before,
        after=after,
        is_public=public,
    )


def record_many(
    *,
    actor,
    action: str,
    changes: list[tuple[models.Model, models.Model | None, dict | None, dict | None]],
    public: bool = False,
) -> int:
    """Record one action taken on many objects at once (a bulk decision), in one INSERT.

    `changes` holds (object, context, before, after) for each. Returns how many events were written.
    """
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    events = [
        AuditEvent(
            actor=actor,
            object_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            object_repr=str(obj)[:200],
            context_type=ContentType.objects.get_for_model(context) if context is not None else None,
            context_id=context.pk if context is not None else None,
            action=action,
            before=before,
            after=after,
            is_public=public,
        )
        for obj, context, before, after in changes
    ]
    return len(AuditEvent.objects.bulk_create(events, batch_size=2000))


_action_labels: dict[str, Any] = {}


def describe_actions(labels: Mapping[str, Any]) -> None:
    """Name an app's actions in words residents and officers read (the codes stay for exports)."""
    _action_labels.update(labels)


def action_label(action: str) -> str:
    return str(_action_labels.get(action, action))
