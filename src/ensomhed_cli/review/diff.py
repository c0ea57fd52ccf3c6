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

import json
from dataclasses import dataclass, field
from typing import Any

from ensomhed_cli.review import of_record
from ensomhed_cli.review.differ import Change, as_list, top
from ensomhed_cli.review.item_changes import ItemChanges
from ensomhed_cli.review.phrases import KIND_TITLES, check_lang, say, short
from ensomhed_cli.review.plan_changes import PlanChanges
from ensomhed_cli.review.snapshot import Snapshot

__all__ = ["KIND_ORDER", "KIND_TITLES", "Change", "RecordChange", "compare", "has_errors"]

KIND_ORDER = ("meeting", "plan", "initiative", "body", "person", "file")


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
        elif kind == "meeting" and key == "amendments":
            self.amendments(as_list(va), as_list(vb))
        else:
            self.field(key, top, key, va, vb, scope=kind)

    def amendments(self, a: list, b: list) -> None:
        """Rettelser added or removed, each with its date, author and text."""
        before = {json.dumps(e, sort_keys=True, default=str): e for e in a}
        after = {json.dumps(e, sort_keys=True, default=str): e for e in b}
        for key, entry in after.items():
            if key not in before:
                self.add("amendment-added", "amendments", self.amendment("amendment_added", entry), None, entry)
        for key, entry in before.items():
            if key not in after:
                self.add("amendment-removed", "amendments", self.amendment("amendment_removed", entry), entry, None)

    def amendment(self, message: str, entry: Any) -> str:
        if not isinstance(entry, dict):
            return self.say(message, date="", by="", text=self.short(entry))
        by = entry.get("by")
        return self.say(message, date=str(entry.get("date", "")), by=f", {self.name(by)}" if by else "", text=self.short(entry.get("text")))


def has_errors(changes: list[RecordChange]) -> bool:
    """Whether a change holds an error of a document of record (approved minutes changed
    without a correction): what `diff --strict` fails on."""
    return any(c.severity == of_record.ERROR for rc in changes for c in rc.changes)


def compare(old: Snapshot, new: Snapshot, lang: str = "da", old_name: str = "base", new_name: str | None = "head") -> list[RecordChange]:
    """Every record added, removed or changed, in kind order; unchanged records are left out.
    Messages are in `lang` (da or en). A record with errors at either side (`old_name`,
    `new_name`: the revisions, as the messages name them; None the working tree) is reported
    as invalid there with its first error, and not compared field by field: what it holds
    may have any shape. A file whose record cannot be read at one side is that record changed."""
    check_lang(lang)
    differ = _Differ(old, new, lang)
    out: list[RecordChange] = []
    old_at = say("at_revision", lang, rev=old_name)
    new_at = say("at_revision", lang, rev=new_name) if new_name is not None else say("in_working_tree", lang)
    text_changed = Change("text-changed", "", say("raw_changed", lang), None, None)

    def invalid(old_path: str | None, path: str | None) -> list[Change]:
        """Each side's first error, where the file has errors and is not the same file at both."""
        before, after = old.problems.get(old_path or ""), new.problems.get(path or "")
        if before is None and after is None or (before == after and old_path == path):
            return []
        found = [Change("invalid", p, say("invalid_at", lang, path=p, at=at, problem=problem[0]), None, problem[0])
                 for p, at, problem in ((old_path, old_at, before), (path, new_at, after)) if problem is not None and p]
        if before is not None and after is not None and before[0] == after[0]:
            found = found[1:]  # the same error at both sides: said once
        return found
    for key in dict.fromkeys([*new.records, *old.records]):
        kind, rid = key
        if key not in old.records:
            path, data, label = new.records[key]
            if path in old.problems:  # there before, but no record could be read from it
                out.append(RecordChange(kind, rid, label, "changed", path, changes=[*invalid(path, path), text_changed]))
            else:
                out.append(RecordChange(kind, rid, label, "added", path, changes=invalid(None, path)))
        elif key not in new.records:
            path, data, label = old.records[key]
            if path in new.problems:  # still there, but no record can be read from it
                out.append(RecordChange(kind, rid, label, "changed", path, changes=[*invalid(path, path), text_changed]))
            else:
                out.append(RecordChange(kind, rid, label, "removed", path, changes=invalid(path, None)))
        else:
            old_path, a, _ = old.records[key]
            path, b, label = new.records[key]
            errors = invalid(old_path, path)
            both = key in old.as_written and key in new.as_written
            if a == b:
                changes = errors
            elif both or not (key in old.as_written or key in new.as_written):
                # Both as written, or both typed: like is compared with like, field by field.
                changes = errors + differ.record(kind, a, b, as_written=both)
            else:
                # Typed at one side, as written at the other: a comparison field by field
                # would report every default and every number written as text.
                changes = [*errors, text_changed]
            if kind == "meeting" and a != b:
                changes.extend(of_record.findings(a, b, changes, lang))
            if old_path != path:
                changes.insert(0, Change("moved", "path", say("moved", lang, old=old_path), old_path, path))
            if changes:
                out.append(RecordChange(kind, rid, label, "changed", path, old_path if old_path != path else None, changes))

    # Files with errors that hold no record that can be read (not UTF-8, not YAML, no kind)
    in_records = {rec[0] for snap in (old, new) for rec in snap.records.values()}
    for rel in sorted({*old.problems, *new.problems} - in_records):
        errors = invalid(rel if rel in old.problems else None, rel if rel in new.problems else None)
        if errors:
            out.append(RecordChange("file", rel, rel, "invalid", rel, changes=errors))

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
