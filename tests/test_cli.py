"""The command surface: formats, exit codes and streams, through the CLI runner."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import typer.main

from ensomhed_cli.cli.application import app

BAD = {"records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\natendees: [anna]\n"}
# A planned meeting dated in the past: held or cancelled? (a warning)
WARN = {"records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: planned\n"}


def test_check_clean_repository_exits_0(repo_factory, cli):
    root = repo_factory({})
    result = cli("check", "--root", root)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "5 filer tjekket" in result.stderr and "ingen problemer" in result.stderr


def test_check_text_reports_errors_on_stderr_and_exits_1(repo_factory, cli):
    root = repo_factory(BAD)
    result = cli("check", "--root", root)
    assert result.exit_code == 1
    assert "records/m.yaml:5:1: error: ukendt felt `atendees` (mente du `attendees`?)" in result.stderr
    english = cli("--lang", "en", "check", "--root", root)
    assert "records/m.yaml:5:1: error: unknown key `atendees` (did you mean `attendees`?)" in english.stderr
    assert "1 fejl, 0 advarsler" in result.stderr


def test_check_json_is_an_array_on_stdout(repo_factory, cli):
    root = repo_factory(BAD)
    result = cli("check", "--root", root, "--format", "json")
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    assert {k: item[k] for k in ("path", "line", "column", "severity", "code")} == {
        "path": "records/m.yaml",
        "line": 5,
        "column": 1,
        "severity": "error",
        "code": "unknown-key",
    }
    assert "attendees" in item["message"]


def test_check_json_empty_array_when_clean(repo_factory, cli):
    result = cli("check", "--root", repo_factory({}), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_check_github_annotations(repo_factory, cli):
    result = cli("check", "--root", repo_factory(BAD), "--format", "github")
    assert result.exit_code == 1
    line = result.stdout.strip().splitlines()[0]
    assert re.fullmatch(r"::error file=records/m\.yaml,line=5,col=1::ukendt felt `atendees` .*", line)


def test_warnings_exit_0_and_strict_makes_them_errors(repo_factory, cli):
    root = repo_factory(WARN)
    result = cli("check", "--root", root)
    assert result.exit_code == 0
    assert "records/m.yaml:4:9: warning: mødet er dateret 2024-01-01, før i dag, men står stadig som `planned`" in result.stderr
    strict = cli("check", "--root", root, "--strict", "--format", "github")
    assert strict.exit_code == 1
    assert strict.stdout.startswith("::error file=records/m.yaml,line=4,col=9::")
    # on a day before the meeting there is nothing to warn of
    assert cli("check", "--root", root, "--strict", "--today", "2023-12-31").exit_code == 0


def test_root_is_found_by_walking_up(repo_factory, cli, monkeypatch):
    root = repo_factory(BAD)
    monkeypatch.chdir(root / "records")
    result = cli("check")
    assert result.exit_code == 1 and "records/m.yaml:5:1" in result.stderr


def test_no_repository_exits_2(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("check")
    assert result.exit_code == 2
    assert "ingen ensomhed.yaml i" in result.stderr
    missing = cli("check", "--root", tmp_path / "nope")
    assert missing.exit_code == 2 and "mappen findes ikke" in missing.stderr


def test_bad_arguments_exit_2(repo_factory, cli):
    root = repo_factory({})
    assert cli("check", "--root", root, "--format", "xml").exit_code == 2
    assert cli("check", "--root", root, "--nope").exit_code == 2
    assert cli("schema", "meetings").exit_code == 2


def test_schema_all_and_one_kind(cli):
    everything = json.loads(cli("schema").stdout)
    assert set(everything["properties"]["kind"]["enum"]) == {"body", "person", "meeting", "plan", "initiative"}
    meeting = json.loads(cli("schema", "meeting").stdout)
    assert "attendees" in meeting["properties"]
    assert meeting["additionalProperties"] is False
    assert meeting["properties"]["status"]["enum"] == ["planned", "held", "cancelled"]
    assert "description" in meeting["properties"]["attendees"]


def test_version(cli):
    from ensomhed_cli import __version__

    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"ensomhed {__version__}"


def test_summary_shows_what_the_repository_holds(repo_factory, cli):
    result = cli("summary", "--root", repo_factory({}))
    assert result.exit_code == 0
    assert "Ensomhedsplan 2024-2027" in result.stdout and "Ældrerådet" in result.stdout


def _commands():
    group = typer.main.get_command(app)
    return sorted(group.commands.items())


@pytest.mark.parametrize("name, command", _commands(), ids=[n for n, _ in _commands()])
def test_every_command_has_help_and_takes_root(name, command, cli):
    assert command.help and len(command.help.strip()) > 20, f"{name} lacks a help text"
    result = cli(name, "--help")
    assert result.exit_code == 0
    assert "--root" in result.stdout


def test_python_dash_m_runs_the_cli(repo_factory):
    root = repo_factory(BAD)
    proc = subprocess.run(
        [sys.executable, "-m", "ensomhed_cli", "check", "--root", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 1
    assert "records/m.yaml:5:1: error:" in proc.stderr
    assert "Traceback" not in proc.stderr



def test_the_cli_runs_without_docstrings(repo_factory):
    """Under `python -OO` (or PYTHONOPTIMIZE=2) a function has no docstring: the commands
    still load (`new` used to add its field list to a docstring it took to be there)."""
    root = repo_factory(BAD)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    check = subprocess.run([sys.executable, "-OO", "-m", "ensomhed_cli", "check", "--root", str(root)], capture_output=True, text=True, env=env)
    assert check.returncode == 1 and "records/m.yaml:5:1: error:" in check.stderr and "Traceback" not in check.stderr
    new = subprocess.run([sys.executable, "-OO", "-m", "ensomhed_cli", "new", "--help"], capture_output=True, text=True, env=env)
    assert new.returncode == 0 and "*body *date" in new.stdout

def _snapshot(root):
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_check_writes_nothing(repo_factory, cli):
    root = repo_factory({**BAD, "records/broken.md": "---\nkind: [\n"})
    before = _snapshot(root)
    for fmt in ("text", "json", "github"):
        assert cli("check", "--root", root, "--format", fmt).exit_code == 1
    assert _snapshot(root) == before


def test_new_help_lists_each_kinds_fields_as_the_schema_has_them(cli):
    from ensomhed_cli.authoring.new import fields_help
    from ensomhed_cli.cli.commands import new

    # help reads a copy, so as not to load the schema; regenerate it with fields_help()
    assert new.FIELDS_HELP.rstrip("\n") == fields_help(), "cli/commands/new.py FIELDS_HELP is stale:\n" + fields_help()
    shown = cli("new", "--help", env={"COLUMNS": "120"}).stdout
    assert "Fields of each kind (* must be given, = the default):" in shown
    for kind, required in [("meeting", "*body *date"), ("plan", "*title *owner"), ("initiative", "*title *category"), ("body", "*name *type"), ("person", "*name id")]:
        assert re.search(rf"^\s+{kind}\s+{re.escape(required)} ", shown, re.M), kind
    assert "status=planned" in shown and "minutes_approved" in shown and "items" not in shown
