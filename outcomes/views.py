from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import permission_required
from core.errors import DomainError
from outcomes import selectors, services
from outcomes.forms import IndicatorValueForm
from outcomes.models import Indicator
from outcomes.trend import progress, trend


def _latest(indicator: Indicator):
    values = list(indicator.values.all())
    return values[-1] if values else None


@permission_required("outcomes.record_indicator_values")
def outcome_overview(request):
    outcomes = list(selectors.outcomes_with_indicators())
    rows = []
    for outcome in outcomes:
        indicators = []
        for indicator in outcome.indicators.all():
            latest = _latest(indicator)
            indicators.append(
                (
                    indicator,
                    latest,
                    progress(
                        baseline=indicator.baseline, target=indicator.target, latest=latest.value if latest else None
                    ),
                )
            )
        rows.append((outcome, indicators))
    return render(request, "outcomes/overview.html", {"rows": rows})


@permission_required("outcomes.record_indicator_values")
def indicator_detail(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("outcome"), pk=pk)
    values = list(selectors.indicator_values(indicator))
    form = IndicatorValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_value_record(user=request.user, indicator_id=indicator.pk, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The value is recorded."))
            return redirect("indicator_detail", pk=indicator.pk)
    chart = trend(
        [(f"{v.period_start:%b %Y}", v.value) for v in values], baseline=indicator.baseline, target=indicator.target
    )
    latest = values[-1] if values else None
    return render(
        request,
        "outcomes/indicator_detail.html",
        {
            "indicator": indicator,
            "values": values,
            "form": form,
            "chart": chart,
            "latest": latest,
            "progress": progress(
                baseline=indicator.baseline, target=indicator.target, latest=latest.value if latest else None
            ),
        },
        status=400 if form.errors else 200,
    )
