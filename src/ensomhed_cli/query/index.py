"""The index: one SQLite database of every record's rows, kept up to date file by file.

`check` fills it (check/incremental.py): a file that changed is parsed once, and what
the check needs and what the index needs come from that one parse. It is check's one
store: each file's own problems and summary are kept in `_files` beside its key, and
the last whole result in `_meta`, with a generation counted by every update (check/kept.py
says what they are). Every reading
command (`list`, `show`, `actions`, `query`, `calendar`, `export`) then reads the index
instead of loading the repository: the tables `query` shows are views over it
(query/index_schema.py), `list` reads each row as JSON.

It lives in `.ensomhed-cache/index.sqlite`, and in memory for a small repository or
when there is no cache. It is data, never trusted as more:
a file that is not exactly the schema this version writes (a committed or forged
index, one from another version) is emptied and made again under its write lock (one
that is no database, or damaged, is deleted), links are removed, SQLite
runs with `trusted_schema` off, and an index from other settings or another version
of ensomhed is emptied (the fingerprint `check` keys its cache on). Updates are one
transaction each, so a reader never sees half of one, and two runs at once wait for
each other rather than break the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from ensomhed_cli import fsio
from ensomhed_cli.check.kept import INDEX_FILE, Entry, LastResult, entry_of, problems_of, read_last
from ensomhed_cli.query.index_rows import _storable, insert_rows
from ensomhed_cli.query.index_schema import statements, stored_tables
from ensomhed_cli.query.index_site import SiteState, json_names, keep_pages

__all__ = ["INDEX_FILE", "Index", "SiteState", "_storable", "index_of", "json_names", "kept_in", "known_files"]

# A file as check parsed it: path, size, mtime, summary, payload (None: not a valid record)
# and, from check, its own problems (none from a library caller's records: index_of).
ParsedFile = tuple[Any, ...]

# 6: each valid record whole, as JSON (_records); 7: every table indexed by file; 8: what a build was made of (_site_*);
# 9: check's one store (each file's problems and summary in _files, the last result in _meta)
INDEX_FORMAT = "9"
BUSY_SECONDS = 30.0  # how long to wait for another ensomhed writing the index
_SIDE_FILES = ("", "-journal", "-wal", "-shm")


def record_payload(record: Any) -> dict:
    """What the index keeps of one record; run in check's workers (a plain function, so it pickles)."""
    from ensomhed_cli.query.record_tables import payload

    return payload(record)


def _expected_schema() -> set[tuple[str, str]]:
    return {(sql.split()[1].lower(), sql) for sql in statements()}


class Index:
    """The index of one repository; `attach` opens it, `store` adds what was parsed."""

    payload = staticmethod(record_payload)

    def __init__(self, only_on_disk: bool = False) -> None:
        # check fills an index kept only for the reading commands where it keeps its cache
        # on disk: an index in memory, of a small repository, would be thrown away unread.
        self.only_on_disk = only_on_disk
        self.conn: sqlite3.Connection | None = None
        self.file: Path | None = None
        self.broken = False  # an update failed (a full disk, a lock held too long): build one in memory

    # --- what check/incremental.py calls ---------------------------------------------

    def attach(self, cache_dir: Path | None, fingerprint: str) -> None:
        """Open the index in cache_dir (None, or where it cannot be made: in memory), emptied if made from other settings."""
        key = f"{INDEX_FORMAT}/{fingerprint}"
        if cache_dir is not None:
            try:  # the folder, with its .gitignore: never committed
                cache_dir.mkdir(exist_ok=True)
                if not (cache_dir / ".gitignore").exists():
                    fsio.write_atomic(cache_dir / ".gitignore", "*\n", within=cache_dir.parent)
                self.conn = self._open_file(cache_dir / INDEX_FILE, key)
                self.file = cache_dir / INDEX_FILE
                return
            except (OSError, sqlite3.Error):
                self.conn, self.file = None, None  # a read-only or broken folder: in memory instead
        self.conn = _create(sqlite3.connect(":memory:"), key)

    def _open_file(self, path: Path, key: str) -> sqlite3.Connection:
        """The file, judged in a read and, where it is not exactly ours, judged again and emptied and
        made under its write lock (two runs never judge a file the other is making, and a reading
        command takes no write lock); deleted where it is no database."""
        for _ in range(2):
            _remove_links(path)
            inode = path.stat().st_ino if path.exists() else None
            conn = _connect(path)
            try:
                if inode is not None and _ours_as_read(conn, path, key):
                    return conn  # nearly always: judged in a read, no write lock taken
                conn.execute("BEGIN IMMEDIATE")  # one run at a time judges again and makes it
                if not _ours(conn, path, key):
                    _make(conn, key)
                conn.execute("COMMIT")
                return conn
            except sqlite3.OperationalError:  # a lock held too long, a full disk: left as it is
                conn.close()
                raise
            except sqlite3.DatabaseError:  # not a database, or damaged: deleted, if it is still the one judged
                conn.close()
                if inode is not None and path.exists() and path.stat().st_ino == inode:
                    for suffix in _SIDE_FILES:
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise OSError(f"{path} cannot be made an index")

    @property
    def stamp(self) -> str | None:
        """The check stamp (every file's path, size and time) the index was last made from."""
        return _meta(self._conn, "stamp")

    def known(self) -> dict[str, tuple[int, int]]:
        """Path -> (size, mtime) of every file the index holds."""
        try:
            return {path: (size, mtime) for path, size, mtime in self._conn.execute("SELECT path, size, mtime FROM _files")}
        except sqlite3.Error:
            return {}

    def entries(self, paths: Collection[str]) -> tuple[int, dict[str, Entry]]:
        """The generation, and check's entry of each of these files the index holds as written, read at once."""
        wanted = sorted(set(paths))

        def read(conn: sqlite3.Connection) -> dict[str, Entry]:
            found = []
            for start in range(0, len(wanted), 500):  # SQLite's limit on parameters
                chunk = wanted[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                found += conn.execute(f"SELECT path, size, mtime, diags, summary FROM _files WHERE path IN ({marks})", chunk).fetchall()
            return _entries(found)

        generation, found = _snapshot(self._conn, read)
        return generation, found or {}

    def all_entries(self) -> tuple[int, dict[str, Entry], list | None]:
        """The generation, check's entry of every file, and the settings' own problems, read at once."""

        def read(conn: sqlite3.Connection) -> tuple[dict[str, Entry], list | None]:
            return _entries(conn.execute("SELECT path, size, mtime, diags, summary FROM _files")), problems_of(_meta(conn, "config"))

        generation, found = _snapshot(self._conn, read)
        return (generation, *found) if found is not None else (generation, {}, None)

    def last_result(self) -> LastResult | None:
        """check's last whole result, with the generation it was stored in; None where there is none as written."""
        try:
            kept = dict(self._conn.execute("SELECT key, value FROM _meta WHERE key IN ('result', 'result_at')").fetchall())
        except sqlite3.Error:
            return None
        return read_last(kept.get("result"), kept.get("result_at"))

    def store(
        self, stamp: str | None, parsed: Sequence[ParsedFile], gone: set[str], *, config: list | None = None, result: LastResult | None = None
    ) -> None:
        """Replace the files parsed (path, size, mtime, summary, payload, problems) and forget those
        gone, in one transaction; then the stamp (None: not every file could be stated, or more
        are to come), the settings' own problems and the last result where given, and the next
        generation. Rows are deleted only where the index holds one of the files: asked inside
        the transaction, so a run filling the index at the same time is never doubled."""
        conn = self._conn

        def replace() -> None:
            replaced = [p for p, *_ in parsed] + sorted(gone)
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS _replaced (path TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM temp._replaced")
            conn.executemany("INSERT OR IGNORE INTO temp._replaced VALUES (?)", [(p,) for p in replaced])
            if conn.execute("SELECT 1 FROM _files WHERE path IN (SELECT path FROM temp._replaced) LIMIT 1").fetchone():
                for table in ("_files", "_labels", "_rows", "_refs", "_records", *(f"t_{t}" for t in stored_tables())):
                    column = "path" if table == "_files" else "_path"
                    conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT path FROM temp._replaced)")
            insert_rows(conn, parsed)
            generation = str(_generation(conn) + 1)
            kept = [("stamp", stamp), ("generation", generation)]
            if config is not None:
                kept.append(("config", json.dumps(config, ensure_ascii=False)))
            if result is not None:
                kept += [("result", result.to_json()), ("result_at", generation)]
            conn.executemany("INSERT OR REPLACE INTO _meta VALUES (?, ?)", kept)

        if not _transaction(conn, replace):
            self.broken = True

    def store_pages(self, variant: str, state: SiteState) -> None:
        """A build's pages and what they were made of (render/site_state.py), in one
        transaction (query/index_site.py); a failure only costs the reuse."""
        conn = self._conn
        _transaction(conn, lambda: keep_pages(conn, variant, state))

    def update_output(self, folder: str, update: Callable[[dict | None], dict | None]) -> None:
        """Run `update` with the manifest kept of the folder (render/site_folder.py; None when
        none is) while holding the index's write lock, so builds of the repository update
        the folder one at a time; keep the manifest it returns (None: forget the folder's)."""
        conn = self._conn
        ran = False

        def amend() -> None:
            nonlocal ran
            ran = True
            rows = conn.execute("SELECT file, size, mtime, inode, digest FROM _site_output WHERE folder = ?", (folder,)).fetchall()
            before = {file: tuple(values) for file, *values in rows}
            after = update(before or None) or {}
            conn.executemany("DELETE FROM _site_output WHERE folder = ? AND file = ?", [(folder, f) for f in before if f not in after])
            new = [(folder, f, *v) for f, v in after.items() if before.get(f) != tuple(v)]
            conn.executemany("INSERT OR REPLACE INTO _site_output VALUES (?, ?, ?, ?, ?, ?)", new)

        if not _transaction(conn, amend) and not ran:  # the lock refused: no manifest, nothing in place
            update(None)

    # --- what the commands read ------------------------------------------------------

    @property
    def _conn(self) -> sqlite3.Connection:
        if self.conn is None:
            raise RuntimeError("the index is not open: check(root, index=…) opens it")
        return self.conn

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def reader(self) -> sqlite3.Connection:
        """A connection for a user's query: the file opened read-only, or the one in memory."""
        return self._conn if self.file is None else _read_only(self.file)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def kept_in(cache_dir: Path) -> bool:
    """Whether the cache folder holds an index (a file, neither it nor the folder a link)."""
    path = cache_dir / INDEX_FILE
    return not cache_dir.is_symlink() and not path.is_symlink() and path.is_file()


def known_files(cache_dir: Path, fingerprint: str) -> dict[str, tuple[int, int, str | None, str | None]] | None:
    """Path -> (size, mtime, kind, id) of every file an index in cache_dir holds, read without
    writing anything; None where there is no index of this version and these settings."""
    if not kept_in(cache_dir):
        return None
    try:
        conn = _read_only(cache_dir / INDEX_FILE)
        try:
            if not _trusted(conn) or _meta(conn, "key") != f"{INDEX_FORMAT}/{fingerprint}":
                return None
            return {p: (size, mtime, kind, rid) for p, size, mtime, kind, rid in conn.execute("SELECT path, size, mtime, kind, id FROM _files")}
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    conn.execute("PRAGMA trusted_schema = OFF")  # a view or trigger can never call an unsafe function
    return conn


def _create(conn: sqlite3.Connection, key: str) -> sqlite3.Connection:
    conn.isolation_level = None
    conn.execute("BEGIN IMMEDIATE")
    _make(conn, key)
    conn.execute("COMMIT")
    return conn


def _ours(conn: sqlite3.Connection, path: Path, key: str) -> bool:
    """Whether the file is whole (as long as its header says: a copy cut short is malformed
    past its end), exactly this version's schema, and of these settings."""
    size = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    return path.stat().st_size >= size and _trusted(conn) and _meta(conn, "key") == key


def _ours_as_read(conn: sqlite3.Connection, path: Path, key: str) -> bool:
    """_ours, judged in one read transaction: a file another run is making reads as not yet ours
    (the caller then judges again under the write lock), never as half made."""
    conn.execute("BEGIN")
    try:
        return _ours(conn, path, key)
    finally:
        _rollback(conn)


def _make(conn: sqlite3.Connection, key: str) -> None:
    """Every table and view dropped (their indexes and triggers with them), and the schema made, in the open transaction."""
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%'").fetchall():
        conn.execute(f'DROP {"VIEW" if kind == "view" else "TABLE"} IF EXISTS "{str(name).replace(chr(34), chr(34) * 2)}"')
    for sql in statements():
        conn.execute(sql)
    conn.execute("INSERT INTO _meta VALUES ('key', ?)", (key,))


def _transaction(conn: sqlite3.Connection, work: Callable[[], None]) -> bool:
    """Run `work` in one write transaction; False where SQLite refused it (nothing kept).
    Any other failure rolls it back and is raised."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:
        return False
    try:
        work()
        conn.execute("COMMIT")
    except sqlite3.Error:
        _rollback(conn)
        return False
    except BaseException:
        _rollback(conn)
        raise
    return True


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the transaction, where SQLite has not already (a full disk ends it by itself):
    a ROLLBACK then would raise `cannot rollback` over the failure that matters."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _snapshot(conn: sqlite3.Connection, read: Callable[[sqlite3.Connection], Any]) -> tuple[int, Any]:
    """(the generation, what `read` finds) in one read transaction: no update between the two;
    (-2, None) where SQLite refused the read."""
    try:
        conn.execute("BEGIN")
        try:
            return _generation(conn), read(conn)
        finally:
            _rollback(conn)  # nothing was written: the read transaction ends
    except sqlite3.Error:
        return -2, None


def _generation(conn: sqlite3.Connection) -> int:
    try:
        return int(_meta(conn, "generation") or 0)
    except ValueError:  # data: not a number as written
        return 0


def _entries(rows: Iterable[tuple]) -> dict[str, Entry]:
    return {path: entry for path, *row in rows if (entry := entry_of(*row)) is not None}


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM _meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _trusted(conn: sqlite3.Connection) -> bool:
    """Exactly the tables, indexes and views this version makes, and nothing else (no trigger)."""
    found = {(kind, sql) for kind, sql in conn.execute("SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    return found == _expected_schema()


def _remove_links(path: Path) -> None:
    """A link where the index or its journal would be could make SQLite write anywhere: removed."""
    for suffix in _SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.is_symlink() or (os.path.lexists(side) and not side.is_file()):
            try:
                side.unlink()
            except OSError:
                raise OSError(f"{side} is not a file and cannot be removed") from None


def index_of(repo: Any) -> Index:
    """An index in memory of a loaded repository's records (for a library caller's query)."""
    index = Index()
    index.attach(None, "memory")
    parsed = [
        (record.path or f"<{i}>", -1, -1, [record.path, record.kind, record.id, True], record_payload(record))
        for i, record in enumerate(repo.records)
    ]
    index.store(None, parsed, set())
    return index
