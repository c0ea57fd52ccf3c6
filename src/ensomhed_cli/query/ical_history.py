"""When each calendar event last changed, and how often it moved: DTSTAMP, LAST-MODIFIED and SEQUENCE from git.

A calendar program that has an event keeps its copy unless the new one says it is newer
(RFC 5545 3.8.7.4, RFC 5546 2.1.4): a higher SEQUENCE, or the same SEQUENCE and a later
DTSTAMP. So both are taken from the history of the event's record file, read from git:

- The versions of the file are its commits along the first parent to HEAD (a branch merged
  in is one change, at its merge), each at its committer's time; a version's time is never
  earlier than an earlier version's (the largest so far), so a commit dated back, by a
  rebase or a wrong clock, never lowers a stamp.
- DTSTAMP and LAST-MODIFIED are the time of the version that last changed what the event
  says (its title, time, place, description or status) — not of a commit that changed only
  other parts of the file (a decision in the minutes). Two versions are compared as the
  calendar would write them, so with `--public` a change to a closed item's title is no change.
- SEQUENCE is 0 for a new event and grows by one with each version whose time (DTSTART,
  DTEND), place (LOCATION) or cancellation (STATUS) differs from the version before.
- A file changed since HEAD (staged or not): where the event differs from the last committed
  one, its stamp is the file's modification time, but never earlier than that commit's, and
  a change of time or place adds one to SEQUENCE. A file git does not hold: its
  modification time, SEQUENCE 0.
- Outside git (not a repository, or no git installed): every event of a file is stamped with
  the file's modification time, which an edit moves forward, and SEQUENCE is 0.
- A moved or renamed file is a new file (its events have new UIDs, query/ical.py).
- A version that is not a readable record (broken YAML, too large) is passed over.
- A time later than now (a commit or file dated ahead) counts as now.

The history is read in one `git log` and one `git cat-file --batch` (gitrepo.py), bounded in
commits, bytes and seconds; a file's earlier versions are read only where it has more than
one, or a change since HEAD. A history read in part, or a shallow clone (as CI makes by
default), counts only the changes it holds: the caller is told, to say so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.gitrepo import (
    HISTORY_COMMITS,
    HISTORY_SECONDS,
    GitError,
    changed_in_worktree,
    history,
    read_blobs,
)
from ensomhed_cli.paths import RECORDS_DIR
from ensomhed_cli.query.ical_events import Event


class Reader(Protocol):
    """How a version of a record file is read (query/ical_versions.py)."""

    def key(self, path: str, raw: bytes) -> str | None:
        """What of the file can change its events (two versions with one key say the same); None: no text."""

    def events(self, path: str, raw: bytes, key: str | None = None) -> dict[str, Event] | None:
        """{event key: event} of the version (whose key may be given), or None where it is no readable record."""

NOTES = {
    "truncated": (
        f"git-historikken er kun læst delvist (mere end {HISTORY_COMMITS:,} commits eller {HISTORY_SECONDS:g} sekunder):"
        " ældre ændringer tælles ikke med i kalenderens SEQUENCE",
        f"the git history was read only in part (more than {HISTORY_COMMITS:,} commits, or {HISTORY_SECONDS:g} seconds):"
        " older changes are not counted in the calendar's SEQUENCE",
    ),
    "shallow": (
        "repositoriet er en kort klon (shallow): kalenderens SEQUENCE tæller kun de ændringer, den har;"
        " hent hele historikken (`git fetch --unshallow`, i CI `fetch-depth: 0`)",
        "the repository is a shallow clone: the calendar's SEQUENCE counts only the changes it holds;"
        " fetch the whole history (`git fetch --unshallow`, in CI `fetch-depth: 0`)",
    ),
}


@dataclass(frozen=True, slots=True)
class Stamp:
    moment: int  # DTSTAMP and LAST-MODIFIED, Unix seconds
    sequence: int


class _Track:
    """One event through the versions of its file."""

    __slots__ = ("gone", "last", "sequence", "stamp")

    def __init__(self) -> None:
        self.last: Event | None = None
        self.gone = False  # left out of the version before (a milestone removed, the file deleted)
        self.stamp: int | None = None
        self.sequence = 0

    def see(self, event: Event, moment: int) -> None:
        if self.last is None or self.gone or event != self.last:
            self.stamp = moment
        if self.last is not None and event.when_and_where != self.last.when_and_where:
            self.sequence += 1
        self.last, self.gone = event, False


def event_stamps(root: Path, current: dict[str, dict[str, Event]], reader: Reader, notes: list[str] | None = None,
                 lang: str = "da") -> dict[tuple[str, str], Stamp]:
    """{(file, event key): stamp} of the events in `current` ({file: {key: event as it is now}})."""
    now = int(time.time())
    try:
        found = history(root, RECORDS_DIR)
        changed = changed_in_worktree(root, RECORDS_DIR)
    except GitError:
        return {(path, key): Stamp(_mtime(root, path, now), 0) for path, events in current.items() for key in events}
    for what in ("truncated", "shallow"):
        if getattr(found, what) and notes is not None:
            notes.append(NOTES[what][0 if lang == "da" else 1])
    dirty = {path for path in current if path in changed or (found.versions.get(path) or [(0, "")])[-1][1] is None}
    wanted = []
    for path in current:
        present = [blob for _, blob in found.versions.get(path, []) if blob]
        if len(present) > 1 or (present and path in dirty):
            wanted += present
    try:
        blobs = read_blobs(root, wanted)
    except GitError:
        blobs = {}
    out: dict[tuple[str, str], Stamp] = {}
    for path, events in current.items():
        runs, latest = _runs(root, path, found.versions.get(path, []), blobs, path in dirty, reader, now)
        tracks = {key: _Track() for key in events}
        for moment, said, raw, gone in runs:
            # one run: the file says today what it always said, and is not read again
            then = events if len(runs) == 1 or raw is None else reader.events(path, raw, said)
            if then is None:
                continue
            for key, track in tracks.items():
                track.gone = track.gone or (gone and track.last is not None)
                if key in then:
                    track.see(then[key], moment)
                else:
                    track.gone = track.gone or track.last is not None
        for key, track in tracks.items():
            stamp = track.stamp if track.stamp is not None else max(latest, _mtime(root, path, now))
            out[path, key] = Stamp(stamp, track.sequence)
    return out


def _runs(root: Path, path: str, versions: list[tuple[int, str | None]], blobs: dict[str, bytes], dirty: bool, reader: Reader,
          now: int) -> tuple[list[tuple[int, str, bytes | None, bool]], int]:
    """([(time, what of the file can change its events, its bytes, deleted before it)] of each run of
    versions that say the same, oldest first, the working tree's last where it differs; the
    latest commit time). A file that git holds in one version, unchanged since, is not read."""
    runs: list[tuple[int, str, bytes | None, bool]] = []
    latest, gone, last = 0, False, None
    single = sum(1 for _, blob in versions if blob) == 1 and not dirty
    for when, blob in versions:
        latest = max(latest, min(when, now))
        if blob is None:
            gone = gone or last is not None
            continue
        raw = None if single else blobs.get(blob)
        key = "" if single else None if raw is None else reader.key(path, raw)
        if key is None or (key == last and not gone):  # unreadable, or saying what the version before said
            continue
        runs.append((latest, key, raw, gone))
        last, gone = key, False
    if dirty:
        raw = _working(root, path)
        key = None if raw is None else reader.key(path, raw)
        if key is None or key != last or gone:
            runs.append((max(latest, _mtime(root, path, now)), key or "\0now", raw if key is not None else None, gone))
    return runs, latest


def _mtime(root: Path, path: str, now: int) -> int:
    try:
        return min(int((root / path).stat().st_mtime), now)
    except OSError:
        return now


def _working(root: Path, path: str) -> bytes | None:
    """The file's bytes in the working tree."""
    try:
        raw, _, _ = read_regular_file(root / path)
    except OSError:
        return None
    return raw
