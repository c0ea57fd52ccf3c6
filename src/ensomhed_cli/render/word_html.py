"""A rendered HTML page as the Word writer reads it: a small tree of elements and text.

    page = parse(html)      # page.title, page.lang, page.root: Element("html", …)

Parsed with the standard library's HTMLParser, which takes any text without failing: the
page may come from a repository's own template. End tags HTML lets a page leave out (a
`<p>`, `<li>`, `<td>` …) are closed as a browser closes them; an end tag with no open
element is ignored; elements nested deeper than MAX_DEPTH keep their text but not their
nesting. What is never shown (script, style, template) is dropped while parsing, and of an
SVG only its text equivalent (`aria-label`, or its first `<title>`) is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_DEPTH = 100

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
DROPPED = frozenset({"script", "style", "template"})  # never shown; what other elements hold is their fallback text
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
# HTML elements that end an SVG left open, as in a browser
BREAKOUT = frozenset(
    {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5",
     "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
     "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"}
)
# Elements that end an open <p>, as the HTML standard lists them.
CLOSES_P = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre",
        "section", "table", "ul",
    }
)
# An element of this kind ends the outermost open one of these kinds up to (not past) the boundary.
IMPLIED = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th", "caption"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "thead": ({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"}, {"table"}),
}
# Elements whose text stands apart from what is around them.
APART = CLOSES_P | {"li", "dt", "dd", "tr", "td", "th", "caption", "br", "figcaption", "summary"}
_SPACE = re.compile(r"[ \t\n\r\f]+")
LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """All its text, whitespace collapsed as a browser shows it, blocks apart."""
        out: list[str] = []
        pending: list[Element | str] = [self]
        while pending:
            node = pending.pop()
            if isinstance(node, str):
                out.append(node)
                continue
            if node.tag in APART:
                out.append(" ")
                pending.append(" ")
            pending.extend(reversed(node.children))
        return _SPACE.sub(" ", "".join(out)).strip()


@dataclass
class Page:
    root: Element
    title: str
    lang: str | None  # the <html lang>, where it is a language tag


def parse(html: str) -> Page:
    parser = _TreeParser()
    parser.feed(html)
    parser.close()
    lang = parser.root.attrs.get("lang", "").strip()
    return Page(parser.root, _SPACE.sub(" ", "".join(parser.title)).strip(), lang if LANG_TAG.fullmatch(lang) else None)


class _TreeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("html")
        self.stack: list[Element] = [self.root]
        self.beyond: list[str] = []  # tags opened past MAX_DEPTH: their text goes to the deepest element kept
        self.dropping: str | None = None  # inside a dropped element: its tag
        self.dropped_depth = 0
        self.svg: Element | None = None  # inside an <svg>: its element (only its title is kept)
        self.svg_depth = 0
        self.in_title = False
        self.title: list[str] = []

    # --- start and end --------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # As a browser: `<div/>` opens a div; only inside an SVG does `/>` close an element.
        self._start(tag, attrs, closed=self.svg is not None or tag == "svg")

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.dropping is not None:
            self.dropped_depth += tag == self.dropping
            return
        if self.svg is not None:
            if tag not in BREAKOUT:
                self.svg_depth += tag == "svg" and not closed
                self.in_title = tag == "title" and not closed and not self.svg.children
                return
            self.svg = None  # HTML inside an SVG ends it, as in a browser
        if tag in DROPPED:
            self.dropping, self.dropped_depth = tag, 1
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in ("html", "head", "body"):  # no elements of their own: everything hangs from the root
            if tag == "html":
                self.root.attrs.update((k, v or "") for k, v in attrs if k not in self.root.attrs)
            return
        self._close_implied(tag)
        if len(self.stack) >= MAX_DEPTH and tag not in VOID and tag != "svg":
            self.beyond.append(tag)
            return
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag == "svg":
            if not closed:
                self.svg, self.svg_depth = element, 1
            return
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping is not None:
            self.dropped_depth -= tag == self.dropping
            if self.dropped_depth <= 0:
                self.dropping = None
            return
        self.in_title = False
        if self.svg is not None:
            self.svg_depth -= tag == "svg"
            if self.svg_depth <= 0:
                self.svg = None
            return
        if tag == "br":  # </br> is read as <br>, as browsers do
            self.stack[-1].children.append(Element("br"))
            return
        if tag in self.beyond:
            del self.beyond[len(self.beyond) - 1 - self.beyond[::-1].index(tag) :]
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                self.beyond.clear()
                return

    def _close_implied(self, tag: str) -> None:
        if tag in CLOSES_P:
            self._close_p()
        if tag in IMPLIED:
            closes, boundary = IMPLIED[tag]
            outermost = None
            for depth in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[depth].tag
                if open_tag in boundary:
                    break
                if open_tag in closes:
                    outermost = depth
            if outermost is not None:
                del self.stack[outermost:]
                self.beyond.clear()

    def _close_p(self) -> None:
        """Close an open <p> with nothing but inline elements inside it (not one outside a table or list)."""
        for depth in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[depth].tag
            if open_tag == "p":
                del self.stack[depth:]
                self.beyond.clear()
                return
            if open_tag not in INLINE:
                return

    # --- text -----------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.dropping is not None:
            return
        if self.in_title:
            if self.svg is not None:
                self.svg.children.append(data)
            else:
                self.title.append(data)
            return
        if self.svg is not None:
            return
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

