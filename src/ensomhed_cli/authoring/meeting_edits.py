"""The secretary's steps on a meeting file: the agenda turned into minutes, an item added.

`new minutes MEETING` turns a planned meeting into its referat: `status: held`, the body's
members as `attendees` (those with afbud left out), and an empty `decision:` under every
decision item, which `check` reports until it is written. `new item MEETING` adds an
agenda item after the last one (or where its number puts it). Both change only those
lines (authoring/in_place.py), check the result as `ensomhed check` would, and refuse,
leaving the file untouched, where the step does not apply.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from ensomhed_cli.authoring.in_place import (
    EditRefused,
    RecordText,
    block_items,
    entry,
    is_empty,
    read_record_text,
    scalar,
)
from ensomhed_cli.check.references import summarize
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.check.rules.across import run_across_rules
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.record import run_record_rules
from ensomhed_cli.diagnostics import ERROR, Diagnostic, say, suggest
from ensomhed_cli.format.rawfile import reason as os_reason
from ensomhed_cli.format.schema import Body, Meeting
from ensomhed_cli.format.source import parse_text
from ensomhed_cli.format.typed import build_record
from ensomhed_cli.fsio import write_atomic

ITEM_TYPES = {"decision": "decision", "information": "information", "discussion": "discussion",
              "beslutning": "decision", "orientering": "information", "drøftelse": "discussion"}  # fmt: skip
DONE_WITHOUT_DECISION = ("postponed", "withdrawn")


@dataclass
class MeetingEdit:
    """A meeting file as a step leaves it, checked and not yet written."""

    rel: str
    path: Path
    before: bytes
    after: bytes
    said: list[str] = field(default_factory=list)  # what the step did, for the secretary
    diagnostics: list[Diagnostic] = field(default_factory=list)  # what `check` says of the result


def _meeting(repo: Repository, meeting_id: str) -> Meeting:
    found = repo.get(meeting_id)
    if isinstance(found, Meeting):
        return found
    if meeting_id in repo.invalid:
        raise EditRefused(say(f"mødet `{meeting_id}` har fejl; ret dem først (`ensomhed check`)",
                               f"the meeting `{meeting_id}` has errors; fix them first (`ensomhed check`)"))  # fmt: skip
    ids = [r.id for r in repo.records if isinstance(r, Meeting) and r.id]  # every record read has an id
    raise EditRefused(say(f"der er intet møde med id `{meeting_id}`{suggest(meeting_id, ids)}",
                           f"there is no meeting with id `{meeting_id}`{suggest(meeting_id, ids)}"))  # fmt: skip


def minutes_edit(repo: Repository, meeting_id: str, today: dt.date | None = None) -> MeetingEdit:
    """The planned meeting turned into minutes; EditRefused where it is not planned."""
    meeting = _meeting(repo, meeting_id)
    if meeting.status != "planned":
        raise EditRefused(say(f"mødet `{meeting_id}` er `{meeting.status}`, ikke `planned`: det har allerede et referat, eller blev aflyst",
                               f"the meeting `{meeting_id}` is `{meeting.status}`, not `planned`: it has minutes already, or was cancelled"))  # fmt: skip
    text = read_record_text(repo.root / meeting.path)
    said: list[str] = []
    _set_held(text)
    said.append(say("status: held", "status: held"))
    present = _attendees(repo, meeting, text)
    if present:
        said.append(say(f"deltagere: {', '.join(present)}", f"attendees: {', '.join(present)}"))
    waiting = _decisions(text, meeting)
    if waiting:
        numbers = ", ".join(waiting)
        said.append(say(f"skriv beslutningen under punkt {numbers}", f"write the decision under item {numbers}"))
    return _checked(repo, meeting, text, said, allowed={"missing-decision"}, today=today)


def _set_held(text: RecordText) -> None:
    found = entry(text.root, "status")
    if found is not None:
        text.replace(found[1], "held")
        return
    after = entry(text.root, "date") or entry(text.root, "body") or text.root.value[-1]
    text.add_lines(text.line_end(after[1]), [" " * text.column(after[0]) + "status: held"])


def _attendees(repo: Repository, meeting: Meeting, text: RecordText) -> list[str]:
    """The body's members, less those with afbud, as `attendees`, unless some are written."""
    found = entry(text.root, "attendees")
    if found is not None and not is_empty(found[1]):
        return []
    body = repo.get(meeting.body)
    absent = {a.person for a in meeting.absent}
    members = [m.person for m in body.members if m.person not in absent] if isinstance(body, Body) else []
    if not members:
        return []
    column = text.column(text.root.value[0][0])
    lines = [" " * column + "attendees:", *(" " * (column + 2) + f"- {person}" for person in members)]
    if found is not None:  # `attendees:` with nothing in it: the list goes in its place
        key, value = found
        start = text.offset(key.start_mark) - column
        text.edits.append((start, text.line_end(value), len(text.edits), "".join(f"{line}\n" for line in lines)))
    else:
        text.add_lines(_before(text, "items"), lines)
    return members


def _before(text: RecordText, key: str) -> int:
    """Where a new top-level line goes: after the value before `key`, else at the end."""
    pairs = text.root.value
    for i, (key_node, _) in enumerate(pairs):
        if isinstance(key_node, ScalarNode) and key_node.value == key and i > 0:
            return text.line_end(pairs[i - 1][1])
    return text.line_end(pairs[-1][1])


def _decisions(text: RecordText, meeting: Meeting) -> list[str]:
    """`decision:` added under every decision item that was treated and has none; their numbers."""
    items = block_items(text, "items", ("the items", "punkterne"))
    if items is None:
        return []
    waiting = []
    for node, item in zip(items.value, meeting.items, strict=False):
        if item.type != "decision" or item.status in DONE_WITHOUT_DECISION or item.decision is not None:
            continue
        if not isinstance(node, MappingNode) or node.flow_style or entry(node, "decision") is not None:
            continue
        text.add_lines(text.line_end(node), [" " * text.column(node.value[0][0]) + "decision:"])
        waiting.append(str(item.number))
    return waiting


def item_edit(
    repo: Repository, meeting_id: str, title: str, *, type: str | None = None, number: str | None = None, closed: bool = False
) -> MeetingEdit:
    """A new agenda item at the end of the meeting's items, or where `number` puts it."""
    meeting = _meeting(repo, meeting_id)
    if meeting.minutes_approved is not None:
        raise EditRefused(say(f"referatet af `{meeting_id}` er godkendt ({meeting.minutes_approved}); det ændres kun med en rettelse (`amendments`)",
                               f"the minutes of `{meeting_id}` were approved ({meeting.minutes_approved}); they change only by an amendment (`amendments`)"))  # fmt: skip
    if not title.strip():
        raise EditRefused(say("--title: et punkt skal have en titel", "--title: an item needs a title"))
    kind = None
    if type is not None:
        kind = ITEM_TYPES.get(type.strip().lower())
        if kind is None:
            choices = ", ".join(ITEM_TYPES)
            raise EditRefused(say(f"--type {type}: skriv en af {choices}{suggest(type, ITEM_TYPES)}",
                                   f"--type {type}: give one of {choices}{suggest(type, ITEM_TYPES)}"))  # fmt: skip
    if number is not None and not NUMBER.fullmatch(number):
        raise EditRefused(say(f"--number {number}: et punktnummer er et tal eller en betegnelse som 7.1 eller 2a",
                               f"--number {number}: an item number is a number or a label such as 7.1 or 2a"))  # fmt: skip
    if number is not None and any(str(item.number) == number for item in meeting.items):
        raise EditRefused(say(f"--number {number}: mødet har allerede et punkt {number}", f"--number {number}: the meeting already has an item {number}"))
    text = read_record_text(repo.root / meeting.path)
    items = block_items(text, "items", ("the items", "punkterne"))
    numbered = items is not None and all(isinstance(n, MappingNode) and scalar(n, "number") is not None for n in items.value)
    if number is None and numbered and meeting.items:
        number = str(_leading(str(meeting.items[-1].number)) + 1)
    fields = [("number", number), ("title", title.strip()), ("type", kind), ("closed", "true" if closed else None)]
    fields += [("decision", "")] if meeting.status == "held" and kind == "decision" else []
    written = [(key, value if key in ("number", "closed") or value == "" else _quoted(value)) for key, value in fields if value is not None]
    if items is None:
        found = entry(text.root, "items")
        at = text.line_end(found[1]) if found is not None else text.line_end(text.root.value[-1][1])
        column = text.column(text.root.value[0][0])
        lines = _item_lines(written, column + 2)
        if found is not None:  # `items:` or `items: []`: the list goes in its place
            start = text.offset(found[0].start_mark) - column
            text.edits.append((start, at, len(text.edits), "".join(f"{line}\n" for line in [" " * column + "items:", *lines])))
        else:
            text.add_lines(at, [" " * column + "items:", *lines])
    else:
        at, dash = _item_place(text, items, meeting, number)
        text.add_lines(at, _item_lines(written, dash))
    shown = number or str(len(meeting.items) + 1)
    said = [say(f"punkt {shown}: {title.strip()}", f"item {shown}: {title.strip()}")]
    return _checked(repo, meeting, text, said, allowed={"missing-decision"})  # a decision item of held minutes: its decision is to be written


def _leading(number: str) -> int:
    match = re.match(r"\d+", number)
    return int(match.group()) if match else 0


def _item_place(text: RecordText, items, meeting: Meeting, number: str | None) -> tuple[int, int]:
    """(where the new item's lines go, the column of its dash): after the last item whose
    number is not above the new one's, else before the first."""
    nodes = items.value
    start = text.offset(nodes[0].start_mark)
    line_start = text.text.rfind("\n", 0, start) + 1
    dash = max(text.text[line_start:start].rstrip().rfind("-"), 0)  # the `-` before the first item
    after = len(nodes) - 1
    if number is not None:
        new = (_leading(number), number)
        before = [i for i, item in enumerate(meeting.items) if (_leading(str(item.number)), str(item.number)) > new]
        after = before[0] - 1 if before else len(nodes) - 1
    if after < 0:  # before the first item: at the start of its line
        return line_start, dash
    return text.line_end(nodes[after]), dash


def _item_lines(fields: list[tuple[str, str]], dash: int) -> list[str]:
    pad = " " * dash
    first, *rest = fields
    return [f"{pad}- {first[0]}:{' ' + first[1] if first[1] else ''}", *(f"{pad}  {k}:{' ' + v if v else ''}" for k, v in rest)]


_PLAIN = re.compile("[A-Za-z0-9ÆØÅæøåÉé][^:#\"'{}\\[\\],&*!|>%@`\x00-\x1f\x7f\x85\u2028\u2029]*")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*[a-z]?")


def _quoted(value: str) -> str:
    """Plain where YAML reads it back as the same text, else in double quotes."""
    plain = _PLAIN.fullmatch(value) and value == value.strip() and not value.endswith(":") and not re.fullmatch(r"[\d.:-]+", value)
    if plain:
        return value
    # JSON's escapes are YAML's; the line breaks YAML has besides \n (NEL, LS, PS) are escaped too
    return json.dumps(value, ensure_ascii=False).replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")


def _checked(repo: Repository, meeting: Meeting, text: RecordText, said: list[str], *, allowed: set[str], today: dt.date | None = None) -> MeetingEdit:
    """The edited file checked as `check` would; EditRefused, naming the problems, where the
    step makes an error that is not one of those it leaves for the secretary (`allowed`)."""
    after = text.result()
    ctx = Context(repo.root, repo.config, today=today or dt.date.today())
    before_errors = {(d.code, d.message) for d in _diagnostics(repo, meeting.path, text.original, ctx) if d.severity == ERROR}
    found = _diagnostics(repo, meeting.path, after, ctx)
    new = [d for d in found if d.severity == ERROR and d.code not in allowed and (d.code, d.message) not in before_errors]
    if new:
        details = "; ".join(d.message for d in new)
        raise EditRefused(say(f"ændringen ville give fejl: {details}", f"the change would make errors: {details}"))
    return MeetingEdit(meeting.path, text.path, text.original, after, said, found)


def _diagnostics(repo: Repository, rel: str, data: bytes, ctx: Context) -> list[Diagnostic]:
    doc = parse_text(data.decode("utf-8").removeprefix("\ufeff"), rel)
    record, problems = build_record(doc)
    found = doc.diagnostics + problems
    if record is None:
        return found
    summaries = [s for s in repo.summaries if s.path != rel] + [summarize(record, has_id_key="id" in (doc.data or {}))]
    return found + run_record_rules(record, ctx) + [d for d in run_across_rules(summaries, ctx) if d.path == rel]


def write_edit(edit: MeetingEdit, root: Path) -> None:
    """Write the edited file atomically, unless it changed since it was read (an editor saved
    it meanwhile): then EditRefused, and both versions stay as they are."""
    try:
        now = edit.path.read_bytes()
    except OSError as exc:
        raise EditRefused(say(f"kan ikke læse den igen: {os_reason(exc)}", f"cannot read it again: {os_reason(exc)}")) from None
    if now != edit.before:
        raise EditRefused(say("filen blev ændret, mens den blev redigeret; kør kommandoen igen", "the file changed while it was being edited; run the command again"))
    write_atomic(edit.path, edit.after, within=root)
