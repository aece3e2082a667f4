"""What goes into each report: sections for the PDF and tables for the CSV and XLSX files.

Every figure comes from an aggregate query or a streamed iterator; nothing loads all ballots.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citizens.models import Ward
from commissioning.models import Ballot, BallotAssurance, CommissioningCycle
from commissioning.selectors import ballot_assurance, ballot_rows, eligible_voter_count, latest_result, result_rows
from governance.models import (
    Commission,
    Decision,
    EqualityMonitoringCount,
    InvolvementActivity,
    ResourceAllocation,
    ResourceKind,
)
from outcomes.models import Outcome
from reports import charts
from reports.maths import WardParticipation, progress_towards, rate
from reports.tables import Table


@dataclass
class ReportContent:
    title: str
    subtitle: str = ""
    sections: list[dict] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def _ward_participation(cycle: CommissioningCycle) -> list[WardParticipation]:
    voters_by_ward = dict(
        Ballot.objects.filter(cycle=cycle)
        .values_list("voter__profile__ward_id")
        .annotate(n=Count("id"))
        .values_list("voter__profile__ward_id", "n")
    )
    rows = [
        WardParticipation(ward.name, voters_by_ward.get(ward.pk, 0), ward.population, ward.electorate)
        for ward in Ward.objects.order_by("name")
    ]
    unknown = voters_by_ward.get(None, 0)
    if unknown:
        rows.append(WardParticipation(_("Ward not given"), unknown, None, None))
    return rows


def cycle_report(cycle: CommissioningCycle, progress) -> ReportContent:
    content = ReportContent(title=cycle.title, subtitle=_("Cycle report"))
    ballots = Ballot.objects.filter(cycle=cycle).count()
    eligible = eligible_voter_count(cycle)
    content.sections.append(
        {
            "heading": _("Summary"),
            "facts": [
                (_("Budget"), f"£{cycle.budget:,.0f}"),
                (_("Stage"), cycle.get_stage_display()),
                (_("Ballots cast"), f"{ballots:,}"),
                (_("Could vote"), f"{eligible:,}"),
                (_("Turnout"), f"{rate(ballots, eligible)}%" if eligible else "—"),
                (_("Who could vote"), cycle.get_assurance_display()),
            ],
        }
    )
    assured = ballot_assurance(cycle)
    content.sections.append(
        {
            "heading": _("How voters were checked"),
            "facts": [(str(label), f"{assured.get(value, 0):,}") for value, label in BallotAssurance.choices],
        }
    )
    progress(15, _("Participation by ward"))
    wards = _ward_participation(cycle)
    voted_wards = [w for w in wards if w.voters]
    content.sections.append(
        {
            "heading": _("Participation by ward"),
            "chart": charts.bar_chart(
                [w.ward for w in voted_wards],
                [w.voters for w in voted_wards],
                title=_("Voters by ward"),
                unit=_("voters"),
            )
            if voted_wards
            else "",
            "table": {
                "headers": [_("Ward"), _("Voters"), _("Per 1,000 residents"), _("Share of electorate, per cent")],
                "rows": [
                    [w.ward, w.voters, w.per_thousand_residents or "—", w.turnout_of_electorate or "—"] for w in wards
                ],
            },
        }
    )
    content.tables.append(
        Table(
            "participation_by_ward",
            [_("ward"), _("voters"), _("population"), _("electorate"), _("per_1000_residents"), _("pct_of_electorate")],
            lambda: (
                [w.ward, w.voters, w.population, w.electorate, w.per_thousand_residents, w.turnout_of_electorate]
                for w in wards
            ),
        )
    )

    progress(30, _("Involvement activities"))
    activities = InvolvementActivity.objects.filter(cycle=cycle)
    reach = (
        activities.values("stage", "method")
        .annotate(activities=Count("id"), participants=Sum("participant_count"))
        .order_by("stage", "method")
    )
    reach_rows = [
        [
            InvolvementActivity(stage=r["stage"]).get_stage_display(),
            InvolvementActivity(method=r["method"]).get_method_display(),
            r["activities"],
            r["participants"] or 0,
        ]
        for r in reach
    ]
    by_method: dict[str, int] = defaultdict(int)
    for row in reach_rows:
        by_method[row[1]] += row[3]
    content.sections.append(
        {
            "heading": _("Reach of involvement activities"),
            "chart": charts.bar_chart(
                list(by_method), list(by_method.values()), title=_("Participants by method"), unit=_("people")
            )
            if by_method
            else "",
            "table": {"headers": [_("Stage"), _("Method"), _("Activities"), _("Participants")], "rows": reach_rows},
            "empty": _("No involvement activity has been logged for this cycle."),
        }
    )
    content.tables.append(
        Table(
            "involvement_activities",
            [
                _("date"),
                _("stage"),
                _("purpose"),
                _("method"),
                _("participants"),
                _("wards"),
                _("summary"),
                _("what_changed"),
            ],
            lambda: (
                [
                    a.held_on,
                    a.get_stage_display(),
                    a.get_purpose_display(),
                    a.get_method_display(),
                    a.participant_count,
                    ", ".join(w.name for w in a.wards.all()),
                    a.summary,
                    a.what_changed,
                ]
                for a in activities.prefetch_related("wards").order_by("held_on")
            ),
        )
    )
    monitoring = _equality_monitoring(cycle)
    if monitoring:
        content.sections.append(
            {
                "heading": _("Equality monitoring (anonymous counts)"),
                "table": {"headers": [_("Characteristic"), _("Group"), _("People")], "rows": monitoring},
            }
        )
        content.tables.append(
            Table("equality_monitoring", [_("characteristic"), _("group"), _("people")], lambda: monitoring)
        )

    progress(45, _("Results"))
    result = latest_result(cycle)
    if result is not None:
        rows = result_rows(cycle, result)
        content.sections.append(
            {
                "heading": _("Results"),
                "facts": [
                    (_("Counting rule"), result.get_rule_display()),
                    (_("Allocated"), f"£{result.spent:,.0f} / £{result.budget:,.0f}"),
                ],
                "table": {
                    "headers": [_("Priority"), _("Supporters"), _("Cost"), _("Outcome and reason")],
                    "rows": [
                        [
                            r["priority"].title,
                            r["supporters"],
                            f"£{r['priority'].estimated_cost:,.0f}",
                            r["explanation"],
                        ]
                        for r in rows
                    ],
                },
            }
        )
        content.tables.append(
            Table(
                "results",
                [_("priority_id"), _("priority"), _("cost"), _("supporters"), _("support"), _("funded"), _("reason")],
                lambda: (
                    [
                        r["priority"].pk,
                        r["priority"].title,
                        r["priority"].estimated_cost,
                        r["supporters"],
                        r["support"],
                        r["funded"],
                        r["explanation"],
                    ]
                    for r in rows
                ),
            )
        )

    progress(55, _("Commissions and resources"))
    commissions = Commission.objects.filter(cycle=cycle).order_by("created_at")
    resources = (
        ResourceAllocation.objects.filter(commission__cycle=cycle)
        .values("kind")
        .annotate(amount=Sum("amount"), commissions=Count("commission", distinct=True))
    )
    by_kind = {r["kind"]: r for r in resources}
    resource_rows = [
        [
            label,
            by_kind.get(kind, {}).get("commissions", 0),
            f"£{by_kind[kind]['amount']:,.0f}" if by_kind.get(kind, {}).get("amount") else "—",
        ]
        for kind, label in ResourceKind.choices
    ]
    content.sections.append(
        {
            "heading": _("Commissions and their total resources"),
            "table": {
                "headers": [_("Commission"), _("Provider"), _("Value"), _("Status")],
                "rows": [
                    [c.title, c.get_provider_type_display(), f"£{c.value:,.0f}", c.get_status_display()]
                    for c in commissions
                ],
            },
            "second_table": {
                "headers": [_("Kind of resource"), _("Commissions using it"), _("Amount")],
                "rows": resource_rows,
            },
            "empty": _("No commission has been drafted yet."),
        }
    )
    content.tables.append(
        Table(
            "commission_resources",
            [_("commission"), _("kind"), _("amount"), _("description")],
            lambda: (
                [r.commission.title, r.get_kind_display(), r.amount, r.description]
                for r in ResourceAllocation.objects.filter(commission__cycle=cycle).select_related("commission")
            ),
        )
    )

    progress(65, _("Decisions"))
    decisions = _decisions(cycle)
    content.sections.append(
        {
            "heading": _("Decisions"),
            "table": {
                "headers": [_("Commission"), _("Decision"), _("Date"), _("How it was reached")],
                "rows": decisions,
            },
            "empty": _("No decision has been taken yet."),
        }
    )
    content.tables.append(
        Table("decisions", [_("commission"), _("decision"), _("date"), _("explanation")], lambda: decisions)
    )

    progress(70, _("Anonymised ballots"))
    if not cycle.has_voting_closed():
        return content  # no running tally while people are still voting
    content.tables.append(
        Table(
            "ballots",
            [_("voter"), _("priority_id"), _("points"), _("rank")],
            lambda: (
                [Ballot.public_voter_id_for(receipt), priority_id, points, rank]
                for receipt, priority_id, points, rank in ballot_rows(cycle)
            ),
        )
    )
    return content


def _equality_monitoring(cycle: CommissioningCycle) -> list[list]:
    rows = (
        EqualityMonitoringCount.objects.filter(activity__cycle=cycle)
        .values("characteristic", "group")
        .annotate(people=Sum("count"))
        .order_by("characteristic", "group")
    )
    labels = dict(EqualityMonitoringCount._meta.get_field("characteristic").choices)
    return [[labels.get(r["characteristic"], r["characteristic"]), r["group"], r["people"]] for r in rows]


def _decisions(cycle: CommissioningCycle) -> list[list]:
    return [
        [d.commission.title, d.get_result_display(), date_format(d.decided_at, "j M Y"), d.explanation]
        for d in Decision.objects.filter(commission__cycle=cycle).select_related("commission").order_by("decided_at")
    ]


def monthly_involvement_report(start: date, end: date, progress) -> ReportContent:
    content = ReportContent(
        title=_("Involvement, %(start)s to %(end)s")
        % {"start": date_format(start, "j M Y"), "end": date_format(end, "j M Y")},
        subtitle=_("Monthly involvement report"),
    )
    activities = InvolvementActivity.objects.filter(held_on__gte=start, held_on__lte=end)
    progress(30, _("Activities by cycle and method"))
    by_cycle = (
        activities.values("cycle__title")
        .annotate(activities=Count("id"), participants=Sum("participant_count"))
        .order_by("cycle__title")
    )
    by_method = dict(activities.values_list("method").annotate(p=Sum("participant_count")).values_list("method", "p"))
    method_labels = dict(InvolvementActivity._meta.get_field("method").choices)
    content.sections.append(
        {
            "heading": _("Who was involved"),
            "facts": [
                (_("Activities"), f"{activities.count():,}"),
                (_("Participants"), f"{activities.aggregate(n=Sum('participant_count'))['n'] or 0:,}"),
                (
                    _("Wards reached"),
                    f"{Ward.objects.filter(involvement_activities__in=activities).distinct().count()}",
                ),
            ],
            "chart": charts.bar_chart(
                [str(method_labels[m]) for m in by_method],
                list(by_method.values()),
                title=_("Participants by method"),
                unit=_("people"),
            )
            if by_method
            else "",
            "table": {
                "headers": [_("Cycle"), _("Activities"), _("Participants")],
                "rows": [[r["cycle__title"], r["activities"], r["participants"] or 0] for r in by_cycle],
            },
            "empty": _("No involvement activity was logged in this period."),
        }
    )
    content.tables.append(
        Table(
            "involvement_activities",
            [_("date"), _("cycle"), _("stage"), _("method"), _("participants"), _("summary"), _("what_changed")],
            lambda: (
                [
                    a.held_on,
                    a.cycle.title,
                    a.get_stage_display(),
                    a.get_method_display(),
                    a.participant_count,
                    a.summary,
                    a.what_changed,
                ]
                for a in activities.select_related("cycle").order_by("held_on")
            ),
        )
    )
    return content


def outcomes_report(progress) -> ReportContent:
    content = ReportContent(title=_("Borough outcomes"), subtitle=_("Indicators against baseline and target"))
    outcomes = Outcome.objects.prefetch_related("indicators__values").order_by("title")
    table_rows = []
    for n, outcome in enumerate(outcomes):
        progress(10 + 60 * n // max(1, len(outcomes)), outcome.title)
        for indicator in outcome.indicators.all():
            values = sorted(indicator.values.all(), key=lambda v: v.period_start)
            latest = values[-1].value if values else None
            moved = progress_towards(indicator.baseline, indicator.target, latest)
            content.sections.append(
                {
                    "heading": f"{outcome.title}: {indicator.name}",
                    "chart": charts.indicator_chart(
                        [f"{v.period_start:%Y-%m}" for v in values],
                        [float(v.value) for v in values],
                        baseline=float(indicator.baseline),
                        target=float(indicator.target),
                        title=indicator.name,
                        unit=indicator.unit,
                        labels=(_("baseline"), _("target")),
                    ),
                    "facts": [
                        (_("Baseline"), f"{indicator.baseline} {indicator.unit} ({indicator.baseline_period})"),
                        (_("Target"), f"{indicator.target} {indicator.unit} ({indicator.target_period})"),
                        (_("Latest"), f"{latest} {indicator.unit}" if latest is not None else "—"),
                        (_("Progress towards target"), f"{moved}%" if moved is not None else "—"),
                    ],
                }
            )
            table_rows.append(
                [outcome.title, indicator.name, indicator.unit, indicator.baseline, indicator.target, latest, moved]
            )
    content.tables.append(
        Table(
            "indicators",
            [_("outcome"), _("indicator"), _("unit"), _("baseline"), _("target"), _("latest"), _("progress_pct")],
            lambda: table_rows,
        )
    )
    return content
