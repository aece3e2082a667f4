"""Shared fixtures: one named person per role, so a test reads like the story it checks."""

import pytest
from django.test import Client

from accounts.roles import Role
from tests.eager import tasks_run_in_process
from tests.factories import UserFactory


@pytest.fixture
def resident(db):
    return UserFactory(email="rosa@example.org", role=Role.RESIDENT)


@pytest.fixture
def officer(db):
    return UserFactory(email="omar@example.org", role=Role.OFFICER)


@pytest.fixture
def councillor(db):
    return UserFactory(email="chloe@example.org", role=Role.COUNCILLOR)


@pytest.fixture
def administrator(db):
    return UserFactory(email="ada@example.org", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def client_for():
    """A browser session signed in as the given user (or anonymous for None)."""

    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _celery_tasks_run_in_process():
    """Ordinary tests run tasks at once, in-process; tests/services/ starts a real worker instead."""
    tasks_run_in_process(True)
    yield
    tasks_run_in_process(True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the site's default language: a request through the test client
    leaves the language it chose active in the thread, which would carry into the next test."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits (allauth's and the API's) count in the cache, and ballots in use are kept in memory;
    each test starts with none."""
    from django.core.cache import cache

    from commissioning import selectors

    cache.clear()
    selectors._ballots_in_use.clear()


@pytest.fixture(autouse=True)
def _translation_corrections_read(request, _empty_cache):
    """A process reads the translators' corrections once, at its first request (translations.layer). For a
    test with the database, read them before it starts, so a query budget counts what a page costs on
    every request, not that one-off read, whichever test happens to come first."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if "transactional_db" in names or "live_server" in names or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in names:
        request.getfixturevalue("db")
    else:
        return
    from translations import layer

    layer.refresh()
