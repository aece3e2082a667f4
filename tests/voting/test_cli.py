"""`python -m commissioning.voting`: the Django-free command line."""

import json
import subprocess
import sys

from commissioning.voting.cli import main

from .conftest import FIXTURES, REPO_ROOT


def test_cli_json_prints_rule_funded_spent_and_budget(capsys):
    assert main([str(FIXTURES / "approval_ties.pb"), "--rule", "greedy", "--json"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output == {
        "rule": "greedy",
        "funded": ["05", "5", "10"],
        "spent": "100",
        "budget": "100",
    }


def test_cli_table_lists_every_project_with_its_reason(capsys):
    assert main([str(FIXTURES / "approval_ties.pb"), "--rule", "greedy"]) == 0
    output = capsys.readouterr().out
    assert "Not funded: when its turn came only 0 of the budget was left" in output
    assert output.count("Funded:") == 3 and "Ties:" in output


def test_cli_reports_bad_file_with_line_number_and_fails(tmp_path, capsys):
    bad = tmp_path / "bad.pb"
    text = (FIXTURES / "approval_ties.pb").read_text(encoding="utf-8")
    bad.write_text(text.replace("b;20;Bike racks", "b;lots;Bike racks"), encoding="utf-8")
    assert main([str(bad), "--rule", "mes"]) == 2
    assert "line 22: cost 'lots' is not a number" in capsys.readouterr().err


def test_module_runs_as_a_script_without_django():
    command = [
        sys.executable,
        "-m",
        "commissioning.voting",
        str(FIXTURES / "add1_completion.pb"),
        "--json",
    ]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["rule"] == "mes"


def test_cli_warns_about_a_repeated_project_naming_file_and_line_and_counts_it_once(tmp_path, capsys):
    path = tmp_path / "repeat.pb"
    text = (FIXTURES / "approval_ties.pb").read_text(encoding="utf-8")
    path.write_text(text.replace("3;05,10;29", "3;05,10,05;29"), encoding="utf-8")
    assert main([str(path), "--rule", "greedy", "--json"]) == 0
    captured = capsys.readouterr()
    assert f"warning: {path}: line 27: vote names '05' more than once; counted once" in captured.err
    assert json.loads(captured.out)["funded"] == ["05", "5", "10"]
