"""The `ensomhed` command: a thin layer over the library.

Each command parses its options, calls one library function and turns the result
into output and an exit status: 0 success, 1 the records have errors (or the asked-for
record does not exist), 2 the command could not run. Heavy modules are imported
inside the commands so that `--help` and `--version` start fast.
"""

from __future__ import annotations

import os
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


class Document(StrEnum):
    agenda = "agenda"
    minutes = "minutes"
    plan = "plan"


class OutputFormat(StrEnum):
    md = "md"
    html = "html"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    dropped = "dropped"
    all = "all"


class DiffFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


class Lang(StrEnum):
    da = "da"
    en = "en"


def _today(value: str | None):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--today {value}: expected a date written YYYY-MM-DD") from None


def _load_for_output(root: Path | None, wanted: str | None = None):
    """Load the repository for render/build. Errors in the wanted record stop the command."""
    from ensomhed_cli import diagnostics as dg
    from ensomhed_cli.loader import load

    repo, problems = load(_root(root))
    errors = [d for d in problems if d.severity == dg.ERROR]
    return repo, errors


def _template_problem(problem) -> typer.Exit:
    print(f"{problem.path}:{problem.line}:1: error: {problem.message}", file=sys.stderr)
    return typer.Exit(1)


def _write_output(repo, text: str, output: Path | None) -> None:
    from ensomhed_cli.config import RECORDS_DIR
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


def _root(root: Path | None) -> Path:
    from ensomhed_cli.paths import RepositoryNotFound, find_root

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
    from ensomhed_cli.checker import check as run_check

    result = run_check(_root(root), use_cache=not no_cache, jobs=jobs)
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
        color = _use_color(sys.stderr)
        for d in problems:
            line = dg.format_text(d)
            if color:
                tint = "\x1b[31m" if d.severity == dg.ERROR else "\x1b[33m"
                line = line.replace(f" {d.severity}: ", f" {tint}{d.severity}\x1b[0m: ", 1)
            print(line, file=sys.stderr)
    if format is not CheckFormat.json:
        print(_summary(result.files, result.counts, errors, warnings), file=sys.stderr)
    raise typer.Exit(1 if errors else 0)


def _use_color(stream) -> bool:
    import os

    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _summary(files_found: int, counts: dict[str, int], errors: int, warnings: int) -> str:
    kinds = [
        ("body", "body", "bodies"),
        ("person", "person", "people"),
        ("meeting", "meeting", "meetings"),
        ("plan", "plan", "plans"),
        ("initiative", "initiative", "initiatives"),
    ]
    held = ", ".join(_plural(counts[k], one, many) for k, one, many in kinds if counts.get(k))
    files = _plural(files_found, "file", "files")
    verdict = "no problems" if not errors and not warnings else f"{_plural(errors, 'error', 'errors')}, {_plural(warnings, 'warning', 'warnings')}"
    return f"ensomhed: {files} checked ({held or 'no valid records'}): {verdict}"


@app.command("render")
def render_cmd(
    document: Annotated[Document, typer.Argument(help="agenda, minutes or plan.")],
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The meeting's id (agenda, minutes) or the plan's id.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="md or html.")] = OutputFormat.md,
    public: Annotated[bool, typer.Option("--public", help="Leave out everything closed items hold but their number and title.")] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", help="da or en; default: `language` in ensomhed.yaml.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today, for overdue actions.")] = None,
    root: RootOption = None,
) -> None:
    """Render a meeting's agenda (dagsorden) or minutes (referat), or a plan's status summary.

    Examples:

        ensomhed render agenda 2022-08-29-aeldreraadet
        ensomhed render minutes 2022-08-29-aeldreraadet --format html --public -o referat.html
        ensomhed render plan ensomhedsplan-2024 --lang en
    """
    from ensomhed_cli.render import RecordNotFound, TemplateProblem, render_document

    on_day = _today(today)
    repo, errors = _load_for_output(root)
    mine = [d for d in errors if d.record_id == record_id or (repo.get(record_id) is not None and d.path == repo.get(record_id).path)]
    if mine or record_id in repo.invalid:
        from ensomhed_cli.diagnostics import format_text

        for d in mine or [d for d in errors if d.record_id == record_id]:
            print(format_text(d), file=sys.stderr)
        raise fail(f"`{record_id}` has errors; fix them first (`ensomhed check`)", 1)
    if errors:
        print(f"ensomhed: warning: {len(errors)} errors in other records; run `ensomhed check`", file=sys.stderr)
    try:
        text = render_document(
            repo, document.value, record_id, output=format.value, lang=lang.value if lang else None, public=public, today=on_day
        )
    except RecordNotFound as exc:
        raise fail(str(exc), 1) from None
    except TemplateProblem as exc:
        raise _template_problem(exc) from None
    _write_output(repo, text, output)


@app.command()
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write the site into.")] = Path("build"),
    public: Annotated[bool, typer.Option("--public", help="Leave out everything closed items hold but their number and title.")] = False,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="html or md.")] = OutputFormat.html,
    lang: Annotated[Lang | None, typer.Option("--lang", help="da or en; default: `language` in ensomhed.yaml.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today, for overdue actions.")] = None,
    root: RootOption = None,
) -> None:
    """Render every agenda, minutes and plan summary, and an index page, into a folder.

    The records must check without errors; nothing is written otherwise. A relative
    --output is taken from the current folder.

    Examples:

        ensomhed build --public -o site
        ensomhed build --format md -o docs/moeder
    """
    from ensomhed_cli.diagnostics import format_text
    from ensomhed_cli.fsio import WriteRefused
    from ensomhed_cli.render import TemplateProblem, build_site, site_pages

    on_day = _today(today)
    repo, errors = _load_for_output(root)
    if errors:
        for d in errors:
            print(format_text(d), file=sys.stderr)
        raise fail(f"{len(errors)} errors in the records; nothing was built", 1)
    total = len(site_pages(repo, format.value))
    progress, finish = _progress(total)
    try:
        written = build_site(
            repo, output, output=format.value, lang=lang.value if lang else None, public=public, today=on_day, progress=progress
        )
    except TemplateProblem as exc:
        finish()
        raise _template_problem(exc) from None
    except WriteRefused as exc:
        finish()
        raise fail(str(exc), 1) from None
    except OSError as exc:
        finish()
        raise fail(f"cannot write into {output}: {exc.strerror or exc}") from None
    finish()
    print(f"ensomhed: wrote {len(written)} files to {output}{' (public)' if public else ''}", file=sys.stderr)


def _progress(total: int):
    """A progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty() or total < 2:
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("Rendering", total=total)
    bar.start()
    return (lambda page: bar.advance(task)), bar.stop


def _load_quiet(root: Path | None):
    """Load for a query: records with errors are left out, with one line saying so."""
    repo, errors = _load_for_output(root)
    if errors:
        print(f"ensomhed: warning: {len(errors)} errors in the records; records with errors are left out (run `ensomhed check`)", file=sys.stderr)
    return repo


def _print_rows(kind: str, rows: list, fmt: TableFormat, title: str | None = None, highlight=None) -> None:
    from ensomhed_cli import present

    if fmt is TableFormat.json:
        print(present.to_json(rows))
        return
    if fmt is TableFormat.csv:
        sys.stdout.write(present.to_csv(rows))
        return
    from rich.console import Console
    from rich.table import Table

    headers, cells = present.table(kind, rows)
    table = Table(title=title, title_justify="left", show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row, cell in zip(rows, cells, strict=True):
        table.add_row(*cell, style="bold red" if highlight and highlight(row) else None)
    console = Console()
    console.print(table)
    console.print(f"{len(rows)} {kind}")


@app.command("list")
def list_cmd(
    kind: Annotated[str, typer.Argument(help="meetings, plans, initiatives, bodies, people, items, actions, goals or milestones.")],
    where: Annotated[list[str] | None, typer.Option("--where", "-w", help="FIELD=VALUE (also !=, >, >=, <, <=); several must all hold. A list field matches when it holds the value.")] = None,
    sort: Annotated[str | None, typer.Option("--sort", help="Sort by FIELD; -FIELD for descending.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    root: RootOption = None,
) -> None:
    """List records of one kind, filtered and sorted.

    Examples:

        ensomhed list meetings --where body=udsatteraadet --where status=planned
        ensomhed list initiatives --where target_groups="udsatte borgere" --format csv
        ensomhed list items --where decision!= --sort -date --format json
        ensomhed list meetings --where date>=2023-01-01
    """
    from ensomhed_cli.listing import QueryError, filter_rows, rows, sort_rows

    repo = _load_quiet(root)
    try:
        found = sort_rows(filter_rows(rows(repo, kind), where or [], kind), sort, kind)
    except QueryError as exc:
        raise fail(str(exc)) from None
    _print_rows(kind, found, format)


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record id, or a nested id such as PLAN#GOAL or MEETING#ITEM.")],
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
    root: RootOption = None,
) -> None:
    """Show one record with its references resolved to names.

    Examples:

        ensomhed show 2023-02-07-udsatteraadet
        ensomhed show kontrakt-center-pleje-og-omsorg-2019-2020#indbyggere-2030 --format json
    """
    import json

    from ensomhed_cli.diagnostics import suggest
    from ensomhed_cli.listing import resolved_row, row_text

    repo = _load_quiet(root)
    row = resolved_row(repo, record_id)
    if row is None:
        hint = " (it has errors; run `ensomhed check`)" if record_id in repo.invalid else suggest(record_id, repo.by_id)
        raise fail(f"no record with id `{record_id}`{hint}", 1)
    if format is ShowFormat.json:
        print(json.dumps(row, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(row_text(row))


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(metavar="SQL", help="One SELECT statement.")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="List the tables and their columns.")] = False,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    root: RootOption = None,
) -> None:
    """Read-only SQL (SQLite) over the records. `--schema` lists the tables.

    Examples:

        ensomhed query --schema
        ensomhed query "SELECT status, count(*) AS n FROM initiatives GROUP BY status"
        ensomhed query "SELECT m.date, i.title, i.decision FROM items i JOIN meetings m ON m.id = i.meeting WHERE i.decision IS NOT NULL AND m.date >= '2023-01-01'"
        ensomhed query "SELECT t.target_group, group_concat(i.title, '; ') FROM target_groups t JOIN initiatives i ON i.id = t.initiative GROUP BY 1" -f csv
    """
    from ensomhed_cli import sql as sqlmod

    if schema:
        if format is TableFormat.json:
            print(sqlmod.schema_json())
        else:
            sys.stdout.write(sqlmod.schema_text())
        return
    if not sql:
        raise fail("give a SELECT statement, or --schema to see the tables")
    repo = _load_quiet(root)
    try:
        columns, found = sqlmod.run_query(repo, sql)
    except sqlmod.SqlError as exc:
        raise fail(f"query: {exc}") from None
    if format is TableFormat.table:
        from rich.console import Console
        from rich.table import Table

        from ensomhed_cli.present import _cell

        table = Table()
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in found:
            table.add_row(*[_cell(row[c]) for c in columns])
        Console().print(table)
        return
    from ensomhed_cli import present

    if format is TableFormat.json:
        print(present.to_json(found))
    else:
        sys.stdout.write(present.to_csv(found, columns))


@app.command()
def actions(
    status: Annotated[ActionStatus, typer.Option("--status", help="open, done, dropped or all.")] = ActionStatus.open,
    owner: Annotated[str | None, typer.Option("--owner", help="Only this person's actions (id or name).")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open actions past their due date.")] = False,
    today: Annotated[str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    root: RootOption = None,
) -> None:
    """The follow-up actions of every meeting, with meeting, item, owners and due date.

    Overdue actions stand out in red in the terminal.

    Examples:

        ensomhed actions
        ensomhed actions --owner lise --status all
        ensomhed actions --overdue --today 2023-05-01 --format json
    """
    from ensomhed_cli.listing import action_query

    on_day = _today(today)
    repo = _load_quiet(root)
    found, unknown = action_query(repo, status.value, owner, overdue, on_day)
    if unknown:
        raise fail(unknown, 1)
    _print_rows("actions", found, format, highlight=lambda row: row["overdue"])


@app.command("calendar")
def calendar_cmd(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    root: RootOption = None,
) -> None:
    """Every meeting and dated milestone as an iCalendar (.ics) file.

    Subscribe to the file in Outlook or another calendar: the UIDs come from the
    records, so changed meetings are updated, not duplicated. Cancelled meetings are
    marked cancelled.

    Examples:

        ensomhed calendar -o moeder.ics
    """
    from ensomhed_cli.ical import calendar

    repo = _load_quiet(root)
    data = calendar(repo).decode("utf-8")
    _write_output(repo, data, output)


@app.command()
def diff(
    base: Annotated[str, typer.Argument(help="The older revision (default HEAD).")] = "HEAD",
    head: Annotated[str | None, typer.Argument(help="The newer revision (default: the working tree, untracked records included).")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, md (for a review comment) or json.")] = DiffFormat.text,
    root: RootOption = None,
) -> None:
    """What changed in the records between two git revisions, in the records' own terms.

    A status changed, an item or decision added, an action opened or closed, a goal's
    target or a new measurement, an attendee added. Moved files with the same id are
    the same record. Unchanged records are not mentioned.

    Examples:

        ensomhed diff                       # HEAD against the working tree
        ensomhed diff main feature --format md > comment.md
        ensomhed diff HEAD~3 HEAD --format json
    """
    from ensomhed_cli import changes as ch
    from ensomhed_cli.gitrev import GitError, files_at

    where = _root(root)
    try:
        old = ch.snapshot(files_at(where, base))
        new = ch.snapshot(files_at(where, head) if head else ch.working_tree(where))
    except GitError as exc:
        raise fail(str(exc)) from None
    found = ch.compare(old, new)
    head_name = head or "working tree"
    if format is DiffFormat.json:
        print(ch.as_json(found, base, head_name))
    elif format is DiffFormat.md:
        sys.stdout.write(ch.as_markdown(found, base, head_name))
    else:
        sys.stdout.write(ch.as_text(found))
        if not found:
            print(f"ensomhed: no changes to the records between {base} and {head_name}", file=sys.stderr)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def new(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="meeting, plan, initiative, body or person.")],
    body_text: Annotated[str | None, typer.Option("--text", help="The Markdown body: the record's free description.")] = None,
    root: RootOption = None,
) -> None:
    """Write a new record at its conventional path, with fields given as --FIELD VALUE.

    The id is made from the title or name (æ→ae, ø→oe, å→aa); a meeting's from its date
    and body. List fields take commas or repeated options; parts of a field take dots
    (--period.from 2025-01-01). The record is checked before it is written, and an
    existing file is never replaced.

    Examples:

        ensomhed new meeting --body aeldreraadet --date 2025-03-04 --start 14:00 --end 16:00
        ensomhed new initiative --title "Besøgsvenner" --category ongoing_contact --plans ensomhedsplan
        ensomhed new person --name "Anna Hansen" --title konsulent
    """
    from ensomhed_cli.authoring import (
        AuthoringError,
        fields_from_options,
        plan_record,
        write_record,
    )
    from ensomhed_cli.diagnostics import format_text
    from ensomhed_cli.fsio import WriteRefused
    from ensomhed_cli.loader import load

    options = _pairs(ctx.args)
    repo, _ = load(_root(root))
    try:
        data = fields_from_options(kind, options)
        record = plan_record(repo, kind, data, body_text)
        write_record(record, repo.root)
    except AuthoringError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(f"cannot write the record: {exc.strerror or exc}") from None
    for d in record.warnings:
        print(format_text(d), file=sys.stderr)
    print(record.rel)


def _pairs(args: list[str]) -> list[tuple[str, str]]:
    """--field value and --field=value pairs from the words Typer did not know."""
    pairs = []
    i = 0
    while i < len(args):
        word = args[i]
        if not word.startswith("--") or word == "--":
            raise fail(f"unexpected `{word}`: give fields as --FIELD VALUE")
        name, eq, value = word[2:].partition("=")
        if not eq:
            if i + 1 >= len(args):
                raise fail(f"--{name} needs a value")
            value = args[i + 1]
            i += 1
        pairs.append((name, value))
        i += 1
    return pairs


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the repository (default: here).")] = Path("."),
    root: RootOption = None,
) -> None:
    """Create a new records repository: ensomhed.yaml, records/ with one example of each
    kind, templates/, a pre-commit hook and a CI workflow. Never writes over a file.

    Examples:

        ensomhed init aeldreraad-records && cd aeldreraad-records && git init
    """
    from ensomhed_cli.fsio import WriteRefused
    from ensomhed_cli.scaffold import init as make

    try:
        written = make(folder)
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(f"cannot create the repository: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    print(f"ensomhed: a new repository in {folder}; run `ensomhed check` there", file=sys.stderr)


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
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        print("ensomhed: interrupted", file=sys.stderr)
        code = 130
    except Exception as exc:  # a bug of ours: say so plainly, the traceback only when asked for
        if os.environ.get("ENSOMHED_DEBUG"):
            import traceback

            traceback.print_exc()
        print(
            f"ensomhed: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in ensomhed, not in your records. Please report it with the command you ran;"
            " ENSOMHED_DEBUG=1 shows the details.",
            file=sys.stderr,
        )
        code = 2
    # Leave without tearing down every loaded record one by one: on a large
    # repository that teardown takes longer than the check itself.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)
