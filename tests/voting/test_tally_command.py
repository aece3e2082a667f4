"""`manage.py tally`: the thin Django wrapper. Runs only where Django settings import."""

import importlib.util
import json
import os

import pytest

from .conftest import FIXTURES


def _django_ready() -> bool:
    if importlib.util.find_spec("django") is None:
        return False
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


pytestmark = pytest.mark.skipif(not _django_ready(), reason="Django settings are not importable")


def test_tally_command_prints_json_summary(capsys):
    from django.core.management import call_command

    call_command("tally", str(FIXTURES / "approval_ties.pb"), "--rule", "greedy", "--json")
    assert json.loads(capsys.readouterr().out)["funded"] == ["05", "5", "10"]


def test_tally_command_prints_table_with_explanations(capsys):
    from django.core.management import call_command

    call_command("tally", str(FIXTURES / "add1_completion.pb"), "--rule", "mes")
    assert "Funded: its" in capsys.readouterr().out


def test_tally_command_turns_bad_file_into_command_error(tmp_path):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing section"):
        call_command("tally", str(bad))
