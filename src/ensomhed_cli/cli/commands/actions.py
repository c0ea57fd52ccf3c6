"""`ensomhed actions`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ensomhed_cli.cli import common
from ensomhed_cli.cli.common import (
    RootOption,
    TableFormat,
    fail,
    open_index,
    parse_today,
    print_rows,
)


class Grouping(StrEnum):
    none = "none"
    owner = "owner"


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    dropped = "dropped"
    all = "all"


def actions(
    status: Annotated[ActionStatus, typer.Option("--status", help="open, done, dropped or all.")] = ActionStatus.open,
    owner: Annotated[str | None, typer.Option("--owner", help="Only the actions of this person or body, e.g. the department that follows up (id or name).")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open actions past their due date.")] = False,
    today: Annotated[str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today.")] = None,
    by: Annotated[Grouping, typer.Option("--by", help="owner: grouped by owner (a person or a body), each action with the decision it came from; an action with two owners stands under both.")] = Grouping.none,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    root: RootOption = None,
) -> None:
    """The follow-up actions of every meeting, with meeting, item, owners and due date.

    Overdue actions stand out in red in the terminal.

    Examples:

        ensomhed actions
        ensomhed actions --owner lise --status all
        ensomhed actions --overdue --today 2023-05-01 --format json
        ensomhed actions --by owner
    """
    from ensomhed_cli.query.index_read import action_query
    from ensomhed_cli.query.rows import by_owner

    on_day = parse_today(today)
    index = open_index(root)
    found, unknown = action_query(index, status.value, owner, overdue, on_day)
    if unknown:
        raise fail(unknown, 1)
    if by is Grouping.none:
        print_rows("actions", found, format, highlight=lambda row: row["overdue"], root=root)
        return
    grouped = by_owner(found)
    if format is not TableFormat.table or not common.is_terminal():
        # JSON, CSV and piped rows: one table, each row with its owner.
        print_rows("actions", grouped, format, columns="actions_by_owner_rows", root=root)
        return
    for owner in dict.fromkeys(row["owner"] for row in grouped):
        rows = [row for row in grouped if row["owner"] == owner]
        print_rows("actions", rows, format, title=rows[0]["owner_name"], highlight=lambda row: row["overdue"], columns="actions_by_owner", root=root)
