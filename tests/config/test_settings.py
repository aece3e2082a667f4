"""Bad configuration stops start-up with a message naming the variable; production passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-with-enough-length-and-variety-0123456789-ABCDEFG",
    "ALLOWED_HOSTS": "commissioning.example.org",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    inherited = {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        ("DATABASE_URL", "mysql://db/coop", "DATABASE_URL='mysql://db/coop' is not valid"),
        ("REDIS_URL", "http://localhost:6379", "REDIS_URL='http://localhost:6379' is not valid"),
        ("EMAIL_PORT", "twenty-five", "EMAIL_PORT='twenty-five' is not a whole number"),
    ],
)
def test_bad_setting_fails_at_start_up_naming_the_variable(variable, value, message):
    result = _manage("check", **(PRODUCTION | {variable: value}))

    assert result.returncode != 0
    assert message in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    result = _manage("check", DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_sign_in_works_with_the_settings_make_run_uses():
    """The test settings switch rate limits off; the real settings must leave allauth's defaults working."""
    script = (
        "import django; django.setup();"
        "from django.test import Client; from django.test.utils import setup_test_environment;"
        "setup_test_environment();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "r = Client().post('/accounts/login/', {'login': 'nobody@example.org', 'password': 'wrong'});"
        "print(r.status_code)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env = clean | {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "DATABASE_URL": "sqlite://:memory:"}
    env["ALLOWED_HOSTS"] = "testserver"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.stdout.strip().splitlines()[-1] == "200", result.stderr[-2000:]
