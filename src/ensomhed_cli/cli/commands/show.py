"""`ensomhed show`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail, open_index


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


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
    from ensomhed_cli.printable import printable
    from ensomhed_cli.query.index_read import record_ids, resolved_row
    from ensomhed_cli.query.rows import row_text

    index = open_index(root)
    row = resolved_row(index, record_id)
    if row is None:
        valid, invalid = record_ids(index)
        hint = " (it has errors; run `ensomhed check`)" if record_id in invalid else suggest(record_id, valid)
        raise fail(f"no record with id `{record_id}`{hint}", 1)
    if format is ShowFormat.json:
        print(json.dumps(row, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(printable(row_text(row)))
