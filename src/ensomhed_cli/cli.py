"""The `ensomhed` command: a thin layer over the library.

Each command parses its options, calls one library function and turns the result
into output and an exit status: 0 success, 1 the records have errors (or the asked-for
record does not exist), 2 the command could not run. Heavy modules are imported
inside the commands so that `--help` and `--version` start fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli import __version__

app = typer.Typer(
    name="ensomhed",
    help="Plans, meetings and initiatives against loneliness, as records in a git repository.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="The repository root (the folder with ensomhed.yaml). Default: found by walking up from here.",
        show_default=False,
    ),
]


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `ensomhed: error: …` to stderr; return the Exit to raise."""
    print(f"ensomhed: error: {message}", file=sys.stderr)
    return typer.Exit(code)


def _root(root: Path | None) -> Path:
    from ensomhed_cli.config import RepositoryNotFound, find_root

    try:
        return find_root(explicit=root)
    except RepositoryNotFound as exc:
        raise fail(str(exc)) from None


def _version(value: bool) -> None:
    if value:
        print(f"ensomhed {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Plans, meetings and initiatives against loneliness, as records in a git repository.

    Run `ensomhed check` in a records repository to validate every record.
    """


@app.command()
def check(
    root: RootOption = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text, json or github.")] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Validate every record: schema, references and the rules of a real meeting.

    Problems are printed as PATH:LINE:COL: error: MESSAGE (to stderr). Exit 0 when
    there are no errors, 1 when there are, 2 when the command could not run.

    Examples:

        ensomhed check
        ensomhed check --format github --strict
        ensomhed check --format json > problems.json
    """
    from ensomhed_cli import diagnostics as dg
    from ensomhed_cli.loader import load

    repo, problems = load(_root(root))
    if strict:
        problems = dg.strict(problems)
    errors, warnings = dg.count(problems)
    if format is CheckFormat.json:
        print(dg.format_json(problems))
    elif format is CheckFormat.github:
        for d in problems:
            print(dg.format_github(d))
    else:
        color = _use_color(sys.stderr)
        for d in problems:
            line = dg.format_text(d)
            if color:
                tint = "\x1b[31m" if d.severity == dg.ERROR else "\x1b[33m"
                line = line.replace(f" {d.severity}: ", f" {tint}{d.severity}\x1b[0m: ", 1)
            print(line, file=sys.stderr)
    if format is not CheckFormat.json:
        print(_summary(repo, errors, warnings), file=sys.stderr)
    raise typer.Exit(1 if errors else 0)


def _use_color(stream) -> bool:
    import os

    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _summary(repo, errors: int, warnings: int) -> str:
    counts = repo.counts()
    kinds = [
        ("body", "body", "bodies"),
        ("person", "person", "people"),
        ("meeting", "meeting", "meetings"),
        ("plan", "plan", "plans"),
        ("initiative", "initiative", "initiatives"),
    ]
    held = ", ".join(_plural(counts[k], one, many) for k, one, many in kinds if counts.get(k))
    files = _plural(repo.files, "file", "files")
    verdict = "no problems" if not errors and not warnings else f"{_plural(errors, 'error', 'errors')}, {_plural(warnings, 'warning', 'warnings')}"
    return f"ensomhed: {files} checked ({held or 'no valid records'}): {verdict}"


@app.command()
def summary(root: RootOption = None) -> None:
    """Show what the repository holds: meetings, plans, initiatives and bodies.

    Records with errors are left out; run `ensomhed check` to see them.
    """
    from rich.console import Console
    from rich.table import Table

    from ensomhed_cli.loader import load
    from ensomhed_cli.overview import overview

    repo, _ = load(_root(root))
    console = Console()
    for section in overview(repo):
        table = Table(title=f"{section.title} ({len(section.rows)})", title_justify="left", expand=False)
        for column in section.columns:
            table.add_column(column, overflow="fold")
        for row in section.rows:
            table.add_row(*row)
        console.print(table)


@app.command()
def schema(
    kind: Annotated[
        str | None, typer.Argument(help="body, person, meeting, plan or initiative; all kinds when left out.")
    ] = None,
    root: RootOption = None,
) -> None:
    """Print the JSON Schema of the record format, for editors.

    Point your editor's YAML language server at it to check records as you type:

        ensomhed schema > .ensomhed-schema.json
        # then, first line of a .yaml record:
        # yaml-language-server: $schema=../.ensomhed-schema.json
    """
    import json

    from ensomhed_cli.schema import KINDS

    if kind is not None and kind not in KINDS:
        raise fail(f"unknown kind `{kind}`; expected one of {', '.join(KINDS)}")
    from ensomhed_cli.jsonschema import record_schema

    print(json.dumps(record_schema(kind), ensure_ascii=False, indent=2))


def main() -> None:
    app()
