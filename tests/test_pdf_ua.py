"""PDFs as accessible documents (PDF/UA-1, EN 301 549, webtilgængelighedsloven), read back
with pikepdf and checked with the `pdfua` checker: the identifier and the document's title
and language; one structure element for each HTML element, however many pages it spans
(an item, a table, a list); list items with their bodies; no empty element; the page margins
as artifacts; Danish record text marked so in an English document; a chart's alternative text
that states its figures; and pages that print well: a decision never alone at the top of a
page, an item's heading never alone at the foot of one, links that work in an e-mailed PDF.
"""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter

import pytest

from conftest import PROJECT
from test_pdf import MISSING, PLAN, REFERAT, invoke

pikepdf = pytest.importorskip("pikepdf", reason="pikepdf reads the PDFs' structure (the `pdf` extra)")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"WeasyPrint cannot load here: {MISSING}")

LATER = "2022-06-08-social-og-sundhed"  # ten items over several pages, tables, lists, a closed item


def rendered(tmp_path, *args: str, root=REFERAT) -> bytes:
    out = tmp_path / "doc.pdf"
    result = invoke("render", *args, "--format", "pdf", "-o", out, "--root", root)
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def html_of(*args: str, root=REFERAT) -> str:
    result = invoke("render", *args, "--format", "html", "--root", root)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def kids(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def elements(pdf) -> list:
    """Every structure element of the document, depth first."""
    out = []

    def walk(element):
        for kid in kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    data = rendered(tmp_path_factory.mktemp("pdfua"), "minutes", LATER)
    return pikepdf.open(io.BytesIO(data)), data


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    data = rendered(tmp_path_factory.mktemp("pdfua-en"), "minutes", LATER, "--lang", "en")
    return pikepdf.open(io.BytesIO(data))


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    data = rendered(tmp_path_factory.mktemp("pdfua-plan"), "plan", PLAN, root=PROJECT)
    return pikepdf.open(io.BytesIO(data))


def test_it_declares_pdf_ua_with_its_title_and_language(minutes, english):
    pdf, _ = minutes
    meta = pdf.open_metadata()
    assert meta.get("pdfuaid:part") == "1"
    assert meta.get("dc:title", "").startswith("Referat: Udvalget for Social og Sundhed")
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert (str(pdf.Root.Lang), str(english.Root.Lang)) == ("da", "en")


def test_one_element_for_each_item_table_and_list_however_many_pages(minutes):
    pdf, _ = minutes
    assert len(pdf.pages) >= 4
    counts = Counter(str(e.S) for e in elements(pdf))
    html = html_of("minutes", LATER)
    assert counts["/Art"] == html.count("<article") == 10
    assert counts["/Table"] == html.count("<table")
    assert counts["/L"] == len(re.findall(r"<(?:ul|ol|dl)\b", html))
    assert counts["/Part"] == 1  # <main>, whatever the number of pages


def test_list_items_hold_their_bodies_and_no_element_is_empty(minutes, plan):
    for pdf, _ in (minutes, (plan, None)):
        for element in elements(pdf):
            if element.S == "/LI":
                assert {str(k.S) for k in kids(element) if isinstance(k, pikepdf.Dictionary)} <= {"/Lbl", "/LBody"}
            if str(element.S) not in ("/TD", "/TH", "/TR"):
                assert kids(element), element.S


def test_the_page_margins_are_artifacts(minutes):
    """Every marked content in the parent tree belongs to an element of the tree; the running
    header and "Side N af M" are /Artifact in every page's content."""
    pdf, _ = minutes
    reachable = {e.objgen for e in elements(pdf)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    for i in range(1, len(nums), 2):
        entry = nums[i]
        targets = list(entry) if isinstance(entry, pikepdf.Array) else [entry]
        for target in targets:
            assert not isinstance(target, pikepdf.Dictionary) or target.objgen in reachable
    for page in pdf.pages:
        artifacts = [i for i in pikepdf.parse_content_stream(page) if str(i.operator) == "BMC" and str(i.operands[0]) == "/Artifact"]
        assert len(artifacts) >= 2  # the header and the page number at least


def test_danish_record_text_is_danish_in_an_english_pdf(english):
    langs = Counter(str(e.get("/Lang")) for e in elements(english) if "/Lang" in e)
    assert langs["da"] >= 10


def test_a_charts_alternative_text_states_its_figures(plan):
    [alt] = [str(e.Alt) for e in elements(plan) if e.S == "/Figure"]
    assert alt.startswith("Vi bor 32.000 indbyggere i kommunen i 2030. Målinger: ")
    assert "30.700 indbyggere" in alt and "32.000 indbyggere" in alt


def test_table_headers_say_whose_header_they_are(minutes):
    pdf, _ = minutes
    headers = [e for e in elements(pdf) if e.S == "/TH"]
    assert headers and all(str(e.A.Scope) in ("/Column", "/Row") for e in headers)


def test_the_pdfua_checker_finds_nothing(minutes, english, plan, tmp_path):
    pdfua = pytest.importorskip("pdfua", reason="the pdfua checker (the `test` extra)")
    from pdfua.validator import validate

    for n, pdf in enumerate((minutes[0], english, plan)):
        path = tmp_path / f"{n}.pdf"
        pdf.save(path)
        report = validate(str(path))
        assert [f for f in report.findings] == [], path
    del pdfua


# --- pages that print well ------------------------------------------------------------------------


def page_lines(data: bytes) -> list[list[str]]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [[line.strip() for line in page.extract_text().splitlines() if line.strip()] for page in reader.pages]


def test_no_heading_at_the_foot_of_a_page_and_no_decision_alone_at_its_top(minutes):
    _, data = minutes
    pages = page_lines(data)
    for number, lines in enumerate(pages, 1):
        body = [line for line in lines if not re.fullmatch(r"Side \d+ af \d+", line)]
        assert not re.match(r"Punkt \d", body[-1]), (number, body[-1])  # an item's heading goes with what follows
        if number > 1:  # the running header's two texts, then the page's first line of text
            first = body[2] if body[0].startswith("Stevns Kommune") else body[0]
            assert not first.startswith("Beslutning i"), (number, first)


def test_links_in_a_pdf_are_absolute_where_the_site_is_published(tmp_path, repo_factory):
    config = "language: da\nsite_url: https://referater.eksempel.dk/ensomhed/\n"
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n"
        "  - title: a\n    decision: Godkendt.\n    attachments:\n      - {title: Notat, path: bilag/notat.pdf}\n"
    )
    root = repo_factory({"records/meetings/m.yaml": meeting, "bilag/notat.pdf": b"%PDF-1.4\n"}, config=config)
    pdf = pikepdf.open(io.BytesIO(rendered(tmp_path, "minutes", "m", root=root)))
    uris = [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert "https://referater.eksempel.dk/ensomhed/attachments/bilag/notat.pdf" in uris
    out = tmp_path / "site"
    assert invoke("build", "--root", root, "--pdf", "-o", out).exit_code == 0
    page = (out / "minutes" / "m.html").read_text(encoding="utf-8")
    assert '<a href="m.pdf" type="application/pdf">Siden som PDF</a>' in page
    built = pikepdf.open(out / "minutes" / "m.pdf")
    uris = [str(a.A.URI) for p in built.pages for a in p.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert "https://referater.eksempel.dk/ensomhed/attachments/bilag/notat.pdf" in uris
    shutil.rmtree(out)


def test_a_pdf_without_a_site_carries_its_bilag_inside_it(tmp_path, repo_factory):
    """No site_url: a path in the repository would be a dead link in an e-mailed PDF, so the
    bilag are embedded and the list says under which name; a closed bilag stays out of the
    public PDF; the result is still PDF/UA-1."""
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n"
        "  - title: a\n    decision: Godkendt.\n    attachments:\n"
        "      - {title: Notat, path: bilag/notat.pdf}\n"
        "      - {title: Det andet notat, path: notat.pdf}\n"
        "      - {title: Forhandlingsoplæg, path: bilag/oplaeg.pdf, closed: true}\n"
        "      - {title: Vejledning, url: 'https://www.sst.dk/vejledning'}\n"
    )
    files = {"records/meetings/m.yaml": meeting, "bilag/notat.pdf": b"%PDF-1.4 notat\n", "notat.pdf": b"%PDF-1.4 andet\n", "bilag/oplaeg.pdf": b"%PDF-1.4 hemmeligt\n"}
    root = repo_factory(files)
    internal = pikepdf.open(io.BytesIO(rendered(tmp_path, "minutes", "m", root=root)))
    assert {name: f.get_file().read_bytes() for name, f in internal.attachments.items()} == {
        "notat.pdf": b"%PDF-1.4 notat\n",
        "notat-2.pdf": b"%PDF-1.4 andet\n",
        "oplaeg.pdf": b"%PDF-1.4 hemmeligt\n",
    }
    text = "\n".join(" ".join(lines) for lines in page_lines(bytes(_saved(internal))))
    assert "Bilag 1: Notat (vedhæftet denne PDF som notat.pdf)" in text
    assert "Bilag 2: Det andet notat (vedhæftet denne PDF som notat-2.pdf)" in text
    uris = [str(a.A.URI) for page in internal.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert uris == ["https://www.sst.dk/vejledning"]  # the web address stays a link; no dead file link
    public_data = rendered(tmp_path, "minutes", "m", "--public", root=root)
    public = pikepdf.open(io.BytesIO(public_data))
    assert sorted(public.attachments) == ["notat-2.pdf", "notat.pdf"] and b"hemmeligt" not in public_data
    pdfua = pytest.importorskip("pdfua", reason="the pdfua checker (the `test` extra)")
    from pdfua.validator import validate

    path = tmp_path / "public.pdf"
    path.write_bytes(public_data)
    assert list(validate(str(path)).findings) == []
    del pdfua


def _saved(pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
