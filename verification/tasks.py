from celery import shared_task

from verification import services


@shared_task(acks_late=True)
def delete_expired_register_extracts() -> list[int]:
    """Beat, nightly: the entries of every extract past its retention period are deleted."""
    return services.register_extracts_expire()
