"""A PDF's structure made whole for PDF/UA-1: one element per HTML element, margins as artifacts.

WeasyPrint tags the PDF it writes (headings, lists, tables, links), but page by page: an
item, list or table that runs over a page break becomes one structure element per page,
and the running header and "Side 1 af 4" are marked content of elements that belong to no
tree. A screen reader then hears six articles where there are five items. So:

- while WeasyPrint builds the tree (`identifying`), each element is marked with the HTML
  element it comes from, and given that element's `lang` where it has one (Danish record
  text in an English document) and, for a chart, an alternative text that states its figures
  (its title and the table that describes it);
- after it (`repaired`), consecutive elements of one HTML element are merged into one, at
  every level, their marked content kept in order (MCIDs of another page become MCRs) and
  the parent tree told; content that belongs to no element of the tree (the page margins)
  becomes an Artifact in the page's content stream; a list item holds its body in an LBody;
  an element without content or kids is taken out; the marks are removed.

Checked by tests/test_pdf_ua.py with pikepdf and the `pdfua` checker.
"""

from __future__ import annotations

import io
from typing import Any

MARK = "/EnsomhedElement"
_STRUCTURAL = ("/TD", "/TH", "/TR")  # a table's cells stand even when empty


def identifying(original: Any, root: Any = None) -> Any:
    """A wrapper of weasyprint.pdf.tags._build_box_tree that marks each element it yields;
    `root` is the page's HTML (an ElementTree element), where a chart's table is found."""
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")} if root is not None else {}
    import pydyf
    from weasyprint.layout.absolute import AbsolutePlaceholder

    def build(box, parent, pdf, page_number, nums, annotations, tags):  # type: ignore[no-untyped-def]
        for element in original(box, parent, pdf, page_number, nums, annotations, tags):
            if MARK[1:] not in element:
                target = box._box if isinstance(box, AbsolutePlaceholder) else box
                html = getattr(target, "element", None)
                if html is not None and getattr(target, "element_tag", None) not in ("html", "body"):
                    element[MARK[1:]] = pydyf.String(f"{id(html)}:{target.element_tag}")
                    lang = html.get("lang")
                    if lang:
                        element["Lang"] = pydyf.String(lang)
                    if element.get("S") == "/Figure":
                        alt = figure_alt(html, by_id)
                        if alt:
                            element["Alt"] = pydyf.String(alt)
                    elif element.get("S") == "/TH":  # whose header: the column's or the row's
                        if "A" not in element:
                            element["A"] = pydyf.Dictionary({"O": "/Table"})
                        element["A"]["Scope"] = "/Row" if html.get("scope") == "row" else "/Column"
            yield element

    return build


def figure_alt(html: Any, by_id: dict[str, Any]) -> str | None:
    """A chart's alternative text: its title, then the figures of the table that describes it
    (aria-describedby), row by row: "Vi bor … 2030. Målinger: 1. januar 2024: 30.700 indbyggere"."""
    title = html.find("{http://www.w3.org/2000/svg}title")
    said = " ".join((title.text or "").split()) if title is not None else (html.get("alt") or "")
    table = by_id.get(html.get("aria-describedby") or "")
    if table is not None:
        caption = next((el for el in table.iter() if _local(el.tag) == "caption"), None)
        rows = []
        for row in (el for el in table.iter() if _local(el.tag) == "tr"):
            cells = [" ".join("".join(cell.itertext()).split()) for cell in row if _local(cell.tag) in ("td", "th")]
            if any(_local(cell.tag) == "td" for cell in row) and any(cells):
                rows.append(": ".join(c for c in cells if c))
        heading = " ".join("".join(caption.itertext()).split()) if caption is not None else ""
        if said and said in heading:  # "Målinger: <the title>": the title is said already
            heading = heading.replace(said, "").strip(" :")
        figures = "; ".join(rows)
        said = " ".join(part for part in (said, f"{heading}: {figures}" if heading else figures) if part)
    return said or None


def _local(tag: Any) -> str:
    """An element's name without its namespace ("{http://www.w3.org/1999/xhtml}td" → "td")."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def repaired(data: bytes) -> bytes:
    """The PDF with its structure made whole (see the module)."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return data
    moved: dict[tuple[int, int], Any] = {}  # objgen of an element merged away -> the one it went into
    for element in _kids(root):
        _repair(pdf, element, moved)
    _artifacts(pdf, root, moved)
    for element in _walk(root):
        if MARK in element:
            del element[MARK]
    out = io.BytesIO()
    pdf.save(out, fix_metadata_version=False)
    return out.getvalue()


def _kids(element: Any) -> list:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(obj: Any) -> bool:
    import pikepdf

    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def _walk(element: Any):
    for kid in _kids(element):
        if _is_element(kid):
            yield kid
            yield from _walk(kid)


def _repair(pdf: Any, element: Any, moved: dict) -> None:
    """Merge the consecutive kids of one HTML element, at every level below `element`."""
    import pikepdf

    kids = _kids(element)
    merged: list = []
    for kid in kids:
        last = merged[-1] if merged else None
        if (
            _is_element(kid) and last is not None and _is_element(last)
            and MARK in kid and MARK in last and str(kid[MARK]) == str(last[MARK]) and kid.get("/S") == last.get("/S")
        ):
            _merge_into(pdf, last, kid, moved)
            continue
        merged.append(kid)
    if _is_element(element):
        _list_body(pdf, element, merged)
    # An element with nothing in it (a caption's wrapper, a list cut at a page end) says nothing.
    merged = [k for k in merged if not (_is_element(k) and k.get("/S") not in _STRUCTURAL and not _kids(k))]
    element.K = pikepdf.Array(merged)
    for kid in merged:
        if _is_element(kid):
            _repair(pdf, kid, moved)


def _merge_into(pdf: Any, into: Any, other: Any, moved: dict) -> None:
    import pikepdf

    kids = _kids(into)
    page = into.get("/Pg")
    for kid in _kids(other):
        if isinstance(kid, int) and other.get("/Pg") is not None and (page is None or other.Pg.objgen != page.objgen):
            kid = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=other.Pg, MCID=kid))
        elif _is_element(kid):
            kid.P = into
        kids.append(kid)
    into.K = pikepdf.Array(kids)
    moved[other.objgen] = into


def _list_body(pdf: Any, element: Any, kids: list) -> None:
    """A list item holds its label and its body; anything else is put into one LBody."""
    import pikepdf

    if element.get("/S") != "/LI":
        return
    loose = [k for k in kids if not (_is_element(k) and k.get("/S") in ("/Lbl", "/LBody"))]
    if not loose:
        return
    body = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=element, K=pikepdf.Array(loose)))
    if element.get("/Pg") is not None:
        body.Pg = element.Pg
    for kid in loose:
        if _is_element(kid):
            kid.P = body
    kids[:] = [k for k in kids if k not in loose] + [body]


def _artifacts(pdf: Any, root: Any, moved: dict) -> None:
    """Point the parent tree at the merged elements; mark as Artifact the marked content of
    elements outside the tree (the page margins), and forget it in the parent tree."""
    import pikepdf

    reachable = {e.objgen for e in _walk(root)}
    parent_tree = root.get("/ParentTree")
    nums = parent_tree.get("/Nums") if parent_tree is not None else None
    if nums is None:
        return
    orphans: dict[int, set[int]] = {}
    for i in range(0, len(nums), 2):
        key, value = int(nums[i]), nums[i + 1]
        if isinstance(value, pikepdf.Array):  # a page's MCIDs
            entries = list(value)
            for mcid, target in enumerate(entries):
                if not isinstance(target, pikepdf.Dictionary):
                    continue
                target = moved.get(target.objgen, target)
                while target.objgen in moved:
                    target = moved[target.objgen]
                if target.objgen in reachable:
                    entries[mcid] = target
                else:
                    entries[mcid] = pikepdf.Object.parse(b"null")
                    orphans.setdefault(key, set()).add(mcid)
            nums[i + 1] = pikepdf.Array(entries)
        elif isinstance(value, pikepdf.Dictionary) and value.objgen in moved:
            nums[i + 1] = moved[value.objgen]
    for n, page in enumerate(pdf.pages):
        key = int(page.obj.get("/StructParents", n))
        if key in orphans:
            _mark_artifacts(pdf, page, orphans[key])


def _mark_artifacts(pdf: Any, page: Any, mcids: set[int]) -> None:
    import pikepdf

    out: list[Any] = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInstruction) and str(instruction.operator) == "BDC":
            operands = instruction.operands
            mcid = operands[1].get("/MCID") if len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) else None
            if mcid is not None and int(mcid) in mcids:
                out.append(pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
                continue
        out.append(instruction)
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
