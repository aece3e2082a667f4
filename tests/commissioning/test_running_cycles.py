"""Officers run a cycle in the app: the assistant, publishing, windows, results and archiving, all audited."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from commissioning import services
from commissioning.models import CommissioningCycle, Phase, Scope
from core.errors import DomainError
from core.models import AuditEvent
from notifications.models import Notification
from tests.factories import (
    BallotFactory,
    CycleFactory,
    OutcomeFactory,
    PriorityFactory,
    ResidentProfileFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

DT = "%Y-%m-%dT%H:%M"


def _draft(officer, **fields):
    windows = dict.fromkeys(("proposals_open_at", "proposals_close_at", "voting_opens_at"))
    defaults = {"is_published": False, "created_by": officer, **windows}
    defaults["voting_opens_at"] = timezone.now() + timedelta(days=3)
    defaults["voting_closes_at"] = timezone.now() + timedelta(days=9)
    return CycleFactory(**(defaults | fields))


def test_starting_a_cycle_makes_an_audited_draft(officer):
    cycle = services.cycle_create(user=officer, title="Youth services 2027", summary="Money for young people.")

    assert cycle.slug == "youth-services-2027"
    assert not cycle.is_published
    assert cycle.phase() == Phase.DRAFT
    assert AuditEvent.objects.filter(action="cycle.created", object_id=cycle.pk, actor=officer).exists()


def test_a_cycle_titled_new_does_not_take_the_start_page_address(officer):
    cycle = services.cycle_create(user=officer, title="New", summary="A cycle.")

    assert cycle.slug == "new-2"


def test_issue_scope_needs_the_outcome_it_is_about(officer):
    cycle = _draft(officer)

    with pytest.raises(DomainError) as refused:
        services.cycle_update(user=officer, cycle_id=cycle.pk, changes={"scope": Scope.ISSUE})

    assert refused.value.code == "issue_required"


def test_issue_scope_is_stored_with_its_outcome(officer):
    cycle, outcome = _draft(officer), OutcomeFactory(title="Loneliness")

    services.cycle_update(user=officer, cycle_id=cycle.pk, changes={"scope": Scope.ISSUE, "issue": outcome})

    cycle.refresh_from_db()
    assert (cycle.scope, cycle.issue) == (Scope.ISSUE, outcome)


def test_database_refuses_an_issue_cycle_without_its_outcome(officer):
    cycle = _draft(officer)

    with pytest.raises(IntegrityError):
        CommissioningCycle.objects.filter(pk=cycle.pk).update(scope=Scope.ISSUE, issue=None)


def test_voting_cannot_open_before_proposals_close(officer):
    cycle = _draft(officer)
    now = timezone.now()

    with pytest.raises(DomainError) as refused:
        services.cycle_update(
            user=officer,
            cycle_id=cycle.pk,
            changes={
                "proposals_open_at": now + timedelta(days=1),
                "proposals_close_at": now + timedelta(days=5),
                "voting_opens_at": now + timedelta(days=4),
                "voting_closes_at": now + timedelta(days=9),
            },
        )

    assert refused.value.message == "Voting must open after proposals close."


def test_ballot_cannot_change_once_voting_opens(officer):
    cycle = CycleFactory(created_by=officer)  # voting open now

    with pytest.raises(DomainError) as refused:
        services.cycle_update(user=officer, cycle_id=cycle.pk, changes={"budget": Decimal("1")})

    assert refused.value.code == "ballot_fixed"


def test_windows_of_a_running_cycle_move_only_by_extending(officer):
    cycle = CycleFactory(created_by=officer)

    with pytest.raises(DomainError) as refused:
        services.cycle_update(
            user=officer, cycle_id=cycle.pk, changes={"voting_closes_at": timezone.now() + timedelta(days=30)}
        )

    assert refused.value.code == "window_started"


def test_publishing_refuses_a_cycle_with_no_outcome(officer):
    cycle = _draft(officer)

    with pytest.raises(DomainError) as refused:
        services.cycle_publish(user=officer, cycle_id=cycle.pk)

    assert "Choose at least one outcome the cycle works towards." in refused.value.message


def test_publishing_a_complete_draft_makes_it_public_and_audited(officer):
    cycle = _draft(officer)
    cycle.outcomes.add(OutcomeFactory())

    services.cycle_publish(user=officer, cycle_id=cycle.pk)

    cycle.refresh_from_db()
    assert cycle.is_published
    assert AuditEvent.objects.get(action="cycle.published", object_id=cycle.pk).is_public


def test_extending_voting_tells_those_who_can_vote_with_the_reason(officer):
    cycle = CycleFactory(created_by=officer)
    voter = ResidentProfileFactory().user
    new_close = cycle.voting_closes_at + timedelta(days=3)

    services.cycle_window_extend(
        user=officer, cycle_id=cycle.pk, window="voting", closes_at=new_close, reason="Polling station flooded."
    )

    cycle.refresh_from_db()
    assert cycle.voting_closes_at == new_close
    notice = Notification.objects.get(recipient=voter, event="cycle_window_changed")
    assert "Polling station flooded." in notice.body
    event = AuditEvent.objects.get(action="cycle.voting_extended", object_id=cycle.pk)
    assert event.after["reason"] == "Polling station flooded."


def test_a_window_cannot_be_extended_to_an_earlier_time(officer):
    cycle = CycleFactory(created_by=officer)

    with pytest.raises(DomainError) as refused:
        services.cycle_window_extend(
            user=officer,
            cycle_id=cycle.pk,
            window="voting",
            closes_at=cycle.voting_closes_at - timedelta(hours=1),
            reason="Typo.",
        )

    assert refused.value.code == "not_later"


def test_extending_needs_a_reason(officer):
    cycle = CycleFactory(created_by=officer)

    with pytest.raises(DomainError) as refused:
        services.cycle_window_extend(
            user=officer,
            cycle_id=cycle.pk,
            window="voting",
            closes_at=cycle.voting_closes_at + timedelta(1),
            reason=" ",
        )

    assert refused.value.code == "reason_required"


def test_closing_voting_early_ends_it_now_and_tells_voters(officer):
    cycle = CycleFactory(created_by=officer)
    ballot = BallotFactory(cycle=cycle)

    services.cycle_voting_close_early(user=officer, cycle_id=cycle.pk, reason="The service was withdrawn.")

    cycle.refresh_from_db()
    assert cycle.has_voting_closed()
    assert Notification.objects.filter(recipient=ballot.voter, event="cycle_window_changed").exists()
    assert AuditEvent.objects.filter(action="cycle.voting_closed_early", object_id=cycle.pk).exists()


def test_voting_cannot_be_closed_early_before_it_opens(officer):
    cycle = CycleFactory(
        created_by=officer,
        voting_opens_at=timezone.now() + timedelta(days=1),
        voting_closes_at=timezone.now() + timedelta(days=2),
    )

    with pytest.raises(DomainError):
        services.cycle_voting_close_early(user=officer, cycle_id=cycle.pk, reason="No.")


def test_publishing_results_counts_the_votes_once(officer):
    cycle = CycleFactory(
        created_by=officer,
        voting_opens_at=timezone.now() - timedelta(days=3),
        voting_closes_at=timezone.now() - timedelta(days=1),
    )
    PriorityFactory(cycle=cycle)

    first = services.cycle_results_publish(user=officer, cycle_id=cycle.pk)
    second = services.cycle_results_publish(user=officer, cycle_id=cycle.pk)

    assert first.pk == second.pk
    assert cycle.phase() == Phase.RESULTS
    assert AuditEvent.objects.filter(action="cycle.results_published", object_id=cycle.pk).count() == 1


def test_results_cannot_be_published_while_voting_is_open(officer):
    cycle = CycleFactory(created_by=officer)

    with pytest.raises(DomainError) as refused:
        services.cycle_results_publish(user=officer, cycle_id=cycle.pk)

    assert refused.value.code == "voting_not_closed"


def test_a_published_cycle_is_archived_only_after_its_result(officer):
    cycle = CycleFactory(created_by=officer)

    with pytest.raises(DomainError) as refused:
        services.cycle_archive(user=officer, cycle_id=cycle.pk)

    assert refused.value.code == "no_result"


def test_archived_cycle_leaves_the_working_phases(officer, client_for):
    cycle = _draft(officer, title="Abandoned idea")

    services.cycle_archive(user=officer, cycle_id=cycle.pk)

    cycle.refresh_from_db()
    assert cycle.phase() == Phase.ARCHIVED
    page = client_for(officer).get(reverse("officer_cycle_list")).content.decode()
    assert page.index("Archived") < page.index("Abandoned idea")


def test_officer_list_groups_cycles_by_phase(officer, client_for):
    _draft(officer, title="Draft for next year")
    CycleFactory(created_by=officer, title="Vote now")

    page = client_for(officer).get(reverse("officer_cycle_list")).content.decode()

    assert page.index("Drafts") < page.index("Draft for next year") < page.index("Voting") < page.index("Vote now")


def test_assistant_walks_from_title_to_check_answers(officer, client_for):
    client = client_for(officer)
    outcome, ward = OutcomeFactory(title="Young people thrive"), WardFactory(name="Brixton Windrush")
    now = timezone.localtime()

    response = client.post(reverse("cycle_start"), {"title": "Youth fund", "summary": "For young people."})
    slug = CommissioningCycle.objects.get(title="Youth fund").slug
    assert response["Location"] == reverse("cycle_setup", args=[slug, "scope"])
    steps = [
        ("scope", {"scope": "wards", "wards": [ward.pk], "assurance": "resident"}),
        ("outcomes", {"outcomes": [outcome.pk]}),
        ("budget", {"budget": "50000"}),
        (
            "windows",
            {
                "proposals_open_at": (now + timedelta(days=1)).strftime(DT),
                "proposals_close_at": (now + timedelta(days=10)).strftime(DT),
                "voting_opens_at": (now + timedelta(days=12)).strftime(DT),
                "voting_closes_at": (now + timedelta(days=20)).strftime(DT),
            },
        ),
        ("ballot", {"ballot_type": "approval", "max_choices": "3"}),
        ("counting", {"counting_rule": "greedy"}),
    ]
    for step, data in steps:
        response = client.post(reverse("cycle_setup", args=[slug, step]), data)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    check = client.get(response["Location"])
    assert "Most votes first, skipping what no longer fits" in check.content.decode()
    assert "The ballot as residents will see it" in check.content.decode()
    assert "Verified residents only (a binding vote)" in check.content.decode()
    client.post(reverse("cycle_check", args=[slug]))
    cycle = CommissioningCycle.objects.get(slug=slug)
    assert cycle.is_published and list(cycle.wards.all()) == [ward] and cycle.max_choices == 3
    assert cycle.assurance == "resident"


def test_check_page_links_to_what_is_missing(officer, client_for):
    cycle = _draft(officer)

    response = client_for(officer).post(reverse("cycle_check", args=[cycle.slug]))

    assert response.status_code == 400
    assert reverse("cycle_setup", args=[cycle.slug, "outcomes"]) in response.content.decode()


def test_points_ballot_step_asks_for_the_points(officer, client_for):
    cycle = _draft(officer)

    response = client_for(officer).post(
        reverse("cycle_setup", args=[cycle.slug, "ballot"]), {"ballot_type": "cumulative"}
    )

    assert response.status_code == 200
    assert "Say how many points each voter shares out." in response.content.decode()


def test_unpublished_cycle_is_not_shown_to_residents(client_for, resident, officer):
    cycle = _draft(officer)

    assert client_for(resident).get(reverse("cycle_detail", args=[cycle.slug])).status_code == 404


def test_issue_cycle_is_open_to_residents_of_every_ward(officer):
    from commissioning.eligibility import participation_for

    cycle = CycleFactory(created_by=officer, scope=Scope.ISSUE, issue=OutcomeFactory())
    someone = ResidentProfileFactory(ward=WardFactory()).user

    assert participation_for(someone, cycle).allowed
    assert participation_for(UserFactory(), cycle).allowed
