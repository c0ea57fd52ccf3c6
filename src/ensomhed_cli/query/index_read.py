"""`list`, `show` and `actions` read from the index: rows as stored, no record loaded.

The rows are those query/rows.py makes from a loaded repository, in the same order
(tests/test_index.py holds the two side by side); what depends on the day (an action
overdue) or on other records (a name, a meeting's title) is added here when read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ensomhed_cli.diagnostics import say, suggest
from ensomhed_cli.format.discovery import bulk
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.present import table_fields
from ensomhed_cli.query.rows import check_kind

RECORD_KINDS = ("meetings", "plans", "initiatives", "bodies", "people")
NESTED_KINDS = ("items", "actions", "goals", "milestones")


def _row(text: str, due: str | None, kind: str, today: str) -> dict[str, Any]:
    row = json.loads(text)
    if kind == "actions":
        row["overdue"] = row["status"] == "open" and due is not None and due < today
    return row


def list_rows(index: Index, kind: str, today: dt.date | None = None, *, reads: set[str] | None = None) -> list[dict[str, Any]]:
    """Every row of a list kind, as query.rows.rows gives it. With `reads`, the fields a
    table reads besides its columns (filtered and sorted on): rows in brief, the table's
    fields only, where those hold every field read; a fraction of the cost to read."""
    check_kind(kind)
    day = (today or dt.date.today()).isoformat()
    column = "row"
    if reads is not None:
        counted = {key for (keys,) in index.execute("SELECT DISTINCT counted FROM _rows WHERE kind = ?", (kind,)) for key in keys.split(",")}
        # Brief rows hold the table's fields; a field filtered on outside them, or only
        # counted there, is read from the whole rows (and an unknown one named among all).
        column = "brief" if reads <= table_fields(kind) and not counted & reads else "row"
    found = index.execute(f"SELECT {column}, due FROM _rows WHERE kind = ? ORDER BY _key, _seq", (kind,))
    with bulk():
        return [_row(text, due, kind, day) for text, due in found]


def list_json(index: Index, kind: str, wheres: list[str], sort: str | None, today: dt.date | None = None) -> Iterator[str]:
    """`list --format json`, in pieces to write one after the other: the stored texts of the
    rows, as they are, joined; the same text present.to_json writes, without decoding or
    encoding what needs no change, and unfiltered without holding every row at once."""
    from ensomhed_cli.query.present import to_json
    from ensomhed_cli.query.rows import filter_rows, sort_rows

    check_kind(kind)
    if kind == "actions":  # `overdue` depends on the day: written anew
        yield to_json(sort_rows(filter_rows(list_rows(index, kind, today), wheres, kind), sort, kind))
        return
    found = index.execute("SELECT row FROM _rows WHERE kind = ? ORDER BY _key, _seq", (kind,))
    texts: Iterable[str] = (text for (text,) in found)
    if wheres or sort:
        every = list(texts)
        with bulk():
            rows = [json.loads(text) for text in every]
        text_of = {id(row): text for row, text in zip(rows, every, strict=True)}
        texts = [text_of[id(row)] for row in sort_rows(filter_rows(rows, wheres, kind), sort, kind)]
    first = True
    for text in texts:
        yield ("[\n" if first else ",\n") + text
        first = False
    yield "[]" if first else "\n]"


class Names:
    """Who and what an id names: the first valid record with it, in file order (as Repository.get)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.first: dict[str, tuple[str, str, str]] = {}  # id -> (kind, label, path)
        for path, record_id, kind, label in index.execute("SELECT _path, id, kind, label FROM _labels ORDER BY _path"):
            self.first.setdefault(record_id, (kind, label, path))

    def name(self, record_id: str | None) -> str:
        if record_id is None:
            return ""
        found = self.first.get(record_id)
        return found[1] if found else record_id

    def kind(self, record_id: str) -> str | None:
        found = self.first.get(record_id)
        return found[0] if found else None

    def meeting_titles(self) -> dict[str, str]:
        """Meeting id -> its title, or its body's name (as the `meetings` table has it)."""
        titles: dict[str, str] = {}
        for record_id, title in self.index.execute("SELECT id, title FROM meetings ORDER BY path"):
            if self.kind(record_id) == "meeting":
                titles.setdefault(record_id, title)
        return titles


def action_query(
    index: Index, status: str = "open", owner: str | None = None, overdue: bool = False, today: dt.date | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """Actions by status, owner (id or name) and overdue; the second value is an error message."""
    with bulk():  # hundreds of thousands of small dicts, no cycles: the collector paused
        return _action_query(index, status, owner, overdue, today)


def _action_query(
    index: Index, status: str, owner: str | None, overdue: bool, today: dt.date | None
) -> tuple[list[dict[str, Any]], str | None]:
    found = list_rows(index, "actions", today)
    names = Names(index)
    if status != "all":
        found = [a for a in found if a["status"] == status]
    if owner:
        # A person or a body (the department that follows up), by id or by name: people first.
        in_file_order = sorted(names.first.items(), key=lambda entry: entry[1][2])
        owners = [(rid, label) for kind in ("person", "body") for rid, (k, label, _) in in_file_order if k == kind]
        who = owner if names.kind(owner) in ("person", "body") else None
        if who is None:
            matches = [rid for rid, label in owners if label.casefold() == owner.casefold()]
            if not matches:
                hint = suggest(owner, [rid for rid, _ in owners], labels=dict(owners))
                return [], say(f"der er ingen person eller noget råd/udvalg med id eller navn `{owner}`{hint}", f"no person or body with id or name `{owner}`{hint}")
            who = matches[0]
        found = [a for a in found if who in a["owners"]]
    if overdue:
        found = [a for a in found if a["overdue"]]
    titles = names.meeting_titles()
    for a in found:
        a["meeting_title"] = titles.get(a["meeting"], names.name(a["meeting"]))
        a["owner_names"] = [names.name(pid) for pid in a["owners"]]
    return sorted(found, key=lambda a: (a["due"] or "9999", a["date"], a["id"])), None


def _set(data: Any, loc: tuple, value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def resolved_row(index: Index, record_id: str) -> dict[str, Any] | None:
    """One record (or a nested item, action, goal or milestone by its row id), references resolved."""
    from ensomhed_cli.check.record_summary import loc_tuple

    names = Names(index)
    first = names.first.get(record_id)
    if first is None:
        day = dt.date.today().isoformat()
        for kind in NESTED_KINDS:
            hit = index.execute("SELECT row, due FROM _rows WHERE id = ? AND kind = ? ORDER BY _key, _seq LIMIT 1", (record_id, kind)).fetchone()
            if hit:
                return _row(hit[0], hit[1], kind, day)
        return None
    kind, _, path = first
    text, refs = index.execute(
        "SELECT r.row, l.refs FROM _rows r JOIN _labels l ON l._path = r._path WHERE r._path = ? AND r.id = ? AND r.kind IN (?, ?, ?, ?, ?)",
        (path, record_id, *RECORD_KINDS),
    ).fetchone()
    row = json.loads(text)
    for loc, ref in json.loads(refs):
        _set(row, loc_tuple(loc), {"id": ref, "name": names.name(ref), "kind": names.kind(ref)})
    if kind == "meeting":  # each action's `overdue`, as `list actions` has it: it depends on the day
        from ensomhed_cli.format.fieldtypes import parse_period_date

        today = dt.date.today()
        for item in row.get("items") or []:
            for action in item.get("actions") or []:
                due = action.get("due")
                action["overdue"] = action.get("status") == "open" and bool(due) and parse_period_date(due) < today
    if kind == "initiative":
        for i, ref in enumerate(row.get("goals") or []):
            plan_id, _, goal_id = ref.partition("#")
            plan = names.first.get(plan_id)
            hit = None
            if plan is not None and plan[0] == "plan":
                hit = index.execute("SELECT row FROM _rows WHERE _path = ? AND kind = 'goals' AND id = ?", (plan[2], f"{plan_id}#{goal_id}")).fetchone()
            row["goals"][i] = {"id": ref, "name": json.loads(hit[0])["title"] if hit else ref, "kind": "goal"}
    return row


def record_ids(index: Index) -> tuple[list[str], dict[str, str]]:
    """Every valid record's id, and id -> kind of the records that have errors of their own."""
    valid = [rid for (rid,) in index.execute("SELECT id FROM _labels ORDER BY _path")]
    invalid: dict[str, str] = {}
    for rid, kind in index.execute("SELECT id, kind FROM _files WHERE valid = 0 AND id IS NOT NULL ORDER BY path"):
        invalid.setdefault(rid, kind)
    return valid, invalid


def nearest_ids(index: Index, record_id: str, n: int = 5) -> list[str]:
    """The ids nearest one that is not there, best first, at most n (diagnostics.nearest:
    a part of an id or a word of a name, then close spellings): record ids, and for a
    nested id (PLAN#GOAL, MEETING#ITEM) the nested ids too."""
    from ensomhed_cli.diagnostics import nearest

    valid, invalid = record_ids(index)
    candidates = [*valid, *invalid]
    if "#" in record_id:
        candidates += [rid for (rid,) in index.execute("SELECT DISTINCT id FROM _rows WHERE kind IN (?, ?, ?, ?) ORDER BY id", NESTED_KINDS)]
    labels = {rid: label for rid, label in index.execute("SELECT id, label FROM _labels WHERE label IS NOT NULL ORDER BY _path DESC")}
    return nearest(record_id, candidates, labels=labels, n=n, spellings=n)


# How a field of the referring record names the one shown, by the field's path with the
# list places left out (`items.#.actions.#.owners.#`); {item} is the item's number, {n}
# the 1-based place of the action or vote in it.
ROLES = {
    "parent": "parent body",
    "plan": "plan",
    "members.#.person": "member",
    "body": "body",
    "chair": "chair",
    "secretary": "secretary",
    "attendees.#.person": "attendee",
    "absent.#.person": "absent",
    "absent.#.substitute": "substitute",
    "staff.#.person": "staff",
    "items.#.authority": "authority of item {item}",
    "items.#.presenters.#": "presenter of item {item}",
    "items.#.absent.#.person": "absent from item {item}",
    "items.#.votes.#.for.#": "voted for in item {item}",
    "items.#.votes.#.against.#": "voted against in item {item}",
    "items.#.votes.#.abstained.#": "abstained in item {item}",
    "items.#.statements.#.by.#": "statement {n} in item {item}",
    "items.#.initiatives.#": "item {item}",
    "items.#.plans.#": "item {item}",
    "items.#.actions.#.owners.#": "owner of action {n} in item {item}",
    "owner": "owner",
    "approved_by": "approved by",
    "plans.#": "plans",
    "proposed_by": "proposed by",
}


def _role(loc: str, item_numbers: list[str]) -> str:
    parts = loc.split(".")
    places = [int(p) for p in parts if p.isdigit()]
    shape = ".".join("#" if p.isdigit() else p for p in parts)
    item = item_numbers[places[0]] if shape.startswith("items.") and places[0] < len(item_numbers) else str(places[0] + 1) if places else ""
    n = str(places[1] + 1) if len(places) > 1 else ""
    return ROLES.get(shape, shape).format(item=item, n=n)


def backlinks(index: Index, record_id: str) -> list[dict[str, Any]]:
    """Every valid record that refers to an id, in file order: its kind, id, name and path,
    and each field that refers (`field` its place, as in `check`'s messages, and `role`,
    what it says: "owner of action 1 in item 3"). Read from the index alone: the files
    that refer (`_refs`), then the place of each reference in those records (`_labels`)."""
    found = []
    referring = index.execute(
        "SELECT _path, id, kind, label, refs FROM _labels WHERE _path IN (SELECT _path FROM _refs WHERE ref = ?) ORDER BY _path",
        (record_id,),
    ).fetchall()
    for path, rid, kind, label, refs in referring:
        locs = [loc for loc, ref in json.loads(refs) if ref == record_id]
        numbers: list[str] = []
        if any(loc.startswith("items.") for loc in locs):
            ids = index.execute("SELECT id FROM _rows WHERE _path = ? AND kind = 'items' ORDER BY _key, _seq", (path,))
            numbers = [item_id.rpartition("#")[2] for (item_id,) in ids]
        # a reference `_refs` has but no field names (none known today): the record alone
        fields = [{"field": loc, "role": _role(loc, numbers)} for loc in locs]
        if kind == "meeting" and label == rid:  # no title: named by its body, as the meetings table has it
            body = index.execute("SELECT body FROM t_meetings WHERE _path = ?", (path,)).fetchone()
            named = body and index.execute("SELECT label FROM _labels WHERE id = ? ORDER BY _path LIMIT 1", (body[0],)).fetchone()
            label = named[0] if named else label
        found.append({"kind": kind, "id": rid, "name": label, "path": path, "fields": fields})
    return found


def backlinks_text(entries: list[dict[str, Any]]) -> str:
    """`show`'s lines for them: one line for each record that refers, its roles after it."""
    if not entries:
        return ""
    lines = ["referenced_by:"]
    for e in entries:
        named = e["id"] if e["name"] == e["id"] else f"{e['name']} ({e['id']})"
        roles = list(dict.fromkeys(f["role"] for f in e["fields"]))
        lines.append(f"  {e['kind']} {named}" + (f": {'; '.join(roles)}" if roles else ""))
    return "\n".join(lines) + "\n"
