"""What the rules across records need to know of one record: a small, plain summary.

Summaries are what the check cache keeps and what worker processes send back, so
they hold only plain values: no models, no positions. A position is looked up (by
reading the file again) only when a problem has to be reported there.
"""

from __future__ import annotations

from typing import NamedTuple


class Summary(NamedTuple):
    """A record as the rules across records see it (see references.summarize)."""

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
        """Compact: a value path as "items.0.start", a kind list as "person|body"."""
        return [
            self.path,
            self.kind,
            self.id,
            self.valid,
            self.has_id_key,
            self.label,
            [[_loc_text(loc), ref, "|".join(kinds)] for loc, ref, kinds in self.refs],
            list(self.goals),
            [[_loc_text(loc), p, g] for loc, p, g in self.goal_refs],
            self.parent,
            [[_loc_text(loc), a, b] for loc, a, b in self.attachments],
        ]

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
            tuple((_loc(loc), ref, tuple(kinds.split("|"))) for loc, ref, kinds in refs),
            tuple(goals),
            tuple((_loc(loc), p, g) for loc, p, g in goal_refs),
            parent,
            tuple((_loc(loc), a, b) for loc, a, b in attachments),
        )


def _loc_text(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)


def _loc(text: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in text.split(".")) if text else ()


def invalid_summary(path: str, kind: str, record_id: str, has_id_key: bool) -> Summary:
    return Summary(path, kind, record_id, False, has_id_key)
