"""Installations seeded before schedules were seeded once have the email sweep at the old 2 minutes.

Move it to 30 seconds (so waiting notices go out within a minute of an outage ending), but only if
it is still exactly the old default: a schedule an administrator chose is left alone.
"""

from django.db import migrations


def sweep_every_30_seconds(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    sweep = PeriodicTask.objects.filter(
        name="retry-waiting-emails", interval__every=120, interval__period="seconds"
    ).first()
    if sweep is None:
        return
    sweep.interval, _ = IntervalSchedule.objects.get_or_create(every=30, period="seconds")
    sweep.save(update_fields=["interval"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_hand_over_follows"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(sweep_every_30_seconds, migrations.RunPython.noop)]
