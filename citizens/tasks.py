from celery import shared_task

from citizens.services import membership_decision_notify


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 8}, acks_late=True)
def send_membership_decision(membership_id: int) -> bool:
    """Tell an applicant their membership was decided. Safe to run twice: the service sends once."""
    return membership_decision_notify(membership_id=membership_id)
