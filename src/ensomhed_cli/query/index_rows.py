"""A parsed file's rows as the index stores them: its key and check's entry in `_files`, its record's tables."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ensomhed_cli.query.index_schema import columns_of, stored_tables


def insert_rows(conn: sqlite3.Connection, parsed: Sequence[tuple]) -> None:
    """Each parsed file's rows: (path, size, mtime, summary, payload[, problems])."""
    files, labels, rows, refs, records = [], [], [], [], []
    tables: dict[str, list[tuple]] = {table: [] for table in stored_tables()}
    for path, size, mtime, summary, payload, *own in parsed:
        kind, record_id, valid = (summary[1], summary[2], int(bool(summary[3]))) if summary else (None, None, 0)
        diags = json.dumps(own[0] if own else [], ensure_ascii=False)
        files.append((path, size, mtime, kind, record_id, valid, diags, json.dumps(summary, ensure_ascii=False)))
        if payload is None:
            continue
        labels.append((path, payload["id"], payload["kind"], payload["label"], payload["refs"]))
        records.append((path, payload["kind"], payload["record"]))
        roster = set(payload["roster"])
        refs += [(path, ref, int(ref in roster)) for ref in payload["targets"]]
        rows += [(path, *listed[:3], seq, *listed[3:]) for seq, listed in enumerate(payload["rows"])]
        seqs: dict[str, int] = {}
        for table, key, values in payload["tables"]:
            seq = seqs[table] = seqs.get(table, -1) + 1
            tables[table].append((path, key, seq, *values))
    conn.executemany("INSERT INTO _files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", files)
    conn.executemany("INSERT INTO _labels VALUES (?, ?, ?, ?, ?)", labels)
    conn.executemany("INSERT INTO _rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO _refs VALUES (?, ?, ?)", refs)
    conn.executemany("INSERT INTO _records VALUES (?, ?, ?)", records)
    for table, values in tables.items():
        if values:
            marks = ", ".join("?" for _ in range(3 + len(columns_of(table))))
            insert = f"INSERT INTO t_{table} VALUES ({marks})"
            conn.execute("SAVEPOINT rows")
            try:
                conn.executemany(insert, values)
            except OverflowError:  # rare (a library caller's record): converted only then
                conn.execute("ROLLBACK TO rows")
                conn.executemany(insert, [tuple(map(_storable, row)) for row in values])
            conn.execute("RELEASE rows")


def _storable(value: Any) -> Any:
    """SQLite holds 64-bit integers; a larger one is kept as text rather than fail the update."""
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        return str(value)
    return value
