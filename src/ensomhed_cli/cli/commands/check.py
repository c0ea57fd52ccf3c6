"""`ensomhed check`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, plural, repository_root, use_color


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def check(
    root: RootOption = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text, json or github.")] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every file; neither read nor write .ensomhed-cache/.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes for parsing (default: all cores).")] = None,
) -> None:
    """Validate every record: schema, references and the rules of a real meeting.

    Problems are printed as PATH:LINE:COL: error: MESSAGE (to stderr). Exit 0 when
    there are no errors, 1 when there are, 2 when the command could not run. Results
    per file are cached in .ensomhed-cache/ (by path, size and modification time).

    Examples:

        ensomhed check
        ensomhed check --format github --strict
        ensomhed check --format json > problems.json
    """
    from ensomhed_cli import diagnostics as dg
    from ensomhed_cli.check.incremental import check as run_check

    found = repository_root(root)
    result = run_check(found, use_cache=not no_cache, jobs=jobs, index=_kept_index(found, no_cache))
    problems = result.diagnostics
    if strict:
        problems = dg.strict(problems)
    errors, warnings = dg.count(problems)
    if format is CheckFormat.json:
        print(dg.format_json(problems))
    elif format is CheckFormat.github:
        for d in problems:
            print(dg.format_github(d))
    else:
        color = use_color(sys.stderr)
        for d in problems:
            line = dg.format_text(d)
            if color:
                tint = "\x1b[31m" if d.severity == dg.ERROR else "\x1b[33m"
                line = line.replace(f" {d.severity}: ", f" {tint}{d.severity}\x1b[0m: ", 1)
            print(line, file=sys.stderr)
    if format is not CheckFormat.json:
        print(_summary(result.files, result.counts, errors, warnings), file=sys.stderr)
    raise typer.Exit(1 if errors else 0)


def _summary(files_found: int, counts: dict[str, int], errors: int, warnings: int) -> str:
    kinds = [
        ("body", "body", "bodies"),
        ("person", "person", "people"),
        ("meeting", "meeting", "meetings"),
        ("plan", "plan", "plans"),
        ("initiative", "initiative", "initiatives"),
    ]
    held = ", ".join(plural(counts[k], one, many) for k, one, many in kinds if counts.get(k))
    files = plural(files_found, "file", "files")
    verdict = "no problems" if not errors and not warnings else f"{plural(errors, 'error', 'errors')}, {plural(warnings, 'warning', 'warnings')}"
    return f"ensomhed: {files} checked ({held or 'no valid records'}): {verdict}"


def _kept_index(root, no_cache: bool):
    """The index, where the reading commands keep one: a check keeps it up to date too, so
    the next `list` or `build` after an edit has nothing left to parse."""
    from ensomhed_cli.check.incremental import CACHE_DIR
    from ensomhed_cli.query.index import Index, kept_in

    return Index() if not no_cache and kept_in(root / CACHE_DIR) else None
