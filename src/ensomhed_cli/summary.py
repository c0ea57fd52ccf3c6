"""What the rules across records need to know of one record: a small, plain summary.

Summaries are what the check cache keeps and what worker processes send back, so
they hold only plain values: no models, no positions. A position is looked up (by
reading the file again) only when a problem has to be reported there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ensomhed_cli.schema import Body, Initiative, Meeting, Person, Plan, Record

_KIND_NAMES = {Body: "body", Person: "person", Meeting: "meeting", Plan: "plan", Initiative: "initiative"}


class Summary(NamedTuple):
    path: str
    kind: str
    id: str
    valid: bool  # False: the record has errors of its own; only its kind and id are known
    has_id_key: bool
    label: str = ""
    refs: tuple = ()  # ((loc, ref, (kind, ...)), ...)
    goals: tuple = ()  # a plan's goal ids
    goal_refs: tuple = ()  # ((loc, plan id, goal id), ...)
    parent: str | None = None  # a body's parent
    attachments: tuple = ()  # ((loc, path or None, url or None), ...)

    def to_json(self) -> list:
        return list(self)

    @classmethod
    def from_json(cls, data: list) -> Summary:
        path, kind, rid, valid, has_id, label, refs, goals, goal_refs, parent, attachments = data
        return cls(
            path,
            kind,
            rid,
            valid,
            has_id,
            label,
            tuple((tuple(loc), ref, tuple(kinds)) for loc, ref, kinds in refs),
            tuple(goals),
            tuple((tuple(loc), p, g) for loc, p, g in goal_refs),
            parent,
            tuple((tuple(loc), a, b) for loc, a, b in attachments),
        )


def references(record: Record) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
    """(value path, referenced id, kinds it may refer to) for every reference in a record."""
    if isinstance(record, Body):
        if record.parent:
            yield ("parent",), record.parent, (Body,)
        if record.plan:
            yield ("plan",), record.plan, (Plan,)
        for i, m in enumerate(record.members):
            yield ("members", i, "person"), m.person, (Person,)
    elif isinstance(record, Meeting):
        yield ("body",), record.body, (Body,)
        for name in ("chair", "secretary"):
            if getattr(record, name):
                yield (name,), getattr(record, name), (Person,)
        for i, pid in enumerate(record.attendees):
            yield ("attendees", i), pid, (Person,)
        for i, a in enumerate(record.absent):
            yield ("absent", i, "person"), a.person, (Person,)
            if a.substitute:
                yield ("absent", i, "substitute"), a.substitute, (Person,)
        for i, item in enumerate(record.items):
            for j, pid in enumerate(item.presenters):
                yield ("items", i, "presenters", j), pid, (Person,)
            for j, iid in enumerate(item.initiatives):
                yield ("items", i, "initiatives", j), iid, (Initiative,)
            for j, pid in enumerate(item.plans):
                yield ("items", i, "plans", j), pid, (Plan,)
            for j, action in enumerate(item.actions):
                for k, pid in enumerate(action.owners):
                    yield ("items", i, "actions", j, "owners", k), pid, (Person,)
    elif isinstance(record, Plan):
        yield ("owner",), record.owner, (Body,)
        if record.approved_by:
            yield ("approved_by",), record.approved_by, (Body,)
    elif isinstance(record, Initiative):
        for i, pid in enumerate(record.plans):
            yield ("plans", i), pid, (Plan,)
        if record.owner:
            yield ("owner",), record.owner, (Person, Body)
        if record.proposed_by:
            yield ("proposed_by",), record.proposed_by, (Body,)


def summarize(record: Record, has_id_key: bool) -> Summary:
    refs = tuple((loc, ref, tuple(_KIND_NAMES[k] for k in kinds)) for loc, ref, kinds in references(record))
    goals: tuple = ()
    goal_refs: tuple = ()
    parent = None
    attachments: tuple = ()
    if isinstance(record, Plan):
        goals = tuple(g.id for g in record.goals)
    elif isinstance(record, Initiative):
        goal_refs = tuple((("goals", i), *ref.partition("#")[::2]) for i, ref in enumerate(record.goals))
    elif isinstance(record, Body):
        parent = record.parent
    elif isinstance(record, Meeting):
        attachments = tuple(
            (("items", i, "attachments", j), att.path, att.url)
            for i, item in enumerate(record.items)
            for j, att in enumerate(item.attachments)
        )
    kind: Any = record.kind  # type: ignore[attr-defined]
    return Summary(record.path, kind, record.id or "", True, has_id_key, record.label, refs, goals, goal_refs, parent, attachments)


def invalid_summary(path: str, kind: str, record_id: str, has_id_key: bool) -> Summary:
    return Summary(path, kind, record_id, False, has_id_key)
