"""`ensomhed query`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ensomhed_cli.cli.common import (
    RootOption,
    TableFormat,
    fail,
    open_index,
    show_table,
)


def query(
    sql: Annotated[str | None, typer.Argument(metavar="SQL", help="One SELECT statement.")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="List the tables and their columns.")] = False,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Stop a query that runs longer than this many seconds.")] = 10.0,
    root: RootOption = None,
) -> None:
    """Read-only SQL (SQLite) over the records. `--schema` lists the tables.

    Examples:

        ensomhed query --schema
        ensomhed query "SELECT status, count(*) AS n FROM initiatives GROUP BY status"
        ensomhed query "SELECT m.date, i.title, i.decision FROM items i JOIN meetings m ON m.id = i.meeting WHERE i.decision IS NOT NULL AND m.date >= '2023-01-01'"
        ensomhed query "SELECT t.target_group, group_concat(i.title, '; ') FROM target_groups t JOIN initiatives i ON i.id = t.initiative GROUP BY 1" -f csv
    """
    from ensomhed_cli.query import sql as sqlmod

    if schema:
        if format is TableFormat.json:
            print(sqlmod.schema_json())
        else:
            sys.stdout.write(sqlmod.schema_text())
        return
    if not sql:
        raise fail("give a SELECT statement, or --schema to see the tables")
    index = open_index(root)
    try:
        columns, found = sqlmod.run_query(index, sql, timeout=timeout)
    except sqlmod.SqlError as exc:
        raise fail(f"query: {exc}") from None
    if format is TableFormat.table:
        from ensomhed_cli.query.present import _cell

        show_table(list(columns), [[_cell(row[c]) for c in columns] for row in found])
        return
    from ensomhed_cli.query import present

    if format is TableFormat.json:
        print(present.to_json(found))
    else:
        sys.stdout.write(present.to_csv(found, columns))
