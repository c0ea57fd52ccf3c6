"""RFC 5545 text for `ensomhed calendar`: escaping, folding and the VTIMEZONE of a zone.

Written directly because icalendar's serialiser cost seconds on large repositories. The
output is the text icalendar 7 wrote (tests/test_ical_writer.py parses both and compares),
except that X-WR-CALNAME is escaped as TEXT and the two characters `\\N` stay themselves.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

FIRST_DATE = dt.date(1970, 1, 1)
LAST_DATE = dt.date(2038, 1, 1)
# Steps of the search for offset changes, largest first (as icalendar's Timezone.from_tzinfo).
_STEPS = [dt.timedelta(days=d) for d in (64, 32, 16, 8, 4, 2, 1)] + [
    dt.timedelta(hours=4),
    dt.timedelta(hours=1),
    dt.timedelta(minutes=20),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=1),
    dt.timedelta(seconds=20),
    dt.timedelta(seconds=5),
    dt.timedelta(seconds=1),
]
_LIMIT = 74  # octets of content per physical line; a continuation adds its leading space


def text(value: str) -> str:
    r"""A TEXT value: `\`, `;`, `,` escaped; CRLF, LF and a lone CR each become `\n`."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line passes 75 octets.

    A fold never splits a UTF-8 sequence, and never follows a lone backslash or caret,
    so an escape stays on one line (icalendar's rule, kept for clients that need it).
    """
    data = line.encode("utf-8")
    if len(data) <= _LIMIT:
        return data
    parts = []
    start = 0
    while len(data) - start > _LIMIT:
        cut = start + _LIMIT
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character
            cut -= 1
        if data[cut - 1] in (0x5C, 0x5E) and cut - 1 > start:
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def date_value(day: dt.date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def datetime_value(moment: dt.datetime) -> str:
    """Local date and time (no zone suffix): 20240110T100000."""
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def offset_value(offset: dt.timedelta) -> str:
    sign = "-" if offset < dt.timedelta(0) else "+"
    seconds = abs(int(offset.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}{minutes:02}{seconds:02}" if seconds else f"{sign}{hours:02}{minutes:02}"


def _observances(zone: ZoneInfo) -> dict[tuple, list[dt.datetime]]:
    """(offset before, offset after, name, is standard) -> local start times, 1970 to 2038."""
    first = dt.datetime(FIRST_DATE.year, FIRST_DATE.month, FIRST_DATE.day, tzinfo=zone)
    last = dt.datetime(LAST_DATE.year, LAST_DATE.month, LAST_DATE.day, tzinfo=zone)
    found: dict[tuple, list[dt.datetime]] = {}
    start = first
    offset_to = None
    while start < last:
        offset_from = offset_to
        end = start
        offset_to = end.utcoffset()
        for step in _STEPS:
            last_end = end
            end = end + step
            try:
                while end.utcoffset() == offset_to:
                    last_end = end
                    end = end + step
            except OverflowError:
                break
            end = last_end
        name = start.tzname()
        key = (offset_from, offset_to, str(offset_to) if name is None else name, start.dst() == dt.timedelta())
        found.setdefault(key, []).append(start.replace(tzinfo=None))
        start = end + _STEPS[-1]
    return found


@lru_cache(maxsize=8)
def timezone_lines(tzid: str) -> tuple[bytes, ...] | None:
    """The folded VTIMEZONE lines for a zone, or None when the zone is UTC all along.

    A zone at offset zero with no change between 1970 and 2038 is written as UTC (times
    with `Z`, no VTIMEZONE), as icalendar does.
    """
    observances = _observances(ZoneInfo(tzid))
    if len(observances) == 1:
        [(offset_from, offset_to, _, _)] = observances
        if offset_to == dt.timedelta(0) and len(next(iter(observances.values()))) == 1:
            return None
    lines = ["BEGIN:VTIMEZONE", f"TZID:{text(tzid)}", f"COMMENT:This timezone only works from {FIRST_DATE} to {LAST_DATE}."]
    for (offset_from, offset_to, name, standard), starts in observances.items():
        first = min(starts)
        starts.remove(first)
        if first.date() == LAST_DATE:
            first = dt.datetime(LAST_DATE.year, LAST_DATE.month, LAST_DATE.day)
        kind = "STANDARD" if standard else "DAYLIGHT"
        lines.append(f"BEGIN:{kind}")
        lines.append(f"DTSTART:{datetime_value(first)}")
        if starts:
            lines.append("RDATE:" + ",".join(datetime_value(s) for s in starts))
        lines.append(f"TZNAME:{text(name)}")
        lines.append(f"TZOFFSETFROM:{offset_value(offset_to if offset_from is None else offset_from)}")
        lines.append(f"TZOFFSETTO:{offset_value(offset_to)}")
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return tuple(fold(line) for line in lines)
