"""Officers racing over the same paper ballot must leave it counted once: checked on PostgreSQL with real threads."""

import pytest
from django.db import connection

from accounts.roles import Role
from commissioning import services
from commissioning.models import Ballot, Channel, PaperBatch, PaperEntry
from core.errors import DomainError
from tests.factories import CycleFactory, PriorityFactory, UserFactory
from tests.services.racing import at_once


@pytest.mark.django_db(transaction=True)
def test_two_second_entries_at_once_count_the_paper_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL")
    cycle = CycleFactory()
    priority = PriorityFactory(cycle=cycle)
    first, second, third = (UserFactory(role=Role.OFFICER) for _ in range(3))
    voter = UserFactory()
    batch = services.paper_batch_open(
        officer=first, cycle=cycle, label="Library", check_method=PaperBatch.Check.DOUBLE_ENTRY
    )
    services.paper_ballot_enter(officer=first, batch_id=batch.pk, serial=8, voter=voter, choices={priority.pk: 1})

    done, errors = at_once(
        [
            lambda who=who: services.paper_ballot_enter(
                officer=who, batch_id=batch.pk, serial=8, voter=voter, choices={priority.pk: 1}
            )
            for who in (second, third)
        ]
    )

    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], DomainError)
    assert Ballot.objects.filter(cycle=cycle, channel=Channel.PAPER, paper_serial=8).count() == 1
    assert PaperEntry.objects.filter(serial=8).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_paper_and_an_online_vote_at_once_leave_one_ballot():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL")
    cycle = CycleFactory()
    online, on_paper = PriorityFactory(cycle=cycle), PriorityFactory(cycle=cycle)
    officer, voter = UserFactory(role=Role.OFFICER), UserFactory()
    batch = services.paper_batch_open(
        officer=officer, cycle=cycle, label="Library", check_method=PaperBatch.Check.BATCH_TOTAL, declared_total=1
    )

    done, errors = at_once(
        [
            lambda: services.ballot_cast(user=voter, cycle_id=cycle.pk, choices={online.pk: 1}),
            lambda: services.paper_ballot_enter(
                officer=officer, batch_id=batch.pk, serial=1, voter=voter, choices={on_paper.pk: 1}
            ),
        ]
    )

    assert len(done) == 1 and len(errors) == 1
    assert isinstance(errors[0], DomainError) and errors[0].code == "already_voted"
    ballot = Ballot.objects.get(cycle=cycle, voter=voter)
    assert ballot.version == 1 and ballot.choices.count() == 1
