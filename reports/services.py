"""Requesting and generating reports. The generation runs in Celery and reports its progress."""

import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from reports import builders
from reports.models import Report
from reports.tables import write_csv_zip, write_xlsx


@transaction.atomic
def report_request(*, kind: str, requested_by=None, cycle=None, period_start=None, period_end=None) -> Report:
    if kind == Report.Kind.CYCLE and cycle is None:
        raise DomainError(_("Choose the cycle to report on."), code="cycle_required")
    if kind == Report.Kind.MONTHLY_INVOLVEMENT and (period_start is None or period_end is None):
        period_start, period_end = previous_month(timezone.localdate())
    report = Report.objects.create(
        kind=kind, cycle=cycle, requested_by=requested_by, period_start=period_start, period_end=period_end
    )
    from reports.tasks import generate_report

    transaction.on_commit(lambda: _enqueue(generate_report, report.pk), robust=True)
    return report


def _enqueue(task, report_id: int) -> None:
    try:
        task.delay(report_id)
    except Exception:  # noqa: BLE001 - the request stays queued; the page says so and it can be retried
        Report.objects.filter(pk=report_id).update(step=_("Waiting for the task queue to come back."))


def previous_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _progress(report_id: int):
    def update(percent: int, step: str) -> None:
        Report.objects.filter(pk=report_id).update(progress=min(percent, 100), step=str(step)[:200])

    return update


def report_generate(*, report_id: int) -> bool:
    """Build the PDF, CSV and XLSX files. Claimed first, so a duplicate task does not build it twice."""
    claimed = Report.objects.filter(pk=report_id, status__in=[Report.Status.QUEUED, Report.Status.FAILED]).update(
        status=Report.Status.RUNNING, progress=1, step=_("Starting"), error=""
    )
    if not claimed:
        return False
    report = Report.objects.select_related("cycle").get(pk=report_id)
    progress = _progress(report_id)
    try:
        content = _content(report, progress)
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            progress(75, _("Writing the spreadsheet"))
            write_xlsx(content.tables, folder / "report.xlsx")
            progress(85, _("Writing the CSV tables"))
            write_csv_zip(content.tables, folder / "tables.zip")
            progress(90, _("Drawing the PDF"))
            _write_pdf(content, folder / "report.pdf")
            stem = _file_stem(report)
            for field, name in (("pdf", "report.pdf"), ("csv", "tables.zip"), ("xlsx", "report.xlsx")):
                with open(folder / name, "rb") as handle:
                    getattr(report, field).save(f"{stem}{Path(name).suffix}", File(handle), save=False)
        report.status, report.progress, report.step = Report.Status.DONE, 100, _("Ready")
        report.finished_at = timezone.now()
        report.save()
    except Exception as error:
        Report.objects.filter(pk=report_id).update(status=Report.Status.FAILED, error=str(error)[:2000])
        raise
    return True


def _content(report: Report, progress) -> builders.ReportContent:
    if report.kind == Report.Kind.CYCLE:
        return builders.cycle_report(report.cycle, progress)
    if report.kind == Report.Kind.MONTHLY_INVOLVEMENT:
        return builders.monthly_involvement_report(report.period_start, report.period_end, progress)
    return builders.outcomes_report(progress)


def _file_stem(report: Report) -> str:
    if report.cycle:
        return f"{report.cycle.slug}-{report.pk}"
    return f"{report.kind}-{report.pk}"


def _write_pdf(content: builders.ReportContent, path: Path) -> None:
    from weasyprint import HTML

    html = render_to_string("reports/report_pdf.html", {"content": content, "generated_at": timezone.now()})
    HTML(string=html).write_pdf(path)
