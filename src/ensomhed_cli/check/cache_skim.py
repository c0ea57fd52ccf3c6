"""check.json read in part: the size and time of every entry, and a few entries whole.

A check after an edit needs to know which files changed since the cache was written, and
the entries of those alone (the rest of the result comes from the last one, result_file.py).
check.json holds one entry to a line (cache_store._lines), so the sizes and times are read
off the start of each line without decoding the diagnostics and summaries that make up
most of the file, and an entry is found by its line. Anything not exactly as written is no
skim (None): the check then reads the cache whole, which judges it as before.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path

from ensomhed_cli.check.cache_store import (
    CACHE_FILE_LIMIT,
    CACHE_FORMAT,
    DELTA_FILE,
    FILES_OPEN,
    Entry,
    cache_data,
    is_diagnostic,
    well_formed,
)
from ensomhed_cli.format.rawfile import read_regular_file

_CLOSE = b"\n}}"


@dataclass
class Skim:
    """What check.json and its delta say, read in part."""

    generation: str
    token: str | None  # as Stored.token: the delta's own when one is applied
    config: list  # the settings' own problems
    stats: dict[str, tuple[int, int]]  # every file the cache holds: its size and time
    delta: dict[str, Entry | None]  # the delta's entries (None: a file gone), when it applies
    raw: bytes  # check.json as read

    def entry(self, rel: str) -> Entry | None:
        """The cache's entry for rel, or None where it has none that is well formed."""
        if rel in self.delta:
            return self.delta[rel]
        key = b"\n" + json.dumps(rel, ensure_ascii=False).encode() + b":"
        start = self.raw.find(key)
        if start < 0:
            return None
        start += len(key)
        end = self.raw.find(b"\n", start)
        try:
            entry = json.loads(self.raw[start:end].rstrip(b","))
        except ValueError:
            return None
        return entry if well_formed(entry) else None


def skim(path: Path, fingerprint: str) -> Skim | None:
    """check.json and its delta in part; None where they are not of this version and
    settings or not laid out as written."""
    try:
        raw, _, _ = read_regular_file(path, limit=CACHE_FILE_LIMIT, what="cache")
        if raw is None or not raw.endswith(_CLOSE):
            return None
        first = raw.find(b"\n")
        opening = FILES_OPEN.encode()
        if first < 0 or not raw[:first].endswith(opening):
            return None
        head = json.loads(raw[: first - len(opening)] + b"}")
        generation, config = head.get("generation"), head.get("config")
        if head.get("format") != CACHE_FORMAT or head.get("fingerprint") != fingerprint:
            return None
        if not isinstance(generation, str) or not isinstance(config, list) or not all(map(is_diagnostic, config)) or head.get("delta"):
            return None
        stats = _stats(raw[first : len(raw) - len(_CLOSE)])
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if stats is None:
        return None
    token: str | None = generation
    applied: dict[str, Entry | None] = {}
    delta = cache_data(path.with_name(DELTA_FILE), fingerprint)
    if delta is not None and delta.get("delta") and delta.get("base") == generation:
        applied, config = delta["files"], delta["config"]
        token = delta.get("token") if isinstance(delta.get("token"), str) else None
        for rel, entry in applied.items():
            if entry is None:
                stats.pop(rel, None)
            else:
                stats[rel] = (entry[0], entry[1])
    return Skim(generation, token, config, stats, applied, raw)


_PLAIN_LINE = re.compile(rb'\n"([^"\\\n]*)":\[(\d+),(-?\d+),')  # a path with no escape in it: nearly always


def _stats(lines: bytes) -> dict[str, tuple[int, int]] | None:
    """rel -> (size, mtime) from the lines `"rel":[size,mtime,…],` (each after a line break);
    None if one is not such."""
    if lines == b"\n":  # no entry at all
        return {}
    plain = _PLAIN_LINE.findall(lines)
    if len(plain) == lines.count(b"\n"):
        return {rel.decode(): (int(size), int(mtime)) for rel, size, mtime in plain}
    stats: dict[str, tuple[int, int]] = {}
    for line in lines[1:].split(b"\n"):
        if not line.startswith(b'"'):
            return None
        text = line.decode()
        rel, after = scanstring(text, 1)  # the path as JSON reads it, escapes and all
        rest = text[after:]
        if not rest.startswith(":["):
            return None
        size, mtime, _ = rest[2:].split(",", 2)
        stats[rel] = (int(size), int(mtime))
    return stats
