"""Server-drawn SVG charts for the public outcomes pages, with the words a screen reader needs.

The drawing is reports.charts' (matplotlib); each chart here is paired on its page with a table
of the same numbers, so nothing is only in a picture.
"""

from django.utils.translation import gettext as _

from reports import charts


def indicator_svg(series: dict) -> str:
    indicator = series["indicator"]
    return charts.indicator_chart(
        [f"{v.period_start:%b %Y}" for v in series["values"]],
        [float(v.value) for v in series["values"]],
        baseline=float(indicator.baseline),
        target=float(indicator.target),
        title=indicator.name,
        unit=indicator.unit,
        labels=(_("baseline"), _("target")),
    )


def indicator_summary(series: dict) -> str:
    indicator = series["indicator"]
    if series["latest"] is None:
        return _("%(name)s: no values measured yet. Baseline %(baseline)s, target %(target)s %(unit)s.") % {
            "name": indicator.name,
            "baseline": f"{indicator.baseline:g}",
            "target": f"{indicator.target:g}",
            "unit": indicator.unit,
        }
    return _("%(name)s: latest %(latest)s %(unit)s against a baseline of %(baseline)s and a target of %(target)s.") % {
        "name": indicator.name,
        "latest": f"{series['latest']:g}",
        "baseline": f"{indicator.baseline:g}",
        "target": f"{indicator.target:g}",
        "unit": indicator.unit,
    }


def ward_reach_svg(rows) -> str:
    shown = [r for r in rows if r.population]
    return charts.bar_chart(
        [r.ward for r in shown],
        [float(r.per_thousand_residents or 0) for r in shown],
        title=_("Voters per 1,000 residents, by ward"),
        unit=_("voters per 1,000 residents"),
    )
