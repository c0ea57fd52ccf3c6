"""`ensomhed calendar` as Outlook, Google and Apple import it: unique, stable UIDs, DTSTAMPs that
never go back, no empty events, a VTIMEZONE of RRULEs; read by two parsers (tests/calendar_parsers.py).

How DTSTAMP, LAST-MODIFIED and SEQUENCE follow the git history: tests/test_calendar_history.py."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from calendar_parsers import read_both
from conftest import BASE, PROJECT, write_repo
from ensomhed_cli.api import load
from ensomhed_cli.query.ical import MEETING_LENGTH, calendar, event_uid

MEETINGS = {
    "records/m/timed.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-10\nstart: 10:00\nend: 11:30\nstatus: planned\n",
    "records/m/no-end.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-11\nstart: 10:00\nstatus: planned\n",
    "records/m/spring.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-31\nstart: 01:30\nstatus: planned\n",
    "records/m/all-day.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-12\nstatus: held\n",
    "records/plans/p.yaml": (
        "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: active\nmilestones:\n"
        "  - {id: day, title: Dag, date: 2024-05-02}\n  - {id: month, title: Måned, date: 2024-02}\n"
        "  - {id: quarter, title: Kvartal, date: 2024-Q4}\n  - {id: year, title: År, date: 2025}\n"
        "  - {id: undated, title: Udateret}\n"
    ),
}


def run(cli, root) -> bytes:
    result = cli("calendar", "--root", root)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def by_summary(events: list[dict]) -> dict[str, dict]:
    return {e["summary"]: e for e in events}


def test_the_bundled_repository_imports_cleanly_and_the_same_every_time(cli, tmp_path):
    first = run(cli, PROJECT)
    target = tmp_path / "moeder.ics"
    assert cli("calendar", "--root", PROJECT, "-o", target).exit_code == 0
    assert target.read_bytes() == first  # UIDs and DTSTAMPs too: nothing from the clock
    events = read_both(first)
    assert len(events) == 8 + 1
    assert len({e["uid"] for e in events}) == len(events)
    assert all(e["end"] is not None and e["end"] > e["start"] for e in events)
    april = next(e for e in events if e["start"].startswith("2023-04-27"))
    assert (april["start"], april["end"]) == ("2023-04-27T14:00:00+02:00", "2023-04-27T16:00:00+02:00")
    assert april["uid"] == event_uid(None, "records/meetings/2023/2023-04-27-udsatteraadet.md", "meeting")
    [milestone] = [e for e in events if e["categories"] == ["Milepæl"]]
    assert (milestone["start"], milestone["end"]) == ("2015-12-02", "2015-12-03")
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen\r\n" in first
    assert b"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" in first


def test_meetings_and_milestones_are_never_empty(repo_factory, cli):
    events = read_both(run(cli, repo_factory(MEETINGS)))
    assert all(e["end"] is not None and e["end"] > e["start"] for e in events)
    day = {e["start"][:10]: e for e in events if "Møde" in e["categories"]}
    timed, no_end, spring, all_day = (day[d] for d in ("2024-01-10", "2024-01-11", "2024-03-31", "2024-01-12"))
    assert (timed["start"], timed["end"]) == ("2024-01-10T10:00:00+01:00", "2024-01-10T11:30:00+01:00")
    assert MEETING_LENGTH == dt.timedelta(hours=2)
    assert (no_end["start"], no_end["end"]) == ("2024-01-11T10:00:00+01:00", "2024-01-11T12:00:00+01:00")
    # two hours of real time across the change to summer time at 02:00
    assert (spring["start"], spring["end"]) == ("2024-03-31T01:30:00+01:00", "2024-03-31T04:30:00+02:00")
    assert (all_day["start"], all_day["end"]) == ("2024-01-12", "2024-01-13")


@pytest.mark.parametrize(
    "summary,start,end",
    [
        ("Dag (P)", "2024-05-02", "2024-05-03"),
        ("Måned (P)", "2024-02-01", "2024-03-01"),
        ("Kvartal (P)", "2024-10-01", "2025-01-01"),
        ("År (P)", "2025-01-01", "2026-01-01"),
    ],
)
def test_a_milestone_is_all_day_and_spans_its_period(repo_factory, cli, summary, start, end):
    events = by_summary(read_both(run(cli, repo_factory(MEETINGS))))
    assert (events[summary]["start"], events[summary]["end"]) == (start, end)
    assert "Udateret (P)" not in events  # no date, no day invented


def calendar_of(root) -> list[dict]:
    repo, diagnostics = load(root)
    assert [d for d in diagnostics if d.severity == "error"] == []
    return read_both(calendar(repo))


def test_uids_are_unique_across_plans_and_municipalities(tmp_path):
    # Plan a-b's milestone c and plan a's milestone b-c were both `milestone-a-b-c@ensomhed`.
    plans = {
        "records/plans/a-b.yaml": "kind: plan\ntitle: AB\nowner: aeldreraadet\nstatus: active\nmilestones:\n  - {id: c, title: C, date: 2024-05-01}\n",
        "records/plans/a.yaml": "kind: plan\ntitle: A\nowner: aeldreraadet\nstatus: active\nmilestones:\n  - {id: b-c, title: BC, date: 2024-05-01}\n",
        **MEETINGS,
    }
    files = {**BASE, **plans}
    hedensted = calendar_of(write_repo(tmp_path / "h", files, "municipality: Hedensted Kommune\n"))
    again = calendar_of(write_repo(tmp_path / "h2", files, "municipality: Hedensted Kommune\n"))
    stevns = calendar_of(write_repo(tmp_path / "s", files, "municipality: Stevns Kommune\n"))
    uids = [e["uid"] for e in hedensted]
    assert len(uids) == len(set(uids)) == 4 + 4 + 2
    assert [e["uid"] for e in again] == uids  # another folder, another clone: the same UIDs
    assert not set(uids) & {e["uid"] for e in stevns}


def test_outside_git_an_event_has_its_files_time(tmp_path):
    # no git repository around tmp_path: the files' modification times, which an edit moves on
    root = write_repo(tmp_path / "a", {**BASE, **MEETINGS})
    for n, path in enumerate(sorted((root / "records" / "m").iterdir())):
        os.utime(path, (1_700_000_000 + n, 1_700_000_000 + n))
    before = {e["uid"]: e for e in calendar_of(root)}
    timed = event_uid(None, "records/m/timed.yaml", "meeting")
    all_day = event_uid(None, "records/m/all-day.yaml", "meeting")
    assert before[all_day]["stamp"] == before[all_day]["modified"] == "2023-11-14T22:13:20+00:00"  # 1_700_000_000
    assert {e["sequence"] for e in before.values()} == {0}
    moved = root / "records" / "m" / "timed.yaml"
    moved.write_text(MEETINGS["records/m/timed.yaml"].replace("10:00", "09:00"), encoding="utf-8")
    os.utime(moved, (1_750_000_000, 1_750_000_000))
    after = {e["uid"]: e for e in calendar_of(root)}
    assert after[timed]["stamp"] == "2025-06-15T15:06:40+00:00" and after[timed]["start"].startswith("2024-01-10T09:00")
    assert {uid: e for uid, e in after.items() if uid != timed} == {uid: e for uid, e in before.items() if uid != timed}


def test_a_caller_may_fix_the_dtstamp(repo_factory):
    repo, _ = load(repo_factory(MEETINGS))
    stamp = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    events = read_both(calendar(repo, stamp))
    assert {(e["stamp"], e["modified"], e["sequence"]) for e in events} == {("2025-01-02T03:04:05+00:00", "2025-01-02T03:04:05+00:00", 0)}
