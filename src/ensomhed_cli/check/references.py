"""Every reference a record makes, and the summary the rules across records work on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.format.fieldtypes import SLUG_RE
from ensomhed_cli.format.meeting_parts import Item
from ensomhed_cli.format.schema import Body, Initiative, Meeting, Person, Plan, Record

# A voter is a person's id, or text as written: party letters (A, V) or a name with capitals.
VOTE_SIDES = {"for": "for_", "against": "against", "abstained": "abstained"}


def is_person_ref(voter: str) -> bool:
    return SLUG_RE.fullmatch(voter) is not None


_KIND_NAMES: dict[type[Record], str] = {Body: "body", Person: "person", Meeting: "meeting", Plan: "plan", Initiative: "initiative"}


def references(record: Record) -> Iterator[tuple[tuple, str, tuple[type[Record], ...]]]:
    """(value path, referenced id, kinds it may refer to) for every reference in a record."""
    for kind, of_kind in _REFERENCES_OF:
        if isinstance(record, kind):
            yield from of_kind(record)
            return


def _body_references(record: Body) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
    if record.parent:
        yield ("parent",), record.parent, (Body,)
    if record.plan:
        yield ("plan",), record.plan, (Plan,)
    for i, m in enumerate(record.members):
        yield ("members", i, "person"), m.person, (Person,)


def _meeting_references(record: Meeting) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
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
    for i, amendment in enumerate(record.amendments):
        if amendment.by:
            yield ("amendments", i, "by"), amendment.by, (Person,)
    for i, item in enumerate(record.items):
        for path, ref, kinds in _item_references(item):
            yield ("items", i, *path), ref, kinds


def _item_references(item: Item) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
    if item.authority:
        yield ("authority",), item.authority, (Body,)
    for j, pid in enumerate(item.presenters):
        yield ("presenters", j), pid, (Person,)
    for j, absence in enumerate(item.absent):
        yield ("absent", j, "person"), absence.person, (Person,)
    for j, vote in enumerate(item.votes):
        for side in ("for", "against", "abstained"):
            for k, voter in enumerate(getattr(vote, VOTE_SIDES[side])):
                if is_person_ref(voter):
                    yield ("votes", j, side, k), voter, (Person,)
    for j, statement in enumerate(item.statements):
        for k, voter in enumerate(statement.by):
            if is_person_ref(voter):
                yield ("statements", j, "by", k), voter, (Person,)
    for j, iid in enumerate(item.initiatives):
        yield ("initiatives", j), iid, (Initiative,)
    for j, pid in enumerate(item.plans):
        yield ("plans", j), pid, (Plan,)
    for j, action in enumerate(item.actions):
        for k, pid in enumerate(action.owners):
            yield ("actions", j, "owners", k), pid, (Person, Body)


def _plan_references(record: Plan) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
    yield ("owner",), record.owner, (Body,)
    if record.approved_by:
        yield ("approved_by",), record.approved_by, (Body,)


def _initiative_references(record: Initiative) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
    for i, pid in enumerate(record.plans):
        yield ("plans", i), pid, (Plan,)
    if record.owner:
        yield ("owner",), record.owner, (Person, Body)
    if record.proposed_by:
        yield ("proposed_by",), record.proposed_by, (Body,)


_REFERENCES_OF: tuple[tuple[type, Any], ...] = (
    (Body, _body_references),
    (Meeting, _meeting_references),
    (Plan, _plan_references),
    (Initiative, _initiative_references),
)


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
    return Summary(
        record.path, kind, record.id or "", True, has_id_key, record.label, refs, goals, goal_refs, parent, attachments, facts(record)
    )


def facts(record: Record | None) -> dict | None:
    """What the rules across records read of a body or meeting besides its references
    (Summary.facts): who is a member; when a meeting is, its status, who voted whom it did
    not itself say was away, and who stood in for an absent member."""
    if isinstance(record, Body):
        return {"members": [m.person for m in record.members]}
    if isinstance(record, Meeting):
        # A voter the meeting itself says was not there (absent, an official, not among the
        # attendees listed) is the meeting's own rule's to report (rules/minutes.py); the rest
        # are judged against the body's members.
        listed = set(record.attendee_ids)
        away = {a.person for a in record.absent} | {s.person for s in record.staff}
        voters = [
            [f"items.{i}.votes.{j}.{side}.{k}", voter]
            for i, item in enumerate(record.items)
            for j, vote in enumerate(item.votes)
            for side, attr in VOTE_SIDES.items()
            for k, voter in enumerate(getattr(vote, attr))
            if is_person_ref(voter) and voter not in away and (not listed or voter in listed)
        ]
        return {
            "body": record.body,
            "date": record.date.isoformat(),
            "status": record.status,
            "voters": voters,
            "stand_ins": [a.substitute for a in record.absent if a.substitute],
        }
    return None


def reference_locations(file: Path, rel: str, text: str | None = None) -> dict[str, list[tuple]]:
    """{kinds: [value path, ...]} of a record's references, in the order its summary keeps them.

    Used only when a reference does not resolve: the file is read once more to find
    where that reference is written (in a record with errors of its own, as written).
    With `text` (an editor's unsaved buffer, decoded), that text is parsed instead.
    """
    from ensomhed_cli.format.source import parse_text, read_record
    from ensomhed_cli.format.typed import build_record

    doc = read_record(file, rel) if text is None else parse_text(text, rel)
    record, _ = build_record(doc)
    places: dict[str, list[tuple]] = {}
    if record is not None:
        for loc, _, kinds in references(record):
            places.setdefault("|".join(_KIND_NAMES[k] for k in kinds), []).append(loc)
    elif isinstance(doc.data, dict) and isinstance(doc.data.get("kind"), str):
        for loc, _, names in written_references(doc.data["kind"], doc.data):
            places.setdefault(names, []).append(loc)
    return places


# --- the references of a record that failed the schema, as written ---------------------------
# A record with a schema error has no typed model, yet the ids it names are still worth
# checking: "every problem in one run". These walk the parsed mapping the way `references`
# walks the model, taking only what is plainly an id where an id belongs; a test holds the two
# walks equal on every valid record.


def _entries(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _mappings(data: Any, key: str) -> Iterator[tuple[int, dict]]:
    for i, entry in _entries(data.get(key)):
        if isinstance(entry, dict):
            yield i, entry


def _person(entry: Any) -> Any:
    """A list entry written as a person's id, or {person: id, …}."""
    return entry.get("person") if isinstance(entry, dict) else entry


def _written(data: dict) -> Iterator[tuple[tuple, Any, str]]:
    kind = data.get("kind")
    if kind == "body":
        yield ("parent",), data.get("parent"), "body"
        yield ("plan",), data.get("plan"), "plan"
        for i, entry in _entries(data.get("members")):
            yield ("members", i, "person"), _person(entry), "person"
    elif kind == "meeting":
        yield ("body",), data.get("body"), "body"
        yield ("chair",), data.get("chair"), "person"
        yield ("secretary",), data.get("secretary"), "person"
        for i, entry in _entries(data.get("attendees")):
            yield ("attendees", i, "person"), _person(entry), "person"
        for i, entry in _entries(data.get("absent")):
            yield ("absent", i, "person"), _person(entry), "person"
            if isinstance(entry, dict):
                yield ("absent", i, "substitute"), entry.get("substitute"), "person"
        for i, entry in _entries(data.get("staff")):
            yield ("staff", i, "person"), _person(entry), "person"
        for i, amendment in _mappings(data, "amendments"):
            yield ("amendments", i, "by"), amendment.get("by"), "person"
        for i, item in _mappings(data, "items"):
            yield from _written_item(i, item)
    elif kind == "plan":
        yield ("owner",), data.get("owner"), "body"
        yield ("approved_by",), data.get("approved_by"), "body"
    elif kind == "initiative":
        for i, pid in _entries(data.get("plans")):
            yield ("plans", i), pid, "plan"
        yield ("owner",), data.get("owner"), "person|body"
        yield ("proposed_by",), data.get("proposed_by"), "body"


def _written_item(i: int, item: dict) -> Iterator[tuple[tuple, Any, str]]:
    yield ("items", i, "authority"), item.get("authority"), "body"
    for j, pid in _entries(item.get("presenters")):
        yield ("items", i, "presenters", j), pid, "person"
    for j, entry in _entries(item.get("absent")):
        yield ("items", i, "absent", j, "person"), _person(entry), "person"
    for j, vote in _mappings(item, "votes"):
        for side, name in VOTE_SIDES.items():
            for k, voter in _entries(vote.get(side, vote.get(name))):
                yield ("items", i, "votes", j, side, k), voter, "person"
    for j, statement in _mappings(item, "statements"):
        for k, voter in _entries(statement.get("by")):
            yield ("items", i, "statements", j, "by", k), voter, "person"
    for j, iid in _entries(item.get("initiatives")):
        yield ("items", i, "initiatives", j), iid, "initiative"
    for j, pid in _entries(item.get("plans")):
        yield ("items", i, "plans", j), pid, "plan"
    for j, action in _mappings(item, "actions"):
        for k, owner in _entries(action.get("owners")):
            yield ("items", i, "actions", j, "owners", k), owner, "person|body"


def written_references(kind: str, data: dict) -> Iterator[tuple[tuple, str, str]]:
    """(value path, referenced id, kinds "person|body") of every id a parsed mapping names where
    its kind has a reference; values that are not an id are the schema's to report."""
    if data.get("kind") != kind:
        return
    for loc, ref, kinds in _written(data):
        if isinstance(ref, str) and SLUG_RE.fullmatch(ref):
            yield loc, ref, kinds


def written_goal_refs(data: dict) -> tuple:
    """An initiative's goals written PLAN-ID#GOAL-ID, as its summary keeps them."""
    if data.get("kind") != "initiative":
        return ()
    out = []
    for i, ref in _entries(data.get("goals")):
        plan, sep, goal = ref.strip().partition("#") if isinstance(ref, str) else ("", "", "")
        if sep and SLUG_RE.fullmatch(plan) and SLUG_RE.fullmatch(goal):
            out.append((f"goals.{i}", plan, goal))
    return tuple(out)


def written_summary(path: str, kind: str, record_id: str, data: dict, partial: Record | None = None) -> Summary:
    """The summary of a record that failed the schema: its id and the references it writes,
    and what the rules across records read of what could still be judged of it (`partial`,
    typed.build_partial), so that a schema error in one item hides nothing in another."""
    refs: dict[str, list[str]] = {}
    for _, ref, kinds in written_references(kind, data):
        refs.setdefault(kinds, []).append(ref)
    return Summary(
        path, kind, record_id, False, "id" in data, refs=refs or None, goal_refs=written_goal_refs(data), facts=facts(partial)
    )
