"""Earlier versions of record files read as calendar events, fast: of a meeting, only what an event shows.

A meeting's history is mostly its minutes: decisions, votes, who came. The calendar shows
none of it, and parsing it all again for every version of every meeting would cost seconds
in a repository of some years. So a meeting's front matter is first cut down to what can
change its event: every top-level key but those listed in LEFT_OUT, and of each item its
`number`, `title` and `closed` (the item's place in the list gives its default number, so
every item stays). Two versions cut down to the same text are the same event, unparsed; a
new cut is parsed as a record, by the real parser and schema, like the whole file.

The cut is made only where the text is plain block YAML, line by line; anything that
could tie a left-out part to a kept one (an anchor, an alias, a tag, a merge key) or a
shape it does not follow (a tab, a key that is not a plain word) reads the whole file.
A plan is read whole: its milestones are what it holds of the calendar.
"""

from __future__ import annotations

import re

from ensomhed_cli.query.ical_events import Event, EventBuilder

# Top-level keys of a meeting whose values no calendar event shows.
LEFT_OUT = frozenset({
    "attendees", "absent", "staff", "guests", "amendments", "description", "chair", "secretary",
    "minutes_approved", "agenda_sent", "mode", "tags", "extra",
})
ITEM_KEPT = frozenset({"number", "title", "closed"})
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?=[ \t\n]|$)")
_MARK = re.compile(r"[&*!](?=\S)")  # an anchor, an alias or a tag, where a token begins
_LINE_AT_0 = re.compile(r"\n(?=[^ \n])")  # before each line that begins at column 0


class VersionReader:
    """Versions of record files as events, built as today's are; `name(id)` gives a body's name today."""

    def __init__(self, builder: EventBuilder, name) -> None:
        self.builder = builder
        self.name = name
        self.parsed: dict[tuple[str, str], dict[str, Event] | None] = {}

    def key(self, path: str, raw: bytes) -> str | None:
        """A meeting's front matter cut down to what its event shows; any other record's whole text."""
        from ensomhed_cli.format.rawfile import decode
        from ensomhed_cli.format.source import split_front_matter

        content, problems = decode(raw, path)
        if content is None or problems:
            return None
        front = split_front_matter(content, path)[0] if path.endswith(".md") else content
        cut = None if front is None or not _a_meeting(front) else meeting_cut(front)
        return f"\0{content}" if cut is None else cut  # a NUL: never a cut, which is text

    def events(self, path: str, raw: bytes, key: str | None = None) -> dict[str, Event] | None:
        """The version's events; `key` its key where it is known already."""
        key = key if key is not None else self.key(path, raw)
        if key is None:
            return None
        if (path, key) not in self.parsed:
            if key.startswith("\0"):
                content = key[1:]
            else:
                content = f"---\n{key}\n---\n" if path.endswith(".md") else key
            self.parsed[path, key] = self._record(path, content)
        return self.parsed[path, key]

    def _record(self, path: str, content: str) -> dict[str, Event] | None:
        from ensomhed_cli.format.schema import Meeting, Plan
        from ensomhed_cli.format.source import parse_text
        from ensomhed_cli.format.typed import build_record

        found, problems = build_record(parse_text(content, path))
        if problems:
            return None
        if isinstance(found, Meeting):
            return {"meeting": self.builder.of_meeting(found, self.name)}
        if isinstance(found, Plan):
            return self.builder.of_plan(found)
        return None


def _a_meeting(front: str) -> bool:
    return re.search(r"(?m)^kind[ \t]*:[ \t]*[\"']?meeting[\"']?[ \t]*(?:#.*)?$", front) is not None


def _tied(text: str) -> bool:
    """Whether the text may tie one part to another (anchor, alias, merge key) or tag a value."""
    if "<<" in text:
        return True
    return any(m.start() == 0 or text[m.start() - 1] in " \t\n[]{},:-" for m in _MARK.finditer(text))


def meeting_cut(front: str) -> str | None:
    """A meeting's front matter with only what its event can show, or None where it cannot be cut safely."""
    if "\t" in front or _tied(front):
        return None
    out: list[str] = []
    # where each top-level key begins; a list's dashes may stand at column 0 too (`items:\n- title: A`)
    starts = [at for at in [0, *(m.end() for m in _LINE_AT_0.finditer(front))] if front[at : at + 1] not in ("-", " ", "\n", "")]
    if not starts or front[: starts[0]].strip():
        return None
    for n, at in enumerate(starts):
        block = front[at : starts[n + 1] if n + 1 < len(starts) else len(front)]
        key = _KEY.match(block)
        if key is None:
            # a comment with nothing under it is passed over; anything else is not a key
            if block.startswith("#") and not block.partition("\n")[2].strip():
                continue
            return None
        if key[1] == "items":
            items = _items(block.split("\n"))
            if items is None:
                return None
            out.append("\n".join(items).rstrip("\n") + "\n")
        elif key[1] not in LEFT_OUT:
            out.append(block)
    return "".join(out)


def _items(block: list[str]) -> list[str] | None:
    """The `items:` block with each item's number, title and closed, and nothing else."""
    inline = block[0].split(":", 1)[1].strip()
    if inline and not inline.startswith("#"):  # a flow list, or nothing at all: kept as it is
        return block
    out = [block[0]]
    dash: int | None = None  # the indentation of the items' dashes
    keys: int | None = None  # the indentation of the current item's keys
    deeper = None  # " " * (keys + 1): a line that begins so is inside the current key's value
    keeping = whole = False
    for line in block[1:]:
        if deeper is not None and line.startswith(deeper):
            if keeping or whole:
                out.append(line)
            continue
        if not line.strip():
            if keeping or whole:
                out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        if keys is not None and indent > keys:  # inside the current key's value
            if keeping or whole:
                out.append(line)
            continue
        if dash is None:
            if line.lstrip().startswith("#"):
                continue
            if line[indent] != "-":
                return None
            dash = indent
        if indent == dash and line[dash] == "-":
            after = line[dash + 1 :]
            keeping = whole = False
            content = after.lstrip(" ")
            if not content or content.startswith("#"):
                out.append(" " * dash + "-")
                keys = deeper = None
                continue
            if after[0] != " ":
                return None
            keys = dash + len(after) - len(content) + 1
            deeper = " " * (keys + 1)
            key = _KEY.match(content)
            if key is None:  # a flow mapping or a scalar: the whole item
                whole = True
                out.append(line)
                continue
            keeping = key[1] in ITEM_KEPT
            out.append(line if keeping else " " * dash + "-")
            continue
        if whole or indent <= dash:
            return None
        if keys is None:
            keys = indent
            deeper = " " * (keys + 1)
        if indent != keys:
            return None
        if line[keys:].startswith("#"):
            continue
        key = _KEY.match(line[keys:])
        if key is None:
            return None
        keeping = key[1] in ITEM_KEPT
        if keeping:
            out.append(line)
    return out
