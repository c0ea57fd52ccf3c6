"""Earlier versions read fast (query/ical_versions.py): a meeting cut down to what its event
shows gives the very events the whole file gives, or is read whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, generate
from ensomhed_cli.query.ical_events import EventBuilder
from ensomhed_cli.query.ical_versions import VersionReader, meeting_cut


def reader(public: bool = False) -> VersionReader:
    return VersionReader(EventBuilder("Europe/Copenhagen", public), lambda body: f"navn på {body}")


def same_as_whole(path: str, text: str, public: bool = False) -> bool:
    """Whether the file was cut (not read whole), after checking that the cut gives the whole file's events."""
    read = reader(public)
    raw = text.encode()
    whole = read._record(path, text)
    assert read.events(path, raw) == whole, meeting_cut(text)
    return not read.key(path, raw).startswith("\0")


def meeting_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "records").rglob("*") if p.suffix in (".md", ".yaml") and "kind: meeting" in p.read_text(encoding="utf-8"))


def test_the_bundled_meetings_cut_to_their_events():
    files = meeting_files(PROJECT)
    cut = [same_as_whole(str(p.relative_to(PROJECT)), p.read_text(encoding="utf-8"), public) for p in files for public in (False, True)]
    assert len(files) > 5 and all(cut)


def test_generated_meetings_cut_to_their_events(tmp_path):
    root = generate(tmp_path / "g", 300, seed=3)
    files = meeting_files(root)
    assert len(files) > 100
    assert all(same_as_whole(str(p.relative_to(root)), p.read_text(encoding="utf-8")) for p in files)


HEAD = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstart: 10:00\nstatus: held\n"


@pytest.mark.parametrize(
    "items,cut",
    [
        ("items:\n- title: A\n  decision: Godkendt.\n- title: B\n", True),
        ("items:\n  -\n    type: decision\n    title: A\n", True),
        ("items:\n  - description: |\n      første\n\n      title: ikke en nøgle\n    title: A\n    closed: true\n", True),
        ("items:\n  - title: >\n      En lang\n      titel\n    number: 4a\n  -   title: B\n      decision: x\n", True),
        ("items:\n  - {title: A, decision: B}\n  - title: C\n", True),
        ("items:\n  - {title: A,\n     closed: true}\n", True),
        ("items:\n  - {title: A,\n    closed: true}\n", False),
        ("items:  # punkterne\n  # første punkt\n  - title: A\n    # en kommentar\n    decision: x\n", True),
        ("items:\n  - title: A\n# midt i\n  - title: B\n", False),
        ("items:\n  - title: A\n    decision: &d Godkendt\n  - title: *d\n", False),
        ("items:\n  - title: A\n    attachments:\n      - title: Bilag\n        closed: true\n", True),
        ("items:\n  - title: A\n\tdecision: x\n", False),
        ('items:\n  - "title": A\n', True),  # not a plain key: the item kept whole
        ("items: []\n", True),
        ("items: [{title: A}, {title: B, closed: true}]\n", True),
        ("items:\n  - Bare tekst\n", True),
        ("items:\n  - title: A\n   decision: x\n", False),
    ],
    ids=["dash_at_0", "dash_alone", "block_first", "folded_title_and_wider", "flow_item", "flow_over_lines", "flow_too_shallow",
         "comments", "comment_at_0", "alias", "nested_titles", "tab", "quoted_key", "empty", "flow_list", "scalar_item", "odd_indent"],
)
def test_an_item_of_any_shape_is_cut_or_read_whole(items, cut):
    assert same_as_whole("records/m.yaml", HEAD + items) == cut
    assert same_as_whole("records/m.yaml", HEAD + items, public=True) == cut


@pytest.mark.parametrize(
    "text,cut",
    [
        (HEAD + "location: >\n  Rådhuset,\n  lokale 4\nattendees:\n  - anna\n", True),
        (HEAD + "amendments:\n  - {date: 2024-04-01, text: x, by: anna}\ntitle: |\n  Møde\n", True),
        (HEAD + "# en kommentar\nlocation: Rådhuset\n", True),
        (HEAD + "# en kommentar\n  location: Rådhuset\n", False),
        (HEAD + "guests: [a, b]\n<<: {location: x}\n", False),
        (HEAD + "location: !!str Rådhuset\n", False),
    ],
    ids=["folded_location", "left_out_and_block_title", "comment", "comment_over_a_block", "merge_key", "tag"],
)
def test_top_level_keys_are_kept_or_read_whole(text, cut):
    assert same_as_whole("records/m.yaml", text) == cut


def test_a_markdown_meeting_is_cut_without_its_body():
    text = f"---\n{HEAD}items:\n  - title: A\n    decision: x\n---\n\nReferatets tekst.\n"
    read = reader()
    assert read.key("records/m.md", text.encode()) == read.key("records/m.md", text.replace("Referatets", "Rettet").encode())
    assert same_as_whole("records/m.md", text)


def test_a_plan_is_read_whole():
    text = "kind: plan\ntitle: P\nowner: raadet\nstatus: active\nmilestones:\n  - {id: a, title: A, date: 2024-05-01}\n"
    read = reader()
    assert read.key("records/p.yaml", text.encode()) == f"\0{text}"
    assert list(read.events("records/p.yaml", text.encode())) == ["milestone a"]


KEYS = st.sampled_from([
    "type: decision", "description: |\n{deep}Første linje\n\n{deep}title: ikke en nøgle", "decision: Godkendt.",
    "closed: true", "number: 7", "votes:\n{deep}- {{motion: x, for: [a], against: []}}", "recommendation: >\n{deep}At\n{deep}godkende",
    "# en kommentar", "presenters: [anna]", "title: Andet",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 4), st.integers(1, 3),
    st.lists(st.tuples(st.sampled_from(["Budget", "'Citeret: titel'", "|\n{deep}Blok\n{deep}titel"]), st.lists(KEYS, max_size=5)),
             min_size=1, max_size=4),
)
def test_any_block_shape_of_items_cuts_to_the_whole_files_events(dash, gap, items):
    keys = " " * (dash + 1 + gap)
    deep = keys + "  "
    lines = ["items:"]
    for title, rest in items:
        entry = [f"title: {title}", *rest]
        lines.append(" " * dash + "-" + " " * gap + entry[0].format(deep=deep))
        lines += [keys + key.format(deep=deep) for key in entry[1:]]
    text = HEAD + "\n".join(lines) + "\n"
    assert same_as_whole("records/m.yaml", text) or "# en kommentar" in text


@pytest.mark.parametrize("text", ["- a\n" + HEAD, "  indented: x\n" + HEAD, ""], ids=["list_first", "indented_first", "empty"])
def test_a_front_matter_that_does_not_begin_with_a_key_is_read_whole(text):
    assert not same_as_whole("records/m.yaml", text)
