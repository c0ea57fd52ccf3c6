"""`ensomhed list`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, TableFormat, fail, open_index, print_rows


def list_cmd(
    kind: Annotated[str, typer.Argument(help="meetings, plans, initiatives, bodies, people, items, actions, goals or milestones.")],
    where: Annotated[list[str] | None, typer.Option("--where", "-w", help="FIELD=VALUE (also !=, >, >=, <, <=, and FIELD~TEXT: contains, any case); several must all hold. A list field matches when it holds the value. Quote it in a shell: --where 'date>=2025-01-01'.")] = None,
    sort: Annotated[str | None, typer.Option("--sort", help="Sort by FIELD; -FIELD for descending.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    root: RootOption = None,
) -> None:
    """List records of one kind, filtered and sorted.

    Examples:

        ensomhed list meetings --where body=udsatteraadet --where status=planned
        ensomhed list initiatives --where 'target_groups=udsatte borgere' --format csv
        ensomhed list items --where 'decision!=' --sort -date --format json
        ensomhed list meetings --where 'date>=2023-01-01'
        ensomhed list initiatives --where 'title~mødested' --where 'status!=completed'
    """
    from ensomhed_cli.query.index_read import list_json, list_rows
    from ensomhed_cli.query.rows import QueryError, check_kind, filter_rows, parse_where, sort_rows

    wheres = where or []
    try:
        check_kind(kind)
        index = open_index(root)
        if format is TableFormat.json:
            for piece in list_json(index, kind, wheres, sort):
                sys.stdout.write(piece)
            sys.stdout.write("\n")
            return
        # A table reads its columns and the fields filtered and sorted on; CSV reads every field.
        reads = {field.lstrip("-").split(".")[0] for field in [*(parse_where(w)[0] for w in wheres), *([sort] if sort else [])]}
        rows = list_rows(index, kind, reads=reads if format is TableFormat.table else None)
        found = sort_rows(filter_rows(rows, wheres, kind), sort, kind)
    except QueryError as exc:
        raise fail(str(exc)) from None
    print_rows(kind, found, format, root=root)
    if not found and rows:
        from ensomhed_cli.cli.common import message_lang
        from ensomhed_cli.query.rows import nearest_values

        lang = message_lang(root)
        for hint in nearest_values(rows, wheres, lang):
            print(f"ensomhed: {'intet fundet med' if lang == 'da' else 'nothing found with'} {hint}", file=sys.stderr)
