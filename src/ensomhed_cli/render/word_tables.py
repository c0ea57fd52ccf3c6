"""HTML tables as Word tables: header rows marked and repeated on every page, spans merged, a caption.

A table's `<thead>` rows (or, without one, a first row of `<th>` cells alone) are its
header rows: marked `w:tblHeader`, which Word repeats at the top of each page and its
accessibility checker reads as the table's headers. A row never splits across a page
(`break-inside: avoid` in the print stylesheet). `<caption>` is a "Caption" paragraph
before the table and the table's title (its alternative text); cells spanning columns
or rows are merged. At most MAX_COLUMNS columns, as Word allows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ensomhed_cli.render.word_html import Element
from ensomhed_cli.render.word_runs import Box, clean
from ensomhed_cli.render.word_runs import sub as _sub
from ensomhed_cli.render.word_styles import SOFT, text_width
from ensomhed_cli.render.word_writer import Ctx, Writer

MAX_COLUMNS = 63
MAX_SPAN = 1000
CHARS_WANTED = 40  # a column of longer text wraps
CHAR_WIDTH = 130  # twips a character takes at 11 pt, in a wide font (Verdana) or bold
_BREAKS = re.compile(r"[ \t\n\r\f]+")  # where a line may break (not at a no-break space)


class Tables:
    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        # Read once: python-docx finds the sections by searching the whole body.
        self.width = text_width(writer.document.sections[-1])

    def table(self, el: Element, ctx: Ctx) -> None:
        writer = self.writer
        caption = next((c for c in el.children if isinstance(c, Element) and c.tag == "caption"), None)
        if caption is not None:
            writer.element(caption, ctx)
        heads, rows = _rows(el)
        if not rows:
            return
        placed, below, width = _layout(rows)
        if width == 0:
            return
        title = caption.text() if caption is not None else el.attrs.get("aria-label", "").strip()
        tbl = OxmlElement("w:tbl")
        self._properties(tbl, title, first_column=all(cells and cells[0][3].tag == "th" for cells in placed[heads:] if cells))
        columns = _sub(tbl, "w:tblGrid")
        widths = _widths(placed, width, self.width)
        for column_width in widths:
            _sub(columns, "w:gridCol", w=str(column_width))
        for r, cells in enumerate(placed):
            tr = _sub(tbl, "w:tr")
            trpr = _sub(tr, "w:trPr")
            _sub(trpr, "w:cantSplit")
            if r < heads:
                _sub(trpr, "w:tblHeader")
            starts = {c[0]: c for c in cells}
            column, last = 0, None
            while column < width:
                if column in starts:
                    _, colspan, rowspan, cell = starts[column]
                    colspan = min(colspan, width - column)
                    last = self._cell(tr, cell, ctx, colspan, rowspan, sum(widths[column : column + colspan]), header=r < heads)
                elif (r, column) in below:
                    colspan = min(below[(r, column)], width - column)
                    self._cell(tr, None, ctx, colspan, 0, sum(widths[column : column + colspan]), header=False)
                else:
                    colspan = 1
                    self._cell(tr, None, ctx, 1, 1, widths[column], header=False)
                column += colspan
            for start, _, _, cell in cells:
                if start >= width and last is not None:  # past Word's last column: its text in the row's last cell
                    self._fill(last, cell, ctx)
        ctx.box.add(tbl)

    def _properties(self, tbl: Any, title: str, first_column: bool) -> None:
        styles = self.writer.styles
        tblpr = _sub(tbl, "w:tblPr")
        style = styles.table("Table Grid")
        if style is not None:
            _sub(tblpr, "w:tblStyle", val=style)
        _sub(tblpr, "w:tblW", w="5000", type="pct")
        _sub(tblpr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1" if first_column else "0", lastColumn="0", noHBand="0", noVBand="1")
        if title:
            _sub(tblpr, "w:tblCaption", val=clean(title)[:255])

    def _cell(self, tr: Any, cell: Element | None, ctx: Ctx, colspan: int, rowspan: int, cell_width: int, header: bool) -> Any:
        """A cell; without an element, an empty one, or (rowspan 0) the continuation of one above."""
        tc = _sub(tr, "w:tc")
        tcpr = _sub(tc, "w:tcPr")
        _sub(tcpr, "w:tcW", w=str(cell_width), type="dxa")
        if colspan > 1:
            _sub(tcpr, "w:gridSpan", val=str(colspan))
        if rowspan > 1:
            _sub(tcpr, "w:vMerge", val="restart")
        elif rowspan == 0:
            _sub(tcpr, "w:vMerge")
        if header and self.writer.styles.builtin:
            _sub(tcpr, "w:shd", val="clear", color="auto", fill=SOFT)
        if cell is not None:
            self._fill(tc, cell, ctx)
        else:
            _sub(tc, "w:p")
        return tc

    def _fill(self, tc: Any, cell: Element, ctx: Ctx) -> None:
        """The cell's content into tc, which then ends with a paragraph, as Word requires."""
        if tc[-1].tag == qn("w:p") and len(tc[-1]) == 0:
            tc.remove(tc[-1])  # the paragraph that ended it, where more comes (a row past the last column)
        writer = self.writer
        writer.flush()
        fmt = ctx.fmt._replace(bold=True) if cell.tag == "th" else ctx.fmt
        item, writer.item = writer.item, None
        writer.walk(cell, replace(ctx, box=Box(tc), style=None, fmt=fmt, list_depth=0))
        writer.flush()
        writer.item = item
        if tc[-1].tag != qn("w:p"):  # empty, or ending in a table
            _sub(tc, "w:p")


def _rows(table: Element) -> tuple[int, list[Element]]:
    """(how many header rows, every row in reading order: head, body, foot)."""
    head: list[Element] = []
    body: list[Element] = []
    foot: list[Element] = []
    for child in table.children:
        if not isinstance(child, Element):
            continue
        if child.tag == "tr":
            body.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows = [r for r in child.children if isinstance(r, Element) and r.tag == "tr"]
            {"thead": head, "tbody": body, "tfoot": foot}[child.tag].extend(rows)
    if not head and body and _cells(body[0]) and all(c.tag == "th" for c in _cells(body[0])):
        head, body = body[:1], body[1:]
    return len(head), head + body + foot


def _cells(row: Element) -> list[Element]:
    return [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]


def _layout(rows: list[Element]) -> tuple[list[list[tuple[int, int, int, Element]]], dict[tuple[int, int], int], int]:
    """Where each cell stands, as a browser places it: each row's cells as (column, colspan,
    rowspan, cell); the places a cell from a row above covers, as (row, its first column)
    -> its colspan; and the number of columns (at most MAX_COLUMNS)."""
    taken: set[tuple[int, int]] = set()
    below: dict[tuple[int, int], int] = {}
    placed = []
    width = 0
    for r, row in enumerate(rows):
        cells = []
        column = 0
        for cell in _cells(row):
            while (r, column) in taken:
                column += 1
            colspan = 1
            wanted = min(_span(cell.attrs.get("colspan")), MAX_COLUMNS)
            while colspan < wanted and (r, column + colspan) not in taken:
                colspan += 1
            rowspan = min(_span(cell.attrs.get("rowspan")), len(rows) - r)
            for down in range(rowspan):
                for across in range(colspan):
                    taken.add((r + down, column + across))
                if down:
                    below[(r + down, column)] = colspan
            cells.append((column, colspan, rowspan, cell))
            column += colspan
            width = max(width, column)
        placed.append(cells)
    return placed, below, min(width, MAX_COLUMNS)


def _widths(placed: list[list[tuple[int, int, int, Element]]], width: int, total: int) -> list[int]:
    """Each column's width in twips: at least its longest unbreakable word, and of what is
    left a share by its longest text (at most CHARS_WANTED characters), so a column of
    dates is as wide as a date and one of text takes the rest."""
    least, wanted = [4] * width, [4] * width
    for cells in placed:
        for column, colspan, _, cell in cells:
            if colspan == 1 and column < width:
                text = cell.text()
                word = max((len(w) for w in _BREAKS.split(text)), default=0) + 4  # and the cell's margins
                least[column] = max(least[column], min(word, CHARS_WANTED))
                wanted[column] = max(wanted[column], min(len(text) + 2, CHARS_WANTED))
    wanted = [max(w, n) for w, n in zip(wanted, least, strict=True)]
    room = total // CHAR_WIDTH
    if sum(wanted) <= room:
        return [total * w // sum(wanted) for w in wanted]
    if sum(least) >= room:
        return [total * n // sum(least) for n in least]
    spare = [w - n for w, n in zip(wanted, least, strict=True)]
    extra = room - sum(least)
    return [int((n + extra * e / sum(spare)) * total / room) for n, e in zip(least, spare, strict=True)]


def _span(value: str | None) -> int:
    try:
        return min(max(int(value), 1), MAX_SPAN) if value else 1
    except ValueError:
        return 1
