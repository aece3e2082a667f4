"""A co-operative's board decides its own cycle's commissions, with the council's sign-off above a threshold."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from citizens import services as citizens
from citizens.models import BoardMember, Membership
from commissioning.models import Scope, Stage
from core.errors import DomainError
from core.models import AuditEvent
from governance import services
from governance.models import Commission, Decision
from tests.factories import (
    CommissionFactory,
    CooperativeFactory,
    CycleFactory,
    UserFactory,
    complete_equality_assessment,
)

pytestmark = pytest.mark.django_db


def _member(cooperative, number):
    membership = Membership.objects.create(
        member=UserFactory(),
        cooperative=cooperative,
        status=Membership.Status.ACTIVE,
        member_number=number,
        joined_at=timezone.now(),
    )
    return membership.member


def _seat(officer, cooperative, number):
    today = timezone.localdate()
    return citizens.board_member_seat(
        officer=officer,
        cooperative_id=cooperative.pk,
        member_number=number,
        appointment="elected",
        term_start=today - timedelta(days=30),
        term_end=today + timedelta(days=700),
    )


@pytest.fixture
def trust(officer):
    cooperative = CooperativeFactory(name="Lambeth Youth Trust")
    board = [_member(cooperative, n) for n in (1, 2)]
    for n in (1, 2):
        _seat(officer, cooperative, n)
    cycle = CycleFactory(scope=Scope.COOPERATIVE, cooperative=cooperative, stage=Stage.DO, created_by=officer)
    return cooperative, board, cycle


def _submitted(officer, cycle, deciders, value="20000"):
    commission = CommissionFactory(cycle=cycle, drafted_by=officer, value=Decimal(value), quorum=2)
    commission.deciders.set(deciders)
    complete_equality_assessment(commission)
    return services.commission_submit(user=officer, commission_id=commission.pk)


def _decide(commission, people, choice="approve"):
    for person in people:
        services.interest_declare(user=person, commission_id=commission.pk, has_interest=False)
        services.commission_vote(
            user=person, commission_id=commission.pk, choice=choice, reasons="Members asked for it."
        )
    commission.refresh_from_db()
    return commission


def test_seating_a_board_member_is_audited_and_public(officer, trust):
    cooperative, board, _cycle = trust

    assert set(citizens.board_current(cooperative).values_list("member", flat=True)) == {p.pk for p in board}
    assert AuditEvent.objects.filter(action="board.seated", is_public=True).count() == 2


def test_only_an_active_member_can_have_a_seat(officer, trust):
    cooperative, _board, _cycle = trust

    with pytest.raises(DomainError) as refused:
        _seat(officer, cooperative, 99)

    assert refused.value.code == "not_member"


def test_database_refuses_a_term_that_ends_before_it_starts(trust):
    cooperative, board, _cycle = trust
    today = timezone.localdate()

    with pytest.raises(IntegrityError):
        BoardMember.objects.create(
            cooperative=cooperative, member=board[0], appointment="appointed", term_start=today, term_end=today
        )


def test_councillors_cannot_decide_a_cooperatives_own_commission(officer, councillor, trust):
    _cooperative, _board, cycle = trust

    with pytest.raises(DomainError) as refused:
        services.commission_draft(
            user=officer,
            cycle_id=cycle.pk,
            title="Youth club",
            description="Evenings.",
            provider_type="cooperative",
            value=Decimal(1000),
            deciders=[councillor],
        )

    assert refused.value.code == "decider_not_on_board"


def test_board_decides_its_cooperatives_commission_on_the_public_record(officer, trust):
    _cooperative, board, cycle = trust
    commission = _submitted(officer, cycle, board)

    decided = _decide(commission, board)

    assert decided.status == Commission.Status.APPROVED
    decision = Decision.objects.get(commission=commission)
    assert [v["choice"] for v in decision.votes] == ["approve", "approve"]
    assert len(decision.declarations) == 2


def test_a_member_who_stood_down_no_longer_decides(officer, trust):
    cooperative, board, cycle = trust
    commission = _submitted(officer, cycle, board)
    seat = BoardMember.objects.get(cooperative=cooperative, member=board[0])
    citizens.board_member_stand_down(officer=officer, seat_id=seat.pk)

    with pytest.raises(DomainError) as refused:
        services.interest_declare(user=board[0], commission_id=commission.pk, has_interest=False)

    assert refused.value.code == "decider_not_on_board"


def test_board_approval_above_the_threshold_waits_for_council_sign_off(officer, trust):
    cooperative, board, cycle = trust
    citizens.cooperative_signoff_set(officer=officer, cooperative_id=cooperative.pk, threshold=Decimal("10000"))

    decided = _decide(_submitted(officer, cycle, board, value="20000"), board)

    assert decided.status == Commission.Status.SIGNOFF


def test_board_approval_below_the_threshold_is_final(officer, trust):
    cooperative, board, cycle = trust
    citizens.cooperative_signoff_set(officer=officer, cooperative_id=cooperative.pk, threshold=Decimal("50000"))

    decided = _decide(_submitted(officer, cycle, board, value="20000"), board)

    assert decided.status == Commission.Status.APPROVED


def test_councillor_signs_off_with_reasons_on_the_record(officer, councillor, trust):
    cooperative, board, cycle = trust
    citizens.cooperative_signoff_set(officer=officer, cooperative_id=cooperative.pk, threshold=Decimal("0"))
    commission = _decide(_submitted(officer, cycle, board), board)

    services.commission_sign_off(user=councillor, commission_id=commission.pk, approve=True, reasons="Good value.")

    commission.refresh_from_db()
    assert (commission.status, commission.signed_off_by) == (Commission.Status.APPROVED, councillor)
    assert AuditEvent.objects.get(action="commission.signed_off").is_public


def test_a_board_member_cannot_sign_off(officer, trust):
    cooperative, board, cycle = trust
    citizens.cooperative_signoff_set(officer=officer, cooperative_id=cooperative.pk, threshold=Decimal("0"))
    commission = _decide(_submitted(officer, cycle, board), board)

    with pytest.raises(DomainError) as refused:
        services.commission_sign_off(user=board[0], commission_id=commission.pk, approve=True, reasons="Mine.")

    assert refused.value.code == "not_councillor"


def test_board_member_reaches_the_decision_page_and_others_do_not(client_for, officer, resident, trust):
    _cooperative, board, cycle = trust
    commission = _submitted(officer, cycle, board)

    assert client_for(board[0]).get(reverse("commission_decide", args=[commission.pk])).status_code == 200
    assert client_for(resident).get(reverse("commission_decide", args=[commission.pk])).status_code == 403


def test_officer_seats_a_member_from_the_board_page(client_for, officer):
    cooperative = CooperativeFactory()
    _member(cooperative, 5)
    today = timezone.localdate()

    client_for(officer).post(
        reverse("cooperative_board", args=[cooperative.slug]),
        {
            "seat": "1",
            "member_number": "5",
            "appointment": "appointed",
            "term_start": today.isoformat(),
            "term_end": (today + timedelta(days=365)).isoformat(),
        },
    )

    assert citizens.board_current(cooperative).count() == 1
