"""The governance rules, refused and allowed, with what ends up in the database."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from commissioning.models import Stage
from core.errors import DomainError
from core.models import AuditEvent
from governance import services
from governance.models import (
    Commission,
    CommissionVote,
    Decision,
    DecisionImmutable,
    EqualityImpact,
    EqualityMonitoringCount,
    InvolvementActivity,
    ResourceAllocation,
    StageTransition,
)
from tests.factories import CommissionFactory, InvolvementActivityFactory, PriorityFactory, UserFactory


def _log(user, cycle, **extra):
    return services.involvement_record(
        user=user,
        cycle_id=cycle.pk,
        stage=cycle.stage,
        purpose="design",
        method="citizens_panel",
        held_on=timezone.localdate(),
        participant_count=18,
        summary="A citizens' panel weighed the evidence.",
        residents_said="Youth clubs close too early.",
        what_changed="Later opening became a priority.",
        **extra,
    )


# --- Duty to involve ------------------------------------------------------------------------


@pytest.mark.django_db
def test_stage_cannot_close_without_involvement(officer, cycle):
    with pytest.raises(DomainError) as refused:
        services.cycle_advance(user=officer, cycle_id=cycle.pk)

    assert refused.value.message == (
        "The Analyse stage cannot be closed until at least one involvement activity is logged for it. "
        "Log how residents were involved first."
    )
    cycle.refresh_from_db()
    assert cycle.stage == Stage.ANALYSE
    assert not StageTransition.objects.exists()


@pytest.mark.django_db
def test_stage_moves_on_once_involvement_is_logged_and_the_move_is_public(officer, cycle):
    _log(officer, cycle)

    services.cycle_advance(user=officer, cycle_id=cycle.pk)

    cycle.refresh_from_db()
    assert cycle.stage == Stage.PLAN
    transition = StageTransition.objects.get()
    assert (transition.from_stage, transition.to_stage, transition.moved_by) == ("analyse", "plan", officer)
    event = AuditEvent.objects.get(action="cycle.stage_moved")
    assert event.is_public and event.before == {"stage": "analyse"} and event.actor == officer


@pytest.mark.django_db
def test_involvement_in_another_stage_does_not_meet_the_duty(officer, cycle):
    InvolvementActivityFactory(cycle=cycle, stage=Stage.REVIEW)

    with pytest.raises(DomainError, match="Analyse stage cannot be closed"):
        services.cycle_advance(user=officer, cycle_id=cycle.pk)


@pytest.mark.django_db
def test_officer_without_the_override_cannot_override(officer, cycle):
    with pytest.raises(DomainError) as refused:
        services.cycle_advance(user=officer, cycle_id=cycle.pk, override_reason="We ran out of time.")

    assert refused.value.code == "override_not_allowed"


@pytest.mark.django_db
def test_administrator_overrides_the_duty_with_a_public_reason(administrator, cycle):
    services.cycle_advance(user=administrator, cycle_id=cycle.pk, override_reason="Evidence from the 2025 panel.")

    transition = StageTransition.objects.get()
    assert transition.override_reason == "Evidence from the 2025 panel."
    assert AuditEvent.objects.get(action="cycle.stage_moved_with_override").is_public


@pytest.mark.django_db
def test_officer_granted_the_override_group_may_override(officer, cycle, override_group):
    officer.groups.add(override_group)
    officer = type(officer).objects.get(pk=officer.pk)  # drop the cached permissions

    services.cycle_advance(user=officer, cycle_id=cycle.pk, override_reason="Urgent: winter pressures.")

    cycle.refresh_from_db()
    assert cycle.stage == Stage.PLAN


@pytest.mark.django_db
def test_review_is_the_last_stage(officer, cycle):
    cycle.stage = Stage.REVIEW
    cycle.save()
    InvolvementActivityFactory(cycle=cycle, stage=Stage.REVIEW)

    with pytest.raises(DomainError, match="last stage"):
        services.cycle_advance(user=officer, cycle_id=cycle.pk)


@pytest.mark.django_db
def test_involvement_is_logged_with_anonymous_equality_counts(officer, cycle):
    activity = _log(officer, cycle, equality_counts=[("age_band", "16 to 24", 11), ("disability", "Disabled", 3)])

    assert InvolvementActivity.objects.get() == activity
    assert set(EqualityMonitoringCount.objects.values_list("characteristic", "group", "count")) == {
        ("age_band", "16 to 24", 11),
        ("disability", "Disabled", 3),
    }


@pytest.mark.django_db
def test_negative_equality_counts_are_refused(officer, cycle):
    with pytest.raises(DomainError, match="cannot be negative"):
        _log(officer, cycle, equality_counts=[("sex", "Female", -1)])

    assert not InvolvementActivity.objects.exists()


@pytest.mark.django_db
def test_future_activities_are_refused(officer, cycle):
    with pytest.raises(DomainError, match="once it has happened"):
        services.involvement_record(
            user=officer,
            cycle_id=cycle.pk,
            stage="analyse",
            purpose="design",
            method="survey",
            held_on=timezone.localdate() + timedelta(days=2),
            participant_count=1,
            summary="Not yet.",
        )


@pytest.mark.django_db
def test_evaluation_only_in_review(officer, cycle):
    with pytest.raises(DomainError, match="Review stage"):
        services.evaluation_record(
            user=officer,
            cycle_id=cycle.pk,
            outcome=cycle.outcomes.get(),
            rating="achieved",
            summary="Went well.",
            evidence="Attendance doubled.",
        )


# --- Commissions and the equality assessment ------------------------------------------------


@pytest.mark.django_db
def test_commission_is_drafted_in_the_do_stage_with_its_total_resources(officer, cycle, councillors):
    cycle.stage = Stage.DO
    cycle.save()
    priority = PriorityFactory(cycle=cycle, title="Youth club")

    commission = services.commission_draft(
        user=officer,
        cycle_id=cycle.pk,
        title="Late-night youth club",
        description="Open until 10pm on Fridays.",
        provider_type="cooperative",
        value=Decimal("60000"),
        priorities=[priority],
        outcomes=list(cycle.outcomes.all()),
        deciders=councillors,
        resources={
            "cash": services.Resource(amount=Decimal("60000")),
            "capital_assets": services.Resource(description="The Brixton youth centre building, rent free."),
            "knowledge": services.Resource(),
        },
    )

    assert commission.status == Commission.Status.DRAFT
    assert set(ResourceAllocation.objects.values_list("kind", flat=True)) == {"cash", "capital_assets"}
    assert AuditEvent.objects.filter(action="commission.drafted", object_id=str(commission.pk)).exists()


@pytest.mark.django_db
def test_commission_cannot_be_drafted_before_the_do_stage(officer, cycle):
    with pytest.raises(DomainError, match="Do stage"):
        services.commission_draft(
            user=officer, cycle_id=cycle.pk, title="Too early", description="x", provider_type="cooperative", value=1
        )


@pytest.mark.django_db
def test_submitting_without_an_equality_assessment_is_refused(officer, councillors, cycle):
    commission = CommissionFactory(cycle=cycle, drafted_by=officer)
    commission.deciders.set(councillors)

    with pytest.raises(DomainError) as refused:
        services.commission_submit(user=officer, commission_id=commission.pk)

    assert refused.value.message == (
        "The equality impact assessment is not complete. Assess the impact on: Age, Disability, "
        "Gender reassignment, Marriage and civil partnership, Pregnancy and maternity, Race, Religion or belief, "
        "Sex, Sexual orientation."
    )
    commission.refresh_from_db()
    assert commission.status == Commission.Status.DRAFT


@pytest.mark.django_db
def test_a_partial_equality_assessment_is_not_enough(officer, councillors, cycle):
    commission = CommissionFactory(cycle=cycle, drafted_by=officer)
    commission.deciders.set(councillors)
    services.equality_assessment_save(
        user=officer, commission_id=commission.pk, impacts={"age": services.ImpactLine("positive", "Survey")}
    )

    with pytest.raises(DomainError, match="Assess the impact on: Disability"):
        services.commission_submit(user=officer, commission_id=commission.pk)


@pytest.mark.django_db
def test_a_negative_impact_needs_a_mitigation(officer, cycle):
    commission = CommissionFactory(cycle=cycle, drafted_by=officer)

    with pytest.raises(DomainError) as refused:
        services.equality_assessment_save(
            user=officer,
            commission_id=commission.pk,
            impacts={"disability": services.ImpactLine("negative", "The venue has steps.")},
        )

    assert refused.value.details == ["Say how the negative impact on Disability will be mitigated."]
    assert not EqualityImpact.objects.exists()


@pytest.mark.django_db
def test_commission_with_a_complete_assessment_is_submitted(officer, councillors, cycle):
    commission = CommissionFactory(cycle=cycle, drafted_by=officer)
    commission.deciders.set(councillors)
    services.equality_assessment_save(
        user=officer,
        commission_id=commission.pk,
        impacts={
            c: services.ImpactLine("neutral", "Checked with residents.")
            for c in services.ProtectedCharacteristic.values
        },
    )

    services.commission_submit(user=officer, commission_id=commission.pk)

    commission.refresh_from_db()
    assert commission.status == Commission.Status.SUBMITTED and commission.submitted_at is not None


@pytest.mark.django_db
def test_the_drafting_officer_cannot_be_a_decider(officer, cycle):
    cycle.stage = Stage.DO
    cycle.save()

    with pytest.raises(DomainError, match="drafted this commission cannot decide it"):
        services.commission_draft(
            user=officer,
            cycle_id=cycle.pk,
            title="Self-approved",
            description="x",
            provider_type="cooperative",
            value=1,
            deciders=[officer],
        )


# --- Declarations, votes, decisions ---------------------------------------------------------


def _declare_and_vote(user, commission, choice="approve"):
    services.interest_declare(user=user, commission_id=commission.pk, has_interest=False)
    return services.commission_vote(
        user=user, commission_id=commission.pk, choice=choice, reasons="Residents chose it."
    )


@pytest.mark.django_db
def test_councillor_with_interest_cannot_vote(submitted_commission, councillors):
    ife = councillors[2]
    services.interest_declare(
        user=ife, commission_id=submitted_commission.pk, has_interest=True, description="My sister runs the provider."
    )

    with pytest.raises(DomainError) as refused:
        services.commission_vote(user=ife, commission_id=submitted_commission.pk, choice="approve", reasons="Good.")

    assert refused.value.message == "You declared an interest in this commission, so you cannot vote on it."
    assert not CommissionVote.objects.exists()


@pytest.mark.django_db
def test_councillor_must_declare_before_voting(submitted_commission, councillor):
    with pytest.raises(DomainError, match="Declare any interest before you vote"):
        services.commission_vote(user=councillor, commission_id=submitted_commission.pk, choice="approve", reasons="x")


@pytest.mark.django_db
def test_drafting_officer_cannot_vote(submitted_commission, officer):
    with pytest.raises(DomainError) as refused:
        services.commission_vote(user=officer, commission_id=submitted_commission.pk, choice="approve", reasons="x")

    assert refused.value.message == "The officer who drafted this commission cannot decide it."


@pytest.mark.django_db
def test_drafting_administrator_cannot_vote_even_if_assigned(cycle, administrator, councillors):
    commission = CommissionFactory(cycle=cycle, drafted_by=administrator, status=Commission.Status.SUBMITTED)
    commission.deciders.set([*councillors, administrator])

    with pytest.raises(DomainError, match="drafted this commission cannot decide it"):
        services.interest_declare(user=administrator, commission_id=commission.pk, has_interest=False)


@pytest.mark.django_db
def test_councillor_not_assigned_cannot_vote(submitted_commission):
    outsider = UserFactory(role=Role.COUNCILLOR)

    with pytest.raises(DomainError, match="not one of the councillors deciding"):
        services.interest_declare(user=outsider, commission_id=submitted_commission.pk, has_interest=False)


@pytest.mark.django_db
def test_quorum_and_majority_approve_and_the_decision_is_published(submitted_commission, councillors):
    _declare_and_vote(councillors[0], submitted_commission)
    assert not Decision.objects.exists()  # one vote is below the quorum of two

    _declare_and_vote(councillors[1], submitted_commission)

    submitted_commission.refresh_from_db()
    assert submitted_commission.status == Commission.Status.APPROVED
    decision = Decision.objects.get()
    assert decision.result == Decision.Result.APPROVED
    assert [v["choice"] for v in decision.votes] == ["approve", "approve"]
    assert len(decision.declarations) == 2
    assert "2 votes cast (quorum 2): 2 to approve" in decision.explanation
    assert AuditEvent.objects.get(action="commission.approved").is_public


@pytest.mark.django_db
def test_split_vote_waits_for_the_remaining_councillor(submitted_commission, councillors):
    _declare_and_vote(councillors[0], submitted_commission, "approve")
    _declare_and_vote(councillors[1], submitted_commission, "reject")
    assert not Decision.objects.exists()

    _declare_and_vote(councillors[2], submitted_commission, "reject")

    assert Decision.objects.get().result == Decision.Result.REJECTED


@pytest.mark.django_db
def test_tie_once_everyone_able_has_voted_returns_for_changes(submitted_commission, councillors):
    _declare_and_vote(councillors[0], submitted_commission, "approve")
    _declare_and_vote(councillors[1], submitted_commission, "reject")
    services.interest_declare(
        user=councillors[2], commission_id=submitted_commission.pk, has_interest=True, description="Trustee."
    )

    decision = Decision.objects.get()
    assert decision.result == Decision.Result.RETURNED
    submitted_commission.refresh_from_db()
    assert submitted_commission.status == Commission.Status.RETURNED


@pytest.mark.django_db
def test_returned_commission_is_resubmitted_for_a_new_round(submitted_commission, councillors, officer):
    for councillor in councillors[:2]:
        _declare_and_vote(councillor, submitted_commission, "return")

    services.commission_submit(user=officer, commission_id=submitted_commission.pk)
    _declare_and_vote(councillors[0], submitted_commission)
    _declare_and_vote(councillors[2], submitted_commission)

    assert list(Decision.objects.order_by("decision_round").values_list("result", flat=True)) == [
        "returned",
        "approved",
    ]


@pytest.mark.django_db
def test_editing_a_decision_after_it_is_taken_is_refused(submitted_commission, councillors):
    for councillor in councillors[:2]:
        _declare_and_vote(councillor, submitted_commission)
    decision = Decision.objects.get()

    with pytest.raises(DomainError, match="decision cannot be changed"):
        _declare_and_vote(councillors[2], submitted_commission, "reject")
    decision.result = Decision.Result.REJECTED
    with pytest.raises(DecisionImmutable):
        decision.save()
    with pytest.raises(DecisionImmutable):
        Decision.objects.filter(pk=decision.pk).update(result="rejected")
    with pytest.raises(DecisionImmutable):
        decision.delete()
    with pytest.raises(DomainError, match="cannot be changed"):
        services.commission_update(
            user=submitted_commission.drafted_by,
            commission_id=submitted_commission.pk,
            title="Changed afterwards",
            description="x",
            provider_type="cooperative",
            value=1,
        )

    assert Decision.objects.get().result == Decision.Result.APPROVED


@pytest.mark.django_db
def test_votes_are_final(submitted_commission, councillors):
    submitted_commission.quorum = 3
    submitted_commission.save()
    _declare_and_vote(councillors[0], submitted_commission)

    with pytest.raises(DomainError, match="already voted"):
        services.commission_vote(
            user=councillors[0], commission_id=submitted_commission.pk, choice="reject", reasons="Changed my mind."
        )


# --- Scrutiny -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_comments_are_moderated_and_close_at_the_decision(submitted_commission, resident, officer, councillors):
    comment = services.comment_add(
        user=resident, commission_id=submitted_commission.pk, body="Please open on Saturdays."
    )
    assert comment.status == "pending"

    services.comment_moderate(user=officer, comment_id=comment.pk, publish=True)
    for councillor in councillors[:2]:
        _declare_and_vote(councillor, submitted_commission)

    comment.refresh_from_db()
    assert comment.status == "published" and comment.moderated_by == officer
    with pytest.raises(DomainError, match="Comments are open only"):
        services.comment_add(user=resident, commission_id=submitted_commission.pk, body="Too late.")


@pytest.mark.django_db
def test_officer_adds_a_councillor_when_interests_leave_too_few_to_reach_the_quorum(
    officer, submitted_commission, councillors
):
    from notifications.events import Event
    from notifications.models import Notification

    for conflicted in councillors[:2]:
        services.interest_declare(
            user=conflicted, commission_id=submitted_commission.pk, has_interest=True, description="Trustee"
        )
    extra = UserFactory(email="sam@example.org", role=Role.COUNCILLOR)

    services.commission_add_deciders(user=officer, commission_id=submitted_commission.pk, councillors=[extra])

    assert services.tally(submitted_commission).eligible == 2
    assert Notification.objects.filter(recipient=extra, event=Event.COMMISSION_AWAITS_DECISION).exists()


@pytest.mark.django_db
def test_only_councillors_can_be_added_to_decide(officer, submitted_commission, resident):
    with pytest.raises(DomainError, match="Only councillors decide commissions"):
        services.commission_add_deciders(user=officer, commission_id=submitted_commission.pk, councillors=[resident])

    assert not submitted_commission.deciders.filter(pk=resident.pk).exists()
