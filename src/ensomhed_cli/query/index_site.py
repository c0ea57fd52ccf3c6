"""What a build keeps in the index (render/site_state.py): the pages rendered, what they read, and its generation."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass


@dataclass
class SiteState:
    """What a build keeps (render/site_state.py): the pages rendered (page, key, text,
    attachments, digest), every page the site has now (with `whole`) or those of the last
    build's not kept (else), the files each page keyed again reads, the
    files as the build saw them (path, token, shape, shown, cited), whether those are every file
    (else they amend the last build's), the base of every key, and the generation of the
    state the build started from (None: there was none)."""

    rendered: list[tuple[str, str, str, str, str]]
    current: set[str]
    gone: set[str]
    reads: dict[str, list[str]]
    files: list[tuple[str, str, str, str, str]]
    whole: bool
    base: str
    after: int | None


def keep_pages(conn: sqlite3.Connection, variant: str, state: SiteState) -> None:
    """A build's pages rendered replace theirs, and of one kind of build (`variant`) only the
    current pages stay; nothing where another build stored since this one began."""
    row = conn.execute("SELECT generation FROM _site_meta WHERE variant = ?", (variant,)).fetchone()
    if (row[0] if row and type(row[0]) is int else None) != state.after:  # another build stored since this one began
        return
    rows = [(variant, page, key, sha, attachments, text) for page, key, text, attachments, sha in state.rendered]
    conn.executemany("INSERT OR REPLACE INTO _pages VALUES (?, ?, ?, ?, ?, ?)", rows)
    if state.whole:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _current (page TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp._current")
        conn.executemany("INSERT OR IGNORE INTO temp._current VALUES (?)", [(p,) for p in state.current])
        conn.execute("DELETE FROM _pages WHERE variant = ? AND page NOT IN (SELECT page FROM temp._current)", (variant,))
        for table in ("_site_files", "_site_reads", "_site_readers"):
            conn.execute(f"DELETE FROM {table} WHERE variant = ?", (variant,))
    else:  # the same pages as the last build's (the same base): only those not stored again go
        conn.executemany("DELETE FROM _pages WHERE variant = ? AND page = ?", [(variant, p) for p in state.gone])
    conn.executemany("INSERT OR REPLACE INTO _site_files VALUES (?, ?, ?, ?, ?, ?)", [(variant, *f) for f in state.files])
    _store_reads(conn, variant, state.reads, state.whole)
    conn.execute("INSERT OR REPLACE INTO _site_meta VALUES (?, ?, ?)", (variant, state.base, (state.after or 0) + 1))


def _store_reads(conn: sqlite3.Connection, variant: str, reads: dict[str, list[str]], whole: bool) -> None:
    """The files these pages read now, and the pages that read each file, amended (or, with
    `whole`, made) from them."""
    before: dict[str, list[str]] = {}
    if not whole:
        for page in reads:
            row = conn.execute("SELECT paths FROM _site_reads WHERE variant = ? AND page = ?", (variant, page)).fetchone()
            before[page] = (json_names(row[0]) or []) if row else []
    conn.executemany("INSERT OR REPLACE INTO _site_reads VALUES (?, ?, ?)", [(variant, page, json.dumps(paths)) for page, paths in reads.items()])
    added: dict[str, set[str]] = {}
    dropped: dict[str, set[str]] = {}
    for page, paths in reads.items():
        old, new = set(before.get(page, ())), set(paths)
        for path in new - old:
            added.setdefault(path, set()).add(page)
        for path in old - new:
            dropped.setdefault(path, set()).add(page)
    rows = []
    for path in sorted(set(added) | set(dropped)):
        row = None if whole else conn.execute("SELECT pages FROM _site_readers WHERE variant = ? AND path = ?", (variant, path)).fetchone()
        pages = (set(json_names(row[0]) or []) if row else set()) - dropped.get(path, set()) | added.get(path, set())
        rows.append((variant, path, json.dumps(sorted(pages))))
    conn.executemany("INSERT OR REPLACE INTO _site_readers VALUES (?, ?, ?)", rows)


def json_names(text: object) -> list[str] | None:
    """A JSON list of names kept in the index; None for anything else (the index is data)."""
    try:
        names = json.loads(text)  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):
        return None
    return names if isinstance(names, list) and all(isinstance(n, str) for n in names) else None
