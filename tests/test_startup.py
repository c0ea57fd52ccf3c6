"""`ensomhed --version` and `--help` are answered without loading the heavy modules, and say the truth."""

from __future__ import annotations

import ast
import subprocess
import sys

import typer.main

from ensomhed_cli import __version__
from ensomhed_cli.cli import entry
from ensomhed_cli.cli.application import app

HEAVY = ("typer", "click", "rich", "pydantic", "jinja2", "babel", "yaml", "markdown_it", "icalendar", "docx", "lxml")


def run_entry(*args: str) -> tuple[int, str, str, list[str]]:
    """Run the console entry point in a fresh interpreter; (exit, stdout, stderr, heavy modules loaded)."""
    code = (
        "import sys, atexit\n"
        f"sys.argv = ['ensomhed', *{list(args)!r}]\n"
        f"atexit.register(lambda: print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr))\n"
        "from ensomhed_cli.cli.entry import main\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"COLUMNS": "80", "PATH": ""})
    *err, last = proc.stderr.rstrip("\n").split("\n")
    if not last.startswith("["):  # the full application leaves with os._exit, past atexit
        return proc.returncode, proc.stdout, proc.stderr, None
    return proc.returncode, proc.stdout, "\n".join(err), ast.literal_eval(last)


def test_version_loads_nothing_heavy():
    code, out, _, loaded = run_entry("--version")
    assert (code, out, loaded) == (0, f"ensomhed {__version__}\n", [])


def test_help_loads_nothing_heavy_and_lists_every_command():
    code, out, _, loaded = run_entry("--help")
    assert code == 0 and loaded == []
    assert out.startswith("Usage: ensomhed [OPTIONS] COMMAND [ARGS]...")
    for name, _ in entry.COMMANDS:
        assert f"\n  {name} " in out


def test_no_arguments_is_a_usage_error_with_the_help():
    code, out, err, _ = run_entry()
    assert code == 2 and out == "" and "Commands:" in err


def test_a_command_goes_on_to_the_full_application():
    code, out, _, _ = run_entry("schema", "--help")
    assert code == 0 and "Usage: ensomhed schema" in out


def test_static_help_matches_the_application():
    """The fast help must say what Typer would: the same commands, summaries and options."""
    group = typer.main.get_command(app)
    commands = [(name, " ".join(cmd.help.split("\n\n")[0].split())) for name, cmd in group.commands.items()]
    assert list(entry.COMMANDS) == commands
    options = [(p.opts[0], p.help) for p in group.params if p.opts[0].startswith("--")]
    options.append(("--help", "Show this message and exit."))
    assert list(entry.OPTIONS) == options
    assert " ".join(group.help.split("\n\n")[0].split()) == entry.DESCRIPTION


def test_help_wraps_to_the_terminal():
    for width in (60, 80, 100):
        assert max(len(line) for line in entry.help_text(width).splitlines()) <= max(width, 84)


def test_an_internal_error_is_reported_plainly_without_a_traceback(monkeypatch, capsys, tmp_path):
    import os

    import pytest

    from ensomhed_cli.check import incremental as checker
    from ensomhed_cli.cli import application as cli

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    (tmp_path / "ensomhed.yaml").write_text("language: da\n", encoding="utf-8")
    monkeypatch.setattr(checker, "check", broken)
    monkeypatch.setattr(sys, "argv", ["ensomhed", "check", "--root", str(tmp_path)])

    def leave(code):
        raise SystemExit(code)

    monkeypatch.setattr(os, "_exit", leave)
    with pytest.raises(SystemExit) as left:
        cli.main()
    err = capsys.readouterr().err
    assert left.value.code == 2
    assert "ensomhed: intern fejl: RuntimeError: simulated bug" in err and "Traceback" not in err
    assert "Det er en fejl i ensomhed, ikke i jeres poster" in err
