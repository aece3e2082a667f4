"""Fault tests: each starts its own redis-server, Celery worker and beat and gunicorn (bench/faults.py),
casts ballots through the API and breaks something mid-run. They need PostgreSQL (DATABASE_URL),
REDIS_URL set (as the other service tests) and `redis-server` on the PATH; without them they are
skipped, saying so, and CI's REQUIRE_SERVICES=1 turns that skip into a failure."""

import os
import shutil
from urllib.parse import urlparse

import pytest


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.faults)
            item.add_marker(pytest.mark.services)


def _missing() -> str | None:
    if not os.environ.get("REDIS_URL"):
        return "REDIS_URL is not set"
    if urlparse(os.environ.get("DATABASE_URL", "")).scheme not in {"postgres", "postgresql", "pgsql"}:
        return "DATABASE_URL is not PostgreSQL"
    for program in ("redis-server", "psql"):
        if shutil.which(program) is None:
            return f"{program} is not on the PATH"
    return None


@pytest.fixture(scope="session")
def lab():
    missing = _missing()
    if missing:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but the fault tests cannot run: {missing}.")
        pytest.skip(f"fault tests need PostgreSQL, REDIS_URL and redis-server ({missing}); CI runs these")
    from bench.faults import Lab

    lab = Lab(database_url=os.environ["DATABASE_URL"], voters=150)
    lab.prepare()
    yield lab
    lab.drop()
