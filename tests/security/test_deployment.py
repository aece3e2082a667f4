"""Issue 11, point 7: docker-compose.yml's defaults pass `check --deploy --fail-level WARNING`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

COMPOSE = Path(settings.BASE_DIR) / "docker-compose.yml"
DEV_OVERRIDE = Path(settings.BASE_DIR) / "docker-compose.dev.yml"


def _resolve(value: str, supplied: dict[str, str]) -> str:
    """Compose's ${NAME:-default} and ${NAME:?message}, with only `supplied` in the environment."""

    def substitute(match: re.Match) -> str:
        name, _sep, default = match.group(1).partition(":-")
        name = name.split(":?")[0]
        return supplied.get(name, default)

    return re.sub(r"\$\{([^}]+)\}", substitute, str(value))


def _web_environment(compose: Path, supplied: dict[str, str]) -> dict[str, str]:
    web = yaml.safe_load(compose.read_text())["services"]["web"]
    return {key: _resolve(value, supplied) for key, value in web["environment"].items()}


def _check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], **environment}
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def test_compose_defaults_pass_the_deployment_checks():
    environment = _web_environment(COMPOSE, {"SECRET_KEY": "k" * 30 + "-production-like-secret-" + "9" * 30})

    assert environment["SECURE_SSL_REDIRECT"] == "1"
    result = _check_deploy(environment)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_compose_publishes_gunicorn_only_to_this_machine():
    web = yaml.safe_load(COMPOSE.read_text())["services"]["web"]

    assert all(port.startswith("127.0.0.1:") for port in web["ports"])


def test_the_development_override_is_plain_http_and_trusts_no_proxy():
    overrides = yaml.safe_load(DEV_OVERRIDE.read_text())["services"]["web"]["environment"]

    assert overrides["SECURE_SSL_REDIRECT"] == "0"
    assert overrides["TRUSTED_PROXY_COUNT"] == "0"
