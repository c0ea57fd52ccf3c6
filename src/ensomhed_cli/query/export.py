"""Every SQL table of the records written out as files, for analysis beyond one repository:

    written = export_tables(repo, Path("eksport"), formats=("csv", "jsonl"), public=True)

The tables are those `ensomhed query` reads (query/sql.py SCHEMA), one file per table and
format: CSV, JSON Lines, and Parquet where pyarrow is installed; `schema.json` describes
every column. The records of many municipalities can then be read together, for example
by DuckDB: `SELECT * FROM read_csv('*/meetings.csv')`.

The folder is written whole (a staging folder swapped in) and marked as ensomhed's own,
like a site. With `public`, a closed item keeps its number and title only, and nothing
that belongs to it (actions, votes, statements, attachments …) is written; follow-up
actions are written only with `public_actions` (the settings' `public: {actions: true}`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ensomhed_cli.diagnostics import say
from ensomhed_cli.format.closed_text import LEFT_OUT, without_closed
from ensomhed_cli.format.config import RECORDS_DIR
from ensomhed_cli.fsio import guard_output, refuse_replacing, replace_folder, write_atomic
from ensomhed_cli.query.present import to_csv
from ensomhed_cli.query.sql import ANY, SCHEMA, schema_json, table_rows

if TYPE_CHECKING:
    from ensomhed_cli.check.repository import Repository
    from ensomhed_cli.query.index import Index

FORMATS = ("csv", "jsonl", "parquet")
EXPORT_MARKER = ".ensomhed-export"  # {"made_by": "ensomhed", "public": …, "formats": […]}

# In public output a closed item keeps these columns of the items table; the rest are empty.
PUBLIC_ITEM_COLUMNS = {"meeting", "number", "parent", "position", "title", "closed", "public_decision"}


class ExportUnavailable(Exception):
    """A format was asked for whose library is not installed (Parquet needs pyarrow)."""


def public_rows(rows: dict[str, list[tuple]], actions: bool = False) -> dict[str, list[tuple]]:
    """The rows with closed items reduced to number, title and the decision to publish, and
    every row that belongs to a closed item (in a table keyed by meeting and item) left out;
    a lukket bilag without title or address, closed text (`::: lukket`) left out of every
    text, no person's e-mail address, and follow-up actions only where the settings
    publish them (`public: {actions: true}`)."""
    items_columns = [name for name, _, _ in SCHEMA["items"][1]]
    closed_at = items_columns.index("closed")
    closed = {(row[0], row[1]) for row in rows["items"] if row[closed_at]}
    out = {}
    for table, values in rows.items():
        names = [name for name, _, _ in SCHEMA[table][1]]
        if table == "items":
            keep = [name in PUBLIC_ITEM_COLUMNS for name in names]
            out[table] = [
                tuple(v if k else None for v, k in zip(row, keep, strict=True)) if row[closed_at] else row for row in values
            ]
        elif table in ("actions", "action_owners") and not actions:
            out[table] = []
        elif table == "attachments":
            closed_at_att = names.index("closed")
            kept = [row for row in values if (row[0], row[1]) not in closed]
            out[table] = [(row[0], row[1], None, None, None, 1) if row[closed_at_att] else row for row in kept]
        elif table == "people":
            email = names.index("email")
            out[table] = [tuple(None if i == email else v for i, v in enumerate(row)) for row in values]
        elif names[:2] == ["meeting", "item"]:
            out[table] = [row for row in values if (row[0], row[1]) not in closed]
        else:
            out[table] = values
    return {table: [tuple(_open_text(v) for v in row) for row in values] for table, values in out.items()}


def _open_text(value):
    return without_closed(value, LEFT_OUT) if isinstance(value, str) and ":::" in value else value


def export_tables(
    source: Repository | Index,
    outdir: Path,
    *,
    root: Path | None = None,
    formats: Iterable[str] = ("csv", "jsonl"),
    public: bool = False,
    public_actions: bool = False,
    force: bool = False,
) -> list[Path]:
    """Write every table in the formats asked for; returns the files written.

    `source` is a loaded repository, or the index of the repository at `root`.
    Raises WriteRefused (a folder that is not ensomhed's, or is among the records) and
    ExportUnavailable (Parquet without pyarrow) before anything is written."""
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown export format {', '.join(unknown) or '(none)'}; expected {', '.join(FORMATS)}")
    pyarrow = _pyarrow() if "parquet" in formats else None
    guard_output(outdir, (root or source.root) / RECORDS_DIR, folder=True)  # type: ignore[union-attr]
    refuse_replacing(outdir, EXPORT_MARKER, public=public, force=force, what="export", making="export")
    rows = table_rows(source)
    if public:
        rows = public_rows(rows, public_actions)
    files: dict[str, bytes | str] = {"schema.json": schema_json() + "\n"}
    for table, values in rows.items():
        names = [name for name, _, _ in SCHEMA[table][1]]
        if "csv" in formats:
            files[f"{table}.csv"] = to_csv([dict(zip(names, row, strict=True)) for row in values], names)
        if "jsonl" in formats:
            files[f"{table}.jsonl"] = "".join(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n" for row in values)
        if pyarrow is not None:
            files[f"{table}.parquet"] = _parquet(pyarrow, table, names, values)
    files[EXPORT_MARKER] = json.dumps({"made_by": "ensomhed", "public": public, "formats": list(formats)}) + "\n"

    def fill(staging: Path) -> None:
        for name, data in files.items():
            write_atomic(staging / name, data, within=staging)

    replace_folder(outdir, fill)
    return [outdir / name for name in files if name != EXPORT_MARKER]


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ExportUnavailable(say("Parquet kræver pyarrow: pip install pyarrow", "Parquet needs pyarrow: pip install pyarrow")) from None
    return pyarrow


_ARROW_TYPES = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64", ANY: "string"}


def _parquet(pyarrow: Any, table: str, names: list[str], values: list[tuple]) -> bytes:
    """One table as Parquet, typed by the schema; an item number (7, or 7.1 as text) as text."""
    kinds = [kind for _, kind, _ in SCHEMA[table][1]]
    columns = {}
    for i, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        column = [row[i] for row in values]
        if kind == ANY:
            column = [None if v is None else str(v) for v in column]
        columns[name] = pyarrow.array(column, type=getattr(pyarrow, _ARROW_TYPES[kind])())
    sink = pyarrow.BufferOutputStream()
    pyarrow.parquet.write_table(pyarrow.table(columns), sink)
    return sink.getvalue().to_pybytes()
