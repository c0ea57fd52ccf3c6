"""Any two values compared field by field, in words: the part of the diff that knows no record kind.

A place is how a label is made where a value sits: `place("type")` is "sagstype på
punkt 3" in an item, "type" at the top of a record. A value nested in another gets its
parent's words before its own ("periode til").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ensomhed_cli.review.phrases import (
    ENUM_FIELDS,
    TIME_FIELDS,
    cap,
    check_lang,
    clock,
    field_label,
    say,
    short,
    value_word,
)
from ensomhed_cli.review.snapshot import Snapshot

Place = Callable[[str], str]

# Fields that hold the id of one record: shown (and kept as old and new) by the record's name.
REF_FIELDS = ("body", "chair", "secretary", "owner", "approved_by", "proposed_by", "parent", "plan", "substitute", "authority")
# Lists of record ids: their entries are shown by name, and kept as written.
REF_LISTS = ("plans", "initiatives", "owners", "presenters", "attendees")


@dataclass
class Change:
    type: str
    field: str
    message: str
    old: Any = None
    new: Any = None
    severity: str | None = None  # "error" or "warning": a change a record of minutes must not make unsaid (review/of_record.py)


def top(f: str) -> str:
    return f


def as_list(value: Any) -> list:
    """A list field as written may hold one value, or nothing."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def keyed(entries: list, key: Callable[[Any], Any]) -> dict:
    """Entries by (a key made from each, how many came before with that key): two alike stay two."""
    out: dict = {}
    for entry in entries:
        k = key(entry)
        count = sum(1 for seen in out if seen[0] == k)
        out[(k, count)] = entry
    return out


class ValueDiffer:
    """Compares values and collects the changes, in one language."""

    def __init__(self, old: Snapshot, new: Snapshot, lang: str = "da") -> None:
        check_lang(lang)
        self.old, self.new, self.lang = old, new, lang
        self.out: list[Change] = []

    # --- words ------------------------------------------------------------------------

    def name(self, record_id: Any) -> str:
        """A record by its name (a person's, a body's, a plan's title), else its id as written."""
        if not isinstance(record_id, str):
            return self.short(record_id)
        label = self.new.name(record_id) or self.old.name(record_id)
        return label if label else record_id

    def names(self, ids: Any) -> str:
        return ", ".join(self.name(v) for v in as_list(ids))

    def say(self, key: str, **values: Any) -> str:
        return say(key, self.lang, **values)

    def short(self, value: Any) -> str:
        return short(value, self.lang)

    def label(self, key: Any, scope: str = "") -> str:
        return field_label(key, self.lang, scope)

    def shown(self, key: Any, value: Any, *, free: bool = False) -> str:
        """A field's value in words: a status or type in the chosen language, a time as the
        language writes it, anything else as written. `free` data (extra) is always as written."""
        if not free and key in ENUM_FIELDS:
            word = value_word(value, self.lang)
            if word:
                return word
        if not free and key in TIME_FIELDS:
            return clock(value, self.lang)
        return self.short(value)

    def add(self, type_: str, field_: str, message: str, old: Any = None, new: Any = None) -> None:
        self.out.append(Change(type_, field_, message, old, new))

    # --- any value ---------------------------------------------------------------------

    def field(self, path: str, place: Place, key: Any, a: Any, b: Any, scope: str = "") -> None:
        """A field named `key` at a place: its label is the field's own word."""
        self.value(path, place, self.label(key, scope), key, a, b)

    def value(self, path: str, place: Place, part: str, key: Any, a: Any, b: Any) -> None:
        """`part` is what the value is called at its place; `key` the field it belongs to."""
        if a == b:
            return
        free = path == "extra" or path.startswith(("extra.", "extra["))
        if not free and key in REF_FIELDS and not isinstance(a, (list, dict)) and not isinstance(b, (list, dict)):
            a, b = (self.name(a) if a else None), (self.name(b) if b else None)
            if a == b:
                return
        label = cap(place(part))
        if isinstance(a, list) or isinstance(b, list):
            self.plain_list(path, place, part, key, as_list(a), as_list(b))
        elif isinstance(a, dict) and isinstance(b, dict):
            for k in dict.fromkeys([*a, *b]):
                self.value(f"{path}.{k}", place, f"{part} {k if free else self.label(k)}", k, a.get(k), b.get(k))
        elif str(key).endswith("status"):
            old, new = self.shown(key, a, free=free), self.shown(key, b, free=free)
            self.add("status-changed", path, self.say("changed", label=label, old=old, new=new), a, b)
        elif a is None:
            self.add("field-added", path, self.say("set", label=label, new=self.shown(key, b, free=free)), a, b)
        elif b is None:
            self.add("field-removed", path, self.say("removed", label=label, old=self.shown(key, a, free=free)), a, b)
        elif isinstance(a, str) and "\n" in a + (b if isinstance(b, str) else ""):
            self.add("field-changed", path, self.say("changed_long", label=label), a, b)
        else:
            old, new = self.shown(key, a, free=free), self.shown(key, b, free=free)
            self.add("field-changed", path, self.say("changed", label=label, old=old, new=new), a, b)

    def plain_list(self, path: str, place: Place, part: str, key: Any, a: list, b: list) -> None:
        label = cap(place(part))
        if all(not isinstance(v, dict) for v in a + b):
            shown = self.name if key in REF_LISTS else self.short
            for v in b:
                if v not in a:
                    self.add("list-added", path, self.say("list_added", label=label, new=shown(v)), None, v)
            for v in a:
                if v not in b:
                    self.add("list-removed", path, self.say("list_removed", label=label, old=shown(v)), v, None)
            return
        by_id = all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in a + b)
        if not by_id:
            self.by_position(path, place, part, key, a, b)
            return
        old = {v["id"]: v for v in a}
        new = {v["id"]: v for v in b}
        for k, v in new.items():
            if k not in old:
                self.add("entry-added", f"{path}[{k}]", self.say("entry_added", label=label, new=self.describe(v)), None, v)
        for k, v in old.items():
            if k not in new:
                self.add("entry-removed", f"{path}[{k}]", self.say("entry_removed", label=label, old=self.describe(v)), v, None)
            elif v != new[k]:
                self.value(f"{path}[{k}]", place, f"{part} {k}", key, v, new[k])

    def by_position(self, path: str, place: Place, part: str, key: Any, a: list, b: list) -> None:
        label = cap(place(part))
        for i in range(max(len(a), len(b))):
            va = a[i] if i < len(a) else None
            vb = b[i] if i < len(b) else None
            if va is None:
                self.add("entry-added", f"{path}[{i}]", self.say("list_added", label=label, new=self.describe(vb)), None, vb)
            elif vb is None:
                self.add("entry-removed", f"{path}[{i}]", self.say("list_removed", label=label, old=self.describe(va)), va, None)
            else:
                self.value(f"{path}[{i}]", place, f"{part} {i + 1}", key, va, vb)

    def describe(self, entry: Any) -> str:
        if isinstance(entry, dict):
            return self.short(entry.get("title") or entry.get("what") or entry)
        return self.short(entry)
