from celery import shared_task

from verification import services


@shared_task(acks_late=True)
def delete_expired_register_extracts() -> list[int]:
    """Beat, nightly: the entries of every extract past its retention period are deleted."""
    return services.register_extracts_expire()


@shared_task(acks_late=True)
def make_letters(run_id: int) -> bool:
    """A print run of voting-code letters, a file at a time (see `services.letter_run_make`)."""
    return services.letter_run_make(run_id=run_id)


@shared_task(acks_late=True)
def delete_expired_letters() -> list[int]:
    """Beat, nightly: the letters of every print run past its retention period are deleted."""
    return services.letter_runs_expire()
