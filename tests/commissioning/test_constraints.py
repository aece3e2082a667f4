from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from commissioning.models import Priority, Scope
from tests.factories import CycleFactory, PriorityFactory


@pytest.mark.django_db
def test_cycle_scoped_to_a_cooperative_must_name_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        CycleFactory(scope=Scope.COOPERATIVE, cooperative=None)


@pytest.mark.django_db
def test_cycle_voting_cannot_close_before_it_opens():
    cycle = CycleFactory.build()
    with pytest.raises(IntegrityError), transaction.atomic():
        CycleFactory(voting_closes_at=cycle.voting_opens_at - timedelta(hours=1))


@pytest.mark.django_db
def test_priority_cost_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(estimated_cost=Decimal("0"))


@pytest.mark.django_db
def test_rejected_priority_needs_a_reason_for_its_proposer():
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(status=Priority.Status.REJECTED, moderation_reason="")
