"""What changed in the records between two versions, in the records' own terms.

A record is the same record when its kind and id are the same, wherever its file
moved. Changes are named the way people talk about them, in Danish or English: a
status changed, an item added or postponed, a decision added or changed, a vote or a
minority statement added, an action opened or closed, a goal's target or assessment
changed, a measurement added, an attendee added or present from item 3. Each change
has a `type` (English, stable: the API), the `field` it is in, its old and new value,
and a message in the chosen language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ensomhed_cli.review.differ import Change, as_list, top
from ensomhed_cli.review.item_changes import ItemChanges
from ensomhed_cli.review.phrases import KIND_TITLES, check_lang, say, short
from ensomhed_cli.review.plan_changes import PlanChanges
from ensomhed_cli.review.snapshot import Snapshot

__all__ = ["KIND_ORDER", "KIND_TITLES", "Change", "RecordChange", "compare"]

KIND_ORDER = ("meeting", "plan", "initiative", "body", "person")


@dataclass
class RecordChange:
    kind: str
    id: str
    title: str
    change: str  # added, removed, changed
    path: str
    old_path: str | None = None
    changes: list[Change] = field(default_factory=list)


def _short(value: Any, lang: str = "en") -> str:
    return short(value, lang)


def _measure(value: Any, lang: str = "en") -> str:
    return _Differ(Snapshot(), Snapshot(), lang).measure(value)


class _Differ(ItemChanges, PlanChanges):
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
                self.record_field(kind, key, va, vb, b)
                continue
            before = len(self.out)
            try:
                self.record_field(kind, key, va, vb, b)
            except (KeyError, TypeError, AttributeError, ValueError):
                del self.out[before:]
                self.field(key, top, key, va, vb, scope=kind)
        return self.out

    def record_field(self, kind: str, key: str, va: Any, vb: Any, record: dict) -> None:
        if kind == "meeting" and key == "items":
            self.items(as_list(va), as_list(vb))
        elif kind == "meeting" and key in ("attendees", "absent", "staff"):
            self.people(key, key, as_list(va), as_list(vb))
        elif kind == "meeting" and key == "end" and not isinstance(va, (list, dict)) and not isinstance(vb, (list, dict)):
            self.meeting_end(va, vb, record.get("status"))
        elif kind == "plan" and key == "goals":
            self.goals(as_list(va), as_list(vb))
        elif kind == "plan" and key == "milestones":
            self.milestones(as_list(va), as_list(vb))
        elif kind == "initiative" and key == "reach":
            self.reach(as_list(va), as_list(vb))
        elif kind == "initiative" and key == "budget":
            self.budget(as_list(va), as_list(vb))
        elif kind == "body" and key == "members":
            self.people(key, key, as_list(va), as_list(vb))
        else:
            self.field(key, top, key, va, vb, scope=kind)


def compare(old: Snapshot, new: Snapshot, lang: str = "da") -> list[RecordChange]:
    """Every record added, removed or changed, in kind order; unchanged records are left out.
    Messages are in `lang` (da or en)."""
    check_lang(lang)
    differ = _Differ(old, new, lang)
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
                changes.insert(0, Change("moved", "path", say("moved", lang, old=old_path), old_path, path))
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
