"""A transaction whose connection was lost mid-request runs again on a new one; other errors do not."""

from unittest import mock

import pytest
from django.db import OperationalError

from core import db


def test_a_transaction_that_lost_its_connection_runs_once_more():
    runs = []

    def cast():
        runs.append(1)
        if len(runs) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return "saved"

    with mock.patch.object(db, "_connection_lost", return_value=True):
        assert db.retry_if_connection_lost(cast) == "saved"
    assert len(runs) == 2


def test_an_error_on_a_healthy_connection_is_not_retried():
    def broken():
        raise OperationalError("deadlock detected")

    with mock.patch.object(db, "_connection_lost", return_value=False), pytest.raises(OperationalError):
        db.retry_if_connection_lost(broken)
