from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from delivery import selectors, services
from delivery.models import Milestone
from notifications.models import Notification
from tests.factories import CommissionFactory


@pytest.mark.django_db
def test_a_milestone_met_tells_voters_and_followers_once(approved, officer):
    today = timezone.localdate()
    milestone = services.milestone_plan(
        user=officer, commission_id=approved.pk, title="Club opens", planned_on=today - timedelta(days=3)
    )

    services.milestone_report(
        user=officer,
        milestone_id=milestone.pk,
        met=True,
        actual_on=today - timedelta(days=1),
        note="Opened on a Friday.",
        spend={"cash": Decimal("12000.50"), "community_capacity": None},
    )

    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.MET and milestone.days_late == 2
    told = Notification.objects.filter(event="milestone_reported")
    assert sorted(told.values_list("recipient__email", flat=True)) == ["follower@example.org", "voter@example.org"]
    assert told.first().url == reverse("commission_delivery", args=[approved.pk])
    spend = {row["kind"]: row["spent"] for row in selectors.spend_against_resources(approved)}
    assert spend == {"Revenue and cash": Decimal("12000.50"), "Capital and assets": Decimal(0)}


@pytest.mark.django_db
def test_a_missed_milestone_is_reported_with_what_happened(approved, officer):
    milestone = services.milestone_plan(
        user=officer, commission_id=approved.pk, title="Club opens", planned_on=timezone.localdate()
    )

    with pytest.raises(DomainError) as no_note:
        services.milestone_report(user=officer, milestone_id=milestone.pk, met=False, note="")
    services.milestone_report(user=officer, milestone_id=milestone.pk, met=False, note="Repairs.")
    with pytest.raises(DomainError) as again:
        services.milestone_report(user=officer, milestone_id=milestone.pk, met=True, note="x", actual_on=None)

    assert no_note.value.message == services.NOTE_REQUIRED
    assert again.value.message == services.ALREADY_REPORTED
    assert Notification.objects.filter(event="milestone_reported", body__contains="Missed").count() == 2


@pytest.mark.django_db
def test_milestones_are_for_approved_commissions_only(officer):
    submitted = CommissionFactory(status="submitted")

    with pytest.raises(DomainError) as refused:
        services.milestone_plan(user=officer, commission_id=submitted.pk, title="x", planned_on=timezone.localdate())

    assert refused.value.message == services.NOT_APPROVED


@pytest.mark.django_db
def test_a_met_milestone_needs_a_date_not_in_the_future(approved, officer):
    milestone = services.milestone_plan(
        user=officer, commission_id=approved.pk, title="x", planned_on=timezone.localdate()
    )

    with pytest.raises(DomainError) as no_date:
        services.milestone_report(user=officer, milestone_id=milestone.pk, met=True, note="Done.")
    with pytest.raises(DomainError) as future:
        services.milestone_report(
            user=officer,
            milestone_id=milestone.pk,
            met=True,
            note="Done.",
            actual_on=timezone.localdate() + timedelta(days=1),
        )

    assert (no_date.value.message, future.value.message) == (services.MET_NEEDS_DATE, services.MET_IN_FUTURE)


@pytest.mark.django_db
def test_the_review_stage_shows_evaluation_against_the_outcomes(approved, officer, client):
    from governance.models import Evaluation
    from outcomes.models import IndicatorValue
    from tests.factories import IndicatorFactory, OutcomeFactory

    outcome = OutcomeFactory(title="Young people thrive")
    indicator = IndicatorFactory(outcome=outcome, name="Young people in education", baseline=80, target=90, unit="%")
    IndicatorValue.objects.create(
        indicator=indicator,
        period_start=timezone.localdate().replace(month=4, day=1),
        period_end=timezone.localdate().replace(month=4, day=30),
        value=85,
        source="DfE",
    )
    cycle = approved.cycle
    cycle.outcomes.add(outcome)
    cycle.stage = "review"
    cycle.save()
    Evaluation.objects.create(
        cycle=cycle, outcome=outcome, summary="Half way there.", rating="partly", evidence="DfE", recorded_by=officer
    )

    page = client.get(reverse("cycle_detail", args=[cycle.slug])).content.decode()

    assert "Review: evaluation against the outcomes" in page
    assert "Half way there." in page and "50.0%" in page
