from celery import shared_task


@shared_task(acks_late=True)
def count_closed_cycles() -> list[int]:
    """Beat sweep: count cycles whose voting has closed. Idempotent: a counted cycle is skipped."""
    from commissioning.counting import count_closed_cycles as count

    return count()


@shared_task(acks_late=True)
def count_cycle(cycle_id: int) -> int:
    """Count one closed cycle (idempotent: an existing snapshot is returned, not recomputed)."""
    from commissioning.counting import cycle_count

    return cycle_count(cycle_id=cycle_id).pk
