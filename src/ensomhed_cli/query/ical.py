"""Meetings and dated milestones as an iCalendar file, all of them or one body's.

A UID is a name-based UUID (RFC 4122 version 5, as RFC 7986 5.3 recommends) of the
municipality, the record's path in the repository and the event within it, so a calendar
that subscribes to the file updates its events when the records change instead of adding
duplicates, and two municipalities' (or two plans') events never share one. Being hex
digits and dashes, it needs no escaping, which some clients get wrong when matching UIDs.
Moving or renaming a record's file gives its events new UIDs.

DTSTAMP and LAST-MODIFIED are the time of the last change to what an event says, and
SEQUENCE counts the changes of its time or place, both from the git history of its file
(query/ical_history.py), so a calendar program takes a moved meeting as newer.

Times are in the repository's time zone (Europe/Copenhagen by default), with its
VTIMEZONE. No event is empty: a meeting with no end lasts MEETING_LENGTH, and a meeting
with no start, like a milestone, is an all-day event (DTEND the day after, RFC 5545
3.6.1); a milestone dated by a month, quarter or year spans its days (format 1.1: "a
calendar spans the period … never invents a day"). The text is written directly
(query/ics.py), not by icalendar's serialiser, for speed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from ensomhed_cli.diagnostics import language_override
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.fieldtypes import parse_period_date
from ensomhed_cli.query.ical_events import MEETING_LENGTH, MEETING_STATUS, Event, EventBuilder
from ensomhed_cli.query.ical_history import Stamp, event_stamps
from ensomhed_cli.query.ical_versions import VersionReader
from ensomhed_cli.query.ics import datetime_value, fold, text, timezone_lines

if TYPE_CHECKING:
    from ensomhed_cli.check.repository import Repository
    from ensomhed_cli.query.index import Index

__all__ = ["MEETING_LENGTH", "MEETING_STATUS", "UID_NAMESPACE", "body_ids", "calendar", "calendar_files", "event_uid"]

# The namespace of every UID: fixed forever, or every subscribed event would be duplicated.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ensomhed:calendar")
_NAMESPACE_BYTES = UID_NAMESPACE.bytes


def event_uid(municipality: str | None, path: str, event: str) -> str:
    """The UID of one event: `meeting` of a meeting's file, `milestone ID` of a plan's milestone.

    The milestone's id, not its place in the list, so that adding one before it changes
    nothing (ids are unique in a plan).
    """
    # uuid.uuid5 written out (the same value, tested): half the time, which counts at 10,000 events
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "\x00".join([municipality or "", path, event]).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def body_ids(source: Repository | Index) -> list[str]:
    """The ids of the bodies a calendar can be made for (`--body`)."""
    index = _index(source)
    return [body for (body,) in index.execute("SELECT DISTINCT id FROM t_bodies ORDER BY id")]


def calendar_files(source: Repository | Index, bodies: Collection[str] | None = None) -> set[str]:
    """The record files whose text a calendar holds: its meetings', its plans' and its bodies'."""
    index = _index(source)
    wanted = None if not bodies else set(bodies)
    meetings = [(path, body) for path, body in index.execute("SELECT _path, body FROM t_meetings") if wanted is None or body in wanted]
    followed = None if wanted is None else _followed_plans(index, wanted)
    plans = {path for path, plan in index.execute("SELECT _path, id FROM t_plans") if followed is None or plan in followed}
    named = {body for _, body in meetings}
    body_files = {path for path, body in index.execute("SELECT _path, id FROM t_bodies") if body in named}
    return {path for path, _ in meetings} | plans | body_files


def calendar(
    source: Repository | Index,
    stamp: dt.datetime | None = None,
    config: Config | None = None,
    *,
    root: Path | None = None,
    bodies: Collection[str] | None = None,
    public: bool = False,
    notes: list[str] | None = None,
) -> bytes:
    """The calendar of a loaded repository, or of an index (then with the repository's settings).

    `bodies`: only these bodies' meetings, and the milestones of the plans they own or work
    under (a body's `plan`); None: every meeting and milestone. `public`: a closed item
    listed as "Lukket punkt", not by its title (closed text is left out of every calendar,
    query/ical_events.py). DTSTAMP, LAST-MODIFIED and
    SEQUENCE come from the history of the repository at `root` (a Repository's own by
    default); `stamp` fixes DTSTAMP and LAST-MODIFIED of every event instead, SEQUENCE 0.
    What the reader should be told of the history (read in part, a shallow clone) is
    added to `notes`.
    """
    index = _index(source)
    config = config or getattr(source, "config", None) or Config()
    root = root if root is not None else getattr(source, "root", None)
    if stamp is None and root is None:
        raise ValueError("a calendar of an index needs the repository's root, or a fixed stamp")
    builder = EventBuilder(config.timezone, public)
    name = _Names(index)
    current = _events(index, builder, name, None if bodies is None else set(bodies))
    if stamp is not None:
        fixed = int(stamp.timestamp())
        stamps = {(path, key): Stamp(fixed, 0) for path, events in current.items() for key in events}
    else:
        stamps = event_stamps(Path(root), current, VersionReader(builder, name), notes, language_override() or config.language)  # type: ignore[arg-type]
    return _write(current, stamps, builder, config)


def _index(source: Repository | Index) -> Index:
    from ensomhed_cli.query.index import Index, index_of

    return source if isinstance(source, Index) else index_of(source)


class _Names:
    """A body's name by its id, as the index has it (query/index_read.Names), for meetings of any version."""

    def __init__(self, index: Index) -> None:
        from ensomhed_cli.query.index_read import Names

        self.names = Names(index)

    def __call__(self, record_id: str | None) -> str:
        return self.names.name(record_id)


def _events(index: Index, builder: EventBuilder, name: _Names, bodies: set[str] | None) -> dict[str, dict[str, Event]]:
    """{file: {event key: event}}: meetings in date order, then plans' milestones, plans by id."""
    items: dict[str, list[tuple]] = {}
    for path, number, title, closed in index.execute("SELECT _path, number, title, closed FROM t_items ORDER BY _key, _seq"):
        items.setdefault(path, []).append((number, title, bool(closed)))
    out: dict[str, dict[str, Event]] = {}
    found = index.execute('SELECT _path, title, body, date, start, "end", location, status FROM t_meetings ORDER BY _key, _seq')
    for path, title, body, day, start, end, location, status in found:
        if bodies is not None and body not in bodies:
            continue
        event = builder.meeting(title or name(body), name(body), dt.date.fromisoformat(day), _time(start), _time(end),
                                location, status, items.get(path, []))
        out.setdefault(path, {})["meeting"] = event
    plans = dict(index.execute("SELECT _path, title FROM t_plans"))
    followed = None if bodies is None else _followed_plans(index, bodies)
    for (stored,) in index.execute("SELECT row FROM _rows WHERE kind = 'milestones' ORDER BY _key, _seq"):
        row = json.loads(stored)
        if row["date"] is None or (followed is not None and row["plan"] not in followed):
            continue
        event = builder.milestone(row["title"], plans.get(row["path"], row["plan"]), parse_period_date(row["date"]),
                                  row.get("description"), row["status"])
        out.setdefault(row["path"], {})[f"milestone {row['milestone']}"] = event
    return out


def _followed_plans(index: Index, bodies: set[str]) -> set[str]:
    """The plans whose milestones a body's calendar shows: those it owns, and the one it works under."""
    owned = {plan for plan, owner in index.execute("SELECT id, owner FROM t_plans") if owner in bodies}
    under = {plan for body, plan in index.execute("SELECT id, plan FROM t_bodies") if body in bodies and plan}
    return owned | under


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _write(current: dict[str, dict[str, Event]], stamps: dict[tuple[str, str], Stamp], builder: EventBuilder, config: Config) -> bytes:
    municipality = config.municipality
    name = municipality or "ensomhed"
    lines: list[bytes] = [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"PRODID:-//ensomhed//ensomhed records//DA",
        b"CALSCALE:GREGORIAN",
        fold(f"X-WR-CALNAME:{text(f'{name}: møder og milepæle')}"),
        fold(f"X-WR-TIMEZONE:{text(config.timezone)}"),
    ]
    timed = [event.first for events in current.values() for event in events.values() if isinstance(event.first, dt.datetime)]
    if timed and not builder.utc:
        lines.extend(timezone_lines(config.timezone, min(timed).year) or ())
    for path, events in current.items():
        for key, event in events.items():
            stamp = stamps[path, key]
            moment = f"{datetime_value(dt.datetime.fromtimestamp(stamp.moment, dt.UTC))}Z"
            # icalendar's order: these first, then by name
            rest = sorted([*event.rest, f"LAST-MODIFIED:{moment}", f"SEQUENCE:{stamp.sequence}"], key=_property_name)
            lines.append(b"BEGIN:VEVENT")
            lines += [fold(event.summary), fold(event.start), fold(event.end), f"DTSTAMP:{moment}".encode()]
            lines.append(f"UID:{event_uid(municipality, path, key)}".encode())
            lines += [fold(line) for line in rest]
            lines.append(b"END:VEVENT")
    lines.append(b"END:VCALENDAR")
    lines.append(b"")
    return b"\r\n".join(lines)


def _property_name(line: str) -> str:
    return line.split(":", 1)[0].split(";", 1)[0]
