"""What a calendar event says: its lines built from a meeting's or a milestone's values.

One builder serves today's records (read from the index) and their earlier versions (read
from git, query/ical_history.py), so an event that did not change is built the same twice
and a change is a change of what a calendar program is told.

A calendar leaves the municipality's systems whatever it is made for: a subscribed one is
fetched by Google's or Microsoft's servers, an .ics file is forwarded. So closed text
(`::: lukket`) never goes into one; a note stands in its place (format/closed_text.py).
The committee's calendar (the default) lists a closed item by its title, as the agenda
does; a public one (`--public`) by its number and "Lukket punkt".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ensomhed_cli.format.closed_text import LEFT_OUT, without_closed
from ensomhed_cli.format.fieldtypes import first_day
from ensomhed_cli.query.ics import date_value, datetime_value, text, zone_is_utc

if TYPE_CHECKING:
    from ensomhed_cli.format.schema import Meeting, Plan

MEETING_STATUS = {"cancelled": "CANCELLED", "planned": "CONFIRMED", "held": "CONFIRMED"}
# A meeting that gives a start and no end: the meetings in the bundled records and in
# Stevns Kommune's minutes that state an end last 2 to 2 3/4 hours. A calendar program
# shows an event with no length as a line or not at all, so it gets the shorter of these.
MEETING_LENGTH = dt.timedelta(hours=2)
CLOSED_ITEM = "Lukket punkt"  # what a public calendar says in place of a closed item's title


@dataclass(frozen=True, slots=True)
class Event:
    """One VEVENT's content lines, unfolded, but for DTSTAMP, LAST-MODIFIED, SEQUENCE and UID:
    two events are equal when they tell a calendar program the same."""

    summary: str  # the SUMMARY line
    start: str  # the DTSTART line
    end: str  # the DTEND line
    rest: tuple[str, ...]  # CATEGORIES, DESCRIPTION, LOCATION, STATUS lines, those it has
    location: str | None
    status: str  # CONFIRMED or CANCELLED
    first: dt.date | dt.datetime  # the start, for the calendar's order and its VTIMEZONE

    @property
    def when_and_where(self) -> tuple:
        """What moves an event (RFC 5545 3.8.7.4): its time, its place, and its being cancelled."""
        return (self.start, self.end, self.location, self.status)


class EventBuilder:
    """Events in one time zone, for the public or for the committee."""

    def __init__(self, tzid: str, public: bool) -> None:
        self.tzid = tzid
        self.zone = ZoneInfo(tzid)
        self.utc = zone_is_utc(tzid)  # times carry Z and no VTIMEZONE is written
        self.param = f'"{tzid}"' if any(c in tzid for c in ',;:"') else tzid
        self.public = public

    @staticmethod
    def shown(value: str) -> str:
        """A record's text as a calendar holds it: closed text left out."""
        return without_closed(value, LEFT_OUT) if ":::" in value else value

    def moment(self, name: str, value: dt.date) -> str:
        if not isinstance(value, dt.datetime):
            return f"{name};VALUE=DATE:{date_value(value)}"
        if self.utc:
            return f"{name}:{datetime_value(value.astimezone(dt.UTC))}Z"
        return f"{name};TZID={self.param}:{datetime_value(value)}"

    def meeting_times(self, day: dt.date, start: dt.time | None, end: dt.time | None) -> tuple:
        """A meeting's first and last moment (local, aware), or its day and the next for an all-day event."""
        if start is None:
            return day, day + dt.timedelta(days=1)
        begins = dt.datetime.combine(day, start, tzinfo=self.zone)
        if end is not None and end > start:  # check requires it; never trust it into an empty event
            return begins, dt.datetime.combine(day, end, tzinfo=self.zone)
        # Two hours of real time, also across a change of clock.
        return begins, (begins.astimezone(dt.UTC) + MEETING_LENGTH).astimezone(self.zone)

    def meeting(self, title: str, body: str, day: dt.date, start: dt.time | None, end: dt.time | None,
                location: str | None, status: str, items: list[tuple]) -> Event:
        """A meeting: `title` its own or its body's name, `body` the body's name, `items` (number, title, closed)."""
        first, last = self.meeting_times(day, start, end)
        lines = [self.shown(body)] + [f"{number}. {CLOSED_ITEM if closed and self.public else self.shown(item)}" for number, item, closed in items]
        description = "\n".join(lines)
        place = self.shown(location) if location else None
        rest = [f"CATEGORIES:{text('Møde')},{text(self.shown(body))}", f"DESCRIPTION:{text(description)}"]
        if place:
            rest.append(f"LOCATION:{text(place)}")
        state = MEETING_STATUS[status]
        rest.append(f"STATUS:{state}")
        return Event(f"SUMMARY:{text(self.shown(title))}", self.moment("DTSTART", first), self.moment("DTEND", last),
                     tuple(rest), place, state, first)

    def milestone(self, title: str, plan_title: str, date: dt.date, description: str | None, status: str) -> Event:
        """A dated milestone: an all-day event over its day, or the days of its month, quarter or year."""
        last = dt.date(date.year, date.month, date.day) + dt.timedelta(days=1)
        rest = ["CATEGORIES:Milepæl"]
        if description:
            rest.append(f"DESCRIPTION:{text(self.shown(description))}")
        state = "CANCELLED" if status == "cancelled" else "CONFIRMED"
        rest.append(f"STATUS:{state}")
        summary = f"SUMMARY:{text(f'{self.shown(title)} ({self.shown(plan_title)})')}"
        return Event(summary, self.moment("DTSTART", first_day(date)), self.moment("DTEND", last), tuple(rest), None, state,
                     first_day(date))

    def of_meeting(self, meeting: Meeting, name) -> Event:
        """A meeting record's event; `name(id)` gives a body's name today."""
        body = name(meeting.body)
        items = [(item.number, item.title, item.closed) for item in meeting.items]
        return self.meeting(meeting.title or body, body, meeting.date, meeting.start, meeting.end, meeting.location,
                            meeting.status, items)

    def of_plan(self, plan: Plan) -> dict[str, Event]:
        """{`milestone ID`: event} of a plan record's dated milestones."""
        return {
            f"milestone {m.id}": self.milestone(m.title, plan.title, m.date, m.description, m.status)
            for m in plan.milestones
            if m.date is not None
        }
