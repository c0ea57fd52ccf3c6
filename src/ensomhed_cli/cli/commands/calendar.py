"""`ensomhed calendar`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, checked_index, warn_left_out, write_output


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
    from ensomhed_cli.check.loader import load_config
    from ensomhed_cli.query.ical import calendar

    found, index, errors = checked_index(root)
    warn_left_out(errors)
    data = calendar(index, config=load_config(found)[0]).decode("utf-8")
    write_output(found, data, output)
