"""`ensomhed calendar`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import (
    SETTINGS,
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

    Subscribe to the file in Outlook, Google or Apple Calendar. Each UID comes
    from the municipality and the record's file, so changed meetings are
    updated, not duplicated. DTSTAMP and LAST-MODIFIED are the time of the last
    commit that changed what an event says (never earlier than an earlier
    commit's), and SEQUENCE grows with each change of its time, place or
    cancellation, so calendar programs take a moved meeting as newer. A file
    changed since the last commit counts from its modification time; outside
    git every event has its file's modification time and SEQUENCE 0. In a
    shallow clone (CI's default) SEQUENCE counts only the changes the clone
    holds: publish from a full clone (`fetch-depth: 0`).

    A meeting with a start and no end lasts two hours; one with no start, and
    every milestone, is an all-day event (a month or quarter spans its days).
    Cancelled meetings are marked cancelled.

    Examples:

        ensomhed calendar -o moeder.ics
    """
    from ensomhed_cli.check.loader import load_config
    from ensomhed_cli.query.ical import calendar

    # A calendar is shared and subscribed to: as public as the site
    found, index, errors = checked_index(root, public=True)
    refuse_personal_data(errors)
    warn_left_out(errors)
    notes: list[str] = []
    data = calendar(index, config=load_config(found)[0], root=found, notes=notes).decode("utf-8")
    if not SETTINGS.quiet:
        for note in notes:
            print(f"ensomhed: warning: {note}", file=sys.stderr)
    write_output(found, data, output)
