"""Follows take commissioning's table name; the beat schedule names the announcements' new task."""

from django.db import migrations

OLD_TASK, NEW_TASK = "notifications.tasks.announce_cycle_events", "commissioning.tasks.announce_cycle_events"


def rename_task(apps, schema_editor, old=OLD_TASK, new=NEW_TASK):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=old).update(task=new)


def rename_task_back(apps, schema_editor):
    rename_task(apps, schema_editor, old=NEW_TASK, new=OLD_TASK)


class Migration(migrations.Migration):

    dependencies = [
        ("commissioning", "0004_hand_over_commissions_take_follows"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("notifications", "0002_hand_over_follows"),
    ]

    operations = [
        migrations.AlterModelTable(name="follow", table=None),
        migrations.RunPython(rename_task, rename_task_back),
    ]
