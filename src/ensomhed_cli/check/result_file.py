"""The last check's whole result, in result.json: used whole when nothing changed, and in part after an edit.

The result names the per-file cache it was made from (the token check.json or its delta
was written with, cache_store.py). When a check after an edit finds that same cache,
every file still there, each changed file's summary (its id, kind, references and
attachments) as the cache had it, and every attachment as it was, the rules across
records would find what they found last time, and they are not run again: at 10,000
records that is a summary made of every file and every reference looked up. Where a
finding of theirs is at a changed file or names one (a line there may have moved), they
run again all the same. The token is data like the rest of the cache: a result is also
held to its stamp, which must name a file unchanged since (made_here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from ensomhed_cli.check.cache_store import (
    CACHE_FORMAT,
    Entry,
    is_diagnostic,
    json_text,
    read_json,
    written,
)
from ensomhed_cli.check.rules.across import attachment_status
from ensomhed_cli.diagnostics import Diagnostic

RESULT_FILE = "result.json"  # the whole result of the last check, for a run where nothing changed
REUSE_MAX_PARSED = 256  # beyond this many files parsed again, the rules' run is a small part of the check


@dataclass
class LastResult:
    """A check's result as result.json keeps it."""

    stamp: str
    cache: str | None  # the token of the per-file cache it was made from
    files: int
    counts: dict[str, int]
    attachments: list[tuple[str, str]]  # every attachment path with its status then
    own: list[Diagnostic]  # the settings' and each file's own problems
    across: list[Diagnostic]  # what the rules across records found


def stamp(fingerprint: str, stats: dict[str, tuple[int, int]], day: dt.date) -> str:
    """One digest of the settings, every file's path, size and mtime, and the day: a rule
    across records judges dates against today (rules/across.py: check_meeting_dates), so a
    result is not used whole, nor its findings reused, on another day."""
    digest = hashlib.sha256(f"{fingerprint}/{day.isoformat()}".encode())
    digest.update("\n".join(f"{rel}\t{size}\t{mtime}" for rel, (size, mtime) in sorted(stats.items())).encode())
    return digest.hexdigest()


def made_here(last: LastResult, fingerprint: str, before: dict[str, tuple[int, int]], changed: Collection[str], day: dt.date) -> bool:
    """Whether the last result was made from the files as `before` has them (its stamp is
    theirs) while some file has not changed since: that file's time, to the nanosecond, is
    in the stamp, so a result.json committed with a repository (every file of a fresh
    checkout is new) cannot pass for one this machine made."""
    return len(changed) < len(before) and last.stamp == stamp(fingerprint, before, day)


def diag_to_json(d: Diagnostic) -> list:
    return [d.path, d.line, d.column, d.severity, d.code, d.message, d.record_id]


def read_last(path: Path) -> LastResult | None:
    """The last result as written; None when there is none or it is not of this format."""
    try:
        data = read_json(path)
        if data.get("format") != CACHE_FORMAT or not isinstance(data.get("stamp"), str):
            return None
        cache = data.get("cache")
        if not all(map(is_diagnostic, data["diagnostics"])) or not all(map(is_diagnostic, data["across"])):
            return None
        return LastResult(
            stamp=data["stamp"],
            cache=cache if isinstance(cache, str) else None,
            files=int(data["files"]),
            counts={str(k): int(v) for k, v in data["counts"].items()},
            attachments=[(str(raw), str(status)) for raw, status in data["attachments"]],
            own=[Diagnostic(*d) for d in data["diagnostics"]],
            across=[Diagnostic(*d) for d in data["across"]],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def attachments_unchanged(last: LastResult, root: Path) -> bool:
    """Whether every attachment is as it was: whether it exists is part of the result, yet no
    record changes with it."""
    return all(attachment_status(root, raw) == status for raw, status in last.attachments)


def write_last(path: Path, last: LastResult) -> None:
    payload = {
        "format": CACHE_FORMAT,
        "stamp": last.stamp,
        "cache": last.cache,
        "files": last.files,
        "counts": last.counts,
        "attachments": last.attachments,
        "diagnostics": [diag_to_json(d) for d in last.own],
        "across": [diag_to_json(d) for d in last.across],
    }
    written(path, json_text(payload))


def same_summaries(old_entry: Callable[[str], Entry | None], parsed: dict[str, Entry]) -> bool:
    """Whether every file parsed again has the summary its cache entry had."""
    for rel, entry in parsed.items():
        before = old_entry(rel)
        # as JSON: a summary just made holds tuples where the one read from the cache has lists
        if before is None or json.dumps(entry[3]) != json.dumps(before[3]):
            return False
    return True


def across_holds(last: LastResult, changed: Collection[str], root: Path) -> bool:
    """Whether what the rules across records found last time holds, the summaries being the
    same: no finding is at or names a changed file (a line there may have moved), and every
    attachment is as it was."""
    if len(changed) > REUSE_MAX_PARSED:
        return False
    for d in last.across:
        if d.path in changed or any(rel in d.message for rel in changed):
            return False
    return attachments_unchanged(last, root)


def reusable_across(
    last: LastResult | None,
    token: str | None,
    fingerprint: str,
    cached: dict[str, Entry],
    entries: dict[str, Entry],
    parsed: list[str],
    root: Path,
    day: dt.date,
) -> LastResult | None:
    """The last result, when its findings across records hold for `entries` as they are: it
    was made here from the cache read (`cached`, with `token`; made_here), the same files are
    there and each file parsed again has the summary the cache had (across_holds). Else None:
    run the rules."""
    if last is None or token is None or last.cache != token or entries.keys() != cached.keys():
        return None
    if not made_here(last, fingerprint, {rel: (entry[0], entry[1]) for rel, entry in cached.items()}, parsed, day):
        return None
    if not same_summaries(cached.get, {rel: entries[rel] for rel in parsed}) or not across_holds(last, set(parsed), root):
        return None
    return last
