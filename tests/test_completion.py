"""Shell completion through its own protocol: the installed `ensomhed` run as the shells'
completion scripts run it, in a repository, and the candidates it prints."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ensomhed_cli.query.rows import LIST_KINDS

ENSOMHED = str(Path(sys.executable).with_name("ensomhed"))
MEETING = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: Punkt\n"
HOSTILE = {
    # ids that are not slugs: records with errors, never offered to a shell
    "records/people/$(touch pwned) 'x'.yaml": "kind: person\nname: Ond\n",
    "records/people/ond.yaml": "kind: person\nid: \"ond`touch pwned2`\"\nname: Ond\n",
}


@pytest.fixture
def repo(repo_factory):
    return repo_factory({"records/meetings/2024-03-04-raad.yaml": MEETING, **HOSTILE})


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path / "home"), **extra}


def complete(cwd: Path, shell: str, line: str) -> list[str]:
    """The candidates for the last word of `line` (a trailing space: a new word), asked as
    the script `--show-completion` prints for `shell` asks. Nothing may go to stderr."""
    words = line.split(" ")
    env = {"_ENSOMHED_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "bash":
        env = {"_ENSOMHED_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    elif shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    proc = subprocess.run([ENSOMHED], cwd=cwd, env=environment(cwd.parent, **env), capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, "")
    if shell == "zsh":  # _arguments '*: :(("a" "b"))', or _files where there is nothing
        return re.findall(r'"([^"]*)"', proc.stdout)
    return proc.stdout.split()


IDS = ["anna", "bo", "aeldreraadet", "2024-03-04-raad", "plan", "cafe"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ensomhed show ", IDS),
        ("ensomhed show a", ["anna", "aeldreraadet"]),
        ("ensomhed show plan#", ["plan#faerre-ensomme", "plan#a"]),
        ("ensomhed render agenda ", ["2024-03-04-raad"]),
        ("ensomhed render minutes 2024", ["2024-03-04-raad"]),
        ("ensomhed render plan ", ["plan"]),
        ("ensomhed render initiative ", ["cafe"]),
        ("ensomhed render ", ["agenda", "minutes", "plan", "initiative"]),
        ("ensomhed list ", list(LIST_KINDS)),
        ("ensomhed list meetings --where st", ["start=", "status=", "staff="]),
        ("ensomhed list plans -w st", ["status="]),
        ("ensomhed list meetings --sort da", ["date"]),
        ("ensomhed actions --owner ", ["anna", "bo", "aeldreraadet"]),
        ("ensomhed new ", ["body", "person", "meeting", "plan", "initiative"]),
        ("ensomhed schema pe", ["person"]),
    ],
)
def test_bash_completes_ids_by_kind_kinds_and_fields(repo, line, expected):
    assert sorted(complete(repo, "bash", line)) == sorted(expected)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_complete_the_same(repo, shell):
    assert complete(repo, shell, "ensomhed render agenda ") == ["2024-03-04-raad"]
    assert sorted(complete(repo, shell, "ensomhed list meetings --where st")) == ["staff=", "start=", "status="]


def test_a_hostile_id_is_never_a_candidate_and_nothing_but_the_cache_is_written(repo):
    before = sorted(p for p in repo.rglob("*") if ".ensomhed-cache" not in p.parts)
    for shell in ("bash", "zsh", "fish"):
        found = complete(repo, shell, "ensomhed show ")
        assert sorted(found) == sorted(IDS), shell
    assert sorted(p for p in repo.rglob("*") if ".ensomhed-cache" not in p.parts) == before
    assert not (repo.parent / "home").exists()


def test_outside_a_repository_completion_is_silent(tmp_path):
    (tmp_path / "empty").mkdir()
    assert complete(tmp_path / "empty", "bash", "ensomhed show ") == []
    assert complete(tmp_path / "empty", "bash", "ensomhed li") == ["list"]


@pytest.mark.parametrize(
    ("shell", "says"),
    [
        ("bash", "_ENSOMHED_COMPLETE=complete_bash $1"),
        ("zsh", "compdef _ensomhed_completion ensomhed"),
        ("fish", "complete --command ensomhed --no-files"),
    ],
)
def test_show_completion_prints_the_script_of_the_shell(tmp_path, shell, says):
    # Typer's switch to name the shell instead of detecting the one it runs in
    env = environment(tmp_path, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    proc = subprocess.run([ENSOMHED, "--show-completion", shell], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and says in proc.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_runs_the_installed_script_and_completes(repo, tmp_path):
    """--install-completion, then a real bash sources what it wrote and completes with it."""
    env = environment(tmp_path, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1", PATH=f"{Path(ENSOMHED).parent}:{os.environ['PATH']}")
    (tmp_path / "home").mkdir()
    installed = subprocess.run([ENSOMHED, "--install-completion", "bash"], env=env, capture_output=True, text=True, timeout=60)
    assert installed.returncode == 0, installed.stderr
    script = tmp_path / "home" / ".bash_completions" / "ensomhed.sh"
    assert script.is_file() and str(script) in (tmp_path / "home" / ".bashrc").read_text()
    # bash calls the function with the command name, as complete -F does
    run = f"source {script}; COMP_WORDS=(ensomhed show a); COMP_CWORD=2; _ensomhed_completion ensomhed; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    proc = subprocess.run(["bash", "--norc", "-c", run], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert sorted(proc.stdout.split()) == ["aeldreraadet", "anna"]
    assert not list(repo.rglob("pwned*"))
