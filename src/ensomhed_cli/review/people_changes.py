"""Who was there: attendees, absences, staff, a body's members and who left an item, by person.

An entry is known by its person. Written as a plain id or as `{person: id}` with nothing
else, it is the same entry: rewriting one as the other is no change. The entries in a
Change's old and new are as the record writes them (a plain id stays that id).
"""

from __future__ import annotations

from typing import Any

from ensomhed_cli.format.meeting_parts import Absence, Attendee, ItemAbsence, Staff
from ensomhed_cli.format.schema import Member
from ensomhed_cli.review.differ import ValueDiffer
from ensomhed_cli.review.phrases import in_context


def _defaults(model) -> dict[str, Any]:
    return {f.alias or k: f.default for k, f in model.model_fields.items() if k != "person"}


DEFAULTS = {
    "attendees": _defaults(Attendee),
    "absent": _defaults(Absence),
    "staff": _defaults(Staff),
    "members": _defaults(Member),
    "item_absent": _defaults(ItemAbsence),
}
ATTENDANCE = tuple(DEFAULTS["attendees"])


def who(entry: Any) -> Any:
    return entry.get("person") if isinstance(entry, dict) else entry


def full(entry: Any, kind: str) -> dict:
    """An entry with every default filled in: `anna` and `{person: anna}` are one entry."""
    return {**DEFAULTS[kind], **entry} if isinstance(entry, dict) else {"person": entry, **DEFAULTS[kind]}


def flag(value: Any) -> bool:
    """A true/false field, also as written in a record with errors (`notice: "false"`)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "ja")
    return bool(value)


class PeopleChanges(ValueDiffer):
    """The lists of people in meetings, items and bodies."""

    def people(self, path: str, kind: str, a: list, b: list, n: Any = None) -> None:
        """Entries added, removed and changed; `n` is the item a list of an item belongs to."""
        old = {who(v): v for v in a}
        new = {who(v): v for v in b}
        for k, v in new.items():
            if k not in old:
                self.person_added(f"{path}[{k}]", kind, k, v, n)
        for k, v in old.items():
            if k not in new:
                self.person_removed(f"{path}[{k}]", kind, k, v, n)
            elif full(v, kind) != full(new[k], kind):
                self.person_changed(f"{path}[{k}]", kind, k, v, new[k], n)

    def details(self, *parts: Any) -> str:
        """Remarks after a name, in brackets: ` (syg; stedfortræder Anna Hansen)`."""
        shown = "; ".join(p for p in parts if p)
        return f" ({shown})" if shown else ""

    def attendance(self, entry: dict) -> str:
        """How someone took part when not for the whole meeting: deltog fra punkt 3, …"""
        parts = []
        if entry.get("from_item") is not None:
            parts.append(self.say("attended_from", item=self.short(entry["from_item"])))
        if entry.get("arrived"):
            parts.append(self.say("arrived_at", time=self.shown("arrived", entry["arrived"])))
        left, after = entry.get("left"), entry.get("to_item")
        if left and after is not None:
            parts.append(self.say("left_at_after", time=self.shown("left", left), item=self.short(after)))
        elif after is not None:
            parts.append(self.say("left_after", item=self.short(after)))
        elif left:
            parts.append(self.say("left_at", time=self.shown("left", left)))
        return ", ".join(parts)

    def absence(self, entry: dict, name: str) -> str:
        key = "apologies" if flag(entry.get("notice", True)) else "no_notice"
        substitute = entry.get("substitute")
        instead = f"{self.label('substitute')} {self.name(substitute)}" if substitute else ""
        reason = self.short(entry["reason"]) if entry.get("reason") else ""
        return self.say(key, name=name) + self.details(reason, instead)

    def left_item(self, n: Any, entry: dict, name: str) -> str:
        key = "inhabil" if flag(entry.get("conflict_of_interest")) else "item_absent"
        return self.say(key, n=n, name=name) + self.details(self.short(entry["reason"]) if entry.get("reason") else "")

    def with_role(self, entry: dict) -> str:
        return self.details(self.short(entry["role"]) if entry.get("role") else "")

    def person_added(self, path: str, kind: str, k: Any, v: Any, n: Any) -> None:
        name, entry = self.name(k), full(v, kind)
        if kind == "attendees":
            extra = self.details(self.attendance(entry), self.short(entry["note"]) if entry.get("note") else "")
            self.add("attendee-added", path, self.say("attendee_added", name=name) + extra, None, v)
        elif kind == "absent":
            self.add("absence-added", path, self.absence(entry, name), None, v)
        elif kind == "staff":
            self.add("staff-added", path, self.say("staff_added", name=name) + self.with_role(entry), None, v)
        elif kind == "members":
            self.add("member-added", path, self.say("member_added", name=name) + self.with_role(entry), None, v)
        else:
            self.add("item-absence-added", path, self.left_item(n, entry, name), None, v)

    def person_removed(self, path: str, kind: str, k: Any, v: Any, n: Any) -> None:
        name = self.name(k)
        if kind == "attendees":
            self.add("attendee-removed", path, self.say("attendee_removed", name=name), v, None)
        elif kind == "absent":
            key = "apologies_removed" if flag(full(v, kind).get("notice")) else "no_notice_removed"
            self.add("absence-removed", path, self.say(key, name=name), v, None)
        elif kind == "staff":
            self.add("staff-removed", path, self.say("staff_removed", name=name), v, None)
        elif kind == "members":
            self.add("member-removed", path, self.say("member_removed", name=name), v, None)
        else:
            self.add("item-absence-removed", path, self.say("item_absent_removed", n=n, name=name), v, None)

    def person_changed(self, path: str, kind: str, k: Any, va: Any, vb: Any, n: Any) -> None:
        name, a, b = self.name(k), full(va, kind), full(vb, kind)
        if kind == "attendees" and set(a) <= {"person", *ATTENDANCE} and set(b) <= {"person", *ATTENDANCE}:
            how = self.attendance(b)
            message = self.say("attendance", name=name, how=how) if how else self.say("attendance_whole", name=name)
            self.add("attendance-changed", path, message + self.details(self.short(b["note"]) if b.get("note") else ""), va, vb)
            return
        if kind == "item_absent":
            self.add("item-absence-changed", path, self.left_item(n, b, name), va, vb)
            return
        context = {"members": "member", "staff": "staff", "attendees": "attendee"}.get(kind, "attendee")
        if kind == "absent":
            context = "absent" if flag(b.get("notice")) else "absent_no_notice"
            if flag(a.get("notice")) != flag(b.get("notice")):
                self.add("absence-notice-changed", path, self.absence(b, name), va, vb)
                a, b = {**a, "notice": None}, {**b, "notice": None}
        place = in_context(context, name, self.lang)
        for key in dict.fromkeys([*a, *b]):
            if key != "person":
                self.field(f"{path}.{key}", place, key, a.get(key), b.get(key))

    # --- the meeting itself -------------------------------------------------------------

    def meeting_end(self, a: Any, b: Any, status: Any) -> None:
        old, new = self.shown("end", a), self.shown("end", b)
        if a is None:
            message = self.say("end_held" if status == "held" else "end_planned", new=new)
        elif b is None:
            message = self.say("end_removed", old=old)
        else:
            message = self.say("end_changed", old=old, new=new)
        self.add("meeting-end-changed", "end", message, a, b)
