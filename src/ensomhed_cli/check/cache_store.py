"""The per-file check cache on disk: check.json, and the entries changed since in check-delta.json.

check.json holds every file's entry (size, mtime, diagnostics, summary) under a random
generation, one entry to a line (so that a check after an edit can read the sizes and
times alone, and the few entries it needs: cache_skim.py); after an edit only the entries
that differ from it are written, to the delta file, which names the generation it amends.
A delta of another generation (check.json was written whole since, by this run or
another) is never applied. Both are JSON, never pickle, and written atomically; one that
is missing, corrupt or of another version or settings is ignored, and the files it would
have spoken for are parsed again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ensomhed_cli.diagnostics import ERROR, WARNING
from ensomhed_cli.format.rawfile import read_regular_file

CACHE_DIR = ".ensomhed-cache"
CACHE_FILE = "check.json"
DELTA_FILE = "check-delta.json"  # the entries that changed since check.json was written whole
DELTA_MIN_FILES, DELTA_SHARE = 64, 20  # the delta grows to 64 files or a twentieth of all, then folds in
# The layout of the cache files. A change of what a summary holds or of any rule needs no
# bump: every key holds the stamp of the installed code (codestamp.py), so any edit of the
# package is a new cache. Bump only where an older ensomhed might read a newer file.
CACHE_FORMAT = 6  # 4: a record with schema errors keeps the references it writes; 5: one entry to a line; 6: summaries hold facts

Entry = tuple[int, int, list, list | None]  # size, mtime_ns, diagnostics, summary


CACHE_FILE_LIMIT = 1024**3  # far above the cache of a million records


def read_json(path: Path) -> Any:
    """A cache file's JSON, read as a record is (format/rawfile.py): a FIFO, device or folder
    where a cache file should be (a committed cache can hold anything) raises OSError,
    never blocks the check; bad JSON raises ValueError."""
    raw, _, message = read_regular_file(path, limit=CACHE_FILE_LIMIT, what="cache")
    if raw is None:
        raise OSError(message)
    return json.loads(raw)


@dataclass
class Stored:
    """The per-file cache as read: check.json with the changes its delta file holds."""

    files: dict[str, Entry]  # every file's entry, the changes applied
    config: list | None  # the settings' own problems; None when nothing could be trusted
    base: dict[str, Entry] = field(default_factory=dict)  # the entries as check.json has them
    generation: str | None = None  # which check.json a delta belongs to
    token: str | None = None  # which writing of the cache this is: check.json's generation, or its delta's own


def cache_data(path: Path, fingerprint: str) -> dict | None:
    """A cache file's content when it is of this version and settings and well formed."""
    try:
        data = read_json(path)
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("fingerprint") != fingerprint:
            return None
        files, config_problems = data["files"], data["config"]
        if not isinstance(files, dict) or not isinstance(config_problems, list) or not all(map(is_diagnostic, config_problems)):
            return None
        for entry in files.values():
            if entry is None and data.get("delta"):
                continue  # a file gone since check.json was written
            if not well_formed(entry):
                return None
        return data
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def well_formed(entry: Any) -> bool:
    """Whether a cache entry read is one as written: [size, mtime, diagnostics, summary]."""
    if not isinstance(entry, list) or len(entry) != 4:
        return False
    size, mtime, diags, _ = entry
    return isinstance(size, int) and isinstance(mtime, int) and isinstance(diags, list) and all(map(is_diagnostic, diags))


def is_diagnostic(d: Any) -> bool:
    """Whether a problem read from the cache is one as it writes them (result_file.diag_to_json).
    Anything else, from a damaged or forged file, stopped the check with an internal error
    where it was made a Diagnostic, or would be printed as a problem."""
    return (
        type(d) is list and len(d) == 7 and type(d[0]) is str and type(d[1]) is int and type(d[2]) is int
        and d[3] in (ERROR, WARNING) and type(d[4]) is str and type(d[5]) is str and (d[6] is None or type(d[6]) is str)
    )


def read_cache(path: Path, fingerprint: str) -> Stored:
    """The per-file cache; empty when it cannot be trusted. A delta file that belongs to
    another check.json (one written since, or before) is not applied."""
    base = cache_data(path, fingerprint)
    if base is None or base.get("delta"):
        return Stored({}, None)
    generation = base.get("generation")
    delta = cache_data(path.with_name(DELTA_FILE), fingerprint)
    if not isinstance(generation, str):
        generation = None
    if delta is None or not delta.get("delta") or generation is None or delta.get("base") != generation:
        return Stored(base["files"], base["config"], base["files"], generation, generation)
    files = dict(base["files"])
    for rel, entry in delta["files"].items():
        if entry is None:
            files.pop(rel, None)
        else:
            files[rel] = entry
    token = delta.get("token")
    return Stored(files, delta["config"], base["files"], generation, token if isinstance(token, str) else None)


def write_cache(path: Path, fingerprint: str, entries: dict[str, Entry], config_problems: list, stored: Stored) -> str | None:
    """The entries as the cache: where few differ from check.json, only they, in its delta
    file (a check after one edit writes a few lines, not the whole cache); else check.json
    whole, under a new generation, which leaves any delta behind it unread. Returns the
    token it was written with (Stored.token when read back); None when it was not written."""
    base = stored.base
    changed: dict[str, Entry | None] = {rel: e for rel, e in entries.items() if base.get(rel) is not e and base.get(rel) != e}
    changed.update((rel, None) for rel in base if rel not in entries)
    if stored.generation is not None and len(changed) <= delta_room(len(entries)):
        return write_delta(path, fingerprint, stored.generation, changed, config_problems)
    token = os.urandom(8).hex()
    data = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "config": config_problems, "generation": token, "files": entries}
    if not written(path, _lines(data)):
        return None
    try:
        path.with_name(DELTA_FILE).unlink(missing_ok=True)
    except OSError:  # a folder in its place: a delta of no generation, never applied
        pass
    return token


def write_delta(path: Path, fingerprint: str, generation: str, files: dict[str, Entry | None], config_problems: list) -> str | None:
    """The delta file alone, amending check.json of `generation` by `files` (every file that
    differs from it); returns its token, None when it was not written."""
    token = os.urandom(8).hex()
    data = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "config": config_problems, "delta": True, "base": generation, "token": token, "files": files}
    return token if written(path.with_name(DELTA_FILE), json_text(data)) else None


def written(target: Path, text: str) -> bool:
    """Whether text was written to the cache file target (check.json, its delta, result.json),
    atomically; never through a FIFO or folder in its place, which is left as it is."""
    from ensomhed_cli.fsio import WriteRefused, write_atomic

    root = target.parent.parent
    try:
        if cache_folder(root) is None:
            return False
        write_atomic(target, text, within=root)
        return True
    except (OSError, WriteRefused):  # a read-only repository is checked all the same, only without a cache
        return False


def delta_room(files: int) -> int:
    """How many entries the delta holds before check.json is written whole again."""
    return max(DELTA_MIN_FILES, files // DELTA_SHARE)


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


FILES_OPEN = ',"files":{'  # how the first line of check.json ends: all before it is the head


def _lines(data: dict) -> str:
    """check.json: the head on the first line, then one file's entry to a line. Still one JSON
    document; a line break stands nowhere else (JSON writes one inside a string as \\n)."""
    head = {key: value for key, value in data.items() if key != "files"}
    entries = ",\n".join(f"{json_text(rel)}:{json_text(entry)}" for rel, entry in data["files"].items())
    return f"{json_text(head)[:-1]}{FILES_OPEN}\n{entries}\n}}}}"


def cache_folder(root: Path) -> Path | None:
    """The cache folder, made with its .gitignore; None where it cannot be made."""
    from ensomhed_cli.fsio import write_atomic

    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        if not (folder / ".gitignore").exists():
            write_atomic(folder / ".gitignore", "*\n", within=root)
    except OSError:
        return None
    return folder
