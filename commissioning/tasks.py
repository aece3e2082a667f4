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


@shared_task(acks_late=True)
def announce_cycle_events() -> int:
    """Beat sweep: windows opening and the 48-hour reminder; keyed, so a repeat says nothing new."""
    from commissioning.announcements import announce_cycle_events as announce

    return announce()
