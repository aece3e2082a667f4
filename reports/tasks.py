from celery import shared_task

from reports import services
from reports.models import Report


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 3})
def generate_report(report_id: int) -> bool:
    return services.report_generate(report_id=report_id)


@shared_task(acks_late=True)
def monthly_involvement_report() -> int:
    """Beat, on the first of the month: last month's involvement report for officers."""
    return services.report_request(kind=Report.Kind.MONTHLY_INVOLVEMENT).pk
