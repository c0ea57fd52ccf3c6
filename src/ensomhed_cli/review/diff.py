"""What changed in the records between two versions, in the records' own terms.

A record is the same record when its kind and id are the same, wherever its file
moved. Changes are named the way people talk about them: a status changed, an item
added, a decision added or changed, an action opened or closed, a goal's target
changed, a measurement added, an attendee added.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ensomhed_cli.review.snapshot import Snapshot

KIND_ORDER = ("meeting", "plan", "initiative", "body", "person")
KIND_TITLES = {"meeting": "Meetings", "plan": "Plans", "initiative": "Initiatives", "body": "Bodies", "person": "People"}
SHORT = 80


@dataclass
class Change:
    type: str
    field: str
    message: str
    old: Any = None
    new: Any = None


@dataclass
class RecordChange:
    kind: str
    id: str
    title: str
    change: str  # added, removed, changed
    path: str
    old_path: str | None = None
    changes: list[Change] = field(default_factory=list)


def _short(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    text = " ".join(str(value).split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


class _Differ:
    def __init__(self, old: Snapshot, new: Snapshot) -> None:
        self.old, self.new = old, new
        self.out: list[Change] = []

    def name(self, record_id: Any) -> str:
        if not isinstance(record_id, str):
            return _short(record_id)
        label = self.new.name(record_id) or self.old.name(record_id)
        return label if label else record_id

    def add(self, type_: str, field_: str, message: str, old: Any = None, new: Any = None) -> None:
        self.out.append(Change(type_, field_, message, old, new))

    # --- generic -------------------------------------------------------------------

    def value(self, path: str, label: str, a: Any, b: Any) -> None:
        if a == b:
            return
        if isinstance(a, list) or isinstance(b, list):
            self.plain_list(path, label, _as_list(a), _as_list(b))
        elif isinstance(a, dict) and isinstance(b, dict):
            for key in dict.fromkeys([*a, *b]):
                self.value(f"{path}.{key}", f"{label} {key}", a.get(key), b.get(key))
        elif path.endswith("status"):
            self.add("status-changed", path, f"{label}: {_short(a)} → {_short(b)}", a, b)
        elif a is None:
            self.add("field-added", path, f"{label} set: {_short(b)}", a, b)
        elif b is None:
            self.add("field-removed", path, f"{label} removed (was {_short(a)})", a, b)
        elif isinstance(a, str) and "\n" in a + (b if isinstance(b, str) else ""):
            self.add("field-changed", path, f"{label} changed", a, b)
        else:
            self.add("field-changed", path, f"{label}: {_short(a)} → {_short(b)}", a, b)

    def plain_list(self, path: str, label: str, a: list, b: list) -> None:
        if all(not isinstance(v, dict) for v in a + b):
            for v in b:
                if v not in a:
                    self.add("list-added", path, f"{label}: + {self.name(v) if path.endswith(REF_LISTS) else _short(v)}", None, v)
            for v in a:
                if v not in b:
                    self.add("list-removed", path, f"{label}: − {self.name(v) if path.endswith(REF_LISTS) else _short(v)}", v, None)
            return
        key = "id" if all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in a + b) else None
        self.keyed(path, label, a, b, (lambda v: v["id"]) if key else None, lambda v: _short(v.get("title") or v.get("what") or v))

    def keyed(self, path: str, label: str, a: list, b: list, key: Callable | None, describe: Callable[[dict], str]) -> None:
        if key is None:
            for i in range(max(len(a), len(b))):
                va = a[i] if i < len(a) else None
                vb = b[i] if i < len(b) else None
                if va is None:
                    self.add("entry-added", f"{path}[{i}]", f"{label}: + {describe(vb)}", None, vb)
                elif vb is None:
                    self.add("entry-removed", f"{path}[{i}]", f"{label}: − {describe(va)}", va, None)
                else:
                    self.value(f"{path}[{i}]", f"{label} {i + 1}", va, vb)
            return
        old = {key(v): v for v in a}
        new = {key(v): v for v in b}
        for k, v in new.items():
            if k not in old:
                self.add("entry-added", f"{path}[{k}]", f"{label} added: {describe(v)}", None, v)
        for k, v in old.items():
            if k not in new:
                self.add("entry-removed", f"{path}[{k}]", f"{label} removed: {describe(v)}", v, None)
            elif v != new[k]:
                self.value(f"{path}[{k}]", f"{label} {k}", v, new[k])

    # --- meetings ------------------------------------------------------------------

    def people(self, path: str, label: str, a: list, b: list) -> None:
        def who(v: Any) -> str:
            return v.get("person") if isinstance(v, dict) else v

        old = {who(v): v for v in a}
        new = {who(v): v for v in b}
        for k, v in new.items():
            if k not in old:
                reason = f" ({v['reason']})" if isinstance(v, dict) and v.get("reason") else ""
                self.add(f"{label}-added", f"{path}[{k}]", f"{label} added: {self.name(k)}{reason}", None, v)
        for k, v in old.items():
            if k not in new:
                self.add(f"{label}-removed", f"{path}[{k}]", f"{label} removed: {self.name(k)}", v, None)
            elif v != new[k]:
                self.value(f"{path}[{k}]", f"{label} {self.name(k)}", v, new[k])

    def items(self, a: list, b: list) -> None:
        old = {v["number"]: v for v in a}
        new = {v["number"]: v for v in b}
        for n, item in new.items():
            if n not in old:
                self.add("item-added", f"items[{n}]", f"item {n} added: {_short(item['title'])}", None, item)
                if item.get("decision"):
                    self.add("decision-added", f"items[{n}].decision", f"decision on item {n} ({_short(item['title'])}): {_short(item['decision'])}", None, item["decision"])
                for action in item.get("actions") or []:
                    self.action_added(n, action)
        for n, item in old.items():
            if n not in new:
                self.add("item-removed", f"items[{n}]", f"item {n} removed: {_short(item['title'])}", item, None)
        for n in [n for n in new if n in old and old[n] != new[n]]:
            self.item(n, old[n], new[n])

    def item(self, n: int, a: dict, b: dict) -> None:
        title = _short(b.get("title"))
        for key in dict.fromkeys([*a, *b]):
            va, vb = a.get(key), b.get(key)
            if va == vb:
                continue
            path = f"items[{n}].{key}"
            if key == "decision":
                if va is None:
                    self.add("decision-added", path, f"decision on item {n} ({title}): {_short(vb)}", va, vb)
                elif vb is None:
                    self.add("decision-removed", path, f"decision removed from item {n} ({title})", va, vb)
                else:
                    self.add("decision-changed", path, f"decision on item {n} ({title}) changed: {_short(vb)}", va, vb)
            elif key == "actions":
                self.actions(n, va or [], vb or [])
            elif key == "presenters":
                self.people(path, "presenter", va or [], vb or [])
            elif key == "closed":
                self.add("item-closed" if vb else "item-opened", path, f"item {n} ({title}) is {'now closed' if vb else 'no longer closed'}", va, vb)
            else:
                self.value(path, f"item {n} {key}", va, vb)

    def action_added(self, n: int, action: dict) -> None:
        owners = ", ".join(self.name(o) for o in action.get("owners") or [])
        due = f"; due {action['due']}" if action.get("due") else ""
        kind = "action-opened" if action.get("status", "open") == "open" else "action-added"
        self.add(kind, f"items[{n}].actions", f"action {'opened' if kind == 'action-opened' else 'added'} on item {n}: {_short(action['what'])} ({owners}{due})", None, action)

    def actions(self, n: int, a: list, b: list) -> None:
        old = {v["what"]: v for v in a}
        new = {v["what"]: v for v in b}
        for what, action in new.items():
            if what not in old:
                self.action_added(n, action)
        for what, action in old.items():
            if what not in new:
                self.add("action-removed", f"items[{n}].actions", f"action removed from item {n}: {_short(what)}", action, None)
                continue
            va, vb = action, new[what]
            if va.get("status") != vb.get("status"):
                status = vb.get("status")
                kind = {"done": "action-closed", "dropped": "action-dropped", "open": "action-reopened"}[status]
                verb = {"done": "done", "dropped": "dropped", "open": "reopened"}[status]
                when = f" on {vb['done_on']}" if status == "done" and vb.get("done_on") else ""
                self.add(kind, f"items[{n}].actions", f"action {verb}{when}: {_short(what)} ({va.get('status')} → {status})", va.get("status"), status)
            for key in ("due", "owners"):
                if va.get(key) != vb.get(key):
                    self.value(f"items[{n}].actions[{_short(what)}].{key}", f"action {_short(what)} {key}", va.get(key), vb.get(key))

    # --- plans ---------------------------------------------------------------------

    def goals(self, a: list, b: list) -> None:
        old = {v["id"]: v for v in a}
        new = {v["id"]: v for v in b}
        for gid, goal in new.items():
            if gid not in old:
                self.add("goal-added", f"goals[{gid}]", f"goal added: {_short(goal['title'])}", None, goal)
        for gid, goal in old.items():
            if gid not in new:
                self.add("goal-removed", f"goals[{gid}]", f"goal removed: {_short(goal['title'])}", goal, None)
        for gid in [g for g in new if g in old and old[g] != new[g]]:
            ga, gb = old[gid], new[gid]
            for key in dict.fromkeys([*ga, *gb]):
                va, vb = ga.get(key), gb.get(key)
                if va == vb:
                    continue
                path = f"goals[{gid}].{key}"
                if key in ("target", "baseline"):
                    self.add(f"goal-{key}-changed", path, f"goal {gid} {key}: {_measure(va)} → {_measure(vb)}", va, vb)
                elif key == "measurements":
                    self.measurements(gid, va or [], vb or [])
                elif key == "status_note":
                    self.add("status-note-changed", path, f"goal {gid}: status note changed", va, vb)
                else:
                    self.value(path, f"goal {gid} {key}", va, vb)

    def measurements(self, gid: str, a: list, b: list) -> None:
        old = {v["date"]: v for v in a}
        new = {v["date"]: v for v in b}
        for date, m in new.items():
            if date not in old:
                self.add("measurement-added", f"goals[{gid}].measurements[{date}]", f"goal {gid}: new measurement {date}: {m['value']}", None, m)
            elif old[date] != m:
                self.add("measurement-changed", f"goals[{gid}].measurements[{date}]", f"goal {gid}: measurement {date}: {old[date]['value']} → {m['value']}", old[date], m)
        for date, m in old.items():
            if date not in new:
                self.add("measurement-removed", f"goals[{gid}].measurements[{date}]", f"goal {gid}: measurement {date} removed", m, None)

    def milestones(self, a: list, b: list) -> None:
        old = {v["id"]: v for v in a}
        new = {v["id"]: v for v in b}
        for mid, m in new.items():
            if mid not in old:
                self.add("milestone-added", f"milestones[{mid}]", f"milestone added: {_short(m['title'])}" + (f" ({m['date']})" if m.get("date") else ""), None, m)
        for mid, m in old.items():
            if mid not in new:
                self.add("milestone-removed", f"milestones[{mid}]", f"milestone removed: {_short(m['title'])}", m, None)
            elif m != new[mid]:
                self.value(f"milestones[{mid}]", f"milestone {mid}", m, new[mid])

    def reach(self, a: list, b: list) -> None:
        old = {v["date"]: v for v in a}
        new = {v["date"]: v for v in b}
        for date, r in new.items():
            if date not in old:
                self.add("reach-added", f"reach[{date}]", f"reach {date}: {r.get('participants')} participants, {r.get('new_relations')} new relations", None, r)
            elif old[date] != r:
                self.value(f"reach[{date}]", f"reach {date}", old[date], r)
        for date, r in old.items():
            if date not in new:
                self.add("reach-removed", f"reach[{date}]", f"reach {date} removed", r, None)

    # --- a record --------------------------------------------------------------------

    def record(self, kind: str, a: dict, b: dict, *, as_written: bool) -> list[Change]:
        """The changes between two versions of a record. A record with errors (`as_written`)
        may hold any shape: a field the diffs of items, goals or people cannot read is
        compared value by value instead."""
        self.out = []
        for key in dict.fromkeys([*a, *b]):
            va, vb = a.get(key), b.get(key)
            if va == vb:
                continue
            if not as_written:
                self.field(kind, key, va, vb)
                continue
            before = len(self.out)
            try:
                self.field(kind, key, va, vb)
            except (KeyError, TypeError, AttributeError):
                del self.out[before:]
                self.value(key, key, va, vb)
        return self.out

    def field(self, kind: str, key: str, va: Any, vb: Any) -> None:
        if kind == "meeting" and key == "items":
            self.items(_as_list(va), _as_list(vb))
        elif kind == "meeting" and key in ("attendees", "absent"):
            self.people(key, "attendee" if key == "attendees" else "absence", _as_list(va), _as_list(vb))
        elif kind == "plan" and key == "goals":
            self.goals(_as_list(va), _as_list(vb))
        elif kind == "plan" and key == "milestones":
            self.milestones(_as_list(va), _as_list(vb))
        elif kind == "initiative" and key == "reach":
            self.reach(_as_list(va), _as_list(vb))
        elif kind == "body" and key == "members":
            self.people(key, "member", _as_list(va), _as_list(vb))
        elif key in REF_FIELDS and not isinstance(va, (list, dict)) and not isinstance(vb, (list, dict)):
            self.value(key, key, self.name(va) if va else None, self.name(vb) if vb else None)
        else:
            self.value(key, key, va, vb)


REF_FIELDS = ("body", "chair", "secretary", "owner", "approved_by", "proposed_by", "parent", "plan")
REF_LISTS = ("plans", "initiatives", "owners", "presenters", "attendees")


def _as_list(value: Any) -> list:
    """A list field as written may hold one value, or nothing."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _measure(value: Any) -> str:
    if not isinstance(value, dict):
        return "nothing"
    return f"{value.get('value')}" + (f" ({value['date']})" if value.get("date") else "")


def compare(old: Snapshot, new: Snapshot) -> list[RecordChange]:
    """Every record added, removed or changed, in kind order; unchanged records are left out."""
    differ = _Differ(old, new)
    out: list[RecordChange] = []
    for key in dict.fromkeys([*new.records, *old.records]):
        kind, rid = key
        if key not in old.records:
            path, data, label = new.records[key]
            out.append(RecordChange(kind, rid, label, "added", path))
        elif key not in new.records:
            path, data, label = old.records[key]
            out.append(RecordChange(kind, rid, label, "removed", path))
        else:
            old_path, a, _ = old.records[key]
            path, b, label = new.records[key]
            as_written = key in old.as_written or key in new.as_written
            changes = differ.record(kind, a, b, as_written=as_written) if a != b else []
            if old_path != path:
                changes.insert(0, Change("moved", "path", f"moved from {old_path}", old_path, path))
            if changes:
                out.append(RecordChange(kind, rid, label, "changed", path, old_path if old_path != path else None, changes))

    def order(rc: RecordChange) -> tuple:
        date = ""
        for snap in (new, old):
            entry = snap.records.get((rc.kind, rc.id))
            if entry and isinstance(entry[1].get("date"), str):
                date = entry[1]["date"]
                break
        kind_rank = KIND_ORDER.index(rc.kind) if rc.kind in KIND_ORDER else len(KIND_ORDER)
        return (kind_rank, date, rc.id)

    return sorted(out, key=order)
