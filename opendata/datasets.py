"""Every open dataset, declared once: its name, what it holds, its schema and the rows it streams.

Rows come from querysets read with `.iterator()`, so a download holds one chunk in memory however
large the table. Nothing here names a resident: no proposer, voter, asker, email address, receipt
code or year of birth is selected. Councillors' names appear with their votes and declarations,
because they vote in public office.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from commissioning.explanations import explanation_text
from commissioning.models import Ballot, BallotChoice, CommissioningCycle, CycleResult, Priority
from delivery.models import Milestone
from governance.models import Commission, Decision, EqualityMonitoringCount, InvolvementActivity, ResourceKind
from meetings import selectors as meeting_selectors
from outcomes.models import IndicatorValue
from questions.models import Question

CHUNK = 2000
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
PUBLIC_PRIORITY_STATUSES = [Priority.Status.ACCEPTED, Priority.Status.MERGED]


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # integer, number, string, boolean, date, datetime, list, object
    description: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: Callable[[], Iterator[dict]]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def _published_cycles():
    return CommissioningCycle.objects.published()


def _cycles() -> Iterator[dict]:
    queryset = _published_cycles().select_related("cooperative").prefetch_related("wards", "outcomes").order_by("pk")
    for cycle in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": cycle.pk,
            "slug": cycle.slug,
            "title": cycle.title,
            "summary": cycle.summary,
            "scope": cycle.scope,
            "wards": [w.name for w in cycle.wards.all()],
            "cooperative": cycle.cooperative.name if cycle.cooperative else "",
            "outcomes": [o.title for o in cycle.outcomes.all()],
            "budget": cycle.budget,
            "stage": cycle.stage,
            "proposals_open_at": cycle.proposals_open_at,
            "proposals_close_at": cycle.proposals_close_at,
            "voting_opens_at": cycle.voting_opens_at,
            "voting_closes_at": cycle.voting_closes_at,
            "ballot_type": cycle.ballot_type,
            "counting_rule": cycle.counting_rule,
        }


def _priorities() -> Iterator[dict]:
    queryset = (
        Priority.objects.filter(cycle__is_published=True, status__in=PUBLIC_PRIORITY_STATUSES)
        .select_related("outcome")
        .order_by("pk")
    )
    for priority in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": priority.pk,
            "cycle_id": priority.cycle_id,
            "title": priority.title,
            "description": priority.description,
            "estimated_cost": priority.estimated_cost,
            "outcome": priority.outcome.title if priority.outcome else "",
            "status": priority.status,
            "merged_into_id": priority.merged_into_id,
        }


def _latest_results() -> Iterator[CycleResult]:
    cycles = _published_cycles().voting_closed().order_by("pk").values_list("pk", flat=True)
    for cycle_id in cycles.iterator(chunk_size=CHUNK):
        result = CycleResult.objects.filter(cycle_id=cycle_id).order_by("-computed_at").first()
        if result is not None:
            yield result


def _results() -> Iterator[dict]:
    for result in _latest_results():
        priorities = Priority.objects.filter(cycle_id=result.cycle_id, status=Priority.Status.ACCEPTED).order_by("pk")
        titles = dict(priorities.values_list("pk", "title"))
        titles = {str(k): v for k, v in titles.items()}
        support, supporters = result.counts.get("support", {}), result.counts.get("supporters", {})
        funded = set(result.funded)
        for priority in priorities.iterator(chunk_size=CHUNK):
            pid = str(priority.pk)
            yield {
                "cycle_id": result.cycle_id,
                "counted_at": result.computed_at,
                "counting_rule": result.rule,
                "priority_id": priority.pk,
                "priority": priority.title,
                "estimated_cost": priority.estimated_cost,
                "support": support.get(pid, "0"),
                "supporters": supporters.get(pid, 0),
                "funded": pid in funded,
                "explanation": explanation_text(result.explanations.get(pid, {}), titles),
            }


def _ballots() -> Iterator[dict]:
    """The anonymised ballots of closed cycles, as in the public .pb file: each ballot by its public id only."""
    cycles = _published_cycles().voting_closed().order_by("pk").values_list("pk", flat=True)
    for cycle_id in list(cycles):
        rows = (
            BallotChoice.objects.filter(ballot__cycle_id=cycle_id)
            .order_by("ballot_id", "rank", "priority_id")
            .values_list("ballot_id", "ballot__receipt_code", "priority_id", "points", "rank")
            .iterator(chunk_size=5000)
        )
        current, receipt, choices = None, "", []
        for ballot_id, receipt_code, priority_id, points, rank in rows:
            if ballot_id != current and current is not None:
                yield _ballot_row(cycle_id, receipt, choices)
                choices = []
            current, receipt = ballot_id, receipt_code
            choices.append({"priority_id": priority_id, "points": points, "rank": rank})
        if current is not None:
            yield _ballot_row(cycle_id, receipt, choices)


def _ballot_row(cycle_id: int, receipt_code: str, choices: list[dict]) -> dict:
    return {"cycle_id": cycle_id, "ballot": Ballot.public_voter_id_for(receipt_code), "choices": choices}


def _commissions() -> Iterator[dict]:
    queryset = (
        Commission.objects.exclude(status=Commission.Status.DRAFT)
        .filter(cycle__is_published=True)
        .prefetch_related("resources", "outcomes", "priorities")
        .order_by("pk")
    )
    for commission in queryset.iterator(chunk_size=CHUNK):
        resources = {r.kind: r for r in commission.resources.all()}
        row = {
            "id": commission.pk,
            "cycle_id": commission.cycle_id,
            "title": commission.title,
            "description": commission.description,
            "status": commission.status,
            "provider_type": commission.provider_type,
            "provider_name": commission.provider_name,
            "value": commission.value,
            "procurement_route": commission.procurement_route,
            "submitted_at": commission.submitted_at,
            "priority_ids": [p.pk for p in commission.priorities.all()],
            "outcomes": [o.title for o in commission.outcomes.all()],
        }
        for kind in ResourceKind:
            resource = resources.get(kind.value)
            row[f"resource_{kind.value}_amount"] = resource.amount if resource else None
            row[f"resource_{kind.value}_description"] = resource.description if resource else ""
        yield row


EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def _councillors_named(entries: list[dict]) -> list[dict]:
    """A decision's snapshot names each councillor as the account showed them; an account without a full name
    showed its email address, which is not for publishing."""
    return [e | {"councillor": EMAIL.sub(str(_("a councillor")), str(e.get("councillor", "")))} for e in entries]


def _decisions() -> Iterator[dict]:
    for decision in Decision.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": decision.pk,
            "commission_id": decision.commission_id,
            "decision_round": decision.decision_round,
            "result": decision.result,
            "decided_at": decision.decided_at,
            "quorum": decision.quorum,
            "explanation": decision.explanation,
            "votes": _councillors_named(decision.votes),
            "declarations": _councillors_named(decision.declarations),
        }


def _involvement() -> Iterator[dict]:
    queryset = (
        InvolvementActivity.objects.filter(cycle__is_published=True)
        .prefetch_related("wards", Prefetch("equality_counts", queryset=EqualityMonitoringCount.objects.order_by("pk")))
        .order_by("pk")
    )
    for activity in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": activity.pk,
            "cycle_id": activity.cycle_id,
            "stage": activity.stage,
            "purpose": activity.purpose,
            "method": activity.method,
            "held_on": activity.held_on,
            "wards": [w.name for w in activity.wards.all()],
            "participant_count": activity.participant_count,
            "summary": activity.summary,
            "residents_said": activity.residents_said,
            "what_changed": activity.what_changed,
            "equality_monitoring": [
                {"characteristic": c.characteristic, "group": c.group, "count": c.count}
                for c in activity.equality_counts.all()
            ],
        }


def _meetings() -> Iterator[dict]:
    queryset = meeting_selectors.meetings_for_open_data().prefetch_related("decisions")
    for meeting in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": meeting.pk,
            "kind": meeting.kind,
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "location": meeting.location,
            "cycle_id": meeting.cycle_id,
            "cooperative": meeting.cooperative.name if meeting.cooperative else "",
            "cancelled": meeting.cancelled,
            "agenda_items": meeting.agenda_items,
            "present": meeting.present,
            "apologies": meeting.apologies,
            "declarations": meeting.declarations_made,
            "minutes_due_on": meeting.minutes_due_on,
            "minutes_published_at": meeting.minutes_published_at,
            "minutes_state": meeting.minutes_state(),
            "decision_ids": [d.pk for d in meeting.decisions.all()],
        }


def _questions() -> Iterator[dict]:
    queryset = Question.objects.filter(status=Question.Status.PUBLISHED).order_by("pk")
    for question in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": question.pk,
            "about": "cycle" if question.cycle_id else "commission" if question.commission_id else "decision",
            "about_id": question.cycle_id or question.commission_id or question.decision_id,
            "service_area": question.service_area,
            "question": question.title,
            "detail": question.body,
            "asked_on": question.asked_at.date(),
            "due_on": question.due_on,
            "answered_on": question.answered_at.date() if question.answered_at else None,
            "answer": question.answer,
            "timeliness": question.timeliness(),
        }


def _indicator_values() -> Iterator[dict]:
    queryset = IndicatorValue.objects.select_related("indicator__outcome").order_by("pk")
    for value in queryset.iterator(chunk_size=CHUNK):
        indicator = value.indicator
        yield {
            "id": value.pk,
            "outcome": indicator.outcome.title,
            "indicator_id": indicator.pk,
            "indicator": indicator.name,
            "unit": indicator.unit,
            "direction": indicator.direction,
            "baseline": indicator.baseline,
            "target": indicator.target,
            "period_start": value.period_start,
            "period_end": value.period_end,
            "value": value.value,
            "source": value.source,
        }


def _milestones() -> Iterator[dict]:
    queryset = Milestone.objects.prefetch_related("spend").order_by("pk")
    for milestone in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": milestone.pk,
            "commission_id": milestone.commission_id,
            "title": milestone.title,
            "planned_on": milestone.planned_on,
            "actual_on": milestone.actual_on,
            "status": milestone.status,
            "note": milestone.note,
            "spend": {s.kind: s.amount for s in milestone.spend.all()},
        }


def _f(name: str, type_: str, description) -> Field:
    return Field(name, type_, description)


ID = _f("id", "integer", _("Identifier, stable across downloads"))
CYCLE_ID = _f("cycle_id", "integer", _("The cycle (see the cycles dataset)"))

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in [
        Dataset(
            "cycles",
            _("Commissioning cycles"),
            _("Every published cycle: who takes part, its outcomes, budget, stage, windows and counting rule."),
            (
                ID,
                _f("slug", "string", _("Short name used in web addresses")),
                _f("title", "string", _("Title")),
                _f("summary", "string", _("Summary")),
                _f("scope", "string", _("Who takes part: borough, wards or cooperative")),
                _f("wards", "list", _("Wards taking part (none means all)")),
                _f("cooperative", "string", _("The co-operative, for a co-operative's cycle")),
                _f("outcomes", "list", _("Outcomes the cycle commissions for")),
                _f("budget", "number", _("Budget in pounds")),
                _f("stage", "string", _("Analyse, plan, do or review")),
                _f("proposals_open_at", "datetime", _("When proposals open")),
                _f("proposals_close_at", "datetime", _("When proposals close")),
                _f("voting_opens_at", "datetime", _("When voting opens")),
                _f("voting_closes_at", "datetime", _("When voting closes")),
                _f("ballot_type", "string", _("Kind of ballot")),
                _f("counting_rule", "string", _("Counting rule")),
            ),
            _cycles,
        ),
        Dataset(
            "priorities",
            _("Priorities"),
            _("Priorities accepted onto ballots (and those merged into them), without who proposed them."),
            (
                ID,
                CYCLE_ID,
                _f("title", "string", _("Title")),
                _f("description", "string", _("Description")),
                _f("estimated_cost", "number", _("Estimated cost in pounds")),
                _f("outcome", "string", _("Outcome it serves")),
                _f("status", "string", _("accepted or merged")),
                _f("merged_into_id", "integer", _("The priority it was merged into")),
            ),
            _priorities,
        ),
        Dataset(
            "results",
            _("Results with explanations"),
            _("The latest count of every closed cycle: each priority's support, whether it was funded and why."),
            (
                CYCLE_ID,
                _f("counted_at", "datetime", _("When the count was taken")),
                _f("counting_rule", "string", _("Counting rule")),
                _f("priority_id", "integer", _("The priority")),
                _f("priority", "string", _("The priority's title")),
                _f("estimated_cost", "number", _("Estimated cost in pounds")),
                _f("support", "number", _("Support under the counting rule")),
                _f("supporters", "integer", _("Ballots supporting it")),
                _f("funded", "boolean", _("Whether it was funded")),
                _f("explanation", "string", _("Why it was or was not funded")),
            ),
            _results,
        ),
        Dataset(
            "ballots",
            _("Anonymised ballots"),
            _(
                "Every ballot of every closed cycle, by its public ballot id only (as in the cycle's .pb file), so "
                "anyone can recount."
            ),
            (
                CYCLE_ID,
                _f("ballot", "string", _("Public ballot id; only the voter's receipt code leads to it")),
                _f("choices", "list", _("Priorities chosen, with points or rank")),
            ),
            _ballots,
        ),
        Dataset(
            "commissions",
            _("Commissions with their total resources"),
            _("Every commission submitted for decision, with each kind of resource it commits."),
            (
                ID,
                CYCLE_ID,
                _f("title", "string", _("What is commissioned")),
                _f("description", "string", _("Description")),
                _f("status", "string", _("submitted, returned, approved or rejected")),
                _f("provider_type", "string", _("Kind of provider")),
                _f("provider_name", "string", _("Provider (an organisation)")),
                _f("value", "number", _("Value in pounds")),
                _f("procurement_route", "string", _("Procurement route")),
                _f("submitted_at", "datetime", _("When it was submitted for decision")),
                _f("priority_ids", "list", _("Funded priorities it delivers")),
                _f("outcomes", "list", _("Outcomes it is meant to move")),
                *tuple(
                    f
                    for kind in ResourceKind
                    for f in (
                        _f(f"resource_{kind.value}_amount", "number", kind.label),
                        _f(f"resource_{kind.value}_description", "string", kind.label),
                    )
                ),
            ),
            _commissions,
        ),
        Dataset(
            "decisions",
            _("Decisions with votes and declarations"),
            _("The decision log: every decision, each councillor's vote and reasons, and every declaration."),
            (
                ID,
                _f("commission_id", "integer", _("The commission")),
                _f("decision_round", "integer", _("Decision round")),
                _f("result", "string", _("approved, rejected or returned")),
                _f("decided_at", "datetime", _("When it was decided")),
                _f("quorum", "integer", _("Quorum")),
                _f("explanation", "string", _("How the decision was reached")),
                _f("votes", "list", _("Councillors' votes with reasons")),
                _f("declarations", "list", _("Councillors' declarations of interest")),
            ),
            _decisions,
        ),
        Dataset(
            "involvement",
            _("Involvement activities"),
            _("You said, we did: every involvement activity with anonymous equality monitoring counts."),
            (
                ID,
                CYCLE_ID,
                _f("stage", "string", _("Stage")),
                _f("purpose", "string", _("Purpose")),
                _f("method", "string", _("Method")),
                _f("held_on", "date", _("Date held")),
                _f("wards", "list", _("Wards")),
                _f("participant_count", "integer", _("Number of participants")),
                _f("summary", "string", _("Summary")),
                _f("residents_said", "string", _("What residents said")),
                _f("what_changed", "string", _("What changed as a result")),
                _f("equality_monitoring", "list", _("Counts by characteristic and group")),
            ),
            _involvement,
        ),
        Dataset(
            "meetings",
            _("Meetings"),
            _("Every meeting with its minutes deadline and whether the minutes were published on time."),
            (
                ID,
                _f("kind", "string", _("Kind of meeting")),
                _f("title", "string", _("Title")),
                _f("starts_at", "datetime", _("Starts")),
                _f("location", "string", _("Where")),
                CYCLE_ID,
                _f("cooperative", "string", _("The co-operative, for a co-operative's board")),
                _f("cancelled", "boolean", _("Cancelled")),
                _f("agenda_items", "integer", _("Number of agenda items")),
                _f("present", "integer", _("Number present")),
                _f("apologies", "integer", _("Number of apologies")),
                _f("declarations", "integer", _("Number of declarations of interest")),
                _f("minutes_due_on", "date", _("Minutes due by")),
                _f("minutes_published_at", "datetime", _("Minutes published")),
                _f("minutes_state", "string", _("not_due, overdue, on_time, late or cancelled")),
                _f("decision_ids", "list", _("Decisions taken at the meeting")),
            ),
            _meetings,
        ),
        Dataset(
            "questions",
            _("Questions to the council"),
            _("Published questions and answers with their deadlines, without who asked."),
            (
                ID,
                _f("about", "string", _("cycle, commission or decision")),
                _f("about_id", "integer", _("Its id in that dataset")),
                _f("service_area", "string", _("Service area")),
                _f("question", "string", _("The question")),
                _f("detail", "string", _("More detail")),
                _f("asked_on", "date", _("Asked")),
                _f("due_on", "date", _("Answer due by (working days)")),
                _f("answered_on", "date", _("Answered")),
                _f("answer", "string", _("The answer")),
                _f("timeliness", "string", _("open, overdue, on_time or late")),
            ),
            _questions,
        ),
        Dataset(
            "indicator-values",
            _("Indicator values"),
            _("Every measured value of every outcome indicator, with its baseline and target."),
            (
                ID,
                _f("outcome", "string", _("Outcome")),
                _f("indicator_id", "integer", _("Indicator")),
                _f("indicator", "string", _("Indicator name")),
                _f("unit", "string", _("Unit")),
                _f("direction", "string", _("up: higher is better; down: lower is better")),
                _f("baseline", "number", _("Baseline")),
                _f("target", "number", _("Target")),
                _f("period_start", "date", _("Period start")),
                _f("period_end", "date", _("Period end")),
                _f("value", "number", _("Value")),
                _f("source", "string", _("Source")),
            ),
            _indicator_values,
        ),
        Dataset(
            "milestones",
            _("Commission milestones"),
            _("What happened after each decision: milestones planned, met or missed, and spend by kind of resource."),
            (
                ID,
                _f("commission_id", "integer", _("The commission")),
                _f("title", "string", _("Milestone")),
                _f("planned_on", "date", _("Planned date")),
                _f("actual_on", "date", _("Date met")),
                _f("status", "string", _("planned, met or missed")),
                _f("note", "string", _("What happened")),
                _f("spend", "object", _("Spend in pounds by kind of resource")),
            ),
            _milestones,
        ),
    ]
}
