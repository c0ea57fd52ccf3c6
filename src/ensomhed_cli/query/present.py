"""Rows as JSON, CSV or table cells. No Rich here: the CLI draws the table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ensomhed_cli.format.daytext import names_day
from ensomhed_cli.query.rows import known_fields


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A cell for CSV: record text that a spreadsheet would run as a formula gets a
    leading apostrophe, so it is shown as the text it is; numbers stay numbers."""
    text = _cell(value)
    if not isinstance(value, (int, float)) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(rows: list[dict[str, Any]], fields: list[str] | None = None) -> str:
    fields = fields or known_fields(rows)
    buffer = io.StringIO()
    plain = csv.writer(buffer, lineterminator="\n")
    # The csv module quotes a cell holding the line terminator, but not a lone CR, which
    # a reader takes as the end of the row: such a row is written fully quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for cells in [[csv_cell(f) for f in fields], *([csv_cell(row.get(f)) for f in fields] for row in rows)]:
        (quoted if any("\r" in cell for cell in cells) else plain).writerow(cells)
    return buffer.getvalue()


def _join(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_join(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("person") or value.get("id") or value.get("value") or "")
    return "" if value is None else str(value)


def _count(value: Any) -> str:
    return str(len(value)) if isinstance(value, list) else _join(value)


def _due(row: dict[str, Any]) -> str:
    """A due date, and overdue said in words: never by colour alone."""
    return _join(row.get("due")) + (" (overdue)" if row.get("overdue") else "")


def _measure(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    return f"{value.get('value')}" + (f" ({value['date']})" if value.get("date") else "")


# (header, the cell of a row, the fields it reads): the fields say what a row in brief must hold.
Column = tuple[str, Callable[[dict[str, Any]], str], tuple[str, ...]]


def _field(name: str, fn: Callable[[Any], str] = _join) -> Column:
    return name, lambda row: fn(row.get(name)), (name,)


# `actions --by owner`: one table per owner, each action with the decision it came from.
BY_OWNER: list[Column] = [
    _field("what"),
    ("due", _due, ("due", "overdue")),
    _field("status"),
    (
        "decision",
        lambda r: f"{_titled(r)}, item {r.get('item')}: {r.get('item_title')}",
        ("meeting_title", "meeting", "date", "item", "item_title"),
    ),
]


def _titled(row: dict[str, Any]) -> str:
    """A meeting by its title and date, the date once: not where the title names it."""
    title = _join(row.get("meeting_title") or row.get("meeting"))
    return title if names_day(title, row.get("date")) else f"{title} {row.get('date')}"

TABLE_COLUMNS: dict[str, list[Column]] = {
    "meetings": [_field("id"), _field("date"), _field("start"), _field("body"), _field("title"), _field("status"), _field("items", _count)],
    "plans": [
        _field("id"), _field("title"), _field("status"), _field("owner"),
        ("period", lambda r: " – ".join(filter(None, [(r.get("period") or {}).get("from"), (r.get("period") or {}).get("to")])), ("period",)),
    ],
    "initiatives": [_field("id"), _field("title"), _field("status"), _field("category"), _field("target_groups")],
    "bodies": [_field("id"), _field("name"), _field("type"), _field("parent"), _field("members", _count)],
    "people": [_field("id"), _field("name"), _field("title"), _field("organisation")],
    "items": [_field("id"), _field("date"), _field("number"), _field("title"), _field("type"), _field("closed")],
    "actions": [
        ("meeting", lambda r: _join(r.get("meeting_title") or r.get("meeting")), ("meeting_title", "meeting")),
        _field("date"),
        _field("item"),
        _field("what"),
        ("owners", lambda r: _join(r.get("owner_names") or r.get("owners")), ("owner_names", "owners")),
        ("due", _due, ("due", "overdue")),
        _field("status"),
    ],
    "actions_by_owner": BY_OWNER,
    # `actions --by owner` piped: one table, the owner in the first column.
    "actions_by_owner_rows": [("owner", lambda r: _join(r.get("owner_name")), ("owner_name",)), *BY_OWNER],
    "goals": [_field("id"), _field("title"), _field("latest", _measure), _field("target", _measure)],
    "milestones": [_field("id"), _field("title"), _field("date"), _field("status"), _field("depends_on")],
}


def table_fields(kind: str) -> set[str]:
    """The fields a table of this kind reads."""
    return {name for _, _, fields in TABLE_COLUMNS[kind] for name in fields}


def table(kind: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Headers and string cells for a terminal table of this kind."""
    columns = TABLE_COLUMNS.get(kind) or [_field(f) for f in known_fields(rows)[:6]]
    headers = [name for name, _, _ in columns]
    return headers, [[fn(row) for _, fn, _ in columns] for row in rows]
