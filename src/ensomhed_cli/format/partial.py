"""What can still be judged of a record that failed the schema: every problem in one run.

A record with a schema error has no typed model, so the rules within it (votes, decisions,
times…) would not run until every schema error is fixed, and fixing three errors would show
four new ones. `build_partial` takes out of the parsed mapping each value the schema
refused (an unknown key, a value of the wrong form, a list entry that cannot be read) and
types what is left. The rules run on that partial record; what they find inside a part that
lost something (a vote or statement, else the item, else the top-level field), or what reads
a part that lost something (READS), is not reported, since it may only be the missing value
speaking. Everything else they find is as true as on a valid record.

The partial record is for judging only: it is never rendered, listed or indexed (the file
stays a record with errors, as before).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ensomhed_cli.diagnostics import Diagnostic
from ensomhed_cli.format.schema import Record
from ensomhed_cli.format.source import Locator
from ensomhed_cli.format.typed import model_at

MAX_ROUNDS = 6  # a value taken out can reveal another below it; each round takes out at least one
# Findings that read another part of the record than where they are reported: not reported
# when that part (a top-level field) lost a value. Item numbers are compared across items;
# who votes is judged by who was listed present, absent or an official.
READS = {
    "items": frozenset({"unknown-item", "item-order", "duplicate-number"}),
    "attendees": frozenset({"absent-and-voting", "present-and-absent"}),
    "absent": frozenset({"absent-and-voting", "present-and-absent", "already-absent"}),
    "staff": frozenset({"absent-and-voting"}),
}


@dataclass
class Pruned:
    """The mapping as it is being pruned, with each list entry's place in the file as written."""

    data: dict
    origin: dict[int, list[int]] = field(default_factory=dict)  # id(list) -> original index of each entry
    regions: set[tuple] = field(default_factory=set)  # parts (as written) that lost a value

    def reads_lost(self, code: str) -> bool:
        """Whether a finding of this code reads a part that lost a value (READS)."""
        return any(code in READS.get(region[0], ()) for region in self.regions if region)

    def original(self, path: tuple) -> tuple:
        """A place in the pruned mapping as it is written in the file."""
        out: list = []
        node: Any = self.data
        for part in path:
            if isinstance(node, list) and isinstance(part, int):
                indices = self.origin.get(id(node))
                out.append(indices[part] if indices is not None and part < len(indices) else part)
                node = node[part] if part < len(node) else None
            elif isinstance(node, dict):
                out.append(part)
                node = node.get(part)
            elif isinstance(part, int):  # a single mapping written where a list is allowed
                out.append(part)
            else:
                out.append(part)
                node = None
        return tuple(out)


class PartialLocator(Locator):
    """The file's locator, told places in the pruned record; it keeps what falls in a part
    that lost a value, so that the caller leaves it out."""

    __slots__ = ("_inner", "_pruned", "hidden")

    def __init__(self, inner: Locator, pruned: Pruned) -> None:
        super().__init__(inner.path)
        self._inner = inner
        self._pruned = pruned
        self.hidden: set[Diagnostic] = set()

    @property
    def positions(self):  # type: ignore[override]
        return self._inner.positions

    def has(self, loc: tuple) -> bool:
        return self._inner.has(self._pruned.original(tuple(loc)))

    def key(self, loc: tuple) -> tuple[int, int]:
        return self._inner.key(self._pruned.original(tuple(loc)))

    def value(self, loc: tuple) -> tuple[int, int]:
        return self._inner.value(self._pruned.original(tuple(loc)))

    def diagnostic(self, loc: tuple, code: str, message: str, **kwargs: Any) -> Diagnostic:
        place = self._pruned.original(tuple(loc))
        found = self._inner.diagnostic(place, code, message, **kwargs)
        if any(place[: len(region)] == region for region in self._pruned.regions) or self._pruned.reads_lost(code):
            self.hidden.add(found)
        return found


@dataclass
class Partial:
    record: Record
    locator: PartialLocator
    pruned: Pruned

    def judged(self, found: list[Diagnostic]) -> list[Diagnostic]:
        """The rules' findings that do not fall in a part that lost a value."""
        return [d for d in found if d not in self.locator.hidden]

    def place(self, path: tuple) -> tuple | None:
        """A place in the partial record as written; None where its part lost a value."""
        place = self.pruned.original(path)
        return None if any(place[: len(region)] == region for region in self.pruned.regions) else place


def build_partial(values: dict, model: type[Record], locator: Locator) -> Partial | None:
    """The record typed from what the schema accepts of `values` (the mapping build_record
    validated, id and description filled in); None when a required value of the record
    itself is wrong (its kind's `date`, `body`, `title`…): then nothing can be judged."""
    pruned = Pruned(copy.deepcopy(values))
    _note_lists(pruned, pruned.data)
    for _ in range(MAX_ROUNDS):
        try:
            record = model.model_validate(pruned.data)
        except ValidationError as exc:
            targets = [_target(pruned.data, model, tuple(err["loc"]), err["type"]) for err in exc.errors(include_url=False)]
            if any(t is None for t in targets):
                return None
            _remove(pruned, [t for t in targets if t is not None])
            continue
        partial_locator = PartialLocator(locator, pruned)
        record._locator = partial_locator
        record._path = locator.path
        written = pruned.data.get("items")
        places = pruned.origin.get(id(written), []) if isinstance(written, list) else []
        for i, item in enumerate(getattr(record, "items", None) or []):
            if item.number is None:  # its position as written, an item left out before it included
                item.number = (places[i] if i < len(places) else i) + 1
        return Partial(record, partial_locator, pruned)
    return None


def _note_lists(pruned: Pruned, node: Any) -> None:
    if isinstance(node, list):
        pruned.origin[id(node)] = list(range(len(node)))
        for entry in node:
            _note_lists(pruned, entry)
    elif isinstance(node, dict):
        for value in node.values():
            _note_lists(pruned, value)


def _walk(data: Any, loc: tuple) -> tuple[tuple, list[Any]]:
    """The part of `loc` that exists in the data, with the node at each step (data first)."""
    nodes = [data]
    node = data
    walked: list = []
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, int):
            continue  # a single mapping written where a list is allowed: its entry 0 is itself
        else:
            break
        walked.append(part)
        nodes.append(node)
    return tuple(walked), nodes


def _target(data: dict, model: type[BaseModel], loc: tuple, kind: str) -> tuple | None:
    """The value to take out for one schema error: the refused value itself where it may be
    left out (an optional field, a list entry, an unknown key), else the list entry that holds
    it; None when only the record itself holds it (a required field of the record)."""
    walked, nodes = _walk(data, loc)
    if kind != "missing" and walked == loc and loc:
        candidate = loc
    else:  # a required value is missing, or the data has another shape than the loc says
        candidate = walked
    while candidate:
        parent = nodes[len(candidate) - 1] if len(candidate) - 1 < len(nodes) else None
        last = candidate[-1]
        if isinstance(parent, list) or kind == "extra_forbidden":
            return candidate
        if isinstance(parent, dict) and isinstance(last, str) and _optional(model, candidate):
            return candidate
        candidate = candidate[:-1]
        kind = ""  # above the error, only an optional field or a list entry is taken out
    return None


def _optional(model: type[BaseModel], loc: tuple) -> bool:
    """Whether the field at loc has a default (may be left out)."""
    owner = model_at(model, loc[:-1])
    if owner is None:
        return False
    for name, f in owner.model_fields.items():
        if loc[-1] in (name, f.alias):
            return not f.is_required()
    return True  # not a field of the model: an unknown key


def _remove(pruned: Pruned, targets: list[tuple]) -> None:
    """Take the targets out, deepest and last first, so that no removal moves another; each
    one's part is a region whose findings are not reported."""
    for target in sorted(set(targets), key=lambda t: (len(t), t[-1] if isinstance(t[-1], int) else -1), reverse=True):
        original = pruned.original(target)
        _walked, nodes = _walk(pruned.data, target)
        if len(nodes) <= len(target):
            continue  # already gone with a removal above it
        parent = nodes[len(target) - 1]
        last = target[-1]
        if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            del parent[last]
            indices = pruned.origin.get(id(parent))
            if indices is not None and last < len(indices):
                del indices[last]
        elif isinstance(parent, dict):
            parent.pop(last, None)
        else:
            continue
        pruned.regions.add(_region(original))


def _region(place: tuple) -> tuple:
    """The part of the record a value belongs to: an entry of a list inside an item (a vote,
    a statement, an action: each judged on its own), else its entry in a top-level list (an
    item, an attendee), else the top-level field."""
    if len(place) >= 4 and place[0] == "items" and isinstance(place[1], int) and isinstance(place[3], int):
        return place[:4]
    if len(place) >= 2 and isinstance(place[1], int):
        return place[:2]
    return place[:1]
