"""Reading one record file: bytes to text, front matter split, YAML parsed.

Each function returns its result and the problems found; nothing is raised for a
problem in a file. Line numbers are the file's own, front matter offset included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ensomhed_cli.diagnostics import ERROR, Diagnostic, say
from ensomhed_cli.format.rawfile import cannot_read, decode, read_regular_file
from ensomhed_cli.format.yamldialect import Position, parse_yaml
from ensomhed_cli.paths import CONFIG_FILE


class Locator:
    """Finds the line and column of a value path such as ("items", 0, "start").

    Positions are found only when asked for: the file's YAML is then parsed once
    more, with positions (from the text kept here, or from the file on disk).
    """

    __slots__ = ("path", "_positions", "_file", "_text")

    def __init__(
        self,
        path: str,
        positions: dict[tuple, Position] | None = None,
        *,
        file: Path | None = None,
        text: str | None = None,
    ) -> None:
        self.path = path
        self._positions = positions
        self._file = file
        self._text = text

    @property
    def positions(self) -> dict[tuple, Position]:
        if self._positions is None:
            # The text is kept: a problem found later is looked for on its lines (source_lines).
            # Only an editor's buffer is held so (the LSP holds it anyway); a file is read again.
            self._positions = _find_positions(self.path, self._text, self._file)
        return self._positions

    def source_lines(self) -> list[str]:
        """The file's lines as its positions count them (read again from the file, or the
        text kept); empty where neither can be had. Asked only when a problem is reported."""
        text = self._text
        if text is None and self._file is not None:
            try:
                raw = read_regular_file(self._file)[0]
                text = decode(raw, self.path)[0] if raw is not None else None
            except OSError:
                text = None
        return text.split("\n") if text is not None else []

    def _nearest(self, loc: tuple) -> Position:
        positions = self.positions
        loc = _as_written(tuple(loc), positions)
        while loc:
            pos = positions.get(loc)
            if pos is not None:
                return pos
            loc = loc[:-1]
        return positions.get((), (1, 1, 1, 1))

    def key(self, loc: tuple) -> tuple[int, int]:
        """Where the key of this value is written (the value itself for list items)."""
        pos = self._nearest(loc)
        return pos[0], pos[1]

    def value(self, loc: tuple) -> tuple[int, int]:
        pos = self._nearest(loc)
        return pos[2], pos[3]

    def has(self, loc: tuple) -> bool:
        return tuple(loc) in self.positions

    def diagnostic(
        self,
        loc: tuple,
        code: str,
        message: str,
        *,
        severity: str = ERROR,
        at: str = "value",
        record_id: str | None = None,
    ) -> Diagnostic:
        line, col = self.key(loc) if at == "key" else self.value(loc)
        return Diagnostic(self.path, line, col, severity, code, message, record_id)


def _as_written(loc: tuple, positions: dict[tuple, Position]) -> tuple:
    """A place in a list that was written as its single entry (`budget: {amount: …}` for
    `budget: [{amount: …}]`): entry 0 is the value itself."""
    if loc in positions:
        return loc
    for i, part in enumerate(loc):
        if part == 0 and loc[:i] in positions and loc[: i + 1] not in positions:
            return loc[:i] + loc[i + 1 :]
    return loc


def _find_positions(path: str, text: str | None, file: Path | None) -> dict[tuple, Position]:
    if text is None and file is not None:
        try:
            raw = read_regular_file(file)[0]
            text = decode(raw, path)[0] if raw is not None else None
        except OSError:
            text = None
    if text is None:
        return {(): (1, 1, 1, 1)}
    offset = 0
    if path.endswith(".md"):
        front, _, _, problems = split_front_matter(text, path)
        if front is None:
            return {(): (1, 1, 1, 1)}
        text, offset = front, 1
    positions = parse_yaml(text, offset, positions=True).positions
    positions.setdefault((), (1, 1, 1, 1))
    return positions


@dataclass
class SourceDoc:
    """One file read and parsed: its mapping, where each value stands, and its body."""

    path: str  # relative, forward slashes
    data: dict[str, Any] | None
    locator: Locator
    body: str | None = None  # the Markdown after the front matter (.md only)
    body_line: int = 0  # file line where the body starts
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _is_fence(line: str) -> bool:
    return line.rstrip(" \t") == "---"


_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, path: str) -> tuple[str | None, str, int, list[Diagnostic]]:
    """(front matter YAML, body, body start line, problems) of a Markdown record."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if not _is_fence(first):
        message = say(
            "en Markdown-post skal begynde med sine felter mellem to linjer med `---`: først en linje `---`,"
            " så felterne (fx `kind: meeting`), så en linje `---` og derefter teksten",
            "a Markdown record must begin with front matter, its fields between two lines `---`: a line `---`,"
            " the fields (e.g. `kind: meeting`), a line `---`, then the text",
        )
        return None, "", 0, [Diagnostic(path, 1, 1, ERROR, "no-front-matter", message)]
    if first_end >= 0:
        closing = _CLOSING.search(text, first_end + 1)
        if closing:
            front = text[first_end + 1 : max(closing.start() - 1, first_end + 1)]
            body_start = text.find("\n", closing.end())
            body = "" if body_start < 0 else text[body_start + 1 :]
            return front, body, text.count("\n", 0, closing.start()) + 2, []
    message = say(
        "felterne, der begynder med `---` i linje 1, bliver aldrig afsluttet: tilføj en linje `---` efter dem",
        "the front matter that begins with `---` on line 1 is never closed: add a line `---` after its fields",
    )
    return None, "", 0, [Diagnostic(path, 1, 1, ERROR, "unclosed-front-matter", message)]


def parse_text(text: str, path: str, *, allow_empty: bool = False, file: Path | None = None) -> SourceDoc:
    """Parse a record's text: front matter and body for .md, the whole file otherwise.

    Positions are not kept (the fast path); the locator finds them again when a
    problem is to be reported, from `file` when given, else from the text itself.
    """
    body: str | None = None
    body_line = 0
    line_offset = 0
    if path.endswith(".md"):
        front, body, body_line, problems = split_front_matter(text, path)
        if front is None:
            return SourceDoc(path, None, Locator(path, {(): (1, 1, 1, 1)}), diagnostics=problems)
        yaml_text = front
        line_offset = 1
    else:
        yaml_text = text
    parsed = parse_yaml(yaml_text, line_offset, positions=False)
    diagnostics = [Diagnostic(path, line, col, ERROR, code, msg) for line, col, code, msg in parsed.problems]
    locator = Locator(path, file=file) if file is not None else Locator(path, text=text)
    data = parsed.data
    if not diagnostics or data is not None:
        if data is None and allow_empty:
            data = {}
        elif data is None:
            if path.endswith(".md"):
                empty = say("der står ingen felter mellem `---`-linjerne", "there are no fields between the `---` lines")
            else:
                empty = say("filen er tom", "the file is empty")
            message = say(f"{empty}: en post skal mindst have `kind`, fx `kind: meeting`", f"{empty}: a record needs at least `kind`, e.g. `kind: meeting`")
            diagnostics.append(Diagnostic(path, 1, 1, ERROR, "not-a-mapping", message))
        elif not isinstance(data, dict):
            line, col = locator.value(())
            shape_da, shape_en = ("en liste", "a list") if isinstance(data, list) else ("kun tekst", "plain text")
            if path == CONFIG_FILE:
                message = say(
                    f"{CONFIG_FILE} består af linjer med `navn: værdi`, fx `language: da`, men her står {shape_da}",
                    f"{CONFIG_FILE} is made of `key: value` lines, e.g. `language: da`, but this is {shape_en}",
                )
            else:
                message = say(
                    f"en post består af linjer med `navn: værdi`, fx `kind: meeting`, men her står {shape_da}",
                    f"a record is made of `key: value` lines, e.g. `kind: meeting`, but this is {shape_en}",
                )
            diagnostics.append(Diagnostic(path, line, col, ERROR, "not-a-mapping", message))
            data = None
    return SourceDoc(path, data, locator, body, body_line, diagnostics)


def read_record(file: Path, rel: str, *, allow_empty: bool = False) -> SourceDoc:
    """Read and parse one record file; every problem becomes a diagnostic."""
    try:
        raw, code, message = read_regular_file(file)
    except OSError as exc:
        code, message = "unreadable", cannot_read(exc)
        raw = None
    if raw is None:
        return SourceDoc(rel, None, Locator(rel, {}), diagnostics=[Diagnostic(rel, 1, 1, ERROR, code, message)])
    text, problems = decode(raw, rel)
    if text is None:
        return SourceDoc(rel, None, Locator(rel, {}), diagnostics=problems)
    return parse_text(text, rel, allow_empty=allow_empty, file=file)

