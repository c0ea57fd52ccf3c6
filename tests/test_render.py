"""Rendering: golden outputs for the bundled records, every template, overrides and hostile templates."""

from __future__ import annotations

import datetime as dt
import html.parser
import os
from pathlib import Path

import pytest

from conftest import PROJECT, write_repo
from ensomhed_cli.api import RecordNotFound, TemplateProblem, build_site, load, render_document
from ensomhed_cli.render import engine

GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2024, 1, 1)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

GOLDEN_CASES = [
    ("agenda", "2020-10-23-raadmandsmoede", False),
    ("minutes", "2020-10-23-raadmandsmoede", False),
    ("minutes", "2020-10-23-raadmandsmoede", True),
    ("minutes", "2023-02-07-udsatteraadet", False),
    ("agenda", "2023-04-27-udsatteraadet", False),
    ("plan", "kontrakt-center-pleje-og-omsorg-2019-2020", False),
    ("plan", "aktiviteter-ind-og-ude", False),
    ("plan", "samskabelse-aktivitets-og-samvaerstilbud", False),
    ("index", None, False),
]


@pytest.fixture(scope="module")
def bundled():
    repo, _ = load(PROJECT)
    return repo


def _golden_name(document, record_id, public, output, lang):
    parts = [document, record_id or "all", "public" if public else "internal", lang]
    return "__".join(parts) + f".{output}"


@pytest.mark.parametrize("output", ["md", "html"])
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("document, record_id, public", GOLDEN_CASES)
def test_golden_output(bundled, document, record_id, public, output, lang):
    text = render_document(bundled, document, record_id, output=output, lang=lang, public=public, today=TODAY)
    path = GOLDEN / _golden_name(document, record_id, public, output, lang)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path.name}; run UPDATE_GOLDEN=1 ./dev test"
    assert text == path.read_text(encoding="utf-8")


class _Checker(html.parser.HTMLParser):
    """Balanced tags, headings in order, and the landmarks a public-sector page needs."""

    VOID = {"meta", "br", "img", "input", "hr", "link", "circle", "line", "rect", "polyline", "path"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[int] = []
        self.tags: set[str] = set()
        self.lang = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def check_html(text: str, lang: str) -> None:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []
    assert checker.lang == lang
    assert {"header", "main", "footer", "h1"} <= checker.tags
    assert checker.headings[0] == 1 and checker.headings.count(1) == 1
    for before, after in zip(checker.headings, checker.headings[1:], strict=False):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"


@pytest.mark.parametrize("output", ["md", "html"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_builtin_template_renders_every_bundled_record(bundled, output, lang):
    documents = [("index", None)]
    documents += [(d, m.id) for m in bundled.meetings for d in ("agenda", "minutes")]
    documents += [("plan", p.id) for p in bundled.plans]
    for document, record_id in documents:
        for public in (False, True):
            # Minutes of a meeting not held exist only as a draft.
            draft = document == "minutes" and bundled.get(record_id).status != "held"
            text = render_document(bundled, document, record_id, output=output, lang=lang, public=public, today=TODAY, draft=draft)
            assert text.strip()
            if output == "html":
                check_html(text, lang)
            else:
                assert text.startswith("# ")


def test_danish_conventions(bundled):
    minutes = render_document(bundled, "minutes", "2020-10-23-raadmandsmoede", output="md", today=TODAY)
    assert "fredag den 23. oktober 2020" in minutes
    assert "kl. 8.30–8.45" in minutes
    plan = render_document(bundled, "plan", "kontrakt-center-pleje-og-omsorg-2019-2020", output="md", today=TODAY)
    assert "32.000 indbyggere" in plan and "30.700 indbyggere" in plan
    english = render_document(bundled, "plan", "kontrakt-center-pleje-og-omsorg-2019-2020", output="md", lang="en", today=TODAY)
    assert "32,000 indbyggere" in english and "Goals" in english


def test_agenda_has_no_decisions_minutes_do(bundled):
    agenda = render_document(bundled, "agenda", "2023-02-07-udsatteraadet", output="md", today=TODAY)
    minutes = render_document(bundled, "minutes", "2023-02-07-udsatteraadet", output="md", today=TODAY)
    assert "Beslutning" not in agenda and "Datoerne blev godkendt" not in agenda
    assert "### Beslutning" in minutes and "Datoerne blev godkendt" in minutes
    assert "| Lise, Cæcilie | 27. april 2023 | åben |" in minutes


def test_unknown_record_is_reported_with_a_suggestion(bundled):
    with pytest.raises(RecordNotFound, match="mente du `2023-02-07-udsatteraadet`"):
        render_document(bundled, "agenda", "2023-02-07-udsatteradet")
    with pytest.raises(RecordNotFound, match="`lise` er ikke en plan, men en person"):
        render_document(bundled, "plan", "lise")


# --- record text cannot break the document --------------------------------------------------

HOSTILE_TEXT = {
    "records/m.yaml": """
        kind: meeting
        body: raad
        title: "# Overtaget <script>alert(1)</script> | kolonne"
        date: 2024-01-10
        status: held
        items:
          - title: "Punkt med ```kode"
            description: |
              # Ny overskrift
              <img src=x onerror=alert(1)>
              [klik](javascript:alert(1))
              ```
              kodeblok der aldrig lukkes
            decision: "Tekst\\n===\\nsetext"
            actions:
              - what: "a | b <b>fed</b>"
                owners: [p]
        """,
    "records/raad.yaml": "kind: body\nname: Råd\ntype: advisory_council\n",
    "records/p.yaml": "kind: person\nname: P\n",
}


def test_html_escapes_record_text(tmp_path):
    repo, diagnostics = load(write_repo(tmp_path / "r", HOSTILE_TEXT))
    assert [d for d in diagnostics if d.severity == "error"] == []
    text = render_document(repo, "minutes", "m", output="html")
    assert "<script>" not in text and "<img" not in text and "<b>fed" not in text
    assert "javascript:" not in text.split("<body>")[1].replace("[klik](javascript:alert(1))", "")
    assert "&lt;script&gt;" in text
    check_html(text, "da")


def test_markdown_keeps_its_structure(tmp_path):
    repo, _ = load(write_repo(tmp_path / "r", HOSTILE_TEXT))
    text = render_document(repo, "minutes", "m", output="md")
    lines = text.splitlines()
    assert lines[0].startswith("# Referat: \\# Overtaget \\<script\\>")
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]  # one top heading
    assert "#### Ny overskrift" in text  # the record's heading sits below the item's
    assert "<img" not in text and "&lt;img" in text
    assert "javascript:" not in text
    assert text.count("```") % 2 == 0  # the unclosed code block is closed
    assert "| a \\| b \\<b\\>fed\\</b\\> |" in text
    assert "\\===" in text


# --- templates from the repository ---------------------------------------------------------

OVERRIDE = "# Vores dagsorden for {{ meeting.title }}\n{% for item in meeting.items %}* {{ item.number }}. {{ item.title }}\n{% endfor %}"


def _repo_with_template(tmp_path, name: str, source: str):
    files = dict(HOSTILE_TEXT)
    files[f"templates/{name}"] = source
    repo, _ = load(write_repo(tmp_path / "r", files))
    return repo


def test_repository_template_overrides_builtin(tmp_path):
    repo = _repo_with_template(tmp_path, "agenda.md.j2", OVERRIDE)
    text = render_document(repo, "agenda", "m", output="md")
    assert text.startswith("# Vores dagsorden for \\# Overtaget")
    assert "* 1. Punkt med \\`\\`\\`kode" in text
    # other documents still use the built-ins
    assert render_document(repo, "minutes", "m", output="md").startswith("# Referat")


def test_override_can_extend_the_builtin_layout(tmp_path):
    source = '{% extends "_layout.html.j2" %}{% block main %}<h1>Egen: {{ meeting.title }}</h1>{% endblock %}'
    repo = _repo_with_template(tmp_path, "agenda.html.j2", source)
    text = render_document(repo, "agenda", "m", output="html")
    assert "<h1>Egen: # Overtaget &lt;script&gt;" in text


@pytest.mark.parametrize(
    "source, gist, line",
    [
        ("{{ meeting.__class__.__mro__ }}", "not allowed", 1),
        ("ok\n{{ ''.__class__.__subclasses__() }}", "not allowed", 2),
        ("line one\n\n{{ meeting.no_such_field }}", "not in its context", 3),
        ("{% for x in %}", "template syntax", 1),
        ("{% include '../../../etc/passwd' %}", "template not found", 1),
        ("{{ 1 / 0 }}", "ZeroDivisionError", 1),
    ],
)
def test_hostile_or_broken_template_is_a_located_error(tmp_path, source, gist, line):
    repo = _repo_with_template(tmp_path, "agenda.md.j2", source)
    with pytest.raises(TemplateProblem) as info:
        render_document(repo, "agenda", "m", output="md")
    assert info.value.path == "templates/agenda.md.j2"
    assert gist in info.value.message
    assert info.value.line == line


def test_runaway_template_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS", 2)
    loop = "{% for i in range(99999) %}{% for j in range(99999) %}{% for k in range(99999) %}{% endfor %}{% endfor %}{% endfor %}"
    repo = _repo_with_template(tmp_path, "agenda.md.j2", loop)
    with pytest.raises(TemplateProblem, match="more than 2 seconds"):
        render_document(repo, "agenda", "m", output="md")


def test_memory_bomb_template_is_stopped(tmp_path):
    bomb = "{% set ns = namespace(s='xxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}"
    repo = _repo_with_template(tmp_path, "agenda.md.j2", bomb)
    with pytest.raises(TemplateProblem, match="memory"):
        render_document(repo, "agenda", "m", output="md")


def test_huge_output_is_stopped(tmp_path):
    flood = "{% for i in range(99999) %}{% for j in range(99999) %}xxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}"
    repo = _repo_with_template(tmp_path, "agenda.md.j2", flood)
    with pytest.raises(TemplateProblem, match="larger than"):
        render_document(repo, "agenda", "m", output="md")


# --- the site -------------------------------------------------------------------------------


def test_build_site_links_every_page(bundled, tmp_path):
    out = tmp_path / "site"
    written = build_site(bundled, out, output="html", today=TODAY)
    names = {p.relative_to(out).as_posix() for p in written}
    assert "index.html" in names
    assert {f"agenda/{m.id}.html" for m in bundled.meetings} <= names
    assert {f"minutes/{m.id}.html" for m in bundled.meetings if m.status == "held"} <= names
    assert {f"plans/{p.id}.html" for p in bundled.plans} <= names
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in names - {"index.html"}:
        if name.startswith(("agenda/", "minutes/", "plans/")):
            assert f'href="{name}"' in index, name


def test_build_copies_attachments_of_open_items_only(tmp_path):
    files = {
        "records/raad.yaml": "kind: body\nname: Råd\ntype: advisory_council\n",
        "bilag/aaben.pdf": "%PDF aaben",
        "bilag/lukket.pdf": "%PDF lukket",
        "records/m.yaml": """
            kind: meeting
            body: raad
            date: 2024-01-10
            status: held
            items:
              - title: Åbent
                attachments: [{title: Bilag 1, path: bilag/aaben.pdf}]
              - title: Lukket
                closed: true
                attachments: [{title: Bilag 2, path: bilag/lukket.pdf}]
            """,
    }
    repo, diagnostics = load(write_repo(tmp_path / "r", files))
    assert diagnostics == []
    out = tmp_path / "site"
    build_site(repo, out, output="html", public=True)
    assert (out / "attachments/bilag/aaben.pdf").read_text() == "%PDF aaben"
    assert not (out / "attachments/bilag/lukket.pdf").exists()
    minutes = (out / "minutes/m.html").read_text(encoding="utf-8")
    assert 'href="../attachments/bilag/aaben.pdf"' in minutes and "Bilag 2" not in minutes


def test_build_refuses_to_write_among_the_records(bundled):
    from ensomhed_cli.fsio import WriteRefused

    with pytest.raises(WriteRefused):
        build_site(bundled, PROJECT / "records" / "site")
    with pytest.raises(WriteRefused):
        build_site(bundled, PROJECT)


def _documented_keys() -> dict[str, set[str]]:
    import re

    text = (PROJECT / "docs" / "templates.md").read_text(encoding="utf-8")
    out = {}
    for name, table in re.findall(r"<!-- keys: ([\w.]+) -->\n((?:\|.*\n)+)", text):
        keys = set()
        for row in table.splitlines()[2:]:
            first = row.split("|")[1]
            keys.update(re.findall(r"`(\w+)`", first))
        out[name] = keys
    return out


def test_template_context_is_documented(bundled):
    """docs/templates.md lists exactly the keys each template receives."""
    from ensomhed_cli.render.context import ContextBuilder

    builder = ContextBuilder(bundled, "da", output="html")
    minutes = builder.meeting(bundled.get("2023-02-07-udsatteraadet"), "minutes")
    plan = builder.plan(bundled.get("kontrakt-center-pleje-og-omsorg-2019-2020"))["plan"]
    index = builder.index()
    actual = {
        "top": set(minutes) - {"meeting"},
        "meeting": set(minutes["meeting"]),
        "item": set(minutes["meeting"]["items"][0]),
        "action": set(minutes["meeting"]["items"][0]["actions"][0]),
        "plan": set(plan),
        "goal": set(plan["goals"][0]),
        "initiative": set(builder.initiative(bundled.initiatives[0])),
        "index.meeting": set(index["bodies"][0]["meetings"][0]),
    }
    documented = _documented_keys()
    assert set(documented) == set(actual)
    for name, keys in actual.items():
        assert documented[name] == keys, name


@pytest.mark.parametrize("index, name", [(0, "agenda.md.j2"), (1, "agenda.html.j2")])
def test_docs_example_overrides_render(tmp_path, index, name):
    import re

    text = (PROJECT / "docs" / "templates.md").read_text(encoding="utf-8")
    source = re.findall(r"```jinja\n(.*?)```", text, re.S)[index]
    repo = _repo_with_template(tmp_path, name, source)
    out = render_document(repo, "agenda", "m", output=name.split(".")[1])
    assert "Punkt med" in out


def test_every_builtin_template_is_packaged():
    """pyproject's package-data must carry every template into a plain `pip install .`."""
    import fnmatch
    import tomllib

    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["ensomhed_cli"]
    folder = PROJECT / "src" / "ensomhed_cli" / "templates"
    names = [p.relative_to(folder.parent).as_posix() for p in folder.iterdir()]
    assert {f"templates/{d}.{f}.j2" for d in ("agenda", "minutes", "plan", "index") for f in ("md", "html")} <= set(names)
    for name in names:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
