"""Add the jobs of settings.PERIODIC_TASKS that the database lacks; leave every existing one alone.

Run before beat starts (`make beat`, docker-compose). Beat reads the schedules from the database,
where administrators edit them (Admin → Periodic tasks), so an edit survives restarts and deploys.
A job deleted in the admin comes back on the next start; to stop one, disable it instead.
"""

from celery.schedules import crontab
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask


def seed_schedules(periodic_tasks: dict[str, dict]) -> list[str]:
    """Create the periodic tasks missing from the database; returns the names created."""
    created = []
    with transaction.atomic():
        existing = set(PeriodicTask.objects.filter(name__in=periodic_tasks).values_list("name", flat=True))
        for name, entry in periodic_tasks.items():
            if name in existing:
                continue
            schedule = entry["schedule"]
            if isinstance(schedule, crontab):
                when = {
                    "crontab": CrontabSchedule.objects.get_or_create(
                        minute=schedule._orig_minute,
                        hour=schedule._orig_hour,
                        day_of_week=schedule._orig_day_of_week,
                        day_of_month=schedule._orig_day_of_month,
                        month_of_year=schedule._orig_month_of_year,
                        timezone=settings.CELERY_TIMEZONE,
                    )[0]
                }
            else:
                when = {
                    "interval": IntervalSchedule.objects.get_or_create(
                        every=int(schedule), period=IntervalSchedule.SECONDS
                    )[0]
                }
            PeriodicTask.objects.create(name=name, task=entry["task"], **when)
            created.append(name)
    return created


class Command(BaseCommand):
    help = "Add the periodic jobs the database lacks (settings.PERIODIC_TASKS); never change existing ones."

    def handle(self, *args, **options):
        created = seed_schedules(settings.PERIODIC_TASKS)
        self.stdout.write(f"Periodic tasks added: {', '.join(created) or 'none'}")
