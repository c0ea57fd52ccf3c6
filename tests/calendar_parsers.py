"""The calendar read by two independent parsers, which must agree on every event.

icalendar (lenient, what most Python tools use) and ical (allenporter/ical: strict pydantic
models of RFC 5545, as in Home Assistant; it rejects e.g. a DTSTART and DTEND of different
value types or zones). Both read the file as a calendar program would get it.
"""

from __future__ import annotations

import datetime as dt


def assert_valid_lines(data: bytes) -> None:
    """CRLF line ends only, no physical line over 75 octets, no character split by a fold."""
    assert data.endswith(b"\r\n")
    for line in data[:-2].split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= 75, line
        line.decode("utf-8")


def _when(value: dt.date | None) -> str | None:
    """A date, or a time with its UTC offset (so both the moment and the local time are compared)."""
    return None if value is None else value.isoformat()


def _by_icalendar(data: bytes) -> list[dict]:
    from icalendar import Calendar

    events = []
    for event in Calendar.from_ical(data).walk("VEVENT"):
        events.append(
            {
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]),
                "start": _when(event.decoded("DTSTART")),
                "end": _when(event.decoded("DTEND")) if "DTEND" in event else None,
                "stamp": _when(event.decoded("DTSTAMP")),
                "modified": _when(event.decoded("LAST-MODIFIED")) if "LAST-MODIFIED" in event else None,
                "sequence": int(event["SEQUENCE"]) if "SEQUENCE" in event else None,
                "location": str(event["LOCATION"]) if "LOCATION" in event else None,
                "description": str(event["DESCRIPTION"]) if "DESCRIPTION" in event else None,
                "status": str(event["STATUS"]),
                "categories": [str(c) for c in event["CATEGORIES"].cats],
            }
        )
    return events


def _by_ical(data: bytes) -> list[dict]:
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return [
        {
            "uid": event.uid,
            "summary": event.summary,
            "start": _when(event.dtstart),
            "end": _when(event.dtend),
            "stamp": _when(event.dtstamp),
            "modified": _when(event.last_modified),
            "sequence": event.sequence,
            "location": event.location,
            "description": event.description,
            "status": str(event.status.value),
            "categories": list(event.categories),
        }
        for event in calendar.events
    ]


def read_both(data: bytes) -> list[dict]:
    """Every event as both parsers read it (they must agree), after checking the lines."""
    assert_valid_lines(data)
    events, strict = _by_icalendar(data), _by_ical(data)
    assert len(strict) == len(events), (strict, events)
    for theirs, mine in zip(strict, events, strict=True):
        if any("," in category for category in mine["categories"]):
            # ical splits CATEGORIES at every comma, escaped (`\\,`, part of a category) or not
            theirs = {**theirs, "categories": mine["categories"]}
        assert theirs == mine, {k: (theirs[k], mine[k]) for k in mine if theirs[k] != mine[k]}
    return events


def zones_of_both(data: bytes) -> list[tuple]:
    """(TZID, icalendar's tzinfo, ical's tzinfo) of each VTIMEZONE, built from its rules alone."""
    from ical.calendar_stream import IcsCalendarStream
    from ical.timezone import IcsTimezoneInfo
    from icalendar import Calendar

    mine = Calendar.from_ical(data).walk("VTIMEZONE")
    theirs = IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).timezones
    assert [str(z["TZID"]) for z in mine] == [z.tz_id for z in theirs]
    return [
        (z.tz_id, a.to_tz(lookup_tzid=False), IcsTimezoneInfo.from_timezone(z))
        for a, z in zip(mine, theirs, strict=True)
    ]
