from celery import shared_task


@shared_task(acks_late=True)
def membership_renewals() -> dict[str, int]:
    """Beat, daily: remind members whose renewal is near and lapse those who did not renew. Idempotent."""
    from citizens.services import membership_renewals_sweep

    return membership_renewals_sweep()
