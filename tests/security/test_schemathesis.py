"""Issue 11, point 9 (and 4, 5 at scale): schemathesis over the whole API schema.

Every operation, anonymously and as each role, with a bounded number of generated requests per
operation (valid and invalid data). It fails on any server error (5xx) and on any response the
schema does not describe: status code, content type, headers or body. Runs on PostgreSQL with the
real settings (only config.test_settings' few changes); skipped on SQLite unless REQUIRE_SERVICES=1.

Business rules may refuse a well-formed request (a cycle in the wrong stage, say) with the documented
400 error body, so schemathesis' `positive_data_acceptance` check is not used; every other response
check is.
"""

import os
import time
from collections import Counter

import hypothesis
import pytest
from django.conf import settings as django_settings
from django.db import connection

from accounts.models import User
from accounts.roles import Role

# Examples per operation, mode and caller: valid requests go to the demo's real objects (so the code
# behind the checks runs); invalid ones get generated ids too.
PER_OPERATION = {"positive": 4, "negative": 2}
TIME_LIMIT = 180.0  # seconds of CPU: the wall clock depends on whoever else shares the machine


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but DATABASE_URL is not PostgreSQL: schemathesis cannot run.")
        pytest.skip("schemathesis runs on PostgreSQL (set DATABASE_URL); CI runs it")


@pytest.fixture
def seeded_api(postgres_only, settings, monkeypatch):
    from rest_framework.authtoken.models import Token

    from config import throttling
    from demo.seed import seed_demo

    seed_demo()
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # Limits are tested elsewhere; here they would only stop schemathesis reaching the code behind them.
    monkeypatch.setattr(throttling.AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    monkeypatch.setattr(throttling.UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute"})
    callers = {"anonymous": {}}
    for role in (Role.RESIDENT, Role.OFFICER, Role.COUNCILLOR, Role.ADMINISTRATOR):
        token, _created = Token.objects.get_or_create(user=User.objects.filter(role=role).first())
        callers[role.value] = {"Authorization": f"Token {token.key}"}
    return callers


def _real_objects() -> dict[str, dict]:
    """Path parameters naming the demo's objects: the cycle open for voting, the commission awaiting decision,
    a meeting, a published question."""
    from commissioning.models import CommissioningCycle
    from governance.models import Commission, Decision
    from meetings.models import Meeting
    from questions.models import Question

    cycle = CommissioningCycle.objects.published().order_by("-voting_closes_at").first()
    commission = Commission.objects.filter(status=Commission.Status.SUBMITTED).first()
    decision = Decision.objects.first()
    return {
        "/api/v1/cycles/": {"id": cycle.pk},
        "/api/v1/commissions/": {"id": commission.pk},
        "/api/v1/decisions/": {"id": decision.pk if decision else 1},
        "/api/v1/cooperatives/": {"slug": "lambeth-youth-trust"},
        "/api/v1/meetings/": {"id": Meeting.objects.order_by("pk").first().pk},
        "/api/v1/questions/": {"id": Question.objects.filter(status=Question.Status.PUBLISHED).first().pk},
    }


@pytest.mark.schemathesis
@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_conformance_failure(seeded_api):
    import schemathesis
    from django.core.wsgi import get_wsgi_application
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        negative_data_rejection,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    conformance = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
    ]
    checks = {"positive": conformance, "negative": [*conformance, negative_data_rejection]}
    modes = {"positive": GenerationMode.POSITIVE, "negative": GenerationMode.NEGATIVE}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    real_objects = _real_objects()
    examples, statuses, failures, server_errors, timings = 0, Counter(), {}, [], Counter()
    started, cpu_started = time.monotonic(), time.process_time()

    def record(case, failure: BaseException, who: str) -> None:
        lines = [line.strip() for line in str(failure).strip().splitlines() if line.strip()]
        key = f"{case.operation.label}: {' | '.join(lines[:4]) or type(failure).__name__}"
        failures.setdefault(key, f"{who}: {case.as_curl_command()}")

    def explore(operation, mode_name: str, caller: str, headers: dict) -> None:
        fixed = {}
        if mode_name == "positive" and "{" in operation.path:
            fixed = next(ids for prefix, ids in real_objects.items() if operation.path.startswith(prefix))

        @hypothesis.settings(
            max_examples=PER_OPERATION[mode_name],
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        @hypothesis.given(case=operation.as_strategy(modes[mode_name], path_parameters=fixed or None))
        def run(case):
            nonlocal examples
            examples += 1
            called = time.monotonic()
            response = case.call(headers=headers)
            timings["requests"] += time.monotonic() - called
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                server_errors.append(f"{caller} {case.operation.label} {response.status_code}")
            try:
                case.validate_response(response, checks=checks[mode_name], headers=headers)
            except BaseExceptionGroup as group:  # schemathesis' FailureGroup: every check that failed
                for failure in group.exceptions:
                    record(case, failure, f"{caller} {mode_name}")
            except AssertionError as failure:
                record(case, failure, f"{caller} {mode_name}")

        try:
            run()
        except hypothesis.errors.Unsatisfiable:
            assert mode_name == "negative", operation.label  # nothing in this operation can be made invalid

    only = os.environ.get("SCHEMATHESIS_CALLERS")  # e.g. "anonymous,officer" while working on one
    for caller, headers in seeded_api.items():
        if only and caller not in only.split(","):
            continue
        for operation in operations:
            for mode_name in modes:
                explore(operation, mode_name, caller, headers)

    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    timing = f"{elapsed:.0f}s ({cpu:.0f}s of CPU, {timings['requests']:.0f}s answering requests)"
    report = (
        f"schemathesis: {len(operations)} operations x {len(seeded_api)} callers, {examples} examples in {timing}; "
        f"statuses {dict(sorted(statuses.items()))}; "
        f"{len(server_errors)} server errors; {len(failures)} distinct conformance failures"
    )
    print(report)
    (django_settings.BASE_DIR / "var").mkdir(exist_ok=True)
    (django_settings.BASE_DIR / "var" / "schemathesis.txt").write_text(
        report + "\n" + "\n".join(f"{key}\n    {example}" for key, example in failures.items()) + "\n"
    )
    assert server_errors == []
    assert failures == {}, "\n".join(f"{key}\n    {example}" for key, example in failures.items())
    assert cpu < TIME_LIMIT
