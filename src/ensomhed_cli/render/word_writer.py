"""The Word document's body, written from the page's tree: headings, paragraphs, lists, links and facts.

Each HTML element becomes what Word has for it: h1–h6 the heading styles, a paragraph
a paragraph, a list Word's list styles, a link a hyperlink (http, https and mailto only;
a link within the page a link to a bookmark), a `<dl>` "Label: value" paragraphs, a
table a table (render/word_tables.py). Text is only ever a run's text: nothing in a
record becomes a field, and characters XML cannot hold are left out. No paragraph is
written empty: spacing is the styles' business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ensomhed_cli.check.attachments import url_allowed
from ensomhed_cli.render.word_html import LANG_TAG, Element
from ensomhed_cli.render.word_lists import ListKind, Numbering
from ensomhed_cli.render.word_runs import Box, Fmt, Para, clean, normalised, paragraph, run
from ensomhed_cli.render.word_styles import DECISION, FACTS, Styles, word_lang

HEADINGS = {f"h{n}": n for n in range(1, 7)}
CONTAINERS = frozenset(
    {"html", "body", "main", "section", "article", "div", "aside", "figure", "address", "details", "summary", "fieldset",
     "hgroup", "search", "center", "form", "footer", "header", "nav", "legend"}
)
BOLD, ITALIC = frozenset({"strong", "b"}), frozenset({"em", "i", "cite", "dfn", "var"})
CODE = frozenset({"code", "kbd", "samp", "tt"})
_BOOKMARK = re.compile(r"[^A-Za-z0-9]")


@dataclass(frozen=True)
class Ctx:
    box: Any  # the body or a table cell: where paragraphs go
    style: str | None  # the paragraph style of text here (None: Normal)
    fmt: Fmt = Fmt()
    pre: bool = False
    lang: str | None = None
    list_depth: int = 0


class Writer:
    def __init__(self, document: Any, styles: Styles, lang: str, base_url: str | None, ids: set[str]) -> None:
        self.document = document
        self.part = document.part
        self.styles = styles
        self.lang = lang
        self.base_url = base_url
        self.numbering = Numbering(document, styles)
        self.bookmarks = _bookmark_names(ids)
        self.pending: list[str] = []  # bookmarks the next paragraph carries
        self.links: dict[str, str] = {}  # address -> its relationship's id
        self.bookmark_id = 0
        self.para: Para | None = None
        self.item: tuple[str | None, tuple[str, int] | None] | None = None  # a list item's first paragraph: style, numbering
        self.header: tuple[str, str | None] | None = None  # the page's header text and its language
        self.header_element: Element | None = None
        from ensomhed_cli.render.word_tables import Tables

        self.tables = Tables(self)

    # --- walking the tree ---------------------------------------------------------------

    def write(self, root: Element, box: Box) -> None:
        """The page into the box; its first <header> at the top is the running header instead."""
        self.header_element = next((c for c in root.children if isinstance(c, Element) and c.tag == "header"), None)
        self.walk(root, Ctx(box, None))
        self.flush()

    def walk(self, node: Element, ctx: Ctx) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.text(child, ctx)
            else:
                self.element(child, ctx)

    def element(self, el: Element, ctx: Ctx) -> None:
        tag, attrs = el.tag, el.attrs
        if "hidden" in attrs or "skip" in el.classes() or tag in ("head", "meta", "link", "base", "hr", "wbr"):
            return
        lang = attrs.get("lang", "").strip()
        if lang and LANG_TAG.fullmatch(lang):
            word = word_lang(lang)
            ctx = replace(ctx, lang=word, fmt=ctx.fmt._replace(lang=None if word == self.lang else word))
        if "id" in attrs and attrs["id"] in self.bookmarks:
            self.pending.append(self.bookmarks[attrs["id"]])
        if tag in HEADINGS:
            self.flush()
            self.open(self.styles.paragraph(f"Heading {HEADINGS[tag]}"), ctx, heading=True)
            self.walk(el, ctx)
            self.flush()
        elif el is self.header_element:
            # The running header of every page, in the language its text is marked with.
            marked = [c.attrs["lang"] for c in el.children if isinstance(c, Element) and LANG_TAG.fullmatch(c.attrs.get("lang", ""))]
            self.header = (" ".join(_text_of(el)), word_lang(marked[0]) if len(marked) == 1 else ctx.lang)
        elif tag == "nav" and not _has_heading(el):
            return  # links between the pages of a site; a table of contents (with its heading) stays
        elif tag in CONTAINERS or tag == "blockquote":
            self.flush()
            if tag == "blockquote" and self.styles.paragraph("Quote"):
                ctx = replace(ctx, style=self.styles.paragraph("Quote"))
            elif "decision" in el.classes():
                ctx = replace(ctx, style=self.styles.paragraph(DECISION))
            self.walk(el, ctx)
            self.flush()
        elif tag in ("p", "figcaption", "caption", "dt", "dd"):
            self.flush()
            style = self.styles.paragraph("Caption") if tag in ("figcaption", "caption") else ctx.style
            self.walk(el, replace(ctx, style=style))
            self.flush()
        elif tag in ("ul", "ol", "menu"):
            self.list(el, ctx)
        elif tag == "li":
            self.list_item(el, ctx, ordered=False, start=1)
        elif tag == "dl":
            self.definitions(el, ctx)
        elif tag == "table":
            self.flush()
            self.tables.table(el, ctx)
        elif tag == "pre":
            self.flush()
            self.walk(el, replace(ctx, pre=True, fmt=ctx.fmt._replace(code=True)))
            self.flush()
        elif tag == "br":
            if self.para is not None:
                self.para.pieces.append(("break", "", ctx.fmt))
        elif tag == "img":
            self.text(attrs.get("alt", ""), ctx)
        elif tag == "svg":
            # A chart: its text equivalent (which states its figures), never dropped silently.
            if attrs.get("aria-hidden", "").strip().lower() != "true":
                self.flush()
                self.text(attrs.get("aria-label") or el.text(), replace(ctx, fmt=ctx.fmt._replace(italic=True)))
                self.flush()
        elif tag == "a":
            self.walk(el, replace(ctx, fmt=ctx.fmt._replace(link=self.link(attrs.get("href")) or ctx.fmt.link)))
        elif tag == "q":
            self.text("“", ctx)
            self.walk(el, ctx)
            self.text("”", ctx)
        else:
            self.walk(el, replace(ctx, fmt=_inline(el, ctx.fmt)))

    def text(self, text: str, ctx: Ctx) -> None:
        if not ctx.pre and (self.para is None and not text.strip()):
            return
        if self.para is None:
            self.open(ctx.style, ctx)
        assert self.para is not None
        if not ctx.pre:
            self.para.pieces.append(("text", text, ctx.fmt))
            return
        for n, line in enumerate(text.replace("\t", "    ").split("\n")):
            if n:
                self.para.pieces.append(("break", "", ctx.fmt))
            if line:
                self.para.pieces.append(("pre", line, ctx.fmt))

    # --- lists and definitions ----------------------------------------------------------

    def list(self, el: Element, ctx: Ctx) -> None:
        self.flush()
        ordered = el.tag == "ol"
        start = _int(el.attrs.get("start"), 1)
        inner = replace(ctx, list_depth=ctx.list_depth + 1)
        toc = "toc" in el.classes()  # a table of contents: Word's "toc 1" and "toc 2", unnumbered
        kind = None if toc else self.numbering.list(ordered, inner.list_depth, start)
        for child in el.children:
            if isinstance(child, Element) and child.tag == "li":
                if toc:
                    style = self.styles.paragraph("toc 2" if "sub" in child.classes() else "toc 1")
                    kind = ListKind(style, None, style)
                self.list_item(child, inner, ordered, start, kind)
            elif isinstance(child, Element):
                self.element(child, inner)
            else:
                self.text(child, inner)
        self.flush()

    def list_item(self, li: Element, ctx: Ctx, ordered: bool, start: int, kind: Any = None) -> None:
        self.flush()
        if kind is None:  # an <li> outside a list: a list of its own
            ctx = replace(ctx, list_depth=ctx.list_depth + 1)
            kind = self.numbering.list(ordered, ctx.list_depth, start)
        self.item = (kind.style, kind.number)
        self.walk(li, replace(ctx, style=kind.continued))
        self.flush()
        self.item = None

    def definitions(self, dl: Element, ctx: Ctx) -> None:
        """Each term and its description as one paragraph: "Dato: mandag den 29. august 2022"."""
        self.flush()
        style = ctx.style if ctx.style is not None else self.styles.paragraph(FACTS)
        here = replace(ctx, style=style)
        terms: list[Element] = []
        last = None
        for child in _entries(dl):
            if isinstance(child, str):
                self.text(child, here)
                continue
            if child.tag == "dt":
                if last == "dd":
                    terms = []
                terms.append(child)
            elif child.tag == "dd":
                self.flush()
                if terms:
                    self.label(terms, here)
                    terms = []
                self.walk(child, here)
                self.flush()
            else:
                self.element(child, here)
            last = child.tag
        if terms:
            self.flush()
            self.label(terms, here)
            self.flush()

    def label(self, terms: Sequence[Element], ctx: Ctx) -> None:
        bold = replace(ctx, fmt=ctx.fmt._replace(bold=True))
        for n, term in enumerate(terms):
            if n:
                self.text(", ", bold)
            self.walk(term, bold)
        if not " ".join(t.text() for t in terms).endswith(":"):
            self.text(": ", bold)

    # --- paragraphs ---------------------------------------------------------------------

    def open(self, style: str | None, ctx: Ctx, heading: bool = False) -> None:
        number = None
        if self.item is not None and not heading:
            style, number = self.item
            self.item = None
        self.para = Para(style, number, ctx.box, [])

    def flush(self) -> None:
        para, self.para = self.para, None
        if para is None:
            return
        pieces = normalised(para.pieces)
        if not pieces:
            return  # nothing visible: no paragraph (its bookmarks go to the next)
        marks = []
        for name in dict.fromkeys(self.pending):
            self.bookmark_id += 1
            marks.append((self.bookmark_id, name))
        self.pending.clear()
        para.box.add(paragraph(para, pieces, marks, self.styles.character("Hyperlink")))

    def run(self, kind: str, text: str, fmt: Fmt) -> Any:
        return run(kind, text, fmt, self.styles.character("Hyperlink"))

    # --- links --------------------------------------------------------------------------

    def link(self, href: str | None) -> tuple[str, str] | None:
        """A hyperlink's target: a bookmark for a link within the page, else an http, https or
        mailto address (made absolute against base_url where given); None: plain text."""
        if not href:
            return None
        href = href.strip()
        if href.startswith("#"):
            name = self.bookmarks.get(href[1:])
            return ("anchor", name) if name else None
        if self.base_url:
            try:
                href = urljoin(self.base_url, href)
            except ValueError:
                return None
        if not url_allowed(href) or clean(href) != href or any(c.isspace() for c in href):
            return None
        if href not in self.links:  # one relationship for each address, made without a search of the others
            self.links[href] = f"rIdLink{len(self.links) + 1}"
            self.part.rels.add_relationship(RT.HYPERLINK, href, self.links[href], is_external=True)
        return ("r", self.links[href])


def _inline(el: Element, fmt: Fmt) -> Fmt:
    tag = el.tag
    if tag in BOLD or "badge" in el.classes():
        fmt = fmt._replace(bold=True)
    if tag in ITALIC:
        fmt = fmt._replace(italic=True)
    if tag in ("u", "ins"):
        fmt = fmt._replace(underline=True)
    if tag in ("s", "strike", "del"):
        fmt = fmt._replace(strike=True)
    if tag in CODE:
        fmt = fmt._replace(code=True)
    if tag in ("sup", "sub"):
        fmt = fmt._replace(vert="superscript" if tag == "sup" else "subscript")
    return fmt


def _entries(dl: Element):
    """A <dl>'s terms and descriptions, also where they are grouped in <div>s."""
    for child in dl.children:
        if isinstance(child, Element) and child.tag == "div":
            yield from child.children
        else:
            yield child


def _text_of(el: Element) -> list[str]:
    """The text of a page header, without its navigation."""
    out = []
    for child in el.children:
        if isinstance(child, str):
            out.append(child.strip())
        elif child.tag != "nav" and "skip" not in child.classes():
            out.append(child.text())
    return [t for t in out if t]


def _has_heading(el: Element) -> bool:
    pending = [el]
    while pending:
        node = pending.pop()
        for child in node.children:
            if isinstance(child, Element):
                if child.tag in HEADINGS:
                    return True
                pending.append(child)
    return False


def _bookmark_names(ids: set[str]) -> dict[str, str]:
    """A Word bookmark for each id in the page: hidden (a leading _), at most 40 characters, unique."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for element_id in sorted(ids):
        name = base = "_" + _BOOKMARK.sub("_", element_id)[:32]
        number = 1
        while name in taken:
            number += 1
            name = f"{base}_{number}"
        taken.add(name)
        names[element_id] = name
    return names


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value), 0) if value is not None else default
    except ValueError:
        return default
