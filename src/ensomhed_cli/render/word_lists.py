"""Lists in the Word document: Word's list styles where the document has them, numbered lists each from their start.

"List Bullet" and "List Number" (and their levels 2 and 3) number their paragraphs
through the list definitions the style names; every numbered list restarts at its own
`start` by a numbering of its own over the style's definition. Where the document (a
reference.docx) has no such style, or the list is nested deeper, the list uses
definitions of ensomhed's own (•, ◦, ▪ and 1., 2., 3.) on "List Paragraph".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ensomhed_cli.render.word_styles import Styles

BULLETS = ("•", "◦", "▪")
LEVELS = 9


@dataclass(frozen=True)
class ListKind:
    style: str | None  # the style of an item's first paragraph
    number: tuple[str, int] | None  # (numId, ilvl) given on the paragraph, where the style does not number it
    continued: str | None  # the style of an item's further paragraphs


class Numbering:
    def __init__(self, document: Any, styles: Styles) -> None:
        self.document = document
        self.styles = styles
        self._element = None
        self._own: dict[bool, str] = {}  # ordered -> abstractNumId of ensomhed's own definition
        self._bullets: str | None = None  # the numId of ensomhed's own bullets
        self._next_num: int | None = None
        self._abstracts: dict[str, str | None] = {}

    @property
    def element(self) -> Any:
        if self._element is None:
            self._element = self.document.part.numbering_part.element
        return self._element

    def list(self, ordered: bool, depth: int, start: int) -> ListKind:
        name = ("List Number" if ordered else "List Bullet") + ("" if depth == 1 else f" {depth}")
        style = self.styles.paragraph(name) if depth <= 3 else None
        continued = self.styles.paragraph("List Continue" + ("" if depth == 1 else f" {depth}")) if depth <= 3 else None
        numbered = self.styles.numbering_of(style)
        if style is not None and numbered is not None:
            if not ordered:
                return ListKind(style, None, continued or style)
            abstract = self._abstract_of(numbered[0])
            if abstract is not None:
                return ListKind(style, (self._num(abstract, numbered[1], start), numbered[1]), continued or style)
        level = min(depth, LEVELS) - 1
        paragraph = self.styles.paragraph("List Paragraph")
        if ordered:
            number = self._num(self._own_abstract(True), level, start)
        else:
            if self._bullets is None:
                self._bullets = self._num(self._own_abstract(False), None, 1)
            number = self._bullets
        return ListKind(paragraph, (number, level), paragraph)

    def _abstract_of(self, num_id: str) -> str | None:
        if num_id not in self._abstracts:
            self._abstracts[num_id] = self._find_abstract(num_id)
        return self._abstracts[num_id]

    def _find_abstract(self, num_id: str) -> str | None:
        for num in self.element.findall(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                abstract = num.find(qn("w:abstractNumId"))
                return abstract.get(qn("w:val")) if abstract is not None else None
        return None

    def _num(self, abstract: str, level: int | None, start: int) -> str:
        """A new numbering over the definition, starting at `start` on the level."""
        if self._next_num is None:
            self._next_num = max((_int(n.get(qn("w:numId"))) for n in self.element.findall(qn("w:num"))), default=0) + 1
        num_id = str(self._next_num)
        self._next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        _child(num, "w:abstractNumId", val=abstract)
        if level is not None:
            override = _child(num, "w:lvlOverride", ilvl=str(level))
            _child(override, "w:startOverride", val=str(start))
        cleanup = self.element.find(qn("w:numIdMacAtCleanup"))
        (cleanup.addprevious(num) if cleanup is not None else self.element.append(num))
        return num_id

    def _own_abstract(self, ordered: bool) -> str:
        if ordered in self._own:
            return self._own[ordered]
        ids = [_int(a.get(qn("w:abstractNumId"))) for a in self.element.findall(qn("w:abstractNum"))]
        abstract_id = str(max(ids, default=-1) + 1)
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), abstract_id)
        _child(abstract, "w:multiLevelType", val="hybridMultilevel")
        for level in range(LEVELS):
            lvl = _child(abstract, "w:lvl", ilvl=str(level))
            _child(lvl, "w:start", val="1")
            _child(lvl, "w:numFmt", val="decimal" if ordered else "bullet")
            _child(lvl, "w:lvlText", val=f"%{level + 1}." if ordered else BULLETS[level % len(BULLETS)])
            _child(lvl, "w:lvlJc", val="left")
            ppr = _child(lvl, "w:pPr")
            _child(ppr, "w:ind", left=str(360 * (level + 2)), hanging="360")
        first_num = self.element.find(qn("w:num"))
        (first_num.addprevious(abstract) if first_num is not None else self.element.append(abstract))
        self._own[ordered] = abstract_id
        return abstract_id


def _child(parent: Any, tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    parent.append(element)
    return element


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0
