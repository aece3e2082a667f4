from types import SimpleNamespace
from unittest import mock

from commissioning import checks


def test_start_up_refuses_an_sqlite_too_old_to_write_ballots():
    with (
        mock.patch.object(checks, "connections", {"default": SimpleNamespace(vendor="sqlite")}),
        mock.patch.object(checks.sqlite3, "sqlite_version_info", (3, 31, 1)),
    ):
        errors = checks.sqlite_new_enough(databases=["default"])

    assert [e.id for e in errors] == ["commissioning.E001"]
    assert "needs SQLite 3.35.0 or newer" in errors[0].msg


def test_start_up_accepts_a_recent_sqlite():
    with (
        mock.patch.object(checks, "connections", {"default": SimpleNamespace(vendor="sqlite")}),
        mock.patch.object(checks.sqlite3, "sqlite_version_info", (3, 40, 1)),
    ):
        assert checks.sqlite_new_enough(databases=["default"]) == []
