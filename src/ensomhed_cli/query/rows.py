"""Records as rows: what `list`, `actions`, `show` and `query` are built on.

Every row is a plain dict with stable field names: `id`, `kind`, `path`, then the
record's fields, with ISO dates and HH:MM times. Nested kinds (items, actions, goals,
milestones) carry the id of the record they belong to (`meeting`, `plan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from ensomhed_cli.diagnostics import say, suggest

if TYPE_CHECKING:  # the index readers use this module without loading the schema (pydantic)
    from ensomhed_cli.check.repository import Repository
    from ensomhed_cli.format.schema import Meeting, Plan

LIST_KINDS = ("meetings", "plans", "initiatives", "bodies", "people", "items", "actions", "goals", "milestones")


class QueryError(Exception):
    """A bad --where, --sort or kind: the command could not run (exit 2)."""


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, times as HH:MM, models as dicts."""
    if hasattr(value, "model_dump"):  # a record or a part of one: its types say how (fieldtypes)
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def record_row(record, dumped: dict[str, Any] | None = None) -> dict[str, Any]:
    """The record's row; `dumped` is plain(record) where the caller has it already (the
    rows of its items, actions, goals and milestones are cut from the same dump)."""
    data = plain(record) if dumped is None else dumped
    row = {"id": record.id, "kind": record.kind, "path": record.path}
    row.update({k: v for k, v in data.items() if k not in row})
    return row


def item_rows(meeting: Meeting, dumped: dict[str, Any] | None = None) -> Iterable[dict[str, Any]]:
    items = (plain(meeting) if dumped is None else dumped)["items"]
    for item, data in zip(meeting.items, items, strict=True):
        data = {k: v for k, v in data.items() if k != "actions"}
        yield {
            "id": f"{meeting.id}#{item.number}",
            "kind": "item",
            "path": meeting.path,
            "meeting": meeting.id,
            "body": meeting.body,
            "date": meeting.date.isoformat(),
            "meeting_status": meeting.status,
            **data,
            "actions": len(item.actions),
        }


def action_rows(meeting: Meeting, today: dt.date | None = None, dumped: dict[str, Any] | None = None) -> Iterable[dict[str, Any]]:
    today = today or dt.date.today()
    items = (plain(meeting) if dumped is None else dumped)["items"]
    for item, item_data in zip(meeting.items, items, strict=True):
        for i, (action, data) in enumerate(zip(item.actions, item_data["actions"], strict=True), start=1):
            yield {
                "id": f"{meeting.id}#{item.number}#{i}",
                "kind": "action",
                "path": meeting.path,
                "meeting": meeting.id,
                "body": meeting.body,
                "date": meeting.date.isoformat(),
                "item": item.number,
                "item_title": item.title,
                "closed_item": item.closed,
                **data,
                "overdue": action.status == "open" and action.due is not None and action.due < today,
            }


def goal_rows(plan: Plan, dumped: dict[str, Any] | None = None) -> Iterable[dict[str, Any]]:
    goals = (plain(plan) if dumped is None else dumped)["goals"]
    for goal, data in zip(plan.goals, goals, strict=True):
        yield {
            "id": f"{plan.id}#{goal.id}",
            "kind": "goal",
            "path": plan.path,
            "plan": plan.id,
            **{k: v for k, v in data.items() if k != "id"},
            "goal": goal.id,
            "latest": data["measurements"][-1] if data["measurements"] else None,
        }


def milestone_rows(plan: Plan, dumped: dict[str, Any] | None = None) -> Iterable[dict[str, Any]]:
    milestones = (plain(plan) if dumped is None else dumped)["milestones"]
    for milestone, data in zip(plan.milestones, milestones, strict=True):
        yield {
            "id": f"{plan.id}#{milestone.id}",
            "kind": "milestone",
            "path": plan.path,
            "plan": plan.id,
            **{k: v for k, v in data.items() if k != "id"},
            "milestone": milestone.id,
        }


# What a Danish secretary may write for a kind: told the name the command takes.
DANISH_KINDS = {
    "møder": "meetings", "moeder": "meetings", "møde": "meetings", "moede": "meetings", "planer": "plans", "plan": "plans",
    "indsatser": "initiatives", "indsats": "initiatives", "råd": "bodies", "raad": "bodies", "udvalg": "bodies",
    "personer": "people", "person": "people", "punkter": "items", "punkt": "items", "opfølgning": "actions",
    "opfoelgning": "actions", "mål": "goals", "maal": "goals", "milepæle": "milestones", "milepaele": "milestones",
}


def check_kind(kind: str) -> None:
    if kind not in LIST_KINDS:
        known = DANISH_KINDS.get(kind.lower())
        hint = say(f" (mente du `{known}`?)", f" (did you mean `{known}`?)") if known else suggest(kind, LIST_KINDS)
        raise QueryError(say(f"ukendt slags `{kind}`; skriv en af {', '.join(LIST_KINDS)}{hint}",
                             f"unknown kind `{kind}`; expected one of {', '.join(LIST_KINDS)}{hint}"))


def rows(repo: Repository, kind: str, today: dt.date | None = None) -> list[dict[str, Any]]:
    """All rows of a list kind, in a natural order (meetings by date, the rest by id)."""
    from ensomhed_cli.format.schema import Body, Initiative, Person

    check_kind(kind)
    meetings = repo.meetings
    plans = sorted(repo.plans, key=lambda p: p.id or "")  # every record read has an id (format/typed.py)
    simple: dict[str, Callable[[], list]] = {
        "meetings": lambda: meetings,
        "plans": lambda: plans,
        "initiatives": lambda: sorted(repo.of_kind(Initiative), key=lambda r: r.id),
        "bodies": lambda: sorted(repo.of_kind(Body), key=lambda r: r.id),
        "people": lambda: sorted(repo.of_kind(Person), key=lambda r: r.id),
    }
    if kind in simple:
        return [record_row(r) for r in simple[kind]()]
    if kind == "items":
        return [row for m in meetings for row in item_rows(m)]
    if kind == "actions":
        return [row for m in meetings for row in action_rows(m, today)]
    if kind == "goals":
        return [row for p in plans for row in goal_rows(p)]
    return [row for p in plans for row in milestone_rows(p)]


# --- --where and --sort ------------------------------------------------------------------

OPERATORS = ("!=", ">=", "<=", "=", ">", "<", "~")
WHERE_HELP = "FIELD=VALUE (or !=, >, >=, <, <=, and ~ for contains)"


def parse_where(expression: str) -> tuple[str, str, str]:
    """(field, operator, value): split at the first operator in the text, the longer of two
    that start there (`a!=b` is !=, `title~x=y` is ~ with the value `x=y`)."""
    found = [(expression.find(op), -len(op), op) for op in OPERATORS if op in expression]
    if found:
        at, _, op = min(found)
        field, value = expression[:at].strip(), expression[at + len(op) :].strip()
        if field:
            return field, op, value
    raise QueryError(say(f"--where {expression}: skriv FELT=VÆRDI (eller !=, >, >=, <, <= og ~ for indeholder)", f"--where {expression}: write {WHERE_HELP}"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def folded(text: str) -> str:
    """Text as `~` compares it: case folded (Æ as æ) and composed (å typed as a + ring is å)."""
    import unicodedata

    return unicodedata.normalize("NFC", text).casefold()


def _compare(value: Any, op: str, wanted: str) -> bool:
    if op == "~":
        if isinstance(value, list):
            return any(_compare(v, op, wanted) for v in value)
        return value is not None and folded(wanted) in folded(_text(value))
    if isinstance(value, list):
        texts = [_text(v) for v in value]
        if op == "=":
            return wanted in texts
        if op == "!=":
            return wanted not in texts
        return any(_compare(v, op, wanted) for v in value)
    if op == "=":
        return _text(value).casefold() == wanted.casefold()
    if op == "!=":
        return _text(value).casefold() != wanted.casefold()
    if value is None:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(wanted.replace(",", "."))
        except ValueError:
            raise QueryError(say(f"`{wanted}` er ikke et tal", f"`{wanted}` is not a number")) from None
        return _ordered(float(value), op, number)
    return _ordered(_text(value), op, wanted)  # ISO dates and HH:MM times compare as text


_Ordered = TypeVar("_Ordered", float, str)


def _ordered(left: _Ordered, op: str, right: _Ordered) -> bool:
    return {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[op]


def _lookup(row: dict[str, Any], field: str) -> Any:
    value: Any = row
    for part in field.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list):
            value = [v.get(part) if isinstance(v, dict) else None for v in value]
        else:
            return None
    return value


def known_fields(rows_: list[dict[str, Any]]) -> list[str]:
    fields: dict[str, None] = {}
    for row in rows_:
        fields.update(dict.fromkeys(row))
    return list(fields)


def filter_rows(rows_: list[dict[str, Any]], wheres: Iterable[str], kind: str) -> list[dict[str, Any]]:
    conditions = [parse_where(w) for w in wheres]
    fields = known_fields(rows_)
    for field, _, _ in conditions:
        root = field.split(".")[0]
        if rows_ and root not in fields:
            raise QueryError(say(f"`{kind}` har intet felt `{field}`{suggest(root, fields)}; felterne er: {', '.join(fields)}",
                                 f"{kind} have no field `{field}`{suggest(root, fields)}; fields: {', '.join(fields)}"))
    return [r for r in rows_ if all(_compare(_lookup(r, f), op, v) for f, op, v in conditions)]


def nearest_values(rows_: list[dict[str, Any]], wheres: Iterable[str], lang: str = "en") -> list[str]:
    """Where --where FIELD=VALUE found nothing because no row has that value (a mistyped id
    or status): each such condition with the nearest values the rows do have."""
    hints = []
    for field, op, value in (parse_where(w) for w in wheres):
        if op != "=" or not value:
            continue
        present: set[str] = set()
        for row in rows_:
            found = _lookup(row, field)
            for one in found if isinstance(found, list) else [found]:
                if isinstance(one, (str, int)) and not isinstance(one, bool):
                    present.add(str(one))
        if value not in present and value.casefold() not in {p.casefold() for p in present}:
            hint = suggest(value, sorted(present), lang)
            if hint:
                hints.append(f"{field}={value}{hint}")
    return hints


def sort_rows(rows_: list[dict[str, Any]], field: str | None, kind: str) -> list[dict[str, Any]]:
    if not field:
        return rows_
    reverse = field.startswith("-")
    name = field.lstrip("-")
    fields = known_fields(rows_)
    if rows_ and name.split(".")[0] not in fields:
        raise QueryError(say(f"`{kind}` har intet felt `{name}`{suggest(name, fields)}", f"{kind} have no field `{name}`{suggest(name, fields)}"))

    def key(row: dict[str, Any]) -> tuple:
        value = _lookup(row, name)
        if value is None:
            return (1, 0, "")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (0, value, "")
        return (0, 0, _text(value).casefold())

    present = [r for r in rows_ if _lookup(r, name) is not None]
    missing = [r for r in rows_ if _lookup(r, name) is None]
    return sorted(present, key=key, reverse=reverse) + missing


# --- show ---------------------------------------------------------------------------------


def row_text(row: dict[str, Any]) -> str:
    """A readable, indented view of one row for a terminal."""
    lines: list[str] = []

    def scalar(value: Any) -> str:
        if isinstance(value, dict) and set(value) >= {"id", "name", "kind"} and len(value) == 3:
            return value["name"] if value["name"] == value["id"] else f"{value['name']} ({value['id']})"
        if isinstance(value, bool):
            return "ja" if value else "nej"
        return str(value)

    def simple(value: Any) -> bool:
        return not isinstance(value, (dict, list)) or (isinstance(value, dict) and set(value) == {"id", "name", "kind"})

    def emit(key: str, value: Any, indent: int) -> None:
        pad = "  " * indent
        if value is None or value == [] or value == {}:
            return
        if simple(value):
            text = scalar(value)
            if "\n" in text:
                lines.append(f"{pad}{key}:")
                lines.extend(f"{pad}  {line}" for line in text.strip("\n").split("\n"))
            else:
                lines.append(f"{pad}{key}: {text}")
        elif isinstance(value, list) and all(simple(v) for v in value):
            lines.append(f"{pad}{key}: {', '.join(scalar(v) for v in value)}")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            for i, entry in enumerate(value, start=1):
                lines.append(f"{pad}  - {i}.")
                for k, v in entry.items():
                    emit(k, v, indent + 2)
        else:
            lines.append(f"{pad}{key}:")
            for k, v in value.items():
                emit(k, v, indent + 1)

    for key, value in row.items():
        emit(key, value, 0)
    return "\n".join(lines) + "\n"


def by_owner(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actions grouped by owner, as work is assigned: one row per action and owner (an
    action with two owners stands under both), with `owner` and `owner_name`; owners by
    name, each owner's actions in the order given (by due date)."""
    grouped = [
        {**a, "owner": owner, "owner_name": name}
        for a in actions
        for owner, name in zip(a["owners"], a["owner_names"], strict=True)
    ]
    return sorted(grouped, key=lambda a: (a["owner_name"].casefold(), a["owner"]))  # stable: due order kept
