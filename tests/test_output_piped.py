"""Output for scripts and for people: piped tables are rows grep can trust at any width,
overdue is said in words, and colour follows --color, NO_COLOR and FORCE_COLOR."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ensomhed_cli.cli import common

ENSOMHED = str(Path(sys.executable).with_name("ensomhed"))
LONG_TITLE = "Et møde om ensomhed " * 10  # 200 characters
ACTIONS = (
    "kind: meeting\nbody: aeldreraadet\ndate: 2019-03-04\nstatus: held\ntitle: {title}\nitems:\n  - title: Punkt\n    decision: Ja.\n"
    "    actions:\n      - {{what: Ring, owners: [anna], due: 2020-01-01}}\n      - {{what: Skriv, owners: [bo], due: 2199-01-01}}\n"
)
BROKEN = {"records/people/x.yaml": "kind: person\n"}  # no name: one error for check to print


def run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The installed command with stdout a pipe, as a script runs it."""
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(root), **env}
    return subprocess.run([ENSOMHED, *args, "--root", str(root)], env=environment, capture_output=True, text=True, timeout=60)


@pytest.fixture
def repo(repo_factory):
    ids = [f"2019-03-{day:02d}-et-langt-moede-id-der-ikke-maa-deles-{day}" for day in range(1, 6)]
    return repo_factory({f"records/meetings/{rid}.yaml": ACTIONS.format(title=f'"{LONG_TITLE}"') for rid in ids}), ids


@pytest.mark.parametrize("columns", ["20", "300"])
@pytest.mark.parametrize(
    "args",
    [("list", "meetings"), ("list", "items"), ("actions",), ("query", "SELECT id, title FROM meetings")],
)
def test_piped_rows_never_wrap_or_split_an_id_whatever_the_width(repo, args, columns):
    root, ids = repo
    proc = run(root, *args, COLUMNS=columns)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    width = lines[0].count("\t")
    assert width > 0 and all(line.count("\t") == width for line in lines)  # one row, one line
    assert "\x1b" not in proc.stdout and "│" not in proc.stdout  # no colour, no drawing
    if args[0] != "actions":
        assert all(any(line.startswith(rid) or f"\t{rid}" in line for line in lines) for rid in ids)  # grep finds each
    if args == ("list", "meetings"):
        assert all(LONG_TITLE in line for line in lines[1:])


def test_overdue_is_said_in_words_in_every_table_and_in_show(repo):
    root, ids = repo
    actions = run(root, "actions").stdout.splitlines()
    assert [line.split("\t")[5] for line in actions[1:3]] == ["2020-01-01 (overdue)", "2020-01-01 (overdue)"]
    assert "2199-01-01\t" in actions[-1] and "(overdue)" not in actions[-1]
    listed = run(root, "list", "actions").stdout
    assert listed.count("(overdue)") == len(ids)
    assert "overdue: ja" in run(root, "show", f"{ids[0]}#1#1").stdout
    shown = run(root, "show", ids[0]).stdout  # the meeting, its actions within
    assert shown.count("overdue: ja") == 1 and shown.count("overdue: nej") == 1, shown


@pytest.mark.parametrize(
    ("options", "env", "coloured"),
    [
        ((), {}, False),  # stderr is a pipe
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # the option wins over the environment
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins over FORCE_COLOR
        ((), {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),  # an empty NO_COLOR is no NO_COLOR
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ],
)
def test_check_colours_as_color_no_color_and_force_color_say(repo_factory, options, env, coloured):
    root = repo_factory(BROKEN)
    before = run(root, *options, "check", **env)
    after = run(root, "check", *options, **env)  # the same option after the command
    for proc in (before, after):
        assert proc.returncode == 1
        assert ("\x1b[31merror\x1b[0m" in proc.stderr) is coloured, proc.stderr
        assert "x.yaml" in proc.stderr


def test_color_takes_only_auto_always_or_never(repo_factory):
    proc = run(repo_factory({}), "--color", "sometimes", "check")
    assert proc.returncode == 2 and "sometimes" in proc.stderr


@pytest.mark.parametrize(("options", "env", "red"), [(("--color", "always"), {}, True), ((), {"NO_COLOR": "1"}, False), (("--color", "never"), {}, False)])
def test_a_terminal_table_marks_overdue_rows_red_unless_colour_is_off(cli, repo, monkeypatch, options, env, red):
    root, _ = repo
    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = cli(*options, "actions", "--root", root).stdout
    assert "(overskredet)" in out  # said in words either way (the repository is Danish)
    assert ("\x1b[1;31m" in out) is red
