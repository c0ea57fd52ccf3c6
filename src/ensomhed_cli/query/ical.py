"""Meetings and dated milestones as an iCalendar file.

UIDs are derived from record ids, so a calendar that subscribes to the file updates
its events when the records change instead of adding duplicates. Times are in the
repository's time zone (Europe/Copenhagen by default), with a VTIMEZONE included.
The text is written directly (query/ics.py), the same text icalendar would write.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ensomhed_cli.format.config import Config
from ensomhed_cli.format.fieldtypes import first_day, parse_period_date
from ensomhed_cli.query.ics import date_value, datetime_value, fold, text, timezone_lines

if TYPE_CHECKING:
    from ensomhed_cli.check.repository import Repository
    from ensomhed_cli.query.index import Index

UID_DOMAIN = "ensomhed"
MEETING_STATUS = {"cancelled": "CANCELLED", "planned": "CONFIRMED", "held": "CONFIRMED"}


def meeting_uid(meeting_id: str) -> str:
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


def milestone_uid(plan_id: str, milestone_id: str) -> str:
    return f"milestone-{plan_id}-{milestone_id}@{UID_DOMAIN}"


def _day(name: str, day: dt.date) -> str:
    return f"{name};VALUE=DATE:{date_value(day)}"


def _event(lines: list[bytes], summary: str, start: str, end: str | None, stamp: str, uid: str, rest: list[str]) -> None:
    """One VEVENT; its properties in icalendar's order (these first, then by name)."""
    lines.append(b"BEGIN:VEVENT")
    lines.append(fold(f"SUMMARY:{text(summary)}"))
    lines.append(fold(start))
    if end is not None:
        lines.append(fold(end))
    lines.append(stamp)
    lines.append(fold(f"UID:{text(uid)}"))
    lines.extend(fold(line) for line in rest)
    lines.append(b"END:VEVENT")


def calendar(source: Repository | Index, now: dt.datetime | None = None, config: Config | None = None) -> bytes:
    """The calendar of a loaded repository, or of an index (then with the repository's settings)."""
    from ensomhed_cli.query.index import Index, index_of

    index = source if isinstance(source, Index) else index_of(source)
    config = config or getattr(source, "config", None) or Config()
    return _calendar(index, config, now)


def _meetings(index: Index) -> list[tuple]:
    """(id, title or the body's name, body's name, date, start, end, location, status, items) in date order."""
    from ensomhed_cli.query.index_read import Names

    names = Names(index)
    items: dict[str, list[tuple]] = {}
    for path, number, title in index.execute("SELECT _path, number, title FROM t_items ORDER BY _key, _seq"):
        items.setdefault(path, []).append((number, title))
    found = index.execute('SELECT _path, id, title, body, date, start, "end", location, status FROM t_meetings ORDER BY _key, _seq')
    return [
        (rid, title or names.name(body), names.name(body), dt.date.fromisoformat(day), _time(start), _time(end), location, status, items.get(path, []))
        for path, rid, title, body, day, start, end, location, status in found
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


def _calendar(index: Index, config: Config, now: dt.datetime | None) -> bytes:
    tzid = config.timezone
    zone = ZoneInfo(tzid)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    stamp_line = f"DTSTAMP:{datetime_value(stamp)}Z".encode()
    meetings = _meetings(index)
    timed = any(meeting[4] for meeting in meetings)
    vtimezone = timezone_lines(tzid) if timed else None
    if timed and vtimezone is None:  # a zone that is UTC: times carry Z, no VTIMEZONE

        def moment(name: str, value: dt.datetime) -> str:
            return f"{name}:{datetime_value(value)}Z"

    else:
        param = f'"{tzid}"' if any(c in tzid for c in ',;:"') else tzid

        def moment(name: str, value: dt.datetime) -> str:
            return f"{name};TZID={param}:{datetime_value(value)}"

    name = config.municipality or "ensomhed"
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
    for meeting_id, title, body, day, start_time, end_time, location, status, items in meetings:
        if start_time:
            start = moment("DTSTART", dt.datetime.combine(day, start_time, tzinfo=zone))
            end = moment("DTEND", dt.datetime.combine(day, end_time, tzinfo=zone)) if end_time else None
        else:
            start, end = _day("DTSTART", day), _day("DTEND", day + dt.timedelta(days=1))
        description = "\n".join([body, *(f"{number}. {item_title}" for number, item_title in items)])
        rest = [f"CATEGORIES:{text('Møde')},{text(body)}", f"DESCRIPTION:{text(description)}"]
        if location:
            rest.append(f"LOCATION:{text(location)}")
        rest.append(f"STATUS:{MEETING_STATUS[status]}")
        _event(lines, title, start, end, stamp_line, meeting_uid(meeting_id), rest)
    for milestone in _milestones(index):
        if milestone["date"] is None:
            continue
        # A month, quarter or year spans its days; no day is invented.
        date = parse_period_date(milestone["date"])
        last = dt.date(date.year, date.month, date.day)
        rest = ["CATEGORIES:Milepæl"]
        if milestone.get("description"):
            rest.append(f"DESCRIPTION:{text(milestone['description'])}")
        rest.append("STATUS:CANCELLED" if milestone["status"] == "cancelled" else "STATUS:CONFIRMED")
        _event(
            lines,
            f"{milestone['title']} ({milestone['plan_title']})",
            _day("DTSTART", first_day(date)),
            _day("DTEND", last + dt.timedelta(days=1)),
            stamp_line,
            milestone_uid(milestone["plan"], milestone["milestone"]),
            rest,
        )
    lines.append(b"END:VCALENDAR")
    lines.append(b"")
    return b"\r\n".join(lines)
