"""Record text in rendered output, kept inside the document's structure.

HTML: Markdown fields go through markdown-it with raw HTML disabled (so `<script>` is
shown as text), unsafe link schemes refused, and headings shifted below the
document's own. Markdown: every value is escaped like HTML autoescaping escapes, and
Markdown fields have their headings shifted, raw HTML neutralised and unclosed code
fences closed, so a record's text can never take over the document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


class MdSafe(str):
    """Markdown that is already safe to put into a Markdown document as it is."""

    __slots__ = ()


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")

    def validate_link(url: str) -> bool:
        lowered = url.strip().lower()
        if ":" not in lowered.split("/", 1)[0]:
            return True  # relative link or anchor
        return lowered.startswith(SAFE_SCHEMES)

    md.validateLink = validate_link
    return md


def markdown_html(text: str | None, heading_base: int = 3) -> Markup:
    """Markdown to HTML; headings start at h{heading_base} so they nest under the document's."""
    if not text:
        return Markup("")
    return _markdown_html(str(text), heading_base)


# Text that Markdown makes plain paragraphs of and nothing else: each line starts with a
# letter (no list, heading, quote, code or table can start there) and ends without a space
# (no hard break), and holds only letters, digits, spaces and punctuation no inline rule
# reads (no emphasis, code, link, entity, escape or HTML). Most descriptions and decisions
# are such text; tests/test_markup_plain.py holds that markdown-it writes the same.
_PLAIN_LINE = r"[^\W\d_](?:[^\W_]|[ ,.;:?!'\"()%/\u2013-])*(?<! )"
_PLAIN_TEXT = re.compile(rf"{_PLAIN_LINE}(?:\n(?:{_PLAIN_LINE})?)*")


def _plain_paragraphs(text: str) -> str | None:
    """The HTML markdown-it writes for plain paragraphs, or None for any other text."""
    if not _PLAIN_TEXT.fullmatch(text):
        return None
    paragraphs = [part.strip("\n") for part in text.split("\n\n")]
    return "".join(f"<p>{part}</p>\n" for part in paragraphs if part).replace('"', "&quot;")


@lru_cache(maxsize=4096)
def _markdown_html(text: str, heading_base: int) -> Markup:
    """Once per text in a build: an item's description is on its agenda, its minutes and the
    pages of the plans and initiatives it names."""
    plain = _plain_paragraphs(text)
    if plain is not None:
        return Markup(plain)
    md = _parser()
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1])
            token.tag = f"h{min(level + heading_base - 1, 6)}"
    html = md.renderer.render(tokens, md.options, {})
    # A table scrolls sideways in a box of its own on a narrow screen, never the page; the
    # box takes focus so a keyboard can scroll it. (Raw HTML is off: every <table> is ours.)
    html = html.replace("<table>", '<div class="table-scroll" tabindex="0"><table>').replace("</table>", "</table></div>")
    return Markup(html)


# A CSS string in the print style sheet (_print.css.j2): every character that could end the
# string, start an escape or close the <style> element is written as a CSS escape.
_CSS_ESCAPES = str.maketrans(
    {"\\": "\\5c ", '"': "\\22 ", "'": "\\27 ", "\n": "\\a ", "\r": "\\d ", "\f": "\\c ", "\t": "\\9 ",
     "\v": "\\b ", "\0": "\\fffd ", "<": "\\3c ", ">": "\\3e ", "&": "\\26 "}
)


def css_string(value: object) -> Markup:
    """The value as a quoted CSS string, safe inside a <style> element (nothing in it is
    special to HTML any more); none is the empty string."""
    text = "" if value is None else str(value)
    return Markup('"' + text.translate(_CSS_ESCAPES) + '"')


def markdown_inline_html(text: str | None) -> Markup:
    """One line of Markdown (emphasis, links) to HTML without a paragraph around it."""
    if not text:
        return Markup("")
    return Markup(_parser().renderInline(str(text)))


_INLINE_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^[#>+\-=](\s|$)|^>")
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")


def md_inline(value: object) -> MdSafe:
    """Text for one line of a Markdown document: Markdown syntax in it is shown, not run."""
    if isinstance(value, MdSafe):
        return value
    text = "" if value is None else str(value)
    text = " ".join(text.split())  # no line breaks inside a table cell or heading
    text = _INLINE_ESCAPE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"&amp;\1", text)
    # At the start of a line these would begin a heading, quote or list. ("29. august" is
    # left alone: the built-in templates never put a value first on a line.)
    if _BLOCK_START.match(text):
        text = "\\" + text
    return MdSafe(text)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3})(#{1,6})(\s|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data|file)\s*:", re.IGNORECASE)


def md_block(value: object, heading_base: int = 3) -> MdSafe:
    """A Markdown field placed as a block inside a Markdown document, kept inside its place."""
    if value is None:
        return MdSafe("")
    lines = str(value).replace("\r\n", "\n").strip("\n").split("\n")
    out: list[str] = []
    fence: str | None = None
    previous_blank = True
    for line in lines:
        m = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip()[len(m.group(1)) :].strip():
                fence = None
            continue
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        heading = _ATX.match(line)
        if heading:
            level = min(len(heading.group(2)) + heading_base - 1, 6)
            line = heading.group(1) + "#" * level + line[heading.end(2) :]
        elif _SETEXT.match(line) and not previous_blank:
            line = "\\" + line.lstrip()  # would turn the line above into a heading
        line = line.replace("<", "&lt;")
        line = _UNSAFE_LINK.sub("](#unsafe-link-removed:", line)
        out.append(line)
        previous_blank = not line.strip()
    if fence is not None:
        out.append(fence)  # an unclosed code block would swallow the rest of the document
    return MdSafe("\n".join(out))


_URL_BREAKERS = {"<": "%3C", ">": "%3E", "\n": "%0A", "\r": "%0D", " ": "%20", "\\": "%5C"}


def md_url(value: object) -> MdSafe:
    """A link destination for Markdown's `<…>` form: nothing in it can close the link,
    end the line or start new Markdown (a record's url or a file path)."""
    text = "" if value is None else str(value)
    return MdSafe("".join(_URL_BREAKERS.get(c, c) for c in text))


def md_finalize(value: object) -> object:
    """Jinja `finalize` for Markdown templates: every {{ value }} is escaped unless MdSafe."""
    if isinstance(value, MdSafe):
        return value
    if value is None:
        return ""
    return md_inline(value)


def tidy_markdown(text: str) -> str:
    """One blank line between blocks at most (outside code blocks), one newline at the end."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            fence = None
        elif fence is None and not line.strip():
            if not out or not out[-1].strip():
                continue
            line = ""
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"
