"""Meetings and dated milestones as an iCalendar file.

UIDs are derived from record ids, so a calendar that subscribes to the file updates
its events when the records change instead of adding duplicates. Times are in the
repository's time zone (Europe/Copenhagen by default), with a VTIMEZONE included.
The text is written directly (query/ics.py), the same text icalendar would write.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.fieldtypes import first_day
from ensomhed_cli.query.ics import date_value, datetime_value, fold, text, timezone_lines

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


def calendar(repo: Repository, now: dt.datetime | None = None) -> bytes:
    tzid = repo.config.timezone
    zone = ZoneInfo(tzid)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    stamp_line = f"DTSTAMP:{datetime_value(stamp)}Z".encode()
    timed = any(meeting.start for meeting in repo.meetings)
    vtimezone = timezone_lines(tzid) if timed else None
    if timed and vtimezone is None:  # a zone that is UTC: times carry Z, no VTIMEZONE

        def moment(name: str, value: dt.datetime) -> str:
            return f"{name}:{datetime_value(value)}Z"

    else:
        param = f'"{tzid}"' if any(c in tzid for c in ',;:"') else tzid

        def moment(name: str, value: dt.datetime) -> str:
            return f"{name};TZID={param}:{datetime_value(value)}"

    name = repo.config.municipality or "ensomhed"
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
    for meeting in repo.meetings:
        body = repo.name(meeting.body)
        if meeting.start:
            start = moment("DTSTART", dt.datetime.combine(meeting.date, meeting.start, tzinfo=zone))
            end = moment("DTEND", dt.datetime.combine(meeting.date, meeting.end, tzinfo=zone)) if meeting.end else None
        else:
            start, end = _day("DTSTART", meeting.date), _day("DTEND", meeting.date + dt.timedelta(days=1))
        description = "\n".join([body, *(f"{item.number}. {item.title}" for item in meeting.items)])
        rest = [f"CATEGORIES:{text('Møde')},{text(body)}", f"DESCRIPTION:{text(description)}"]
        if meeting.location:
            rest.append(f"LOCATION:{text(meeting.location)}")
        rest.append(f"STATUS:{MEETING_STATUS[meeting.status]}")
        _event(lines, meeting.title or body, start, end, stamp_line, meeting_uid(meeting.id), rest)
    for plan in sorted(repo.plans, key=lambda p: p.id):
        for milestone in plan.milestones:
            if milestone.date is None:
                continue
            # A month, quarter or year spans its days; no day is invented.
            last = dt.date(milestone.date.year, milestone.date.month, milestone.date.day)
            rest = ["CATEGORIES:Milepæl"]
            if milestone.description:
                rest.append(f"DESCRIPTION:{text(milestone.description)}")
            rest.append("STATUS:CANCELLED" if milestone.status == "cancelled" else "STATUS:CONFIRMED")
            _event(
                lines,
                f"{milestone.title} ({plan.title})",
                _day("DTSTART", first_day(milestone.date)),
                _day("DTEND", last + dt.timedelta(days=1)),
                stamp_line,
                milestone_uid(plan.id, milestone.id),
                rest,
            )
    lines.append(b"END:VCALENDAR")
    lines.append(b"")
    return b"\r\n".join(lines)
