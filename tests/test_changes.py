"""The semantic diff as a library: snapshot() of in-memory files, compare() of two snapshots.

Every change kind is checked with its exact type, field, message, old and new value,
and in the order it is reported, in Danish (the default) and for a sample in English;
records with errors are compared as written; the text, Markdown and JSON outputs are
checked to the character in both languages. No git is needed here (tests/test_diff.py
runs `ensomhed diff` against real repositories).
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from conftest import write_repo
from ensomhed_cli.review.diff import Change, RecordChange, _measure, _short, compare
from ensomhed_cli.review.phrases import amount, clock, number, say, value_word
from ensomhed_cli.review.report import as_json, as_markdown, as_text
from ensomhed_cli.review.snapshot import Snapshot, snapshot, working_tree

M = "records/meetings/m.yaml"
P = "records/plans/plan.yaml"
I = "records/initiatives/cafe.yaml"  # noqa: E741
B = "records/bodies/raadet.yaml"

# The records the others refer to: people, bodies and a plan with labels to look up.
CONTEXT = {
    "records/people/anna.yaml": "kind: person\nname: Anna Hansen\n",
    "records/people/bo.yaml": "kind: person\nname: Bo Madsen\n",
    "records/people/anne.yaml": "kind: person\nname: Anne Holm\n",
    B: "kind: body\nname: Ældrerådet\ntype: advisory_council\n",
    "records/bodies/byraadet.yaml": "kind: body\nname: Byrådet\ntype: council\n",
    "records/bodies/center.yaml": "kind: body\nname: Center for Sundhed\ntype: department\n",
    P: "kind: plan\ntitle: Ensomhedsplan\nowner: raadet\nstatus: active\n",
}

MEETING = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: planned\n"
HELD = MEETING.replace("planned", "held")
PLAN = "kind: plan\ntitle: Ensomhedsplan\nowner: raadet\nstatus: active\n"
INITIATIVE = "kind: initiative\ntitle: Café\nstatus: active\ncategory: community\n"
BODY = "kind: body\nname: Ældrerådet\ntype: advisory_council\n"


def encode(texts: dict[str, str | bytes]) -> dict[str, bytes]:
    return {
        path: text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode("utf-8")
        for path, text in texts.items()
    }


def snap(texts: dict[str, str | bytes]) -> Snapshot:
    return snapshot(encode(texts))


def changes_to(path: str, old: str, new: str, context: dict[str, str] = CONTEXT, lang: str | None = None) -> list[Change]:
    """The changes found in the one record at `path` when its text goes from `old` to `new`."""
    before, after = snap({**context, path: old}), snap({**context, path: new})
    found = compare(before, after) if lang is None else compare(before, after, lang)
    if not found:
        return []
    assert len(found) == 1, found
    [record] = found
    assert (record.change, record.path, record.old_path) == ("changed", path, None)
    # A side with errors is said first (tests/test_diff_invalid.py); the comparison follows.
    return [c for c in record.changes if c.type != "invalid"]


def block(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# --- the plain values the records become (every default filled in) --------------------------


def item(number, title: str, **fields) -> dict:
    return {
        "number": number, "title": title, "type": None, "case": None, "start": None, "end": None,
        "presenters": [], "summary": None, "description": None, "sections": [], "economy": None, "authority": None,
        "recommendation": None, "decision": None, "public_decision": None, "attachments": [], "closed": False, "status": "treated",
        "votes": [], "statements": [], "absent": [], "initiatives": [], "plans": [], "actions": [], **fields,
    }


def action(what: str, owners: list[str], **fields) -> dict:
    return {"what": what, "owners": owners, "due": None, "status": "open", "done_on": None, **fields}


def absence(person: str, **fields) -> dict:
    return {"person": person, "reason": None, "substitute": None, "notice": True, **fields}


def attendee(person: str, **fields) -> dict:
    return {"person": person, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None, **fields}


def staff(person: str, role=None) -> dict:
    return {"person": person, "role": role}


def item_absence(person: str, **fields) -> dict:
    return {"person": person, "reason": None, "conflict_of_interest": False, **fields}


def vote(motion=None, for_=(), against=(), abstained=()) -> dict:
    return {"motion": motion, "for": list(for_), "against": list(against), "abstained": list(abstained)}


def statement(type_: str, by: list[str], text: str) -> dict:
    return {"type": type_, "by": by, "text": text}


def goal(gid: str, title: str, **fields) -> dict:
    return {
        "id": gid, "title": title, "theme": None, "indicator": None, "unit": None, "baseline": None,
        "target": None, "measurements": [], "direction": None, "status": None, "status_note": None, **fields,
    }


def measurement(date: str, value, note=None) -> dict:
    return {"date": date, "value": value, "note": note}


def milestone(mid: str, title: str, **fields) -> dict:
    return {
        "id": mid, "title": title, "date": None, "status": "planned", "depends_on": [],
        "participants": [], "description": None, **fields,
    }


def reach(date: str, **fields) -> dict:
    return {"from": None, "date": date, "participants": None, "new_relations": None, "note": None, **fields}


def budget(amount, **fields) -> dict:
    return {"amount": amount, "currency": "DKK", "year": None, "source": None, **fields}


# --- module helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "nothing"),
        (0, "0"),
        ("", ""),
        (False, "False"),
        ("  Rådet \n bakker\top  ", "Rådet bakker op"),
        ({"by": "Ærø", "n": [1, None]}, '{"by": "Ærø", "n": [1, null]}'),
        (["anna", "bo"], '["anna", "bo"]'),
        ("x" * 80, "x" * 80),
        ("x" * 81, "x" * 79 + "…"),
        ("æ" * 100, "æ" * 79 + "…"),
        ("a" + " " * 100 + "b", "a b"),
        (12.5, "12.5"),
    ],
    ids=["none", "zero", "empty", "false", "whitespace", "dict-json", "list-json", "80-kept", "81-cut", "cut-unicode", "spaces-collapsed-first", "decimal"],
)
def test_short_renders_a_value_on_one_line_of_at_most_80_characters(value, text):
    assert _short(value) == text
    assert _short(value, "en") == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "intet"), (12.5, "12,5"), (7, "7"), ("12.5", "12.5"), ("x" * 81, "x" * 79 + "…")],
    ids=["none", "decimal-comma", "integer", "text-as-written", "cut"],
)
def test_short_in_danish_says_nothing_and_writes_a_decimal_comma(value, text):
    assert _short(value, "da") == text


@pytest.mark.parametrize(
    ("value", "da", "en"),
    [
        (None, "intet", "nothing"),
        ("5", "intet", "nothing"),
        ({"value": 5}, "5", "5"),
        ({"value": 5, "date": None}, "5", "5"),
        ({"value": 12.5, "date": "2027-12-31"}, "12,5 (2027-12-31)", "12.5 (2027-12-31)"),
        ({"date": "2027-12-31"}, "None (2027-12-31)", "None (2027-12-31)"),
    ],
    ids=["none", "not-a-mapping", "value", "value-no-date", "value-and-date", "date-only"],
)
def test_measure_shows_value_and_date(value, da, en):
    assert (_measure(value, "da"), _measure(value, "en"), _measure(value)) == (da, en, en)


@pytest.mark.parametrize(
    ("value", "da", "en"),
    [
        (150000, "150.000", "150,000"),
        (1000, "1.000", "1,000"),
        (999, "999", "999"),
        (0, "0", "0"),
        (20000.5, "20.000,50", "20,000.50"),
        (2500.0, "2.500", "2,500"),
        ("mange", "mange", "mange"),
        (True, "True", "True"),
        (None, "intet", "nothing"),
    ],
    ids=["thousands", "one-thousand", "hundreds", "zero", "decimals", "whole-float", "text", "bool", "none"],
)
def test_amounts_are_written_with_thousands_separated(value, da, en):
    assert (amount(value, "da"), amount(value, "en")) == (da, en)


@pytest.mark.parametrize(
    ("value", "da", "en"),
    [("17:30", "17.30", "17:30"), ("7:30", "7:30", "7:30"), ("2024-03-04", "2024-03-04", "2024-03-04"), (None, "intet", "nothing")],
    ids=["time", "not-hh-mm", "date", "none"],
)
def test_clock_writes_a_time_the_way_the_language_does(value, da, en):
    assert (clock(value, "da"), clock(value, "en")) == (da, en)


def test_number_writes_only_decimals_differently():
    assert (number(3, "da"), number(3.25, "da"), number(3.25, "en"), number("3.25", "da")) == ("3", "3,25", "3.25", "3.25")


@pytest.mark.parametrize(
    ("value", "da", "en"),
    [
        ("held", "afholdt", "held"),
        ("withdrawn", "taget af dagsordenen", "withdrawn from the agenda"),
        ("on_track", "på rette spor", "on track"),
        ("off_track", "ikke på rette spor", "off track"),
        ("decrease", "fald", "decrease"),
        ("dissent", "mindretalsudtalelse", "minority statement"),
        ("protocol_note", "protokoltilførsel", "note to the minutes"),
        ("Rådhuset", None, None),
        (5, None, None),
    ],
    ids=["status", "item-status", "goal-status", "off-track", "direction", "dissent", "protocol-note", "free-text", "not-text"],
)
def test_values_of_the_format_in_words(value, da, en):
    assert (value_word(value, "da"), value_word(value, "en")) == (da, en)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        say("moved", "de", old="x")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        compare(snap({}), snap({}), "de")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        as_text([], "de")


# --- snapshot ------------------------------------------------------------------------------------


def test_snapshot_keeps_valid_records_as_plain_data_without_their_id():
    found = snap({"records/people/anna.yaml": "kind: person\nid: anna\nname: Anna Hansen\ntitle: konsulent\n"})
    assert found.records == {
        ("person", "anna"): (
            "records/people/anna.yaml",
            {
                "kind": "person", "name": "Anna Hansen", "title": "konsulent", "organisation": None,
                "email": None, "party": None, "tags": [], "extra": {}, "description": None,
            },
            "Anna Hansen",
        )
    }


def test_snapshot_markdown_body_is_the_description_and_labels_by_title():
    found = snap({"records/initiatives/cafe.md": "---\nkind: initiative\ntitle: Café\nstatus: active\ncategory: community\n---\nHver tirsdag.\n"})
    path, data, label = found.records[("initiative", "cafe")]
    assert (path, label, data["description"], "id" in data) == ("records/initiatives/cafe.md", "Café", "Hver tirsdag.", False)


@pytest.mark.parametrize(
    ("text", "key", "data", "label"),
    [
        # missing `name`: kept as written, id from the file name, labelled by its title
        ("kind: person\ntitle: konsulent\n", ("person", "carl"), {"kind": "person", "title": "konsulent"}, "konsulent"),
        # an unknown key: the id given is taken out of the data, the name is the label
        ("kind: person\nid: karl\nname: Karl\nbad: 1\n", ("person", "karl"), {"kind": "person", "name": "Karl", "bad": "1"}, "Karl"),
        # title before name
        ("kind: person\nname: Karl\ntitle: T\nbad: 1\n", ("person", "carl"), {"kind": "person", "name": "Karl", "title": "T", "bad": "1"}, "T"),
        # an empty id falls back to the file name, which is also the label
        ("kind: person\nid: ''\nbad: 1\n", ("person", "carl"), {"kind": "person", "bad": "1"}, "carl"),
        # an id that is not text is made text
        ("kind: person\nid: 7\nname: ''\n", ("person", "7"), {"kind": "person", "name": ""}, "7"),
        ("kind: person\nid: [a]\nname: ''\n", ("person", "['a']"), {"kind": "person", "name": ""}, "['a']"),
        # a kind nobody knows is still a record of that kind
        ("kind: widget\nname: W\n", ("widget", "carl"), {"kind": "widget", "name": "W"}, "W"),
    ],
    ids=["no-name", "id-given", "title-first", "empty-id", "numeric-id", "list-id", "unknown-kind"],
)
def test_snapshot_keeps_a_record_with_errors_as_written(text, key, data, label):
    assert snap({"records/people/carl.yaml": text}).records == {key: ("records/people/carl.yaml", data, label)}


@pytest.mark.parametrize(
    "files",
    [
        {"records/people/a.yaml": b"kind: person\nname: S\xf8ren\n"},
        {"records/people/a.md": "kind: person\nname: x\n"},
        {"records/people/a.yaml": "- kind\n- person\n"},
        {"records/people/a.yaml": "kind: [person]\nname: x\n"},
        {"records/people/a.yaml": "name: x\n"},
        {"records/people/a.yaml": "kind: {a: b}\nname: x\n"},
    ],
    ids=["not-utf8", "md-without-front-matter", "a-list", "kind-a-list", "no-kind", "kind-a-mapping"],
)
def test_snapshot_leaves_out_files_that_are_no_record(files):
    later = {"records/people/b.yaml": "kind: person\nname: Bo\n"}
    assert list(snap({**files, **later}).records) == [("person", "b")]


def test_snapshot_first_file_in_path_order_wins_a_duplicate_id():
    files = {
        "records/people/z.yaml": "kind: person\nid: anna\nname: Anna Z\n",
        "records/people/b.yaml": "kind: person\nid: anna\nname: [bad]\n",
        "records/people/a/anna.yaml": "kind: person\nname: Anna A\n",
    }
    found = snap(files)
    assert list(found.records) == [("person", "anna")]
    assert found.records[("person", "anna")][0] == "records/people/a/anna.yaml"
    assert found.records[("person", "anna")][2] == "Anna A"


def test_snapshot_first_record_with_errors_wins_a_duplicate_id():
    files = {
        "records/people/z.yaml": "kind: person\nid: anna\nname: Z\nbad: 1\n",
        "records/people/a.yaml": "kind: person\nid: anna\nname: A\nbad: 1\n",
    }
    assert snap(files).records[("person", "anna")][0] == "records/people/a.yaml"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("kind: meeting\ntitle: Temamøde\nbody: raadet\ndate: 2024-03-04\nstatus: held\n", "Temamøde, 2024-03-04"),
        ("kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\n", "Ældrerådet, 2024-03-04"),
        ("kind: meeting\nbody: udvalg\ndate: 2024-03-04\nstatus: held\n", "udvalg, 2024-03-04"),
        # with errors (no status): the same rule on the data as written
        ("kind: meeting\nbody: raadet\ndate: 2024-03-04\n", "Ældrerådet, 2024-03-04"),
        ("kind: meeting\ndate: 2024-03-04\n", "m, 2024-03-04"),
        ("kind: meeting\ntitle: ''\nbody: ''\n", "m, None"),
    ],
    ids=["title", "body-name", "unknown-body", "errors-body-name", "errors-no-body", "errors-nothing"],
)
def test_snapshot_labels_a_meeting_by_title_or_body_and_date(text, label):
    found = snap({B: BODY, M: text})
    assert found.records[("meeting", "m")][2] == label
    assert found.records[("body", "raadet")][2] == "Ældrerådet"


def test_snapshot_name_looks_up_a_label_by_id():
    found = snap(CONTEXT)
    assert found.name("bo") == "Bo Madsen"
    assert found.name("plan") == "Ensomhedsplan"
    assert found.name("carl") is None


def test_working_tree_reads_every_record_file_by_its_relative_path(tmp_path):
    root = write_repo(tmp_path, {
        "records/people/anna.yaml": "kind: person\nname: Anna\n",
        "records/meetings/m.md": "---\nkind: meeting\n---\n",
        "records/notes.txt": "not a record\n",
        "README.md": "# hi\n",
    })
    assert working_tree(root) == {
        "records/meetings/m.md": b"---\nkind: meeting\n---\n",
        "records/people/anna.yaml": b"kind: person\nname: Anna\n",
    }


def test_working_tree_skips_a_file_that_cannot_be_read(tmp_path, monkeypatch):
    root = write_repo(tmp_path, {
        "records/a.yaml": "kind: person\nname: A\n",
        "records/b.yaml": "kind: person\nname: B\n",
        "records/c.yaml": "kind: person\nname: C\n",
    })
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "b.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert working_tree(root) == {"records/a.yaml": b"kind: person\nname: A\n", "records/c.yaml": b"kind: person\nname: C\n"}


def test_working_tree_of_a_repository_without_records_is_empty(tmp_path):
    assert working_tree(write_repo(tmp_path, {})) == {}



def test_snapshot_keeps_a_person_written_as_a_plain_id_as_that_id():
    """The typed record makes `anna` a mapping; the snapshot gives it back as written."""
    text = block("""
        kind: meeting
        body: raadet
        date: 2024-03-04
        status: held
        attendees: [anna, {person: bo, from_item: 2}, {person: anne}]
        absent: [carl, {person: dora, notice: false}]
        staff: [eva, {person: finn, role: referent}]
        items:
          - title: A
            absent: [anna, {person: bo, conflict_of_interest: true}]
          - title: B
        """)
    data = snap({M: text}).records[("meeting", "m")][1]
    assert data["attendees"] == ["anna", attendee("bo", from_item=2), attendee("anne")]
    assert data["absent"] == ["carl", absence("dora", notice=False)]
    assert data["staff"] == ["eva", staff("finn", "referent")]
    assert data["items"][0]["absent"] == ["anna", item_absence("bo", conflict_of_interest=True)]
    assert data["items"][1]["absent"] == []


def test_snapshot_of_other_kinds_keeps_their_typed_values():
    """Only a meeting's lists of people are given back as written; a body's members stay mappings."""
    data = snap({B: BODY + "members: [{person: anna}]\n"}).records[("body", "raadet")][1]
    assert data["members"] == [{"person": "anna", "role": None}]


# --- compare: records added, removed, moved ------------------------------------------------------


def test_compare_equal_snapshots_report_nothing():
    assert compare(snap(CONTEXT), snap(CONTEXT)) == []


def test_compare_added_and_removed_records():
    old = snap({**CONTEXT, "records/initiatives/cafe.yaml": INITIATIVE})
    new = snap({**CONTEXT, "records/people/carl.yaml": "kind: person\nname: Carl\n"})
    assert compare(old, new) == [
        RecordChange("initiative", "cafe", "Café", "removed", "records/initiatives/cafe.yaml"),
        RecordChange("person", "carl", "Carl", "added", "records/people/carl.yaml"),
    ]
    assert compare(new, old) == [
        RecordChange("initiative", "cafe", "Café", "added", "records/initiatives/cafe.yaml"),
        RecordChange("person", "carl", "Carl", "removed", "records/people/carl.yaml"),
    ]


@pytest.mark.parametrize(
    ("lang", "moved", "name"),
    [
        ("da", "Flyttet fra records/people/bo.yaml", "Navn: Bo Madsen → Bo M. Madsen"),
        ("en", "Moved from records/people/bo.yaml", "Name: Bo Madsen → Bo M. Madsen"),
    ],
)
def test_compare_moved_record_is_the_same_record(lang, moved, name):
    files = {k: v for k, v in CONTEXT.items() if k != "records/people/bo.yaml"}
    files["records/people/folk/bo.yaml"] = "kind: person\nname: Bo M. Madsen\n"
    assert compare(snap(CONTEXT), snap(files), lang) == [
        RecordChange(
            "person", "bo", "Bo M. Madsen", "changed", "records/people/folk/bo.yaml", "records/people/bo.yaml",
            [
                Change("moved", "path", moved, "records/people/bo.yaml", "records/people/folk/bo.yaml"),
                Change("field-changed", "name", name, "Bo Madsen", "Bo M. Madsen"),
            ],
        )
    ]


def test_compare_moved_only():
    moved = {k: v for k, v in CONTEXT.items() if k != "records/people/bo.yaml"}
    moved["records/people/folk/bo.yaml"] = CONTEXT["records/people/bo.yaml"]
    [record] = compare(snap(CONTEXT), snap(moved))
    assert record.old_path == "records/people/bo.yaml"
    assert record.changes == [Change("moved", "path", "Flyttet fra records/people/bo.yaml", "records/people/bo.yaml", "records/people/folk/bo.yaml")]


def test_compare_each_record_gets_only_its_own_changes():
    old = snap({**CONTEXT, M: MEETING})
    new = snap({
        **CONTEXT,
        M: HELD,
        "records/people/anna.yaml": "kind: person\nname: Anna Jensen\n",
        "records/people/bo.yaml": "kind: person\nname: Bo Madsen\ntitle: leder\n",
    })
    assert compare(old, new) == [
        RecordChange("meeting", "m", "Ældrerådet, 2024-03-04", "changed", M, None, [Change("status-changed", "status", "Status: planlagt → afholdt", "planned", "held")]),
        RecordChange("person", "anna", "Anna Jensen", "changed", "records/people/anna.yaml", None, [Change("field-changed", "name", "Navn: Anna Hansen → Anna Jensen", "Anna Hansen", "Anna Jensen")]),
        RecordChange("person", "bo", "Bo Madsen", "changed", "records/people/bo.yaml", None, [Change("field-added", "title", "Stilling tilføjet: leder", None, "leder")]),
    ]
def test_compare_orders_by_kind_then_date_then_id():
    def meeting(date: str, status: str = "planned") -> str:
        return f"kind: meeting\nbody: raadet\ndate: {date}\nstatus: {status}\n"

    old = snap({
        "records/people/bo.yaml": "kind: person\nname: Bo\n",
        "records/meetings/m1.yaml": meeting("2024-05-01"),
        "records/meetings/m2.yaml": meeting("2024-03-01"),
        "records/meetings/m3.yaml": meeting("2024-02-01"),
        "records/meetings/gone.yaml": meeting("2024-04-01"),
    })
    new = snap({
        "records/x/w.yaml": "kind: widget\nname: W\n",
        "records/people/anna.yaml": "kind: person\nname: Anna\n",
        "records/bodies/raadet.yaml": BODY,
        "records/initiatives/cafe.yaml": INITIATIVE,
        "records/plans/plan.yaml": PLAN,
        "records/meetings/m1.yaml": meeting("2024-01-01"),  # moved to January: first by its new date
        "records/meetings/m2.yaml": meeting("2024-03-01", "held"),
        "records/meetings/m3.yaml": meeting("2024-02-01", "held"),
        "records/meetings/b.yaml": meeting("2024-06-01"),
        "records/meetings/a.yaml": meeting("2024-06-01"),
        "records/meetings/n.yaml": "kind: meeting\ndate: [5]\n",  # a date that is no text sorts first
    })
    assert [(r.kind, r.id, r.change) for r in compare(old, new)] == [
        ("meeting", "n", "added"),
        ("meeting", "m1", "changed"),
        ("meeting", "m3", "changed"),
        ("meeting", "m2", "changed"),
        ("meeting", "gone", "removed"),
        ("meeting", "a", "added"),
        ("meeting", "b", "added"),
        ("plan", "plan", "added"),
        ("initiative", "cafe", "added"),
        ("body", "raadet", "added"),
        ("person", "anna", "added"),
        ("person", "bo", "removed"),
        ("widget", "w", "added"),
    ]



# --- compare: meetings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("location: Rådhuset\n", "location: Biblioteket\n", [Change("field-changed", "location", "Sted: Rådhuset → Biblioteket", "Rådhuset", "Biblioteket")]),
        ("", "location: Rådhuset\n", [Change("field-added", "location", "Sted tilføjet: Rådhuset", None, "Rådhuset")]),
        ("location: Rådhuset\n", "", [Change("field-removed", "location", "Sted fjernet (var Rådhuset)", "Rådhuset", None)]),
        ("start: '10:00'\n", "start: '11:30'\n", [Change("field-changed", "start", "Start: 10.00 → 11.30", "10:00", "11:30")]),
        ("", "minutes_approved: 2024-04-01\n", [Change("field-added", "minutes_approved", "Godkendelse af referatet tilføjet: 2024-04-01", None, "2024-04-01")]),
        ("", "mode: hybrid\n", [Change("field-added", "mode", "Mødeform tilføjet: hybridmøde", None, "hybrid")]),
        ("mode: online\n", "mode: in_person\n", [Change("field-changed", "mode", "Mødeform: online → fysisk møde", "online", "in_person")]),
        # references to records are shown by the record's name
        ("", "chair: bo\n", [Change("field-added", "chair", "Formand/ordstyrer tilføjet: Bo Madsen", None, "Bo Madsen")]),
        ("chair: anna\n", "chair: bo\n", [Change("field-changed", "chair", "Formand/ordstyrer: Anna Hansen → Bo Madsen", "Anna Hansen", "Bo Madsen")]),
        ("chair: anna\n", "", [Change("field-removed", "chair", "Formand/ordstyrer fjernet (var Anna Hansen)", "Anna Hansen", None)]),
        ("", "secretary: carl\n", [Change("field-added", "secretary", "Referent tilføjet: carl", None, "carl")]),
        # a field that is no reference is shown as written, even when it looks like an id or a status
        ("", "location: bo\n", [Change("field-added", "location", "Sted tilføjet: bo", None, "bo")]),
        ("", "location: held\n", [Change("field-added", "location", "Sted tilføjet: held", None, "held")]),
        # attendees by person; an attendee written as an id is that id in old and new
        ("attendees: [anna]\n", "attendees: [anna, bo]\n", [Change("attendee-added", "attendees[bo]", "Deltager tilføjet: Bo Madsen", None, "bo")]),
        ("attendees: [anna, bo]\n", "attendees: [bo]\n", [Change("attendee-removed", "attendees[anna]", "Deltager fjernet: Anna Hansen", "anna", None)]),
        ("attendees: [anna, bo]\n", "attendees: [carl]\n", [
            Change("attendee-added", "attendees[carl]", "Deltager tilføjet: carl", None, "carl"),
            Change("attendee-removed", "attendees[anna]", "Deltager fjernet: Anna Hansen", "anna", None),
            Change("attendee-removed", "attendees[bo]", "Deltager fjernet: Bo Madsen", "bo", None),
        ]),
        ("attendees: [anna, bo]\n", "attendees: [bo, anna]\n", []),  # no change at all
        # absences: afbud (with notice, the default) or fraværende
        ("", "absent: [{person: bo, reason: syg}]\n", [Change("absence-added", "absent[bo]", "Bo Madsen meldt afbud (syg)", None, absence("bo", reason="syg"))]),
        ("", "absent: [bo]\n", [Change("absence-added", "absent[bo]", "Bo Madsen meldt afbud", None, "bo")]),
        ("", "absent: [{person: bo, notice: false}]\n", [Change("absence-added", "absent[bo]", "Bo Madsen fraværende", None, absence("bo", notice=False))]),
        ("", "absent: [{person: bo, reason: ferie, substitute: anna}]\n", [
            Change("absence-added", "absent[bo]", "Bo Madsen meldt afbud (ferie; stedfortræder Anna Hansen)", None, absence("bo", reason="ferie", substitute="anna")),
        ]),
        ("absent: [{person: bo, reason: syg}]\n", "", [Change("absence-removed", "absent[bo]", "Afbud fjernet: Bo Madsen", absence("bo", reason="syg"), None)]),
        ("absent: [{person: bo, notice: false}]\n", "", [Change("absence-removed", "absent[bo]", "Fravær fjernet: Bo Madsen", absence("bo", notice=False), None)]),
        ("absent: [{person: bo, reason: syg}]\n", "absent: [{person: bo, reason: ferie, substitute: anna}]\n", [
            Change("field-changed", "absent[bo].reason", "Årsag til afbud fra Bo Madsen: syg → ferie", "syg", "ferie"),
            Change("field-added", "absent[bo].substitute", "Stedfortræder til afbud fra Bo Madsen tilføjet: Anna Hansen", None, "Anna Hansen"),
        ]),
        ("absent: [bo]\n", "absent: [{person: bo, notice: false}]\n", [
            Change("absence-notice-changed", "absent[bo]", "Bo Madsen fraværende", "bo", absence("bo", notice=False)),
        ]),
        ("absent: [{person: bo, notice: false, reason: syg}]\n", "absent: [{person: bo, reason: influenza}]\n", [
            Change("absence-notice-changed", "absent[bo]", "Bo Madsen meldt afbud (influenza)", absence("bo", notice=False, reason="syg"), absence("bo", reason="influenza")),
            Change("field-changed", "absent[bo].reason", "Årsag til afbud fra Bo Madsen: syg → influenza", "syg", "influenza"),
        ]),
        ("absent: [{person: bo, reason: syg}]\n", "absent: [{person: bo, reason: ukendt, notice: false}]\n", [
            Change("absence-notice-changed", "absent[bo]", "Bo Madsen fraværende (ukendt)", absence("bo", reason="syg"), absence("bo", reason="ukendt", notice=False)),
            Change("field-changed", "absent[bo].reason", "Årsag til fravær for Bo Madsen: syg → ukendt", "syg", "ukendt"),
        ]),
        # the same entry written as an id or as a mapping is no change
        ("absent: [bo]\n", "absent: [{person: bo, notice: true}]\n", []),
        ("attendees: [anna]\n", "attendees: [{person: anna}]\n", []),
        # plain lists: entries added and removed, shown as written
        ("guests: [Jens]\n", "guests: [Jens, Karen]\n", [Change("list-added", "guests", "Gæster: + Karen", None, "Karen")]),
        ("guests: [Jens, Karen]\n", "guests: [Karen]\n", [Change("list-removed", "guests", "Gæster: − Jens", "Jens", None)]),
        ("tags: [bo]\n", "tags: [anna]\n", [
            Change("list-added", "tags", "Tags: + anna", None, "anna"),
            Change("list-removed", "tags", "Tags: − bo", "bo", None),
        ]),
        # long text: said to have changed, the texts kept as old and new
        ("description: |\n  Linje 1\n  Linje 2\n", "description: Linje 1\n", [Change("field-changed", "description", "Beskrivelse ændret", "Linje 1\nLinje 2\n", "Linje 1")]),
        ("description: Linje 1\n", "description: |\n  Linje 1\n  Linje 2\n", [Change("field-changed", "description", "Beskrivelse ændret", "Linje 1", "Linje 1\nLinje 2\n")]),
        ("description: Kort\n", "description: Lang\n", [Change("field-changed", "description", "Beskrivelse: Kort → Lang", "Kort", "Lang")]),
    ],
    ids=[
        "location-changed", "location-set", "location-removed", "time", "date-set", "mode-set", "mode-changed",
        "chair-set", "chair-changed", "chair-removed", "unknown-ref", "not-a-reference", "not-an-enum",
        "attendee-added", "attendee-removed", "attendees-replaced", "attendees-reordered",
        "absence-with-reason", "absence-as-id", "absence-without-notice", "absence-with-substitute",
        "absence-removed", "absence-without-notice-removed", "absence-changed", "notice-withdrawn",
        "notice-given", "notice-withdrawn-with-reason", "absence-rewritten", "attendee-rewritten",
        "guest-added", "guest-removed", "tags-are-not-references",
        "multiline-to-one-line", "one-line-to-multiline", "one-line-changed",
    ],
)
def test_meeting_field_changes(old, new, expected):
    assert changes_to(M, MEETING + old, MEETING + new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("location: Rådhuset\n", "location: Biblioteket\n", [Change("field-changed", "location", "Place: Rådhuset → Biblioteket", "Rådhuset", "Biblioteket")]),
        ("", "minutes_approved: 2024-04-01\n", [Change("field-added", "minutes_approved", "Minutes approved set: 2024-04-01", None, "2024-04-01")]),
        ("start: '10:00'\n", "start: '11:30'\n", [Change("field-changed", "start", "Start: 10:00 → 11:30", "10:00", "11:30")]),
        ("chair: anna\n", "", [Change("field-removed", "chair", "Chair removed (was Anna Hansen)", "Anna Hansen", None)]),
        ("mode: online\n", "mode: in_person\n", [Change("field-changed", "mode", "Format: online → in person", "online", "in_person")]),
        ("attendees: [anna]\n", "attendees: [bo]\n", [
            Change("attendee-added", "attendees[bo]", "Attendee added: Bo Madsen", None, "bo"),
            Change("attendee-removed", "attendees[anna]", "Attendee removed: Anna Hansen", "anna", None),
        ]),
        ("", "absent: [{person: bo, reason: syg}, {person: anna, notice: false}]\n", [
            Change("absence-added", "absent[bo]", "Apologies from Bo Madsen (syg)", None, absence("bo", reason="syg")),
            Change("absence-added", "absent[anna]", "Anna Hansen absent without notice", None, absence("anna", notice=False)),
        ]),
        ("absent: [bo, {person: anna, notice: false}]\n", "", [
            Change("absence-removed", "absent[bo]", "Apologies removed: Bo Madsen", "bo", None),
            Change("absence-removed", "absent[anna]", "Absence removed: Anna Hansen", absence("anna", notice=False), None),
        ]),
        ("absent: [{person: bo, reason: syg}]\n", "absent: [{person: bo, reason: ferie}]\n", [
            Change("field-changed", "absent[bo].reason", "Absence Bo Madsen reason: syg → ferie", "syg", "ferie"),
        ]),
        ("guests: [Jens]\n", "guests: [Karen]\n", [
            Change("list-added", "guests", "Guests: + Karen", None, "Karen"),
            Change("list-removed", "guests", "Guests: − Jens", "Jens", None),
        ]),
        ("description: Kort\n", "description: |\n  Lang\n  tekst\n", [Change("field-changed", "description", "Description changed", "Kort", "Lang\ntekst\n")]),
    ],
    ids=["location", "date-set", "time", "chair-removed", "mode", "attendees", "absences-added", "absences-removed", "absence-reason", "guests", "long-text"],
)
def test_meeting_field_changes_in_english(old, new, expected):
    assert changes_to(M, MEETING + old, MEETING + new, lang="en") == expected


@pytest.mark.parametrize(("lang", "message"), [("da", "Status: planlagt → afholdt"), ("en", "Status: planned → held")])
def test_meeting_status_change(lang, message):
    assert changes_to(M, MEETING, HELD, lang=lang) == [Change("status-changed", "status", message, "planned", "held")]


def test_meeting_body_change_names_both_bodies():
    context = {**CONTEXT, "records/bodies/udvalg.yaml": "kind: body\nname: Sundhedsudvalget\ntype: committee\n"}
    found = compare(snap({**context, M: MEETING}), snap({**context, M: MEETING.replace("raadet", "udvalg")}))
    assert found == [
        RecordChange("meeting", "m", "Sundhedsudvalget, 2024-03-04", "changed", M, None, [
            Change("field-changed", "body", "Forum: Ældrerådet → Sundhedsudvalget", "Ældrerådet", "Sundhedsudvalget"),
        ])
    ]


def test_names_come_from_the_new_version_then_the_old():
    old = snap({**CONTEXT, M: MEETING + "attendees: [anna, bo]\n"})
    new_context = {**CONTEXT, "records/people/anna.yaml": "kind: person\nname: Anna Jensen\n"}
    del new_context["records/people/bo.yaml"]
    new = snap({**new_context, M: MEETING + "attendees: [anna]\nchair: anna\n"})
    [meeting, *_] = compare(old, new)
    assert meeting.changes == [
        Change("field-added", "chair", "Formand/ordstyrer tilføjet: Anna Jensen", None, "Anna Jensen"),
        Change("attendee-removed", "attendees[bo]", "Deltager fjernet: Bo Madsen", "bo", None),
    ]


# --- format 1.1: the meeting's end, partial attendance, staff ------------------------------------


@pytest.mark.parametrize(
    ("base", "old", "new", "da", "en"),
    [
        (HELD, None, "17:30", "Mødet sluttede kl. 17.30", "The meeting ended at 17:30"),
        (MEETING, None, "17:30", "Mødet slutter kl. 17.30", "The meeting ends at 17:30"),
        (HELD, "17:00", "17:30", "Mødets sluttidspunkt: kl. 17.00 → kl. 17.30", "Meeting end: 17:00 → 17:30"),
        (HELD, "17:30", None, "Mødets sluttidspunkt fjernet (var kl. 17.30)", "Meeting end removed (was 17:30)"),
    ],
    ids=["ended", "ends-on-the-agenda", "changed", "removed"],
)
def test_meeting_end(base, old, new, da, en):
    def text(end):
        return base + "start: '14:00'\n" + (f"end: '{end}'\n" if end else "")

    for lang, message in (("da", da), ("en", en)):
        assert changes_to(M, text(old), text(new), lang=lang) == [Change("meeting-end-changed", "end", message, old, new)]


def test_meeting_end_set_when_the_meeting_is_held_says_when_it_ended():
    """The status of the new version says whether the end is minuted or planned."""
    assert changes_to(M, MEETING, HELD + "end: '16:00'\n") == [
        Change("meeting-end-changed", "end", "Mødet sluttede kl. 16.00", None, "16:00"),
        Change("status-changed", "status", "Status: planlagt → afholdt", "planned", "held"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("attendees: [anne]\n", "attendees: [{person: anne, from_item: 3}]\n", [
            Change("attendance-changed", "attendees[anne]", "Anne Holm deltog fra punkt 3", "anne", attendee("anne", from_item=3)),
        ]),
        ("attendees: [anne]\n", "attendees: [{person: anne, to_item: 6, left: '17:30'}]\n", [
            Change("attendance-changed", "attendees[anne]", "Anne Holm forlod mødet kl. 17.30 efter punkt 6", "anne", attendee("anne", to_item=6, left="17:30")),
        ]),
        ("attendees: [anne]\n", "attendees: [{person: anne, to_item: '7.1'}]\n", [
            Change("attendance-changed", "attendees[anne]", "Anne Holm forlod mødet efter punkt 7.1", "anne", attendee("anne", to_item="7.1")),
        ]),
        ("attendees: [anne]\n", "attendees: [{person: anne, arrived: '14:20', left: '16:00'}]\n", [
            Change("attendance-changed", "attendees[anne]", "Anne Holm kom kl. 14.20, forlod mødet kl. 16.00", "anne", attendee("anne", arrived="14:20", left="16:00")),
        ]),
        ("attendees: [{person: anne, from_item: 3}]\n", "attendees: [{person: anne, from_item: 2, to_item: 5}]\n", [
            Change("attendance-changed", "attendees[anne]", "Anne Holm deltog fra punkt 2, forlod mødet efter punkt 5", attendee("anne", from_item=3), attendee("anne", from_item=2, to_item=5)),
        ]),
        ("attendees: [{person: anne, from_item: 3}]\n", "attendees: [anne]\n", [
            Change("attendance-changed", "attendees[anne]", "Anne Holm deltog i hele mødet", attendee("anne", from_item=3), "anne"),
        ]),
        ("attendees: [anne]\n", "attendees: [{person: anne, note: deltog online}]\n", [
            Change("attendance-changed", "attendees[anne]", "Anne Holm deltog i hele mødet (deltog online)", "anne", attendee("anne", note="deltog online")),
        ]),
        ("", "attendees: [{person: anne, from_item: 3, note: deltog online}]\n", [
            Change("attendee-added", "attendees[anne]", "Deltager tilføjet: Anne Holm (deltog fra punkt 3; deltog online)", None, attendee("anne", from_item=3, note="deltog online")),
        ]),
        ("attendees: [{person: anne, from_item: 3}]\n", "", [
            Change("attendee-removed", "attendees[anne]", "Deltager fjernet: Anne Holm", attendee("anne", from_item=3), None),
        ]),
    ],
    ids=["from-item", "left-after-item", "left-after-sub-item", "arrived-and-left", "changed", "whole-meeting", "note", "added-partly", "removed"],
)
def test_partial_attendance(old, new, expected):
    assert changes_to(M, HELD + old, HELD + new) == expected


def test_partial_attendance_in_english():
    old, new = "attendees: [anne, bo]\n", "attendees: [{person: anne, from_item: 3}, {person: bo, to_item: 6, left: '17:30'}]\n"
    assert changes_to(M, HELD + old, HELD + new, lang="en") == [
        Change("attendance-changed", "attendees[anne]", "Anne Holm present from item 3", "anne", attendee("anne", from_item=3)),
        Change("attendance-changed", "attendees[bo]", "Bo Madsen left at 17:30 after item 6", "bo", attendee("bo", to_item=6, left="17:30")),
    ]
    assert changes_to(M, HELD + new, HELD + old, lang="en") == [
        Change("attendance-changed", "attendees[anne]", "Anne Holm was present for the whole meeting", attendee("anne", from_item=3), "anne"),
        Change("attendance-changed", "attendees[bo]", "Bo Madsen was present for the whole meeting", attendee("bo", to_item=6, left="17:30"), "bo"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "staff: [anne]\n", [Change("staff-added", "staff[anne]", "Fra forvaltningen deltog: Anne Holm", None, "anne")]),
        ("", "staff: [{person: bo, role: referent}]\n", [Change("staff-added", "staff[bo]", "Fra forvaltningen deltog: Bo Madsen (referent)", None, staff("bo", "referent"))]),
        ("staff: [anne, bo]\n", "staff: [bo]\n", [Change("staff-removed", "staff[anne]", "Fjernet fra forvaltningens deltagere: Anne Holm", "anne", None)]),
        ("staff: [{person: bo, role: referent}]\n", "staff: [{person: bo, role: sagsbehandler}]\n", [
            Change("field-changed", "staff[bo].role", "Rolle for Bo Madsen fra forvaltningen: referent → sagsbehandler", "referent", "sagsbehandler"),
        ]),
        ("staff: [bo]\n", "staff: [{person: bo, role: referent}]\n", [
            Change("field-added", "staff[bo].role", "Rolle for Bo Madsen fra forvaltningen tilføjet: referent", None, "referent"),
        ]),
        ("staff: [bo]\n", "staff: [{person: bo}]\n", []),
    ],
    ids=["added", "added-with-role", "removed", "role-changed", "role-set", "rewritten"],
)
def test_staff(old, new, expected):
    assert changes_to(M, HELD + old, HELD + new) == expected


def test_staff_in_english():
    assert changes_to(M, HELD + "staff: [anne]\n", HELD + "staff: [{person: bo, role: referent}, {person: anne, role: direktør}]\n", lang="en") == [
        Change("staff-added", "staff[bo]", "Staff added: Bo Madsen (referent)", None, staff("bo", "referent")),
        Change("field-added", "staff[anne].role", "Staff Anne Holm role set: direktør", None, "direktør"),
    ]
    assert changes_to(M, HELD + "staff: [anne]\n", HELD, lang="en") == [Change("staff-removed", "staff[anne]", "Staff removed: Anne Holm", "anne", None)]


# --- compare: agenda items ------------------------------------------------------------------------

ITEMS = block("""
    items:
      - title: Ensomhedsplanen
        type: discussion
      - title: Eventuelt
    """)


def test_item_added_with_its_decision_and_actions():
    new = ITEMS + (
        "  - title: Nyt punkt\n"
        "    decision: Godkendt.\n"
        "    actions:\n"
        "      - {what: Ring til foreningen, owners: [anna, bo], due: 2024-04-01}\n"
        "      - {what: Skriv referat, owners: [carl], status: done}\n"
        "      - {what: Aflys, owners: [bo], status: dropped}\n"
    )
    ring = action("Ring til foreningen", ["anna", "bo"], due="2024-04-01")
    skriv = action("Skriv referat", ["carl"], status="done")
    aflys = action("Aflys", ["bo"], status="dropped")
    assert changes_to(M, MEETING + ITEMS, MEETING + new) == [
        Change("item-added", "items[3]", "Punkt 3 tilføjet: Nyt punkt", None, item(3, "Nyt punkt", decision="Godkendt.", actions=[ring, skriv, aflys])),
        Change("decision-added", "items[3].decision", "Beslutning på punkt 3 (Nyt punkt): Godkendt.", None, "Godkendt."),
        Change("action-opened", "items[3].actions", "Ny opfølgning på punkt 3: Ring til foreningen (Anna Hansen, Bo Madsen; frist 2024-04-01)", None, ring),
        Change("action-added", "items[3].actions", "Opfølgning tilføjet på punkt 3: Skriv referat (carl; udført)", None, skriv),
        Change("action-added", "items[3].actions", "Opfølgning tilføjet på punkt 3: Aflys (Bo Madsen; opgivet)", None, aflys),
    ]
    assert [c.message for c in changes_to(M, MEETING + ITEMS, MEETING + new, lang="en")] == [
        "Item 3 added: Nyt punkt",
        "Decision on item 3 (Nyt punkt): Godkendt.",
        "Action opened on item 3: Ring til foreningen (Anna Hansen, Bo Madsen; due 2024-04-01)",
        "Action added on item 3: Skriv referat (carl; done)",
        "Action added on item 3: Aflys (Bo Madsen; dropped)",
    ]


def test_item_added_with_everything_its_minutes_say():
    """A new item's decision, votes, statements, who took no part and actions are named one by one."""
    new = HELD + block("""
        items:
          - title: Budget
            decision: Godkendt.
            votes: [{for: [anne, A], against: [V]}]
            statements: [{type: dissent, by: [V], text: Imod.}]
            absent: [{person: bo, conflict_of_interest: true}]
            actions: [{what: Ring, owners: [center]}]
        """)
    votes, statements = [vote(for_=["anne", "A"], against=["V"])], [statement("dissent", ["V"], "Imod.")]
    absent, actions = [item_absence("bo", conflict_of_interest=True)], [action("Ring", ["center"])]
    assert changes_to(M, HELD, new) == [
        Change("item-added", "items[1]", "Punkt 1 tilføjet: Budget", None, item(1, "Budget", decision="Godkendt.", votes=votes, statements=statements, absent=absent, actions=actions)),
        Change("decision-added", "items[1].decision", "Beslutning på punkt 1 (Budget): Godkendt.", None, "Godkendt."),
        Change("vote-added", "items[1].votes", "Punkt 1: afstemning tilføjet (for: Anne Holm, A; imod: V)", None, votes[0]),
        Change("statement-added", "items[1].statements", "Punkt 1: mindretalsudtalelse tilføjet (V)", None, statements[0]),
        Change("item-absence-added", "items[1].absent[bo]", "Punkt 1: Bo Madsen inhabil", None, absent[0]),
        Change("action-opened", "items[1].actions", "Ny opfølgning på punkt 1: Ring (Center for Sundhed)", None, actions[0]),
    ]


@pytest.mark.parametrize(
    ("status", "da", "en"),
    [("postponed", "Punkt 1 tilføjet: Sagen (udsat)", "Item 1 added: Sagen (postponed)"),
     ("withdrawn", "Punkt 1 tilføjet: Sagen (taget af dagsordenen)", "Item 1 added: Sagen (withdrawn from the agenda)")],
)
def test_item_added_postponed_or_withdrawn_says_so(status, da, en):
    new = HELD + f"items:\n  - title: Sagen\n    status: {status}\n"
    assert changes_to(M, HELD, new) == [Change("item-added", "items[1]", da, None, item(1, "Sagen", status=status))]
    assert [c.message for c in changes_to(M, HELD, new, lang="en")] == [en]


def test_items_added_removed_and_changed_in_that_order():
    old = block("""
        items:
          - {number: 1, title: Velkomst}
          - {number: 2, title: Budget}
          - {number: 3, title: Høring}
          - {number: 4, title: Eventuelt}
        """)
    new = block("""
        items:
          - {number: 1, title: Velkomst, type: information}
          - {number: 4, title: Eventuelt}
          - {number: 5, title: Ny sag}
          - {number: 6, title: Sidste sag}
          - {number: 3, title: Høring i rådet}
        """)
    assert changes_to(M, MEETING + old, MEETING + new) == [
        Change("item-added", "items[5]", "Punkt 5 tilføjet: Ny sag", None, item(5, "Ny sag")),
        Change("item-added", "items[6]", "Punkt 6 tilføjet: Sidste sag", None, item(6, "Sidste sag")),
        Change("item-removed", "items[2]", "Punkt 2 fjernet: Budget", item(2, "Budget"), None),
        Change("field-added", "items[1].type", "Sagstype på punkt 1 tilføjet: orientering", None, "information"),
        Change("field-changed", "items[3].title", "Titel på punkt 3: Høring → Høring i rådet", "Høring", "Høring i rådet"),
    ]
    assert [c.message for c in changes_to(M, MEETING + old, MEETING + new, lang="en")] == [
        "Item 5 added: Ny sag",
        "Item 6 added: Sidste sag",
        "Item 2 removed: Budget",
        "Item 1 type set: information",
        "Item 3 title: Høring → Høring i rådet",
    ]


def test_items_removed():
    assert changes_to(M, MEETING + ITEMS, MEETING) == [
        Change("item-removed", "items[1]", "Punkt 1 fjernet: Ensomhedsplanen", item(1, "Ensomhedsplanen", type="discussion"), None),
        Change("item-removed", "items[2]", "Punkt 2 fjernet: Eventuelt", item(2, "Eventuelt"), None),
    ]


# --- item labels (7.1, 2a) and renumbering ----------------------------------------------------------


def test_items_with_labels_are_known_by_their_label():
    old = "items:\n  - {number: 7, title: Sager}\n  - {number: '7.1', title: Første}\n"
    new = "items:\n  - {number: 7, title: Sager}\n  - {number: '7.1', title: Første sag}\n  - {number: 7.2, title: Anden}\n  - {number: 2a, title: Tillæg}\n"
    assert changes_to(M, MEETING + old, MEETING + new) == [
        Change("item-added", "items[7.2]", "Punkt 7.2 tilføjet: Anden", None, item("7.2", "Anden")),
        Change("item-added", "items[2a]", "Punkt 2a tilføjet: Tillæg", None, item("2a", "Tillæg")),
        Change("field-changed", "items[7.1].title", "Titel på punkt 7.1: Første → Første sag", "Første", "Første sag"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  - {number: 7, title: Høring}\n", "  - {number: '7.1', title: Høring}\n", [
            Change("item-renumbered", "items[7.1].number", "Punkt 7 er nu punkt 7.1: Høring", 7, "7.1"),
        ]),
        ("  - {number: 3, title: Høring}\n", "  - {number: 4, title: Høring, decision: Godkendt.}\n", [
            Change("item-renumbered", "items[4].number", "Punkt 3 er nu punkt 4: Høring", 3, 4),
            Change("decision-added", "items[4].decision", "Beslutning på punkt 4 (Høring): Godkendt.", None, "Godkendt."),
        ]),
        # the same title twice among the new items: no telling which one it was
        ("  - {number: 3, title: Høring}\n", "  - {number: 4, title: Høring}\n  - {number: 5, title: Høring}\n", [
            Change("item-added", "items[4]", "Punkt 4 tilføjet: Høring", None, item(4, "Høring")),
            Change("item-added", "items[5]", "Punkt 5 tilføjet: Høring", None, item(5, "Høring")),
            Change("item-removed", "items[3]", "Punkt 3 fjernet: Høring", item(3, "Høring"), None),
        ]),
        # nor twice among the old
        ("  - {number: 3, title: Høring}\n  - {number: 4, title: Høring}\n", "  - {number: 5, title: Høring}\n", [
            Change("item-added", "items[5]", "Punkt 5 tilføjet: Høring", None, item(5, "Høring")),
            Change("item-removed", "items[3]", "Punkt 3 fjernet: Høring", item(3, "Høring"), None),
            Change("item-removed", "items[4]", "Punkt 4 fjernet: Høring", item(4, "Høring"), None),
        ]),
        ("  - {number: 3, title: Høring}\n", "  - {number: 4, title: Andet}\n", [
            Change("item-added", "items[4]", "Punkt 4 tilføjet: Andet", None, item(4, "Andet")),
            Change("item-removed", "items[3]", "Punkt 3 fjernet: Høring", item(3, "Høring"), None),
        ]),
    ],
    ids=["to-a-sub-item", "renumbered-and-decided", "two-candidates", "two-origins", "another-title"],
)
def test_an_item_renumbered(old, new, expected):
    assert changes_to(M, HELD + "items:\n" + old, HELD + "items:\n" + new) == expected


def test_renumbered_items_are_reported_in_agenda_order_after_additions_and_removals():
    old = "items:\n  - {number: 1, title: A}\n  - {number: 2, title: B}\n  - {number: 3, title: C}\n"
    new = "items:\n  - {number: 1, title: B}\n  - {number: 2, title: A, type: information}\n  - {number: 4, title: D}\n"
    assert changes_to(M, MEETING + old, MEETING + new, lang="en") == [
        Change("item-added", "items[4]", "Item 4 added: D", None, item(4, "D")),
        Change("item-removed", "items[3]", "Item 3 removed: C", item(3, "C"), None),
        Change("field-changed", "items[1].title", "Item 1 title: A → B", "A", "B"),
        Change("field-changed", "items[2].title", "Item 2 title: B → A", "B", "A"),
        Change("field-added", "items[2].type", "Item 2 type set: information", None, "information"),
    ]


ONE_ITEM = "items:\n  - title: Sagen\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "    decision: Rådet bakker op.\n", [Change("decision-added", "items[1].decision", "Beslutning på punkt 1 (Sagen): Rådet bakker op.", None, "Rådet bakker op.")]),
        ("    decision: Udsat.\n", "", [Change("decision-removed", "items[1].decision", "Beslutning fjernet fra punkt 1 (Sagen)", "Udsat.", None)]),
        ("    decision: Udsat.\n", "    decision: Godkendt.\n", [Change("decision-changed", "items[1].decision", "Beslutning på punkt 1 (Sagen) ændret", "Udsat.", "Godkendt.")]),
        ("", "    presenters: [anna]\n", [Change("presenter-added", "items[1].presenters[anna]", "Fremlægger på punkt 1 tilføjet: Anna Hansen", None, "anna")]),
        ("    presenters: [anna]\n", "", [Change("presenter-removed", "items[1].presenters[anna]", "Fremlægger på punkt 1 fjernet: Anna Hansen", "anna", None)]),
        ("", "    closed: true\n", [Change("item-closed", "items[1].closed", "Punkt 1 (Sagen) er nu lukket", False, True)]),
        ("    closed: true\n", "", [Change("item-opened", "items[1].closed", "Punkt 1 (Sagen) er ikke længere lukket", True, False)]),
        ("    type: discussion\n", "    type: decision\n", [Change("field-changed", "items[1].type", "Sagstype på punkt 1: drøftelse → beslutning", "discussion", "decision")]),
        ("", "    case: 24/123\n", [Change("field-added", "items[1].case", "Sagsnr. på punkt 1 tilføjet: 24/123", None, "24/123")]),
        ("    start: '14:00'\n", "    start: '14:15'\n", [Change("field-changed", "items[1].start", "Start på punkt 1: 14.00 → 14.15", "14:00", "14:15")]),
        ("", "    plans: [plan, carl]\n", [
            Change("list-added", "items[1].plans", "Planer på punkt 1: + Ensomhedsplan", None, "plan"),
            Change("list-added", "items[1].plans", "Planer på punkt 1: + carl", None, "carl"),
        ]),
        ("    initiatives: [plan]\n", "", [Change("list-removed", "items[1].initiatives", "Indsatser på punkt 1: − Ensomhedsplan", "plan", None)]),
        ("", "    attachments: [{title: Bilag 1}]\n", [Change("entry-added", "items[1].attachments[0]", "Bilag på punkt 1: + Bilag 1", None, {"title": "Bilag 1", "path": None, "url": None, "closed": False})]),
        ("    attachments: [{title: Bilag 1}, {title: Bilag 2}]\n", "    attachments: [{title: Bilag 1, url: 'https://x.dk'}]\n", [
            Change("field-added", "items[1].attachments[0].url", "Bilag 1 url på punkt 1 tilføjet: https://x.dk", None, "https://x.dk"),
            Change("entry-removed", "items[1].attachments[1]", "Bilag på punkt 1: − Bilag 2", {"title": "Bilag 2", "path": None, "url": None, "closed": False}, None),
        ]),
        ("    description: |\n      a\n      b\n", "    description: ab\n", [Change("field-changed", "items[1].description", "Sagsfremstilling på punkt 1 ændret", "a\nb\n", "ab")]),
        ("", "    recommendation: Godkend.\n", [Change("field-added", "items[1].recommendation", "Indstilling på punkt 1 tilføjet: Godkend.", None, "Godkend.")]),
    ],
    ids=[
        "decision-added", "decision-removed", "decision-changed", "presenter-added", "presenter-removed",
        "closed", "opened", "type", "case", "time", "plans-are-references", "initiatives-are-references",
        "attachment-added", "attachment-changed-and-removed", "description", "recommendation",
    ],
)
def test_item_field_changes(old, new, expected):
    assert changes_to(M, MEETING + ONE_ITEM + old, MEETING + ONE_ITEM + new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "    decision: Rådet bakker op.\n", [Change("decision-added", "items[1].decision", "Decision on item 1 (Sagen): Rådet bakker op.", None, "Rådet bakker op.")]),
        ("    decision: Udsat.\n", "", [Change("decision-removed", "items[1].decision", "Decision removed from item 1 (Sagen)", "Udsat.", None)]),
        ("    decision: Udsat.\n", "    decision: Godkendt.\n", [Change("decision-changed", "items[1].decision", "Decision on item 1 (Sagen) changed", "Udsat.", "Godkendt.")]),
        ("", "    presenters: [anna]\n", [Change("presenter-added", "items[1].presenters[anna]", "Item 1 presenter added: Anna Hansen", None, "anna")]),
        ("    presenters: [anna]\n", "", [Change("presenter-removed", "items[1].presenters[anna]", "Item 1 presenter removed: Anna Hansen", "anna", None)]),
        ("", "    closed: true\n", [Change("item-closed", "items[1].closed", "Item 1 (Sagen) is now closed", False, True)]),
        ("    closed: true\n", "", [Change("item-opened", "items[1].closed", "Item 1 (Sagen) is no longer closed", True, False)]),
        ("", "    case: 24/123\n", [Change("field-added", "items[1].case", "Item 1 case no. set: 24/123", None, "24/123")]),
        ("    attachments: [{title: Bilag 1}, {title: Bilag 2}]\n", "    attachments: [{title: Bilag 1, url: 'https://x.dk'}]\n", [
            Change("field-added", "items[1].attachments[0].url", "Item 1 attachments 1 url set: https://x.dk", None, "https://x.dk"),
            Change("entry-removed", "items[1].attachments[1]", "Item 1 attachments: − Bilag 2", {"title": "Bilag 2", "path": None, "url": None, "closed": False}, None),
        ]),
    ],
    ids=["decision-added", "decision-removed", "decision-changed", "presenter-added", "presenter-removed", "closed", "opened", "case", "attachments"],
)
def test_item_field_changes_in_english(old, new, expected):
    assert changes_to(M, MEETING + ONE_ITEM + old, MEETING + ONE_ITEM + new, lang="en") == expected


def test_item_messages_use_the_new_title():
    old = MEETING + "items:\n  - title: Sagen\n    decision: Udsat.\n"
    new = MEETING + "items:\n  - title: Den nye sag\n    decision: Godkendt.\n"
    assert changes_to(M, old, new) == [
        Change("field-changed", "items[1].title", "Titel på punkt 1: Sagen → Den nye sag", "Sagen", "Den nye sag"),
        Change("decision-changed", "items[1].decision", "Beslutning på punkt 1 (Den nye sag) ændret", "Udsat.", "Godkendt."),
    ]


def test_long_titles_and_decisions_are_shortened():
    title = "T" * 85
    decision = "D" * 85
    new = MEETING + f"items:\n  - title: {title}\n    decision: {decision}\n"
    assert changes_to(M, MEETING, new) == [
        Change("item-added", "items[1]", f"Punkt 1 tilføjet: {'T' * 79}…", None, item(1, title, decision=decision)),
        Change("decision-added", "items[1].decision", f"Beslutning på punkt 1 ({'T' * 79}…): {'D' * 79}…", None, decision),
    ]


# --- format 1.1: an item's status, summary, sections, economy and authority -------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "    status: postponed\n", [Change("item-status-changed", "items[1].status", "Punkt 1 (Sagen) udsat", "treated", "postponed")]),
        ("", "    status: withdrawn\n", [Change("item-status-changed", "items[1].status", "Punkt 1 (Sagen) taget af dagsordenen", "treated", "withdrawn")]),
        ("    status: postponed\n", "    status: withdrawn\n", [Change("item-status-changed", "items[1].status", "Punkt 1 (Sagen) taget af dagsordenen", "postponed", "withdrawn")]),
        ("    status: postponed\n", "", [Change("item-status-changed", "items[1].status", "Punkt 1 (Sagen) behandlet (var udsat)", "postponed", "treated")]),
        ("    status: withdrawn\n", "    status: treated\n", [Change("item-status-changed", "items[1].status", "Punkt 1 (Sagen) behandlet (var taget af dagsordenen)", "withdrawn", "treated")]),
        ("    status: treated\n", "", []),
        ("", "    summary: Kort resume.\n", [Change("summary-added", "items[1].summary", "Resume på punkt 1 (Sagen): Kort resume.", None, "Kort resume.")]),
        ("    summary: Kort.\n", "    summary: Længere.\n", [Change("summary-changed", "items[1].summary", "Resume på punkt 1 (Sagen) ændret", "Kort.", "Længere.")]),
        ("    summary: Kort.\n", "", [Change("summary-removed", "items[1].summary", "Resume fjernet fra punkt 1 (Sagen)", "Kort.", None)]),
        ("", "    economy: Udgiftsneutralt.\n", [Change("economy-added", "items[1].economy", "Økonomi på punkt 1 (Sagen): Udgiftsneutralt.", None, "Udgiftsneutralt.")]),
        ("    economy: Udgiftsneutralt.\n", "    economy: |\n      50.000 kr.\n      af puljen.\n", [
            Change("economy-changed", "items[1].economy", "Økonomi på punkt 1 (Sagen) ændret", "Udgiftsneutralt.", "50.000 kr.\naf puljen.\n"),
        ]),
        ("    economy: x\n", "", [Change("economy-removed", "items[1].economy", "Økonomi fjernet fra punkt 1 (Sagen)", "x", None)]),
        ("", "    authority: byraadet\n", [Change("authority-changed", "items[1].authority", "Beslutningskompetence på punkt 1: Byrådet", None, "Byrådet")]),
        ("    authority: raadet\n", "    authority: byraadet\n", [Change("authority-changed", "items[1].authority", "Beslutningskompetence på punkt 1: Ældrerådet → Byrådet", "Ældrerådet", "Byrådet")]),
        ("    authority: udvalg\n", "", [Change("authority-changed", "items[1].authority", "Beslutningskompetence på punkt 1 fjernet (var udvalg)", "udvalg", None)]),
        ("", "    sections: [{title: Lovgrundlag, text: Serviceloven § 79.}]\n", [
            Change("section-added", "items[1].sections", "Punkt 1: afsnit tilføjet: Lovgrundlag", None, {"title": "Lovgrundlag", "text": "Serviceloven § 79.", "closed": False}),
        ]),
        ("    sections: [{title: Høring, text: a}, {title: Kommunikation}]\n", "    sections: [{title: Høring, text: b}, {title: Lovgrundlag}]\n", [
            Change("section-added", "items[1].sections", "Punkt 1: afsnit tilføjet: Lovgrundlag", None, {"title": "Lovgrundlag", "text": None, "closed": False}),
            Change("section-changed", "items[1].sections", "Punkt 1: afsnit ændret: Høring", {"title": "Høring", "text": "a", "closed": False}, {"title": "Høring", "text": "b", "closed": False}),
            Change("section-removed", "items[1].sections", "Punkt 1: afsnit fjernet: Kommunikation", {"title": "Kommunikation", "text": None, "closed": False}, None),
        ]),
        # two sections with one title stay two
        ("    sections: [{title: Høring, text: a}]\n", "    sections: [{title: Høring, text: a}, {title: Høring, text: b}]\n", [
            Change("section-added", "items[1].sections", "Punkt 1: afsnit tilføjet: Høring", None, {"title": "Høring", "text": "b", "closed": False}),
        ]),
        ("    sections: [{title: A}, {title: B}]\n", "    sections: [{title: B}, {title: A}]\n", []),
    ],
    ids=[
        "postponed", "withdrawn", "postponed-to-withdrawn", "treated-again", "treated-written-out", "default-written-out",
        "summary-added", "summary-changed", "summary-removed", "economy-added", "economy-changed", "economy-removed",
        "authority-set", "authority-changed", "authority-removed", "section-added", "sections-changed",
        "same-title-twice", "sections-reordered",
    ],
)
def test_item_status_summary_sections_economy_authority(old, new, expected):
    assert changes_to(M, HELD + ONE_ITEM + old, HELD + ONE_ITEM + new) == expected


def test_item_status_summary_sections_economy_authority_in_english():
    old = HELD + ONE_ITEM + "    summary: Kort.\n    sections: [{title: Høring}]\n"
    new = HELD + ONE_ITEM + "    status: postponed\n    economy: Ingen.\n    authority: byraadet\n    sections: [{title: Lovgrundlag}]\n"
    assert [(c.type, c.message) for c in changes_to(M, old, new, lang="en")] == [
        ("summary-removed", "Summary removed from item 1 (Sagen)"),
        ("section-added", "Item 1: section added: Lovgrundlag"),
        ("section-removed", "Item 1: section removed: Høring"),
        ("economy-added", "Finances on item 1 (Sagen): Ingen."),
        ("authority-changed", "Item 1 decided by: Byrådet"),
        ("item-status-changed", "Item 1 (Sagen) postponed"),
    ]
    assert [c.message for c in changes_to(M, new, old, lang="en")] == [
        "Summary on item 1 (Sagen): Kort.",
        "Item 1: section added: Høring",
        "Item 1: section removed: Lovgrundlag",
        "Finances removed from item 1 (Sagen)",
        "Item 1 decided by removed (was Byrådet)",
        "Item 1 (Sagen) treated (was postponed)",
    ]


# --- format 1.1: votes, statements and who took no part in an item -----------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "    votes: [{for: [anne, A, V], against: [Ø], abstained: [bo]}]\n", [
            Change("vote-added", "items[1].votes", "Punkt 1: afstemning tilføjet (for: Anne Holm, A, V; imod: Ø; undlod at stemme: Bo Madsen)", None, vote(for_=["anne", "A", "V"], against=["Ø"], abstained=["bo"])),
        ]),
        ("", "    votes: [{motion: Ændringsforslag fra V, for: [V]}]\n", [
            Change("vote-added", "items[1].votes", "Punkt 1: afstemning tilføjet om Ændringsforslag fra V (for: V)", None, vote("Ændringsforslag fra V", for_=["V"])),
        ]),
        ("", "    votes: [{motion: Forslaget}]\n", [
            Change("vote-added", "items[1].votes", "Punkt 1: afstemning tilføjet om Forslaget (ingen stemmer noteret)", None, vote("Forslaget")),
        ]),
        ("    votes: [{for: [A], against: [V]}]\n", "    votes: [{for: [A, V]}]\n", [
            Change("vote-changed", "items[1].votes", "Punkt 1: afstemning ændret (for: A, V)", vote(for_=["A"], against=["V"]), vote(for_=["A", "V"])),
        ]),
        ("    votes: [{motion: Forslaget, for: [A]}]\n", "", [
            Change("vote-removed", "items[1].votes", "Punkt 1: afstemning fjernet om Forslaget", vote("Forslaget", for_=["A"]), None),
        ]),
        ("    votes: [{motion: Første, for: [A]}]\n", "    votes: [{motion: Andet, for: [A]}, {motion: Første, for: [A]}]\n", [
            Change("vote-added", "items[1].votes", "Punkt 1: afstemning tilføjet om Andet (for: A)", None, vote("Andet", for_=["A"])),
        ]),
        ("", "    statements: [{type: dissent, by: [anne, Ø], text: Vi kan ikke støtte.}]\n", [
            Change("statement-added", "items[1].statements", "Punkt 1: mindretalsudtalelse tilføjet (Anne Holm, Ø)", None, statement("dissent", ["anne", "Ø"], "Vi kan ikke støtte.")),
        ]),
        ("", "    statements: [{type: protocol_note, by: [bo], text: Ønsker ført til protokol.}]\n", [
            Change("statement-added", "items[1].statements", "Punkt 1: protokoltilførsel tilføjet (Bo Madsen)", None, statement("protocol_note", ["bo"], "Ønsker ført til protokol.")),
        ]),
        ("    statements: [{type: dissent, by: [V], text: a}]\n", "    statements: [{type: dissent, by: [V], text: b}]\n", [
            Change("statement-changed", "items[1].statements", "Punkt 1: mindretalsudtalelse ændret (V)", statement("dissent", ["V"], "a"), statement("dissent", ["V"], "b")),
        ]),
        ("    statements: [{type: dissent, by: [V], text: a}]\n", "    statements: [{type: protocol_note, by: [V], text: a}]\n", [
            Change("statement-added", "items[1].statements", "Punkt 1: protokoltilførsel tilføjet (V)", None, statement("protocol_note", ["V"], "a")),
            Change("statement-removed", "items[1].statements", "Punkt 1: mindretalsudtalelse fjernet (V)", statement("dissent", ["V"], "a"), None),
        ]),
        ("", "    absent: [{person: anne, conflict_of_interest: true}]\n", [
            Change("item-absence-added", "items[1].absent[anne]", "Punkt 1: Anne Holm inhabil", None, item_absence("anne", conflict_of_interest=True)),
        ]),
        ("", "    absent: [bo, {person: anne, reason: forlod mødet}]\n", [
            Change("item-absence-added", "items[1].absent[bo]", "Punkt 1: Bo Madsen deltog ikke", None, "bo"),
            Change("item-absence-added", "items[1].absent[anne]", "Punkt 1: Anne Holm deltog ikke (forlod mødet)", None, item_absence("anne", reason="forlod mødet")),
        ]),
        ("    absent: [bo]\n", "    absent: [{person: bo, conflict_of_interest: true, reason: bestyrelsesmedlem}]\n", [
            Change("item-absence-changed", "items[1].absent[bo]", "Punkt 1: Bo Madsen inhabil (bestyrelsesmedlem)", "bo", item_absence("bo", conflict_of_interest=True, reason="bestyrelsesmedlem")),
        ]),
        ("    absent: [{person: anne, conflict_of_interest: true}]\n", "", [
            Change("item-absence-removed", "items[1].absent[anne]", "Punkt 1: Anne Holm deltog alligevel", item_absence("anne", conflict_of_interest=True), None),
        ]),
        ("    absent: [bo]\n", "    absent: [{person: bo, conflict_of_interest: false}]\n", []),
    ],
    ids=[
        "vote-added", "vote-with-motion", "vote-without-votes", "vote-changed", "vote-removed", "second-vote",
        "dissent-added", "protocol-note-added", "statement-changed", "statement-type-changed",
        "inhabil", "absent-from-item", "absence-becomes-inhabil", "absence-removed", "absence-rewritten",
    ],
)
def test_votes_statements_and_item_absence(old, new, expected):
    assert changes_to(M, HELD + ONE_ITEM + old, HELD + ONE_ITEM + new) == expected


def test_votes_statements_and_item_absence_in_english():
    new = HELD + ONE_ITEM + (
        "    votes: [{motion: Forslaget, for: [anne], against: [V], abstained: [Ø]}]\n"
        "    statements: [{type: dissent, by: [V], text: Imod.}, {type: protocol_note, by: [bo], text: Note.}]\n"
        "    absent: [{person: anne, conflict_of_interest: true}, bo]\n"
    )
    assert [(c.type, c.message) for c in changes_to(M, HELD + ONE_ITEM, new, lang="en")] == [
        ("vote-added", "Item 1: vote added on Forslaget (for: Anne Holm; against: V; abstained: Ø)"),
        ("statement-added", "Item 1: minority statement added (V)"),
        ("statement-added", "Item 1: note to the minutes added (Bo Madsen)"),
        ("item-absence-added", "Item 1: Anne Holm had a conflict of interest"),
        ("item-absence-added", "Item 1: Bo Madsen took no part"),
    ]
    assert [(c.type, c.message) for c in changes_to(M, new, HELD + ONE_ITEM, lang="en")] == [
        ("vote-removed", "Item 1: vote removed on Forslaget"),
        ("statement-removed", "Item 1: minority statement removed (V)"),
        ("statement-removed", "Item 1: note to the minutes removed (Bo Madsen)"),
        ("item-absence-removed", "Item 1: Anne Holm took part after all"),
        ("item-absence-removed", "Item 1: Bo Madsen took part after all"),
    ]


# --- follow-up actions ------------------------------------------------------------------------------

RING = "    actions:\n      - {what: Ring, owners: [anna]"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("}\n", ", status: done, done_on: 2024-03-10}\n", [Change("action-closed", "items[1].actions", "Opfølgning på punkt 1 udført den 2024-03-10: Ring (åben → udført)", "open", "done")]),
        ("}\n", ", status: done}\n", [Change("action-closed", "items[1].actions", "Opfølgning på punkt 1 udført: Ring (åben → udført)", "open", "done")]),
        ("}\n", ", status: dropped}\n", [Change("action-dropped", "items[1].actions", "Opfølgning på punkt 1 opgivet: Ring (åben → opgivet)", "open", "dropped")]),
        (", status: done, done_on: 2024-03-10}\n", ", done_on: 2024-03-10}\n", [Change("action-reopened", "items[1].actions", "Opfølgning på punkt 1 genåbnet: Ring (udført → åben)", "done", "open")]),
        (", status: dropped}\n", ", status: done, done_on: 2024-03-10}\n", [Change("action-closed", "items[1].actions", "Opfølgning på punkt 1 udført den 2024-03-10: Ring (opgivet → udført)", "dropped", "done")]),
        ("}\n", ", due: 2024-04-01}\n", [Change("field-added", "items[1].actions[Ring].due", "Frist for opfølgningen »Ring« tilføjet: 2024-04-01", None, "2024-04-01")]),
        (", due: 2024-04-01}\n", ", due: 2024-05-01}\n", [Change("field-changed", "items[1].actions[Ring].due", "Frist for opfølgningen »Ring«: 2024-04-01 → 2024-05-01", "2024-04-01", "2024-05-01")]),
        (", due: 2024-04-01}\n", "}\n", [Change("field-removed", "items[1].actions[Ring].due", "Frist for opfølgningen »Ring« fjernet (var 2024-04-01)", "2024-04-01", None)]),
        (", due: 2024-Q2}\n", ", due: 2024-06}\n", [Change("field-changed", "items[1].actions[Ring].due", "Frist for opfølgningen »Ring«: 2024-Q2 → 2024-06", "2024-Q2", "2024-06")]),
        (", status: done, done_on: 2024-03-10}\n", ", status: done, done_on: 2024-03-11}\n", [
            Change("field-changed", "items[1].actions[Ring].done_on", "Udførelsesdato for opfølgningen »Ring«: 2024-03-10 → 2024-03-11", "2024-03-10", "2024-03-11"),
        ]),
        ("}\n", ", status: done, due: 2024-04-01}\n", [
            Change("action-closed", "items[1].actions", "Opfølgning på punkt 1 udført: Ring (åben → udført)", "open", "done"),
            Change("field-added", "items[1].actions[Ring].due", "Frist for opfølgningen »Ring« tilføjet: 2024-04-01", None, "2024-04-01"),
        ]),
        ("}\n", "}\n      - {what: Skriv, owners: [bo], due: 2024-04-01}\n", [
            Change("action-opened", "items[1].actions", "Ny opfølgning på punkt 1: Skriv (Bo Madsen; frist 2024-04-01)", None, action("Skriv", ["bo"], due="2024-04-01")),
        ]),
        ("}\n      - {what: Skriv, owners: [bo]}\n      - {what: Send, owners: [bo]}\n", "}\n", [
            Change("action-removed", "items[1].actions", "Opfølgning fjernet fra punkt 1: Skriv", action("Skriv", ["bo"]), None),
            Change("action-removed", "items[1].actions", "Opfølgning fjernet fra punkt 1: Send", action("Send", ["bo"]), None),
        ]),
        ("}\n      - {what: Skriv, owners: [bo]}\n", "}\n      - {what: Skriv, owners: [bo], status: done}\n", [
            Change("action-closed", "items[1].actions", "Opfølgning på punkt 1 udført: Skriv (åben → udført)", "open", "done"),
        ]),
    ],
    ids=[
        "done-on", "done", "dropped", "reopened-done-on-kept", "dropped-to-done", "due-set", "due-changed",
        "due-removed", "due-imprecise", "done-on-corrected", "done-and-due", "added", "two-removed", "second-closed",
    ],
)
def test_action_changes(old, new, expected):
    assert changes_to(M, MEETING + ONE_ITEM + RING + old, MEETING + ONE_ITEM + RING + new) == expected


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("}\n", ", status: done, done_on: 2024-03-10}\n", "Action on item 1 done on 2024-03-10: Ring (open → done)"),
        ("}\n", ", status: dropped}\n", "Action on item 1 dropped: Ring (open → dropped)"),
        (", status: done}\n", "}\n", "Action on item 1 reopened: Ring (done → open)"),
        ("}\n", ", due: 2024-04-01}\n", 'Action "Ring" due set: 2024-04-01'),
        ("}\n", "}\n      - {what: Skriv, owners: [bo]}\n", "Action opened on item 1: Skriv (Bo Madsen)"),
        ("}\n      - {what: Skriv, owners: [bo]}\n", "}\n", "Action removed from item 1: Skriv"),
    ],
    ids=["done", "dropped", "reopened", "due", "opened", "removed"],
)
def test_action_changes_in_english(old, new, message):
    [change] = changes_to(M, MEETING + ONE_ITEM + RING + old, MEETING + ONE_ITEM + RING + new, lang="en")
    assert change.message == message


def test_action_owners_are_named_people_and_bodies_alike():
    old = MEETING + ONE_ITEM + "    actions:\n      - {what: Ring, owners: [anna]}\n"
    new = MEETING + ONE_ITEM + "    actions:\n      - {what: Ring, owners: [bo, center, carl]}\n"
    assert changes_to(M, old, new) == [
        Change("list-added", "items[1].actions[Ring].owners", "Ansvarlige for opfølgningen »Ring«: + Bo Madsen", None, "bo"),
        Change("list-added", "items[1].actions[Ring].owners", "Ansvarlige for opfølgningen »Ring«: + Center for Sundhed", None, "center"),
        Change("list-added", "items[1].actions[Ring].owners", "Ansvarlige for opfølgningen »Ring«: + carl", None, "carl"),
        Change("list-removed", "items[1].actions[Ring].owners", "Ansvarlige for opfølgningen »Ring«: − Anna Hansen", "anna", None),
    ]
    assert [c.message for c in changes_to(M, old, new, lang="en")][1] == 'Action "Ring" owners: + Center for Sundhed'


def test_an_action_owned_by_a_body_is_named_by_the_body():
    new = MEETING + ONE_ITEM + "    actions:\n      - {what: Følg op, owners: [center, byraadet], due: 2025-Q2}\n"
    assert changes_to(M, MEETING + ONE_ITEM, new) == [
        Change("action-opened", "items[1].actions", "Ny opfølgning på punkt 1: Følg op (Center for Sundhed, Byrådet; frist 2025-Q2)", None, action("Følg op", ["center", "byraadet"], due="2025-Q2")),
    ]


def test_action_with_a_long_text_is_shortened_in_field_and_message():
    what = "R" * 90
    short = "R" * 79 + "…"
    old = MEETING + ONE_ITEM + f"    actions:\n      - {{what: {what}, owners: [anna]}}\n"
    new = MEETING + ONE_ITEM + f"    actions:\n      - {{what: {what}, owners: [anna], status: done, due: 2024-04-01}}\n"
    assert changes_to(M, old, new) == [
        Change("action-closed", "items[1].actions", f"Opfølgning på punkt 1 udført: {short} (åben → udført)", "open", "done"),
        Change("field-added", f"items[1].actions[{short}].due", f"Frist for opfølgningen »{short}« tilføjet: 2024-04-01", None, "2024-04-01"),
    ]
    assert changes_to(M, old, MEETING + ONE_ITEM) == [
        Change("action-removed", "items[1].actions", f"Opfølgning fjernet fra punkt 1: {short}", action(what, ["anna"]), None),
    ]


# --- compare: plans ------------------------------------------------------------------------------

GOALS = "goals:\n  - id: faerre\n    title: Færre ensomme\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "  - id: nye\n    title: Nye venskaber\n", [Change("goal-added", "goals[nye]", "Mål tilføjet: Nye venskaber", None, goal("nye", "Nye venskaber"))]),
        ("    target: {value: 5, date: 2027-12-31}\n", "    target: {value: 4}\n", [
            Change("goal-target-changed", "goals[faerre].target", "Målsætning for mål faerre: 5 (2027-12-31) → 4", {"value": 5, "date": "2027-12-31"}, {"value": 4, "date": None}),
        ]),
        ("", "    target: {value: 5, date: 2027-12-31}\n", [
            Change("goal-target-changed", "goals[faerre].target", "Målsætning for mål faerre: intet → 5 (2027-12-31)", None, {"value": 5, "date": "2027-12-31"}),
        ]),
        ("    baseline: {value: 12.5}\n", "", [
            Change("goal-baseline-changed", "goals[faerre].baseline", "Udgangspunkt for mål faerre: 12,5 → intet", {"value": 12.5, "date": None}, None),
        ]),
        ("", "    status_note: Godt på vej.\n", [Change("status-note-changed", "goals[faerre].status_note", "Statusnote for mål faerre ændret", None, "Godt på vej.")]),
        ("    status_note: Godt på vej.\n", "    status_note: Bagud.\n", [Change("status-note-changed", "goals[faerre].status_note", "Statusnote for mål faerre ændret", "Godt på vej.", "Bagud.")]),
        ("", "    unit: pct.\n", [Change("field-added", "goals[faerre].unit", "Enhed for mål faerre tilføjet: pct.", None, "pct.")]),
        ("    indicator: Andel\n", "    indicator: Antal\n", [Change("field-changed", "goals[faerre].indicator", "Indikator for mål faerre: Andel → Antal", "Andel", "Antal")]),
        ("", "    measurements:\n      - {date: 2024-01-01, value: 7}\n", [
            Change("measurement-added", "goals[faerre].measurements[2024-01-01]", "Mål faerre: ny måling 2024-01-01: 7", None, measurement("2024-01-01", 7)),
        ]),
        ("    measurements:\n      - {date: 2024-01-01, value: 7}\n", "    measurements:\n      - {date: 2024-01-01, value: 6.5}\n", [
            Change("measurement-changed", "goals[faerre].measurements[2024-01-01]", "Mål faerre: måling 2024-01-01: 7 → 6,5", measurement("2024-01-01", 7), measurement("2024-01-01", 6.5)),
        ]),
        ("    measurements:\n      - {date: 2024-01-01, value: 7}\n", "    measurements:\n      - {date: 2024-01-01, value: 7, note: DST}\n", [
            Change("measurement-changed", "goals[faerre].measurements[2024-01-01]", "Mål faerre: måling 2024-01-01: 7 → 7", measurement("2024-01-01", 7), measurement("2024-01-01", 7, "DST")),
        ]),
        ("    measurements:\n      - {date: 2024-01-01, value: 7}\n      - {date: 2024-06-01, value: 6}\n",
         "    measurements:\n      - {date: 2024-06-01, value: 6}\n      - {date: 2024-12-01, value: 5}\n", [
            Change("measurement-added", "goals[faerre].measurements[2024-12-01]", "Mål faerre: ny måling 2024-12-01: 5", None, measurement("2024-12-01", 5)),
            Change("measurement-removed", "goals[faerre].measurements[2024-01-01]", "Mål faerre: måling 2024-01-01 fjernet", measurement("2024-01-01", 7), None),
        ]),
        # format 1.1: the consultant's assessment and the direction that is better
        ("", "    status: on_track\n", [Change("goal-status-changed", "goals[faerre].status", "Mål faerre: vurdering ikke angivet → på rette spor", None, "on_track")]),
        ("    status: on_track\n", "    status: at_risk\n", [Change("goal-status-changed", "goals[faerre].status", "Mål faerre: vurdering på rette spor → i risiko", "on_track", "at_risk")]),
        ("    status: off_track\n", "    status: achieved\n", [Change("goal-status-changed", "goals[faerre].status", "Mål faerre: vurdering ikke på rette spor → nået", "off_track", "achieved")]),
        ("    status: not_started\n", "", [Change("goal-status-changed", "goals[faerre].status", "Mål faerre: vurdering ikke startet → ikke angivet", "not_started", None)]),
        ("", "    direction: decrease\n", [Change("goal-direction-changed", "goals[faerre].direction", "Mål faerre: retning ikke angivet → fald", None, "decrease")]),
        ("    direction: decrease\n", "    direction: increase\n", [Change("goal-direction-changed", "goals[faerre].direction", "Mål faerre: retning fald → stigning", "decrease", "increase")]),
        ("    direction: increase\n", "", [Change("goal-direction-changed", "goals[faerre].direction", "Mål faerre: retning stigning → ikke angivet", "increase", None)]),
        ("", "    theme: t1\n", [Change("field-added", "goals[faerre].theme", "Tema for mål faerre tilføjet: t1", None, "t1")]),
    ],
    ids=[
        "goal-added", "target-changed", "target-set", "baseline-removed", "status-note-set", "status-note-changed",
        "unit", "indicator", "measurement-added", "measurement-changed", "measurement-note", "measurements-added-and-removed",
        "assessment-set", "assessment-changed", "assessment-achieved", "assessment-removed",
        "direction-set", "direction-changed", "direction-removed", "theme",
    ],
)
def test_goal_changes(old, new, expected):
    assert changes_to(P, PLAN + GOALS + old, PLAN + GOALS + new) == expected


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    status: on_track\n", "    status: at_risk\n", "Goal faerre: assessment on track → at risk"),
        ("", "    status: not_started\n", "Goal faerre: assessment not given → not started"),
        ("", "    direction: increase\n", "Goal faerre: direction not given → increase"),
        ("    target: {value: 5.5}\n", "    target: {value: 4}\n", "Goal faerre target: 5.5 → 4"),
        ("", "    measurements:\n      - {date: 2024-01-01, value: 7.5}\n", "Goal faerre: new measurement 2024-01-01: 7.5"),
        ("    measurements:\n      - {date: 2024-01-01, value: 7}\n", "", "Goal faerre: measurement 2024-01-01 removed"),
        ("", "    status_note: Godt.\n", "Goal faerre status note changed"),
        ("", "    unit: pct.\n", "Goal faerre unit set: pct."),
    ],
    ids=["assessment", "assessment-set", "direction", "target", "measurement", "measurement-removed", "status-note", "unit"],
)
def test_goal_changes_in_english(old, new, message):
    [change] = changes_to(P, PLAN + GOALS + old, PLAN + GOALS + new, lang="en")
    assert change.message == message


def test_goals_added_removed_and_changed_in_that_order():
    old = PLAN + "goals:\n  - {id: a, title: A}\n  - {id: b, title: B}\n  - {id: c, title: C}\n"
    new = PLAN + "goals:\n  - {id: c, title: C2, unit: pct.}\n  - {id: d, title: D}\n  - {id: a, title: A}\n"
    assert changes_to(P, old, new) == [
        Change("goal-added", "goals[d]", "Mål tilføjet: D", None, goal("d", "D")),
        Change("goal-removed", "goals[b]", "Mål fjernet: B", goal("b", "B"), None),
        Change("field-changed", "goals[c].title", "Titel for mål c: C → C2", "C", "C2"),
        Change("field-added", "goals[c].unit", "Enhed for mål c tilføjet: pct.", None, "pct."),
    ]
    assert [c.message for c in changes_to(P, old, new, lang="en")] == [
        "Goal added: D", "Goal removed: B", "Goal c title: C → C2", "Goal c unit set: pct.",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "  - {id: b, title: Høring, date: 2024-09-01}\n", [
            Change("milestone-added", "milestones[b]", "Milepæl tilføjet: Høring (2024-09-01)", None, milestone("b", "Høring", date="2024-09-01")),
        ]),
        ("", "  - {id: b, title: Høring}\n", [Change("milestone-added", "milestones[b]", "Milepæl tilføjet: Høring", None, milestone("b", "Høring"))]),
        ("  - {id: b, title: Høring, date: 2024-09-01}\n  - {id: c, title: Vedtagelse}\n", "", [
            Change("milestone-removed", "milestones[b]", "Milepæl fjernet: Høring", milestone("b", "Høring", date="2024-09-01"), None),
            Change("milestone-removed", "milestones[c]", "Milepæl fjernet: Vedtagelse", milestone("c", "Vedtagelse"), None),
        ]),
        ("  - {id: b, title: Høring}\n", "  - {id: b, title: Høring, status: done, depends_on: [a]}\n", [
            Change("status-changed", "milestones[b].status", "Status for milepæl b: planlagt → udført", "planned", "done"),
            Change("list-added", "milestones[b].depends_on", "Forudsætninger for milepæl b: + a", None, "a"),
        ]),
        ("  - {id: b, title: Høring, date: 2024-Q3}\n", "  - {id: b, title: Høring, date: 2024-10}\n", [
            Change("field-changed", "milestones[b].date", "Dato for milepæl b: 2024-Q3 → 2024-10", "2024-Q3", "2024-10"),
        ]),
        ("  - {id: b, title: Høring}\n  - {id: c, title: Vedtagelse}\n", "  - {id: c, title: Vedtagelse i rådet}\n  - {id: d, title: Evaluering}\n", [
            Change("milestone-added", "milestones[d]", "Milepæl tilføjet: Evaluering", None, milestone("d", "Evaluering")),
            Change("milestone-removed", "milestones[b]", "Milepæl fjernet: Høring", milestone("b", "Høring"), None),
            Change("field-changed", "milestones[c].title", "Titel for milepæl c: Vedtagelse → Vedtagelse i rådet", "Vedtagelse", "Vedtagelse i rådet"),
        ]),
    ],
    ids=["added-with-date", "added", "removed", "changed", "imprecise-date", "added-removed-changed"],
)
def test_milestone_changes(old, new, expected):
    base = PLAN + "milestones:\n  - {id: a, title: Start}\n"
    assert changes_to(P, base + old, base + new) == expected


def test_milestone_changes_in_english():
    base = PLAN + "milestones:\n  - {id: a, title: Start}\n"
    found = changes_to(P, base + "  - {id: b, title: Høring}\n", base + "  - {id: b, title: Høring, status: done, depends_on: [a]}\n  - {id: c, title: C}\n", lang="en")
    assert [c.message for c in found] == ["Milestone added: C", "Milestone b status: planned → done", "Milestone b depends on: + a"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "approved_by: raadet\n", [Change("field-added", "approved_by", "Godkendende forum tilføjet: Ældrerådet", None, "Ældrerådet")]),
        ("", "period: {from: 2024-01-01, to: 2027-12-31}\n", [
            Change("field-added", "period", 'Periode tilføjet: {"from": "2024-01-01", "to": "2027-12-31"}', None, {"from": "2024-01-01", "to": "2027-12-31"}),
        ]),
        ("period: {from: 2024-01-01, to: 2027-12-31}\n", "period: {from: 2024-01-01, to: 2028-12-31}\n", [
            Change("field-changed", "period.to", "Periode til: 2027-12-31 → 2028-12-31", "2027-12-31", "2028-12-31"),
        ]),
        ("period: {from: 2024, to: 2027}\n", "period: {from: 2024-Q2, to: 2027}\n", [
            Change("field-changed", "period.from", "Periode fra: 2024 → 2024-Q2", "2024", "2024-Q2"),
        ]),
        ("", "principles: [Frivillighed]\n", [Change("list-added", "principles", "Principper: + Frivillighed", None, "Frivillighed")]),
        ("themes:\n  - {id: t1, title: Fællesskab}\n  - {id: t2, title: Viden}\n",
         "themes:\n  - {id: t3, title: Bevægelse}\n  - {id: t1, title: Fællesskab, focus: Nye mødesteder}\n", [
            Change("entry-added", "themes[t3]", "Tema tilføjet: Bevægelse", None, {"id": "t3", "title": "Bevægelse", "focus": None, "policies": [], "priorities": [], "collaborates_with": []}),
            Change("field-added", "themes[t1].focus", "Tema t1 fokus tilføjet: Nye mødesteder", None, "Nye mødesteder"),
            Change("entry-removed", "themes[t2]", "Tema fjernet: Viden", {"id": "t2", "title": "Viden", "focus": None, "policies": [], "priorities": [], "collaborates_with": []}, None),
        ]),
    ],
    ids=["approved-by", "period-set", "period-to", "period-imprecise", "principles", "themes"],
)
def test_plan_field_changes(old, new, expected):
    assert changes_to(P, PLAN + old, PLAN + new) == expected


@pytest.mark.parametrize(("lang", "message"), [("da", "Status: aktiv → afsluttet"), ("en", "Status: active → completed")])
def test_plan_status_change(lang, message):
    assert changes_to(P, PLAN, PLAN.replace("active", "completed"), lang=lang) == [
        Change("status-changed", "status", message, "active", "completed"),
    ]


# --- compare: initiatives and bodies ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "reach:\n  - {date: 2024-06-01, participants: 12, new_relations: 3}\n", [
            Change("reach-added", "reach[2024-06-01]", "Rækkevidde 2024-06-01: 12 deltagere, 3 nye relationer", None, reach("2024-06-01", participants=12, new_relations=3)),
        ]),
        ("", "reach:\n  - {date: 2024-06-01}\n", [
            Change("reach-added", "reach[2024-06-01]", "Rækkevidde 2024-06-01: deltagere ikke talt, nye relationer ikke talt", None, reach("2024-06-01")),
        ]),
        ("", "reach:\n  - {date: 2024-06-01, participants: 0, new_relations: 0}\n", [
            Change("reach-added", "reach[2024-06-01]", "Rækkevidde 2024-06-01: 0 deltagere, 0 nye relationer", None, reach("2024-06-01", participants=0, new_relations=0)),
        ]),
        ("reach:\n  - {date: 2024-06-01, participants: 12}\n", "reach:\n  - {date: 2024-06-01, participants: 14, note: Sommerfest}\n", [
            Change("field-changed", "reach[2024-06-01].participants", "Deltagere i opgørelsen 2024-06-01: 12 → 14", 12, 14),
            Change("field-added", "reach[2024-06-01].note", "Note i opgørelsen 2024-06-01 tilføjet: Sommerfest", None, "Sommerfest"),
        ]),
        ("reach:\n  - {date: 2024-06-01, participants: 12}\n  - {date: 2024-09-01, participants: 9}\n", "", [
            Change("reach-removed", "reach[2024-06-01]", "Rækkevidde 2024-06-01 fjernet", reach("2024-06-01", participants=12), None),
            Change("reach-removed", "reach[2024-09-01]", "Rækkevidde 2024-09-01 fjernet", reach("2024-09-01", participants=9), None),
        ]),
        ("reach:\n  - {date: 2024-06-01, participants: 12}\n  - {date: 2024-09-01, participants: 9}\n",
         "reach:\n  - {date: 2024-12-01, participants: 5}\n  - {date: 2024-09-01, participants: 10}\n", [
            Change("reach-added", "reach[2024-12-01]", "Rækkevidde 2024-12-01: 5 deltagere, nye relationer ikke talt", None, reach("2024-12-01", participants=5)),
            Change("field-changed", "reach[2024-09-01].participants", "Deltagere i opgørelsen 2024-09-01: 9 → 10", 9, 10),
            Change("reach-removed", "reach[2024-06-01]", "Rækkevidde 2024-06-01 fjernet", reach("2024-06-01", participants=12), None),
        ]),
        # format 1.1: a period counted from a day
        ("", "reach:\n  - {from: 2024-03-01, date: 2024-06-01, participants: 12}\n", [
            Change("reach-added", "reach[2024-06-01]", "Rækkevidde 2024-03-01–2024-06-01: 12 deltagere, nye relationer ikke talt", None, reach("2024-06-01", participants=12, **{"from": "2024-03-01"})),
        ]),
        ("reach:\n  - {date: 2024-06-01}\n", "reach:\n  - {from: 2024-03-01, date: 2024-06-01}\n", [
            Change("reach-from-changed", "reach[2024-06-01].from", "Rækkevidde 2024-06-01: periodens start ikke angivet → 2024-03-01", None, "2024-03-01"),
        ]),
        ("reach:\n  - {from: 2024-03-01, date: 2024-06-01}\n", "reach:\n  - {from: 2024-04-01, date: 2024-06-01, new_relations: 2}\n", [
            Change("reach-from-changed", "reach[2024-06-01].from", "Rækkevidde 2024-06-01: periodens start 2024-03-01 → 2024-04-01", "2024-03-01", "2024-04-01"),
            Change("field-added", "reach[2024-06-01].new_relations", "Nye relationer i opgørelsen 2024-06-01 tilføjet: 2", None, 2),
        ]),
        ("reach:\n  - {from: 2024-03-01, date: 2024-06-01}\n", "reach:\n  - {date: 2024-06-01}\n", [
            Change("reach-from-changed", "reach[2024-06-01].from", "Rækkevidde 2024-06-01: periodens start 2024-03-01 → ikke angivet", "2024-03-01", None),
        ]),
        ("", "plans: [plan]\n", [Change("list-added", "plans", "Planer: + Ensomhedsplan", None, "plan")]),
        ("", "goals: ['plan#faerre']\n", [Change("list-added", "goals", "Mål: + plan#faerre", None, "plan#faerre")]),
        ("owner: anna\n", "owner: raadet\n", [Change("field-changed", "owner", "Ansvarlig: Anna Hansen → Ældrerådet", "Anna Hansen", "Ældrerådet")]),
        ("", "proposed_by: raadet\n", [Change("field-added", "proposed_by", "Forslagsstiller tilføjet: Ældrerådet", None, "Ældrerådet")]),
        ("", "start: 2025-03\nend: 2025\n", [
            Change("field-added", "start", "Start tilføjet: 2025-03", None, "2025-03"),
            Change("field-added", "end", "Slut tilføjet: 2025", None, "2025"),
        ]),
        ("category: community\n", "category: outreach\n", [Change("field-changed", "category", "Kategori: fællesskabsaktivitet → opsøgende", "community", "outreach")]),
        ("target_groups: [ældre, pårørende]\n", "target_groups: [ældre]\n", [Change("list-removed", "target_groups", "Målgrupper: − pårørende", "pårørende", None)]),
    ],
    ids=[
        "reach-added", "reach-added-without-figures", "reach-added-zero", "reach-changed", "reach-removed", "reach-added-changed-removed",
        "reach-added-with-from", "reach-from-set", "reach-from-changed", "reach-from-removed",
        "plans", "goal-refs-are-plain", "owner", "proposed-by", "imprecise-dates", "category", "target-groups",
    ],
)
def test_initiative_changes(old, new, expected):
    base = INITIATIVE.replace("category: community\n", "") if "category" in old else INITIATIVE
    assert changes_to(I, base + old, base + new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "budget: {amount: 1000}\n", [Change("budget-line-added", "budget", "Budget tilføjet: 1.000 DKK", None, budget(1000))]),
        ("budget: {amount: 1000, year: 2024}\n", "budget: {amount: 2500, year: 2024}\n", [
            Change("budget-line-changed", "budget[2024]", "Budget 2024: 1.000 DKK → 2.500 DKK", budget(1000, year=2024), budget(2500, year=2024)),
        ]),
        ("budget: {amount: 1000, year: 2024}\n", "budget:\n  - {amount: 1000, year: 2024}\n", []),
        ("budget: {amount: 100000, year: 2025, source: kommune}\n",
         "budget:\n  - {amount: 150000, year: 2025, source: kommune}\n  - {amount: 50000, year: 2025, source: Velliv Foreningen}\n  - {amount: 20000.5, currency: EUR, year: 2026}\n", [
            Change("budget-line-changed", "budget[2025/kommune]", "Budget 2025 (kommune): 100.000 DKK → 150.000 DKK", budget(100000, year=2025, source="kommune"), budget(150000, year=2025, source="kommune")),
            Change("budget-line-added", "budget[2025/Velliv Foreningen]", "Budget 2025 (Velliv Foreningen) tilføjet: 50.000 DKK", None, budget(50000, year=2025, source="Velliv Foreningen")),
            Change("budget-line-added", "budget[2026]", "Budget 2026 tilføjet: 20.000,50 EUR", None, budget(20000.5, currency="EUR", year=2026)),
        ]),
        ("budget:\n  - {amount: 1000, year: 2024, source: pulje}\n  - {amount: 500, year: 2025}\n", "budget: {amount: 500, year: 2025}\n", [
            Change("budget-line-removed", "budget[2024/pulje]", "Budget 2024 (pulje) fjernet (var 1.000 DKK)", budget(1000, year=2024, source="pulje"), None),
        ]),
        ("budget: {amount: 1000, source: fond}\n", "budget: {amount: 1000, currency: EUR, source: fond}\n", [
            Change("budget-line-changed", "budget[fond]", "Budget (fond): 1.000 DKK → 1.000 EUR", budget(1000, source="fond"), budget(1000, currency="EUR", source="fond")),
        ]),
        # two lines for the same year and source stay two
        ("budget:\n  - {amount: 1, year: 2024}\n", "budget:\n  - {amount: 1, year: 2024}\n  - {amount: 2, year: 2024}\n", [
            Change("budget-line-added", "budget[2024]#2", "Budget 2024 tilføjet: 2 DKK", None, budget(2, year=2024)),
        ]),
        ("budget: {amount: 1000, year: 2024}\n", "budget: {amount: 1000, year: 2025}\n", [
            Change("budget-line-added", "budget[2025]", "Budget 2025 tilføjet: 1.000 DKK", None, budget(1000, year=2025)),
            Change("budget-line-removed", "budget[2024]", "Budget 2024 fjernet (var 1.000 DKK)", budget(1000, year=2024), None),
        ]),
    ],
    ids=["set", "amount", "one-mapping-is-a-list-of-one", "lines-by-year-and-source", "line-removed", "currency", "same-line-twice", "year-moved"],
)
def test_budget_lines(old, new, expected):
    assert changes_to(I, INITIATIVE + old, INITIATIVE + new) == expected


def test_initiative_changes_in_english():
    old = INITIATIVE + "budget: {amount: 100000, year: 2025, source: kommune}\nreach:\n  - {date: 2024-06-01, participants: 3}\n"
    new = INITIATIVE + "budget:\n  - {amount: 150000, year: 2025, source: kommune}\n  - {amount: 2500.5, year: 2026}\nreach:\n  - {from: 2024-03-01, date: 2024-06-01, participants: 3}\n  - {from: 2024-06-02, date: 2024-09-01, new_relations: 2}\n"
    assert [(c.type, c.message) for c in changes_to(I, old, new, lang="en")] == [
        ("budget-line-changed", "Budget 2025 (kommune): 100,000 DKK → 150,000 DKK"),
        ("budget-line-added", "Budget 2026 added: 2,500.50 DKK"),
        ("reach-from-changed", "Reach 2024-06-01: period start not given → 2024-03-01"),
        ("reach-added", "Reach 2024-06-02 to 2024-09-01: participants not counted, 2 new relations"),
    ]
    assert [c.message for c in changes_to(I, new, old, lang="en")][0:2] == [
        "Budget 2025 (kommune): 150,000 DKK → 100,000 DKK",
        "Budget 2026 removed (was 2,500.50 DKK)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "members: [{person: anna, role: formand}]\n", [
            Change("member-added", "members[anna]", "Medlem tilføjet: Anna Hansen (formand)", None, {"person": "anna", "role": "formand"}),
        ]),
        ("", "members: [{person: bo}]\n", [Change("member-added", "members[bo]", "Medlem tilføjet: Bo Madsen", None, {"person": "bo", "role": None})]),
        ("members: [{person: anna, role: formand}, {person: bo}]\n", "members: [{person: bo}]\n", [
            Change("member-removed", "members[anna]", "Medlem fjernet: Anna Hansen", {"person": "anna", "role": "formand"}, None),
        ]),
        ("members: [{person: anna, role: formand}]\n", "members: [{person: anna, role: næstformand}]\n", [
            Change("field-changed", "members[anna].role", "Rolle for medlem Anna Hansen: formand → næstformand", "formand", "næstformand"),
        ]),
        ("", "status: closed\n", [Change("status-changed", "status", "Status: aktiv → nedlagt", "active", "closed")]),
        ("", "size: {min: 3, max: 9}\n", [Change("field-added", "size", 'Størrelse tilføjet: {"min": 3, "max": 9}', None, {"min": 3, "max": 9})]),
        ("size: {min: 3, max: 9}\n", "size: {min: 5, max: 9}\n", [Change("field-changed", "size.min", "Størrelse min.: 3 → 5", 3, 5)]),
        ("", "parent: raadet\nplan: plan\n", [
            Change("field-added", "parent", "Overordnet forum tilføjet: Ældrerådet", None, "Ældrerådet"),
            Change("field-added", "plan", "Plan tilføjet: Ensomhedsplan", None, "Ensomhedsplan"),
        ]),
        ("", "composition: [2 borgere]\n", [Change("list-added", "composition", "Sammensætning: + 2 borgere", None, "2 borgere")]),
    ],
    ids=["member-added", "member-without-role", "member-removed", "member-role", "status", "size-set", "size-min", "references", "composition"],
)
def test_body_changes(old, new, expected):
    path = "records/bodies/gruppe.yaml"
    base = "kind: body\nname: Gruppen\ntype: working_group\n"
    assert changes_to(path, base + old, base + new) == expected


def test_body_changes_in_english():
    path = "records/bodies/gruppe.yaml"
    base = "kind: body\nname: Gruppen\ntype: working_group\n"
    old = base + "members: [{person: anna, role: formand}, {person: bo}]\n"
    new = base.replace("working_group", "reference_group") + "members: [{person: anna, role: næstformand}, {person: anne, role: sekretær}]\n"
    assert [c.message for c in changes_to(path, old, new, lang="en")] == [
        "Type: working group → reference group",
        "Member added: Anne Holm (sekretær)",
        "Member Anna Hansen role: formand → næstformand",
        "Member removed: Bo Madsen",
    ]


def test_person_changes_name_the_party():
    found = changes_to("records/people/anne.yaml", "kind: person\nname: Anne Holm\n", "kind: person\nname: Anne Holm\nparty: Socialdemokratiet (A)\ntitle: byrådsmedlem\n")
    assert found == [
        Change("field-added", "title", "Stilling tilføjet: byrådsmedlem", None, "byrådsmedlem"),
        Change("field-added", "party", "Parti tilføjet: Socialdemokratiet (A)", None, "Socialdemokratiet (A)"),
    ]

# --- the generic comparison of values, through `extra` ---------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{a: 1, b: 2}", "{a: 1, b: 3}", [Change("field-changed", "extra.b", "Extra b: 2 → 3", "2", "3")]),
        ("{x: 1}", "{x: {y: 2}}", [Change("field-changed", "extra.x", 'Extra x: 1 → {"y": "2"}', "1", {"y": "2"})]),
        ("{x: {y: 2}}", "{x: 1}", [Change("field-changed", "extra.x", 'Extra x: {"y": "2"} → 1', {"y": "2"}, "1")]),
        ("{x: {y: 1, z: 3}}", "{x: {y: 2, z: 3}}", [Change("field-changed", "extra.x.y", "Extra x y: 1 → 2", "1", "2")]),
        ("{n: {y: 1}}", "{n: \"a\\nb\"}", [Change("field-changed", "extra.n", 'Extra n: {"y": "1"} → a b', {"y": "1"}, "a\nb")]),
        ("{s: \"a\\nb\"}", "{s: {y: 1}}", [Change("field-changed", "extra.s", "Extra s ændret", "a\nb", {"y": "1"})]),
        ("{s: a}", "{s: \"b\\nc\"}", [Change("field-changed", "extra.s", "Extra s ændret", "a", "b\nc")]),
        ("{status: x}", "{}", [Change("status-changed", "extra.status", "Extra status: x → intet", "x", None)]),
        ("{}", "{status: x}", [Change("status-changed", "extra.status", "Extra status: intet → x", None, "x")]),
        ("{}", "{x: 0}", [Change("field-added", "extra.x", "Extra x tilføjet: 0", None, "0")]),
        ("{x: ''}", "{}", [Change("field-removed", "extra.x", "Extra x fjernet (var )", "", None)]),
        ("{tags: [a]}", "{}", [Change("list-removed", "extra.tags", "Extra tags: − a", "a", None)]),
        ("{}", "{tags: [a]}", [Change("list-added", "extra.tags", "Extra tags: + a", None, "a")]),
        ("{plans: [plan]}", "{plans: []}", [Change("list-removed", "extra.plans", "Extra plans: − Ensomhedsplan", "plan", None)]),
        ("{}", "{steps: [{what: Ring}, {note: x}]}", [
            Change("entry-added", "extra.steps[0]", "Extra steps: + Ring", None, {"what": "Ring"}),
            Change("entry-added", "extra.steps[1]", 'Extra steps: + {"note": "x"}', None, {"note": "x"}),
        ]),
        ("{steps: [{what: Ring}, {title: T, what: W}]}", "{steps: [{what: Skriv}]}", [
            Change("field-changed", "extra.steps[0].what", "Extra steps 1 what: Ring → Skriv", "Ring", "Skriv"),
            Change("entry-removed", "extra.steps[1]", "Extra steps: − T", {"title": "T", "what": "W"}, None),
        ]),
        ("{steps: [{what: A}, {what: B}]}", "{steps: [{what: A}, {what: C}]}", [
            Change("field-changed", "extra.steps[1].what", "Extra steps 2 what: B → C", "B", "C"),
        ]),
        ("{mix: [a]}", "{mix: [a, {id: x, title: X}]}", [
            Change("entry-added", "extra.mix[1]", "Extra mix: + X", None, {"id": "x", "title": "X"}),
        ]),
        ("{rows: [{id: r1, title: R1}, {id: r2, title: R2}]}", "{rows: [{id: r3, title: R3}, {id: r1, title: R1b}]}", [
            Change("entry-added", "extra.rows[r3]", "Extra rows tilføjet: R3", None, {"id": "r3", "title": "R3"}),
            Change("field-changed", "extra.rows[r1].title", "Extra rows r1 title: R1 → R1b", "R1", "R1b"),
            Change("entry-removed", "extra.rows[r2]", "Extra rows fjernet: R2", {"id": "r2", "title": "R2"}, None),
        ]),
        ("{rows: [{id: r1, what: W}]}", "{rows: [{id: r2}]}", [
            Change("entry-added", "extra.rows[r2]", 'Extra rows tilføjet: {"id": "r2"}', None, {"id": "r2"}),
            Change("entry-removed", "extra.rows[r1]", "Extra rows fjernet: W", {"id": "r1", "what": "W"}, None),
        ]),
        # free data: its keys and values are shown as written, never as the format's words or names
        ("{status: held}", "{status: cancelled}", [Change("status-changed", "extra.status", "Extra status: held → cancelled", "held", "cancelled")]),
        ("{start: '10:00'}", "{start: '11:00'}", [Change("field-changed", "extra.start", "Extra start: 10:00 → 11:00", "10:00", "11:00")]),
        ("{}", "{plan: plan, title: T}", [
            Change("field-added", "extra.plan", "Extra plan tilføjet: plan", None, "plan"),
            Change("field-added", "extra.title", "Extra title tilføjet: T", None, "T"),
        ]),
    ],
    ids=[
        "equal-keys-skipped", "text-to-mapping", "mapping-to-text", "nested", "mapping-to-multiline",
        "multiline-to-mapping", "text-to-multiline", "status-removed", "status-set",
        "zero-set", "empty-removed", "list-emptied", "list-set", "reference-list-by-path",
        "entries-by-position-added", "entries-by-position-changed-and-removed", "second-entry-changed",
        "mixed-list-by-position", "entries-by-id", "entry-described-by-what-or-json",
        "free-status", "free-time", "free-reference-and-key",
    ],
)
def test_values_compared_field_by_field(old, new, expected):
    base = "kind: person\nname: Anna Hansen\n"
    assert changes_to("records/people/anna.yaml", base + f"extra: {old}\n", base + f"extra: {new}\n") == expected



@pytest.mark.parametrize(
    ("old", "new", "messages"),
    [
        ("{a: 1, b: 2}", "{a: 1, b: 3}", ["Extra b: 2 → 3"]),
        ("{status: x}", "{}", ["Extra status: x → nothing"]),
        ("{}", "{x: 0}", ["Extra x set: 0"]),
        ("{x: ''}", "{}", ["Extra x removed (was )"]),
        ("{s: a}", "{s: \"b\\nc\"}", ["Extra s changed"]),
        ("{rows: [{id: r1, title: R1}]}", "{rows: [{id: r2, title: R2}]}", ["Extra rows added: R2", "Extra rows removed: R1"]),
        ("{steps: [{what: A}]}", "{steps: [{what: A}, {what: B}]}", ["Extra steps: + B"]),
    ],
    ids=["changed", "status-removed", "set", "removed", "long-text", "entries-by-id", "entries-by-position"],
)
def test_values_compared_field_by_field_in_english(old, new, messages):
    base = "kind: person\nname: Anna Hansen\n"
    found = changes_to("records/people/anna.yaml", base + f"extra: {old}\n", base + f"extra: {new}\n", lang="en")
    assert [c.message for c in found] == messages


# --- records with errors: compared as written ------------------------------------------------------------

BAD_MEETING = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nbad: 1\n"


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (M, BAD_MEETING, BAD_MEETING + "items:\n  - {number: 1, title: A}\n", [
            Change("item-added", "items[1]", "Punkt 1 tilføjet: A", None, {"number": "1", "title": "A"}),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A}\n", BAD_MEETING, [
            Change("item-removed", "items[1]", "Punkt 1 fjernet: A", {"number": "1", "title": "A"}, None),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A}\n",
         BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring}], presenters: [bo]}\n  - {number: 2, title: B, actions: [{what: Skriv, status: done}]}\n  - {number: 3, title: C}\n", [
            Change("item-added", "items[2]", "Punkt 2 tilføjet: B", None, {"number": "2", "title": "B", "actions": [{"what": "Skriv", "status": "done"}]}),
            Change("action-added", "items[2].actions", "Opfølgning tilføjet på punkt 2: Skriv (udført)", None, {"what": "Skriv", "status": "done"}),
            Change("item-added", "items[3]", "Punkt 3 tilføjet: C", None, {"number": "3", "title": "C"}),
            Change("action-opened", "items[1].actions", "Ny opfølgning på punkt 1: Ring", None, {"what": "Ring"}),
            Change("presenter-added", "items[1].presenters[bo]", "Fremlægger på punkt 1 tilføjet: Bo Madsen", None, "bo"),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring}], presenters: [bo]}\n",
         BAD_MEETING + "items:\n  - {number: 1, title: A}\n", [
            Change("action-removed", "items[1].actions", "Opfølgning fjernet fra punkt 1: Ring", {"what": "Ring"}, None),
            Change("presenter-removed", "items[1].presenters[bo]", "Fremlægger på punkt 1 fjernet: Bo Madsen", "bo", None),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring, due: 2024-04-01}]}\n",
         BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring, owners: [bo]}]}\n", [
            Change("field-removed", "items[1].actions[Ring].due", "Frist for opfølgningen »Ring« fjernet (var 2024-04-01)", "2024-04-01", None),
            Change("list-added", "items[1].actions[Ring].owners", "Ansvarlige for opfølgningen »Ring«: + Bo Madsen", None, "bo"),
        ]),
        (M, BAD_MEETING, BAD_MEETING + "attendees: [anna]\nabsent: [bo]\nstaff: [anne]\n", [
            Change("attendee-added", "attendees[anna]", "Deltager tilføjet: Anna Hansen", None, "anna"),
            Change("absence-added", "absent[bo]", "Bo Madsen meldt afbud", None, "bo"),
            Change("staff-added", "staff[anne]", "Fra forvaltningen deltog: Anne Holm", None, "anne"),
        ]),
        (M, BAD_MEETING + "attendees: [anna]\nabsent: [bo]\n", BAD_MEETING, [
            Change("attendee-removed", "attendees[anna]", "Deltager fjernet: Anna Hansen", "anna", None),
            Change("absence-removed", "absent[bo]", "Afbud fjernet: Bo Madsen", "bo", None),
        ]),
        (M, BAD_MEETING + "absent: [bo]\n", BAD_MEETING + "absent: [{person: bo, notice: 'false'}]\n", [
            Change("absence-notice-changed", "absent[bo]", "Bo Madsen fraværende", "bo", {"person": "bo", "notice": "false"}),
        ]),
        (M, BAD_MEETING + "attendees: [anna]\n", BAD_MEETING + "attendees: [{person: anna, from_item: '3'}]\n", [
            Change("attendance-changed", "attendees[anna]", "Anna Hansen deltog fra punkt 3", "anna", {"person": "anna", "from_item": "3"}),
        ]),
        (M, BAD_MEETING + "attendees: [anna]\n", BAD_MEETING + "attendees: [{person: anna, seat: 4}]\n", [
            Change("field-added", "attendees[anna].seat", "Seat for deltager Anna Hansen tilføjet: 4", None, "4"),
        ]),
        (M, BAD_MEETING + "end: '17:00'\n", BAD_MEETING + "end: [17]\n", [
            Change("list-added", "end", "Slut: + 17", None, "17"),
            Change("list-removed", "end", "Slut: − 17:00", "17:00", None),
        ]),
        (M, BAD_MEETING + "chair: anna\n", BAD_MEETING + "chair: 5\n", [
            Change("field-changed", "chair", "Formand/ordstyrer: Anna Hansen → 5", "Anna Hansen", "5"),
        ]),
        (M, BAD_MEETING + "chair: ''\n", BAD_MEETING + "chair: 0\n", [Change("field-added", "chair", "Formand/ordstyrer tilføjet: 0", None, "0")]),
        (M, BAD_MEETING + "chair: anna\n", BAD_MEETING + "chair: {id: anna}\n", [
            Change("field-changed", "chair", 'Formand/ordstyrer: anna → {"id": "anna"}', "anna", {"id": "anna"}),
        ]),
        (M, BAD_MEETING + "chair: [anna]\n", BAD_MEETING + "chair: [anna, bo]\n", [
            Change("list-added", "chair", "Formand/ordstyrer: + bo", None, "bo"),
        ]),
        (M, BAD_MEETING, BAD_MEETING + "tags: [1, 2]\n", [
            Change("list-added", "tags", "Tags: + 1", None, "1"),
            Change("list-added", "tags", "Tags: + 2", None, "2"),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A, votes: [{motion: [x]}]}\n", BAD_MEETING + "items:\n  - {number: 1, title: A, votes: [{motion: [y]}]}\n", [
            Change("list-added", "items[0].votes[0].motion", "Punkter 1 afstemninger 1 forslag: + y", None, "y"),
            Change("list-removed", "items[0].votes[0].motion", "Punkter 1 afstemninger 1 forslag: − x", "x", None),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\n", "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\nmilestones:\n  - {id: a, title: A}\n", [
            Change("goal-added", "goals[g]", "Mål tilføjet: G", None, {"id": "g", "title": "G"}),
            Change("milestone-added", "milestones[a]", "Milepæl tilføjet: A", None, {"id": "a", "title": "A"}),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\nmilestones:\n  - {id: a, title: A}\n", "kind: plan\ntitle: P\nbad: 1\n", [
            Change("goal-removed", "goals[g]", "Mål fjernet: G", {"id": "g", "title": "G"}, None),
            Change("milestone-removed", "milestones[a]", "Milepæl fjernet: A", {"id": "a", "title": "A"}, None),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\n", "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G, measurements: [{date: 2024-01-01, value: 3}]}\n", [
            Change("measurement-added", "goals[g].measurements[2024-01-01]", "Mål g: ny måling 2024-01-01: 3", None, {"date": "2024-01-01", "value": "3"}),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G, measurements: [{date: 2024-01-01, value: 3}]}\n", "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\n", [
            Change("measurement-removed", "goals[g].measurements[2024-01-01]", "Mål g: måling 2024-01-01 fjernet", {"date": "2024-01-01", "value": "3"}, None),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G, status: on_track}\n", "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G, status: ok}\n", [
            Change("goal-status-changed", "goals[g].status", "Mål g: vurdering på rette spor → ok", "on_track", "ok"),
        ]),
        (I, "kind: initiative\ntitle: C\nbad: 1\n", "kind: initiative\ntitle: C\nbad: 1\nreach: [{date: 2024-06-01}]\nplans: [5, null, [x]]\n", [
            Change("reach-added", "reach[2024-06-01]", "Rækkevidde 2024-06-01: deltagere ikke talt, nye relationer ikke talt", None, {"date": "2024-06-01"}),
            Change("list-added", "plans", "Planer: + 5", None, "5"),
            Change("list-added", "plans", "Planer: + intet", None, None),
            Change("list-added", "plans", 'Planer: + ["x"]', None, ["x"]),
        ]),
        (I, "kind: initiative\ntitle: C\nbad: 1\nreach: [{date: 2024-06-01}]\n", "kind: initiative\ntitle: C\nbad: 1\n", [
            Change("reach-removed", "reach[2024-06-01]", "Rækkevidde 2024-06-01 fjernet", {"date": "2024-06-01"}, None),
        ]),
        (I, "kind: initiative\ntitle: C\nbad: 1\nbudget: {amount: 100, year: 2024}\n", "kind: initiative\ntitle: C\nbad: 1\nbudget: {amount: 200, year: 2024}\n", [
            Change("budget-line-changed", "budget[2024]", "Budget 2024: 100 DKK → 200 DKK", {"amount": "100", "year": "2024"}, {"amount": "200", "year": "2024"}),
        ]),
        (I, "kind: initiative\ntitle: C\nbad: 1\nbudget: [{amount: 1, year: [2024]}]\n", "kind: initiative\ntitle: C\nbad: 1\nbudget: [{amount: 2, year: [2024]}]\n", [
            Change("field-changed", "budget[0].amount", "Budget 1 beløb: 1 → 2", "1", "2"),
        ]),
        (B, "kind: body\nname: R\nbad: 1\n", "kind: body\nname: R\nbad: 1\nmembers: [anna]\n", [
            Change("member-added", "members[anna]", "Medlem tilføjet: Anna Hansen", None, "anna"),
        ]),
        (B, "kind: body\nname: R\nbad: 1\nmembers: [anna]\n", "kind: body\nname: R\nbad: 1\n", [
            Change("member-removed", "members[anna]", "Medlem fjernet: Anna Hansen", "anna", None),
        ]),
        (B, "kind: body\nname: R\nbad: 1\n", "kind: body\nname: R\nbad: 1\nmembers: [{role: formand, reason: x}]\n", [
            Change("member-added", "members[None]", "Medlem tilføjet: intet (formand)", None, {"role": "formand", "reason": "x"}),
        ]),
    ],
    ids=[
        "items-set", "items-removed", "item-entries-as-written", "item-entries-removed", "action-fields-as-written",
        "people-set", "people-removed", "notice-as-text", "attendance-as-text", "attendee-unknown-key", "end-a-list",
        "reference-not-text", "reference-empty", "reference-to-mapping",
        "reference-a-list", "list-of-numbers", "vote-motion-a-list", "goals-and-milestones-set", "goals-and-milestones-removed",
        "measurements-set", "measurements-removed", "assessment-unknown", "reach-set-and-reference-number", "reach-removed",
        "budget-as-written", "budget-year-a-list", "members-set", "members-removed", "member-without-person",
    ],
)
def test_record_with_errors_is_compared_as_written(path, old, new, expected):
    assert changes_to(path, old, new) == expected


BROKEN_MEETING = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\nbogus: 1\n"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param(
            BROKEN_MEETING + "tags: ensomhed\n", BROKEN_MEETING + "tags: [ensomhed, frivillige]\n",
            [("list-added", "tags", "Tags: + frivillige", None, "frivillige")],
            id="one-value-becomes-a-list",
        ),
        pytest.param(
            BROKEN_MEETING + "attendees: anna\n", BROKEN_MEETING + "attendees: [anna, bo]\n",
            [("attendee-added", "attendees[bo]", "Deltager tilføjet: Bo Madsen", None, "bo")],
            id="attendees-as-one-value",
        ),
        pytest.param(
            BROKEN_MEETING + "items:\n  - title: Velkomst\n", BROKEN_MEETING + "items:\n  - title: Velkomst\n  - title: Nyt\n",
            [("entry-added", "items[1]", "Punkter: + Nyt", None, {"title": "Nyt"})],
            id="items-without-numbers",
        ),
        pytest.param(
            BROKEN_MEETING + "absent:\n  - {person: [anna]}\n", BROKEN_MEETING + "absent:\n  - {person: [bo]}\n",
            [("list-added", "absent[0].person", "Afbud 1 person: + bo", None, "bo"),
             ("list-removed", "absent[0].person", "Afbud 1 person: − anna", "anna", None)],
            id="a-person-as-a-list",
        ),
        pytest.param(
            BROKEN_MEETING + "items:\n  - {number: 1, title: A, statements: [{type: dissent, by: x}]}\n",
            BROKEN_MEETING + "items:\n  - {number: 1, title: A, statements: [{type: dissent, by: y}]}\n",
            [("statement-added", "items[1].statements", "Punkt 1: mindretalsudtalelse tilføjet (y)", None, {"type": "dissent", "by": "y"}),
             ("statement-removed", "items[1].statements", "Punkt 1: mindretalsudtalelse fjernet (x)", {"type": "dissent", "by": "x"}, None)],
            id="statement-by-one-text",
        ),
    ],
)
def test_a_record_with_errors_is_compared_as_written_without_crashing(old, new, expected):
    found = changes_to(M, old, new)
    assert [(c.type, c.field, c.message, c.old, c.new) for c in found] == expected


KNOWN = "id, tags, extra, description, kind, body, title, date, start, end, location, mode, status, chair, secretary, attendees, absent, staff, guests, items, minutes_approved, agenda_sent, amendments"


def _with_errors(path: str, old: str, new: str, lang: str = "da") -> list[tuple]:
    from ensomhed_cli.diagnostics import messages_for

    with messages_for(lang):  # the records' own messages in the language of the diff, as `diff` reads them
        before, after = snap({**CONTEXT, path: old}), snap({**CONTEXT, path: new})
    [record] = compare(before, after, lang, "HEAD~1", "HEAD")
    return [(c.type, c.message) for c in record.changes]


def test_a_record_that_gets_its_errors_fixed_is_said_to_have_had_them_not_compared_field_by_field():
    """Typed at one side, as written at the other: compared field by field, every default
    and every number written as text would be a change."""
    found = _with_errors(M, BROKEN_MEETING + "items:\n  - title: a\n", BROKEN_MEETING.replace("bogus: 1\n", "") + "items:\n  - title: a\n")
    assert found == [
        ("invalid", f"{M}: ugyldig i HEAD~1: 5:1: ukendt felt `bogus`; her kan stå: " + KNOWN),
        ("text-changed", "Filen er ændret; den sammenlignes ikke felt for felt, så længe den har fejl"),
    ]


def test_a_valid_record_that_gets_errors_is_said_to_have_them_not_compared_field_by_field():
    valid = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: Velkomst\n"
    broken = BROKEN_MEETING + "items:\n  - title: Velkomst\n  - title: Nyt\n"
    assert _with_errors(M, valid, broken, "en") == [
        ("invalid", f"{M}: invalid at HEAD: 5:1: unknown key `bogus`; known keys here: " + KNOWN),
        ("text-changed", "The file changed; it is not compared field by field while it has errors"),
    ]


# --- output ---------------------------------------------------------------------------------------------

FOUND = [
    RecordChange("meeting", "m", "Ældrerådet, 2024-03-04", "changed", M, None, [
        Change("status-changed", "status", "Status: planlagt → afholdt", "planned", "held"),
        Change("attendee-added", "attendees[bo]", "Deltager tilføjet: Bo *Madsen*", None, "bo"),
    ]),
    RecordChange("meeting", "m2", "# Temamøde, 2024-04-01", "added", "records/meetings/m2.md"),
    RecordChange("person", "bo", "Bo", "removed", "records/people/bo.yaml"),
    RecordChange("widget", "w", "W", "changed", "records/w.yaml", "records/old/w.yaml", [
        Change("moved", "path", "Flyttet fra records/old/w.yaml", "records/old/w.yaml", "records/w.yaml"),
    ]),
]


def test_as_text_one_line_per_record_and_per_change():
    assert as_text(FOUND) == (
        '~ møde m "Ældrerådet, 2024-03-04" (records/meetings/m.yaml): ændret\n'
        "    Status: planlagt → afholdt\n"
        "    Deltager tilføjet: Bo *Madsen*\n"
        '+ møde m2 "# Temamøde, 2024-04-01" (records/meetings/m2.md): tilføjet\n'
        '- person bo "Bo" (records/people/bo.yaml): fjernet\n'
        '~ widget w "W" (records/w.yaml): ændret\n'
        "    Flyttet fra records/old/w.yaml\n"
    )


def test_as_text_in_english():
    assert as_text(FOUND, "en") == (
        '~ meeting m "Ældrerådet, 2024-03-04" (records/meetings/m.yaml): changed\n'
        "    Status: planlagt → afholdt\n"
        "    Deltager tilføjet: Bo *Madsen*\n"
        '+ meeting m2 "# Temamøde, 2024-04-01" (records/meetings/m2.md): added\n'
        '- person bo "Bo" (records/people/bo.yaml): removed\n'
        '~ widget w "W" (records/w.yaml): changed\n'
        "    Flyttet fra records/old/w.yaml\n"
    )


@pytest.mark.parametrize(
    ("kind", "da", "en"),
    [("meeting", "møde", "meeting"), ("plan", "plan", "plan"), ("initiative", "indsats", "initiative"), ("body", "forum", "body"), ("person", "person", "person")],
)
def test_as_text_names_the_kind(kind, da, en):
    changes = [RecordChange(kind, "x", "X", "added", "records/x.yaml")]
    assert (as_text(changes), as_text(changes, "en")) == (f'+ {da} x "X" (records/x.yaml): tilføjet\n', f'+ {en} x "X" (records/x.yaml): added\n')


def test_as_text_of_nothing_is_empty():
    assert as_text([]) == as_text([], "en") == ""


def test_as_markdown_groups_by_kind_and_escapes_markup():
    assert as_markdown(FOUND, "main", "feature/x") == (
        "### Ændringer (main → feature/x)\n"
        "\n"
        "#### Møder\n"
        "\n"
        "- **Ældrerådet, 2024-03-04** (`m`) ændret\n"
        "  - Status: planlagt → afholdt\n"
        "  - Deltager tilføjet: Bo \\*Madsen\\*\n"
        "- **\\# Temamøde, 2024-04-01** (`m2`) tilføjet\n"
        "\n"
        "#### Personer\n"
        "\n"
        "- **Bo** (`bo`) fjernet\n"
        "\n"
        "#### widget\n"
        "\n"
        "- **W** (`w`) ændret\n"
        "  - Flyttet fra records/old/w.yaml\n"
    )


def test_as_markdown_in_english():
    assert as_markdown(FOUND, "main", "feature/x", "en") == (
        "### Changes to the records (main → feature/x)\n"
        "\n"
        "#### Meetings\n"
        "\n"
        "- **Ældrerådet, 2024-03-04** (`m`) changed\n"
        "  - Status: planlagt → afholdt\n"
        "  - Deltager tilføjet: Bo \\*Madsen\\*\n"
        "- **\\# Temamøde, 2024-04-01** (`m2`) added\n"
        "\n"
        "#### People\n"
        "\n"
        "- **Bo** (`bo`) removed\n"
        "\n"
        "#### widget\n"
        "\n"
        "- **W** (`w`) changed\n"
        "  - Flyttet fra records/old/w.yaml\n"
    )


@pytest.mark.parametrize(
    ("kind", "da", "en"),
    [
        ("meeting", "Møder", "Meetings"), ("plan", "Planer", "Plans"), ("initiative", "Indsatser", "Initiatives"),
        ("body", "Forummer", "Bodies"), ("person", "Personer", "People"),
    ],
)
def test_as_markdown_kind_headings(kind, da, en):
    changes = [RecordChange(kind, "x", "X", "added", "records/x.yaml")]
    assert as_markdown(changes, "a", "b").splitlines()[2] == f"#### {da}"
    assert as_markdown(changes, "a", "b", "en").splitlines()[2] == f"#### {en}"


def test_as_markdown_escapes_a_kind_written_with_markup():
    text = as_markdown([RecordChange("<b>x</b>", "x", "X", "added", "records/x.yaml")], "a", "b")
    assert text.splitlines()[2] == "#### \\<b\\>x\\</b\\>"


def test_as_markdown_escapes_the_revisions():
    text = as_markdown([RecordChange("person", "x", "X", "added", "records/x.yaml")], "*a*", "b_c")
    assert text.splitlines()[0] == "### Ændringer (\\*a\\* → b\\_c)"
    assert as_markdown([RecordChange("person", "x", "X", "added", "records/x.yaml")], "*a*", "b_c", "en").splitlines()[0] == "### Changes to the records (\\*a\\* → b\\_c)"


def test_as_markdown_of_nothing_says_so():
    assert as_markdown([], "HEAD", "arbejdsmappen") == "Ingen ændringer mellem `HEAD` og `arbejdsmappen`.\n"
    assert as_markdown([], "HEAD", "working tree", "en") == "No changes to the records between `HEAD` and `working tree`.\n"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_as_json_has_base_head_language_and_every_record_with_its_changes(lang):
    found = [
        RecordChange("meeting", "m", "Ældrerådet, 2024-03-04", "changed", M, None, [
            Change("field-added", "minutes_approved", "Godkendelse af referatet tilføjet: 2024-04-01", None, dt.date(2024, 4, 1)),
        ]),
    ]
    assert as_json(found, "HEAD~1", "HEAD", lang) == textwrap.dedent("""\
        {
          "base": "HEAD~1",
          "head": "HEAD",
          "lang": "%s",
          "records": [
            {
              "kind": "meeting",
              "id": "m",
              "title": "Ældrerådet, 2024-03-04",
              "change": "changed",
              "path": "records/meetings/m.yaml",
              "old_path": null,
              "changes": [
                {
                  "type": "field-added",
                  "field": "minutes_approved",
                  "message": "Godkendelse af referatet tilføjet: 2024-04-01",
                  "old": null,
                  "new": "2024-04-01",
                  "severity": null
                }
              ]
            }
          ]
        }""") % lang
    assert json.loads(as_json([], "a", "b")) == {"base": "a", "head": "b", "lang": "da", "records": []}


def test_the_same_changes_in_both_languages_differ_only_in_their_messages():
    """type, field, old and new are the API: the language changes the message and nothing else."""
    old = snap({**CONTEXT, M: HELD + "attendees: [anne]\nitems:\n  - title: A\n"})
    new = snap({**CONTEXT, M: HELD + "end: '17:00'\nattendees: [{person: anne, from_item: 2}]\nitems:\n  - title: A\n    status: postponed\n    votes: [{for: [A]}]\n"})
    da, en = compare(old, new), compare(old, new, "en")
    assert [(c.type, c.field, c.old, c.new) for c in da[0].changes] == [(c.type, c.field, c.old, c.new) for c in en[0].changes]
    assert [c.type for c in da[0].changes] == ["meeting-end-changed", "attendance-changed", "item-status-changed", "vote-added"]
    assert [c.message for c in da[0].changes] == [
        "Mødet sluttede kl. 17.00", "Anne Holm deltog fra punkt 2", "Punkt 1 (A) udsat", "Punkt 1: afstemning tilføjet (for: A)",
    ]
    assert [c.message for c in en[0].changes] == [
        "The meeting ended at 17:00", "Anne Holm present from item 2", "Item 1 (A) postponed", "Item 1: vote added (for: A)",
    ]
    payload = json.loads(as_json(en, "a", "b", "en"))["records"][0]["changes"]
    assert [sorted(c) for c in payload] == [["field", "message", "new", "old", "severity", "type"]] * 4
