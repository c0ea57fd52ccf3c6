"""The per-file check cache on disk: check.json, and the entries changed since in check-delta.json.

check.json holds every file's entry (size, mtime, diagnostics, summary) under a random
generation; after an edit only the entries that differ from it are written, to the delta
file, which names the generation it amends. A delta of another generation (check.json was
written whole since, by this run or another) is never applied. Both are JSON, never pickle,
and written atomically; one that is missing, corrupt or of another version or settings is
ignored, and the files it would have spoken for are parsed again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ensomhed_cli.format.rawfile import read_regular_file

CACHE_DIR = ".ensomhed-cache"
CACHE_FILE = "check.json"
DELTA_FILE = "check-delta.json"  # the entries that changed since check.json was written whole
DELTA_MIN_FILES, DELTA_SHARE = 64, 20  # the delta grows to 64 files or a twentieth of all, then folds in
CACHE_FORMAT = 4  # 4: a record with schema errors keeps the references it writes

Entry = tuple[int, int, list, list | None]  # size, mtime_ns, diagnostics, summary


CACHE_FILE_LIMIT = 1024**3  # far above the cache of a million records


def read_json(path: Path) -> Any:
    """A cache file's JSON, read as a record is (format/rawfile.py): a FIFO, device or folder
    where a cache file should be (a committed cache can hold anything) raises OSError,
    never blocks the check; bad JSON raises ValueError."""
    raw, _, message = read_regular_file(path, limit=CACHE_FILE_LIMIT, what="a cache file")
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


def cache_data(path: Path, fingerprint: str) -> dict | None:
    """A cache file's content when it is of this version and settings and well formed."""
    try:
        data = read_json(path)
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("fingerprint") != fingerprint:
            return None
        files, config_problems = data["files"], data["config"]
        if not isinstance(files, dict) or not isinstance(config_problems, list):
            return None
        for entry in files.values():
            if entry is None and data.get("delta"):
                continue  # a file gone since check.json was written
            size, mtime, diags, summary = entry
            if not (isinstance(size, int) and isinstance(mtime, int) and isinstance(diags, list)):
                return None
        return data
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def read_cache(path: Path, fingerprint: str) -> Stored:
    """The per-file cache; empty when it cannot be trusted. A delta file that belongs to
    another check.json (one written since, or before) is not applied."""
    base = cache_data(path, fingerprint)
    if base is None or base.get("delta"):
        return Stored({}, None)
    generation = base.get("generation")
    delta = cache_data(path.with_name(DELTA_FILE), fingerprint)
    if delta is None or not delta.get("delta") or not isinstance(generation, str) or delta.get("base") != generation:
        return Stored(base["files"], base["config"], base["files"], generation)
    files = dict(base["files"])
    for rel, entry in delta["files"].items():
        if entry is None:
            files.pop(rel, None)
        else:
            files[rel] = entry
    return Stored(files, delta["config"], base["files"], generation)


def write_cache(path: Path, fingerprint: str, entries: dict[str, Entry], config_problems: list, stored: Stored) -> None:
    """The entries as the cache: where few differ from check.json, only they, in its delta
    file (a check after one edit writes a few lines, not the whole cache); else check.json
    whole, under a new generation, which leaves any delta behind it unread."""
    from ensomhed_cli.fsio import WriteRefused, write_atomic

    base = stored.base
    changed: dict[str, Entry | None] = {rel: e for rel, e in entries.items() if base.get(rel) is not e and base.get(rel) != e}
    changed.update((rel, None) for rel in base if rel not in entries)
    head = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "config": config_problems}
    if stored.generation is not None and len(changed) <= max(DELTA_MIN_FILES, len(entries) // DELTA_SHARE):
        target, data = path.with_name(DELTA_FILE), {**head, "delta": True, "base": stored.generation, "files": changed}
    else:
        target, data = path, {**head, "generation": os.urandom(8).hex(), "files": entries}
    try:
        if cache_folder(path.parent.parent) is None:
            return
        write_atomic(target, json.dumps(data, ensure_ascii=False, separators=(",", ":")), within=path.parent.parent)
        if target == path:
            path.with_name(DELTA_FILE).unlink(missing_ok=True)
    except (OSError, WriteRefused):  # a FIFO or folder in the file's place is left, never written through
        pass  # a read-only repository is checked all the same, only without a cache


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
