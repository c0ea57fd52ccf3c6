"""Meetings and dated milestones as an iCalendar file.

UIDs are derived from record ids, so a calendar that subscribes to the file updates
its events when the records change instead of adding duplicates. Times are in the
repository's time zone (Europe/Copenhagen by default), with a VTIMEZONE included.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.fieldtypes import first_day

UID_DOMAIN = "ensomhed"


def meeting_uid(meeting_id: str) -> str:
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


def milestone_uid(plan_id: str, milestone_id: str) -> str:
    return f"milestone-{plan_id}-{milestone_id}@{UID_DOMAIN}"


def calendar(repo: Repository, now: dt.datetime | None = None) -> bytes:
    from icalendar import Calendar, Event

    zone = ZoneInfo(repo.config.timezone)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//ensomhed//ensomhed records//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = repo.config.municipality or "ensomhed"
    cal.add("x-wr-calname", f"{name}: møder og milepæle")
    cal.add("x-wr-timezone", repo.config.timezone)
    for meeting in repo.meetings:
        event = Event()
        event.add("uid", meeting_uid(meeting.id))
        event.add("dtstamp", stamp)
        title = meeting.title or repo.name(meeting.body)
        event.add("summary", title)
        if meeting.start:
            start = dt.datetime.combine(meeting.date, meeting.start, tzinfo=zone)
            event.add("dtstart", start)
            if meeting.end:
                event.add("dtend", dt.datetime.combine(meeting.date, meeting.end, tzinfo=zone))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        if meeting.location:
            event.add("location", meeting.location)
        lines = [repo.name(meeting.body)]
        lines += [f"{item.number}. {item.title}" for item in meeting.items]
        event.add("description", "\n".join(lines))
        event.add("status", {"cancelled": "CANCELLED", "planned": "CONFIRMED", "held": "CONFIRMED"}[meeting.status])
        event.add("categories", ["Møde", repo.name(meeting.body)])
        cal.add_component(event)
    for plan in sorted(repo.plans, key=lambda p: p.id):
        for milestone in plan.milestones:
            if milestone.date is None:
                continue
            event = Event()
            event.add("uid", milestone_uid(plan.id, milestone.id))
            event.add("dtstamp", stamp)
            event.add("summary", f"{milestone.title} ({plan.title})")
            # A month, quarter or year spans its days; no day is invented.
            event.add("dtstart", first_day(milestone.date))
            event.add("dtend", dt.date(milestone.date.year, milestone.date.month, milestone.date.day) + dt.timedelta(days=1))
            event.add("status", "CANCELLED" if milestone.status == "cancelled" else "CONFIRMED")
            event.add("categories", ["Milepæl"])
            if milestone.description:
                event.add("description", milestone.description)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
