"""RFC 5545 text for `ensomhed calendar`: escaping, folding and the VTIMEZONE of a zone.

Written directly because icalendar's serialiser cost seconds on large repositories; the
tests read the output back with two independent parsers (icalendar and ical).
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

# The zone's history is written out for these years; the rule in force at the end stays open,
# so a later event still gets the right offset.
FIRST_YEAR, LAST_YEAR = 1970, 2037
_WEEK = 7 * 24 * 3600  # seconds
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
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


def _state(zone: ZoneInfo, seconds: int) -> tuple:
    local = dt.datetime.fromtimestamp(seconds, zone)
    return local.utcoffset(), local.dst(), local.tzname()


def _transitions(zone: ZoneInfo) -> list[tuple[dt.datetime, tuple, tuple]]:
    """(UTC instant, state before, state after) of every change of offset, DST or name.

    The zone is sampled weekly and each change found to the second by halving; no zone
    changes twice within a week and back.
    """
    moment = int(dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.UTC).timestamp())
    end = int(dt.datetime(LAST_YEAR + 1, 1, 1, tzinfo=dt.UTC).timestamp())
    state = _state(zone, moment)
    found = []
    while moment < end:
        after = moment + _WEEK
        new = _state(zone, after)
        if new != state:
            low, high = moment, after  # state at low, new at high
            while high - low > 1:
                middle = (low + high) // 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            new = _state(zone, high)
            found.append((dt.datetime.fromtimestamp(high, dt.UTC), state, new))
            state, after = new, high
        moment = after
    return found


def _rule(onset: dt.datetime) -> tuple[int, str]:
    """The month and RRULE BYDAY of a day: `-1SU` in a month's last seven days, else `2SU` …"""
    days = gregorian.monthrange(onset.year, onset.month)[1]
    week = -1 if onset.day + 7 > days else (onset.day - 1) // 7 + 1
    return onset.month, f"{week}{_WEEKDAYS[onset.weekday()]}"


def _observance(kind: str, onset: dt.datetime, before: dt.timedelta, state: tuple, rule: str) -> list[str]:
    offset, _, name = state
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{datetime_value(onset)}",
        rule,
        f"TZNAME:{text(name or offset_value(offset))}",
        f"TZOFFSETFROM:{offset_value(before)}",
        f"TZOFFSETTO:{offset_value(offset)}",
        f"END:{kind}",
    ]


@lru_cache(maxsize=8)
def _runs(tzid: str) -> list[tuple[str, dt.timedelta, tuple, str, list[dt.datetime], bool]] | None:
    """(kind, offset before, state after, BY parts, onsets, open) of each observance: a run of
    onsets in consecutive years on one rule, the first state as one onset on 1 January of
    FIRST_YEAR; None for a zone that is UTC all along."""
    zone = ZoneInfo(tzid)
    initial = _state(zone, int(dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.UTC).timestamp()))
    changes = _transitions(zone)
    if not changes and initial[0] == dt.timedelta(0):
        return None
    first = dt.datetime(FIRST_YEAR, 1, 1)
    out = [("DAYLIGHT" if initial[1] else "STANDARD", initial[0], initial, "BYMONTH=1;BYMONTHDAY=1", [first], False)]
    runs: dict[tuple, list[list[dt.datetime]]] = {}
    for moment, before, after in changes:
        onset = (moment + before[0]).replace(tzinfo=None)  # the local time before the change
        month, byday = _rule(onset)
        key = ("DAYLIGHT" if after[1] else "STANDARD", before[0], after, onset.time(), f"BYMONTH={month};BYDAY={byday}")
        years = runs.setdefault(key, [])
        if years and years[-1][-1].year == onset.year - 1:
            years[-1].append(onset)
        else:
            years.append([onset])
    for (kind, before, after, _, by), found in runs.items():
        out += [(kind, before, after, by, run, len(run) > 1 and run[-1].year == LAST_YEAR) for run in found]
    return out


def zone_is_utc(tzid: str) -> bool:
    """Whether a zone is at offset zero with no change: its times are written in UTC, with `Z`."""
    return _runs(tzid) is None


@lru_cache(maxsize=32)
def timezone_lines(tzid: str, since: int = FIRST_YEAR) -> tuple[bytes, ...] | None:
    """The folded VTIMEZONE lines for a zone from the year `since` on, or None when the zone is UTC all along.

    Each observance is a STANDARD or DAYLIGHT whose DTSTART is its first onset in the local
    time before it (RFC 5545 3.6.5: 02:00 when clocks go forward in Copenhagen, 03:00 when
    back), and whose onsets are one yearly RRULE with the month and the weekday
    (`BYMONTH=10;BYDAY=-1SU`): never RDATE, which Outlook does not read (it keeps only
    TZID, DTSTART, RRULE, TZOFFSETFROM and TZOFFSETTO, MS-STANOICAL 2.2.47, and wants a
    BYDAY or BYMONTHDAY in each RRULE, MS-OXCICAL 2.1.3.1.1.19.2.2). The rules still in force
    in LAST_YEAR have no end, as later years need; a rule of the past ends with COUNT, not
    UNTIL: UNTIL would be in UTC (RFC 5545 3.3.10), and python-dateutil and what is built on
    it (icalendar's to_tz, ical, so Home Assistant) refuse a UTC UNTIL with a local DTSTART.
    Only the observances in force from 1 January of `since` on are written (the calendar's
    first timed event gives it), so a calendar of today's meetings in Copenhagen has two,
    one DAYLIGHT and one STANDARD, as Outlook writes them itself.
    A zone at offset zero with no change is written as UTC (times with `Z`, no VTIMEZONE).
    """
    runs = _runs(tzid)
    if runs is None:
        return None
    start = dt.datetime(max(since, FIRST_YEAR), 1, 1)
    # the observance in force at the start: the one with the last onset before it
    before = [(onset, i) for i, run in enumerate(runs) for onset in run[4] if onset < start]
    in_force = max(before)[1] if before else None
    observances = []
    for i, (kind, offset_before, after, by, onsets, open_ended) in enumerate(runs):
        if not (open_ended or onsets[-1] >= start or i == in_force):
            continue
        rule = f"RRULE:FREQ=YEARLY;{by}" if open_ended else f"RRULE:FREQ=YEARLY;{by};COUNT={len(onsets)}"
        observances.append((onsets[0], _observance(kind, onsets[0], offset_before, after, rule)))
    lines = ["BEGIN:VTIMEZONE", f"TZID:{text(tzid)}"]
    for _, observance in sorted(observances, key=lambda o: o[0]):
        lines.extend(observance)
    lines.append("END:VTIMEZONE")
    return tuple(fold(line) for line in lines)
