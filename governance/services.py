"""Writes for governance: stages, involvement, evidence, evaluation, commissions, declarations, votes, decisions.

Pages, the API and the demo all call these; each is atomic, records its audit event in the same
transaction, and refuses a broken rule with a DomainError a person can read.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.roles import Role
from citizens.services import board_current
from commissioning import selectors as cycle_selectors
from commissioning.models import CommissioningCycle, Priority, Scope, Stage
from core import audit
from core.bounds import INTEGER_MAX, SMALL_INTEGER_MAX, require_within
from core.errors import DomainError
from governance.models import (
    Commission,
    CommissionVote,
    Decision,
    EqualityImpact,
    EqualityMonitoringCount,
    Evaluation,
    EvidenceItem,
    Impact,
    InterestDeclaration,
    InvolvementActivity,
    InvolvementMethod,
    InvolvementPurpose,
    MonitoringCharacteristic,
    ProtectedCharacteristic,
    ProviderType,
    ResourceAllocation,
    ResourceKind,
    ScrutinyComment,
    StageTransition,
    VoteChoice,
)
from notifications.events import Event
from notifications.services import mark_read_by_key, notify

STAGE_ORDER = [Stage.ANALYSE, Stage.PLAN, Stage.DO, Stage.REVIEW]
EDITABLE_STATUSES = (Commission.Status.DRAFT, Commission.Status.RETURNED)
OVERRIDE_PERMISSION = "governance.override_duty_to_involve"


def next_stage(stage: str) -> str | None:
    index = STAGE_ORDER.index(stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def _cycle_locked(cycle_id: int) -> CommissioningCycle:
    return CommissioningCycle.objects.select_for_update().get(pk=cycle_id)


def _commission_locked(commission_id: int) -> Commission:
    return Commission.objects.select_for_update().select_related("cycle").get(pk=commission_id)


# --- Stages -------------------------------------------------------------------------------


@transaction.atomic
def cycle_advance(*, user, cycle_id: int, override_reason: str = "") -> StageTransition:
    """Close the cycle's stage and open the next. The duty to involve must be met, or overridden on the record."""
    cycle = _cycle_locked(cycle_id)
    target = next_stage(cycle.stage)
    if target is None:
        raise DomainError(_("Review is the last stage: this cycle cannot move on."), code="last_stage")
    override_reason = override_reason.strip()
    involved = InvolvementActivity.objects.filter(cycle=cycle, stage=cycle.stage).exists()
    stage_name = Stage(cycle.stage).label
    if involved:
        override_reason = ""
    elif not override_reason:
        raise DomainError(
            _(
                "The %(stage)s stage cannot be closed until at least one involvement activity is logged for it. "
                "Log how residents were involved first."
            )
            % {"stage": stage_name},
            code="duty_to_involve",
        )
    elif not user.has_perm(OVERRIDE_PERMISSION):
        raise DomainError(
            _("You do not have permission to override the duty to involve. Log an involvement activity first."),
            code="override_not_allowed",
            field="override_reason",
        )
    before = audit.snapshot(cycle, ["stage"])
    transition = StageTransition.objects.create(
        cycle=cycle, from_stage=cycle.stage, to_stage=target, moved_by=user, override_reason=override_reason
    )
    cycle.stage = target
    cycle.save(update_fields=["stage", "updated_at"])
    audit.record(
        actor=user,
        obj=cycle,
        context=cycle,
        action="cycle.stage_moved_with_override" if override_reason else "cycle.stage_moved",
        before=before,
        after={"stage": target, "override_reason": override_reason},
        public=True,
    )
    return transition


# --- Involvement, evidence, evaluation ------------------------------------------------------


@transaction.atomic
def involvement_record(
    *,
    user,
    cycle_id: int,
    stage: str,
    purpose: str,
    method: str,
    held_on,
    participant_count: int,
    summary: str,
    residents_said: str = "",
    what_changed: str = "",
    wards=(),
    equality_counts: list[tuple[str, str, int]] = (),
) -> InvolvementActivity:
    cycle = CommissioningCycle.objects.get(pk=cycle_id)
    if stage not in Stage.values or purpose not in InvolvementPurpose.values or method not in InvolvementMethod.values:
        raise DomainError(_("Choose the stage, purpose and method from the lists."), code="invalid_choice")
    if held_on > timezone.localdate():
        raise DomainError(_("Log an activity once it has happened."), code="future_activity", field="held_on")
    if participant_count < 0:
        raise DomainError(_("The number of participants cannot be negative."), code="negative_count")
    require_within(participant_count, low=0, high=INTEGER_MAX, code="count_too_large", field="participant_count")
    if not summary.strip():
        raise DomainError(_("Say what happened."), code="summary_required", field="summary")
    counts = list(equality_counts)
    seen = set()
    for characteristic, group, count in counts:
        if characteristic not in MonitoringCharacteristic.values or not group.strip():
            raise DomainError(
                _("Each equality monitoring line needs a characteristic from the list and a group."),
                code="monitoring_invalid",
                field="equality_counts",
            )
        if count < 0:
            raise DomainError(_("Monitoring counts cannot be negative."), code="monitoring_negative")
        require_within(count, low=0, high=INTEGER_MAX, code="count_too_large", field="equality_counts")
        if (characteristic, group.strip().lower()) in seen:
            raise DomainError(
                _("Each group can appear once per characteristic."), code="monitoring_repeat", field="equality_counts"
            )
        seen.add((characteristic, group.strip().lower()))
    activity = InvolvementActivity.objects.create(
        cycle=cycle,
        stage=stage,
        purpose=purpose,
        method=method,
        held_on=held_on,
        participant_count=participant_count,
        summary=summary.strip(),
        residents_said=residents_said.strip(),
        what_changed=what_changed.strip(),
        recorded_by=user,
    )
    activity.wards.set(wards)
    EqualityMonitoringCount.objects.bulk_create(
        EqualityMonitoringCount(activity=activity, characteristic=c, group=g.strip(), count=n) for c, g, n in counts
    )
    audit.record(
        actor=user,
        obj=activity,
        context=cycle,
        action="involvement.logged",
        after=audit.snapshot(activity),
        public=True,
    )
    return activity


@transaction.atomic
def evidence_add(
    *, user, cycle_id: int, title: str, summary: str, url: str = "", document=None, indicator=None
) -> EvidenceItem:
    cycle = CommissioningCycle.objects.get(pk=cycle_id)
    if indicator is not None and not cycle.outcomes.filter(pk=indicator.outcome_id).exists():
        raise DomainError(
            _("Choose an indicator of one of this cycle's outcomes."), code="indicator_outcome", field="indicator"
        )
    item = EvidenceItem.objects.create(
        cycle=cycle,
        title=title.strip(),
        summary=summary.strip(),
        url=url,
        document=document or "",
        indicator=indicator,
        added_by=user,
    )
    audit.record(actor=user, obj=item, context=cycle, action="evidence.added", after=audit.snapshot(item), public=True)
    return item


@transaction.atomic
def evaluation_record(
    *, user, cycle_id: int, outcome, rating: str, summary: str, evidence: str, indicator=None
) -> Evaluation:
    cycle = CommissioningCycle.objects.get(pk=cycle_id)
    if cycle.stage != Stage.REVIEW:
        raise DomainError(
            _("Evaluations are recorded in the Review stage: move the cycle to Review first."), code="not_review"
        )
    if not cycle.outcomes.filter(pk=outcome.pk).exists():
        raise DomainError(_("Choose one of this cycle's outcomes."), code="outcome_not_in_cycle", field="outcome")
    if indicator is not None and indicator.outcome_id != outcome.pk:
        raise DomainError(_("Choose an indicator of that outcome."), code="indicator_outcome", field="indicator")
    if rating not in Evaluation.Rating.values:
        raise DomainError(_("Choose a rating."), code="rating_required", field="rating")
    evaluation = Evaluation.objects.create(
        cycle=cycle,
        outcome=outcome,
        indicator=indicator,
        rating=rating,
        summary=summary.strip(),
        evidence=evidence.strip(),
        recorded_by=user,
    )
    audit.record(
        actor=user,
        obj=evaluation,
        context=cycle,
        action="evaluation.recorded",
        after=audit.snapshot(evaluation),
        public=True,
    )
    return evaluation


# --- Commissions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    amount: Decimal | None = None
    description: str = ""


def _commission_state(commission: Commission) -> dict:
    data = audit.snapshot(commission)
    data["priorities"] = sorted(commission.priorities.values_list("pk", flat=True))
    data["outcomes"] = sorted(commission.outcomes.values_list("pk", flat=True))
    data["indicators"] = sorted(commission.indicators.values_list("pk", flat=True))
    data["deciders"] = sorted(commission.deciders.values_list("pk", flat=True))
    data["resources"] = {r.kind: {"amount": r.amount, "description": r.description} for r in commission.resources.all()}
    return data


def _check_commission_details(
    *, user, cycle, value, provider_type, priorities, outcomes, deciders, quorum, indicators=()
):
    if provider_type not in ProviderType.values:
        raise DomainError(_("Choose the type of provider."), code="provider_type", field="provider_type")
    if value is None or value < 0:
        raise DomainError(_("The value cannot be negative."), code="negative_value", field="value")
    if quorum < 1:
        raise DomainError(_("The quorum must be at least one vote."), code="quorum", field="quorum")
    require_within(quorum, low=1, high=SMALL_INTEGER_MAX, code="quorum", field="quorum")
    if any(p.cycle_id != cycle.pk or p.status != Priority.Status.ACCEPTED for p in priorities):
        raise DomainError(
            _("Choose priorities accepted in this cycle."), code="priority_not_in_cycle", field="priorities"
        )
    cycle_outcomes = set(cycle.outcomes.values_list("pk", flat=True))
    if any(o.pk not in cycle_outcomes for o in outcomes):
        raise DomainError(_("Choose outcomes of this cycle."), code="outcome_not_in_cycle", field="outcomes")
    chosen = {o.pk for o in outcomes}
    if any(i.outcome_id not in chosen for i in indicators):
        raise DomainError(
            _("Choose indicators of the outcomes this commission serves."),
            code="indicator_not_in_outcomes",
            field="indicators",
        )
    _refuse_unfit_deciders(deciders, drafted_by_id=user.pk, cycle=cycle)


def decided_by_board(cycle: CommissioningCycle) -> bool:
    """A co-operative's own cycle is decided by its board; every other cycle by councillors."""
    return cycle.scope == Scope.COOPERATIVE and cycle.cooperative_id is not None


def eligible_deciders(cycle: CommissioningCycle):
    """Who may be asked to decide this cycle's commissions: the co-operative's board today, or councillors."""
    if decided_by_board(cycle):
        seated = board_current(cycle.cooperative).values_list("member_id", flat=True)
        return User.objects.filter(pk__in=seated, is_active=True)
    return User.objects.filter(role=Role.COUNCILLOR, is_active=True)


def _refuse_unfit_deciders(people, *, drafted_by_id: int, cycle: CommissioningCycle) -> None:
    """Who may decide a commission, said once: the deciding body (councillors, or the co-operative's
    board for its own cycle), and never the officer who drafted it."""
    if any(person.pk == drafted_by_id for person in people):
        raise DomainError(
            _("The officer who drafted this commission cannot decide it."), code="drafter_decides", field="deciders"
        )
    if decided_by_board(cycle):
        seated = set(board_current(cycle.cooperative).values_list("member_id", flat=True))
        if any(person.pk not in seated for person in people):
            raise DomainError(
                _("Only members of the board of %(coop)s decide this commission.") % {"coop": cycle.cooperative},
                code="decider_not_on_board",
                field="deciders",
            )
        return
    if any(person.role != Role.COUNCILLOR for person in people):
        raise DomainError(_("Only councillors decide commissions."), code="decider_not_councillor", field="deciders")


def _set_resources(commission: Commission, resources: dict[str, Resource]) -> None:
    commission.resources.all().delete()
    rows = []
    for kind, resource in resources.items():
        if kind not in ResourceKind.values:
            raise DomainError(_("Unknown kind of resource."), code="resource_kind")
        description = (resource.description or "").strip()
        if resource.amount is None and not description:
            continue
        if resource.amount is not None and resource.amount < 0:
            raise DomainError(
                _("The amount for %(kind)s cannot be negative.") % {"kind": ResourceKind(kind).label},
                code="resource_negative",
            )
        rows.append(
            ResourceAllocation(commission=commission, kind=kind, amount=resource.amount, description=description)
        )
    ResourceAllocation.objects.bulk_create(rows)


@transaction.atomic
def commission_draft(
    *,
    user,
    cycle_id: int,
    title: str,
    description: str,
    provider_type: str,
    value,
    provider_name: str = "",
    procurement_route: str = "",
    priorities=(),
    outcomes=(),
    deciders=(),
    quorum: int = 2,
    resources: dict[str, Resource] | None = None,
    indicators=(),
) -> Commission:
    cycle = CommissioningCycle.objects.get(pk=cycle_id)
    if cycle.stage != Stage.DO:
        raise DomainError(
            _("Commissions are drafted in the Do stage: move the cycle to Do first."), code="not_do_stage"
        )
    priorities, outcomes, deciders, indicators = list(priorities), list(outcomes), list(deciders), list(indicators)
    _check_commission_details(
        user=user,
        cycle=cycle,
        value=value,
        provider_type=provider_type,
        priorities=priorities,
        outcomes=outcomes,
        deciders=deciders,
        quorum=quorum,
        indicators=indicators,
    )
    commission = Commission.objects.create(
        cycle=cycle,
        title=title.strip(),
        description=description.strip(),
        provider_type=provider_type,
        provider_name=provider_name.strip(),
        value=value,
        procurement_route=procurement_route.strip(),
        quorum=quorum,
        drafted_by=user,
    )
    commission.priorities.set(priorities)
    commission.outcomes.set(outcomes)
    commission.indicators.set(indicators)
    commission.deciders.set(deciders)
    _set_resources(commission, resources or {})
    audit.record(
        actor=user, obj=commission, context=cycle, action="commission.drafted", after=_commission_state(commission)
    )
    return commission


@transaction.atomic
def commission_update(
    *,
    user,
    commission_id: int,
    title: str,
    description: str,
    provider_type: str,
    value,
    provider_name: str = "",
    procurement_route: str = "",
    priorities=(),
    outcomes=(),
    deciders=(),
    quorum: int = 2,
    resources: dict[str, Resource] | None = None,
    indicators=(),
) -> Commission:
    commission = _commission_locked(commission_id)
    if commission.status not in EDITABLE_STATUSES:
        raise DomainError(
            _("This commission has been submitted for decision and cannot be changed."), code="not_editable"
        )
    priorities, outcomes, deciders, indicators = list(priorities), list(outcomes), list(deciders), list(indicators)
    _check_commission_details(
        user=commission.drafted_by,
        cycle=commission.cycle,
        value=value,
        provider_type=provider_type,
        priorities=priorities,
        outcomes=outcomes,
        deciders=deciders,
        quorum=quorum,
        indicators=indicators,
    )
    before = _commission_state(commission)
    commission.title, commission.description = title.strip(), description.strip()
    commission.provider_type, commission.provider_name = provider_type, provider_name.strip()
    commission.value, commission.procurement_route, commission.quorum = value, procurement_route.strip(), quorum
    commission.save()
    commission.priorities.set(priorities)
    commission.outcomes.set(outcomes)
    commission.indicators.set(indicators)
    commission.deciders.set(deciders)
    _set_resources(commission, resources or {})
    audit.record(
        actor=user,
        obj=commission,
        context=commission.cycle,
        action="commission.changed",
        before=before,
        after=_commission_state(commission),
    )
    return commission


@dataclass(frozen=True)
class ImpactLine:
    impact: str
    evidence: str
    mitigation: str = ""


@transaction.atomic
def equality_assessment_save(*, user, commission_id: int, impacts: dict[str, ImpactLine]) -> list[EqualityImpact]:
    """Save the lines given (a draft may be partial); submitting needs all nine."""
    commission = _commission_locked(commission_id)
    if commission.status not in EDITABLE_STATUSES:
        raise DomainError(
            _("This commission has been submitted for decision and cannot be changed."), code="not_editable"
        )
    problems = []
    for characteristic, line in impacts.items():
        if characteristic not in ProtectedCharacteristic.values:
            raise DomainError(_("Unknown protected characteristic."), code="characteristic")
        label = ProtectedCharacteristic(characteristic).label
        if line.impact not in Impact.values:
            problems.append(_("Choose the impact on %(c)s.") % {"c": label})
        if not line.evidence.strip():
            problems.append(_("Give the evidence for the impact on %(c)s.") % {"c": label})
        if line.impact == Impact.NEGATIVE and not line.mitigation.strip():
            problems.append(_("Say how the negative impact on %(c)s will be mitigated.") % {"c": label})
    if problems:
        raise DomainError(" ".join(problems), code="equality_invalid", details=problems)
    before = list(commission.equality_impacts.values("characteristic", "impact", "evidence", "mitigation"))
    saved = []
    for characteristic, line in impacts.items():
        row, _created = EqualityImpact.objects.update_or_create(
            commission=commission,
            characteristic=characteristic,
            defaults={"impact": line.impact, "evidence": line.evidence.strip(), "mitigation": line.mitigation.strip()},
        )
        saved.append(row)
    after = list(commission.equality_impacts.values("characteristic", "impact", "evidence", "mitigation"))
    audit.record(
        actor=user,
        obj=commission,
        context=commission.cycle,
        action="commission.equality_assessed",
        before={"equality": before},
        after={"equality": after},
    )
    return saved


def equality_assessment_missing(commission: Commission) -> list[str]:
    """The protected characteristics whose impact is not yet assessed, in the Act's order."""
    done = set(commission.equality_impacts.values_list("characteristic", flat=True))
    return [c.label for c in ProtectedCharacteristic if c.value not in done]


@transaction.atomic
def commission_submit(*, user, commission_id: int) -> Commission:
    commission = _commission_locked(commission_id)
    if commission.status not in EDITABLE_STATUSES:
        raise DomainError(_("This commission has already been submitted."), code="not_editable")
    missing = equality_assessment_missing(commission)
    if missing:
        raise DomainError(
            _("The equality impact assessment is not complete. Assess the impact on: %(missing)s.")
            % {"missing": ", ".join(str(m) for m in missing)},
            code="equality_incomplete",
        )
    deciders = commission.deciders.count()
    if deciders < commission.quorum:
        raise DomainError(
            _("Assign at least %(quorum)s councillors to decide this commission (the quorum).")
            % {"quorum": commission.quorum},
            code="too_few_deciders",
        )
    before = audit.snapshot(commission, ["status", "decision_round"])
    if commission.status == Commission.Status.RETURNED:
        commission.decision_round += 1
    commission.status = Commission.Status.SUBMITTED
    commission.submitted_at = timezone.now()
    commission.save(update_fields=["status", "decision_round", "submitted_at", "updated_at"])
    audit.record(
        actor=user,
        obj=commission,
        context=commission.cycle,
        action="commission.submitted",
        before=before,
        after=audit.snapshot(commission, ["status", "decision_round"]),
        public=True,
    )
    notify(
        event=Event.COMMISSION_AWAITS_DECISION,
        recipient_ids=commission.deciders.values_list("pk", flat=True),
        key=f"commission:{commission.pk}:round:{commission.decision_round}:submitted",
        context={"commission": commission},
        url=reverse("commission_decide", args=[commission.pk]),
    )
    return commission


@transaction.atomic
def commission_add_deciders(*, user, commission_id: int, councillors: list) -> Commission:
    """Assign more councillors to a commission awaiting decision, e.g. when declared interests
    leave too few able to vote for the quorum. Nobody is removed: votes already cast stand."""
    commission = _commission_locked(commission_id)
    if commission.status != Commission.Status.SUBMITTED:
        raise DomainError(_("Councillors can be added only while the commission awaits decision."), code="not_open")
    new = [c for c in councillors if not commission.deciders.filter(pk=c.pk).exists()]
    if not new:
        raise DomainError(
            _("Choose at least one councillor who is not deciding it yet."), code="none_new", field="deciders"
        )
    _refuse_unfit_deciders(new, drafted_by_id=commission.drafted_by_id, cycle=commission.cycle)
    before = {"deciders": [str(c) for c in commission.deciders.all()]}
    commission.deciders.add(*new)
    audit.record(
        actor=user,
        obj=commission,
        context=commission.cycle,
        action="commission.deciders_added",
        before=before,
        after={"deciders": [str(c) for c in commission.deciders.all()]},
        public=True,
    )
    notify(
        event=Event.COMMISSION_AWAITS_DECISION,
        recipient_ids=[c.pk for c in new],
        key=f"commission:{commission.pk}:round:{commission.decision_round}:submitted",
        context={"commission": commission},
        url=reverse("commission_decide", args=[commission.pk]),
    )
    return commission


# --- Declarations, votes and decisions ------------------------------------------------------


def _require_open_for_decision(commission: Commission) -> None:
    if commission.status == Commission.Status.SUBMITTED:
        return
    if commission.decisions.filter(decision_round=commission.decision_round).exists():
        raise DomainError(
            _("This commission has been decided. A decision cannot be changed once it is taken."), code="decided"
        )
    raise DomainError(_("This commission has not been submitted for decision."), code="not_submitted")


def _require_decider(user, commission: Commission) -> None:
    if user.pk == commission.drafted_by_id or decided_by_board(commission.cycle):
        # A board member's seat may have ended since the commission was submitted.
        _refuse_unfit_deciders([user], drafted_by_id=commission.drafted_by_id, cycle=commission.cycle)
    if not commission.deciders.filter(pk=user.pk).exists():
        raise DomainError(_("You are not one of the councillors deciding this commission."), code="not_decider")


@transaction.atomic
def interest_declare(*, user, commission_id: int, has_interest: bool, description: str = "") -> InterestDeclaration:
    commission = _commission_locked(commission_id)
    _require_open_for_decision(commission)
    _require_decider(user, commission)
    description = description.strip()
    if has_interest and not description:
        raise DomainError(_("Describe your interest."), code="interest_description", field="description")
    round_ = commission.decision_round
    if InterestDeclaration.objects.filter(commission=commission, councillor=user, decision_round=round_).exists():
        raise DomainError(_("You have already made your declaration for this commission."), code="declared")
    declaration = InterestDeclaration.objects.create(
        commission=commission,
        councillor=user,
        decision_round=round_,
        has_interest=has_interest,
        description=description if has_interest else "",
    )
    audit.record(
        actor=user,
        obj=declaration,
        context=commission.cycle,
        action="commission.interest_declared",
        after=audit.snapshot(declaration),
        public=True,
    )
    _decide_if_ready(commission)
    return declaration


@transaction.atomic
def commission_vote(*, user, commission_id: int, choice: str, reasons: str) -> CommissionVote:
    """Record a councillor's vote; if it completes a decision, the decision is taken and published at once."""
    commission = _commission_locked(commission_id)
    _require_open_for_decision(commission)
    _require_decider(user, commission)
    round_ = commission.decision_round
    declaration = InterestDeclaration.objects.filter(
        commission=commission, councillor=user, decision_round=round_
    ).first()
    if declaration is None:
        raise DomainError(_("Declare any interest before you vote."), code="declaration_required")
    if declaration.has_interest:
        raise DomainError(
            _("You declared an interest in this commission, so you cannot vote on it."), code="conflict_of_interest"
        )
    if CommissionVote.objects.filter(commission=commission, councillor=user, decision_round=round_).exists():
        raise DomainError(_("You have already voted on this commission. Votes are final."), code="already_voted")
    if choice not in VoteChoice.values:
        raise DomainError(_("Choose how you vote."), code="choice_required", field="choice")
    if not reasons.strip():
        raise DomainError(_("Give the reasons for your vote."), code="reasons_required", field="reasons")
    vote = CommissionVote.objects.create(
        commission=commission, councillor=user, decision_round=round_, choice=choice, reasons=reasons.strip()
    )
    audit.record(
        actor=user, obj=vote, context=commission.cycle, action="commission.vote_cast", after=audit.snapshot(vote)
    )
    mark_read_by_key(user=user, key_prefix=f"commission:{commission.pk}:")
    _decide_if_ready(commission)
    return vote


RESULT_FOR_CHOICE = {
    VoteChoice.APPROVE: Decision.Result.APPROVED,
    VoteChoice.REJECT: Decision.Result.REJECTED,
    VoteChoice.RETURN: Decision.Result.RETURNED,
}
STATUS_FOR_RESULT = {
    Decision.Result.APPROVED: Commission.Status.APPROVED,
    Decision.Result.REJECTED: Commission.Status.REJECTED,
    Decision.Result.RETURNED: Commission.Status.RETURNED,
}


@dataclass(frozen=True)
class Tally:
    cast: int
    counts: dict[str, int]
    eligible: int
    waiting: int


def tally(commission: Commission) -> Tally:
    round_ = commission.decision_round
    votes = list(commission.votes.filter(decision_round=round_).values_list("choice", flat=True))
    conflicted = set(
        commission.declarations.filter(decision_round=round_, has_interest=True).values_list("councillor_id", flat=True)
    )
    eligible = commission.deciders.exclude(pk__in=conflicted).count()
    counts = Counter(votes)
    return Tally(
        cast=len(votes),
        counts={c: counts.get(c, 0) for c in VoteChoice.values},
        eligible=eligible,
        waiting=eligible - len(votes),
    )


def decision_outcome(commission: Commission, t: Tally) -> tuple[str, str] | None:
    """The rule, in one place: (result, explanation) once decided, None while still open.

    Decided when at least `quorum` votes are cast and one option has more than half of the votes
    cast. If every councillor who may vote has voted, the quorum is met and no option has more
    than half (a tie), the commission is returned for changes.
    """
    if t.cast < commission.quorum:
        return None
    summary = ngettext(
        "%(cast)s vote cast (quorum %(quorum)s): %(approve)s to approve, %(reject)s to reject, "
        "%(return)s to return for changes.",
        "%(cast)s votes cast (quorum %(quorum)s): %(approve)s to approve, %(reject)s to reject, "
        "%(return)s to return for changes.",
        t.cast,
    ) % {
        "cast": t.cast,
        "quorum": commission.quorum,
        "approve": t.counts[VoteChoice.APPROVE],
        "reject": t.counts[VoteChoice.REJECT],
        "return": t.counts[VoteChoice.RETURN],
    }
    for choice, count in t.counts.items():
        if count * 2 > t.cast:
            return RESULT_FOR_CHOICE[VoteChoice(choice)], summary + " " + _("More than half of the votes cast agreed.")
    if t.waiting <= 0:
        return Decision.Result.RETURNED, summary + " " + _(
            "No option had more than half of the votes cast and every councillor able to vote has voted, "
            "so the commission is returned for changes."
        )
    return None


def _decide_if_ready(commission: Commission) -> Decision | None:
    t = tally(commission)
    outcome = decision_outcome(commission, t)
    if outcome is None:
        return None
    result, explanation = outcome
    round_ = commission.decision_round
    votes = commission.votes.filter(decision_round=round_).select_related("councillor").order_by("cast_at")
    declarations = (
        commission.declarations.filter(decision_round=round_).select_related("councillor").order_by("declared_at")
    )
    state = _commission_state(commission)
    state["equality"] = list(commission.equality_impacts.values("characteristic", "impact", "evidence", "mitigation"))
    state["priority_titles"] = list(commission.priorities.values_list("title", flat=True))
    state["drafted_by_name"] = str(commission.drafted_by)
    decision = Decision.objects.create(
        commission=commission,
        decision_round=round_,
        result=result,
        quorum=commission.quorum,
        explanation=explanation,
        votes=[
            {"councillor": str(v.councillor), "choice": v.choice, "reasons": v.reasons, "cast_at": v.cast_at}
            for v in votes
        ],
        declarations=[
            {
                "councillor": str(d.councillor),
                "has_interest": d.has_interest,
                "description": d.description,
                "declared_at": d.declared_at,
            }
            for d in declarations
        ],
        commission_snapshot=state,
    )
    before = audit.snapshot(commission, ["status"])
    commission.status = STATUS_FOR_RESULT[result]
    if result == Decision.Result.APPROVED and needs_council_signoff(commission):
        commission.status = Commission.Status.SIGNOFF
    commission.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=None,
        obj=commission,
        context=commission.cycle,
        action=f"commission.{result}",
        before=before,
        after={"status": commission.status, "decision": decision.pk},
        public=True,
    )
    notify(
        event=Event.DECISION_TAKEN,
        recipient_ids=cycle_selectors.cycle_audience(commission.cycle_id),
        key=f"decision:{decision.pk}",
        context={"commission": commission, "decision": decision},
        url=reverse("decision_detail", args=[decision.pk]),
    )
    if commission.status == Commission.Status.SIGNOFF:
        notify(
            event=Event.COMMISSION_AWAITS_DECISION,
            recipient_ids=User.objects.filter(role=Role.COUNCILLOR, is_active=True).values_list("pk", flat=True),
            key=f"commission:{commission.pk}:round:{round_}:signoff",
            context={"commission": commission},
            url=reverse("commission_sign_off", args=[commission.pk]),
        )
    return decision


def needs_council_signoff(commission: Commission) -> bool:
    """A board's approval needs a councillor's sign-off where its co-operative says so for this value."""
    cycle = commission.cycle
    if not decided_by_board(cycle):
        return False
    threshold = cycle.cooperative.council_signoff_above
    return threshold is not None and commission.value > threshold


@transaction.atomic
def commission_sign_off(*, user, commission_id: int, approve: bool, reasons: str) -> Commission:
    """A councillor signs off a co-operative board's approval, or refuses it, with reasons, on the record."""
    commission = _commission_locked(commission_id)
    reasons = reasons.strip()
    if commission.status != Commission.Status.SIGNOFF:
        raise DomainError(_("This commission is not waiting for the council's sign-off."), code="not_signoff")
    if user.role not in (Role.COUNCILLOR, Role.ADMINISTRATOR) or user.pk == commission.drafted_by_id:
        raise DomainError(_("Only a councillor who did not draft it can sign it off."), code="not_councillor")
    if not reasons:
        raise DomainError(_("Give your reasons: they are published."), code="reasons_required", field="reasons")
    before = audit.snapshot(commission, ["status", "signed_off_by", "signoff_reasons"])
    commission.status = Commission.Status.APPROVED if approve else Commission.Status.REJECTED
    commission.signed_off_by, commission.signed_off_at, commission.signoff_reasons = user, timezone.now(), reasons
    commission.save(update_fields=["status", "signed_off_by", "signed_off_at", "signoff_reasons", "updated_at"])
    audit.record(
        actor=user,
        obj=commission,
        context=commission.cycle,
        action="commission.signed_off" if approve else "commission.signoff_refused",
        before=before,
        after=audit.snapshot(commission, ["status", "signed_off_by", "signoff_reasons"]),
        public=True,
    )
    notify(
        event=Event.DECISION_TAKEN,
        recipient_ids=cycle_selectors.cycle_audience(commission.cycle_id),
        key=f"commission:{commission.pk}:signoff:{commission.status}",
        context={"commission": commission, "decision": commission.decisions.order_by("-decision_round").first()},
        url=reverse("commission_public", args=[commission.pk]),
    )
    return commission


# --- Scrutiny ---------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, user, commission_id: int, body: str) -> ScrutinyComment:
    commission = _commission_locked(commission_id)
    if commission.status != Commission.Status.SUBMITTED:
        raise DomainError(_("Comments are open only while a commission awaits its decision."), code="comments_closed")
    if not body.strip():
        raise DomainError(_("Write your comment."), code="comment_required", field="body")
    comment = ScrutinyComment.objects.create(commission=commission, author=user, body=body.strip())
    audit.record(
        actor=user, obj=comment, context=commission.cycle, action="comment.written", after=audit.snapshot(comment)
    )
    return comment


@transaction.atomic
def comment_moderate(*, user, comment_id: int, publish: bool) -> ScrutinyComment:
    comment = ScrutinyComment.objects.select_for_update().get(pk=comment_id)
    if comment.author_id == user.pk:
        raise DomainError(_("You cannot moderate your own comment."), code="own_comment")
    before = audit.snapshot(comment, ["status"])
    comment.status = ScrutinyComment.Status.PUBLISHED if publish else ScrutinyComment.Status.HIDDEN
    comment.moderated_by, comment.moderated_at = user, timezone.now()
    comment.save()
    audit.record(
        actor=user,
        obj=comment,
        context=comment.commission.cycle,
        action="comment.published" if publish else "comment.hidden",
        before=before,
        after=audit.snapshot(comment, ["status"]),
    )
    return comment
