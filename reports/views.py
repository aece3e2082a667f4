from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from commissioning.models import CommissioningCycle
from core.errors import DomainError
from reports import services
from reports.models import Report


@permission_required("reports.view_reports")
def report_list(request):
    return render(
        request,
        "reports/report_list.html",
        {
            "reports": Report.objects.select_related("cycle", "requested_by")[:50],
            "cycles": CommissioningCycle.objects.order_by("-created_at"),
            "kinds": Report.Kind,
        },
    )


@require_POST
@permission_required("reports.request_report")
def report_request(request):
    kind = request.POST.get("kind", "")
    if kind not in Report.Kind.values:
        messages.error(request, _("Choose which report to prepare."))
        return redirect("report_list")
    cycle = None
    if kind == Report.Kind.CYCLE:
        cycle = CommissioningCycle.objects.filter(pk=request.POST.get("cycle") or None).first()
    try:
        report = services.report_request(kind=kind, cycle=cycle, requested_by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("report_list")
    return redirect("report_detail", pk=report.pk)


@permission_required("reports.view_reports")
def report_detail(request, pk: int):
    report = get_object_or_404(Report.objects.select_related("cycle"), pk=pk)
    return render(request, "reports/report_detail.html", {"report": report})


@permission_required("reports.view_reports")
def report_download(request, pk: int, part: str):
    report = get_object_or_404(Report, pk=pk, status=Report.Status.DONE)
    if part not in ("pdf", "csv", "xlsx"):
        raise Http404
    file = getattr(report, part)
    if not file:
        raise Http404
    return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])
