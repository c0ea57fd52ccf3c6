"""Finding one's way in the records: completion, hover, definition, references, symbols.

Each function takes the Workspace and a record file's path, and answers in 0-based lines
and code-point columns; `Span` is (line, start column, end column) on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ensomhed_cli.check.references import written_goal_refs, written_references
from ensomhed_cli.format.schema import KINDS
from ensomhed_cli.format.source import Locator, parse_text
from ensomhed_cli.live.workspace import Workspace
from ensomhed_cli.live.workspace_text import (
    description_of,
    keys_at,
    place_at,
    reference_kinds,
    values_at,
    yaml_lines,
)

Span = tuple[int, int, int]


@dataclass
class Completion:
    label: str
    kind: str  # "key", "value" or "id"
    detail: str = ""
    documentation: str = ""
    insert: str = ""


@dataclass
class Parsed:
    """A record's text parsed with positions: its mapping and where each value stands."""

    text: str
    lines: list[str]
    data: dict | None
    positions: dict[tuple, tuple[int, int, int, int]]

    @property
    def kind(self) -> str | None:
        kind = (self.data or {}).get("kind")
        return kind if isinstance(kind, str) else None


def parse(ws: Workspace, rel: str) -> Parsed | None:
    text = ws.text(rel)
    if text is None:
        return None
    doc = parse_text(text, rel)
    positions = Locator(rel, text=text).positions if doc.data is not None else {}
    return Parsed(text, text.split("\n"), doc.data, positions)


def token_end(line: str, start: int) -> int:
    """Where the YAML value (or key) beginning at `start` ends on its line."""
    if start >= len(line):
        return start
    if line[start] in "'\"":
        close = line.find(line[start], start + 1)
        return close + 1 if close > 0 else len(line.rstrip())
    end = len(line)
    comment = line.find(" #", start)
    if comment >= 0:
        end = comment
    if "[" in line[:start] or "{" in line[:start]:  # inside a flow collection: up to the next , ] }
        for stop in ",]}":
            found = line.find(stop, start, end)
            if found >= 0:
                end = found
    return max(start, len(line[:end].rstrip()))


def _value_span(parsed: Parsed, loc: tuple) -> Span | None:
    pos = parsed.positions.get(loc)
    if pos is None and loc[-1:] == ("person",):  # an entry written as the id alone: `- bo`
        pos = parsed.positions.get(loc[:-1])
    if pos is None or pos[2] - 1 >= len(parsed.lines):
        return None
    line, col = pos[2] - 1, pos[3] - 1
    return line, col, token_end(parsed.lines[line], col)


def _references(parsed: Parsed) -> list[tuple[tuple, str, str, Span]]:
    """(value path, id, kinds, span of the id) of every reference written in the record."""
    kind = parsed.kind
    if kind is None or parsed.data is None:
        return []
    out = []
    for loc, ref, kinds in written_references(kind, parsed.data):
        span = _value_span(parsed, loc)
        if span is not None:
            line, start, end = span
            if parsed.lines[line][start : start + 1] in ("'", '"'):
                start += 1
            out.append((loc, ref, kinds, (line, start, start + len(ref))))
    for loc_text, plan_id, _goal in written_goal_refs(parsed.data):
        loc = tuple(int(p) if p.isdigit() else p for p in loc_text.split("."))
        span = _value_span(parsed, loc)
        if span is not None:
            line, start, _ = span
            text = parsed.lines[line]
            start += len(text[start:]) - len(text[start:].lstrip(" '\""))
            out.append((loc, plan_id, "plan", (line, start, start + len(plan_id))))
    return out


def reference_at(ws: Workspace, rel: str, line: int, char: int) -> tuple[str, Span] | None:
    """The id of the reference under the cursor, and where it is written."""
    parsed = parse(ws, rel)
    if parsed is None:
        return None
    for _, ref, _, span in _references(parsed):
        if span[0] == line and span[1] <= char <= span[2]:
            return ref, span
    return None


def key_at(ws: Workspace, rel: str, line: int, char: int) -> tuple[tuple, Span] | None:
    """The value path of the key under the cursor, and the key's span."""
    parsed = parse(ws, rel)
    if parsed is None:
        return None
    for loc, pos in parsed.positions.items():
        if not loc or not isinstance(loc[-1], str) or pos[0] - 1 != line:
            continue
        start = pos[1] - 1
        if start <= char <= start + len(loc[-1]):
            return loc, (line, start, start + len(loc[-1]))
    return None


# --- requests ------------------------------------------------------------------------------


def definition(ws: Workspace, record_id: str) -> tuple[str, int] | None:
    """(file, line of its `id:` or 0) of the record with this id."""
    s = ws.file_of(record_id)
    if s is None:
        return None
    parsed = parse(ws, s.path)
    pos = parsed.positions.get(("id",)) if parsed else None
    return s.path, (pos[0] - 1 if pos else 0)


def references_to(ws: Workspace, record_id: str) -> list[tuple[str, Span]]:
    """Every place a record file refers to this id, in file order."""
    paths = ws.referrers.get(record_id, set()) | ws.goal_referrers.get(record_id, set())
    out: list[tuple[str, Span]] = []
    for path in sorted(paths):
        parsed = parse(ws, path)
        if parsed is not None:
            out.extend((path, span) for _, ref, _, span in _references(parsed) if ref == record_id)
    return out


def hover_record(ws: Workspace, record_id: str) -> dict[str, str] | None:
    """What a hover shows of a referenced record: name, kind, status (a meeting: date and body)."""
    s = ws.file_of(record_id)
    if s is None:
        return None
    parsed = parse(ws, s.path)
    data = (parsed.data if parsed else None) or {}
    info = {"id": record_id, "name": s.label or str(data.get("name") or data.get("title") or ""), "kind": s.kind, "path": s.path}
    for key in ("status", "date"):
        if isinstance(data.get(key), str):
            info[key] = data[key]
    if "status" not in info and s.valid:  # not written: the schema's default (a body is active)
        default = KINDS[s.kind].model_fields.get("status")
        if default is not None and isinstance(default.default, str):
            info["status"] = default.default
    body = data.get("body")
    if s.kind == "meeting" and isinstance(body, str):
        target = ws.by_id.get(body)
        info["body"] = target.label if target is not None else body
        if not info["name"]:
            info["name"] = str(data.get("title") or info["body"])
    return info


def hover_key(ws: Workspace, rel: str, loc: tuple) -> str | None:
    parsed = parse(ws, rel)
    return description_of(parsed.kind if parsed else None, loc)


def complete(ws: Workspace, rel: str, line: int, char: int) -> tuple[list[Completion], int] | None:
    """What may be written at the cursor, and the column where the word being written begins."""
    text = ws.text(rel)
    if text is None:
        return None
    lines, region = yaml_lines(text, rel)
    place = place_at(lines, region, line, char)
    if place is None:
        return None
    kind = _kind_of(lines, region)
    out: list[Completion] = []
    if place.value_mode:
        out.extend(Completion(v, "value") for v in values_at(kind, place.path))
        kinds = reference_kinds(kind, place.path)
        if kinds is not None:
            out.extend(Completion(s.id, "id", f"{s.label} ({s.kind})" if s.label else s.kind) for s in ws.ids_of(kinds))
        if kind == "initiative" and len(place.path) == 2 and place.path[0] == "goals":
            for plan in ws.ids_of("plan"):
                out.extend(Completion(f"{plan.id}#{goal}", "id", plan.label) for goal in plan.goals)
    if place.key_mode:
        out.extend(Completion(key, "key", "", doc, f"{key}: ") for key, doc in keys_at(kind, place.path))
    return out, place.start


def _kind_of(lines: list[str], region: range) -> str | None:
    """The record's kind from its `kind:` line (the rest may not parse while it is written)."""
    for n in region:
        line = lines[n]
        if line.startswith("kind:"):
            value = line[5:].split("#")[0].strip().strip("'\"")
            return value or None
    return None


SYMBOL_LISTS = {
    "meeting": (("items", "item"),),
    "plan": (("themes", "theme"), ("goals", "goal"), ("milestones", "milestone")),
    "body": (("members", "member"),),
    "initiative": (("reach", "reach"),),
}


@dataclass
class Symbol:
    name: str
    kind: str  # item, action, theme, goal, milestone, member, reach
    range: tuple[int, int, int, int]  # start line, start col, end line, end col
    selection: Span
    children: list[Symbol]


def symbols(ws: Workspace, rel: str) -> list[Symbol]:
    parsed = parse(ws, rel)
    if parsed is None or parsed.data is None:
        return []
    out = []
    for field, what in SYMBOL_LISTS.get(parsed.kind or "", ()):
        entries = parsed.data.get(field)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            symbol = _symbol(parsed, (field, i), entry, what, i)
            if symbol is None:
                continue
            if what == "item" and isinstance(entry, dict) and isinstance(entry.get("actions"), list):
                for j, action in enumerate(entry["actions"]):
                    child = _symbol(parsed, (field, i, "actions", j), action, "action", j)
                    if child is not None:
                        symbol.children.append(child)
            out.append(symbol)
    return out


def _symbol(parsed: Parsed, loc: tuple, entry: Any, what: str, i: int) -> Symbol | None:
    pos = parsed.positions.get(loc)
    if pos is None:
        return None
    start = (pos[0] - 1, pos[1] - 1)
    last = max((p[2] for k, p in parsed.positions.items() if k[: len(loc)] == loc), default=pos[2]) - 1
    last = min(last, len(parsed.lines) - 1)
    entry = entry if isinstance(entry, dict) else {"person": entry} if isinstance(entry, str) else {}
    name = _name(entry, what, i)
    title_key = next((k for k in ("title", "what", "person", "date") if k in entry), None)
    selection = _value_span(parsed, (*loc, title_key)) if title_key else None
    if selection is None:
        selection = (start[0], start[1], start[1])
    return Symbol(name, what, (start[0], start[1], last, len(parsed.lines[last])), selection, [])


def _name(entry: dict, what: str, i: int) -> str:
    def text(key: str) -> str:
        value = entry.get(key)
        return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""

    if what == "item":
        return f"{text('number') or i + 1}. {text('title')}".strip()
    if what in ("goal", "milestone", "theme"):
        return f"{text('id')}: {text('title')}" if text("id") else text("title") or f"{what} {i + 1}"
    if what == "action":
        return text("what") or f"action {i + 1}"
    if what == "member":
        return text("person") or f"member {i + 1}"
    return text("date") or f"{what} {i + 1}"
