"""The audit trail moves to the ground floor (core): every row is copied, with its link to what it
describes and to its cycle turned into content-type links, then governance's table goes.

Events about models that moved between apps are relabelled with their new home.
"""

from django.core.management.color import no_style
from django.db import migrations

RELABELLED = {
    "commissioning.commission": "governance.commission",
    "commissioning.resourceallocation": "governance.resourceallocation",
    "commissioning.involvementactivity": "governance.involvementactivity",
    "notifications.follow": "commissioning.follow",
}
BATCH = 2000


def _content_type(ContentType, label: str):
    app_label, model = label.split(".", 1)
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def copy_to_core(apps, schema_editor):
    Old = apps.get_model("governance", "AuditEvent")
    New = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types: dict = {}
    cycle_type = _content_type(ContentType, "commissioning.commissioningcycle")
    rows = []
    for event in Old.objects.order_by("pk").iterator(chunk_size=BATCH):
        label = RELABELLED.get(event.object_type, event.object_type)
        if label not in types:
            types[label] = _content_type(ContentType, label)
        rows.append(
            New(
                pk=event.pk,
                actor_id=event.actor_id,
                at=event.at,
                object_type=types[label],
                object_id=int(event.object_id),
                object_repr=event.object_repr,
                context_type=cycle_type if event.cycle_id else None,
                context_id=event.cycle_id,
                action=event.action,
                before=event.before,
                after=event.after,
                is_public=event.is_public,
            )
        )
        if len(rows) >= BATCH:
            New.objects.bulk_create(rows)
            rows = []
    New.objects.bulk_create(rows)
    _reset_ids(schema_editor, New)


def copy_back(apps, schema_editor):
    Old = apps.get_model("governance", "AuditEvent")
    New = apps.get_model("core", "AuditEvent")
    unlabelled = {new: old for old, new in RELABELLED.items()}
    rows = []
    for event in New.objects.select_related("object_type", "context_type").order_by("pk").iterator(chunk_size=BATCH):
        label = f"{event.object_type.app_label}.{event.object_type.model}"
        in_cycle = event.context_type is not None and event.context_type.model == "commissioningcycle"
        rows.append(
            Old(
                pk=event.pk,
                actor_id=event.actor_id,
                at=event.at,
                object_type=unlabelled.get(label, label),
                object_id=str(event.object_id),
                object_repr=event.object_repr,
                cycle_id=event.context_id if in_cycle else None,
                action=event.action,
                before=event.before,
                after=event.after,
                is_public=event.is_public,
            )
        )
    Old.objects.bulk_create(rows, batch_size=BATCH)
    New.objects.all().delete()
    _reset_ids(schema_editor, Old)


def _reset_ids(schema_editor, model) -> None:
    """Rows were written with their old ids; the next new row must not collide with them."""
    statements = schema_editor.connection.ops.sequence_reset_sql(no_style(), [model])
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("commissioning", "0005_follow_table"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("governance", "0003_own_tables"),
    ]

    operations = [
        migrations.RunPython(copy_to_core, copy_back),
        migrations.DeleteModel(name="AuditEvent"),
    ]
