from celery import shared_task

from meetings import services


@shared_task(acks_late=True)
def remind_overdue_minutes() -> int:
    """Beat, daily: tell clerks whose minutes are past their deadline (each meeting once)."""
    return services.remind_overdue_minutes()
