"""The Word document's styles, page, language and lists: the built-in look, or a reference.docx's.

A new document starts from python-docx's own package. With a reference document its
styles, list definitions, theme (fonts and colours) and page setup replace the built-in
ones; nothing else is taken from it (no header, text, macro, link or custom XML). Styles
the writer needs and the reference lacks are added: headings with their outline level
(Word's navigation pane), "Hyperlink", and ensomhed's own "Beslutning" (a decision) and
"Fakta" (Dato, Tidspunkt, Sted). The document's language is set in its defaults.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ACCENT = RGBColor(0x1A, 0x4F, 0x8B)  # the HTML page's --accent
SOFT = "EEF3F9"  # the HTML page's --soft
DECISION = "Beslutning"
FACTS = "Fakta"
PAGE_PARTS = ("pgSz", "pgMar", "cols", "docGrid")
CONTEXTUAL_AFTER = ("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:outlineLvl", "w:rPr")
DEFAULT_WIDTH = 9866  # twips: A4 less 18 mm each side
# Word's language of each of ensomhed's languages; another tag is taken as it is.
WORD_LANG = {"da": "da-DK", "en": "en-GB", "de": "de-DE", "sv": "sv-SE", "nb": "nb-NO", "nn": "nn-NO", "fo": "fo-FO", "kl": "kl-GL"}


def word_lang(tag: str | None) -> str | None:
    if not tag:
        return None
    return WORD_LANG.get(tag.lower(), tag) if "-" not in tag else tag


class Styles:
    """The style id of each style name the writer uses, made where the document has none."""

    def __init__(self, document: Any, builtin: bool) -> None:
        self.document = document
        self.builtin = builtin
        self.ids: dict[tuple[str, int], str] = {}
        self._numbering: dict[str | None, tuple[str, int] | None] = {}
        for style in document.styles:
            try:
                self.ids.setdefault((style.name, style.type), style.style_id)
            except Exception:  # noqa: BLE001 - a reference's style with a type or name python-docx cannot read
                continue

    def paragraph(self, name: str) -> str | None:
        return self.ids.get((name, WD_STYLE_TYPE.PARAGRAPH))

    def character(self, name: str) -> str | None:
        return self.ids.get((name, WD_STYLE_TYPE.CHARACTER))

    def table(self, name: str) -> str | None:
        return self.ids.get((name, WD_STYLE_TYPE.TABLE))

    def numbering_of(self, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) a paragraph style numbers its paragraphs with, where it says so itself."""
        if style_id not in self._numbering:
            self._numbering[style_id] = self._find_numbering(style_id)
        return self._numbering[style_id]

    def _find_numbering(self, style_id: str | None) -> tuple[str, int] | None:
        if style_id is None:
            return None
        for style in self.document.styles.element.findall(qn("w:style")):
            if style.get(qn("w:styleId")) == style_id:
                num = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
                lvl = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
                if num is None or num.get(qn("w:val")) in (None, "0"):
                    return None
                return num.get(qn("w:val")), _int(lvl.get(qn("w:val")) if lvl is not None else None, 0)
        return None

    def ensure(self, name: str, kind: int, look: dict[str, Any]) -> None:
        """Add the style where the document has no style of that name."""
        if any(n == name for n, _ in self.ids):
            return
        style = self.document.styles.add_style(name, kind, builtin=name not in (DECISION, FACTS))  # Word's own, but ensomhed's two
        self.ids[(name, kind)] = style.style_id
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = self.document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        _apply(style, look)


def prepare(document: Any, reference: Any | None, lang: str) -> Styles:
    """Make the document's styles, page and language: the reference's where one is given."""
    if reference is not None:
        _take_reference(document, reference)
    else:
        _builtin_look(document)
    styles = Styles(document, builtin=reference is None)
    for level in range(1, 7):
        styles.ensure(f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH, {"bold": True, "size": max(18 - 2 * level, 11), "keep": True, "before": 12, "after": 4})
        _outline_level(document, styles.paragraph(f"Heading {level}"), level - 1)
    styles.ensure("Hyperlink", WD_STYLE_TYPE.CHARACTER, {"color": RGBColor(0x05, 0x63, 0xC1), "underline": True})
    styles.ensure(DECISION, WD_STYLE_TYPE.PARAGRAPH, {"decision": True})
    styles.ensure(FACTS, WD_STYLE_TYPE.PARAGRAPH, {"after": 2})
    styles.ensure("List Paragraph", WD_STYLE_TYPE.PARAGRAPH, {"contextual": True})
    for name in ("Header", "Footer", "Caption"):
        styles.ensure(name, WD_STYLE_TYPE.PARAGRAPH, {"size": 9} if name != "Caption" else {"bold": True, "size": 9})
    if not any(n == "Table Grid" for n, _ in styles.ids):  # a reference Word saved without it: tables keep their lines
        _table_grid(styles)
    for level in (1, 2):  # Word's own names of the table of contents' styles
        styles.ensure(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, {"after": 2, "indent": 14 * (level - 1)})
    _language(document, lang)
    _settings(document, lang)
    return styles


def _take_reference(document: Any, reference: Any) -> None:
    ours, theirs = document.part, reference.part
    _replace_element(ours._styles_part, theirs._styles_part)
    try:
        numbering = theirs.part_related_by(RT.NUMBERING)
    except KeyError:
        numbering = None
    if numbering is not None and not numbering.rels:  # picture bullets would bring images along
        _replace_element(ours.numbering_part, numbering)
    try:
        theme, their_theme = ours.part_related_by(RT.THEME), theirs.part_related_by(RT.THEME)
    except KeyError:
        theme = their_theme = None
    if theme is not None and not their_theme.rels:
        theme._blob = their_theme.blob
    page, their_page = document.sections[-1]._sectPr, reference.sections[-1]._sectPr
    for name in PAGE_PARTS:
        mine, found = page.find(qn(f"w:{name}")), their_page.find(qn(f"w:{name}"))
        if found is None:
            continue
        if mine is not None:
            mine.addprevious(copy.deepcopy(found))
            page.remove(mine)
        else:
            page.append(copy.deepcopy(found))


def _replace_element(part: Any, source: Any) -> None:
    part._element = copy.deepcopy(source.element)


def _builtin_look(document: Any) -> None:
    """A4 with the HTML page's print margins; headings in the page's blue, text sizes of its print."""
    section = document.sections[-1]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(26), Mm(20)
    section.left_margin = section.right_margin = Mm(18)
    section.header_distance, section.footer_distance = Mm(12), Mm(10)
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):  # Arial everywhere (Liberation Sans in LibreOffice)
        fonts.set(qn(f"w:{key}"), "Arial")
    sizes = {1: 18, 2: 14, 3: 12, 4: 11, 5: 11, 6: 11}
    for level, size in sizes.items():
        style = styles[f"Heading {level}"]
        _apply(style, {"bold": True, "size": size, "keep": True, "color": ACCENT if level <= 2 else RGBColor(0x1B, 0x1B, 0x1B)})
        style.font.italic = False
        rfonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None:  # the body's font, as the HTML page has one font
            rfonts.getparent().remove(rfonts)
        style.paragraph_format.space_before = Pt(18 if level <= 2 else 12)
        style.paragraph_format.space_after = Pt(6)
    styles["Caption"].font.color.rgb = RGBColor(0x4A, 0x4A, 0x4A)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
        styles[name].font.color.rgb = RGBColor(0x4A, 0x4A, 0x4A)


def _apply(style: Any, look: dict[str, Any]) -> None:
    font, paragraph = style.font, getattr(style, "paragraph_format", None)
    if "bold" in look:
        font.bold = look["bold"]
    if "size" in look:
        font.size = Pt(look["size"])
    if "color" in look:
        font.color.rgb = look["color"]
    if look.get("underline"):
        font.underline = True
    if paragraph is not None and look.get("keep"):
        paragraph.keep_with_next = True
    if paragraph is not None and "after" in look:
        paragraph.space_after = Pt(look["after"])
    if paragraph is not None and "before" in look:
        paragraph.space_before = Pt(look["before"])
    if paragraph is not None and look.get("contextual"):  # no space between the items of one list
        _insert_in_order(style.element.get_or_add_pPr(), OxmlElement("w:contextualSpacing"), CONTEXTUAL_AFTER)
    if paragraph is not None and look.get("indent"):
        paragraph.left_indent = Pt(look["indent"])
    if paragraph is not None and look.get("decision"):
        # The decision as the HTML page shows it: a blue bar on the left, on a light ground.
        paragraph.left_indent = Pt(10)
        ppr = style.element.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        left = OxmlElement("w:left")
        for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "8"), ("w:color", str(ACCENT))):
            left.set(qn(key), value)
        borders.append(left)
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", SOFT)):
            shading.set(qn(key), value)
        _insert_in_order(ppr, borders, ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:outlineLvl"))
        _insert_in_order(ppr, shading, ("w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:outlineLvl"))


def _table_grid(styles: Styles) -> None:
    """Word's "Table Grid": a thin line around every cell, no space after a cell's paragraphs."""
    style = styles.document.styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE, builtin=True)
    styles.ids[("Table Grid", WD_STYLE_TYPE.TABLE)] = style.style_id
    element = style.element
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    ppr.append(spacing)
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "auto")):
            line.set(qn(key), value)
        borders.append(line)
    tblpr.append(borders)
    element.append(ppr)
    element.append(tblpr)


def _insert_in_order(parent: Any, child: Any, later: tuple[str, ...]) -> None:
    """Put child before the first of the `later` elements the schema has after it."""
    for name in later:
        found = parent.find(qn(name))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _outline_level(document: Any, style_id: str | None, level: int) -> None:
    """A heading style says its outline level: Word's navigation pane and a PDF's bookmarks read it."""
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) != style_id:
            continue
        ppr = style.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            rpr = style.find(qn("w:rPr"))
            (rpr.addprevious(ppr) if rpr is not None else style.append(ppr))
        if ppr.find(qn("w:outlineLvl")) is None:
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level))
            _insert_in_order(ppr, outline, ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"))
        return


def _language(document: Any, lang: str) -> None:
    """The document's language in its defaults and in every style that names one."""
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        _insert_in_order(rpr, language, ("w:eastAsianLayout", "w:specVanish", "w:oMath"))
    language.set(qn("w:val"), lang)
    for named in root.iter(qn("w:lang")):
        if named.get(qn("w:val")) is not None:
            named.set(qn("w:val"), lang)


def _settings(document: Any, lang: str) -> None:
    """Current Word (no compatibility mode), spelling not claimed checked, the theme's fonts in the language."""
    settings = document.settings.element
    for name in ("w:proofState", "w:rsids"):
        for found in settings.findall(qn(name)):
            settings.remove(found)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang)


def text_width(section: Any) -> int:
    """The width of the page's text in twips (a 20th of a point), where the page says."""
    try:
        width = (section.page_width - section.left_margin - section.right_margin) // 635
    except TypeError:  # a page setup without a size or margins
        return DEFAULT_WIDTH
    return width if width > 1000 else DEFAULT_WIDTH


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
