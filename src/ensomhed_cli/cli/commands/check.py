"""`ensomhed check`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import (
    SETTINGS,
    RootOption,
    detail,
    fail,
    parse_today,
    plural,
    repository_root,
    say_,
    use_color,
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Record files to check (default: all). References still resolve against the whole repository.", show_default=False),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, github (annotations) or gitlab (a Code Quality report).")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every file; neither read nor write .ensomhed-cache/.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes for parsing (default: all cores).")] = None,
    today: Annotated[
        str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today: a held meeting is not after it, a planned one not before.")
    ] = None,
) -> None:
    """Validate every record: schema, references and the rules of a real meeting.

    Problems are printed as PATH:LINE:COL: error: MESSAGE (to stderr). Exit 0 when
    there are no errors, 1 when there are, 2 when the command could not run. Results
    per file, and the last whole result, are kept in the index in .ensomhed-cache/ (by path,
    size, times and inode, and the installed code).
    Given files, only their problems are reported (and those of ensomhed.yaml). The
    github and gitlab formats name files from the git root, for a repository in a
    sub-folder.

    Examples:

        ensomhed check
        ensomhed check records/meetings/2025/2025-03-04-aeldreraadet.md
        ensomhed check --format github --strict
        ensomhed check --format gitlab > gl-code-quality-report.json
        ensomhed check --format json > problems.json
        ensomhed check --today 2023-05-01
    """
    from ensomhed_cli import diagnostics as dg
    from ensomhed_cli.check.incremental import check as run_check
    from ensomhed_cli.check.scope import SelectionError, git_prefix, record_paths

    found = _root_for(root, paths)
    only = None
    if paths:
        try:
            only = record_paths(found, paths, Path.cwd())
        except SelectionError as exc:
            raise fail(str(exc)) from None
    on_day = parse_today(today)
    result = run_check(found, use_cache=not no_cache, jobs=jobs, index=_kept_index(no_cache), only=only, today=on_day)
    problems = result.diagnostics
    if strict:
        problems = dg.strict(problems)
    errors, warnings = dg.count(problems)
    if format is CheckFormat.json:
        print(dg.format_json(problems))
    elif format is CheckFormat.gitlab:
        print(dg.format_gitlab(problems, git_prefix(found)))
    elif format is CheckFormat.github:
        prefix = git_prefix(found)
        for d in problems:
            print(dg.format_github(d, prefix))
    else:
        color = use_color(sys.stderr)
        for d in problems:
            if SETTINGS.quiet and d.severity != dg.ERROR:  # -q: only errors, no summary
                continue
            line = dg.format_text(d)
            if color:
                tint = "\x1b[31m" if d.severity == dg.ERROR else "\x1b[33m"
                line = line.replace(f" {d.severity}: ", f" {tint}{d.severity}\x1b[0m: ", 1)
            print(line, file=sys.stderr)
    if format not in (CheckFormat.json, CheckFormat.gitlab):
        if no_cache:
            detail(say_(f"ensomhed: {result.parsed} filer læst (--no-cache)", f"ensomhed: {result.parsed} files parsed (--no-cache)"))
        else:
            detail(say_(f"ensomhed: {result.parsed} af {result.files} filer læst, resten fra cachen", f"ensomhed: {result.parsed} of {result.files} files parsed, the rest from the cache"))
        if not SETTINGS.quiet:
            print(_summary(result.files, result.counts, errors, warnings), file=sys.stderr)
    raise typer.Exit(1 if errors else 0)


def _root_for(root: Path | None, paths: list[Path] | None) -> Path:
    """--root, else the repository around the working directory, else the one around the
    first file given (a hook run from the root of a larger git repository)."""
    if root is None and paths:
        from ensomhed_cli.paths import RepositoryNotFound, find_root

        try:
            return repository_root(find_root())
        except RepositoryNotFound:
            start = Path(os.path.abspath(paths[0])).parent
            if start.is_dir():
                try:
                    return repository_root(find_root(start=start))
                except RepositoryNotFound:
                    pass
    return repository_root(root)


def _summary(files_found: int, counts: dict[str, int], errors: int, warnings: int) -> str:
    from ensomhed_cli.diagnostics import message_lang

    if message_lang() == "da":
        kinds = [("body", "råd eller udvalg", "råd og udvalg"), ("person", "person", "personer"), ("meeting", "møde", "møder"),
                 ("plan", "plan", "planer"), ("initiative", "indsats", "indsatser")]  # fmt: skip
        held = ", ".join(plural(counts[k], one, many) for k, one, many in kinds if counts.get(k))
        verdict = "ingen problemer" if not errors and not warnings else f"{plural(errors, 'fejl', 'fejl')}, {plural(warnings, 'advarsel', 'advarsler')}"
        return f"ensomhed: {plural(files_found, 'fil', 'filer')} tjekket ({held or 'ingen gyldige poster'}): {verdict}"
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


def _kept_index(no_cache: bool):
    """check's one store, the index the reading commands read: its entries and last result
    kept there, and the rows made from the same parse, wherever the check keeps its cache
    (200 files or more): the first `list` or `build` after a check (of a fresh clone too)
    has nothing left to parse. None with --no-cache: every file parsed, nothing kept."""
    from ensomhed_cli.query.index import Index

    return None if no_cache else Index(only_on_disk=True)
