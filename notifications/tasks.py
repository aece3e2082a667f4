from datetime import datetime

from celery import shared_task

from notifications import services

EMAIL_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "retry_kwargs": {"max_retries": 10},
}


@shared_task(acks_late=True, **EMAIL_RETRY)
def deliver_email(notification_id: int) -> bool:
    """Email one notice. Re-runs and duplicates send nothing twice: the service claims it first."""
    return services.deliver_email(notification_id=notification_id)


@shared_task(acks_late=True, **EMAIL_RETRY)
def deliver_event_emails(key: str) -> int:
    """Email everyone told about one event (a cycle opening, results): one task, each email claimed once."""
    return services.deliver_event_emails(key=key)


@shared_task(acks_late=True)
def deliver_recent_emails(since: str) -> int:
    """Email recent one-person notices (receipts and the like); each web process sends at most one a second."""
    return services.deliver_recent_emails(since=datetime.fromisoformat(since))


@shared_task(acks_late=True)
def retry_waiting_emails() -> int:
    """Pick up notices whose email never reached a worker (Redis was down) or whose worker died."""
    services.release_stale_claims()
    return services.enqueue_waiting(older_than=services.WAITING_GRACE)


@shared_task(acks_late=True, **EMAIL_RETRY)
def send_daily_digests() -> int:
    return services.send_digests(frequency="daily")


@shared_task(acks_late=True, **EMAIL_RETRY)
def send_weekly_digests() -> int:
    return services.send_digests(frequency="weekly")
