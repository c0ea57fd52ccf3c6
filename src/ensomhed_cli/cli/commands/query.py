"""`ensomhed query`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import (
    RootOption,
    TableFormat,
    fail,
    open_index,
    say_,
    show_table,
)
from ensomhed_cli.format.rawfile import reason as os_reason


def query(
    sql: Annotated[str | None, typer.Argument(metavar="SQL", help="One SELECT statement, or - to read it from stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", metavar="FILE", help="Read the statement from FILE (- for stdin).", show_default=False)] = None,
    schema: Annotated[bool, typer.Option("--schema", help="List the tables and their columns.")] = False,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Stop a query that runs longer than this many seconds.")] = 10.0,
    root: RootOption = None,
) -> None:
    """Read-only SQL (SQLite) over the records. `--schema` lists the tables.

    The statement is the argument, or read from a file (--file) or stdin (-); the same
    read-only rules and limits hold wherever it comes from.

    Examples:

        ensomhed query --schema
        ensomhed query "SELECT status, count(*) AS n FROM initiatives GROUP BY status"
        ensomhed query "SELECT m.date, i.title, i.decision FROM items i JOIN meetings m ON m.id = i.meeting WHERE i.decision IS NOT NULL AND m.date >= '2023-01-01'"
        ensomhed query "SELECT t.target_group, group_concat(i.title, '; ') FROM target_groups t JOIN initiatives i ON i.id = t.initiative GROUP BY 1" -f csv
        ensomhed query --file report.sql --format csv
        ensomhed query - < report.sql
    """
    from ensomhed_cli.query import sql as sqlmod

    if schema:
        if format is TableFormat.json:
            print(sqlmod.schema_json())
        else:
            sys.stdout.write(sqlmod.schema_text())
        return
    if file is not None and sql is not None:
        raise fail(say_("giv forespørgslen som argument eller med --file, ikke begge", "give the statement as an argument or with --file, not both"))
    if file is not None:
        sql = _read_sql(str(file))
    elif sql == "-":
        sql = _read_sql("-")
    if not sql:
        raise fail(say_("giv en SELECT-forespørgsel (eller --file FIL, eller - for stdin), eller --schema for at se tabellerne",
                        "give a SELECT statement (or --file FILE, or - for stdin), or --schema to see the tables"))
    index = open_index(root)
    try:
        columns, found = sqlmod.run_query(index, sql, timeout=timeout)
    except sqlmod.SqlError as exc:
        # Past the time limit the command ran and gave no answer: 1, as the contract has it.
        raise fail(f"{say_('forespørgsel', 'query')}: {exc}", 1 if isinstance(exc, sqlmod.QueryTimedOut) else 2) from None
    if format is TableFormat.table:
        from ensomhed_cli.query.present import _cell

        show_table(list(columns), [[_cell(row[c]) for c in columns] for row in found])
        return
    from ensomhed_cli.query import present

    if format is TableFormat.json:
        print(present.to_json(found))
    else:
        sys.stdout.write(present.to_csv(found, columns))


# A saved report is a few kilobytes; a bound keeps a wrong file (a dump, /dev/zero) from filling memory.
MAX_SQL_BYTES = 1024 * 1024


def _read_sql(name: str) -> str:
    """The statement in a file, or on stdin for `-`: UTF-8 text within MAX_SQL_BYTES."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_SQL_BYTES + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read(MAX_SQL_BYTES + 1).encode()
            where = "stdin"
        else:
            with open(name, "rb") as handle:
                data = handle.read(MAX_SQL_BYTES + 1)
            where = name
    except OSError as exc:
        from ensomhed_cli.format.rawfile import reason

        raise fail(say_(f"kan ikke læse {name}: {reason(exc)}", f"cannot read {name}: {os_reason(exc)}")) from None
    if len(data) > MAX_SQL_BYTES:
        raise fail(say_(f"{where}: forespørgslen er længere end {MAX_SQL_BYTES // 1024} KiB", f"{where}: the statement is longer than {MAX_SQL_BYTES // 1024} KiB"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(say_(f"{where}: ikke UTF-8-tekst (byte {exc.start + 1})", f"{where}: not UTF-8 text (byte {exc.start + 1})")) from None
