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


WORDS = {
    "da": {"overdue": "overskredet", "item": "punkt", "true": "ja", "false": "nej"},
    "en": {"overdue": "overdue", "item": "item", "true": "yes", "false": "no"},
}


def _due(row: dict[str, Any], lang: str = "en") -> str:
    """A due date, and overdue said in words: never by colour alone."""
    return _join(row.get("due")) + (f" ({WORDS[lang]['overdue']})" if row.get("overdue") else "")


def _measure(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    return f"{value.get('value')}" + (f" ({value['date']})" if value.get("date") else "")


# (header, the cell of a row in a language, the fields it reads): the fields say what a row
# in brief must hold.
Column = tuple[str, Callable[[dict[str, Any], str], str], tuple[str, ...]]


def _field(name: str, fn: Callable[[Any], str] = _join) -> Column:
    return name, lambda row, lang: fn(row.get(name)), (name,)


# `actions --by owner`: one table per owner, each action with the decision it came from.
BY_OWNER: list[Column] = [
    _field("what"),
    ("due", _due, ("due", "overdue")),
    _field("status"),
    (
        "decision",
        lambda r, lang: f"{_titled(r)}, {WORDS[lang]['item']} {r.get('item')}: {r.get('item_title')}",
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
        ("period", lambda r, lang: " – ".join(filter(None, [(r.get("period") or {}).get("from"), (r.get("period") or {}).get("to")])), ("period",)),
    ],
    "initiatives": [_field("id"), _field("title"), _field("status"), _field("category"), _field("target_groups")],
    "bodies": [_field("id"), _field("name"), _field("type"), _field("parent"), _field("members", _count)],
    "people": [_field("id"), _field("name"), _field("title"), _field("organisation")],
    "items": [_field("id"), _field("date"), _field("number"), _field("title"), _field("type"), _field("closed")],
    "actions": [
        ("meeting", lambda r, lang: _join(r.get("meeting_title") or r.get("meeting")), ("meeting_title", "meeting")),
        _field("date"),
        _field("item"),
        _field("what"),
        ("owners", lambda r, lang: _join(r.get("owner_names") or r.get("owners")), ("owner_names", "owners")),
        ("due", _due, ("due", "overdue")),
        _field("status"),
    ],
    "actions_by_owner": BY_OWNER,
    # `actions --by owner` piped: one table, the owner in the first column.
    "actions_by_owner_rows": [("owner", lambda r, lang: _join(r.get("owner_name")), ("owner_name",)), *BY_OWNER],
    "goals": [_field("id"), _field("title"), _field("latest", _measure), _field("target", _measure)],
    "milestones": [_field("id"), _field("title"), _field("date"), _field("status"), _field("depends_on")],
}


def table_fields(kind: str) -> set[str]:
    """The fields a table of this kind reads."""
    return {name for _, _, fields in TABLE_COLUMNS[kind] for name in fields}


# A terminal table in Danish: its headers, the values of its fixed vocabularies (`values`,
# render/labels.VALUES) and its count line. Piped, a table keeps the fields' own names and
# values: scripts and grep read those.
HEADERS_DA = {
    "date": "dato", "body": "råd/udvalg", "title": "titel", "items": "punkter", "owner": "ansvarlig",
    "period": "periode", "category": "kategori", "target_groups": "målgrupper", "name": "navn",
    "parent": "under", "members": "medlemmer", "organisation": "organisation", "number": "nr.",
    "closed": "lukket", "meeting": "møde", "item": "punkt", "what": "opgave", "owners": "ansvarlige",
    "due": "frist", "decision": "beslutning", "latest": "seneste", "target": "mål", "depends_on": "afhænger af",
}  # fmt: skip
VOCABULARY_COLUMNS = ("status", "type", "category", "mode")
# Columns whose values are never split across lines in a terminal: ids, dates, numbers.
WHOLE = frozenset({"id", "date", "start", "body", "status", "number", "item", "due", "owner", "period"})
KIND_WORDS = {
    "da": {"meetings": ("møde", "møder"), "plans": ("plan", "planer"), "initiatives": ("indsats", "indsatser"),
           "bodies": ("råd/udvalg", "råd og udvalg"), "people": ("person", "personer"), "items": ("punkt", "punkter"),
           "actions": ("opfølgning", "opfølgninger"), "goals": ("mål", "mål"), "milestones": ("milepæl", "milepæle")},
    "en": {"meetings": ("meeting", "meetings"), "plans": ("plan", "plans"), "initiatives": ("initiative", "initiatives"),
           "bodies": ("body", "bodies"), "people": ("person", "people"), "items": ("item", "items"),
           "actions": ("action", "actions"), "goals": ("goal", "goals"), "milestones": ("milestone", "milestones")},
}  # fmt: skip


def counted(n: int, kind: str, lang: str = "en") -> str:
    """"1 møde", "3 møder"; "1 action", "2 actions"."""
    one, many = KIND_WORDS[lang].get(kind, (kind, kind))
    return f"{n} {one if n == 1 else many}"


def table(kind: str, rows: list[dict[str, Any]], lang: str = "en", values: dict[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    """Headers and string cells for a table of this kind; in Danish (lang "da") for a person
    at a terminal, with `values` naming the vocabularies' values in words."""
    columns = TABLE_COLUMNS.get(kind) or [_field(f) for f in known_fields(rows)[:6]]
    names = [name for name, _, _ in columns]
    cells = [[fn(row, lang) for _, fn, _ in columns] for row in rows]
    if values:
        for i, name in enumerate(names):
            if name in VOCABULARY_COLUMNS:
                for row in cells:
                    row[i] = values.get(row[i], row[i])
            elif name == "closed":
                for row in cells:
                    row[i] = WORDS[lang].get(row[i].lower(), row[i])
    headers = [HEADERS_DA.get(name, name) for name in names] if lang == "da" else names
    return headers, cells


def whole_columns(kind: str, rows: list[dict[str, Any]]) -> list[bool]:
    """For each column of the table: whether its values are kept whole (never split)."""
    columns = TABLE_COLUMNS.get(kind) or [_field(f) for f in known_fields(rows)[:6]]
    return [name in WHOLE for name, _, _ in columns]
