from celery import shared_task


@shared_task(acks_late=True)
def count_closed_cycles() -> list[int]:
    """Beat sweep: count cycles whose voting has closed. Idempotent: a counted cycle is skipped."""
    from commissioning.counting import count_closed_cycles as count

    return count()
