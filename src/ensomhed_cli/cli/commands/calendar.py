"""`ensomhed calendar`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import (
    RootOption,
    checked_index,
    refuse_personal_data,
    warn_left_out,
    write_output,
)


def calendar_cmd(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    root: RootOption = None,
) -> None:
    """Every meeting and dated milestone as an iCalendar (.ics) file.

    Subscribe to the file in Outlook, Google or Apple Calendar: each UID
    comes from the municipality and the record's file, so changed meetings
    are updated, not duplicated, and the same records give the same file.
    A meeting with a start and no end lasts two hours; one with no start,
    and every milestone, is an all-day event (a month or quarter spans its
    days). Cancelled meetings are marked cancelled.

    Examples:

        ensomhed calendar -o moeder.ics
    """
    from ensomhed_cli.check.loader import load_config
    from ensomhed_cli.query.ical import calendar

    # A calendar is shared and subscribed to: as public as the site
    found, index, errors = checked_index(root, public=True)
    refuse_personal_data(errors)
    warn_left_out(errors)
    data = calendar(index, config=load_config(found)[0]).decode("utf-8")
    write_output(found, data, output)
