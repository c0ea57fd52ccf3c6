"""PDF through WeasyPrint: `render --format pdf` and `build --pdf` make A4 pages with the
municipality, the title and "Side N af M" on every page, a title, language and bookmarks
in the file, items that flow on, charts that fit, and nothing fetched that a record names.

The PDFs are read back with pypdf (text, metadata, outline) and, for geometry, laid out
by WeasyPrint itself. Where WeasyPrint cannot load (not installed, no Pango) those tests
are skipped saying why; the missing-WeasyPrint message is tested everywhere.
"""

from __future__ import annotations

import io
import re
import shutil
import sys

import pytest
from typer.testing import CliRunner

from conftest import PROJECT, write_repo
from ensomhed_cli.api import load, render_document
from ensomhed_cli.cli.application import app
from ensomhed_cli.render import engine
from ensomhed_cli.render.pdf import INSTALL_HINT, PdfUnavailable, allowed_url, html_to_pdf, require

try:
    require()
    MISSING = None
except PdfUnavailable as exc:
    MISSING = str(exc)

needs_weasyprint = pytest.mark.skipif(MISSING is not None, reason=f"WeasyPrint cannot load here: {MISSING}")

REFERAT = PROJECT / "tests" / "fixtures" / "referat"
MEETING = "2022-05-04-social-og-sundhed"
PLAN = "kontrakt-center-pleje-og-omsorg-2019-2020"
MUNICIPALITY = "Testrup Kommune"
PAGE_DA = re.compile(r"Side (\d+) af (\d+)")
PAGE_EN = re.compile(r"Page (\d+) of (\d+)")


def invoke(*args, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)


def reader(data: bytes):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDFs back (the `test` extra)")
    assert data.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(data))


def texts(pdf) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def meeting_title(repo, meeting_id: str) -> str:
    """The meeting's title as its pages say it (the body's name where the record has none)."""
    from ensomhed_cli.render.context import ContextBuilder

    return ContextBuilder(repo, "da", output="html").meeting(repo.get(meeting_id), "minutes")["meeting"]["title"]


def outline(pdf, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    found = []
    for entry in pdf.outline if items is None else items:
        if isinstance(entry, list):
            found += outline(pdf, entry, depth + 1)
        else:
            found.append((depth, entry.title, pdf.get_destination_page_number(entry)))
    return found


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The bundled example records, in a repository that names a municipality."""
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(PROJECT / "records", root / "records")
    config = (PROJECT / "ensomhed.yaml").read_text(encoding="utf-8")
    (root / "ensomhed.yaml").write_text(f"{config}\nmunicipality: {MUNICIPALITY}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def plan_pdf(example, tmp_path_factory):
    if MISSING:
        pytest.skip(f"WeasyPrint cannot load here: {MISSING}")
    out = tmp_path_factory.mktemp("plan") / "plan.pdf"
    result = invoke("render", "plan", PLAN, "--format", "pdf", "-o", out, "--root", example)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return reader(out.read_bytes())


@pytest.fixture(scope="module")
def minutes_pdf(tmp_path_factory):
    if MISSING:
        pytest.skip(f"WeasyPrint cannot load here: {MISSING}")
    out = tmp_path_factory.mktemp("minutes") / "referat.pdf"
    result = invoke("render", "minutes", MEETING, "--format", "pdf", "-o", out, "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    return reader(out.read_bytes())


# --- the example plan -----------------------------------------------------------------------


@needs_weasyprint
def test_example_plan_pdf_names_municipality_body_and_title_on_every_page(plan_pdf, example):
    repo, _ = load(example)
    plan = repo.get(PLAN)
    pages = texts(plan_pdf)
    assert len(pages) >= 2  # a summary of this size does not fit on one A4 page
    first = " ".join(pages[0].split())
    assert plan.title in first
    for number, text in enumerate(pages, 1):
        flat = " ".join(text.split())
        assert f"{MUNICIPALITY} · {repo.name(plan.owner)}" in flat, number
        assert f"Status for plan: {plan.title}" in flat, number


@needs_weasyprint
def test_example_plan_pdf_numbers_every_page_side_n_af_m(plan_pdf):
    pages = texts(plan_pdf)
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert PAGE_DA.findall(text) == [(str(number), str(total))], number


@needs_weasyprint
def test_example_plan_pdf_has_title_language_and_is_pdf_ua(plan_pdf, example):
    repo, _ = load(example)
    assert plan_pdf.metadata.title == f"Status for plan: {repo.get(PLAN).title} – {MUNICIPALITY}"
    catalog = plan_pdf.trailer["/Root"]
    assert catalog["/Lang"] == "da"
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp  # PDF/UA-1 (tests/test_pdf_ua.py reads its structure)
    assert catalog["/MarkInfo"]["/Marked"].value is True and "/StructTreeRoot" in catalog  # tagged, for screen readers


@needs_weasyprint
def test_example_plan_pdf_bookmarks_follow_the_headings(plan_pdf, example):
    repo, _ = load(example)
    plan = repo.get(PLAN)
    marks = outline(plan_pdf)
    assert marks[0][:2] == (0, plan.title)  # the h1
    titles = [title for _, title, _ in marks]
    for goal in plan.goals:
        assert goal.title in titles
    depths = {title: depth for depth, title, _ in marks}
    assert all(depths[goal.title] == 2 for goal in plan.goals)  # h3 under the h2 "Mål"


@needs_weasyprint
def test_charts_in_the_example_plan_fit_inside_the_page(example):
    import weasyprint

    repo, _ = load(example)
    html = render_document(repo, "plan", PLAN, output="html")
    assert "<svg" in html
    charts = 0
    for page in weasyprint.HTML(string=html).render().pages:
        boxes = list(page._page_box.descendants())
        main = next(b for b in boxes if getattr(b, "element_tag", None) == "main")
        for box in boxes:
            if str(getattr(box, "element_tag", "")).endswith("svg"):
                charts += 1
                assert box.position_x >= main.content_box_x() - 0.5
                assert box.position_x + box.margin_width() <= main.content_box_x() + main.width + 0.5
                # inside the page's content area: below the top margin, above the bottom one
                # (its own bottom margin may fall off the page, as margins do at a break)
                area = page._page_box
                assert area.content_box_y() - 0.5 <= box.position_y
                assert box.border_box_y() + box.border_height() <= area.content_box_y() + area.height + 0.5
    assert charts == html.count("<svg")


@needs_weasyprint
def test_a_chart_wider_than_the_page_is_scaled_down_whole(example):
    """max-width: 100% with height: auto: a 2000 px chart keeps its proportions, not its overflow."""
    import weasyprint

    repo, _ = load(example)
    html = render_document(repo, "plan", PLAN, output="html")
    wide = '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="500" viewBox="0 0 2000 500" class="chart"><rect width="2000" height="500"/></svg>'
    html = html.replace("</h1>", f"</h1>\n{wide}", 1)
    page = weasyprint.HTML(string=html).render().pages[0]
    boxes = list(page._page_box.descendants())
    main = next(b for b in boxes if getattr(b, "element_tag", None) == "main")
    svg = next(b for b in boxes if str(getattr(b, "element_tag", "")).endswith("svg"))
    assert svg.width == pytest.approx(main.width, abs=0.5)
    assert svg.height == pytest.approx(main.width / 4, abs=0.5)


# --- minutes ------------------------------------------------------------------------------


@needs_weasyprint
def test_minutes_pdf_bookmarks_hold_every_item_heading(minutes_pdf):
    repo, _ = load(REFERAT)
    meeting = repo.get(MEETING)
    marks = outline(minutes_pdf)
    assert marks[0][:2] == (0, f"Referat: {meeting_title(repo, MEETING)}")
    titles = [(depth, title) for depth, title, _ in marks]
    for item in meeting.items:
        assert (1, f"Punkt {item.number}: {item.title}") in titles


@needs_weasyprint
def test_minutes_items_flow_on_instead_of_a_page_each(minutes_pdf):
    repo, _ = load(REFERAT)
    headings = {f"Punkt {item.number}: {item.title}" for item in repo.get(MEETING).items}
    pages = [page for depth, title, page in outline(minutes_pdf) if depth == 1 and title in headings]
    assert len(pages) == len(headings)
    assert len(set(pages)) < len(pages)  # at least two items begin on the same page
    total = len(minutes_pdf.pages)
    for number, text in enumerate(texts(minutes_pdf), 1):
        assert PAGE_DA.findall(text) == [(str(number), str(total))]
        assert "Stevns Kommune · Udvalget for Social og Sundhed" in " ".join(text.split())


@needs_weasyprint
def test_english_pdf_says_page_n_of_m_and_en(tmp_path):
    out = tmp_path / "minutes.pdf"
    result = invoke("render", "minutes", MEETING, "-f", "pdf", "--lang", "en", "-o", out, "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    pdf = reader(out.read_bytes())
    pages = texts(pdf)
    assert PAGE_EN.findall(pages[0]) == [("1", str(len(pages)))]
    for number, text in enumerate(pages, 1):
        assert PAGE_EN.findall(text) == [(str(number), str(len(pages)))]
        assert "Side " not in text
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    assert outline(pdf)[0][1].startswith("Minutes: ")


@needs_weasyprint
def test_draft_minutes_say_udkast_on_every_page(tmp_path):
    out = tmp_path / "udkast.pdf"
    result = invoke("render", "minutes", MEETING, "-f", "pdf", "--draft", "-o", out, "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    for text in texts(reader(out.read_bytes())):
        # the margin's word, not the notice on page 1; some WeasyPrint versions give the margin
        # boxes' text with no space between ("UdkastReferat: …")
        assert re.search(r"\bUdkast(?!:)", text), text[-200:]


def _mark_closed(html: str, anchors: list[str]) -> str:
    """The hook `item-closed` on the closed items' articles, where the template has not put it."""
    for anchor in anchors:
        html = re.sub(
            rf'<article class="item((?: (?!item-closed)[\w-]+)*)" id="{re.escape(anchor)}"',
            rf'<article class="item\1 item-closed" id="{anchor}"',
            html,
        )
    return html


CLOSED_MEETING = {
    "records/meetings/m.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2024-01-10
        status: held
        items:
          - title: Første åbne punkt
            decision: Godkendt.
          - title: Andet åbne punkt
            decision: Godkendt.
          - title: Første lukkede punkt
            closed: true
            decision: Godkendt.
          - title: Andet lukkede punkt
            closed: true
            decision: Godkendt.
        """,
}


@needs_weasyprint
def test_a_new_page_only_before_the_first_closed_item(repo_factory):
    repo, diagnostics = load(repo_factory(CLOSED_MEETING))
    assert [d for d in diagnostics if d.severity == "error"] == []
    meeting = repo.get("m")
    html = render_document(repo, "minutes", "m", output="html")
    closed = [f"punkt-{item.number}" for item in meeting.items if item.closed]
    html = _mark_closed(html, closed)
    assert len(re.findall(r'<article class="item[^"]* item-closed"', html)) == 2
    pdf = reader(html_to_pdf(html))
    pages = {title: page for depth, title, page in outline(pdf) if depth == 1}
    first, second, third, fourth = (pages[f"Punkt {item.number}: {item.title}"] for item in meeting.items)
    assert first == second  # open items flow on
    assert third == second + 1  # the closed part begins a page
    assert fourth == third  # and flows on from there


# --- hostile text -------------------------------------------------------------------------

HOSTILE_NAME = 'Ond "By" \\ </style><b>fed</b>'
HOSTILE = {
    "records/bodies/aeldreraadet.yaml": """
        kind: body
        name: 'Råd "A" \\ </STYLE> & co'
        type: advisory_council
        """,
    "records/meetings/m.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2024-01-10
        status: held
        items:
          - title: 'Punkt med "citat" og \\ og </style>'
            description: |
              Se billedet ![spor](http://example.invalid/spor.png) og
              ![fil](../../../../../../../../etc/passwd).
            decision: Godkendt.
        """,
}


@pytest.fixture
def hostile(tmp_path):
    config = f"language: da\nmunicipality: '{HOSTILE_NAME}'\n"
    from conftest import BASE

    return write_repo(tmp_path / "hostile", {**BASE, **HOSTILE}, config)


def test_hostile_names_never_leave_the_css_string_or_the_style_element(hostile):
    repo, _ = load(hostile)
    assert repo.config.municipality == HOSTILE_NAME
    html = render_document(repo, "minutes", "m", output="html")
    style = html[html.index("<style>") : html.index("</style>")]
    assert "</" not in style.lower() and "<b>" not in style
    assert "&#34;" not in style and "&amp;" not in style  # no HTML escapes inside CSS
    assert html.lower().count("</style>") == 1
    assert r'content: "Ond \22 By\22  \5c  \3c /style\3e \3c b\3e fed\3c /b\3e "' in style


@needs_weasyprint
def test_hostile_record_renders_to_pdf_as_written_and_fetches_nothing(hostile, monkeypatch, tmp_path):
    import weasyprint.urls

    from ensomhed_cli.render.pdf import html_to_pdf

    # The page is laid out in a forked child: the spy writes what it sees to a file.
    fetched = tmp_path / "fetched.txt"
    real_fetch = weasyprint.urls.URLFetcher.fetch

    def spy(self, url, headers=None):
        with fetched.open("a", encoding="utf-8") as log:
            log.write(url + "\n")
        return real_fetch(self, url, headers)

    monkeypatch.setattr(weasyprint.urls.URLFetcher, "fetch", spy)
    out = hostile / "m.pdf"
    result = invoke("render", "minutes", "m", "-f", "pdf", "-o", out, "--root", hostile)
    assert result.exit_code == 0, result.stderr
    assert not fetched.exists()  # nothing reached WeasyPrint's own fetching
    # the spy sees what is fetched: a stylesheet inside the folder given
    (tmp_path / "inde.css").write_text("main { color: black; }", encoding="utf-8")
    html_to_pdf(f'<html><head><link rel="stylesheet" href="{(tmp_path / "inde.css").as_uri()}"></head><main>x</main></html>', folder=tmp_path)
    assert fetched.read_text(encoding="utf-8").splitlines() == [(tmp_path / "inde.css").resolve().as_uri()]
    assert "ensomhed: advarsel: ikke lagt ind i PDF'en: http://example.invalid/spor.png" in result.stderr
    pdf = reader(out.read_bytes())
    for text in texts(pdf):
        flat = " ".join(text.split())
        assert f'{HOSTILE_NAME} · Råd "A" \\ </STYLE> & co' in flat
        assert "root:" not in text
    assert 'Punkt 1: Punkt med "citat" og \\ og </style>' in [title for _, title, _ in outline(pdf)]
    assert pdf.metadata.title == f'Referat: Råd "A" \\ </STYLE> & co – {HOSTILE_NAME}'


@needs_weasyprint
def test_the_fetcher_refuses_everything_but_data_and_files_inside_the_folder(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "inde.css").write_text('main::after { content: "INDEFRA"; }', encoding="utf-8")
    (tmp_path / "ude.css").write_text('main::after { content: "UDEFRA"; }', encoding="utf-8")
    (site / "link.css").symlink_to(tmp_path / "ude.css")
    (tmp_path / "hemmelig.txt").write_text("HEMMELIGT", encoding="utf-8")
    head = "".join(
        f'<link rel="stylesheet" href="{href}">'
        for href in (
            (site / "inde.css").as_uri(),
            (tmp_path / "ude.css").as_uri(),
            (site / "link.css").as_uri(),
            "http://example.invalid/x.css",
            "file:///etc/passwd",
        )
    )
    body = (
        f'<main><img src="{(tmp_path / "hemmelig.txt").as_uri()}" alt="">'
        '<img src="https://example.invalid/spor.png" alt="">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 height=%2210%22/%3E" alt="">'
        "<p>Tekst</p></main>"
    )
    html = f'<!DOCTYPE html><html lang="da"><head><title>T</title>{head}</head><body>{body}</body></html>'
    refused: list[str] = []
    text = " ".join(texts(reader(html_to_pdf(html, folder=site, refused=refused))))
    assert "INDEFRA" in text
    assert "UDEFRA" not in text and "HEMMELIGT" not in text and "root:" not in text
    assert sorted(refused) == sorted(
        [
            (tmp_path / "ude.css").as_uri(),
            (site / "link.css").as_uri(),
            "http://example.invalid/x.css",
            "file:///etc/passwd",
            (tmp_path / "hemmelig.txt").as_uri(),
            "https://example.invalid/spor.png",
        ]
    )
    refused.clear()
    text = " ".join(texts(reader(html_to_pdf(html, refused=refused))))
    assert "INDEFRA" not in text  # without a folder, no file at all
    assert (site / "inde.css").as_uri() in refused


@pytest.mark.parametrize(
    "url, inside",
    [
        ("data:text/plain,hej", True),
        ("DATA:text/plain,hej", True),
        ("INSIDE/a.css", True),
        ("INSIDE/sub/../a.css", True),
        ("INSIDE/missing.css", False),
        ("INSIDE", False),
        ("INSIDE/link.css", False),
        ("OUTSIDE/b.css", False),
        ("file://evil.example/INSIDE_PATH/a.css", False),
        ("http://example.invalid/a.css", False),
        ("https://example.invalid/a.css", False),
        ("ftp://example.invalid/a.css", False),
        ("a.css", False),
        ("//example.invalid/a.css", False),
    ],
    ids=["data", "data-upper", "inside", "inside-dotdot", "missing", "the-folder", "link-out", "outside", "file-host", "http", "https", "ftp", "relative", "scheme-relative"],
)
def test_allowed_url(tmp_path, url, inside):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "a.css").write_text("", encoding="utf-8")
    (tmp_path / "b.css").write_text("", encoding="utf-8")
    (site / "link.css").symlink_to(tmp_path / "b.css")
    url = (
        url.replace("INSIDE_PATH", str(site).lstrip("/"))
        .replace("INSIDE", site.as_uri())
        .replace("OUTSIDE", tmp_path.as_uri())
    )
    got = allowed_url(url, site)
    assert (got is not None) == inside
    if inside and not url.lower().startswith("data:"):
        assert got == (site / "a.css").as_uri()
    assert allowed_url(url, None) == (url if url.lower().startswith("data:") else None)


# --- the CSS string escape ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ['a"b', "a\\b", "a\nb\r\nc\fd", "</style><script>x</script>", "a'b & c", "\\22 x", "tab\there", "æøå – “x”"],
    ids=["quote", "backslash", "newlines", "close-style", "apostrophe-amp", "escape-lookalike", "tab", "danish"],
)
def test_css_string_round_trips_through_a_css_parser(value):
    tinycss2 = pytest.importorskip("tinycss2", reason="tinycss2 (with WeasyPrint) parses the CSS back")
    labels = {"page_of": f"{value} {{page}} / {{pages}}", "draft": value}
    context = {"municipality": value, "doc": {"title": value, "draft": True}, "labels": labels}
    env = engine._environment(engine.Templates(None), "html")
    css = env.get_template("_print.css.j2").render(context)
    assert "</" not in css and "<s" not in css
    media = next(r for r in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True) if r.type == "at-rule")
    page = next(r for r in tinycss2.parse_rule_list(media.content, skip_comments=True, skip_whitespace=True) if r.type == "at-rule")
    boxes = {r.lower_at_keyword: r for r in tinycss2.parse_blocks_contents(page.content, skip_comments=True, skip_whitespace=True) if r.type == "at-rule"}

    def content(box: str) -> list:
        declarations = tinycss2.parse_blocks_contents(boxes[box].content, skip_comments=True, skip_whitespace=True)
        first = next(d for d in declarations if d.type == "declaration" and d.lower_name == "content")
        return [t for t in first.value if t.type != "whitespace"]

    for box in ("top-left", "top-right", "top-center"):
        tokens = content(box)
        assert [(t.type, t.value) for t in tokens] == [("string", value)], box
    tokens = content("bottom-right")
    assert [t.type for t in tokens] == ["string", "function", "string", "function"]
    assert tokens[0].value == f"{value} " and tokens[2].value == " / "
    assert [t.name for t in tokens if t.type == "function"] == ["counter", "counter"]


# --- the command line -----------------------------------------------------------------------


@needs_weasyprint
def test_pdf_to_stdout_when_it_is_not_a_terminal():
    result = invoke("render", "agenda", MEETING, "-f", "pdf", "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    pdf = reader(result.stdout_bytes)
    assert PAGE_DA.search(texts(pdf)[0])


def test_pdf_is_never_written_to_a_terminal(monkeypatch):
    if MISSING:
        pytest.skip(f"WeasyPrint cannot load here: {MISSING}")
    from ensomhed_cli.cli import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    result = invoke("render", "agenda", MEETING, "-f", "pdf", "--root", REFERAT)
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert result.stderr == "ensomhed: fejl: en PDF skal ikke skrives i terminalen: giv -o FIL, eller send uddata til en fil\n"


@pytest.mark.parametrize(
    "args",
    [("render", "minutes", MEETING, "-f", "pdf", "-o", "OUT"), ("build", "--pdf", "-o", "OUT")],
    ids=["render", "build"],
)
def test_without_weasyprint_pdf_says_how_to_get_it(monkeypatch, tmp_path, args):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` fails as if not installed
    out = tmp_path / "out"
    result = invoke(*[str(out) if a == "OUT" else a for a in args], "--root", REFERAT)
    assert result.exit_code == 2
    assert result.stderr == "ensomhed: fejl: PDF kræver WeasyPrint: pip install 'ensomhed[pdf]'\n"
    assert INSTALL_HINT == "PDF needs WeasyPrint: pip install 'ensomhed[pdf]'"
    assert "Traceback" not in result.output
    assert not out.exists()
    result = invoke("--lang", "en", *[str(out) if a == "OUT" else a for a in args], "--root", REFERAT)
    assert result.exit_code == 2
    assert result.stderr == f"ensomhed: error: {INSTALL_HINT}\n"
    assert "Traceback" not in result.output
    assert not out.exists()


def test_without_weasyprint_html_and_markdown_still_render(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    result = invoke("render", "minutes", MEETING, "-f", "html", "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    assert "Side {page}" not in result.stdout and 'counter(pages)' in result.stdout


def test_build_pdf_needs_the_html_site(tmp_path):
    result = invoke("build", "--pdf", "--format", "md", "-o", tmp_path / "site", "--root", REFERAT)
    assert result.exit_code == 2
    assert result.stderr == "ensomhed: fejl: --pdf udskriver HTML-siderne: byg med --format html (det er standard)\n"
    assert not (tmp_path / "site").exists()


@needs_weasyprint
def test_build_pdf_writes_a_pdf_beside_each_page_but_the_index(tmp_path):
    out = tmp_path / "site"
    result = invoke("build", "--pdf", "--public", "-o", out, "--root", REFERAT)
    assert result.exit_code == 0, result.stderr
    html = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf") if not p.is_relative_to(out / "attachments"))
    assert pdfs == [name[: -len(".html")] + ".pdf" for name in html if name != "index.html"]
    assert f"minutes/{MEETING}.pdf" in pdfs
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".ensomhed-site"]
    assert result.stderr.endswith(f"ensomhed: skrev {len(files)} filer i {out} (offentlig udgave)\n")
    repo, _ = load(REFERAT)
    closed = next(item for item in repo.get(MEETING).items if item.closed)
    minutes = reader((out / "minutes" / f"{MEETING}.pdf").read_bytes())
    pages = texts(minutes)
    assert pages[0].startswith(f"Referat: {meeting_title(repo, MEETING)}")
    assert any(f"Punkt {closed.number}: {closed.title}" in " ".join(t.split()) for t in pages)
    decision_words = " ".join(closed.decision.split()[:6]) if closed.decision else None
    if decision_words:  # the public PDF is made from the public page: no closed decision
        assert all(decision_words not in " ".join(t.split()) for t in pages)
    agenda = reader((out / "agenda" / f"{MEETING}.pdf").read_bytes())
    assert texts(agenda)[0].startswith(f"Dagsorden: {meeting_title(repo, MEETING)}")


@needs_weasyprint
def test_a_page_weasyprint_cannot_lay_out_is_an_error_not_a_traceback(tmp_path):
    """A repository's own template may nest beyond what WeasyPrint can recurse through."""
    root = write_repo(
        tmp_path / "repo",
        {
            "records/raad.yaml": "kind: body\nname: Råd\ntype: advisory_council\n",
            "records/m.yaml": "kind: meeting\nbody: raad\ndate: 2024-01-10\nstatus: held\n",
            "templates/agenda.html.j2": "<!DOCTYPE html><html lang=\"da\"><body>{% for i in range(5000) %}<div>{% endfor %}dyb</body></html>\n",
        },
    )
    result = invoke("render", "agenda", "m", "-f", "pdf", "-o", tmp_path / "a.pdf", "--root", root)
    assert result.exit_code == 1
    assert result.stderr == "ensomhed: fejl: siden er indlejret for dybt til at blive sat op som PDF\n"
    assert not (tmp_path / "a.pdf").exists()
    result = invoke("build", "--pdf", "-o", tmp_path / "site", "--root", root)
    assert result.exit_code == 1
    assert result.stderr == "ensomhed: fejl: agenda/m.pdf: siden er indlejret for dybt til at blive sat op som PDF; intet er bygget\n"
    assert not (tmp_path / "site").exists()


@needs_weasyprint
def test_a_page_that_never_finishes_laying_out_is_stopped(monkeypatch):
    """The page is laid out in a child under a time limit: a build cannot hang on it."""
    import weasyprint

    from ensomhed_cli.render import pdf

    def endless(*args, **kwargs):
        while True:
            pass

    monkeypatch.setattr(pdf, "TIME_LIMIT_SECONDS", 1)
    monkeypatch.setattr(weasyprint, "HTML", endless)
    with pytest.raises(pdf.PdfFailed, match="opsætningen af siden tog mere end 1 sekund og blev stoppet"):
        pdf.html_to_pdf("<html><main>x</main></html>")
