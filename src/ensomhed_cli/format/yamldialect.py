"""The YAML dialect of records: YAML, read the way people mean it.

libyaml parses the text into nodes (with line and column marks); this module turns
the nodes into plain Python values itself instead of using PyYAML's constructor:

- every scalar stays text (`14:00`, `NO`, `2020`); the record schema decides what
  a field's text means, so no YAML 1.1 surprise (840, False, 2020) ever happens;
- a plain `~`, `null` or empty value is None;
- duplicate keys are errors, not silently the last one;
- no tags (`!!python/object`, `!foo`): records are data, not programs;
- aliases are allowed but their expansion is bounded, so a small file can never
  unfold into gigabytes, and recursive aliases are errors;
- nesting is bounded.

Positions are kept per value path, e.g. ("items", 0, "start") -> (key line, key
column, value line, value column), all 1-based and already shifted to file lines.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.reader
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # libyaml's C parser when present, the pure-Python one otherwise
    # yaml._yaml: where yaml.cyaml takes it from (PyYAML 6), and where the type stubs declare it
    from yaml._yaml import CParser as _Parser

    _C = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    _C = False

from yaml.resolver import BaseResolver

from ensomhed_cli.diagnostics import say

STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
NULLS = frozenset(["", "~", "null", "Null", "NULL"])

MAX_DEPTH = 48  # records nest four or five levels; far more is an attack or a mistake
MAX_ALIAS_VISITS = 10_000  # nodes re-visited through aliases, per document
# Text re-visited through aliases, per document: a few large values aliased a few times
# stay under the count above but would be copied out gigabytes large by list, show or
# query. No record grows past the size a record file may have (rawfile.MAX_RECORD_BYTES).
MAX_ALIAS_CHARS = 2 * 1024 * 1024
MAX_FLOW_DEPTH = 200  # checked on the text before libyaml sees it


if _C:

    class _Loader(_Parser, BaseResolver):  # type: ignore[misc, valid-type]
        """libyaml parser with no implicit resolvers: every plain scalar is a str node."""

        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            BaseResolver.__init__(self)

else:  # pragma: no cover

    class _Loader(Reader, Scanner, Parser, Composer, BaseResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            BaseResolver.__init__(self)


Position = tuple[int, int, int, int]  # key line, key column, value line, value column
Problem = tuple[int, int, str, str]  # line, column, code, message

_TAG_OF = {ScalarNode: STR_TAG, SequenceNode: SEQ_TAG, MappingNode: MAP_TAG}


def _resolve(kind: type, value: Any, implicit: Any) -> str:
    return _TAG_OF[kind]


# The resolver hooks libyaml calls for every node: nothing to resolve in this dialect.
_Loader.resolve = staticmethod(_resolve)  # type: ignore[assignment]
_Loader.descend_resolver = staticmethod(lambda parent, index: None)  # type: ignore[assignment]
_Loader.ascend_resolver = staticmethod(lambda: None)  # type: ignore[assignment]


@dataclass
class ParsedYaml:
    data: Any = None
    positions: dict[tuple, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


class _EditorLines:
    """libyaml counts NEL, LS and PS (U+0085, U+2028, U+2029) as line breaks; editors
    do not. Text pasted from a word processor can hold them, so where they occur,
    libyaml's (line, column) is turned into the editor's, by character index."""

    def __init__(self, text: str) -> None:
        self.yaml_starts = [0] + [m.end() for m in re.finditer("\r\n|[\n\r\x85\u2028\u2029]", text)]
        self.editor_starts = [0] + [m.end() for m in re.finditer("\r\n|[\n\r]", text)]
        self.length = len(text)

    def __call__(self, line: int, column: int) -> tuple[int, int]:
        """0-based libyaml line and column -> 1-based editor line and column."""
        if line >= len(self.yaml_starts):  # the end of the stream
            index = self.length
        else:
            index = min(self.yaml_starts[line] + column, self.length)
        i = bisect.bisect_right(self.editor_starts, index) - 1
        return i + 1, index - self.editor_starts[i] + 1


def _editor_lines(text: str) -> _EditorLines | None:
    return _EditorLines(text) if any(c in text for c in _YAML_ONLY_BREAKS) else None


class _Abort(Exception):
    """Stops construction of one document; the problem is already recorded."""


def parse_yaml(text: str, line_offset: int = 0, *, positions: bool = True) -> ParsedYaml:
    """Parse one YAML document. Problems come back as data, never raised.

    With positions=False the value paths are not recorded (the fast path); problems
    found while parsing are still located.
    """
    result = ParsedYaml()
    too_deep = _flow_depth_problem(text)
    if too_deep:
        result.problems.append((too_deep[0] + line_offset, too_deep[1], "too-deep", too_deep[2]))
        return result
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        result.problems.append(_syntax_problem(exc, text, line_offset))
        return result
    except yaml.reader.ReaderError as exc:  # a special character, found by the reader
        # libyaml counts the position in bytes of the UTF-8 text, the pure-Python reader in characters.
        index = len(text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "ignore")) if _C else exc.position
        before = text[:index]
        line = before.count("\n") + 1
        col = index - (before.rfind("\n") + 1) + 1
        message = say(
            f"tegnet U+{exc.character:04X} er et usynligt styretegn, som ikke må stå i en post: slet det"
            " (det kommer ofte med, når tekst kopieres fra et andet program)",
            f"the character U+{exc.character:04X} is an invisible control character that a record may not hold: delete it"
            " (it often comes along when text is copied from another program)",
        )
        result.problems.append((line + line_offset, col, "yaml-syntax", message))
        return result
    except RecursionError:
        message = say("værdierne ligger i for mange niveauer inden i hinanden", "the values are nested too deeply")
        result.problems.append((1 + line_offset, 1, "too-deep", message))
        return result
    finally:
        loader.dispose()
    if node is None:
        return result
    # Without an anchor (&) there can be no alias, so nothing to bound or to track.
    builder = _Builder(line_offset, result, positions, aliases="&" in text, lines=_editor_lines(text))
    try:
        result.data = builder.build(node, (), None, 0)
    except _Abort:
        result.data = None
    return result


class _Builder:
    def __init__(self, line_offset: int, result: ParsedYaml, positions: bool, aliases: bool, lines: _EditorLines | None = None) -> None:
        self.offset = line_offset
        self.lines = lines
        self.result = result
        self.positions = result.positions if positions else None
        self.aliases = aliases
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.alias_visits = 0
        self.alias_chars = 0

    def mark(self, node: Any) -> tuple[int, int]:
        m = node.start_mark
        if self.lines is not None:
            line, column = self.lines(m.line, m.column)
            return line + self.offset, column
        return m.line + 1 + self.offset, m.column + 1

    def problem(self, node: Any, code: str, message: str) -> None:
        line, col = self.mark(node)
        self.result.problems.append((line, col, code, message))

    def _visit(self, node: Any) -> None:
        """Alias bookkeeping: a node met again is an alias expansion, and expansions are bounded."""
        node_id = id(node)
        if node_id in self.active:
            self.problem(
                node,
                "yaml-alias",
                say(
                    "en henvisning (`*navn`) peger på en værdi, der selv indeholder henvisningen",
                    "a reference (`*name`) points to a value that holds the reference itself",
                ),
            )
            raise _Abort
        if node_id in self.seen:
            self.alias_visits += 1
            if self.alias_visits > MAX_ALIAS_VISITS:
                self.problem(
                    node,
                    "yaml-alias",
                    say(
                        f"henvisningerne (`*navn`) bliver til mere end {MAX_ALIAS_VISITS} værdier, når de foldes ud; så stor en post afvises",
                        f"the references (`*name`) unfold into more than {MAX_ALIAS_VISITS} values; a record this large is refused",
                    ),
                )
                raise _Abort
            if node.__class__ is ScalarNode:
                self.alias_chars += len(node.value)
                if self.alias_chars > MAX_ALIAS_CHARS:
                    self.problem(
                        node,
                        "yaml-alias",
                        say(
                            f"henvisningerne (`*navn`) bliver til mere end {MAX_ALIAS_CHARS // (1024 * 1024)} MiB tekst, når de foldes ud;"
                            " så stor en post afvises",
                            f"the references (`*name`) unfold into more than {MAX_ALIAS_CHARS // (1024 * 1024)} MiB of text;"
                            " a record this large is refused",
                        ),
                    )
                    raise _Abort
        else:
            self.seen.add(node_id)

    def build(self, node: Any, path: tuple, key_node: Any, depth: int) -> Any:
        if self.aliases:
            self._visit(node)
        if self.positions is not None:
            vline, vcol = self.mark(node)
            if key_node is not None:
                kline, kcol = self.mark(key_node)
            else:
                kline, kcol = vline, vcol
            self.positions[path] = (kline, kcol, vline, vcol)
        cls = node.__class__
        if cls is ScalarNode:
            if node.tag != STR_TAG:
                tag = _written_tag(node.tag)
                example = f'"{tag} {node.value}"' if node.value else f'"{tag}"'
                self.problem(
                    node,
                    "yaml-tag",
                    say(
                        f"`{tag}` først i en værdi er et mærke, der siger, hvad slags værdi det er, og det kan ikke bruges i en post:"
                        f" er det tekst, så sæt hele værdien i anførselstegn: `{example}`",
                        f"`{tag}` at the start of a value is a tag saying what kind of value it is, which a record cannot use:"
                        f" if it is text, put the whole value in quotes: `{example}`",
                    ),
                )
                return None
            value = node.value
            if value in NULLS and not node.style:
                return None
            return value
        if depth >= MAX_DEPTH:
            self.problem(
                node,
                "too-deep",
                say(f"værdierne ligger i mere end {MAX_DEPTH} niveauer inden i hinanden", f"the values are nested more than {MAX_DEPTH} levels deep"),
            )
            raise _Abort
        if node.tag != _TAG_OF.get(cls):
            tag = _written_tag(node.tag)
            self.problem(
                node,
                "yaml-tag",
                say(
                    f"`{tag}` er et mærke, der siger, hvad slags værdi det er, og det kan ikke bruges i en post: slet det",
                    f"`{tag}` is a tag saying what kind of value it is, which a record cannot use: delete it",
                ),
            )
        node_id = id(node)
        if self.aliases:
            self.active.add(node_id)
        try:
            if cls is SequenceNode:
                return [self.build(item, path + (i,), None, depth + 1) for i, item in enumerate(node.value)]
            return self.build_mapping(node, path, depth)
        finally:
            if self.aliases:
                self.active.discard(node_id)

    def build_mapping(self, node: MappingNode, path: tuple, depth: int) -> dict:
        mapping: dict[str, Any] = {}
        build = self.build
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or key_node.tag != STR_TAG:
                self.problem(
                    key_node,
                    "yaml-key",
                    say(
                        "et felts navn skal være almindelig tekst, ikke en liste eller en gruppe felter",
                        "a field's name must be plain text, not a list or a group of fields",
                    ),
                )
                continue
            key = key_node.value
            if key in mapping:
                first = next(k for k, _ in node.value if k.value == key)
                self.problem(
                    key_node,
                    "duplicate-key",
                    say(
                        f"feltet `{key}` står to gange (første gang i linje {self.mark(first)[0]}): slet det ene; ellers gælder kun det sidste",
                        f"the field `{key}` is given twice (first on line {self.mark(first)[0]}): delete one; otherwise only the last would count",
                    ),
                )
                continue
            if key == "<<" and not key_node.style:
                self.problem(
                    key_node,
                    "yaml-merge",
                    say(
                        "`<<` (at flette værdier ind fra et andet sted i filen) kan ikke bruges i en post: skriv værdierne ud",
                        "`<<` (merging in values from elsewhere in the file) cannot be used in a record: write the values out",
                    ),
                )
                continue
            value_cls = value_node.__class__
            if value_cls is ScalarNode and not self.aliases and self.positions is None and value_node.tag == STR_TAG:
                value = value_node.value  # the common case, inline
                mapping[key] = None if value in NULLS and not value_node.style else value
            else:
                mapping[key] = build(value_node, path + (key,), key_node, depth + 1)
        return mapping


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> Problem:
    """libyaml's error, located in the editor's lines and said in plain words (yamlsyntax)."""
    from ensomhed_cli.format.yamlsyntax import explain

    mark = exc.problem_mark or exc.context_mark
    lines = _editor_lines(text)

    def place(m: Any) -> tuple[int, int]:
        return lines(m.line, m.column) if lines else (m.line + 1, m.column + 1)

    line, col = place(mark) if mark else (1, 1)
    context = place(exc.context_mark) if exc.context and exc.context_mark and exc.context_mark is not mark else None
    message = explain(exc.problem or "", exc.context or "", text, (line, col), context, line_offset)
    return (line + line_offset, col, "yaml-syntax", message)


def _written_tag(tag: str) -> str:
    """A tag as it was written: `!!set` for tag:yaml.org,2002:set."""
    return "!!" + tag[len(_YAML_TAGS) :] if tag.startswith(_YAML_TAGS) else tag


_YAML_TAGS = "tag:yaml.org,2002:"


def _flow_depth_problem(text: str) -> tuple[int, int, str] | None:
    """Refuse absurd bracket nesting before libyaml recurses into it."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    line = 1
    col = 0
    for ch in text:
        col += 1
        if ch == "\n":
            line += 1
            col = 0
        elif ch in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                return (
                    line,
                    col,
                    say(
                        f"der er mere end {MAX_FLOW_DEPTH} niveauer af klammer (`[`, `{{`) inden i hinanden",
                        f"brackets (`[`, `{{`) are nested more than {MAX_FLOW_DEPTH} levels deep",
                    ),
                )
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return None
