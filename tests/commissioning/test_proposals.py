from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning import services
from commissioning.models import Priority
from core.errors import DomainError
from tests.factories import CycleFactory, PriorityFactory


def _proposal_cycle(**fields):
    now = timezone.now()
    return CycleFactory(
        proposals_open_at=now - timedelta(days=1),
        proposals_close_at=now + timedelta(days=5),
        voting_opens_at=now + timedelta(days=6),
        voting_closes_at=now + timedelta(days=12),
        **fields,
    )


def _propose(user, cycle, **overrides):
    fields = {"title": "Youth club", "description": "Open on Fridays.", "estimated_cost": Decimal(20000)}
    return services.priority_propose(user=user, cycle=cycle, **(fields | overrides))


@pytest.mark.django_db
def test_resident_proposes_during_the_proposal_window(resident):
    priority = _propose(resident, _proposal_cycle())

    assert priority.status == Priority.Status.SUBMITTED
    assert priority.proposer == resident


@pytest.mark.django_db
def test_proposing_outside_the_window_is_refused(resident):
    with pytest.raises(DomainError, match="not taking proposals"):
        _propose(resident, CycleFactory())

    assert not Priority.objects.exists()


@pytest.mark.django_db
def test_proposal_costing_more_than_the_budget_is_refused(resident):
    with pytest.raises(DomainError, match="more than the cycle's whole budget of £100,000"):
        _propose(resident, _proposal_cycle(), estimated_cost=Decimal(150000))


@pytest.mark.django_db
def test_moderator_asks_for_changes_and_the_proposer_sees_why(client_for, resident):
    priority = _propose(resident, _proposal_cycle())

    services.priority_moderate(
        priority_id=priority.pk, decision="request_changes", reason="Please add a cost breakdown."
    )

    content = client_for(resident).get(reverse("my_proposals")).content.decode()
    assert "Changes requested" in content
    assert "Please add a cost breakdown." in content


@pytest.mark.django_db
def test_revised_proposal_goes_back_to_the_moderators(resident):
    priority = _propose(resident, _proposal_cycle())
    services.priority_moderate(priority_id=priority.pk, decision="request_changes", reason="Add costs.")

    revised = services.priority_revise(
        user=resident, priority_id=priority.pk, title="Youth club", description="£20k: staff.", estimated_cost=20000
    )

    assert revised.status == Priority.Status.SUBMITTED
    assert revised.moderation_reason == ""


@pytest.mark.django_db
def test_someone_else_cannot_revise_a_proposal(resident, officer):
    priority = _propose(resident, _proposal_cycle())

    with pytest.raises(DomainError, match="Only the person who proposed"):
        services.priority_revise(user=officer, priority_id=priority.pk, title="x", description="y", estimated_cost=1)


@pytest.mark.django_db
def test_rejection_needs_a_reason_and_changes_nothing_without_one(resident):
    priority = _propose(resident, _proposal_cycle())

    with pytest.raises(DomainError, match="Give the proposer a reason"):
        services.priority_moderate(priority_id=priority.pk, decision="reject", reason=" ")

    priority.refresh_from_db()
    assert priority.status == Priority.Status.SUBMITTED


@pytest.mark.django_db
def test_merge_points_at_a_priority_in_the_same_cycle(resident):
    cycle = _proposal_cycle()
    priority = _propose(resident, cycle)
    target = PriorityFactory(cycle=cycle, title="Youth clubs in every ward")

    merged = services.priority_moderate(
        priority_id=priority.pk, decision="merge", reason="Same idea.", merge_into_id=target.pk
    )

    assert merged.status == Priority.Status.MERGED
    assert merged.merged_into == target


@pytest.mark.django_db
def test_merge_into_another_cycles_priority_is_refused(resident):
    priority = _propose(resident, _proposal_cycle())

    with pytest.raises(DomainError, match="same cycle"):
        services.priority_moderate(
            priority_id=priority.pk, decision="merge", reason="x", merge_into_id=PriorityFactory().pk
        )


@pytest.mark.django_db
def test_officer_accepts_from_the_moderation_page(client_for, officer, resident):
    cycle = _proposal_cycle()
    priority = _propose(resident, cycle)

    client_for(officer).post(
        reverse("moderation_queue", args=[cycle.slug]),
        {"priority": priority.pk, f"p{priority.pk}-decision": "accept", f"p{priority.pk}-reason": ""},
    )

    priority.refresh_from_db()
    assert priority.status == Priority.Status.ACCEPTED


@pytest.mark.django_db
def test_resident_cannot_open_the_moderation_page(client_for, resident):
    cycle = _proposal_cycle()

    assert client_for(resident).get(reverse("moderation_queue", args=[cycle.slug])).status_code == 403


@pytest.mark.django_db
def test_moderation_page_offers_no_changes_to_the_ballot_once_voting_has_started(client_for, officer):
    cycle = CycleFactory()
    PriorityFactory(cycle=cycle, title="On the ballot")

    content = client_for(officer).get(reverse("moderation_queue", args=[cycle.slug])).content.decode()

    assert "Voting has started" in content
    assert "On the ballot" in content
    assert 'name="priority"' not in content


@pytest.mark.django_db
def test_no_proposal_can_be_accepted_or_removed_once_voting_has_opened(resident):
    cycle = CycleFactory()
    waiting = PriorityFactory(cycle=cycle, status=Priority.Status.SUBMITTED)
    on_ballot = PriorityFactory(cycle=cycle)

    for priority, decision in ((waiting, "accept"), (on_ballot, "reject")):
        with pytest.raises(DomainError, match="the ballot can no longer be changed"):
            services.priority_moderate(priority_id=priority.pk, decision=decision, reason="x")

    assert Priority.objects.get(pk=waiting.pk).status == Priority.Status.SUBMITTED
    assert Priority.objects.get(pk=on_ballot.pk).status == Priority.Status.ACCEPTED
