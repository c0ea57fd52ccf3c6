"""A record's text edited in place: values replaced and lines added, every other byte kept.

`new minutes` and `new item` change a meeting the secretary has written by hand, with
comments, quoting and blank lines of their own. The YAML is composed once (PyYAML's
nodes know where each value begins and ends); each edit is a replacement of a span of
the text or a new line after one, and the edits are applied from the end, so no edit
moves another. The byte-order mark and CRLF line ends of the file are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ensomhed_cli.diagnostics import say
from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.format.rawfile import reason as os_reason
from ensomhed_cli.format.source import _CLOSING, _is_fence
from ensomhed_cli.format.yamldialect import _Loader

BOM = "\ufeff"


class EditRefused(Exception):
    """The file cannot be edited in place (it is left untouched); the message says why."""


@dataclass
class RecordText:
    """One record file's text, with the span of its YAML (the front matter of a .md)."""

    path: Path
    original: bytes
    text: str  # line ends as LF
    yaml_start: int
    yaml_end: int
    crlf: bool = False
    bom: bool = False
    root: MappingNode = field(init=False)
    edits: list[tuple[int, int, int, str]] = field(default_factory=list)  # start, end, order, new text

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n|[\x85\u2028\u2029]", self.yaml)]
        loader = _Loader(self.yaml)
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise EditRefused(say(f"filens YAML kan ikke læses ({exc}); kør `ensomhed check`", f"the YAML cannot be read ({exc}); run `ensomhed check`")) from None
        finally:
            loader.dispose()
        if not isinstance(node, MappingNode):
            raise EditRefused(say("posten er ikke en række `felt: værdi`-linjer; kør `ensomhed check`", "the record is not a mapping of fields; run `ensomhed check`"))
        self.root = node

    @property
    def yaml(self) -> str:
        return self.text[self.yaml_start : self.yaml_end]

    # --- reading the nodes --------------------------------------------------------------

    def offset(self, mark: Mark) -> int:
        """The character index in the whole text of a libyaml mark (line and column)."""
        line = min(mark.line, len(self._line_starts) - 1)
        return self.yaml_start + min(self._line_starts[line] + mark.column, len(self.yaml))

    def line_end(self, node: Node) -> int:
        """The index just after the line on which the node's last value ends (its newline
        included): a new line goes there. A block scalar ends at the start of the line after it."""
        last = _last_value(node)
        end = self.offset(last.end_mark)
        if end > self.yaml_start and self.text[end - 1] == "\n":
            # A block scalar's blank lines at its end are not its text (unless kept with `|+`):
            # the new line goes before them, so the blank line before the next entry stays.
            start = self.offset(last.start_mark)
            if isinstance(last, ScalarNode) and last.style in ("|", ">") and "+" not in self.text[start : start + 3]:
                while end - 1 > start and self.text[self.text.rfind("\n", 0, end - 1) + 1 : end - 1].strip() == "":
                    end = self.text.rfind("\n", 0, end - 1) + 1
            return end
        newline = self.text.find("\n", end, self.yaml_end)
        return self.yaml_end if newline < 0 else newline + 1

    def column(self, node: Node) -> int:
        return node.start_mark.column

    def text_of(self, node: Node) -> str:
        return self.text[self.offset(node.start_mark) : self.offset(node.end_mark)]

    # --- edits ------------------------------------------------------------------------------

    def replace(self, node: Node, new: str) -> None:
        """The value written as `new` in place of the node's text (quotes included)."""
        self.edits.append((self.offset(node.start_mark), self.offset(node.end_mark), len(self.edits), new))

    def add_lines(self, at: int, lines: list[str]) -> None:
        """Whole lines inserted at `at` (the start of a line)."""
        if at > self.yaml_start and self.text[at - 1] != "\n":  # the YAML's last line had no newline
            lines = ["", *lines]
            self.edits.append((at, at, len(self.edits), "\n".join(lines)))
            return
        self.edits.append((at, at, len(self.edits), "".join(f"{line}\n" for line in lines)))

    def result(self) -> bytes:
        """The file's bytes with every edit made; nothing else changed."""
        text = self.text
        for start, end, _, new in sorted(self.edits, key=lambda e: (e[0], e[2]), reverse=True):
            text = text[:start] + new + text[end:]
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ((BOM if self.bom else "") + text).encode("utf-8")


def _last_value(node: Node) -> Node:
    """The last value written in a node: a block list or mapping ends where the next key
    begins (after any comment before it), its last value where its text ends. An alias
    (`*name`) stands for a node written earlier: then the node itself."""
    last = node
    while isinstance(last, SequenceNode | MappingNode) and last.value and not last.flow_style:
        child = last.value[-1]
        child = child[1] if isinstance(child, tuple) else child
        if (child.start_mark.line, child.start_mark.column) < (last.start_mark.line, last.start_mark.column):
            return last
        last = child
    return last


def read_record_text(path: Path) -> RecordText:
    """The file as RecordText; EditRefused when it is no regular file, not UTF-8, or its
    front matter cannot be found (`ensomhed check` says more)."""
    try:
        raw, _, problem = read_regular_file(path)
    except OSError as exc:
        raise EditRefused(say(f"kan ikke læse den: {os_reason(exc)}", f"cannot read it: {os_reason(exc)}")) from None
    if raw is None:
        raise EditRefused(problem)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditRefused(say("filen er ikke gyldig UTF-8; kør `ensomhed check`", "the file is not valid UTF-8; run `ensomhed check`")) from None
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    if "\r" in text:
        raise EditRefused(say("filen blander linjeskift (CR alene); gem den først med én slags linjeskift", "the file mixes line ends (CR alone); save it with one kind of line end first"))
    if not path.name.endswith(".md"):
        return RecordText(path, raw, text, 0, len(text), crlf, bom)
    first_end = text.find("\n")
    if first_end < 0 or not _is_fence(text[:first_end]):
        raise EditRefused(say("en Markdown-post skal begynde med `---` og felterne; kør `ensomhed check`", "a Markdown record must begin with front matter (`---`); run `ensomhed check`"))
    closing = _CLOSING.search(text, first_end + 1)
    if closing is None:
        raise EditRefused(say("felterne øverst lukkes aldrig med `---`; kør `ensomhed check`", "its front matter is never closed (`---`); run `ensomhed check`"))
    return RecordText(path, raw, text, first_end + 1, closing.start(), crlf, bom)


def entry(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    """The key node and value node of `key` in a mapping, or None."""
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def scalar(mapping: MappingNode, key: str) -> str | None:
    """The text of a plain value (None when missing or not a single value)."""
    found = entry(mapping, key)
    return found[1].value if found is not None and isinstance(found[1], ScalarNode) else None


def is_empty(node: Node) -> bool:
    """`key:`, `key: ~`, `key: []` or `key: {}`."""
    if isinstance(node, ScalarNode):
        return node.value in ("", "~", "null", "Null", "NULL") and node.style is None
    return isinstance(node, SequenceNode | MappingNode) and not node.value


def block_items(record: RecordText, key: str, what: tuple[str, str]) -> SequenceNode | None:
    """The list under a top-level key, written as lines (`- …`); None when the key is
    missing; EditRefused when it is written on one line, where no line can be added."""
    found = entry(record.root, key)
    if found is None or is_empty(found[1]):
        return None
    node = found[1]
    if not isinstance(node, SequenceNode):
        raise EditRefused(say(f"`{key}` er ikke en liste; kør `ensomhed check`", f"`{key}` is not a list; run `ensomhed check`"))
    if node.flow_style:
        raise EditRefused(say(f"`{key}` er skrevet på én linje ([…]); skriv først {what[1]} som linjer, der begynder med `- `",
                              f"`{key}` is written on one line ([…]); write {what[0]} as lines starting with `- ` first"))
    return node
