"""Meetings and dated milestones as an iCalendar file.

A UID is a name-based UUID (RFC 4122 version 5, as RFC 7986 5.3 recommends) of the
municipality, the record's path in the repository and the event within it, so a calendar
that subscribes to the file updates its events when the records change instead of adding
duplicates, and two municipalities' (or two plans') events never share one. Being hex
digits and dashes, it needs no escaping, which some clients get wrong when matching UIDs.
Moving or renaming a record's file gives its events new UIDs.

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
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ensomhed_cli.format.closed_text import LEFT_OUT, without_closed
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.fieldtypes import first_day, parse_period_date
from ensomhed_cli.query.ics import date_value, datetime_value, fold, text, timezone_lines

if TYPE_CHECKING:
    from ensomhed_cli.check.repository import Repository
    from ensomhed_cli.query.index import Index

MEETING_STATUS = {"cancelled": "CANCELLED", "planned": "CONFIRMED", "held": "CONFIRMED"}
# The namespace of every UID: fixed forever, or every subscribed event would be duplicated.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ensomhed:calendar")
_NAMESPACE_BYTES = UID_NAMESPACE.bytes
# A meeting that gives a start and no end: the meetings in the bundled records and in
# Stevns Kommune's minutes that state an end last 2 to 2 3/4 hours. A calendar program
# shows an event with no length as a line or not at all, so it gets the shorter of these.
MEETING_LENGTH = dt.timedelta(hours=2)
# DTSTAMP is derived from the event itself (see _stamped), as a moment in this year: long
# past, so never taken for a recent change or a time still to come.
STAMP_YEAR = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_STAMP_SECONDS = 366 * 24 * 3600


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


def _day(name: str, day: dt.date) -> str:
    return f"{name};VALUE=DATE:{date_value(day)}"


def _event(lines: list[bytes], summary: str, start: str, end: str, uid: str, rest: list[str], stamp: bytes | None) -> None:
    """One VEVENT, its properties in icalendar's order (these first, then by name)."""
    event = [fold(f"SUMMARY:{text(summary)}"), fold(start), fold(end), fold(f"UID:{text(uid)}"), *(fold(line) for line in rest)]
    lines.append(b"BEGIN:VEVENT")
    lines.extend(event[:3])
    lines.append(stamp or _stamped(event))
    lines.extend(event[3:])
    lines.append(b"END:VEVENT")


def _stamped(event: list[bytes]) -> bytes:
    """DTSTAMP from the event's own lines: the same records give the same calendar, byte for byte.

    A moment in STAMP_YEAR picked by a hash of everything else the event says, so a changed
    event gets a new stamp and an unchanged one keeps it. Not the wall clock (every run would
    differ), and not the record's last git commit (a shallow clone, as CI makes, and a
    folder outside git would each give another).
    """
    digest = hashlib.sha256(b"\r\n".join(event)).digest()
    moment = STAMP_YEAR + dt.timedelta(seconds=int.from_bytes(digest[:8], "big") % _STAMP_SECONDS)
    return f"DTSTAMP:{datetime_value(moment)}Z".encode()


def calendar(source: Repository | Index, stamp: dt.datetime | None = None, config: Config | None = None) -> bytes:
    """The calendar of a loaded repository, or of an index (then with the repository's settings).

    `stamp` fixes every event's DTSTAMP; by default each is derived from the event (_stamped).
    """
    from ensomhed_cli.query.index import Index, index_of

    index = source if isinstance(source, Index) else index_of(source)
    config = config or getattr(source, "config", None) or Config()
    return _calendar(index, config, stamp)


def _meetings(index: Index) -> list[tuple]:
    """(path, title or the body's name, body's name, date, start, end, location, status, items) in date order."""
    from ensomhed_cli.query.index_read import Names

    names = Names(index)
    items: dict[str, list[tuple]] = {}
    for path, number, title in index.execute("SELECT _path, number, title FROM t_items ORDER BY _key, _seq"):
        items.setdefault(path, []).append((number, title))
    found = index.execute('SELECT _path, title, body, date, start, "end", location, status FROM t_meetings ORDER BY _key, _seq')
    return [
        (path, title or names.name(body), names.name(body), dt.date.fromisoformat(day), _time(start), _time(end), location, status, items.get(path, []))
        for path, title, body, day, start, end, location, status in found
    ]


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _milestones(index: Index) -> list[dict]:
    """Every plan's milestones with the plan's title, plans by id."""
    titles = dict(index.execute("SELECT _path, title FROM t_plans"))
    found = []
    for (stored,) in index.execute("SELECT row FROM _rows WHERE kind = 'milestones' ORDER BY _key, _seq"):
        row = json.loads(stored)
        found.append({**row, "plan_title": titles.get(row["path"], row["plan"])})
    return found


def _meeting_times(day: dt.date, start: dt.time | None, end: dt.time | None, zone: ZoneInfo) -> tuple:
    """A meeting's first and last moment (local, aware), or its day and the next for an all-day event."""
    if start is None:
        return day, day + dt.timedelta(days=1)
    begins = dt.datetime.combine(day, start, tzinfo=zone)
    if end is not None and end > start:  # check requires it; never trust it into an empty event
        return begins, dt.datetime.combine(day, end, tzinfo=zone)
    # Two hours of real time, also across a change of clock.
    return begins, (begins.astimezone(dt.UTC) + MEETING_LENGTH).astimezone(zone)


def _calendar(index: Index, config: Config, fixed: dt.datetime | None) -> bytes:
    tzid = config.timezone
    zone = ZoneInfo(tzid)
    stamp = None if fixed is None else f"DTSTAMP:{datetime_value(fixed.astimezone(dt.UTC))}Z".encode()
    meetings = _meetings(index)
    timed = any(meeting[4] for meeting in meetings)
    vtimezone = timezone_lines(tzid) if timed else None
    param = f'"{tzid}"' if any(c in tzid for c in ',;:"') else tzid

    def moment(name: str, value: dt.date) -> str:
        if not isinstance(value, dt.datetime):
            return f"{name};VALUE=DATE:{date_value(value)}"
        if vtimezone is None:  # a zone that is UTC: times carry Z, no VTIMEZONE
            return f"{name}:{datetime_value(value.astimezone(dt.UTC))}Z"
        return f"{name};TZID={param}:{datetime_value(value)}"

    municipality = config.municipality
    name = municipality or "ensomhed"
    lines: list[bytes] = [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"PRODID:-//ensomhed//ensomhed records//DA",
        b"CALSCALE:GREGORIAN",
        fold(f"X-WR-CALNAME:{text(f'{name}: møder og milepæle')}"),
        fold(f"X-WR-TIMEZONE:{text(tzid)}"),
    ]
    if vtimezone:
        lines.extend(vtimezone)
    for path, title, body, day, start_time, end_time, location, status, items in meetings:
        start, end = _meeting_times(day, start_time, end_time, zone)
        description = "\n".join([body, *(f"{number}. {item_title}" for number, item_title in items)])
        rest = [f"CATEGORIES:{text('Møde')},{text(body)}", f"DESCRIPTION:{text(description)}"]
        if location:
            rest.append(f"LOCATION:{text(location)}")
        rest.append(f"STATUS:{MEETING_STATUS[status]}")
        uid = event_uid(municipality, path, "meeting")
        _event(lines, title, moment("DTSTART", start), moment("DTEND", end), uid, rest, stamp)
    for milestone in _milestones(index):
        if milestone["date"] is None:
            continue
        # A month, quarter or year spans its days; no day is invented.
        date = parse_period_date(milestone["date"])
        last = dt.date(date.year, date.month, date.day)
        rest = ["CATEGORIES:Milepæl"]
        if milestone.get("description"):  # a calendar is shared: no closed text goes into it
            rest.append(f"DESCRIPTION:{text(without_closed(milestone['description'], LEFT_OUT))}")
        rest.append("STATUS:CANCELLED" if milestone["status"] == "cancelled" else "STATUS:CONFIRMED")
        summary = f"{milestone['title']} ({milestone['plan_title']})"
        uid = event_uid(municipality, milestone["path"], f"milestone {milestone['milestone']}")
        _event(lines, summary, moment("DTSTART", first_day(date)), moment("DTEND", last + dt.timedelta(days=1)), uid, rest, stamp)
    lines.append(b"END:VCALENDAR")
    lines.append(b"")
    return b"\r\n".join(lines)
