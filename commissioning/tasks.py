from celery import shared_task

from commissioning import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 8}, acks_late=True)
def send_ballot_receipt(ballot_id: int, version: int) -> bool:
    """Confirm a cast ballot by email. Safe to run twice: the service sends once per cast."""
    return services.ballot_receipt_notify(ballot_id=ballot_id, version=version)


@shared_task(acks_late=True)
def count_closed_cycles() -> list[int]:
    """Beat sweep: count cycles whose voting has closed. Idempotent: a counted cycle is skipped."""
    from commissioning.counting import count_closed_cycles as count

    return count()
