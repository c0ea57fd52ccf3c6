"""Every text of a record as written, and where a piece found in one stands in the file.

The rules that read text rather than fields (rules/personal_data.py, rules/closed_parts.py)
walk the parsed mapping, so that they judge a record with schema errors too, and report a
finding at the line and column where it is written: in the Markdown body by its own line,
in a value by finding the text on the file's lines from where the value begins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ensomhed_cli.diagnostics import Diagnostic
from ensomhed_cli.format.source import SourceDoc

# What public output shows of a closed item: the rest of it is closed text.
NOT_PUBLISHED_OF_A_CLOSED_ITEM = frozenset({"number", "title", "closed", "public_decision"})


def texts(data: dict) -> Iterator[tuple[tuple, str, bool]]:
    """(value path, text, whether it is closed text as a whole) of every text in a record."""
    items = data.get("items") if data.get("kind") == "meeting" else None
    closed_items = {i for i, item in enumerate(items if isinstance(items, list) else []) if isinstance(item, dict) and is_true(item.get("closed"))}
    for loc, value in _walk(data, ()):
        closed = False
        if len(loc) >= 3 and loc[0] == "items" and loc[1] in closed_items and loc[2] not in NOT_PUBLISHED_OF_A_CLOSED_ITEM:
            closed = True
        elif len(loc) >= 4 and loc[0] == "items" and loc[2] in ("sections", "attachments") and isinstance(loc[3], int):
            part = _at(data, loc[:4])
            closed = isinstance(part, dict) and is_true(part.get("closed"))
        yield loc, value, closed


def _walk(node: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*loc, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*loc, i))
    elif isinstance(node, str):
        yield loc, node


def _at(data: Any, loc: tuple) -> Any:
    for part in loc:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def is_true(value: Any) -> bool:
    """A boolean as written (true, yes, ja), before the schema reads it."""
    return isinstance(value, str) and value.strip().lower() in ("true", "yes", "ja")


def body_text(doc: SourceDoc) -> str | None:
    """A Markdown record's body (its description), where it has one."""
    return doc.body if doc.body and doc.body.strip() else None


def located(doc: SourceDoc, loc: tuple, text: str, offset: int, body: bool, severity: str, code: str, message: str) -> Diagnostic:
    """At the line and column of what was found: in the body by its own line; in a value by
    finding the text on the lines of the file from where the value begins."""
    before = text[:offset]
    line_in_text = before.count("\n")
    col_in_text = offset - (before.rfind("\n") + 1)
    if body:
        return Diagnostic(doc.path, doc.body_line + line_in_text, col_in_text + 1, severity, code, message, _record_id(doc))
    line, col = doc.locator.value(loc)
    needle = text[offset : offset + 12].split("\n")[0]
    place = _find_in_file(doc, line, needle)
    if place is not None:
        line, col = place
    return Diagnostic(doc.path, line, col, severity, code, message, _record_id(doc))


def _find_in_file(doc: SourceDoc, from_line: int, needle: str) -> tuple[int, int] | None:
    lines = doc.locator.source_lines()
    for n in range(max(from_line - 1, 0), len(lines)):
        col = lines[n].find(needle) if needle else -1
        if col >= 0:
            return n + 1, col + 1
    return None


def _record_id(doc: SourceDoc) -> str | None:
    record_id = doc.data.get("id") if doc.data else None
    return record_id if isinstance(record_id, str) else None
