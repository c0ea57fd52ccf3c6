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


def set_lang(lang: str | None) -> None:
    """--lang: this command's messages (and output) in Danish or English, whatever the
    repository's settings say."""
    from ensomhed_cli.diagnostics import set_language_override

    set_language_override(lang)


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
        raise fail(say_(f"--today {value}: skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-03-04", f"--today {value}: expected a date written YYYY-MM-DD")) from None


def load_for_output(root: Path | None, wanted: str | None = None):
    """Load the repository for render/build. Errors in the wanted record stop the command."""
    from ensomhed_cli import diagnostics as dg
    from ensomhed_cli.check.loader import load

    repo, problems = load(repository_root(root))
    errors = [d for d in problems if d.severity == dg.ERROR]
    return repo, errors


def template_problem(problem) -> typer.Exit:
    print(f"{problem.path}:{problem.line}:1: error: {problem.message}", file=sys.stderr)  # check's line format
    return typer.Exit(1)


def reference_problem(problem) -> typer.Exit:
    """templates/reference.docx that cannot be used (render/word.py): `PATH: error: MESSAGE`, exit 1."""
    from ensomhed_cli.printable import printable

    print(f"{problem.path}: error: {printable(problem.message, one_line=True)}", file=sys.stderr)
    return typer.Exit(1)


def own_lang(lang):
    """A command's own --lang (render, build, diff): given, it is also the language of the
    messages; not given, the --lang before the command counts (`ensomhed --lang en render …`)."""
    from ensomhed_cli.diagnostics import language_override

    if lang is not None:
        set_lang(lang.value)
        return lang
    override = language_override()
    return Lang(override) if override else None


def message_lang(root: Path | None, lang: str | None = None) -> str:
    """The language of a command's messages: --lang where given, else the settings'
    `language` (only that key is read), Danish by default."""
    if lang in ("da", "en"):
        return lang
    from ensomhed_cli.diagnostics import language_override

    if language_override():
        return language_override()  # type: ignore[return-value]
    from ensomhed_cli.check.rules.common import settings_language
    from ensomhed_cli.paths import RepositoryNotFound, find_root

    try:
        return settings_language(find_root(explicit=root))
    except (RepositoryNotFound, OSError):
        return "da"


def say_(da: str, en: str) -> str:
    """A command's message in the language of the messages (diagnostics.say)."""
    from ensomhed_cli.diagnostics import say

    return say(da, en)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `ensomhed: fejl: …` (`ensomhed: error: …` in English) to stderr; return the Exit to raise."""
    print(f"ensomhed: {say_('fejl', 'error')}: {message}", file=sys.stderr)
    return typer.Exit(code)


def warn(message: str) -> None:
    """Print `ensomhed: advarsel: …` (`ensomhed: warning: …`) to stderr, even with -q."""
    print(f"ensomhed: {say_('advarsel', 'warning')}: {message}", file=sys.stderr)


def repository_root(root: Path | None) -> Path:
    """The repository's root (`--root`, or found upwards from here); from here on the
    command speaks the repository's language (`language:` in ensomhed.yaml), unless --lang."""
    from ensomhed_cli.check.rules.common import settings_language
    from ensomhed_cli.diagnostics import set_repository_language
    from ensomhed_cli.paths import RepositoryNotFound, find_root

    try:
        found = find_root(explicit=root)
    except RepositoryNotFound as exc:
        raise fail(str(exc)) from None
    set_repository_language(settings_language(found))
    return found


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
        say_(
            f"{len(found)} fund af personoplysninger i det, der skulle offentliggøres; intet er offentliggjort"
            " (fjern oplysningerne, eller læg dem i lukket tekst: se `ensomhed check`)",
            f"{len(found)} personal-data problems in what would be published; nothing was published"
            " (remove the data, or put it in closed text: see `ensomhed check`)",
        ),
        1,
    )


def open_index(root: Path | None):
    """The index for a query: records with errors are left out, with one line saying so."""
    _, index, errors = checked_index(root)
    warn_left_out(errors, index)
    return index


def warn_left_out(errors: list, index) -> None:
    """One line on the errors; that records were left out only where the index lacks some (a
    record whose fields could not be read), not where a rule found a fault in one it holds."""
    if not errors:
        return
    left = index.execute("SELECT count(*) FROM _files WHERE NOT valid").fetchone()[0]
    if left:
        warn(say_(f"{len(errors)} fejl i posterne; {left} {'post' if left == 1 else 'poster'} med fejl er udeladt (kør `ensomhed check`)",
                  f"{len(errors)} errors in the records; {left} {'record' if left == 1 else 'records'} with errors left out (run `ensomhed check`)"))
    else:
        warn(say_(f"{len(errors)} fejl i posterne (kør `ensomhed check`)", f"{len(errors)} errors in the records (run `ensomhed check`)"))


def print_rows(
    kind: str, rows: list, fmt: TableFormat, title: str | None = None, highlight=None, columns: str | None = None, root: Path | None = None
) -> None:
    """Rows as JSON, CSV or a table. A table on a terminal speaks the repository's language
    (headers, statuses, the count); piped, it keeps the fields' own names and values."""
    from ensomhed_cli.query import present

    if fmt is TableFormat.json:
        print(present.to_json(rows))
        return
    if fmt is TableFormat.csv:
        sys.stdout.write(present.to_csv(rows))
        return
    lang, values = "en", None
    if is_terminal():
        from ensomhed_cli.render.labels import VALUES

        lang = message_lang(root)
        values = VALUES[lang]
    headers, cells = present.table(columns or kind, rows, lang, values)
    marked = [bool(highlight and highlight(row)) for row in rows]
    show_table(headers, cells, title=title, marked=marked, count=present.counted(len(rows), kind, lang), whole=present.whole_columns(columns or kind, rows), lang=lang)


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
    whole: list[bool] | None = None,
    lang: str = "en",
) -> None:
    """A table on stdout. Piped or redirected: plain tab-separated rows, a header line
    first, each row one line that never wraps (grep finds every id; record text has its
    tabs and line breaks shown as escapes). On a terminal: a Rich table of the first
    TERMINAL_ROWS rows, marked rows in red, and how many more there are; a column that is
    `whole` (ids, dates) is as wide as its widest value, so no id is ever split."""
    from ensomhed_cli.printable import printable

    if not is_terminal():
        lines = ["\t".join(printable(c, one_line=True) for c in row) for row in [headers, *cells]]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.table import Table

    # The title is record text too (an owner's name): never read as Rich markup.
    table = Table(title=terminal_cell(title) if title else None, title_justify="left", show_lines=False)
    from ensomhed_cli.printable import printable as shown

    console = _console(sys.stdout)
    for i, header in enumerate(headers):
        widest = max([len(header), *(len(shown(row[i])) for row in cells[:TERMINAL_ROWS])]) if whole and i < len(whole) and whole[i] else 0
        if widest and widest <= console.width // 2:  # wider than half the screen, it must fold, or nothing else shows
            table.add_column(header, no_wrap=True, min_width=widest)
        else:
            table.add_column(header, overflow="fold")
    marked = marked or [False] * len(cells)
    for row, red in zip(cells[:TERMINAL_ROWS], marked, strict=False):
        table.add_row(*map(terminal_cell, row), style="bold red" if red else None)
    console.print(table)
    if len(cells) > TERMINAL_ROWS:
        more = len(cells) - TERMINAL_ROWS
        said = f"{more} flere: brug --format csv, eller send uddata videre, for at få alle rækker" if lang == "da" else f"{more} more: use --format csv, or pipe the output for all rows"
        console.print(said, markup=False, highlight=False)
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
