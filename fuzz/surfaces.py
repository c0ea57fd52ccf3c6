"""Fuzzing the other ways in: a repository's templates, SQL given to `query`, and command lines.

Each fuzzer mutates real inputs (the built-in templates, the documented queries, the
help examples) with hostile pieces, runs them the way a user or CI would, and calls
a finding anything that is not a clean result or a clear error: an exception that is
not the command's own error type, a hang past the limit, an exit status other than
0, 1, 2 or 130, a traceback or "internal error" in the output, or JSON output that is
not valid JSON. `fuzz/run.py --surface …` runs them; findings are saved like the
records fuzzer's.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import time
import traceback
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BUILTIN_TEMPLATES = PROJECT / "src" / "ensomhed_cli" / "templates"

JINJA_PIECES = [
    "{{ ", " }}", "{% ", " %}", "{# ", " #}", "{% if true %}", "{% endif %}", "{% for i in range(10) %}", "{% endfor %}",
    "{{ 7 ** 300000 }}", "{{ 'x' * 100000000 }}", "{{ ''.__class__.__mro__ }}", "{{ meeting.__init__ }}",
    "{{ cycler.__init__.__globals__ }}", "{% include 'agenda.md.j2' %}", "{% include '../ensomhed.yaml' %}",
    "{% include '/etc/hostname' %}", "{% extends 'minutes.md.j2' %}", "{% import '_layout.html.j2' as l %}",
    "{{ meeting.items | map(attribute='title') | join }}", "{{ labels.nope }}", "{{ 1/0 }}", "{{ range(10**9) | list }}",
    "{% set x = namespace(a=1) %}{% set x.a = x.a ~ x.a %}", "{{ lipsum(10**6) }}", "{{ self }}", "{{ config }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{% raw %}", "{% endraw %}", "{{ 9" + "9" * 5000 + " }}",
    "\x00", "\xff", "\u202e", "{%- ", " -%}", "{{ meeting.items[99] }}", "{{ none.x }}", "{% for %}", "}}{{",
]

SQL_PIECES = [
    "SELECT ", "WITH ", " FROM ", " JOIN ", " WHERE ", " GROUP BY 1", " ORDER BY 1", " LIMIT 5", ";", "--", "/*", "*/",
    "'", '"', "`", "(", ")", ",", "*", "meetings", "items", "goals", "sqlite_master", "pragma_table_info('items')",
    "ATTACH DATABASE '/tmp/x' AS x", "PRAGMA writable_schema=1", "DELETE FROM meetings", "REINDEX", "ANALYZE",
    "VACUUM INTO '/tmp/y'", "load_extension('x')", "randomblob(100000000)", "zeroblob(1000000000)", "x'00ff'",
    "1e999", "-1e999", "9223372036854775808", "char(0)", "char(27)||'[2J'", "printf('%.1000000c','x')",
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c",
    "group_concat(title, char(10))", "json_object('a', 1)", "CASE WHEN 1 THEN 2 END", "\x00", "\u202e", "?", ":x",
]
SQL_SEEDS = [
    "SELECT status, count(*) AS n FROM initiatives GROUP BY status",
    "SELECT m.date, i.title, i.decision FROM items i JOIN meetings m ON m.id = i.meeting WHERE i.decision IS NOT NULL",
    "SELECT t.target_group, group_concat(i.title, '; ') FROM target_groups t JOIN initiatives i ON i.id = t.initiative GROUP BY 1",
    "SELECT * FROM goals", "SELECT * FROM reach", "SELECT * FROM attachments", "SELECT name FROM sqlite_master",
]

# `init` and `--force` are left out: a random command line could otherwise make a
# repository in, or replace, any folder the fuzzer can write to.
COMMANDS = ["check", "render", "build", "list", "show", "query", "actions", "calendar", "diff", "new", "summary", "schema"]
ARG_PIECES = [
    "--root", "--format", "-f", "--output", "-o", "--public", "--lang", "--today", "--where", "-w", "--sort", "--strict",
    "--no-cache", "--jobs", "--timeout", "--schema", "--overdue", "--owner", "--status", "--id", "--name", "--title",
    "--help", "--version", "agenda", "minutes", "plan", "meetings", "people", "actions", "goals", "json",
    "csv", "md", "html", "da", "en", "xx", "0", "-1", "1e999", "nan", "9999-99-99", "2023-04-27", "status=held",
    "date>=2023-01-01", "=", "..", "../..", "/", "/dev/null", "/dev/zero", "/proc/self/environ", "-", "", " ",
    "\x00", "\x1b[2J", "\u202e", "a" * 5000, "2023-04-27-udsatteraadet", "udsatteraadet", "x#y", "#", "ensomhedsplan-2024",
    "SELECT 1", "HEAD", "HEAD~999", "--", "-x", "--root=.", "-j", "999999", "--color",
]


def _mutate(rng: random.Random, text: str, pieces: list[str]) -> str:
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        at = rng.randint(0, len(text))
        if op < 0.5:
            text = text[:at] + rng.choice(pieces) + text[at:]
        elif op < 0.7:
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif op < 0.85:
            text = text[:at]
        else:
            b = rng.randint(0, len(text))
            a, b = sorted((at, b))
            text = text[:a] + text[b:] + text[a:b]
    return text


def fuzz_templates(rng: random.Random, repo: Path, inputs: int, report: Callable[[str, str, str], None]) -> dict[str, int]:
    """Render mutated templates from the repository's templates/ folder."""
    from ensomhed_cli.api import TemplateProblem, load, render_document
    from ensomhed_cli.render import engine

    engine.TIME_LIMIT_SECONDS = 2
    sources = {p.name: p.read_text(encoding="utf-8") for p in BUILTIN_TEMPLATES.glob("*.j2")}
    outcomes = {"rendered": 0, "template errors": 0}
    folder = repo / "templates"
    for _ in range(inputs):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        target = rng.choice(["agenda.md.j2", "agenda.html.j2", "plan.md.j2", "plan.html.j2"])
        text = _mutate(rng, sources[target], JINJA_PIECES)
        (folder / target).write_bytes(text.encode("utf-8", "surrogatepass"))
        document, output = target.split(".")[:2]
        repository, _ = load(repo)
        record = repository.meetings[0].id if document == "agenda" else repository.plans[0].id
        engine._ENVIRONMENTS.clear()
        engine._PREPARED.clear()
        started = time.monotonic()
        try:
            render_document(repository, document, record, output=output)
            outcomes["rendered"] += 1
        except TemplateProblem as problem:
            outcomes["template errors"] += 1
            if not problem.path.startswith(("templates/", "<built-in>/")) or problem.line < 1:
                report("template: badly located error", text, f"{problem.path}:{problem.line}: {problem.message}")
        except Exception:  # noqa: BLE001 - anything else is a finding
            report("template: exception", text, traceback.format_exc())
        if time.monotonic() - started > engine.TIME_LIMIT_SECONDS + 5:
            report("template: slow", text, f"{time.monotonic() - started:.1f} s")
    shutil.rmtree(folder, ignore_errors=True)
    return outcomes


def fuzz_queries(rng: random.Random, repo: Path, inputs: int, report: Callable[[str, str, str], None]) -> dict[str, int]:
    """Run mutated SQL through `query`'s library, and check its JSON and CSV."""
    from ensomhed_cli.api import load
    from ensomhed_cli.query import present
    from ensomhed_cli.query import sql as sqlmod

    repository, _ = load(repo)
    outcomes = {"answered": 0, "refused": 0}
    for _ in range(inputs):
        query = _mutate(rng, rng.choice(SQL_SEEDS), SQL_PIECES)
        started = time.monotonic()
        try:
            columns, rows = sqlmod.run_query(repository, query, timeout=1)
            json.loads(present.to_json(rows), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
            present.to_csv(rows, columns)
            outcomes["answered"] += 1
        except sqlmod.SqlError:
            outcomes["refused"] += 1
        except Exception:  # noqa: BLE001
            report("query: exception", query, traceback.format_exc())
        if time.monotonic() - started > 5:
            report("query: slow", query, f"{time.monotonic() - started:.1f} s")
    return outcomes


def fuzz_arguments(rng: random.Random, repo: Path, inputs: int, report: Callable[[str, str, str], None]) -> dict[str, int]:
    """Random command lines through the real application, as the console would run them."""
    from typer.testing import CliRunner

    from ensomhed_cli.cli.application import app

    runner = CliRunner()
    outcomes: dict[str, int] = {}
    here = repo.parent / "cwd"  # relative paths (`..`, `-o x`) land in the fuzzer's own folder
    here.mkdir(exist_ok=True)
    for _ in range(inputs):
        argv = [rng.choice(COMMANDS)] + [rng.choice(ARG_PIECES) for _ in range(rng.randint(0, 6))]
        if rng.random() < 0.8:
            argv += ["--root", str(repo)]
        shown = " ".join(argv)
        try:
            with _working_folder(here):
                result = runner.invoke(app, argv, catch_exceptions=True)
        except Exception:  # noqa: BLE001
            report("arguments: exception", shown, traceback.format_exc())
            continue
        outcomes[f"exit {result.exit_code}"] = outcomes.get(f"exit {result.exit_code}", 0) + 1
        output = (result.stdout or "") + (result.stderr or "")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            report("arguments: exception", shown, "".join(traceback.format_exception(result.exception))[-3000:])
        elif result.exit_code not in (0, 1, 2, 130) or "Traceback" in output or "internal error" in output:
            report("arguments: bad exit", shown, f"exit {result.exit_code}\n{output[-2000:]}")
    return outcomes


@contextlib.contextmanager
def _working_folder(folder: Path):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


SURFACES = {"templates": fuzz_templates, "queries": fuzz_queries, "arguments": fuzz_arguments}
