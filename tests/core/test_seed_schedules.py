"""Beat's schedules live in the database: seeding adds what is missing and never undoes an admin's edit."""

import pytest
from django.core.management import call_command
from django_celery_beat.models import IntervalSchedule, PeriodicTask


@pytest.mark.django_db
def test_seeding_again_keeps_the_schedule_an_administrator_changed(settings):
    call_command("seed_schedules")
    sweep = PeriodicTask.objects.get(name="retry-waiting-emails")
    sweep.interval = IntervalSchedule.objects.create(every=45, period=IntervalSchedule.SECONDS)
    sweep.save()

    call_command("seed_schedules")  # what `make beat` and docker-compose do on every start

    assert PeriodicTask.objects.get(name="retry-waiting-emails").interval.every == 45
    assert PeriodicTask.objects.count() == len(settings.PERIODIC_TASKS)


@pytest.mark.django_db
def test_seeding_adds_a_job_the_database_lacks_with_its_crontab():
    call_command("seed_schedules")

    digest = PeriodicTask.objects.get(name="send-daily-digests")
    assert (digest.crontab.hour, digest.crontab.minute, digest.task) == (
        "7",
        "30",
        "notifications.tasks.send_daily_digests",
    )


def test_beat_is_given_no_static_schedule_to_write_over_the_database():
    from config.celery import app

    assert not app.conf.beat_schedule


@pytest.mark.django_db
def test_an_installation_still_on_the_old_two_minute_sweep_is_moved_to_30_seconds():
    from importlib import import_module

    from django.apps import apps

    step = import_module("notifications.migrations.0003_sweep_waiting_emails_every_30_seconds")
    old = IntervalSchedule.objects.create(every=120, period=IntervalSchedule.SECONDS)
    task = "notifications.tasks.retry_waiting_emails"
    PeriodicTask.objects.create(name="retry-waiting-emails", task=task, interval=old)

    step.sweep_every_30_seconds(apps, None)

    assert PeriodicTask.objects.get(name="retry-waiting-emails").interval.every == 30
