"""What the rules across records need to know of one record: a small, plain summary.

Summaries are what the check cache keeps and what worker processes send back, so
they hold only plain values: no models, no positions. A position is looked up (by
reading the file again) only when a problem has to be reported there.
"""

from __future__ import annotations

from typing import NamedTuple


class Summary(NamedTuple):
    """A record as the rules across records see it (see references.summarize).

    Every value is plain JSON as it stands, a value path written "items.0.start" and
    a set of kinds "person|body", so that a summary from the cache is used as read.
    References are kept without their places (most of a meeting is references, and
    the cache is read on every check); a reference that does not resolve is located
    by reading its file again (references.reference_locations).
    """

    path: str
    kind: str
    id: str
    valid: bool  # False: the record has errors of its own; only its kind, id and the references it writes are known
    has_id_key: bool
    label: str = ""
    refs: dict | None = None  # {kinds: [referenced id, ...]} in the order of references.references
    goals: tuple | list = ()  # a plan's goal ids
    goal_refs: tuple | list = ()  # ((loc, plan id, goal id), ...)
    parent: str | None = None  # a body's parent
    attachments: tuple | list = ()  # ((loc, path or None, url or None), ...)
    # What rules across records read of a meeting or body besides its references: a body's
    # "members"; a meeting's "body", "date", "status", "voters" ([loc, person id], ...),
    # and "stand_ins" (substitutes of the absent) (references.facts)
    facts: dict | None = None

    def to_json(self) -> list:
        return list(self)

    @classmethod
    def from_json(cls, data: list) -> Summary:
        return cls(*data)


def loc_text(loc: tuple) -> str:
    """("items", 0, "start") -> "items.0.start"."""
    return ".".join(str(part) for part in loc)


def loc_tuple(text: str) -> tuple:
    """"items.0.start" -> ("items", 0, "start")."""
    return tuple(int(part) if part.isdigit() else part for part in text.split(".")) if text else ()


def kind_in(kind: str | None, kinds: str) -> bool:
    """Whether `kind` is one of `kinds` ("person|body")."""
    return kind is not None and (kind == kinds or kind in kinds.split("|"))


def invalid_ids(summaries: list[Summary]) -> dict[str, str]:
    """id -> kind of the records that have errors of their own (the first, where ids repeat)."""
    invalid: dict[str, str] = {}
    for s in summaries:
        if not s.valid:
            invalid.setdefault(s.id, s.kind)
    return invalid
