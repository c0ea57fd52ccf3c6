"""Where the cursor is in a record's YAML, and what may be written there.

Positions here are 0-based lines and 0-based columns in characters (code points); the
server turns them into the editor's units. A document being typed is seldom valid
YAML, so the place of the cursor (its value path, and whether a key or a value is being
written) is read from the lines' indentation, not from a parse. What may be written
comes from the record format itself: the JSON Schema (format/json_schema.py: keys,
their descriptions, enumerated values) and the walk `check` uses to find a record's
references (check/references.py), asked which kinds a reference at that place takes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ensomhed_cli.check.references import written_references
from ensomhed_cli.format.schema import KINDS

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY = re.compile(r"(?P<key>[^\s#'\"\[\]{},:&*!|>%@`-][^#:]*?|-[^\s#:][^#:]*?)[ \t]*:(?:[ \t]+|$)")
_BLOCK = re.compile(r"[|>][-+0-9]*[ \t]*(#.*)?$")
MAX_SCAN_LINES = 20_000  # a record's front matter is far shorter; a hostile one is not walked whole


def yaml_lines(text: str, path: str) -> tuple[list[str], range]:
    """The document's lines and which of them are YAML (a .md record's front matter only)."""
    lines = text.split("\n")
    if not path.endswith(".md"):
        return lines, range(0, len(lines))
    if not lines or not _FENCE.match(lines[0]):
        return lines, range(0, 0)
    for n in range(1, min(len(lines), MAX_SCAN_LINES)):
        if _CLOSING.match(lines[n]):
            return lines, range(1, n)
    return lines, range(1, len(lines))  # not closed yet: being written


@dataclass
class _Entry:
    col: int
    part: str | int
    item: bool


def _dashes(line: str, i: int) -> tuple[list[int], int]:
    """Columns of the list dashes that begin at i (`- - key`), and where the rest begins."""
    found = []
    while i < len(line) and line[i] == "-" and (i + 1 == len(line) or line[i + 1] in " \t"):
        found.append(i)
        i += 1
        while i < len(line) and line[i] in " \t":
            i += 1
    return found, i


def _push_item(stack: list[_Entry], col: int) -> None:
    index = 0
    while stack and (stack[-1].col > col or (stack[-1].col == col and stack[-1].item)):
        popped = stack.pop()
        if popped.col == col and popped.item:
            index = int(popped.part) + 1
    stack.append(_Entry(col, index, True))


def _push_key(stack: list[_Entry], col: int, key: str | None) -> None:
    while stack and stack[-1].col >= col:
        stack.pop()
    if key is not None:
        stack.append(_Entry(col, key, False))


def _unquote(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"" else key


def _walk(lines: list[str], region: range, upto: int) -> list[_Entry]:
    """The open mappings and lists just before line `upto`, from indentation alone."""
    stack: list[_Entry] = []
    block_col: int | None = None  # inside a block scalar (`key: |`) begun at this column
    for n in range(region.start, min(upto, region.start + MAX_SCAN_LINES)):
        line = lines[n]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped.strip() or stripped.startswith("#"):
            continue
        if block_col is not None:
            if indent > block_col:
                continue
            block_col = None
        dashes, i = _dashes(line, indent)
        for col in dashes:
            _push_item(stack, col)
        match = _KEY.match(line, i)
        if match:
            _push_key(stack, i, _unquote(match.group("key").strip()))
            if _BLOCK.match(line, match.end()):
                block_col = i
        elif not dashes:
            _push_key(stack, i, None)
    return stack


@dataclass
class Place:
    """What is being written at the cursor."""

    path: tuple  # the value path of the mapping (for a key) or of the value
    key_mode: bool  # a key of the mapping at `path` may be written here
    value_mode: bool  # a value at `path` may be written here
    start: int  # column where the word being written begins (it is replaced)


def place_at(lines: list[str], region: range, line: int, char: int) -> Place | None:
    """The place of the cursor in the YAML, or None outside it (a .md record's body)."""
    if line not in region or line >= len(lines):
        return None
    prefix = lines[line][:char]
    stack = _walk(lines, region, line)
    indent = len(prefix) - len(prefix.lstrip(" "))
    if prefix[indent:].startswith("#"):
        return None
    dashes, i = _dashes(prefix, indent)
    for col in dashes:
        _push_item(stack, col)
    match = _KEY.match(prefix, i)
    if match:
        _push_key(stack, i, _unquote(match.group("key").strip()))
        path = tuple(e.part for e in stack)
        value = prefix[match.end():]
        flow = value.lstrip()
        if flow.startswith("["):
            inner = flow[1:]
            if "]" in inner:
                return None
            path += (inner.count(","),)
            start = char - len(inner.rpartition(",")[2].lstrip())
        else:
            start = char - len(value.lstrip())
        if "#" in value[: char - match.end()] and " #" in f" {value}":
            return None
        word = prefix[start:char]
        if word[:1] in "'\"":
            start += 1
        return Place(path, False, True, start)
    rest = prefix[i:]
    if ":" in rest or "{" in rest or "[" in rest:
        return None
    if dashes:  # `- ` begins an entry: a scalar, or the first key of a mapping
        return Place(tuple(e.part for e in stack), True, True, i)
    _push_key(stack, i, None)
    return Place(tuple(e.part for e in stack), True, False, i)


# --- what the record format allows at a place ---------------------------------------------


@functools.cache
def _schema(kind: str) -> dict[str, Any]:
    from ensomhed_cli.format.json_schema import record_schema

    return record_schema(kind)


def _alternatives(node: Any, root: dict, depth: int = 0) -> list[dict]:
    """A schema node with its $ref followed and anyOf/oneOf/allOf flattened."""
    if not isinstance(node, dict) or depth > 20:
        return []
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _alternatives(root.get("$defs", {}).get(ref[len("#/$defs/"):]), root, depth + 1)
    out = [node]
    for word in ("anyOf", "oneOf", "allOf"):
        for alt in node.get(word, []):
            out.extend(_alternatives(alt, root, depth + 1))
    return out


def field_nodes(kind: str, path: tuple) -> list[dict]:
    """The schema's nodes for the value at `path` in a record of `kind` (alternatives flattened)."""
    if kind not in KINDS:
        return []
    root = _schema(kind)
    current: list[dict] = [root]
    for part in path:
        following: list[dict] = []
        for node in current:
            for alt in _alternatives(node, root):
                if isinstance(part, str):
                    child = alt.get("properties", {}).get(part)
                else:
                    child = alt.get("items")
                if isinstance(child, dict):
                    following.append(child)
        current = following
    return current


def keys_at(kind: str | None, path: tuple) -> list[tuple[str, str]]:
    """(key, its description) of the mapping at `path`; a record with no kind yet: `kind`."""
    if kind not in KINDS:
        return [("kind", "What this record is: " + ", ".join(KINDS) + ".")] if not path else []
    out: dict[str, str] = {}
    root = _schema(kind)
    for node in field_nodes(kind, path):
        for alt in _alternatives(node, root):
            for key, prop in alt.get("properties", {}).items():
                out.setdefault(key, str(prop.get("description", "")) if isinstance(prop, dict) else "")
    return sorted(out.items())


def description_of(kind: str | None, path: tuple) -> str | None:
    """A field's description from the schema (the key at the end of `path`)."""
    if not path or not isinstance(path[-1], str):
        return None
    for key, text in keys_at(kind, path[:-1]):
        if key == path[-1]:
            return text
    return None


def values_at(kind: str | None, path: tuple) -> list[str]:
    """The enumerated values a field takes (status, type, mode …)."""
    if path == ("kind",):
        return list(KINDS)
    if kind not in KINDS:
        return []
    out: list[str] = []
    root = _schema(kind)
    for node in field_nodes(kind, path):
        for alt in _alternatives(node, root):
            values = list(alt.get("enum", [])) + ([alt["const"]] if "const" in alt else [])
            out.extend(str(v) for v in values if isinstance(v, str) and str(v) not in out)
    return out


_PROBE = "ensomhed-probe"


def reference_kinds(kind: str | None, path: tuple) -> str | None:
    """The kinds ("person|body") a reference at `path` takes, or None where no id belongs.

    Asked of check's own walk (references.written_references) on a mapping holding a
    probe id at that place alone, so this never disagrees with what check resolves."""
    if kind not in KINDS or not path:
        return None
    data: dict[str, Any] = {"kind": kind}
    node: Any = data
    for n, part in enumerate(path):
        value: Any = _PROBE if n == len(path) - 1 else ({} if isinstance(path[n + 1], str) else [])
        if isinstance(part, str) and isinstance(node, dict):
            node[part] = value
        elif isinstance(part, int) and isinstance(node, list) and part < 1000:
            node.extend([None] * part + [value])
        else:
            return None
        node = value
    for loc, ref, kinds in written_references(kind, data):
        if ref == _PROBE and loc in (path, (*path, "person")):
            return kinds
    return None
