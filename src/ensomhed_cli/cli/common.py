"""What the commands share: the --root option, output formats, loading, writing and failing with a message."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="The repository root (the folder with ensomhed.yaml). Default: found by walking up from here.",
        show_default=False,
    ),
]


class Lang(StrEnum):
    da = "da"
    en = "en"


class OutputFormat(StrEnum):
    md = "md"
    html = "html"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def parse_today(value: str | None):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--today {value}: expected a date written YYYY-MM-DD") from None


def load_for_output(root: Path | None, wanted: str | None = None):
    """Load the repository for render/build. Errors in the wanted record stop the command."""
    from ensomhed_cli import diagnostics as dg
    from ensomhed_cli.check.loader import load

    repo, problems = load(repository_root(root))
    errors = [d for d in problems if d.severity == dg.ERROR]
    return repo, errors


def template_problem(problem) -> typer.Exit:
    print(f"{problem.path}:{problem.line}:1: error: {problem.message}", file=sys.stderr)
    return typer.Exit(1)


def write_output(repo, text: str, output: Path | None) -> None:
    from ensomhed_cli.format.config import RECORDS_DIR
    from ensomhed_cli.fsio import WriteRefused, guard_output, write_atomic

    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        guard_output(output, repo.root / RECORDS_DIR)
        write_atomic(output, text)
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `ensomhed: error: …` to stderr; return the Exit to raise."""
    print(f"ensomhed: error: {message}", file=sys.stderr)
    return typer.Exit(code)


def repository_root(root: Path | None) -> Path:
    from ensomhed_cli.paths import RepositoryNotFound, find_root

    try:
        return find_root(explicit=root)
    except RepositoryNotFound as exc:
        raise fail(str(exc)) from None


def use_color(stream) -> bool:
    import os

    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def progress_bar(total: int):
    """A progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty() or total < 2:
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("Rendering", total=total)
    bar.start()
    return (lambda page: bar.advance(task)), bar.stop


def load_quietly(root: Path | None):
    """Load for a query: records with errors are left out, with one line saying so."""
    repo, errors = load_for_output(root)
    if errors:
        print(f"ensomhed: warning: {len(errors)} errors in the records; records with errors are left out (run `ensomhed check`)", file=sys.stderr)
    return repo


def print_rows(
    kind: str, rows: list, fmt: TableFormat, title: str | None = None, highlight=None, columns: str | None = None
) -> None:
    from ensomhed_cli.query import present

    if fmt is TableFormat.json:
        print(present.to_json(rows))
        return
    if fmt is TableFormat.csv:
        sys.stdout.write(present.to_csv(rows))
        return
    from rich.console import Console
    from rich.table import Table

    headers, cells = present.table(columns or kind, rows)
    # The title is record text too (an owner's name): never read as Rich markup.
    table = Table(title=terminal_cell(title) if title else None, title_justify="left", show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row, cell in zip(rows, cells, strict=True):
        table.add_row(*map(terminal_cell, cell), style="bold red" if highlight and highlight(row) else None)
    console = Console()
    console.print(table)
    console.print(f"{len(rows)} {kind}")


def terminal_cell(text: str):
    """A table cell for Rich: record text shown as it is, never read as Rich markup
    (`[link=…]`, `[bold]`) and with its control characters escaped."""
    from rich.text import Text

    from ensomhed_cli.printable import printable

    return Text(printable(text))
