"""Closed parts of an open item (format 1.2): a `::: lukket` block, a closed section, a lukket
bilag, and the decision of a closed item as it may be published. Each is held back from every
public output (the referat in md and html, the site, the export, the calendar) with a note
that something was left out, and shown in internal output. And every public page links the
accessibility statement.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import located

M = "records/meetings/m.md"
SECRET = "Forhandlingsoplæg på 60.000 kr."


def meeting(secret: str = SECRET) -> str:
    return f"""\
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
      Foreningen søger tilskud.

      ::: lukket
      Om den lukkede del: {secret}
      :::

      Sagen følges op.
    sections:
      - {{title: Høring, text: Ældrerådet støtter.}}
      - {{title: Lukket afsnit om {secret}, text: "Afsnittets tekst: {secret}", closed: true}}
    attachments:
      - {{title: Ansøgningen, url: "https://example.dk/ansoegning"}}
      - {{title: "Regnskab: {secret}", path: bilag/regnskab.pdf, closed: true}}
    decision: Bevilget.
  - number: 2
    title: Personalesag
    type: decision
    closed: true
    description: "Sagen: {secret}"
    decision: "Afgjort: {secret}"
    public_decision: Udvalget traf beslutning i sagen.
---
"""


@pytest.fixture
def root(repo_factory):
    return repo_factory({M: meeting(), "bilag/regnskab.pdf": b"%PDF-1.4 regnskab\n"})


def render(cli, root, *args: str) -> str:
    result = cli("render", "minutes", "m", "--root", root, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_example_checks_clean(root, cli):
    result = cli("check", "--root", root, "--strict")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("fmt", ["md", "html"], ids=["md", "html"])
def test_public_minutes_hold_none_of_it(root, cli, fmt):
    text = render(cli, root, "--public", "--format", fmt)
    assert "60.000" not in text and "regnskab" not in text.lower() and "Afgjort" not in text
    assert "Lukket tekst er udeladt af den offentlige udgave." in text
    assert "Lukkede afsnit er udeladt af den offentlige udgave." in text
    assert "Bilag 2: Lukket bilag" in text
    assert "Udvalget traf beslutning i sagen." in text  # the closed item's decision as it may be published
    assert "Ældrerådet støtter." in text and "Sagen følges op." in text


def test_internal_minutes_hold_all_of_it_without_the_fences(root, cli):
    text = render(cli, root)
    assert f"Om den lukkede del: {SECRET}" in text and ":::" not in text
    assert f"Afsnittets tekst: {SECRET}" in text and f"Afgjort: {SECRET}" in text
    assert f"Regnskab: {SECRET}" in text and "(lukket bilag)" in text
    assert "Udvalget traf beslutning i sagen." not in text  # internally, the decision itself


def test_the_public_site_publishes_no_closed_bilag(root, cli, tmp_path):
    out = tmp_path / "site"
    assert cli("build", "--root", root, "--public", "-o", out).exit_code == 0
    for page in out.rglob("*"):
        if page.is_file():
            assert "60.000" not in page.read_text(encoding="utf-8", errors="replace"), page
    assert not list(out.rglob("regnskab.pdf"))
    internal = tmp_path / "intern"
    assert cli("build", "--root", root, "-o", internal).exit_code == 0
    assert list(internal.rglob("regnskab.pdf"))


def test_a_public_export_holds_none_of_it(root, cli, tmp_path):
    out = tmp_path / "eksport"
    assert cli("export", out, "--root", root, "--public", "--format", "csv,jsonl").exit_code == 0
    for file in out.iterdir():
        assert "60.000" not in file.read_text(encoding="utf-8"), file.name
    items = [json.loads(line) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(i["number"], i["decision"], i["public_decision"]) for i in items] == [
        (1, "Bevilget.", None), (2, None, "Udvalget traf beslutning i sagen."),
    ]
    assert "[lukket tekst udeladt]" in items[0]["description"]
    bilag = [json.loads(line) for line in (out / "attachments.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(b["title"], b["path"], b["closed"]) for b in bilag] == [("Ansøgningen", None, 0), (None, None, 1)]


def test_a_calendar_holds_no_closed_text(repo_factory, cli, tmp_path):
    plan = """\
kind: plan
title: Plan
owner: aeldreraadet
status: active
milestones:
  - id: m
    title: Temadag
    date: 2024-05-01
    description: |
      Temadag for frivillige.

      ::: lukket
      Budget til oplægsholder: 60.000 kr.
      :::
"""
    root = repo_factory({"records/plans/p.yaml": plan})
    assert cli("calendar", "--root", root, "-o", tmp_path / "k.ics").exit_code == 0
    text = (tmp_path / "k.ics").read_text(encoding="utf-8")
    assert "Temadag for frivillige" in text and "60.000" not in text and "lukket tekst udeladt" in text


# --- the rules of closed parts -------------------------------------------------------------------


def test_a_fence_never_closed_is_an_error_at_its_line(repo_factory, cli):
    text = meeting().replace("      :::\n\n      Sagen følges op.\n", "\n      Sagen følges op.\n")
    root = repo_factory({M: text, "bilag/regnskab.pdf": b"%PDF"})
    result = cli("check", "--root", root)
    assert result.exit_code == 1
    assert "records/meetings/m.md:13:7: error: en lukket blok (`::: lukket`) begynder her, men lukkes aldrig" in result.stderr
    # a record with an error is never rendered, so nothing after the fence is published
    assert cli("render", "minutes", "m", "--root", root, "--public").exit_code == 1


PUBLIC_DECISION_MESSAGES = {
    "da": [
        "punkt 1 er ikke lukket: dets `decision` offentliggøres, som den står; `public_decision` er kun for et lukket punkt",
        "punkt 1 har en `public_decision`, men mødet er `planned` (planlagt); kun et afholdt møde har beslutninger",
    ],
    "en": [
        "item 1 is not closed: its `decision` is published as it stands; `public_decision` is for a closed item only",
        "item 1 has a `public_decision`, but the meeting is `planned`; only a held meeting has decisions",
    ],
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_public_decision_belongs_to_a_closed_item_of_a_held_meeting(check, lang):
    open_item = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: a\n    decision: x\n    public_decision: y\n"
    planned = "kind: meeting\nbody: aeldreraadet\ndate: 2099-03-04\nstatus: planned\nitems:\n  - title: a\n    closed: true\n    public_decision: y\n"
    _, diagnostics = check({"records/meetings/a.yaml": open_item, "records/meetings/b.yaml": planned}, config=f"language: {lang}\n")
    public, not_held = PUBLIC_DECISION_MESSAGES[lang]
    assert [(d[0], d[1], d[4], d[5]) for d in located(diagnostics)] == [
        ("records/meetings/a.yaml", 8, "public-decision-not-closed", public),
        ("records/meetings/b.yaml", 8, "decision-not-held", not_held),
    ]


# --- the accessibility statement -----------------------------------------------------------------


def test_every_page_links_the_accessibility_statement(repo_factory, cli, tmp_path):
    config = "language: da\naccessibility_statement: https://was.digst.dk/eksempel-dk\n"
    root = repo_factory({M: meeting(), "bilag/regnskab.pdf": b"%PDF"}, config=config)
    for fmt in ("html", "md"):
        out = tmp_path / fmt
        assert cli("build", "--root", root, "--public", "--format", fmt, "-o", out).exit_code == 0
        pages = [p for p in out.rglob(f"*.{fmt}")]
        assert len(pages) >= 4
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert "https://was.digst.dk/eksempel-dk" in text and "Tilgængelighedserklæring" in text, page


def test_a_statement_that_is_no_web_address_is_refused(repo_factory, cli):
    root = repo_factory({}, config="accessibility_statement: javascript:alert(1)\n")
    result = cli("check", "--root", root)
    assert result.exit_code == 1 and "`javascript:alert(1)` er ikke en webadresse" in result.stderr


# --- whatever is closed, no public output holds it ------------------------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=6, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(secret=WORDS)
def test_no_public_output_holds_anything_closed(repo_factory, cli, tmp_path_factory, secret):
    """A word placed in every closed mechanism at once never reaches a public output."""
    marker = f"hemmelig{secret}"
    root = repo_factory({M: meeting(marker), "bilag/regnskab.pdf": b"%PDF"})
    outputs = [render(cli, root, "--public"), render(cli, root, "--public", "--format", "html")]
    out = tmp_path_factory.mktemp("pub")
    assert cli("build", "--root", root, "--public", "-o", out / "site").exit_code == 0
    assert cli("export", out / "eksport", "--root", root, "--public", "--format", "csv,jsonl").exit_code == 0
    assert cli("calendar", "--root", root, "-o", out / "k.ics").exit_code == 0
    outputs += [p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file()]
    assert all(marker not in text for text in outputs)
    assert marker in render(cli, root)  # and internal output holds it
