"""Output on its way out never crashes (issue 34): a closed stdout, a locale that cannot write
Danish, a reader that stops early, a terminal width of 0. Run as the installed command runs,
in a child process: the guard is the program's main, not the test runner's."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ensomhed_cli", *args, "--root", str(PROJECT)],
        env={**os.environ, **(env or {})}, capture_output="stdout" not in kwargs, **kwargs,
    )


def test_a_closed_stdout_stops_only_a_command_that_writes_to_it():
    checked = run("check", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    closed = subprocess.run(
        f"{sys.executable} -m ensomhed_cli check --root {PROJECT} >&-; echo rc=$?",
        shell=True, capture_output=True, text=True,
    )
    assert f"rc={checked.returncode}" in closed.stdout and "Traceback" not in closed.stderr
    listed = subprocess.run(f"{sys.executable} -m ensomhed_cli list meetings --root {PROJECT} >&-; echo rc=$?", shell=True, capture_output=True, text=True)
    assert "rc=2" in listed.stdout
    assert listed.stderr.strip().splitlines()[-1] == "ensomhed: fejl: uddata kan ikke skrives: standard-uddata er lukket"


def test_a_locale_that_cannot_write_danish_gets_utf8_in_a_pipe():
    result = run("list", "people", env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""})
    assert result.returncode == 0, result.stderr.decode()
    assert "Cæcilie" in result.stdout.decode("utf-8")


def test_a_locale_that_cannot_write_danish_on_a_terminal_shows_a_stand_in():
    out = _on_a_terminal(["show", "caecilie"], {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""})
    assert "C?cilie" in out and "Error" not in out and "fejl" not in out


def test_a_reader_that_stops_early_is_not_an_error_of_the_records():
    child = subprocess.Popen([sys.executable, "-m", "ensomhed_cli", "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.read(10)
    child.stdout.close()
    assert child.wait(timeout=60) == 141  # as the shell says of `yes | head`; 1 would say the records have errors
    assert child.stderr.read() == b""


def test_a_terminal_width_of_0_is_no_width():
    out = _on_a_terminal(["list", "meetings"], {"COLUMNS": "0"})
    assert "2023-02-07-udsatteraadet" in out


def _on_a_terminal(args: list[str], env: dict) -> str:
    leader, follower = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "ensomhed_cli", *args, "--root", str(PROJECT)],
        stdin=follower, stdout=follower, stderr=follower, env={**os.environ, **env}, close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child is gone: EIO on Linux
            break
        if not chunk:
            break
        chunks.append(chunk)
    child.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")
