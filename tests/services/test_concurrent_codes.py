"""A voting code redeemed by two people at once verifies exactly one: checked on PostgreSQL with real threads."""

import io
from datetime import date

import pytest
from django.db import connection

from core.errors import DomainError
from tests.factories import UserFactory, WardFactory
from tests.services.racing import at_once
from verification import services
from verification.models import IdentityConflict, Verification, VotingCode


@pytest.mark.django_db(transaction=True)
def test_a_code_redeemed_twice_at_once_by_two_accounts_verifies_exactly_one():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL")
    officer = UserFactory(role="officer")
    _batch, codes = services.code_batch_create(officer=officer, size=1, language="en-gb", ward=WardFactory())
    first, second = UserFactory(), UserFactory()

    results, errors = at_once([lambda u=u: services.code_redeem(user=u, code=codes[0]) for u in (first, second)])

    assert len(results) == 1
    assert [e.code for e in errors if isinstance(e, DomainError)] == ["code_used"]
    assert Verification.objects.count() == 1
    winner = Verification.objects.get().user
    assert VotingCode.objects.get().redeemed_by == winner
    assert IdentityConflict.objects.get().attempted_by != winner


@pytest.mark.django_db(transaction=True)
def test_one_register_entry_matched_at_once_by_two_accounts_verifies_exactly_one():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL")
    officer = UserFactory(role="officer")
    WardFactory(name="Vauxhall", slug="vauxhall")
    services.register_extract_import(
        officer=officer,
        source="electoral",
        lines=io.StringIO("surname,date_of_birth,postcode,ward\nAmoah,03/04/1991,SE11 5AA,Vauxhall\n"),
        retention_days=30,
    )
    details = {"surname": "Amoah", "date_of_birth": date(1991, 4, 3), "postcode": "SE11 5AA"}
    people = [UserFactory(), UserFactory()]

    results, errors = at_once([lambda u=u: services.register_match(user=u, **details) for u in people])

    assert len(results) == 1
    assert [e.code for e in errors if isinstance(e, DomainError)] == ["identity_taken"]
    assert Verification.objects.count() == 1
    assert IdentityConflict.objects.count() == 1
