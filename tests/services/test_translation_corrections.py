"""A translator's correction reaches every web process without a deploy, and outlives a redeploy.

Two real gunicorn servers (separate processes, as on two machines) share the database and Redis
with the test; the correction is saved in the test process, as by a third server.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from tests.factories import UserFactory
from translations import layer, services
from translations.catalogue import entry_key
from translations.groups import translators_group

CYCLES = entry_key("", "Cycles", "")
ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _spanish_cycles_page(port: int) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/cycles/", headers={"Accept-Language": "es"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.read().decode()


@pytest.fixture
def start_server():
    """Start a gunicorn server with one worker on the test database and Redis; stopped after the test."""
    started = []
    db = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }

    def start(count: int = 1) -> list[int]:
        ports = [_free_port() for _ in range(count)]
        for port in ports:  # started together: each takes a while to load Django on a busy machine
            command = [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"]
            started.append(subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env))
        for port in ports:
            for _ in range(240):
                try:
                    _spanish_cycles_page(port)
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                raise AssertionError("the server did not start")
        return ports

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.django_db(transaction=True)
def test_a_correction_reaches_every_server_at_once_and_a_new_one_after_a_redeploy(start_server):
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": settings.REDIS_URL}}
    with override_settings(CACHES=redis):
        from django.core.cache import cache

        cache.delete(layer.REVISION_KEY)
        translator = UserFactory()
        translator.groups.add(translators_group())
        first, second = start_server(2)
        assert ">Ciclos<" in _spanish_cycles_page(first)
        assert ">Ciclos<" in _spanish_cycles_page(second)

        services.correction_save(translator=translator, language="es", key=CYCLES, texts=["Convocatorias"])

        assert ">Convocatorias<" in _spanish_cycles_page(first)
        assert ">Convocatorias<" in _spanish_cycles_page(second)
        cache.delete(layer.REVISION_KEY)  # a redeploy: Redis may start empty too
        assert ">Convocatorias<" in _spanish_cycles_page(start_server()[0])

        services.correction_withdraw(translator=translator, language="es", key=CYCLES)

        assert ">Ciclos<" in _spanish_cycles_page(first)
        assert ">Ciclos<" in _spanish_cycles_page(second)
        cache.delete(layer.REVISION_KEY)
    layer.reset()
