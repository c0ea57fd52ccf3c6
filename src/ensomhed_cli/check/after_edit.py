"""A check after a few edits: the last result, amended by the files that changed.

When the last result (result.json) was made from the per-file cache as it stands, and the
files that changed since (told from the sizes and times in check.json, cache_skim.py) are
few, all still there, and each says the same to the rules across records (its summary),
the result is the last one with those files' own problems replaced: the cache is not read
whole and the rules across records do not run. Anything else (a file added or removed, an
id or reference changed, a finding across records at a changed file, an attachment
changed) is a full check, which is always right; tests/test_check_walk.py holds the two to
each other.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ensomhed_cli.check.cache_skim import Skim
from ensomhed_cli.check.cache_store import Entry, delta_room
from ensomhed_cli.check.result_file import LastResult, across_holds, same_summaries
from ensomhed_cli.diagnostics import Diagnostic

QUICK_MAX_FILES = 32  # more changed files than this (a pull, a checkout): a full check


def changed_files(skim: Skim, stats: dict[str, tuple[int, int]]) -> list[str] | None:
    """The files whose size or time differ from the cache's; None when files were added or
    removed, none changed, too many changed, or the delta would have no room for them."""
    if skim.stats.keys() != stats.keys():
        return None
    changed = [rel for rel, stat in stats.items() if skim.stats[rel] != stat]
    if not 0 < len(changed) <= QUICK_MAX_FILES or len(skim.delta.keys() | set(changed)) > delta_room(len(stats)):
        return None
    return changed


def amended_own(last: LastResult, skim: Skim, parsed: dict[str, Entry], root: Path) -> list[Diagnostic] | None:
    """The last result's own problems with those of the files parsed again replaced by what
    they say now; None when the last result cannot be amended so."""
    if not same_summaries(skim.entry, parsed) or not across_holds(last, parsed.keys(), root):
        return None
    gone: Counter[Diagnostic] = Counter()
    for rel in parsed:  # each has a well-formed entry (same_summaries), its problems judged (is_diagnostic)
        gone.update(Diagnostic(*d) for d in skim.entry(rel)[2])  # type: ignore[index]
    own = []
    for d in last.own:
        if gone[d] > 0:
            gone[d] -= 1
        else:
            own.append(d)
    if any(gone.values()):  # a problem the cache had that the result did not: not the same state
        return None
    own.extend(Diagnostic(*d) for entry in parsed.values() for d in entry[2])
    return own
