"""`ensomhed show`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail, open_index, say_


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record id, or a nested id such as PLAN#GOAL or MEETING#ITEM.")],
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
    root: RootOption = None,
) -> None:
    """Show one record with its references resolved to names.

    A record is followed by what refers to it (referenced_by): the meetings a person
    attended or chaired, the bodies they are a member of, the actions they own.

    Examples:

        ensomhed show 2023-02-07-udsatteraadet
        ensomhed show kontrakt-center-pleje-og-omsorg-2019-2020#indbyggere-2030 --format json
    """
    import json

    from ensomhed_cli.diagnostics import did_you_mean
    from ensomhed_cli.printable import printable
    from ensomhed_cli.query.index_read import (
        backlinks,
        backlinks_text,
        nearest_ids,
        record_ids,
        resolved_row,
    )
    from ensomhed_cli.query.rows import row_text

    index = open_index(root)
    row = resolved_row(index, record_id)
    if row is None:
        valid, invalid = record_ids(index)
        hint = say_(" (den har fejl; kør `ensomhed check`)", " (it has errors; run `ensomhed check`)") if record_id in invalid else did_you_mean(nearest_ids(index, record_id))
        shown = printable(record_id, one_line=True)
        raise fail(say_(f"der er ingen post med id `{shown}`{hint}", f"no record with id `{shown}`{hint}"), 1)
    # What refers to a record (not to an item, goal or milestone inside one)
    links = backlinks(index, record_id) if "#" not in record_id and "#" not in row["id"] else None
    if format is ShowFormat.json:
        print(json.dumps(row if links is None else {**row, "referenced_by": links}, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(printable(row_text(row) + backlinks_text(links or [])))
