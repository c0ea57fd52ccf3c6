"""What check keeps in its one store, the index: each file's entry, the last whole result and its stamp.

Each file's entry (key, own problems, summary) is a row of the index's `_files`; the last
result is a value of its `_meta`, with the generation it was stored in (check/incremental.py
says when each is used). All read back is data: anything not exactly as written is none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ensomhed_cli.check.rules.across import attachment_status
from ensomhed_cli.diagnostics import ERROR, WARNING, Diagnostic

CACHE_DIR = ".ensomhed-cache"
INDEX_FILE = "index.sqlite"  # the one store, in CACHE_DIR (query/index.py)
# Bump only where an older ensomhed might misread a newer entry: every key holds the code's stamp (codestamp.py).
CACHE_FORMAT = 7  # 5: one entry to a line; 6: summaries hold facts; 7: kept in the index
QUICK_MAX_FILES = 32  # more changed files than this (a pull, a checkout): a full check
REUSE_MAX_PARSED = 256  # beyond this many files parsed again, the rules' run is a small part of the check

Entry = tuple[int, int, list, list | None]  # size, mtime_ns, diagnostics, summary


def diag_to_json(d: Diagnostic) -> list:
    return [d.path, d.line, d.column, d.severity, d.code, d.message, d.record_id]


def is_diagnostic(d: Any) -> bool:
    """Whether a problem read back is one as diag_to_json writes it: anything else, from a
    damaged or forged store, stopped the check where it was made a Diagnostic."""
    return (
        type(d) is list and len(d) == 7 and type(d[0]) is str and type(d[1]) is int and type(d[2]) is int
        and d[3] in (ERROR, WARNING) and type(d[4]) is str and type(d[5]) is str and (d[6] is None or type(d[6]) is str)
    )


def _json(text: Any) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return ...  # none: `null` reads as None


def problems_of(text: Any) -> list | None:
    """A JSON list of problems as written; None for anything else."""
    found = _json(text)
    return found if isinstance(found, list) and all(map(is_diagnostic, found)) else None


def entry_of(size: Any, mtime: Any, diags: Any, summary: Any) -> Entry | None:
    """A file's entry from its row; None where the row is not one check wrote."""
    found, told = problems_of(diags), _json(summary)
    ok = found is not None and type(size) is int and type(mtime) is int and (told is None or isinstance(told, list))
    return (size, mtime, found, told) if ok else None  # type: ignore[return-value]


def stamp(fingerprint: str, stats: dict[str, tuple[int, int]], day: dt.date) -> str:
    """One digest of the settings, every file's path, size and mtime, and the day: a rule
    across records judges dates against today, so a result is not reused on another day."""
    digest = hashlib.sha256(f"{fingerprint}/{day.isoformat()}".encode())
    digest.update("\n".join(f"{rel}\t{size}\t{mtime}" for rel, (size, mtime) in sorted(stats.items())).encode())
    return digest.hexdigest()


@dataclass
class LastResult:
    """A check's whole result as the store keeps it, made from the entries of `stamp`."""

    stamp: str
    files: int
    counts: dict[str, int]
    attachments: list[tuple[str, str]]  # every attachment path with its status then
    own: list[Diagnostic]  # the settings' and each file's own problems
    across: list[Diagnostic]  # what the rules across records found
    generation: int = -1  # the store's generation it was written in (-1: not yet)

    def to_json(self) -> str:
        own, across = [diag_to_json(d) for d in self.own], [diag_to_json(d) for d in self.across]
        data = {"stamp": self.stamp, "files": self.files, "counts": self.counts, "attachments": self.attachments, "own": own, "across": across}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def read_last(text: Any, generation: Any) -> LastResult | None:
    """The last result as written; None where it is not."""
    try:
        data = json.loads(text)
        if not isinstance(data.get("stamp"), str) or not all(map(is_diagnostic, data["own"] + data["across"])):
            return None
        own, across = [Diagnostic(*d) for d in data["own"]], [Diagnostic(*d) for d in data["across"]]
        counts, attachments = {str(k): int(v) for k, v in data["counts"].items()}, [(str(raw), str(status)) for raw, status in data["attachments"]]
        return LastResult(data["stamp"], int(data["files"]), counts, attachments, own, across, int(generation))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def made_here(last: LastResult, fingerprint: str, before: dict[str, tuple[int, int]], changed: Collection[str], day: dt.date) -> bool:
    """Whether the last result was made from the entries as `before` has their keys (its stamp
    is theirs) while some file has not changed since: that file's key (its time to the
    nanosecond, its inode and ctime) is in the stamp, so a store committed with a
    repository (every file of a fresh checkout is new) cannot pass for one made here."""
    return len(changed) < len(before) and last.stamp == stamp(fingerprint, before, day)


def attachments_unchanged(last: LastResult, root: Path) -> bool:
    """Whether every attachment is as it was: whether it exists is part of the result, yet no record changes with it."""
    return all(attachment_status(root, raw) == status for raw, status in last.attachments)


def same_summaries(before: dict[str, Entry], parsed: dict[str, Entry]) -> bool:
    """Whether every file parsed again has the summary its entry had."""
    for rel, entry in parsed.items():
        old = before.get(rel)
        # as JSON: a summary just made holds tuples where the one read back has lists
        if old is None or json.dumps(entry[3]) != json.dumps(old[3]):
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


def amended_own(last: LastResult, before: dict[str, Entry], parsed: dict[str, Entry], root: Path) -> list[Diagnostic] | None:
    """The last result's own problems with those of the files parsed again replaced by what
    they say now; None when the last result cannot be amended so."""
    if not same_summaries(before, parsed) or not across_holds(last, parsed.keys(), root):
        return None
    gone: Counter[Diagnostic] = Counter(Diagnostic(*d) for rel in parsed for d in before[rel][2])
    own = []
    for d in last.own:
        if gone[d] > 0:
            gone[d] -= 1
        else:
            own.append(d)
    if any(gone.values()):  # a problem the entry had that the result did not: not the same state
        return None
    return own + [Diagnostic(*d) for entry in parsed.values() for d in entry[2]]
