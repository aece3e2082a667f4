import json

from django.conf import settings
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import permission_required
from commissioning import selectors as cycle_selectors
from opendata import charts, ocds, selectors
from opendata.datasets import DATASETS, LICENCE, LICENCE_URL
from opendata.streams import csv_lines, json_lines
from outcomes.models import Outcome

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@permission_required("opendata.view_open_data")
def data_page(request):
    return render(
        request,
        "opendata/data_page.html",
        {
            "datasets": DATASETS.values(),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "ocds_prefix": settings.OCDS_PREFIX,
            "now": timezone.now(),
        },
    )


@permission_required("opendata.view_open_data")
def dataset_download(request, name: str, fmt: str):
    dataset = DATASETS.get(name)
    if dataset is None or fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        body = csv_lines(dataset.field_names, dataset.rows())
    else:
        head = json.dumps(
            {"dataset": name, "licence": LICENCE_URL, "generated": timezone.now().isoformat(), "rows": None}
        )
        body = json_lines(dataset.rows(), head=head[: -len("null}")] + "[", tail="]}")
    response = StreamingHttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def _releases():
    for commission in ocds.commissions_for_ocds().iterator(chunk_size=200):
        yield from ocds.releases_for(commission)


def _records():
    for commission in ocds.commissions_for_ocds().iterator(chunk_size=200):
        yield ocds.record_for(commission)


def _package(request, kind: str, rows) -> StreamingHttpResponse:
    head = json.dumps(ocds.package_head(uri=request.build_absolute_uri(), kind=kind))
    body = json_lines(rows, head=head[:-1] + f', "{kind}": [', tail="]}")
    response = StreamingHttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="ocds-{kind}.json"'
    return response


@permission_required("opendata.view_open_data")
def ocds_releases(request):
    return _package(request, "releases", _releases())


@permission_required("opendata.view_open_data")
def ocds_records(request):
    return _package(request, "records", _records())


@permission_required("opendata.view_open_data")
def ocds_commission_record(request, pk: int):
    commission = ocds.commissions_for_ocds().filter(pk=pk).first()
    if commission is None:
        raise Http404
    package = ocds.package_head(uri=request.build_absolute_uri(), kind="records") | {
        "records": [ocds.record_for(commission)]
    }
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})


# --- Outcomes in public ---------------------------------------------------------------------


def _charted(indicators) -> list[dict]:
    out = []
    for indicator in indicators:
        series = selectors.indicator_series(indicator)
        series["svg"] = charts.indicator_svg(series)
        series["summary"] = charts.indicator_summary(series)
        out.append(series)
    return out


@permission_required("opendata.view_open_data")
def outcome_list(request):
    return render(request, "opendata/outcome_list.html", {"outcomes": selectors.outcomes_public()})


@permission_required("opendata.view_open_data")
def outcome_detail(request, slug: str):
    outcome = get_object_or_404(Outcome, slug=slug)
    return render(
        request,
        "opendata/outcome_detail.html",
        {
            "outcome": outcome,
            "series": _charted(selectors.indicators_with_values([outcome])),
            "commissions": outcome.commissions.exclude(status="draft").filter(cycle__is_published=True),
        },
    )


@permission_required("opendata.view_open_data")
def commission_outcomes(request, pk: int):
    commission = selectors.commission_for_outcomes(pk)
    if commission is None:
        raise Http404
    return render(
        request,
        "opendata/commission_outcomes.html",
        {"commission": commission, "series": _charted(selectors.indicators_with_values(commission.outcomes.all()))},
    )


@permission_required("opendata.view_open_data")
def cycle_reach(request, slug: str):
    cycle = get_object_or_404(cycle_selectors.cycles_public(), slug=slug)
    wards = selectors.ward_reach(cycle)
    return render(
        request,
        "opendata/cycle_reach.html",
        {
            "cycle": cycle,
            "wards": wards,
            "ward_svg": charts.ward_reach_svg(wards),
            "equality": selectors.equality_reach(cycle),
            "ocds_url": reverse("ocds_records"),
            "not_given": _("Ward not given"),
        },
    )
