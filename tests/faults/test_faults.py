"""Voting survives Redis, worker and database faults: no ballot lost, no 5xx, every receipt emailed.

Each test is about 40 seconds: 15 s of ballots at 15 a second from 3 clients, the fault in the
middle third, then the wait for every receipt (the sweep runs every 5 s here, and a claim is
released after 10 s, instead of production's 30 s and 2 minutes).
"""

import pytest

from bench.faults import Outcome, run_scenario, table

LOAD = {"seconds": 15, "rate": 15, "clients": 3}
OUTAGE_P95 = 1.0  # seconds: a ballot during the outage is answered within this, 19 times in 20


def _check(outcome: Outcome, *, duplicates_at_most: int = 0) -> None:
    print("\n" + table([outcome]))
    assert outcome.count(500) == 0, outcome.statuses
    assert outcome.count(200) == outcome.requests, outcome.statuses
    assert outcome.ballots_in_db == outcome.ballots_expected  # every cast and change committed, none lost
    assert outcome.drain_seconds is not None, "not every receipt was emailed within a minute"
    assert outcome.emails_delivered == outcome.emails_expected == outcome.ballots_expected
    assert outcome.unsent == 0
    assert outcome.duplicates <= duplicates_at_most
    if outcome.outage_latencies:
        assert outcome.outage_p95 < OUTAGE_P95
    assert outcome.beat_survived


def test_redis_killed_mid_vote_loses_nothing_and_the_worker_survives(lab):
    outcome = run_scenario(lab, "redis killed", **LOAD)

    _check(outcome)
    assert outcome.worker_survived
    assert outcome.delayed_flags > 0  # ballots cast during the outage said their receipt was late


def test_redis_frozen_mid_vote_answers_every_ballot_quickly(lab):
    outcome = run_scenario(lab, "redis frozen", **LOAD)

    _check(outcome)
    assert outcome.worker_survived


@pytest.mark.parametrize("kills", [2])
def test_worker_killed_mid_burst_sends_every_receipt_at_most_twice(lab, kills):
    outcome = run_scenario(lab, "worker killed", **LOAD)

    # At-least-once: each killed worker may have had one email per pool process between the mail
    # server taking it and the row saying so; the copy carries the same Message-ID.
    _check(outcome, duplicates_at_most=kills * lab.worker_concurrency)


def test_database_connections_dropped_mid_vote_fail_no_request(lab):
    outcome = run_scenario(lab, "connections dropped", **LOAD)

    _check(outcome)
    assert outcome.worker_survived
