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
    fail,
    refuse_personal_data,
    warn_left_out,
)
from ensomhed_cli.cli.output import write_output


def calendar_cmd(
    body: Annotated[
        list[str] | None,
        typer.Option("--body", help="Only this body's meetings, and its plans' milestones (a body id; give it again for more)."),
    ] = None,
    public: Annotated[bool, typer.Option("--public", help='For publishing: a closed item is listed as "Lukket punkt", not by its title.')] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    root: RootOption = None,
) -> None:
    """Meetings and dated milestones as an iCalendar (.ics) file, all or one body's.

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

    --body BODY: only that body's meetings, and the milestones of the plans it
    owns or works under. --public: a closed item is listed by its number and
    "Lukket punkt"; without it the calendar is the committee's and lists a
    closed item by its title, as the agenda does. Closed text (`::: lukket`)
    never goes into a calendar, and personal data in the files it is made
    from stops it (exit 1): a subscribed calendar is fetched by Google's and
    Microsoft's servers, whoever it is for.

    A meeting with a start and no end lasts two hours; one with no start, and
    every milestone, is an all-day event (a month or quarter spans its days).
    Cancelled meetings are marked cancelled.

    Examples:

        ensomhed calendar --public -o site/moeder.ics
        ensomhed calendar --body udsatteraadet -o udsatteraadet.ics
    """
    from ensomhed_cli.check.loader import load_config
    from ensomhed_cli.diagnostics import message_lang, say, suggest
    from ensomhed_cli.query.ical import body_ids, calendar, calendar_files

    found, index, errors = checked_index(root, public=True)
    config = load_config(found)[0]
    if body:
        known = body_ids(index)
        for wanted in dict.fromkeys(body):
            if wanted not in known:
                hint = suggest(wanted, known, message_lang())
                raise fail(say(f"der er intet råd eller udvalg med id `{wanted}`{hint}", f"no body with id `{wanted}`{hint}"), 1)
    refuse_personal_data(errors, calendar_files(index, body))
    warn_left_out([d for d in errors if d.severity == "error"], index)
    notes: list[str] = []
    data = calendar(index, config=config, root=found, bodies=body or None, public=public, notes=notes).decode("utf-8")
    if not SETTINGS.quiet:
        for note in notes:
            print(f"ensomhed: {say('advarsel', 'warning')}: {note}", file=sys.stderr)
    write_output(found, data, output)
