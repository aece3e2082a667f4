"""A transaction whose connection was lost mid-request runs again on a new one; other errors do not."""

import pytest
from django.db import OperationalError

from core import db


def test_a_transaction_that_lost_its_connection_runs_once_more():
    runs = []

    class Terminated(Exception):
        pgcode = "57P01"  # pg_terminate_backend

    def cast():
        runs.append(1)
        if len(runs) == 1:
            raise OperationalError("terminating connection due to administrator command") from Terminated()
        return "saved"

    assert db.retry_if_connection_lost(cast) == "saved"
    assert len(runs) == 2


def test_an_error_on_a_healthy_connection_is_not_retried():
    class Deadlock(Exception):
        pgcode = "40P01"

    def broken():
        raise OperationalError("deadlock detected") from Deadlock()

    with pytest.raises(OperationalError):
        db.retry_if_connection_lost(broken)
