"""What a Word document holds around its body: the running header and page numbers, its properties, its files.

Every page has the page's header (the municipality and body) at the top, and the
document's title and "Side 3 af 7" at the bottom (PAGE and NUMPAGES fields, the only
fields a document ever has; no record text is ever one).
The properties hold the title and language and nothing of python-docx's own (author,
dates, statistics); the package drops the parts python-docx's template brings that the
document has no use for (a thumbnail, custom XML), and the zip is written with fixed
times, so the same page makes the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ensomhed_cli.render.labels import LABELS
from ensomhed_cli.render.word_runs import Fmt, clean
from ensomhed_cli.render.word_runs import sub as _sub
from ensomhed_cli.render.word_styles import text_width
from ensomhed_cli.render.word_writer import Writer

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
DROPPED_PARTS = {
    RT.THUMBNAIL, RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES, RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}
KEPT_PROPERTIES = {"title", "language", "revision"}


def page_margins(document: Any, writer: Writer, title: str, page_lang: str | None) -> None:
    section = document.sections[-1]
    text, text_lang = writer.header or ("", None)
    if text:
        header = section.header
        header.is_linked_to_previous = False
        p = _only_paragraph(header, writer.styles.paragraph("Header"))
        p.append(writer.run("text", text, Fmt(lang=text_lang if text_lang and text_lang != writer.lang else None)))
    labels = LABELS.get((page_lang or "da").split("-")[0].lower(), LABELS["da"])
    footer = section.footer
    footer.is_linked_to_previous = False
    p = _only_paragraph(footer, writer.styles.paragraph("Footer"))
    tabs = _sub(p.find(qn("w:pPr")), "w:tabs")
    for pos in _style_tabs(document, writer.styles.paragraph("Footer")):
        _sub(tabs, "w:tab", val="clear", pos=pos)
    _sub(tabs, "w:tab", val="right", pos=str(text_width(section)))
    if title:
        p.append(writer.run("text", title, Fmt()))
    tab = _sub(p, "w:r")
    _sub(tab, "w:tab")
    for n, piece in enumerate(labels["page_of"].split("{page}")):
        if n:
            p.append(_field("PAGE"))
        for m, bit in enumerate(piece.split("{pages}")):
            if m:
                p.append(_field("NUMPAGES"))
            if bit:
                p.append(writer.run("text", bit, Fmt()))


def _only_paragraph(part: Any, style: str | None) -> Any:
    """The header's or footer's one paragraph, emptied, in its style."""
    element = part._element
    for child in list(element):
        element.remove(child)
    p = _sub(element, "w:p")
    ppr = _sub(p, "w:pPr")
    if style is not None:
        _sub(ppr, "w:pStyle", val=style)
    return p


def _field(instruction: str) -> Any:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = _sub(field, "w:r")
    _sub(run, "w:t").text = "1"
    return field


def _style_tabs(document: Any, style_id: str | None) -> list[str]:
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return [t.get(qn("w:pos")) for t in style.iterfind(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}") if t.get(qn("w:pos"))]
    return []


def properties(document: Any, title: str, lang: str) -> None:
    """The title and language, and nothing else python-docx's template says (its author, dates)."""
    core = document.core_properties
    element = core._element
    for child in list(element):
        if child.tag.rsplit("}", 1)[-1] not in KEPT_PROPERTIES:
            element.remove(child)
    core.title = clean(title)
    core.language = lang
    core.revision = 1


def saved(document: Any) -> bytes:
    """The document's bytes: without the parts it has no use for, every file dated the same."""
    package = document.part.package
    for owner in (package, document.part):
        rels = owner.rels
        for rid in [rid for rid, rel in rels.items() if rel.reltype in DROPPED_PARTS]:
            del rels[rid]
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
