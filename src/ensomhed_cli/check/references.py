"""Every reference a record makes, and the summary the rules across records work on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.format.fieldtypes import SLUG_RE
from ensomhed_cli.format.schema import Body, Initiative, Meeting, Person, Plan, Record

# A voter is a person's id, or text as written: party letters (A, V) or a name with capitals.
VOTE_SIDES = {"for": "for_", "against": "against", "abstained": "abstained"}


def is_person_ref(voter: str) -> bool:
    return SLUG_RE.fullmatch(voter) is not None


_KIND_NAMES = {Body: "body", Person: "person", Meeting: "meeting", Plan: "plan", Initiative: "initiative"}


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
        for i, attendee in enumerate(record.attendees):
            yield ("attendees", i, "person"), attendee.person, (Person,)
        for i, a in enumerate(record.absent):
            yield ("absent", i, "person"), a.person, (Person,)
            if a.substitute:
                yield ("absent", i, "substitute"), a.substitute, (Person,)
        for i, s in enumerate(record.staff):
            yield ("staff", i, "person"), s.person, (Person,)
        for i, item in enumerate(record.items):
            if item.authority:
                yield ("items", i, "authority"), item.authority, (Body,)
            for j, pid in enumerate(item.presenters):
                yield ("items", i, "presenters", j), pid, (Person,)
            for j, absence in enumerate(item.absent):
                yield ("items", i, "absent", j, "person"), absence.person, (Person,)
            for j, vote in enumerate(item.votes):
                for side in ("for", "against", "abstained"):
                    for k, voter in enumerate(getattr(vote, VOTE_SIDES[side])):
                        if is_person_ref(voter):
                            yield ("items", i, "votes", j, side, k), voter, (Person,)
            for j, statement in enumerate(item.statements):
                for k, voter in enumerate(statement.by):
                    if is_person_ref(voter):
                        yield ("items", i, "statements", j, "by", k), voter, (Person,)
            for j, iid in enumerate(item.initiatives):
                yield ("items", i, "initiatives", j), iid, (Initiative,)
            for j, pid in enumerate(item.plans):
                yield ("items", i, "plans", j), pid, (Plan,)
            for j, action in enumerate(item.actions):
                for k, pid in enumerate(action.owners):
                    yield ("items", i, "actions", j, "owners", k), pid, (Person, Body)
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
    refs: dict[str, list[str]] = {}
    for _, ref, kinds in references(record):
        refs.setdefault("|".join(_KIND_NAMES[k] for k in kinds), []).append(ref)
    goals: tuple = ()
    goal_refs: tuple = ()
    parent = None
    attachments: tuple = ()
    if isinstance(record, Plan):
        goals = tuple(g.id for g in record.goals)
    elif isinstance(record, Initiative):
        goal_refs = tuple((f"goals.{i}", *ref.partition("#")[::2]) for i, ref in enumerate(record.goals))
    elif isinstance(record, Body):
        parent = record.parent
    elif isinstance(record, Meeting):
        attachments = tuple(
            (f"items.{i}.attachments.{j}", att.path, att.url)
            for i, item in enumerate(record.items)
            for j, att in enumerate(item.attachments)
        )
    kind: Any = record.kind  # type: ignore[attr-defined]
    return Summary(record.path, kind, record.id or "", True, has_id_key, record.label, refs, goals, goal_refs, parent, attachments)


def reference_locations(file: Path, rel: str) -> dict[str, list[tuple]]:
    """{kinds: [value path, ...]} of a record's references, in the order summarize keeps them.

    Used only when a reference does not resolve: the file is read once more to find
    where that reference is written.
    """
    from ensomhed_cli.format.source import read_record
    from ensomhed_cli.format.typed import build_record

    record, _ = build_record(read_record(file, rel))
    places: dict[str, list[tuple]] = {}
    if record is not None:
        for loc, _, kinds in references(record):
            places.setdefault("|".join(_KIND_NAMES[k] for k in kinds), []).append(loc)
    return places
