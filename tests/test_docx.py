"""Word documents: `render --format docx` and `build --docx` make .docx files that Word reads as
a secretary expects: heading styles for the headings (the navigation pane), tables with
header rows, the language da-DK and the title set, no empty paragraphs for spacing, no text
boxes, record text never a field; a repository's templates/reference.docx gives the styles;
a public document holds back what every public output holds back.

The files are opened with python-docx and read as XML; LibreOffice (Debian's, where it is
installed) converts one to PDF as a second reader. Without python-docx those tests are
skipped saying why; the missing-python-docx message is tested everywhere.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import BASE, PROJECT, write_repo
from ensomhed_cli.api import load
from ensomhed_cli.cli.application import app
from ensomhed_cli.render.word import INSTALL_HINT, MAX_UNPACKED_BYTES, DocxUnavailable, require

try:
    require()
    MISSING = None
except DocxUnavailable as exc:
    MISSING = str(exc)

pytestmark = []
needs_docx = pytest.mark.skipif(MISSING is not None, reason=f"python-docx is not installed: {MISSING}")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REFERAT = PROJECT / "tests" / "fixtures" / "referat"
MEETING = "2022-05-04-social-og-sundhed"  # a closed item
LATER = "2022-06-08-social-og-sundhed"  # follow-up actions in tables, votes, sub-items
PLAN = "kontrakt-center-pleje-og-omsorg-2019-2020"
SECRET = "Forhandlingsoplæg på 60.000 kr."
FIELD_TEXT = '{ DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" } { INCLUDETEXT "c:/hemmelig.txt" }'


def invoke(*args, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)


def rendered(tmp_path, *args, root=REFERAT, name="doc.docx") -> bytes:
    out = tmp_path / name
    result = invoke("render", *args, "--format", "docx", "-o", out, "--root", root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return out.read_bytes()


def opened(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def every_xml(data: bytes) -> str:
    """Every file in the package as text: what a reader of the zip can find."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def part_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def style_element(document, style_id: str):
    return next(s for s in document.styles.element.findall(f"{W}style") if s.get(f"{W}styleId") == style_id)


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    if MISSING:
        pytest.skip(MISSING)
    return rendered(tmp_path_factory.mktemp("docx"), "minutes", LATER)


# --- structure: headings, tables, language, title ----------------------------------------


@needs_docx
def test_item_headings_have_word_heading_styles_with_outline_levels(minutes):
    repo, _ = load(REFERAT)
    meeting = repo.get(LATER)
    document = opened(minutes)
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled[0] == ("Heading 1", "Referat: Udvalget for Social og Sundhed")
    for item in meeting.items:
        level = 2 if "." not in str(item.number) else 3  # a sub-item (56.1) one level down
        assert (f"Heading {level}", f"Punkt {item.number}: {item.title}") in styled
    # The navigation pane reads each heading style's outline level.
    for level in range(1, 7):
        style = document.styles[f"Heading {level}"]
        outline = style.element.find(f"{W}pPr/{W}outlineLvl")
        assert outline is not None and outline.get(f"{W}val") == str(level - 1)
    # Headings in order: none more than one level below the one before it.
    levels = [int(name[-1]) for name, _ in styled if name.startswith("Heading ")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


@needs_docx
def test_tables_are_word_tables_with_a_header_row_repeated_on_every_page(minutes):
    document = opened(minutes)
    assert len(document.tables) == 2  # the follow-up actions of two items
    for table in document.tables:
        first = table.rows[0]
        assert [c.text for c in first.cells] == ["Hvad", "Ansvarlig", "Frist", "Status"]
        assert first._tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row._tr.find(f"{W}trPr/{W}tblHeader") is None for row in table.rows[1:])
        assert all(row._tr.find(f"{W}trPr/{W}cantSplit") is not None for row in table.rows)
        assert table.style.name == "Table Grid"
        assert table._tbl.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstRow") == "1"
        assert all(run.bold for cell in first.cells for p in cell.paragraphs for run in p.runs)


@needs_docx
def test_language_da_dk_and_the_title_are_set(minutes):
    document = opened(minutes)
    assert document.core_properties.title == "Referat: Udvalget for Social og Sundhed – Stevns Kommune"
    assert document.core_properties.language == "da-DK"
    default = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "da-DK"
    settings = part_xml(minutes, "word/settings.xml")
    assert '<w:themeFontLang w:val="da-DK"' in settings
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    # nothing of python-docx's own template: its author, description, dates, thumbnail
    core = part_xml(minutes, "docProps/core.xml")
    assert "python-docx" not in every_xml(minutes) and "2013" not in core
    assert not any(n.startswith(("customXml", "docProps/thumbnail", "docProps/app")) for n in zipfile.ZipFile(io.BytesIO(minutes)).namelist())


@needs_docx
def test_english_document_is_en_gb_with_danish_record_text_marked_da_dk(tmp_path):
    data = rendered(tmp_path, "minutes", LATER, "--lang", "en")
    document = opened(data)
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.title.startswith("Minutes: ")
    default = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "en-GB"
    danish = [r for r in document.element.body.iter(f"{W}r") if r.find(f"{W}rPr/{W}lang") is not None]
    assert len(danish) >= 10
    assert {r.find(f"{W}rPr/{W}lang").get(f"{W}val") for r in danish} == {"da-DK"}
    titles = " ".join("".join(t.text for t in r.iter(f"{W}t")) for r in danish)
    assert "Godkendelse af dagsorden" in titles
    footer = part_xml(data, next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/footer")))
    assert "Page " in footer and " of " in footer and "Side " not in footer


@needs_docx
def test_page_header_and_page_numbers_are_the_only_fields(minutes):
    names = zipfile.ZipFile(io.BytesIO(minutes)).namelist()
    header = part_xml(minutes, next(n for n in names if n.startswith("word/header")))
    footer = part_xml(minutes, next(n for n in names if n.startswith("word/footer")))
    assert "Stevns Kommune · Udvalget for Social og Sundhed" in header
    assert "Side " in footer and " af " in footer
    everything = every_xml(minutes)
    assert re.findall(r'w:instr="([^"]*)"', everything) == [" PAGE ", " NUMPAGES "]
    assert "instrText" not in everything and "fldChar" not in everything


@needs_docx
def test_no_empty_paragraph_and_no_text_box(minutes, tmp_path):
    plan = rendered(tmp_path, "plan", PLAN, root=PROJECT)
    for data in (minutes, plan):
        document = opened(data)
        body = document.element.body
        for p in body.iterchildren(f"{W}p"):
            assert "".join(t.text or "" for t in p.iter(f"{W}t")).strip(), "an empty paragraph in the body"
        for cell in (c for t in body.iter(f"{W}tbl") for c in t.iter(f"{W}tc")):
            paragraphs = cell.findall(f"{W}p")
            texts = ["".join(t.text or "" for t in p.iter(f"{W}t")).strip() for p in paragraphs]
            assert all(texts) or len(paragraphs) == 1  # only an empty cell holds an empty paragraph
        xml = every_xml(data)
        for box in ("txbxContent", "<w:pict", "v:textbox", "wps:txbx", "<w:framePr"):
            assert box not in xml


@needs_docx
def test_plan_tables_and_the_charts_text_equivalent(tmp_path):
    from ensomhed_cli.api import render_document

    repo, _ = load(PROJECT)
    html = render_document(repo, "plan", PLAN, output="html")
    document = opened(rendered(tmp_path, "plan", PLAN, root=PROJECT))
    assert len(document.tables) == html.count("<table")
    for table in document.tables:
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert table._tbl.find(f"{W}tblPr/{W}tblCaption") is not None
    chart = re.search(r'<svg[^>]*aria-label="([^"]+)"', html).group(1)
    assert chart in [p.text for p in document.paragraphs]  # a chart is never dropped silently
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Mål" in captions


# --- what is published -----------------------------------------------------------------------


CLOSED = {
    "records/meetings/m.md": f"""\
        ---
        kind: meeting
        body: aeldreraadet
        date: 2024-03-04
        status: held
        items:
          - number: 1
            title: Tilskud til foreningen
            type: decision
            description: |
              Foreningen søger tilskud. Se [vejledningen](https://example.dk/vejledning) og [en fil](bilag/regnskab.pdf).

              ::: lukket
              Om den lukkede del: {SECRET}
              :::

              Sagen følges op: {FIELD_TEXT}
            sections:
              - {{title: Høring, text: Ældrerådet støtter.}}
              - {{title: "Lukket afsnit om {SECRET}", text: "Afsnittets tekst: {SECRET}", closed: true}}
            attachments:
              - {{title: Ansøgningen, url: "https://example.dk/ansoegning"}}
              - {{title: "Regnskab: {SECRET}", path: bilag/regnskab.pdf, closed: true}}
            decision: Bevilget.
          - number: 2
            title: Personalesag
            type: decision
            closed: true
            description: "Sagen: {SECRET}"
            decision: "Afgjort: {SECRET}"
            public_decision: Udvalget traf beslutning i sagen.
        ---
        """,
    "bilag/regnskab.pdf": b"%PDF-1.4 regnskab\n",
}


@pytest.fixture
def closed_repo(repo_factory):
    return repo_factory(CLOSED)


@needs_docx
def test_public_document_holds_back_every_closed_part(closed_repo, tmp_path):
    internal = every_xml(rendered(tmp_path, "minutes", "m", root=closed_repo, name="internal.docx"))
    assert SECRET in internal and "Afgjort" in internal  # the committee's own copy has it all
    data = rendered(tmp_path, "minutes", "m", "--public", root=closed_repo, name="public.docx")
    xml = every_xml(data)
    for secret in (SECRET, "60.000", "Afgjort", "Regnskab", "regnskab.pdf", "Sagen: "):
        assert secret not in xml, secret
    text = "\n".join(p.text for p in opened(data).paragraphs)
    assert "Lukket tekst er udeladt af den offentlige udgave." in text
    assert "Lukkede afsnit er udeladt af den offentlige udgave." in text
    assert "Bilag 2: Lukket bilag" in text
    assert "Udvalget traf beslutning i sagen." in text  # the public decision of the closed item
    assert "Punkt 2: Personalesag" in text


@needs_docx
def test_record_text_is_plain_text_and_links_are_web_links_only(closed_repo, tmp_path):
    data = rendered(tmp_path, "minutes", "m", root=closed_repo)
    document = opened(data)
    assert any(FIELD_TEXT.replace("\\\\", "\\") in p.text for p in document.paragraphs)
    assert re.findall(r'w:instr="([^"]*)"', every_xml(data)) == [" PAGE ", " NUMPAGES "]
    targets = sorted(rel.target_ref for rel in document.part.rels.values() if rel.is_external)
    assert targets == ["https://example.dk/ansoegning", "https://example.dk/vejledning"]
    # a relative link (a file in the repository) is text: it leads nowhere in a document sent on
    assert "en fil" in " ".join(p.text for p in document.paragraphs)
    # the table of contents links to the items' headings, as bookmarks in the document
    body = document.element.body
    anchors = {h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")}
    marks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert anchors and anchors <= marks


@needs_docx
def test_public_docx_refuses_personal_data_as_every_public_output(repo_factory, tmp_path):
    root = repo_factory({
        "records/meetings/m.md": """\
            ---
            kind: meeting
            body: aeldreraadet
            date: 2024-03-04
            status: held
            items:
              - title: Punkt
                description: Anna er indlagt på sygehuset.
            ---
            """,
    })
    out = tmp_path / "m.docx"
    result = invoke("render", "minutes", "m", "--public", "--format", "docx", "-o", out, "--root", root)
    assert result.exit_code == 1
    assert "fund af personoplysninger i det, der skulle offentliggøres; intet er offentliggjort" in result.stderr
    assert not out.exists()


@needs_docx
def test_links_are_absolute_where_the_site_is_published_and_text_where_not(tmp_path, repo_factory):
    config = "language: da\nsite_url: https://referater.eksempel.dk/ensomhed/\n"
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n"
        "  - title: a\n    decision: Godkendt.\n    attachments:\n      - {title: Notat, path: bilag/notat.pdf}\n"
    )
    root = repo_factory({"records/meetings/m.yaml": meeting, "bilag/notat.pdf": b"%PDF-1.4\n"}, config=config)

    def targets(data: bytes) -> list[str]:
        return sorted(rel.target_ref for rel in opened(data).part.rels.values() if rel.is_external)

    published = "https://referater.eksempel.dk/ensomhed/attachments/bilag/notat.pdf"
    assert targets(rendered(tmp_path, "minutes", "m", root=root)) == [published]
    out = tmp_path / "site"
    assert invoke("build", "--root", root, "--docx", "-o", out).exit_code == 0
    assert targets((out / "minutes" / "m.docx").read_bytes()) == [published]  # ../attachments/… made absolute
    (root / "ensomhed.yaml").write_text("language: da\n", encoding="utf-8")
    data = rendered(tmp_path, "minutes", "m", root=root)
    assert targets(data) == []
    assert "Bilag 1: Notat" in [p.text for p in opened(data).paragraphs]  # a path in the repository: text


# --- the reference document ------------------------------------------------------------------


def make_reference(path, *, unused_dropped: bool = False) -> None:
    import docx
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(23)
    heading.font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    document.styles["Normal"].font.name = "Verdana"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    section.left_margin = Mm(31)
    section.header.paragraphs[0].text = "HOVED FRA SKABELONEN"
    document.add_paragraph("TEKST FRA SKABELONEN")
    document.core_properties.author = "Jens Skabelon"
    if unused_dropped:  # as in a document Word saved: a style it never used is not in it
        for name in ("Heading 2", "List Bullet", "List Number", "Table Grid", "Hyperlink", "Caption", "List Paragraph"):
            if name in [s.name for s in document.styles]:
                element = document.styles[name].element
                element.getparent().remove(element)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


@needs_docx
@pytest.mark.parametrize("unused_dropped", [False, True], ids=["all-styles", "unused-styles-missing"])
def test_the_reference_docx_gives_the_styles_and_the_page(repo_factory, tmp_path, unused_dropped):
    root = repo_factory(CLOSED)
    make_reference(root / "templates" / "reference.docx", unused_dropped=unused_dropped)
    data = rendered(tmp_path, "minutes", "m", root=root)
    document = opened(data)
    heading = document.styles["Heading 1"]
    assert (heading.font.name, heading.font.size.pt, str(heading.font.color.rgb)) == ("Georgia", 23, "123456")
    assert document.styles["Normal"].font.name == "Verdana"
    section = document.sections[0]
    assert (round(section.page_width.mm, 1), round(section.left_margin.mm)) == (215.9, 31)
    assert [p.style.name for p in document.paragraphs if p.text.startswith("Punkt 1:")] == ["toc 1", "Heading 2"]
    outline = style_element(document, document.styles["Heading 2"].style_id).find(f"{W}pPr/{W}outlineLvl")
    assert outline.get(f"{W}val") == "1"
    assert document.styles["Beslutning"] is not None  # ensomhed's own, added where the reference has none
    grid = document.styles["Table Grid"].element
    assert grid.find(f"{W}tblPr/{W}tblBorders/{W}insideH").get(f"{W}val") == "single"
    bilag = [p for p in document.paragraphs if p.text.startswith("Bilag 1:")]
    numbered = bilag[0]._p.find(f"{W}pPr/{W}numPr") is not None or document.styles["List Bullet"].element.find(f"{W}pPr/{W}numPr") is not None
    assert numbered  # a bullet, from the style or from ensomhed's own list definition
    xml = every_xml(data)
    for theirs in ("HOVED FRA SKABELONEN", "TEKST FRA SKABELONEN", "Jens Skabelon"):
        assert theirs not in xml  # only the styles and the page are taken
    # and without it, the built-in look: A4
    (root / "templates" / "reference.docx").unlink()
    assert round(opened(rendered(tmp_path, "minutes", "m", root=root)).sections[0].page_width.mm) == 210


def bomb(path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (MAX_UNPACKED_BYTES + 1))


def many(path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(1001):
            archive.writestr(f"x/{n}.xml", "")


def macro_enabled(path) -> None:
    make_reference(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", b"application/vnd.ms-word.document.macroEnabled.main+xml"
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def broken_xml(path) -> None:
    make_reference(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/styles.xml"] = b"<w:styles xmlns:w='x'><unclosed>"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def link_out(path) -> None:
    outside = path.parent.parent.parent / "elsewhere.docx"
    make_reference(outside)
    path.symlink_to(outside)


HOSTILE = {
    "link-out": (link_out, "et link følges ikke; skabelondokumentet skal være en fil i templates/"),
    "not-a-zip": (lambda p: p.write_bytes(b"not a zip at all"), "ikke et Word-dokument (.docx): filen er ikke et zip-arkiv"),
    "zip-bomb": (bomb, f"zip-arkivet ville fylde 64 MiB pakket ud, mere end {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB; det åbnes ikke"),
    "many-files": (many, "zip-arkivet indeholder 1001 filer; et skabelondokument indeholder højst 1000"),
    "too-large": (lambda p: p.write_bytes(b"PK" + b"\0" * (10 * 1024 * 1024 + 1)), "filen fylder 10240 KiB; et skabelondokument må højst fylde 10240 KiB"),
    "macro-enabled": (macro_enabled, "ikke et Word-dokument (.docx): dets hoveddel er application/vnd.ms-word.document.macroEnabled.main+xml"),
    "folder": (lambda p: p.mkdir(), "ikke en almindelig fil (et rør, en enhed eller en mappe); den læses ikke"),
}


@needs_docx
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_reference_docx_that_cannot_be_used_is_a_located_error(tmp_path, case):
    make, message = HOSTILE[case]
    root = write_repo(tmp_path / "repo", {**BASE, **CLOSED})
    (root / "templates").mkdir()
    make(root / "templates" / "reference.docx")
    out = tmp_path / "m.docx"
    result = invoke("render", "minutes", "m", "--format", "docx", "-o", out, "--root", root)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"templates/reference.docx: error: {message}\n")
    assert "Traceback" not in result.output and not out.exists()
    site = tmp_path / "site"
    result = invoke("build", "--docx", "-o", site, "--root", root)
    assert result.exit_code == 1 and not site.exists()
    if case == "link-out":  # `check` says so too, as of any link in templates/: build stops there
        assert "templates/reference.docx:1:1: error: et link i templates/ følges ikke" in result.stderr
        assert result.stderr.startswith("ensomhed: advarsel") is False
    else:
        assert result.stderr == f"templates/reference.docx: error: {message}\n"
    # the HTML and Markdown never read it
    assert invoke("render", "minutes", "m", "--format", "html", "--root", root).exit_code == 0


@needs_docx
def test_a_reference_python_docx_cannot_read_is_a_located_error(tmp_path):
    root = write_repo(tmp_path / "repo", {**BASE, **CLOSED})
    broken_xml(root / "templates" / "reference.docx")
    result = invoke("render", "minutes", "m", "--format", "docx", "-o", tmp_path / "m.docx", "--root", root)
    assert result.exit_code == 1
    assert result.stderr.startswith("templates/reference.docx: error: kan ikke læses som et Word-dokument (.docx): XMLSyntaxError: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


# --- the command line ------------------------------------------------------------------------


@needs_docx
def test_docx_to_stdout_when_it_is_not_a_terminal_and_never_to_one(monkeypatch):
    result = invoke("render", "agenda", MEETING, "-f", "docx", "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK")
    assert opened(result.stdout_bytes).paragraphs[0].text.startswith("Dagsorden: ")
    from ensomhed_cli.cli import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    result = invoke("render", "agenda", MEETING, "-f", "docx", "--root", REFERAT)
    assert (result.exit_code, result.stdout_bytes) == (2, b"")
    assert result.stderr == "ensomhed: fejl: et Word-dokument skal ikke skrives i terminalen: giv -o FIL, eller send uddata til en fil\n"


@needs_docx
def test_the_same_page_makes_the_same_bytes(tmp_path):
    first = rendered(tmp_path, "minutes", MEETING, name="a.docx")
    assert rendered(tmp_path, "minutes", MEETING, name="b.docx") == first
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(
    "args",
    [("render", "minutes", MEETING, "-f", "docx", "-o", "OUT"), ("build", "--docx", "-o", "OUT")],
    ids=["render", "build"],
)
def test_without_python_docx_docx_says_how_to_get_it(monkeypatch, tmp_path, args):
    monkeypatch.setitem(sys.modules, "docx", None)  # `import docx` fails as if not installed
    out = tmp_path / "out"
    result = invoke(*[str(out) if a == "OUT" else a for a in args], "--root", REFERAT)
    assert (result.exit_code, result.stderr) == (2, "ensomhed: fejl: Word-dokumenter kræver python-docx: pip install 'ensomhed[docx]'\n")
    assert INSTALL_HINT == "Word output needs python-docx: pip install 'ensomhed[docx]'"
    result = invoke("--lang", "en", *[str(out) if a == "OUT" else a for a in args], "--root", REFERAT)
    assert (result.exit_code, result.stderr) == (2, f"ensomhed: error: {INSTALL_HINT}\n")
    assert not out.exists()


def test_build_docx_needs_the_html_site(tmp_path):
    result = invoke("build", "--docx", "--format", "md", "-o", tmp_path / "site", "--root", REFERAT)
    assert result.exit_code == 2
    assert result.stderr == "ensomhed: fejl: --docx laver Word-dokumenter af HTML-siderne: byg med --format html (det er standard)\n"
    assert not (tmp_path / "site").exists()


@needs_docx
def test_build_docx_writes_a_word_document_beside_each_page_and_links_it(tmp_path):
    out = tmp_path / "site"
    result = invoke("build", "--docx", "--public", "-o", out, "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    documents = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert documents == [name[: -len(".html")] + ".docx" for name in pages if name != "index.html"]
    for name in pages:
        html = (out / name).read_text(encoding="utf-8")
        if name == "index.html":
            assert "Word-dokument" not in html
            continue
        stem = name.rsplit("/", 1)[1][: -len(".html")]
        assert f'<a href="{stem}.docx" type="application/vnd.openxmlformats-officedocument.wordprocessingml.document">Siden som Word-dokument</a>' in html
    repo, _ = load(REFERAT)
    closed = next(item for item in repo.get(MEETING).items if item.closed)
    document = opened((out / "minutes" / f"{MEETING}.docx").read_bytes())
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Punkt {closed.number}: {closed.title}" in text
    assert " ".join(closed.decision.split()[:6]) not in " ".join(text.split())  # made from the public page
    assert "Siden som Word-dokument" not in text  # the site's navigation is not in the document


# --- a repository's own template -------------------------------------------------------------

PIECES = (
    "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<h3 id='x'>", "</h3>", "<ul>", "</ul>", "<ol start='3'>", "</ol>", "<li>", "</li>",
    "<table>", "</table>", "<thead>", "<tr>", "</tr>", "<th colspan='2'>", "<td rowspan='9'>", "</td>", "<caption>", "<dl>", "<dt>", "<dd>",
    "</dl>", "<a href='#x'>", "<a href='../x.html'>", "<a href='https://e.dk/?a=1&b=2'>", "<a href='javascript:x'>", "</a>", "<b>", "</b>",
    "<svg aria-label='tal'>", "<title>t</title>", "</svg>", "<img alt='billede'>", "<br>", "<pre>", "</pre>", "<script>", "</script>",
    "<nav>", "</nav>", "<header>", "</header>", "<span lang='en'>", "<span lang='??'>", "</span>", "<!-- c -->", "<html lang='en'>", "&amp;",
    "\x00", "\x1b", "\ud800", "<div class='decision'>", "<ol class='toc'>", "<li class='sub'>", "<blockquote>", "<hr>", "<q>", "<sup>",
)


ODD_TEMPLATE = """<!DOCTYPE html><html lang="da"><head><title>Egen {{ meeting.title }}</title>
<script>var hemmeligt = "SCRIPTTEKST";</script><style>p { color: red }</style></head><body>
<h1>Egen skabelon</h1><p>Første<p>Anden <b>fed <i>kursiv</b> efter</i>
<ul><li>en<li>to<ol start="5"><li>fem<li>seks</ol></ul>
<table><tr><th>A<th>B<tr><td colspan="9999">bred<tr><td rowspan="3">høj<td>x</table>
<table><caption>Tom</caption></table><dl><dt>Nøgle<dd>Værdi<dd>Mere</dl>
<svg role="img" aria-label="Diagrammets tal"><title>t</title><text>SVGTEKST</text><path d="M0 0">
<p>Efter diagrammet</p><blink>ukendt</blink><a href="javascript:alert(1)">farlig</a> <a href="#ingen">intern</a>
<pre>  linje 1
	linje 2</pre><p>\x01kontrol\x1f</p><p>   </p><br><br>
{% for i in range(3000) %}<div>{% endfor %}dyb{% for i in range(3000) %}</div>{% endfor %}
</body></html>
"""


@needs_docx
def test_a_repositorys_own_odd_html_becomes_a_document_without_a_traceback(tmp_path):
    root = write_repo(
        tmp_path / "repo",
        {**BASE, "records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-10\nstatus: held\n", "templates/agenda.html.j2": ODD_TEMPLATE},
    )
    document = opened(rendered(tmp_path, "agenda", "m", root=root))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [t for _, t in paragraphs]
    assert paragraphs[:3] == [("Heading 1", "Egen skabelon"), ("Normal", "Første"), ("Normal", "Anden fed kursiv efter")]
    assert ("List Bullet", "en") in paragraphs and ("List Number 2", "fem") in paragraphs
    assert ("Fakta", "Nøgle: Værdi") in paragraphs and ("Fakta", "Mere") in paragraphs
    assert "Diagrammets tal" in texts and "Efter diagrammet" in texts and "dyb" in texts
    assert "SVGTEKST" not in " ".join(texts) and "SCRIPTTEKST" not in every_xml(rendered(tmp_path, "agenda", "m", root=root))
    assert "kontrol" in texts and "farlig intern" in " ".join(texts)
    assert not [h for h in document.element.body.iter(f"{W}hyperlink")]  # neither javascript: nor a missing anchor
    [wide] = document.tables  # the one with a caption and no rows is the caption alone
    assert [c.text for c in wide.rows[0].cells[:2]] == ["A", "B"] and wide.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert len(wide.columns) == 63
    assert "Tom" in texts
    assert document.core_properties.title.startswith("Egen ")
    numbers = {p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in document.paragraphs if p.text in ("fem", "seks")}
    assert len(numbers) == 1  # one list, numbered from its start
    pre = next(p for p in document.paragraphs if "linje 1" in p.text)
    assert pre.text == "  linje 1\n    linje 2"


@needs_docx
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60))
def test_any_html_makes_a_document_python_docx_opens(pieces):
    """Whatever a repository's template writes: a document, never an exception (here not even
    one the command would turn into an error line)."""
    from ensomhed_cli.render.word import _document

    document = opened(_document("".join(pieces), None, "https://example.dk/side/"))
    for p in document.element.body.iterchildren(f"{W}p"):
        assert "".join(t.text or "" for t in p.iter(f"{W}t")).strip()


@needs_docx
def test_a_page_that_never_finishes_is_stopped(monkeypatch):
    from ensomhed_cli.render import word

    def endless(*args, **kwargs):
        while True:
            pass

    monkeypatch.setattr(word, "TIME_LIMIT_SECONDS", 1)
    monkeypatch.setattr(word, "_document", endless)
    with pytest.raises(word.DocxFailed, match="tog mere end 1 sekund at skrive og blev stoppet"):
        word.html_to_docx("<p>x</p>")


def test_the_html_reader_closes_what_html_leaves_open():
    from ensomhed_cli.render.word_html import MAX_DEPTH, Element, parse

    page = parse("<title>T &amp; U</title><p>a<div>b</div><ul><li>1<li>2</ul><dl><dt>k<dd>v</dl>")
    tags = [c.tag for c in page.root.children if isinstance(c, Element)]
    assert page.title == "T & U" and tags == ["p", "div", "ul", "dl"]
    assert [c.text() for c in page.root.children[2].children] == ["1", "2"]
    deep = parse("<div>" * (MAX_DEPTH * 3) + "x" + "</div>" * (MAX_DEPTH * 3) + "<p>efter</p>").root
    depth, node = 0, deep
    while any(isinstance(c, Element) for c in node.children):
        node = next(c for c in node.children if isinstance(c, Element))
        depth += 1
    assert depth == MAX_DEPTH - 1 and deep.text() == "x efter"
    assert parse('<html lang="da-DK">').lang == "da-DK" and parse('<html lang="x y">').lang is None


# --- a second reader: LibreOffice ------------------------------------------------------------


@needs_docx
def test_libreoffice_converts_it_to_a_pdf_with_the_headings_as_bookmarks(minutes, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (./dev test installs Debian's libreoffice-writer-nogui where it can)")
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF back (the `test` extra)")
    source = tmp_path / "referat.docx"
    source.write_bytes(minutes)
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = pypdf.PdfReader(tmp_path / "referat.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    repo, _ = load(REFERAT)
    for item in repo.get(LATER).items:
        assert f"Punkt {item.number}: {item.title}" in text
    assert f"Side 1 af {len(pdf.pages)}" in text
    marks = []

    def walk(entries, depth=0):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                marks.append((depth, entry.title))

    walk(pdf.outline)
    assert marks[0] == (0, "Referat: Udvalget for Social og Sundhed")
    assert (1, "Punkt 51: Godkendelse af dagsorden") in marks
