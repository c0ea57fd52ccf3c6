"""The calendar's own RFC 5545 writer: the same events as icalendar's builder, safe text, valid lines."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, Timezone
from icalendar.timezone.tzid import tzid_from_tzinfo

from conftest import PROJECT
from ensomhed_cli.api import load
from ensomhed_cli.format.fieldtypes import first_day
from ensomhed_cli.query.ical import calendar, meeting_uid, milestone_uid
from ensomhed_cli.query.ics import fold, text, timezone_lines

NOW = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def reference_calendar(repo, now):
    """The builder the writer replaced (icalendar 7), kept as the reference."""
    zone = ZoneInfo(repo.config.timezone)
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
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
        event.add("summary", meeting.title or repo.name(meeting.body))
        if meeting.start:
            event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start, tzinfo=zone))
            if meeting.end:
                event.add("dtend", dt.datetime.combine(meeting.date, meeting.end, tzinfo=zone))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        if meeting.location:
            event.add("location", meeting.location)
        lines = [repo.name(meeting.body)] + [f"{item.number}. {item.title}" for item in meeting.items]
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
            event.add("dtstart", first_day(milestone.date))
            last = dt.date(milestone.date.year, milestone.date.month, milestone.date.day)
            event.add("dtend", last + dt.timedelta(days=1))
            event.add("status", "CANCELLED" if milestone.status == "cancelled" else "CONFIRMED")
            event.add("categories", ["Milepæl"])
            if milestone.description:
                event.add("description", milestone.description)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def components(data: bytes, *, calname_as_text: bool = False) -> list[tuple]:
    """Each component, in order, with its properties as icalendar parses them (value, parameters).

    icalendar reads and writes X-WR-CALNAME raw; the writer escapes it as TEXT (the default type
    of an X- property in RFC 5545, and the old builder crashed on a line break in it), so
    `calname_as_text` unescapes it before comparing.
    """

    def value(k, v):
        if isinstance(v, list):
            return [value(k, x) for x in v]
        raw = v.to_ical()
        if calname_as_text and k == "X-WR-CALNAME":
            raw = unescape(raw.decode("utf-8")).encode("utf-8")
        return (raw, sorted(v.params.items()))

    return [(c.name, [(k, value(k, v)) for k, v in c.items()]) for c in Calendar.from_ical(data).walk()]


def assert_same_components(new: bytes, old: bytes) -> None:
    mine, theirs = components(new, calname_as_text=True), components(old)
    assert [c[0] for c in mine] == [c[0] for c in theirs]
    for a, b in zip(mine, theirs, strict=True):
        assert a == b


def unescape(value: str) -> str:
    r"""RFC 5545 TEXT unescaping (icalendar's parser turns `\\n` into `\` and a newline)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def assert_valid_lines(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character


# --- hostile text ------------------------------------------------------------------------------

# 65 ASCII characters after "SUMMARY:" put the two octets of "æ" across the 74th octet.
DANISH = "a" * 65 + "æøå " + "Ældre mødes på plejecenteret, får kaffe; og går hjem igen. " * 3
EMOJI = "b" * 64 + "🙂🙂 Fællesspisning 🍲 for ensomme ældre 👵🏽👴🏻 hver torsdag i salen"
HOSTILE = {
    "title": "Møde, om; ting \\ og C:\\temp\\x — linje\ntoende\r\ntredje\rfjerde",
    "location": "Rådhuset; lokale 4, 2. sal \\ bag ved\nkantinen",
    "body": "Ældre-, social- og sundhedsrådet; Syd",
    "item": "Budget, 2025; ændringer \\ forslag\nmed ny linje",
    "milestone": "Milepæl, første; \\ trin\r\nto",
    "description": "Beskrivelse, med; tegn \\ og\nlinjer\r\nog CR\r" + DANISH,
    "municipality": "Kommune, Syd; Øst \\ Vest",
    "plan": "Plan; 2024, ny",
}


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON is one)."""
    return json.dumps(value, ensure_ascii=False)


def hostile_files(*, timed: bool = True) -> dict[str, str]:
    times = "start: 10:00\nend: 12:30\n" if timed else ""
    return {
        "records/bodies/raad.yaml": f"kind: body\nname: {q(HOSTILE['body'])}\ntype: advisory_council\n",
        "records/m1.yaml": (
            f"kind: meeting\nbody: raad\ndate: 2024-03-31\n{times}status: planned\n"
            f"title: {q(HOSTILE['title'])}\nlocation: {q(HOSTILE['location'])}\n"
            f"items:\n  - title: {q(HOSTILE['item'])}\n  - title: {q(DANISH)}\n"
        ),
        "records/m2.yaml": f"kind: meeting\nbody: raad\ndate: 2024-10-27\nstatus: cancelled\ntitle: {q(DANISH)}\n",
        "records/m3.yaml": f"kind: meeting\nbody: aeldreraadet\ndate: 2024-06-01\nstatus: held\ntitle: {q(EMOJI)}\nlocation: {q(EMOJI)}\n",
        "records/plans/hostile.yaml": (
            f"kind: plan\ntitle: {q(HOSTILE['plan'])}\nowner: raad\nstatus: active\nmilestones:\n"
            f"  - id: m1\n    title: {q(HOSTILE['milestone'])}\n    date: 2024-Q2\n    description: {q(HOSTILE['description'])}\n"
            f"  - id: m2\n    title: {q(EMOJI)}\n    date: 2025-02\n    status: cancelled\n"
            "  - id: m3\n    title: Uden dato\n"
        ),
    }


def hostile_config(zone: str) -> str:
    return f"language: da\nmunicipality: {q(HOSTILE['municipality'])}\ntimezone: {zone}\n"


def lines(value: str) -> str:
    """What a TEXT value reads back as: CRLF and a lone CR are line breaks too."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def loaded(root):
    repo, diagnostics = load(root)
    assert [d for d in diagnostics if d.severity == "error"] == []
    return repo


def test_the_bundled_example_parses_as_the_old_builder():
    repo = loaded(PROJECT)
    new = calendar(repo, NOW)
    assert len(Calendar.from_ical(new).walk("VEVENT")) == 8 + 1
    assert_same_components(new, reference_calendar(repo, NOW))
    assert_valid_lines(new)


@pytest.mark.parametrize(
    "zone,timed",
    [
        ("Europe/Copenhagen", True),
        ("Europe/Copenhagen", False),
        ("UTC", True),
        ("Africa/Abidjan", True),
        ("America/St_Johns", True),
        ("Australia/Lord_Howe", True),
        ("Asia/Kolkata", True),
    ],
    ids=["copenhagen", "all_day_only", "utc", "abidjan", "st_johns", "lord_howe", "kolkata"],
)
def test_hostile_text_parses_as_the_old_builder(repo_factory, zone, timed):
    repo = loaded(repo_factory(hostile_files(timed=timed), config=hostile_config(zone)))
    new = calendar(repo, NOW)
    assert_same_components(new, reference_calendar(repo, NOW))
    assert_valid_lines(new)
    assert (b"BEGIN:VTIMEZONE" in new) == (timed and zone not in ("UTC", "Africa/Abidjan"))


def test_hostile_text_comes_back_exactly(repo_factory):
    repo = loaded(repo_factory(hostile_files(), config=hostile_config("Europe/Copenhagen")))
    cal = Calendar.from_ical(calendar(repo, NOW))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 3 + 2
    m1 = events["meeting-m1@ensomhed"]
    assert str(m1["SUMMARY"]) == lines(HOSTILE["title"])
    assert str(m1["LOCATION"]) == lines(HOSTILE["location"])
    assert str(m1["DESCRIPTION"]) == f"{HOSTILE['body']}\n1. {lines(HOSTILE['item'])}\n2. {DANISH}"
    assert [str(c) for c in m1["CATEGORIES"].cats] == ["Møde", HOSTILE["body"]]
    assert m1.decoded("DTSTART") == dt.datetime(2024, 3, 31, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert m1.decoded("DTEND").isoformat() == "2024-03-31T12:30:00+02:00"
    assert str(events["meeting-m2@ensomhed"]["SUMMARY"]) == DANISH
    assert str(events["meeting-m2@ensomhed"]["STATUS"]) == "CANCELLED"
    assert str(events["meeting-m3@ensomhed"]["SUMMARY"]) == EMOJI
    milestone = events["milestone-hostile-m1@ensomhed"]
    assert str(milestone["SUMMARY"]) == f"{lines(HOSTILE['milestone'])} ({HOSTILE['plan']})"
    assert str(milestone["DESCRIPTION"]) == lines(HOSTILE["description"])
    assert (milestone.decoded("DTSTART"), milestone.decoded("DTEND")) == (dt.date(2024, 4, 1), dt.date(2024, 7, 1))
    [calname] = [line for line in unfold(calendar(repo, NOW)) if line.startswith("X-WR-CALNAME:")]
    assert unescape(calname.removeprefix("X-WR-CALNAME:")) == f"{HOSTILE['municipality']}: møder og milepæle"


def test_a_fold_falls_before_a_character_not_inside_it(repo_factory):
    repo = loaded(repo_factory(hostile_files(), config=hostile_config("Europe/Copenhagen")))
    data = calendar(repo, NOW)
    physical = data.split(b"\r\n")
    danish = physical.index(b"SUMMARY:" + b"a" * 65)  # 73 octets: "æ" would have crossed the 74th
    assert physical[danish + 1].startswith(" æøå Ældre".encode())
    emoji = physical.index(b"SUMMARY:" + b"b" * 64)  # 72 octets: the 4-octet emoji moves on whole
    assert physical[emoji + 1].startswith(" 🙂🙂".encode())
    assert sum(1 for line in physical if line.startswith(b" ")) > 10


INJECTIONS = [
    "x\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nSUMMARY:evil\r\nEND:VEVENT",
    "x\nEND:VEVENT\nEND:VCALENDAR\nBEGIN:VCALENDAR",
    "x\rDTSTART:19990101T000000Z\rSTATUS:CANCELLED",
    "x\r\n LOCATION:folded in",
    "x;TZID=Evil:20240101T000000,more:ok",
]


@pytest.mark.parametrize("hostile", INJECTIONS, ids=["vevent_crlf", "end_lf", "properties_cr", "fold", "params"])
def test_record_text_never_injects_a_property_or_component(repo_factory, hostile):
    files = {
        "records/bodies/raad.yaml": f"kind: body\nname: {q(hostile)}\ntype: advisory_council\n",
        "records/m1.yaml": (
            f"kind: meeting\nbody: raad\ndate: 2024-03-04\nstart: 10:00\nstatus: held\n"
            f"title: {q(hostile)}\nlocation: {q(hostile)}\nitems:\n  - title: {q(hostile)}\n"
        ),
        "records/plans/p.yaml": (
            f"kind: plan\ntitle: {q(hostile)}\nowner: raad\nstatus: active\nmilestones:\n"
            f"  - id: a\n    title: {q(hostile)}\n    date: 2024-05-01\n    description: {q(hostile)}\n"
        ),
    }
    repo = loaded(repo_factory(files, config=f"language: da\nmunicipality: {q(hostile)}\n"))
    data = calendar(repo, NOW)
    assert_valid_lines(data)
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["meeting-m1@ensomhed", "milestone-p-a@ensomhed"]
    assert [c.name for c in cal.walk()] == ["VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "STANDARD", "VEVENT", "VEVENT"]
    names = ["SUMMARY", "DTSTART", "DTSTAMP", "UID", "CATEGORIES", "DESCRIPTION", "LOCATION", "STATUS"]
    assert list(events[0]) == names
    assert list(events[1]) == ["SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "CATEGORIES", "DESCRIPTION", "STATUS"]
    assert events[0].decoded("DTSTART").isoformat() == "2024-03-04T10:00:00+01:00"
    assert str(events[0]["STATUS"]) == "CONFIRMED" and str(events[1]["STATUS"]) == "CONFIRMED"
    starts = [line for line in unfold(data) if line.startswith(("BEGIN:", "END:"))]
    assert starts.count("BEGIN:VEVENT") == 2 and starts.count("BEGIN:VCALENDAR") == 1


def test_a_backslash_n_in_record_text_stays_a_backslash_n(repo_factory):
    # icalendar's builder turned the two characters `\N` into a line break; the writer keeps them.
    title = "Drev C:\\New\\notes og \\N"
    repo = loaded(repo_factory({"records/m.yaml": f"kind: meeting\nbody: aeldreraadet\ndate: 2024-01-10\nstatus: planned\ntitle: {q(title)}\n"}))
    [summary] = [line for line in unfold(calendar(repo, NOW)) if line.startswith("SUMMARY:")]
    assert summary == "SUMMARY:Drev C:\\\\New\\\\notes og \\\\N"
    assert unescape(summary.removeprefix("SUMMARY:")) == title


# --- the pieces -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400), st.sampled_from(["SUMMARY", "X-WR-CALNAME", "A"]))
def test_any_text_folds_into_valid_lines_and_unfolds_to_itself(value, name):
    line = fold(f"{name}:{text(value)}")
    assert_valid_lines(line + b"\r\n")
    unfolded = line.decode("utf-8").replace("\r\n ", "")
    assert "\r" not in unfolded and "\n" not in unfolded
    assert unescape(unfolded.removeprefix(f"{name}:")) == lines(value)


@pytest.mark.parametrize(
    "value,folded",
    [
        ("a" * 74, b"a" * 74),
        ("a" * 75, b"a" * 74 + b"\r\n a"),
        ("a" * 148, b"a" * 74 + b"\r\n " + b"a" * 74),
        ("a" * 73 + "æ", b"a" * 73 + "\r\n æ".encode()),
        ("a" * 72 + "æ" + "b", b"a" * 72 + "æ".encode() + b"\r\n b"),
        ("a" * 71 + "🙂b", b"a" * 71 + "\r\n 🙂b".encode()),
        ("a" * 73 + "\\,b", b"a" * 73 + b"\r\n \\,b"),
        ("a" * 74 + "b", b"a" * 74 + b"\r\n b"),
    ],
    ids=["fits", "one_over", "two_lines", "two_octets", "two_octets_fit", "four_octets", "escape_kept_whole", "plain"],
)
def test_fold_cuts(value, folded):
    assert fold(value) == folded


ZONES = ["Europe/Copenhagen", "Europe/Dublin", "America/New_York", "America/St_Johns", "Australia/Lord_Howe", "Pacific/Apia",
         "Africa/Casablanca", "Asia/Tokyo", "Asia/Kathmandu", "Etc/GMT-1", "UTC", "Iceland", "Europe/London", "Antarctica/Troll"]


@pytest.mark.parametrize("zone", ZONES, ids=[z.replace("/", "_").replace("-", "_") for z in ZONES])
def test_the_vtimezone_is_icalendars(zone):
    mine = timezone_lines(zone)
    if tzid_from_tzinfo(ZoneInfo(zone)) == "UTC":
        assert mine is None
    else:
        assert b"\r\n".join(mine) + b"\r\n" == Timezone.from_tzid(zone).to_ical()


def test_the_calendar_does_not_import_icalendar():
    code = (
        "import sys, pathlib\n"
        "from ensomhed_cli.api import load\n"
        "from ensomhed_cli.query.ical import calendar\n"
        f"data = calendar(load(pathlib.Path({str(PROJECT)!r}))[0])\n"
        "assert data.count(b'BEGIN:VEVENT') == 9, data\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'icalendar'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (0, "[]\n"), proc.stderr


def test_the_bundled_example_is_byte_for_byte_what_icalendar_wrote():
    # Subscribed calendars see no change. If a new icalendar release changes how it writes
    # (the parsed comparisons above still pass), this is the test to update, not the writer.
    repo = loaded(PROJECT)
    assert calendar(repo, NOW) == reference_calendar(repo, NOW)


def test_a_long_uid_is_folded_and_reads_back_whole(repo_factory):
    slug = "moede-" + "-".join(["aeldreraadet"] * 8)
    files = {
        f"records/{slug}.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-10\nstatus: planned\n",
        "records/plans/p.yaml": f"kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: active\nmilestones:\n  - id: {slug}\n    title: M\n    date: 2024-05\n",
    }
    data = calendar(loaded(repo_factory(files)), NOW)
    assert_valid_lines(data)
    uids = [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert uids == [meeting_uid(slug), milestone_uid("p", slug)]
