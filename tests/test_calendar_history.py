"""DTSTAMP, LAST-MODIFIED and SEQUENCE from the git history of the records (query/ical_history.py).

Real git repositories in tmp_path, with commits at set times; every calendar is read back by
both parsers (tests/calendar_parsers.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from calendar_parsers import read_both
from conftest import BASE, GIT_ENV, write_repo
from ensomhed_cli import gitrepo
from ensomhed_cli.api import load
from ensomhed_cli.query.ical import calendar, event_uid

M = "records/meetings/2024-03-04-raadet.yaml"
PLAN = "records/plans/plan.yaml"
RAADET = "kind: body\nname: Rådet\ntype: advisory_council\n"
MEETING = """\
kind: meeting
body: raadet
date: 2024-03-04
start: 10:00
end: 18:00
location: Rådhuset
status: planned
items:
  - title: Budget
    description: Forvaltningen fremlægger budgettet.
"""
MILESTONES = """\
kind: plan
title: Ensomhedsplan 2024-2027
owner: aeldreraadet
status: active
milestones:
  - {id: start, title: Start, date: 2024-05-01}
  - {id: slut, title: Evaluering, date: 2024-Q4}
"""
T1, T2, T3, T4, T5 = (f"2024-0{n}-01T10:00:00+00:00" for n in range(1, 6))


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = GIT_ENV if when is None else {**GIT_ENV, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def commit(root: Path, when: str, message: str = "ændring") -> None:
    git(root, "add", "-A", "records")
    git(root, "commit", "-q", "--allow-empty", "-m", message, when=when)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A committee's meeting and a plan's milestones, committed at T1."""
    root = write_repo(tmp_path / "repo", {**BASE, "records/bodies/raadet.yaml": RAADET, M: MEETING, PLAN: MILESTONES})
    git(root, "init", "-q", "-b", "main")
    commit(root, T1, "første udgave")
    return root


def events(root: Path, **options) -> dict[str, dict]:
    loaded, diagnostics = load(root)
    assert [d for d in diagnostics if d.severity == "error"] == []
    return {e["uid"]: e for e in read_both(calendar(loaded, **options))}


def meeting(root: Path, path: str = M, **options) -> dict:
    return events(root, **options)[event_uid(None, path, "meeting")]


def stamped(event: dict) -> tuple[str, int]:
    assert event["stamp"] == event["modified"]
    return event["stamp"], event["sequence"]


def test_a_new_event_is_sequence_0_at_its_commit(repo):
    found = events(repo)
    assert {stamped(e) for e in found.values()} == {(T1, 0)}
    assert len(found) == 1 + 2


def test_moving_a_meeting_raises_sequence_and_dtstamp(repo):
    edit(repo, M, "start: 10:00", "start: 13:00")
    commit(repo, T2, "flyttet en time")
    assert stamped(meeting(repo)) == (T2, 1)
    edit(repo, M, "location: Rådhuset", "location: Biblioteket")
    commit(repo, T3, "nyt sted")
    moved = meeting(repo)
    assert stamped(moved) == (T3, 2)
    assert (moved["start"], moved["location"]) == ("2024-03-04T13:00:00+01:00", "Biblioteket")


def test_a_change_of_what_the_event_says_raises_dtstamp_not_sequence(repo):
    edit(repo, M, "  - title: Budget\n", "  - title: Budget 2025\n")
    commit(repo, T2, "punktets titel")
    assert stamped(meeting(repo)) == (T2, 0)


def test_a_change_the_event_does_not_show_leaves_it_alone(repo):
    # an item's description, and a meeting held (planned and held are both CONFIRMED)
    edit(repo, M, "budgettet.", "budgettet for 2025.")
    commit(repo, T2, "sagsfremstilling")
    edit(repo, M, "status: planned", "status: held\nattendees: []")
    edit(repo, M, "budgettet for 2025.\n", "budgettet for 2025.\n    decision: Taget til efterretning.\n")
    commit(repo, T3, "referat")
    assert stamped(meeting(repo)) == (T1, 0)


def test_cancelling_is_a_change_of_sequence(repo):
    edit(repo, M, "status: planned", "status: cancelled")
    commit(repo, T2, "aflyst")
    cancelled = meeting(repo)
    assert stamped(cancelled) == (T2, 1) and cancelled["status"] == "CANCELLED"


def test_a_commit_dated_back_never_lowers_dtstamp(repo):
    edit(repo, M, "start: 10:00", "start: 13:00")
    commit(repo, T3, "flyttet")
    edit(repo, M, "start: 13:00", "start: 14:00")
    commit(repo, T2, "flyttet igen, med et ur der går bagud")  # dated before the commit above
    assert stamped(meeting(repo)) == (T3, 2)


def test_a_rebase_that_dates_a_change_back_keeps_dtstamp(repo):
    edit(repo, M, "location: Rådhuset", "location: Biblioteket")
    commit(repo, T4, "nyt sted")
    before = stamped(meeting(repo))
    # the same change made again on a branch whose commit is older, and the branch taken instead
    git(repo, "checkout", "-q", "-b", "ny", "HEAD~1")
    edit(repo, M, "  - title: Budget\n", "  - title: Budget 2025\n")
    commit(repo, T2, "punktets titel")
    git(repo, "rebase", "-q", "main", when=T2)  # the rebased commit keeps the old committer date
    assert stamped(meeting(repo)) == (T4, 1)
    assert before == (T4, 1)


def test_a_branch_merged_in_counts_as_one_change_at_its_merge(repo):
    git(repo, "checkout", "-q", "-b", "flyt")
    edit(repo, M, "start: 10:00", "start: 11:00")
    commit(repo, T2, "en time senere")
    edit(repo, M, "start: 11:00", "start: 12:00")
    commit(repo, T3, "to timer senere")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "flettet", "flyt", when=T4)
    assert stamped(meeting(repo)) == (T4, 1)


def test_each_milestone_follows_its_own_changes(repo):
    edit(repo, PLAN, "date: 2024-Q4", "date: 2025-Q1")
    commit(repo, T2, "evaluering udskudt")
    found = events(repo)
    assert stamped(found[event_uid(None, PLAN, "milestone slut")]) == (T2, 1)
    assert stamped(found[event_uid(None, PLAN, "milestone start")]) == (T1, 0)
    edit(repo, "records/plans/plan.yaml", "title: Ensomhedsplan 2024-2027", "title: Ensomhedsplanen")
    commit(repo, T3, "planens titel")  # in both milestones' summaries
    assert {stamped(e) for uid, e in events(repo).items() if "Milepæl" in e["categories"]} == {(T3, 1), (T3, 0)}


def test_an_uncommitted_move_counts_from_the_files_time(repo):
    edit(repo, M, "start: 10:00", "start: 13:00")
    path = repo / M
    os.utime(path, (1_720_000_000, 1_720_000_000))  # 2024-07-03, after the commit
    assert stamped(meeting(repo)) == ("2024-07-03T09:46:40+00:00", 1)
    os.utime(path, (1_000_000_000, 1_000_000_000))  # a file dated before the last commit
    assert stamped(meeting(repo)) == (T1, 1)


def test_an_uncommitted_change_the_event_does_not_show_leaves_it_alone(repo):
    edit(repo, M, "budgettet.", "budgettet for 2025.")
    os.utime(repo / M, (1_720_000_000, 1_720_000_000))
    assert stamped(meeting(repo)) == (T1, 0)


def test_a_file_git_does_not_hold_has_its_own_time(repo):
    new = "records/meetings/2024-04-04-raadet.yaml"
    write_repo(repo, {new: MEETING.replace("2024-03-04", "2024-04-04")}, config=None)
    os.utime(repo / new, (1_720_000_000, 1_720_000_000))
    assert stamped(meeting(repo, new)) == ("2024-07-03T09:46:40+00:00", 0)
    assert stamped(meeting(repo)) == (T1, 0)


def test_a_moved_file_is_a_new_event(repo):
    moved = "records/meetings/2024/2024-03-04-raadet.yaml"
    (repo / moved).parent.mkdir()
    git(repo, "mv", M, moved)
    commit(repo, T2, "flyttet til en mappe")
    found = events(repo)
    assert event_uid(None, M, "meeting") not in found
    assert stamped(found[event_uid(None, moved, "meeting")]) == (T2, 0)


def test_a_public_calendar_does_not_count_a_closed_items_title(repo):
    edit(repo, M, "    description: Forvaltningen fremlægger budgettet.\n",
         "    description: Forvaltningen fremlægger budgettet.\n  - title: Personalesag\n    closed: true\n")
    commit(repo, T2, "lukket punkt")
    edit(repo, M, "title: Personalesag", "title: Personalesag vedrørende en leder")
    commit(repo, T3, "lukket punkt omdøbt")
    public, internal = meeting(repo, public=True), meeting(repo)
    assert stamped(public) == (T2, 0) and public["description"] == "Rådet\n1. Budget\n2. Lukket punkt"
    assert stamped(internal) == (T3, 0) and internal["description"].endswith("2. Personalesag vedrørende en leder")


def test_a_broken_version_is_passed_over(repo):
    (repo / M).write_text("kind: meeting\nbody: [\n", encoding="utf-8")
    commit(repo, T2, "ødelagt")
    (repo / M).write_text(MEETING, encoding="utf-8")
    commit(repo, T3, "rettet")
    assert stamped(meeting(repo)) == (T1, 0)


def test_odd_file_names_are_read_as_they_are(tmp_path):
    names = ["records/-n.yaml", "records/møde, 1; \\ x.yaml", "records/\"quoted\" 'name'.yaml", "records/tab\there.yaml",
             "records/new\nline.yaml", "records/\x01start.yaml"]
    files = {name: f"id: m{n}\n{MEETING}" for n, name in enumerate(names)}
    root = write_repo(tmp_path / "repo", {**BASE, "records/bodies/raadet.yaml": RAADET, **files})
    git(root, "init", "-q", "-b", "main")
    commit(root, T1)
    for name in names:
        edit(root, name, "location: Rådhuset", "location: Biblioteket")
    commit(root, T2)
    found = events(root)
    assert {name: stamped(found[event_uid(None, name, "meeting")]) for name in names} == dict.fromkeys(names, (T2, 1))


def test_a_shallow_clone_counts_what_it_holds_and_says_so(repo, tmp_path):
    edit(repo, M, "start: 10:00", "start: 13:00")
    commit(repo, T2, "flyttet")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], env=GIT_ENV, check=True, capture_output=True)
    notes: list[str] = []
    assert stamped(meeting(clone, notes=notes)) == (T2, 0)
    assert len(notes) == 1 and "shallow" in notes[0] and "fetch-depth: 0" in notes[0]


def test_a_history_longer_than_the_bound_is_read_in_part(repo, monkeypatch):
    for n, when in enumerate((T2, T3, T4, T5)):
        edit(repo, M, f"start: 1{n}:00", f"start: 1{n + 1}:00")
        commit(repo, when, "flyttet")
    monkeypatch.setattr(gitrepo, "HISTORY_COMMITS", 2)
    notes: list[str] = []
    assert stamped(meeting(repo, notes=notes)) == (T5, 1)  # the last two commits: one move between them
    assert len(notes) == 1 and "delvist" in notes[0]


def test_a_log_cut_short_keeps_only_whole_commits(repo, monkeypatch):
    for n, when in enumerate((T2, T3)):
        edit(repo, M, f"start: 1{n}:00", f"start: 1{n + 1}:00")
        commit(repo, when, "flyttet")
    full = gitrepo.history(repo, "records")
    monkeypatch.setattr(gitrepo, "HISTORY_BYTES", 200)
    cut = gitrepo.history(repo, "records")
    assert cut.truncated and not full.truncated and cut.versions
    assert all(full.versions[path][-len(found):] == found for path, found in cut.versions.items())


def test_outside_git_or_without_git_every_event_has_its_files_time(repo, monkeypatch, tmp_path):
    os.utime(repo / M, (1_720_000_000, 1_720_000_000))
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))  # git is not installed
    assert stamped(meeting(repo)) == ("2024-07-03T09:46:40+00:00", 0)


def test_the_cli_says_what_the_history_lacks(repo, tmp_path, cli):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], env=GIT_ENV, check=True, capture_output=True)
    result = cli("calendar", "--root", clone)
    assert result.exit_code == 0
    assert "ensomhed: advarsel: repositoriet er en kort klon (shallow)" in result.stderr
    assert cli("-q", "calendar", "--root", clone).stderr == ""


def test_a_repository_with_no_commit_yet_has_its_files_times(tmp_path):
    root = write_repo(tmp_path / "repo", {**BASE, "records/bodies/raadet.yaml": RAADET, M: MEETING})
    git(root, "init", "-q", "-b", "main")
    os.utime(root / M, (1_720_000_000, 1_720_000_000))
    assert stamped(meeting(root)) == ("2024-07-03T09:46:40+00:00", 0)


def test_a_repository_in_a_folder_of_a_larger_git_repository(tmp_path):
    # the municipality keeps its records in one folder of a repository of more
    top = tmp_path / "kommune"
    root = write_repo(top / "udvalg" / "ensomhed", {**BASE, "records/bodies/raadet.yaml": RAADET, M: MEETING})
    write_repo(top, {M: MEETING}, config=None)  # the same path, outside the root
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "første", when=T1)
    edit(root, M, "start: 10:00", "start: 13:00")
    edit(top, M, "start: 10:00", "start: 11:00")
    git(top, "commit", "-q", "-am", "flyttet", when=T2)
    edit(top, M, "start: 11:00", "start: 12:00")
    git(top, "commit", "-q", "-am", "kun den anden", when=T3)
    assert stamped(meeting(root)) == (T2, 1)
