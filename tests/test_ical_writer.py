"""The calendar's own RFC 5545 writer: safe text, valid lines, a VTIMEZONE that gives the zone's offsets.

Every calendar is read back by two independent parsers (tests/calendar_parsers.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import uuid
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calendar_parsers import assert_valid_lines, read_both, zones_of_both
from conftest import PROJECT
from ensomhed_cli.api import load
from ensomhed_cli.query.ical import UID_NAMESPACE, calendar, event_uid
from ensomhed_cli.query.ics import fold, text, timezone_lines

STAMP = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def unescape(value: str) -> str:
    r"""RFC 5545 TEXT unescaping (icalendar's parser turns `\\n` into `\` and a newline)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


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


def uid(path: str, event: str = "meeting", municipality: str | None = None) -> str:
    return event_uid(municipality, path, event)


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
def test_hostile_text_reads_the_same_in_both_parsers(repo_factory, zone, timed):
    repo = loaded(repo_factory(hostile_files(timed=timed), config=hostile_config(zone)))
    data = calendar(repo)
    events = read_both(data)
    assert len(events) == 3 + 2
    assert (b"BEGIN:VTIMEZONE" in data) == (timed and zone not in ("UTC", "Africa/Abidjan"))
    if timed:
        local = ZoneInfo(zone)
        assert events[0]["start"] == dt.datetime(2024, 3, 31, 10, 0, tzinfo=local).isoformat()
        assert events[0]["end"] == dt.datetime(2024, 3, 31, 12, 30, tzinfo=local).isoformat()


def test_hostile_text_comes_back_exactly(repo_factory):
    repo = loaded(repo_factory(hostile_files(), config=hostile_config("Europe/Copenhagen")))
    data = calendar(repo)
    events = {e["uid"]: e for e in read_both(data)}
    municipality = HOSTILE["municipality"]
    m1 = events[uid("records/m1.yaml", municipality=municipality)]
    assert m1["summary"] == lines(HOSTILE["title"])
    assert m1["location"] == lines(HOSTILE["location"])
    assert m1["description"] == f"{HOSTILE['body']}\n1. {lines(HOSTILE['item'])}\n2. {DANISH}"
    assert m1["categories"] == ["Møde", HOSTILE["body"]]
    assert (m1["start"], m1["end"]) == ("2024-03-31T10:00:00+02:00", "2024-03-31T12:30:00+02:00")
    m2 = events[uid("records/m2.yaml", municipality=municipality)]
    assert (m2["summary"], m2["status"]) == (DANISH, "CANCELLED")
    assert events[uid("records/m3.yaml", municipality=municipality)]["summary"] == EMOJI
    milestone = events[uid("records/plans/hostile.yaml", "milestone m1", municipality)]
    assert milestone["summary"] == f"{lines(HOSTILE['milestone'])} ({HOSTILE['plan']})"
    assert milestone["description"] == lines(HOSTILE["description"])
    assert (milestone["start"], milestone["end"]) == ("2024-04-01", "2024-07-01")  # the second quarter
    [calname] = [line for line in unfold(data) if line.startswith("X-WR-CALNAME:")]
    assert unescape(calname.removeprefix("X-WR-CALNAME:")) == f"{municipality}: møder og milepæle"


def test_a_fold_falls_before_a_character_not_inside_it(repo_factory):
    repo = loaded(repo_factory(hostile_files(), config=hostile_config("Europe/Copenhagen")))
    data = calendar(repo)
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
    data = calendar(repo)
    assert_valid_lines(data)
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [uid("records/m1.yaml", municipality=hostile), uid("records/plans/p.yaml", "milestone a", hostile)]
    # the rules in force in 2024, the year of the first timed meeting: one DAYLIGHT, one STANDARD
    assert [c.name for c in cal.walk()] == ["VCALENDAR", "VTIMEZONE", "DAYLIGHT", "STANDARD", "VEVENT", "VEVENT"]
    names = ["SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "CATEGORIES", "DESCRIPTION", "LAST-MODIFIED", "LOCATION", "SEQUENCE", "STATUS"]
    assert list(events[0]) == names
    assert list(events[1]) == [name for name in names if name != "LOCATION"]
    assert events[0].decoded("DTSTART").isoformat() == "2024-03-04T10:00:00+01:00"
    assert str(events[0]["STATUS"]) == "CONFIRMED" and str(events[1]["STATUS"]) == "CONFIRMED"
    assert len(read_both(data)) == 2
    starts = [line for line in unfold(data) if line.startswith(("BEGIN:", "END:"))]
    assert starts.count("BEGIN:VEVENT") == 2 and starts.count("BEGIN:VCALENDAR") == 1


def test_a_backslash_n_in_record_text_stays_a_backslash_n(repo_factory):
    # icalendar's builder turned the two characters `\N` into a line break; the writer keeps them.
    title = "Drev C:\\New\\notes og \\N"
    repo = loaded(repo_factory({"records/m.yaml": f"kind: meeting\nbody: aeldreraadet\ndate: 2024-01-10\nstatus: planned\ntitle: {q(title)}\n"}))
    [summary] = [line for line in unfold(calendar(repo)) if line.startswith("SUMMARY:")]
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
         "Africa/Casablanca", "Asia/Tokyo", "Asia/Kathmandu", "Etc/GMT-1", "Europe/London", "Antarctica/Troll"]


def moments(zone: ZoneInfo) -> list[dt.datetime]:
    """Local times to ask a zone about: every 9 days from 1970 to 2037 (beyond, the rule in force
    then goes on, which a zone like Casablanca's does not keep), and an hour each side of every
    change of offset; never a time that a change makes twice or skips."""
    start = dt.datetime(1970, 1, 1, 12, tzinfo=dt.UTC)
    found = [start + dt.timedelta(days=9 * n) for n in range(68 * 365 // 9)]
    changes = [a for a, b in zip(found, found[1:], strict=False) if a.astimezone(zone).utcoffset() != b.astimezone(zone).utcoffset()]
    for a in changes:
        moment = a
        while moment.astimezone(zone).utcoffset() == a.astimezone(zone).utcoffset():
            moment += dt.timedelta(minutes=30)
        found += [moment - dt.timedelta(hours=2), moment + dt.timedelta(hours=1)]
    local = [m.astimezone(zone).replace(tzinfo=None, fold=0) for m in found]
    return [m for m in local if m.replace(tzinfo=zone).utcoffset() == m.replace(tzinfo=zone, fold=1).utcoffset()
            and m.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == m]


@pytest.mark.parametrize("zone", ZONES, ids=[z.replace("/", "_").replace("-", "_") for z in ZONES])
def test_the_vtimezone_gives_the_zones_offsets_in_both_parsers(zone):
    # Each parser builds the zone from the VTIMEZONE's rules alone, never from its own tz database.
    vtimezone = b"\r\n".join(timezone_lines(zone))
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n" + vtimezone + b"\r\nEND:VCALENDAR\r\n"
    assert_valid_lines(data)
    [(tzid, icalendars, icals)] = zones_of_both(data)
    assert tzid == zone
    local = ZoneInfo(zone)
    wrong = [
        (m, m.replace(tzinfo=local).utcoffset(), m.replace(tzinfo=icalendars).utcoffset(), m.replace(tzinfo=icals).utcoffset())
        for m in moments(local)
        if not m.replace(tzinfo=local).utcoffset() == m.replace(tzinfo=icalendars).utcoffset() == m.replace(tzinfo=icals).utcoffset()
    ]
    assert wrong == []


def unfolded_zone(zone: str, since: int | None = None) -> list[str]:
    found = timezone_lines(zone) if since is None else timezone_lines(zone, since)
    return b"\r\n".join(found).decode().replace("\r\n ", "").split("\r\n")


def test_copenhagen_since_1970_is_rrules_only():
    # Outlook reads RRULE and never RDATE (MS-STANOICAL 2.2.47), and wants BYDAY or BYMONTHDAY in it
    unfolded = unfolded_zone("Europe/Copenhagen")
    rules = [(unfolded[i - 1], unfolded[i]) for i, line in enumerate(unfolded) if line.startswith("RRULE:")]
    assert rules == [
        ("DTSTART:19700101T000000", "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;COUNT=1"),  # standard time before any change
        ("DTSTART:19800406T020000", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;COUNT=1"),  # the first summer time
        ("DTSTART:19800928T030000", "RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU;COUNT=16"),  # 1980 to 1995 it ended in September
        ("DTSTART:19810329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),  # at 02:00, the time before the change
        ("DTSTART:19961027T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
    ]
    assert [line for line in unfolded if line.startswith(("RDATE", "EXDATE")) or "UNTIL" in line] == []
    assert unfolded.count("BEGIN:STANDARD") + unfolded.count("BEGIN:DAYLIGHT") == len(rules)


def test_copenhagen_of_todays_meetings_is_one_daylight_and_one_standard():
    # what Outlook writes itself, and all it keeps of any VTIMEZONE: one rule each way
    unfolded = unfolded_zone("Europe/Copenhagen", 2015)
    assert unfolded == [
        "BEGIN:VTIMEZONE", "TZID:Europe/Copenhagen",
        "BEGIN:DAYLIGHT", "DTSTART:19810329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZNAME:CEST",
        "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
        "BEGIN:STANDARD", "DTSTART:19961027T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZNAME:CET",
        "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
        "END:VTIMEZONE",
    ]
    [(_, icalendars, icals)] = zones_of_both(b"BEGIN:VCALENDAR\r\n" + "\r\n".join(unfolded).encode() + b"\r\nEND:VCALENDAR\r\n")
    for moment, offset in [(dt.datetime(2015, 1, 5, 12), 1), (dt.datetime(2024, 3, 31, 1, 30), 1), (dt.datetime(2024, 3, 31, 3, 30), 2),
                           (dt.datetime(2150, 3, 31, 12), 2), (dt.datetime(2150, 10, 25, 12), 1), (dt.datetime(2150, 10, 26, 12), 1)]:
        assert moment.replace(tzinfo=icalendars).utcoffset() == moment.replace(tzinfo=icals).utcoffset() == dt.timedelta(hours=offset)


@pytest.mark.parametrize("since", [1990, 2008])
@pytest.mark.parametrize("zone", ZONES, ids=[z.replace("/", "_").replace("-", "_") for z in ZONES])
def test_a_vtimezone_from_a_year_on_gives_the_offsets_from_then(zone, since):
    vtimezone = b"\r\n".join(timezone_lines(zone, since))
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n" + vtimezone + b"\r\nEND:VCALENDAR\r\n"
    assert_valid_lines(data)
    assert b"RDATE" not in data
    [(_, icalendars, icals)] = zones_of_both(data)
    local = ZoneInfo(zone)
    wrong = [
        m for m in moments(local)
        if m.year >= since
        and not m.replace(tzinfo=local).utcoffset() == m.replace(tzinfo=icalendars).utcoffset() == m.replace(tzinfo=icals).utcoffset()
    ]
    assert wrong == []


@pytest.mark.parametrize("zone", ["UTC", "Africa/Abidjan", "Etc/GMT"])
def test_a_zone_that_is_utc_all_along_has_no_vtimezone(zone):
    assert timezone_lines(zone) is None


def test_the_calendar_does_not_import_icalendar():
    code = (
        "import sys, pathlib\n"
        "from ensomhed_cli.api import load\n"
        "from ensomhed_cli.query.ical import calendar\n"
        f"data = calendar(load(pathlib.Path({str(PROJECT)!r}))[0])\n"
        "assert data.count(b'BEGIN:VEVENT') == 9, data\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('icalendar', 'ical', 'dateutil')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (0, "[]\n"), proc.stderr


def test_a_hostile_path_makes_a_plain_uid(repo_factory):
    # A file name may hold what a UID line must not; the UID is a UUID of it, nothing to escape.
    name = "records/møde, 1; \\ " + "lang-" * 20 + ".yaml"
    files = {name: "kind: meeting\nid: m\nbody: aeldreraadet\ndate: 2024-01-10\nstatus: planned\n"}
    data = calendar(loaded(repo_factory(files)))
    [event] = read_both(data)
    assert event["uid"] == uid(name)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", event["uid"])


@pytest.mark.parametrize("municipality", [None, "Hedensted Kommune", "Kommune, Syd; Øst \\ Vest\n🙂"])
@pytest.mark.parametrize("path", ["records/m.yaml", "records/møde, 1; \\ x\r\ny.yaml"])
def test_a_uid_is_rfc_4122_uuid5(municipality, path):
    name = "\x00".join([municipality or "", path, "meeting"])
    assert event_uid(municipality, path, "meeting") == str(uuid.uuid5(UID_NAMESPACE, name))
