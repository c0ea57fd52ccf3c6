"""What the commands share: the --root option, output formats, loading, writing and failing with a message."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
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


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@dataclass
class Settings:
    """The global options of this run: the app's callback sets them (cli/application.py,
    cli/completion.py for the same options after the command); commands read them."""

    color: str = ColorMode.auto
    verbosity: int = 0  # -1 with -q (nothing but errors), 1 with -v (also what was done)

    @property
    def quiet(self) -> bool:
        return self.verbosity < 0

    @property
    def verbose(self) -> bool:
        return self.verbosity > 0


SETTINGS = Settings()


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


def reference_problem(problem) -> typer.Exit:
    """templates/reference.docx that cannot be used (render/word.py): `PATH: error: MESSAGE`, exit 1."""
    from ensomhed_cli.printable import printable

    print(f"{problem.path}: error: {printable(problem.message, one_line=True)}", file=sys.stderr)
    return typer.Exit(1)


def write_output(repo, text: str, output: Path | None) -> None:
    """Write to stdout, or to the output file, never among the records; `repo` is the
    repository or its root."""
    from ensomhed_cli.format.config import RECORDS_DIR
    from ensomhed_cli.fsio import WriteRefused, guard_output, write_atomic

    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        guard_output(output, (repo if isinstance(repo, Path) else repo.root) / RECORDS_DIR)
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
    """Whether to colour what goes to the stream: `--color always|never` decides; with
    `auto` (the default) a non-empty NO_COLOR says no and a non-empty FORCE_COLOR yes
    (no-color.org, force-color.org: NO_COLOR wins), else colour on a terminal but a dumb one."""
    if SETTINGS.color != ColorMode.auto:
        return SETTINGS.color == ColorMode.always
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"


def say(message: str) -> None:
    """A line about what was done (to stderr), left out with -q."""
    if not SETTINGS.quiet:
        print(message, file=sys.stderr)


def detail(message: str) -> None:
    """A line said only with -v (to stderr)."""
    if SETTINGS.verbose:
        print(message, file=sys.stderr)


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def progress_bar(total: int):
    """A progress bar on stderr when it is a terminal; silent otherwise, and with -q."""
    if not is_terminal(sys.stderr) or total < 2 or SETTINGS.quiet:
        return None, lambda: None
    from rich.progress import Progress

    bar = Progress(console=_console(sys.stderr), transient=True)
    task = bar.add_task("Rendering", total=total)
    bar.start()
    return (lambda page: bar.advance(task)), bar.stop


def checked_index(root: Path | None, *, public: bool = False):
    """(root, index, errors): the repository's index, brought up to date by a check (which
    keeps it with its cache), and the errors the check found. Records with errors of
    their own are not in the index. With `public` (the output is to be published), the
    personal-data problems are errors too, warnings included: nothing personal goes out."""
    from ensomhed_cli import diagnostics as dg
    from ensomhed_cli.check.incremental import check
    from ensomhed_cli.query.index import Index

    found = repository_root(root)
    index = Index()
    result = check(found, index=index)
    if index.broken:  # the file could not be written (a full disk, a lock held): one in memory
        index.close()
        index = Index()
        result = check(found, use_cache=False, index=index)
    return found, index, [d for d in result.diagnostics if d.severity == dg.ERROR or (public and is_personal_data(d))]


def is_personal_data(d) -> bool:
    """A finding of the personal-data rules (check/rules/personal_data.py)."""
    return d.code.startswith("personal-data")


def refuse_personal_data(problems: list, files: set[str] | None = None) -> None:
    """Stop a public output while personal data stands in what it would publish (the files it
    reads; all where `files` is None): the located problems printed, exit 1."""
    from ensomhed_cli.diagnostics import format_text

    found = [d for d in problems if is_personal_data(d) and (files is None or d.path in files)]
    if not found:
        return
    for d in found:
        print(format_text(d), file=sys.stderr)
    raise fail(
        f"{len(found)} personal-data problems in what would be published; nothing was published"
        " (remove the data, or put it in closed text: see `ensomhed check`)",
        1,
    )


def open_index(root: Path | None):
    """The index for a query: records with errors are left out, with one line saying so."""
    _, index, errors = checked_index(root)
    warn_left_out(errors)
    return index


def warn_left_out(errors: list) -> None:
    if errors:
        print(f"ensomhed: warning: {len(errors)} errors in the records; records with errors are left out (run `ensomhed check`)", file=sys.stderr)


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
    headers, cells = present.table(columns or kind, rows)
    marked = [bool(highlight and highlight(row)) for row in rows]
    show_table(headers, cells, title=title, marked=marked, count=f"{len(rows)} {kind}")


def is_terminal(stream=None) -> bool:
    """Whether the stream (stdout) is a terminal, a person reading, rather than a pipe or a
    file, a script; a stream that cannot say is no terminal."""
    try:
        return (stream or sys.stdout).isatty()
    except (AttributeError, ValueError):
        return False


# A terminal shows this many rows of a table; drawing thousands takes seconds and no one
# reads them there. The rest is said in one line, with the way to get them all.
TERMINAL_ROWS = 200


def show_table(
    headers: list[str],
    cells: list[list[str]],
    *,
    title: str | None = None,
    marked: list[bool] | None = None,
    count: str | None = None,
) -> None:
    """A table on stdout. Piped or redirected: plain tab-separated rows, a header line
    first, each row one line that never wraps (grep finds every id; record text has its
    tabs and line breaks shown as escapes). On a terminal: a Rich table of the first
    TERMINAL_ROWS rows, marked rows in red, and how many more there are."""
    from ensomhed_cli.printable import printable

    if not is_terminal():
        lines = ["\t".join(printable(c, one_line=True) for c in row) for row in [headers, *cells]]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.table import Table

    # The title is record text too (an owner's name): never read as Rich markup.
    table = Table(title=terminal_cell(title) if title else None, title_justify="left", show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    marked = marked or [False] * len(cells)
    for row, red in zip(cells[:TERMINAL_ROWS], marked, strict=False):
        table.add_row(*map(terminal_cell, row), style="bold red" if red else None)
    console = _console(sys.stdout)
    console.print(table)
    if len(cells) > TERMINAL_ROWS:
        console.print(f"{len(cells) - TERMINAL_ROWS} more: use --format csv, or pipe the output for all rows", markup=False, highlight=False)
    if count:
        console.print(count, markup=False, highlight=False)


def terminal_cell(text: str):
    """A table cell for Rich: record text shown as it is, never read as Rich markup
    (`[link=…]`, `[bold]`) and with its control characters escaped."""
    from rich.text import Text

    from ensomhed_cli.printable import printable

    return Text(printable(text))


def _console(stream):
    """A Rich console on a terminal stream, coloured as use_color says (Rich's own reading
    of NO_COLOR and FORCE_COLOR is overruled, so --color decides everywhere alike)."""
    from rich.console import Console

    color = use_color(stream)
    return Console(file=stream, no_color=not color, force_terminal=True if color else None)
