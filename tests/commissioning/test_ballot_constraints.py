import pytest
from django.db import IntegrityError, transaction

from commissioning.models import Ballot
from tests.factories import BallotFactory, CycleFactory, UserFactory


@pytest.mark.django_db
def test_database_refuses_a_second_ballot_from_the_same_voter_in_a_cycle():
    ballot = BallotFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(cycle=ballot.cycle, voter=ballot.voter)

    assert Ballot.objects.filter(cycle=ballot.cycle, voter=ballot.voter).count() == 1


@pytest.mark.django_db
def test_same_voter_may_vote_in_two_different_cycles():
    voter = UserFactory()

    BallotFactory(voter=voter, cycle=CycleFactory())
    BallotFactory(voter=voter, cycle=CycleFactory())

    assert Ballot.objects.filter(voter=voter).count() == 2


@pytest.mark.django_db
def test_each_ballot_gets_its_own_receipt_code():
    first, second = BallotFactory(), BallotFactory()

    assert first.receipt_code != second.receipt_code
    assert len(first.receipt_code) == 16
