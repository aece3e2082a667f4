"""Tests in this folder need the real services: PostgreSQL, Redis and a Celery worker.

Without REDIS_URL they are skipped, saying so; CI sets REQUIRE_SERVICES=1, which turns a skip into
a failure so that a broken service can never pass unnoticed.
"""

import os

import pytest
from django.conf import settings

from tests.eager import tasks_run_in_process


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.services)


@pytest.fixture(autouse=True)
def _require_services():
    if not settings.REDIS_URL:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but REDIS_URL is not set: the service tests cannot run.")
        pytest.skip("needs REDIS_URL (Redis) and a database a worker thread can share; CI runs these")


@pytest.fixture
def celery_worker_on_redis(_require_services, monkeypatch):
    """A real Celery worker, in a thread, consuming from Redis."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app
    from core import broker
    from notifications import services

    tasks_run_in_process(False)  # tests/conftest.py sets it back
    monkeypatch.setattr(services, "_hand_off_due", 0.0)  # an earlier test's task went with its worker
    broker.reset()  # an earlier test's failed hand-off must not hold this one off
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    broker.reset()
