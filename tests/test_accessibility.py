"""Accessibility of the site: axe-core's WCAG 2.1 A and AA rules in Chromium on every page, and what axe cannot see."""

from __future__ import annotations

import html.parser
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import PROJECT
from ensomhed_cli.api import build_site, load
from ensomhed_cli.format.schema import Meeting
from ensomhed_cli.render.labels import LABELS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SITES = {f"{kind}-{lang}": (kind == "public", lang) for kind in ("internal", "public") for lang in ("da", "en")}
FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"


@pytest.fixture(scope="module")
def repo():
    return load(PROJECT)[0]


@pytest.fixture(scope="module")
def sites(repo, tmp_path_factory):
    """The example site built four times: internal and public, Danish and English."""
    root = tmp_path_factory.mktemp("sites")
    for name, (public, lang) in SITES.items():
        build_site(repo, root / name, output="html", lang=lang, public=public)
    return root


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- the page as a tree (no browser needed) ----------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def lang(self) -> str | None:
        node: Node | None = self
        while node is not None:
            if "lang" in node.attrs:
                return node.attrs["lang"]
            node = node.parent
        return None

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def texts(self):
        """(text, the element it stands in) for every piece of text below."""
        for child in self.children:
            if isinstance(child, str):
                yield child, self
            else:
                yield from child.texts()


class _TreeBuilder(html.parser.HTMLParser):
    VOID = {"meta", "br", "img", "input", "hr", "link", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.current is builder.root, f"{path.name}: <{builder.current.tag}> is never closed"
    return builder.root


def find_all(root: Node, tag: str) -> list[Node]:
    return [n for n in root.iter() if n.tag == tag]


def is_focusable(node: Node) -> bool:
    return (node.tag == "a" and "href" in node.attrs) or node.tag in {"button", "input", "select", "textarea", "summary"} or (
        "tabindex" in node.attrs and node.attrs["tabindex"] != "-1"
    )


def kind_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "index" if rel == "index.html" else rel.split("/")[0]


def resolve(site: Path, page: Path, href: str) -> str:
    """A relative link on a page, as a path inside the site."""
    here = posixpath.dirname(page.relative_to(site).as_posix())
    return posixpath.normpath(posixpath.join(here, href.split("#")[0]))


@pytest.mark.parametrize("name", list(SITES), ids=list(SITES))
def test_every_page_has_lang_skip_link_landmarks_and_ordered_headings(sites, name):
    site = sites / name
    lang = SITES[name][1]
    assert len(pages(site)) >= 16
    for page in pages(site):
        root = parse(page)
        where = page.relative_to(site).as_posix()
        assert find_all(root, "html")[0].attrs.get("lang") == lang, where
        focusable = [n for n in root.iter() if is_focusable(n)]
        assert focusable[0].attrs.get("href") == "#main" and focusable[0].attrs.get("class") == "skip", where
        assert [m.attrs.get("id") for m in find_all(root, "main")] == ["main"], where
        for landmark in ("header", "nav", "footer"):
            assert find_all(root, landmark), f"{where}: no <{landmark}>"
        navs = find_all(root, "nav")
        assert all(n.attrs.get("aria-label") or n.attrs.get("aria-labelledby") for n in navs), f"{where}: a <nav> without a name"
        levels = [int(n.tag[1]) for n in root.iter() if re.fullmatch(r"h[1-6]", n.tag)]
        assert levels[0] == 1 and levels.count(1) == 1, where
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{where}: heading jumps from h{before} to h{after}"
        for table in find_all(root, "table"):
            assert find_all(table, "th"), f"{where}: a table without headers"


def _site_links(site: Path, page: Path) -> list[tuple[str, str, str]]:
    """(target inside the site, rel, text) of every link in the page's site navigation."""
    root = parse(page)
    navs = [n for n in find_all(root, "nav") if n.attrs.get("class") == "site"]
    return [
        (resolve(site, page, a.attrs["href"]), a.attrs.get("rel", ""), a.text())
        for nav in navs
        for a in find_all(nav, "a")
    ]


def _expected_neighbours(repo, meeting: Meeting, kind: str) -> tuple[str | None, str | None]:
    """Worked out here on its own: the body's meetings by date that have a page of this kind."""
    folder = {"agenda": "agenda", "minutes": "minutes"}[kind]
    same = [m for m in sorted(repo.meetings, key=lambda m: (m.date, m.id)) if m.body == meeting.body]
    with_page = [m for m in same if kind == "agenda" or m.status == "held" or m is meeting]
    at = with_page.index(meeting)
    before = with_page[at - 1] if at > 0 else None
    after = with_page[at + 1] if at + 1 < len(with_page) else None
    return (
        f"{folder}/{before.id}.html" if before else None,
        f"{folder}/{after.id}.html" if after else None,
    )


@pytest.mark.parametrize("name", list(SITES), ids=list(SITES))
def test_navigation_back_to_the_index_and_between_meetings(repo, sites, name):
    site = sites / name
    labels = LABELS[SITES[name][1]]
    for page in pages(site):
        links = _site_links(site, page)
        where = page.relative_to(site).as_posix()
        for target, _, _ in links:
            assert (site / target).is_file(), f"{where}: the navigation links to {target}, which is not there"
        if where == "index.html":
            assert links == [], "the index links to itself"
            continue
        assert ("index.html", "", labels["index"]) in links, where
        kind = kind_of(site, page)
        if kind in ("agenda", "minutes"):
            meeting = repo.get(page.stem)
            previous, following = _expected_neighbours(repo, meeting, kind)
            assert [t for t, rel, _ in links if rel == "prev"] == ([previous] if previous else []), where
            assert [t for t, rel, _ in links if rel == "next"] == ([following] if following else []), where
            for target, rel, text in links:
                if rel:
                    other = repo.get(Path(target).stem)
                    word = labels["previous_meeting" if rel == "prev" else "next_meeting"]
                    assert text.startswith(f"{word}: ") and text.endswith(str(other.date.year)), text


def test_the_example_has_neighbours_to_link(sites):
    """The case the navigation is for is really there: a meeting between two others."""
    site = sites / "public-da"
    links = _site_links(site, site / "agenda" / "2023-04-27-udsatteraadet.html")
    assert links == [
        ("index.html", "", "Oversigt"),
        ("agenda/2023-02-07-udsatteraadet.html", "prev", "Forrige møde: 7.\xa0februar\xa02023"),
        ("agenda/2023-09-04-udsatteraadet.html", "next", "Næste møde: 4.\xa0september\xa02023"),
    ]


def test_single_documents_have_no_site_links(repo):
    from ensomhed_cli.api import render_document

    text = render_document(repo, "agenda", "2023-04-27-udsatteraadet", output="html")
    assert 'class="site" aria-label' not in text and 'rel="prev"' not in text and "index.html" not in text


def _danish_texts(repo, meeting: Meeting) -> list[str]:
    """Record text the meeting's pages show: its title and every item title."""
    texts = [meeting.title or repo.name(meeting.body)]
    texts += [item.title for item in meeting.items]
    return texts


@pytest.mark.parametrize("name", ["internal-en", "public-en"], ids=["internal-en", "public-en"])
def test_danish_record_text_is_marked_on_english_pages(repo, sites, name):
    site = sites / name
    for page in pages(site / "agenda") + pages(site / "minutes"):
        root = parse(page)
        where = page.relative_to(site).as_posix()
        meeting = repo.get(page.stem)
        shown = {}
        for text, node in root.texts():
            shown.setdefault(text.strip(), set()).add(node.lang())
        for wanted in _danish_texts(repo, meeting):
            assert shown.get(wanted) == {"da"}, f"{where}: {wanted!r} is shown as {shown.get(wanted)}"
        h1 = find_all(root, "h1")[0]
        assert [n.attrs.get("lang") for n in h1.iter() if n.attrs.get("lang")] == ["da"], where
        # the page's own words stay English
        assert shown["Date"] == {"en"}, where
        assert all(shown[f"Item {item.number}:"] == {"en"} for item in meeting.items), where
    minutes = parse(site / "minutes" / "2023-02-07-udsatteraadet.html")
    langs = {text.strip(): node.lang() for text, node in minutes.texts()}
    assert langs["Datoerne blev godkendt."] == "da"  # a decision
    assert langs["Referat fra møde i Udsatterådet, Gladsaxe Kommune."] == "da"  # the meeting's description
    assert langs[LABELS["en"]["decision_in"].format(body="Udsatterådet", date="7\xa0February\xa02023")] == "en"


def test_danish_pages_say_lang_once(sites):
    for page in pages(sites / "internal-da"):
        langs = [n.attrs["lang"] for n in parse(page).iter() if "lang" in n.attrs]
        assert langs == ["da"], page.name


def test_public_pages_name_no_repository_paths(sites, repo):
    """What a reader is shown: the text, and the attributes read out or shown as text."""
    for name, (public, _) in SITES.items():
        site = sites / name
        for page in pages(site) if public else []:
            root = parse(page)
            shown = [root.text()] + [n.attrs[a] for n in root.iter() for a in ("title", "alt", "aria-label") if a in n.attrs]
            for text in shown:
                found = re.search(r"\S*records/\S*|\S+\.(md|ya?ml)\b", text)
                assert found is None, f"{name}/{page.relative_to(site)} names {found.group()}"
    # internal pages keep saying where they came from, so the check above can fail
    meeting = repo.get("2023-02-07-udsatteraadet")
    internal = (sites / "internal-da" / "minutes" / f"{meeting.id}.html").read_text(encoding="utf-8")
    assert f"<code>{meeting.path}</code>" in internal and meeting.path.startswith("records/")
    public = parse(sites / "public-da" / "minutes" / f"{meeting.id}.html")
    assert find_all(public, "footer")[0].text().strip() == "Offentlig udgave. Dannet af ensomhed."


@pytest.mark.parametrize("name", list(SITES), ids=list(SITES))
def test_status_is_said_in_words_not_only_colour(sites, name):
    site = sites / name
    labels = LABELS[SITES[name][1]]
    seen = {"overdue": 0, "closed": 0}
    for page in pages(site):
        for node in parse(page).iter():
            classes = node.attrs.get("class", "").split()
            if "overdue" in classes:
                seen["overdue"] += 1
                assert labels["overdue"] in node.text(), node.text()
            if "closed" in classes:
                seen["closed"] += 1
                assert node.text().strip() == labels["closed_item"]
    assert seen["overdue"] > 0, seen
    # In Danish the closed item's own title says "Lukket punkt", so it gets no second marker.
    assert seen["closed"] > 0 if SITES[name][1] == "en" else "Lukket punkt" in (site / "agenda" / "2020-10-23-raadmandsmoede.html").read_text(encoding="utf-8")


# --- in Chromium ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_page(chromium_browser):
    """One page for the module, with axe-core loaded into every document it opens."""
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        pytest.skip("axe-playwright-python is not installed (pip install -e '.[test]')")
    context = chromium_browser.new_context(viewport={"width": 1000, "height": 800})
    context.add_init_script(AXE_SCRIPT)
    yield context.new_page()
    context.close()


def axe(page, url: str) -> dict:
    page.goto(url)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate(f"axe.run(document, {json.dumps(options)})")


def test_axe_finds_what_it_should(browser_page, tmp_path):
    """The harness works: a page with known faults gets them reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>x</h1>'
        '<p style="color:#aaa;background:#fff">faint</p><img src="x.png"></main></body></html>',
        encoding="utf-8",
    )
    found = {v["id"] for v in axe(browser_page, bad.as_uri())["violations"]}
    assert {"html-has-lang", "color-contrast", "image-alt"} <= found


@pytest.mark.parametrize("name", list(SITES), ids=list(SITES))
def test_axe_finds_no_wcag_violations(browser_page, sites, name):
    site = sites / name
    problems = []
    checked = 0
    for page in pages(site):
        result = axe(browser_page, page.as_uri())
        assert "color-contrast" in {r["id"] for r in result["passes"]}, "axe did not check contrast"
        checked += 1
        for v in result["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in v["nodes"][:10])
            problems.append(f"{name}/{page.relative_to(site).as_posix()}: {v['id']} ({v['impact']}): {targets}")
    assert checked == len(pages(site)) >= 16
    assert problems == [], "axe found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)


FOCUS_REPORT = """
(selector) => [...document.querySelectorAll(selector)].map((el) => {
  el.focus();
  const style = getComputedStyle(el);
  return {
    html: el.outerHTML.slice(0, 80),
    focused: document.activeElement === el,
    visible: el.matches(':focus-visible'),
    outline: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
  };
})
"""


def test_keyboard_skip_link_first_and_focus_always_visible(browser_page, sites):
    """On every page of the internal site (it holds every kind of link the public one does)."""
    site = sites / "internal-en"
    for page in pages(site):
        where = page.relative_to(site).as_posix()
        browser_page.goto(page.as_uri())
        browser_page.keyboard.press("Tab")
        first = browser_page.evaluate(
            "() => { const el = document.activeElement; const box = el.getBoundingClientRect();"
            " return {cls: el.className, href: el.getAttribute('href'), top: box.top, left: box.left,"
            " width: box.width, height: box.height}; }"
        )
        assert first["cls"] == "skip" and first["href"] == "#main", where
        # shown when focused: inside the window, not pushed off it
        assert first["left"] >= 0 and first["top"] >= 0 and first["width"] > 20 and first["height"] > 10, (where, first)
        browser_page.keyboard.press("Enter")
        assert browser_page.evaluate("location.hash") == "#main", where
        elements = browser_page.evaluate(FOCUS_REPORT, FOCUSABLE)
        assert len(elements) > 1, where
        for element in elements:
            assert element["focused"] and element["visible"], (where, element)
            assert element["outline"] != "none" and element["width"] >= 2, (where, element)
