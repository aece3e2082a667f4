from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import permission_required
from core.errors import DomainError
from delivery import selectors, services
from delivery.forms import MilestoneForm, MilestoneReportForm
from governance import selectors as governance_selectors
from governance.models import Commission


def _add_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    for message in error.details:
        form.add_error(field, message)


@permission_required("delivery.view_delivery")
def commission_delivery(request, pk: int):
    commission = get_object_or_404(governance_selectors.commissions_public(), pk=pk)
    return render(
        request,
        "delivery/commission_delivery.html",
        {
            "commission": commission,
            "milestones": selectors.milestones_of(commission),
            "spend": selectors.spend_against_resources(commission),
        },
    )


@permission_required("delivery.manage_delivery")
def milestones_manage(request, pk: int):
    commission = Commission.objects.select_related("cycle").filter(pk=pk).first()
    if commission is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    plan_form = MilestoneForm(request.POST if action == "plan" else None, prefix="plan")
    milestones = list(selectors.milestones_of(commission))
    report_forms = {
        m.pk: MilestoneReportForm(request.POST if action == f"report-{m.pk}" else None, prefix=f"m{m.pk}")
        for m in milestones
        if m.status == m.Status.PLANNED
    }
    try:
        if action == "plan" and plan_form.is_valid():
            services.milestone_plan(user=request.user, commission_id=commission.pk, **plan_form.cleaned_data)
            messages.success(request, _("The milestone has been planned."))
            return redirect("milestones_manage", pk=pk)
        for milestone_id, form in report_forms.items():
            if action == f"report-{milestone_id}" and form.is_valid():
                services.milestone_report(user=request.user, milestone_id=milestone_id, **form.service_kwargs())
                messages.success(request, _("The milestone has been reported and followers told."))
                return redirect("milestones_manage", pk=pk)
    except DomainError as error:
        target = plan_form if action == "plan" else report_forms[int(action.split("-")[1])]
        _add_error(target, error)
    has_errors = bool(plan_form.errors) or any(f.errors for f in report_forms.values())
    return render(
        request,
        "delivery/milestones_manage.html",
        {
            "commission": commission,
            "milestones": [(m, report_forms.get(m.pk)) for m in milestones],
            "plan_form": plan_form,
            "approved": commission.status == Commission.Status.APPROVED,
        },
        status=400 if has_errors else 200,
    )
