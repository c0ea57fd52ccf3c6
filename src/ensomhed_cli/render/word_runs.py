"""A Word paragraph and its runs: text only ever a run's text, white space as a browser shows it.

No record text becomes a field, a symbol or markup: it is the text of a `<w:t>`, with the
characters XML cannot hold left out. A paragraph with nothing visible in it is never
written (spacing is the styles' business); a hyperlink is a `<w:hyperlink>` around its
runs, to a relationship (a web or mail address) or a bookmark in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"[ \t\n\r\f]+")


class Fmt(NamedTuple):
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    code: bool = False
    vert: str | None = None  # superscript, subscript
    lang: str | None = None  # Word's language tag, where it is not the document's
    link: tuple[str, str] | None = None  # ("r", relationship id) or ("anchor", bookmark)


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


class Box:
    """Where blocks go: the body (before its section properties) or a table cell."""

    def __init__(self, element: Any) -> None:
        self.element = element
        self.end = element.find(qn("w:sectPr")) if element.tag == qn("w:body") else None

    def add(self, block: Any) -> None:
        if self.end is not None:
            self.end.addprevious(block)
        else:
            self.element.append(block)


@dataclass
class Para:
    style: str | None
    number: tuple[str, int] | None
    box: Box
    pieces: list[tuple[str, str, Fmt]]


def paragraph(para: Para, pieces: list[tuple[str, str, Fmt]], marks: list[tuple[int, str]], link_style: str | None) -> Any:
    """The <w:p> of the pieces (normalised), in its style and numbering, with its bookmarks."""
    p = OxmlElement("w:p")
    if para.style is not None or para.number is not None:
        ppr = sub(p, "w:pPr")
        if para.style is not None:
            sub(ppr, "w:pStyle", val=para.style)
        if para.number is not None:
            numpr = sub(ppr, "w:numPr")
            sub(numpr, "w:ilvl", val=str(para.number[1]))
            sub(numpr, "w:numId", val=para.number[0])
    for mark, name in marks:
        sub(p, "w:bookmarkStart", id=str(mark), name=name)
    link, holder = None, p
    for kind, text, fmt in pieces:
        if fmt.link != link:
            link, holder = fmt.link, p
            if link is not None:
                holder = sub(p, "w:hyperlink", **({"r:id": link[1]} if link[0] == "r" else {"anchor": link[1]}), history="1")
        holder.append(run(kind, text, fmt, link_style))
    for mark, _ in marks:
        sub(p, "w:bookmarkEnd", id=str(mark))
    return p


def run(kind: str, text: str, fmt: Fmt, link_style: str | None) -> Any:
    """A run of text ("text", "pre") or a line break ("break"), formatted."""
    r = OxmlElement("w:r")
    rpr = sub(r, "w:rPr")
    if fmt.link is not None and link_style:
        sub(rpr, "w:rStyle", val=link_style)
    if fmt.code:
        sub(rpr, "w:rFonts", ascii="Courier New", hAnsi="Courier New", cs="Courier New")
    for on, name in ((fmt.bold, "w:b"), (fmt.italic, "w:i"), (fmt.strike, "w:strike")):
        if on:
            sub(rpr, name)
    if fmt.underline:
        sub(rpr, "w:u", val="single")
    if fmt.vert:
        sub(rpr, "w:vertAlign", val=fmt.vert)
    if fmt.lang:
        sub(rpr, "w:lang", val=fmt.lang)
    if not len(rpr):
        r.remove(rpr)
    if kind == "break":
        sub(r, "w:br")
    else:
        t = sub(r, "w:t")
        t.text = clean(text)
        if t.text != t.text.strip(" "):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def normalised(pieces: list[tuple[str, str, Fmt]]) -> list[tuple[str, str, Fmt]]:
    """White space as a browser shows it: runs of it one space, none at the start or end of
    a line; no break at the start or end. Empty when nothing visible is left."""
    out: list[tuple[str, str, Fmt]] = []
    space_before = True
    for kind, text, fmt in pieces:
        if kind == "text":
            text = _SPACE.sub(" ", clean(text))
            if space_before:
                text = text.lstrip(" ")
            if not text:
                continue
            space_before = text.endswith(" ")
        elif kind == "break":
            _strip_end(out)
            if not out:
                continue
            space_before = True
        else:  # preformatted: its spaces kept, what XML cannot hold left out as from any text
            text = clean(text)
            if not text:
                continue
            space_before = False
        out.append((kind, text, fmt))
    _strip_end(out)
    return out if any(kind != "break" and text.strip() for kind, text, _ in out) else []


def _strip_end(out: list[tuple[str, str, Fmt]]) -> None:
    while out:
        kind, text, fmt = out[-1]
        if kind == "break":
            out.pop()
        elif kind == "text" and text.endswith(" "):
            if text.rstrip(" "):
                out[-1] = (kind, text.rstrip(" "), fmt)
                return
            out.pop()
        else:
            return


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    """A new last child of parent (lxml's own, a tenth of the time python-docx's OxmlElement takes)."""
    return etree.SubElement(parent, qn(tag), {qn(key if ":" in key else f"w:{key}"): value for key, value in attrs.items()})
