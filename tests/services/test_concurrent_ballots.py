"""Two tabs casting at the same moment must leave one ballot: checked on PostgreSQL with real threads."""

import threading

import pytest
from django.db import connection

from commissioning import services
from commissioning.models import Ballot, BallotChoice
from tests.factories import CycleFactory, PriorityFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_tabs_casting_at_once_leave_exactly_one_ballot_with_one_tabs_choices():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL")
    voter = UserFactory()
    cycle = CycleFactory()
    first, second = PriorityFactory(cycle=cycle), PriorityFactory(cycle=cycle)
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def cast(priority_id: int) -> None:
        try:
            start.wait()
            services.ballot_cast(user=voter, cycle_id=cycle.pk, choices={priority_id: 1})
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(p.pk,)) for p in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Ballot.objects.filter(cycle=cycle, voter=voter).count() == 1
    chosen = list(BallotChoice.objects.filter(ballot__cycle=cycle).values_list("priority_id", flat=True))
    assert chosen in ([first.pk], [second.pk])
    assert Ballot.objects.get(cycle=cycle, voter=voter).version == 2
