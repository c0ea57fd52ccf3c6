"""The semantic diff as a library: snapshot() of in-memory files, compare() of two snapshots.

Every change kind is checked with its exact type, field, message, old and new value,
and in the order it is reported; records with errors are compared as written; the
text, Markdown and JSON outputs are checked to the character. No git is needed here
(tests/test_diff.py runs `ensomhed diff` against real repositories).
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from conftest import write_repo
from ensomhed_cli.review.diff import Change, RecordChange, _measure, _short, compare
from ensomhed_cli.review.report import as_json, as_markdown, as_text
from ensomhed_cli.review.snapshot import Snapshot, snapshot, working_tree

M = "records/meetings/m.yaml"
P = "records/plans/plan.yaml"
I = "records/initiatives/cafe.yaml"  # noqa: E741
B = "records/bodies/raadet.yaml"

# The records the others refer to: people, a body and a plan with labels to look up.
CONTEXT = {
    "records/people/anna.yaml": "kind: person\nname: Anna Hansen\n",
    "records/people/bo.yaml": "kind: person\nname: Bo Madsen\n",
    B: "kind: body\nname: Ældrerådet\ntype: advisory_council\n",
    P: "kind: plan\ntitle: Ensomhedsplan\nowner: raadet\nstatus: active\n",
}

MEETING = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: planned\n"
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


def changes_to(path: str, old: str, new: str, context: dict[str, str] = CONTEXT) -> list[Change]:
    """The changes found in the one record at `path` when its text goes from `old` to `new`."""
    found = compare(snap({**context, path: old}), snap({**context, path: new}))
    if not found:
        return []
    assert len(found) == 1, found
    [record] = found
    assert (record.change, record.path, record.old_path) == ("changed", path, None)
    return record.changes


def block(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# --- the plain values the records become (every default filled in) --------------------------


def item(number: int, title: str, **fields) -> dict:
    return {
        "number": number, "title": title, "type": None, "case": None, "start": None, "end": None,
        "presenters": [], "summary": None, "description": None, "sections": [], "economy": None, "authority": None,
        "recommendation": None, "decision": None,
        "attachments": [], "closed": False, "status": "treated", "initiatives": [], "plans": [], "actions": [], **fields,
    }


def action(what: str, owners: list[str], **fields) -> dict:
    return {"what": what, "owners": owners, "due": None, "status": "open", "done_on": None, **fields}


def absence(person: str, **fields) -> dict:
    return {"person": person, "reason": None, "substitute": None, "notice": True, **fields}


def goal(gid: str, title: str, **fields) -> dict:
    return {
        "id": gid, "title": title, "theme": None, "indicator": None, "unit": None, "baseline": None,
        "target": None, "measurements": [], "status_note": None, **fields,
    }


def measurement(date: str, value, note=None) -> dict:
    return {"date": date, "value": value, "note": note}


def milestone(mid: str, title: str, **fields) -> dict:
    return {
        "id": mid, "title": title, "date": None, "status": "planned", "depends_on": [],
        "participants": [], "description": None, **fields,
    }


def reach(date: str, **fields) -> dict:
    return {"date": date, "participants": None, "new_relations": None, "note": None, **fields}


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
    ],
    ids=["none", "zero", "empty", "false", "whitespace", "dict-json", "list-json", "80-kept", "81-cut", "cut-unicode", "spaces-collapsed-first"],
)
def test_short_renders_a_value_on_one_line_of_at_most_80_characters(value, text):
    assert _short(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "nothing"),
        ("5", "nothing"),
        ({"value": 5}, "5"),
        ({"value": 5, "date": None}, "5"),
        ({"value": 12.5, "date": "2027-12-31"}, "12.5 (2027-12-31)"),
        ({"date": "2027-12-31"}, "None (2027-12-31)"),
    ],
)
def test_measure_shows_value_and_date(value, text):
    assert _measure(value) == text


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


def test_compare_moved_record_is_the_same_record():
    moved = {k: v for k, v in CONTEXT.items() if k != "records/people/bo.yaml"}
    moved["records/people/folk/bo.yaml"] = "kind: person\nname: Bo M. Madsen\n"
    assert compare(snap(CONTEXT), snap(moved)) == [
        RecordChange(
            "person", "bo", "Bo M. Madsen", "changed", "records/people/folk/bo.yaml", "records/people/bo.yaml",
            [
                Change("moved", "path", "moved from records/people/bo.yaml", "records/people/bo.yaml", "records/people/folk/bo.yaml"),
                Change("field-changed", "name", "name: Bo Madsen → Bo M. Madsen", "Bo Madsen", "Bo M. Madsen"),
            ],
        )
    ]


def test_compare_moved_only():
    moved = {k: v for k, v in CONTEXT.items() if k != "records/people/bo.yaml"}
    moved["records/people/folk/bo.yaml"] = CONTEXT["records/people/bo.yaml"]
    [record] = compare(snap(CONTEXT), snap(moved))
    assert record.old_path == "records/people/bo.yaml"
    assert record.changes == [Change("moved", "path", "moved from records/people/bo.yaml", "records/people/bo.yaml", "records/people/folk/bo.yaml")]


def test_compare_each_record_gets_only_its_own_changes():
    old = snap({**CONTEXT, M: MEETING})
    new = snap({
        **CONTEXT,
        M: MEETING.replace("planned", "held"),
        "records/people/anna.yaml": "kind: person\nname: Anna Jensen\n",
        "records/people/bo.yaml": "kind: person\nname: Bo Madsen\ntitle: leder\n",
    })
    assert compare(old, new) == [
        RecordChange("meeting", "m", "Ældrerådet, 2024-03-04", "changed", M, None, [Change("status-changed", "status", "status: planned → held", "planned", "held")]),
        RecordChange("person", "anna", "Anna Jensen", "changed", "records/people/anna.yaml", None, [Change("field-changed", "name", "name: Anna Hansen → Anna Jensen", "Anna Hansen", "Anna Jensen")]),
        RecordChange("person", "bo", "Bo Madsen", "changed", "records/people/bo.yaml", None, [Change("field-added", "title", "title set: leder", None, "leder")]),
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
        ("location: Rådhuset\n", "location: Biblioteket\n", [Change("field-changed", "location", "location: Rådhuset → Biblioteket", "Rådhuset", "Biblioteket")]),
        ("", "location: Rådhuset\n", [Change("field-added", "location", "location set: Rådhuset", None, "Rådhuset")]),
        ("location: Rådhuset\n", "", [Change("field-removed", "location", "location removed (was Rådhuset)", "Rådhuset", None)]),
        ("start: '10:00'\n", "start: '11:30'\n", [Change("field-changed", "start", "start: 10:00 → 11:30", "10:00", "11:30")]),
        ("", "minutes_approved: 2024-04-01\n", [Change("field-added", "minutes_approved", "minutes_approved set: 2024-04-01", None, "2024-04-01")]),
        # references to records are shown by the record's name
        ("", "chair: bo\n", [Change("field-added", "chair", "chair set: Bo Madsen", None, "Bo Madsen")]),
        ("chair: anna\n", "chair: bo\n", [Change("field-changed", "chair", "chair: Anna Hansen → Bo Madsen", "Anna Hansen", "Bo Madsen")]),
        ("chair: anna\n", "", [Change("field-removed", "chair", "chair removed (was Anna Hansen)", "Anna Hansen", None)]),
        ("", "secretary: carl\n", [Change("field-added", "secretary", "secretary set: carl", None, "carl")]),
        # a field that is no reference is shown as written, even when it looks like an id
        ("", "location: bo\n", [Change("field-added", "location", "location set: bo", None, "bo")]),
        # attendees and absences by person
        ("attendees: [anna]\n", "attendees: [anna, bo]\n", [Change("attendee-added", "attendees[bo]", "attendee added: Bo Madsen", None, "bo")]),
        ("attendees: [anna, bo]\n", "attendees: [bo]\n", [Change("attendee-removed", "attendees[anna]", "attendee removed: Anna Hansen", "anna", None)]),
        ("attendees: [anna, bo]\n", "attendees: [carl]\n", [
            Change("attendee-added", "attendees[carl]", "attendee added: carl", None, "carl"),
            Change("attendee-removed", "attendees[anna]", "attendee removed: Anna Hansen", "anna", None),
            Change("attendee-removed", "attendees[bo]", "attendee removed: Bo Madsen", "bo", None),
        ]),
        ("attendees: [anna, bo]\n", "attendees: [bo, anna]\n", []),  # no change at all
        ("", "absent: [{person: bo, reason: syg}]\n", [Change("absence-added", "absent[bo]", "absence added: Bo Madsen (syg)", None, absence("bo", reason="syg"))]),
        ("", "absent: [bo]\n", [Change("absence-added", "absent[bo]", "absence added: Bo Madsen", None, absence("bo"))]),
        ("absent: [{person: bo, reason: syg}]\n", "", [Change("absence-removed", "absent[bo]", "absence removed: Bo Madsen", absence("bo", reason="syg"), None)]),
        ("absent: [{person: bo, reason: syg}]\n", "absent: [{person: bo, reason: ferie, substitute: anna}]\n", [
            Change("field-changed", "absent[bo].reason", "absence Bo Madsen reason: syg → ferie", "syg", "ferie"),
            Change("field-added", "absent[bo].substitute", "absence Bo Madsen substitute set: anna", None, "anna"),
        ]),
        # plain lists: entries added and removed, shown as written
        ("guests: [Jens]\n", "guests: [Jens, Karen]\n", [Change("list-added", "guests", "guests: + Karen", None, "Karen")]),
        ("guests: [Jens, Karen]\n", "guests: [Karen]\n", [Change("list-removed", "guests", "guests: − Jens", "Jens", None)]),
        ("tags: [bo]\n", "tags: [anna]\n", [
            Change("list-added", "tags", "tags: + anna", None, "anna"),
            Change("list-removed", "tags", "tags: − bo", "bo", None),
        ]),
        # long text: said to have changed, the texts kept as old and new
        ("description: |\n  Linje 1\n  Linje 2\n", "description: Linje 1\n", [Change("field-changed", "description", "description changed", "Linje 1\nLinje 2\n", "Linje 1")]),
        ("description: Linje 1\n", "description: |\n  Linje 1\n  Linje 2\n", [Change("field-changed", "description", "description changed", "Linje 1", "Linje 1\nLinje 2\n")]),
        ("description: Kort\n", "description: Lang\n", [Change("field-changed", "description", "description: Kort → Lang", "Kort", "Lang")]),
    ],
    ids=[
        "location-changed", "location-set", "location-removed", "time", "date-set",
        "chair-set", "chair-changed", "chair-removed", "unknown-ref", "not-a-reference",
        "attendee-added", "attendee-removed", "attendees-replaced", "attendees-reordered",
        "absence-with-reason", "absence-without-reason", "absence-removed", "absence-changed",
        "guest-added", "guest-removed", "tags-are-not-references",
        "multiline-to-one-line", "one-line-to-multiline", "one-line-changed",
    ],
)
def test_meeting_field_changes(old, new, expected):
    assert changes_to(M, MEETING + old, MEETING + new) == expected


def test_meeting_status_change():
    assert changes_to(M, MEETING, MEETING.replace("planned", "held")) == [
        Change("status-changed", "status", "status: planned → held", "planned", "held"),
    ]


def test_meeting_body_change_names_both_bodies():
    context = {**CONTEXT, "records/bodies/udvalg.yaml": "kind: body\nname: Sundhedsudvalget\ntype: committee\n"}
    found = compare(snap({**context, M: MEETING}), snap({**context, M: MEETING.replace("raadet", "udvalg")}))
    assert found == [
        RecordChange("meeting", "m", "Sundhedsudvalget, 2024-03-04", "changed", M, None, [
            Change("field-changed", "body", "body: Ældrerådet → Sundhedsudvalget", "Ældrerådet", "Sundhedsudvalget"),
        ])
    ]


def test_names_come_from_the_new_version_then_the_old():
    old = snap({**CONTEXT, M: MEETING + "attendees: [anna, bo]\n"})
    new_context = {**CONTEXT, "records/people/anna.yaml": "kind: person\nname: Anna Jensen\n"}
    del new_context["records/people/bo.yaml"]
    new = snap({**new_context, M: MEETING + "attendees: [anna]\nchair: anna\n"})
    [meeting, *_] = compare(old, new)
    assert meeting.changes == [
        Change("field-added", "chair", "chair set: Anna Jensen", None, "Anna Jensen"),
        Change("attendee-removed", "attendees[bo]", "attendee removed: Bo Madsen", "bo", None),
    ]


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
        Change("item-added", "items[3]", "item 3 added: Nyt punkt", None, item(3, "Nyt punkt", decision="Godkendt.", actions=[ring, skriv, aflys])),
        Change("decision-added", "items[3].decision", "decision on item 3 (Nyt punkt): Godkendt.", None, "Godkendt."),
        Change("action-opened", "items[3].actions", "action opened on item 3: Ring til foreningen (Anna Hansen, Bo Madsen; due 2024-04-01)", None, ring),
        Change("action-added", "items[3].actions", "action added on item 3: Skriv referat (carl)", None, skriv),
        Change("action-added", "items[3].actions", "action added on item 3: Aflys (Bo Madsen)", None, aflys),
    ]


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
        Change("item-added", "items[5]", "item 5 added: Ny sag", None, item(5, "Ny sag")),
        Change("item-added", "items[6]", "item 6 added: Sidste sag", None, item(6, "Sidste sag")),
        Change("item-removed", "items[2]", "item 2 removed: Budget", item(2, "Budget"), None),
        Change("field-added", "items[1].type", "item 1 type set: information", None, "information"),
        Change("field-changed", "items[3].title", "item 3 title: Høring → Høring i rådet", "Høring", "Høring i rådet"),
    ]


def test_items_removed():
    assert changes_to(M, MEETING + ITEMS, MEETING) == [
        Change("item-removed", "items[1]", "item 1 removed: Ensomhedsplanen", item(1, "Ensomhedsplanen", type="discussion"), None),
        Change("item-removed", "items[2]", "item 2 removed: Eventuelt", item(2, "Eventuelt"), None),
    ]


ONE_ITEM = "items:\n  - title: Sagen\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "    decision: Rådet bakker op.\n", [Change("decision-added", "items[1].decision", "decision on item 1 (Sagen): Rådet bakker op.", None, "Rådet bakker op.")]),
        ("    decision: Udsat.\n", "", [Change("decision-removed", "items[1].decision", "decision removed from item 1 (Sagen)", "Udsat.", None)]),
        ("    decision: Udsat.\n", "    decision: Godkendt.\n", [Change("decision-changed", "items[1].decision", "decision on item 1 (Sagen) changed: Godkendt.", "Udsat.", "Godkendt.")]),
        ("", "    presenters: [anna]\n", [Change("presenter-added", "items[1].presenters[anna]", "presenter added: Anna Hansen", None, "anna")]),
        ("    presenters: [anna]\n", "", [Change("presenter-removed", "items[1].presenters[anna]", "presenter removed: Anna Hansen", "anna", None)]),
        ("", "    closed: true\n", [Change("item-closed", "items[1].closed", "item 1 (Sagen) is now closed", False, True)]),
        ("    closed: true\n", "", [Change("item-opened", "items[1].closed", "item 1 (Sagen) is no longer closed", True, False)]),
        ("    type: discussion\n", "    type: decision\n", [Change("field-changed", "items[1].type", "item 1 type: discussion → decision", "discussion", "decision")]),
        ("", "    case: 24/123\n", [Change("field-added", "items[1].case", "item 1 case set: 24/123", None, "24/123")]),
        ("", "    plans: [plan, carl]\n", [
            Change("list-added", "items[1].plans", "item 1 plans: + Ensomhedsplan", None, "plan"),
            Change("list-added", "items[1].plans", "item 1 plans: + carl", None, "carl"),
        ]),
        ("    initiatives: [plan]\n", "", [Change("list-removed", "items[1].initiatives", "item 1 initiatives: − Ensomhedsplan", "plan", None)]),
        ("", "    attachments: [{title: Bilag 1}]\n", [Change("entry-added", "items[1].attachments[0]", "item 1 attachments: + Bilag 1", None, {"title": "Bilag 1", "path": None, "url": None})]),
        ("    attachments: [{title: Bilag 1}, {title: Bilag 2}]\n", "    attachments: [{title: Bilag 1, url: 'https://x.dk'}]\n", [
            Change("field-added", "items[1].attachments[0].url", "item 1 attachments 1 url set: https://x.dk", None, "https://x.dk"),
            Change("entry-removed", "items[1].attachments[1]", "item 1 attachments: − Bilag 2", {"title": "Bilag 2", "path": None, "url": None}, None),
        ]),
        ("    description: |\n      a\n      b\n", "    description: ab\n", [Change("field-changed", "items[1].description", "item 1 description changed", "a\nb\n", "ab")]),
    ],
    ids=[
        "decision-added", "decision-removed", "decision-changed", "presenter-added", "presenter-removed",
        "closed", "opened", "type", "case", "plans-are-references", "initiatives-are-references",
        "attachment-added", "attachment-changed-and-removed", "description",
    ],
)
def test_item_field_changes(old, new, expected):
    assert changes_to(M, MEETING + ONE_ITEM + old, MEETING + ONE_ITEM + new) == expected


def test_item_messages_use_the_new_title():
    old = MEETING + "items:\n  - title: Sagen\n    decision: Udsat.\n"
    new = MEETING + "items:\n  - title: Den nye sag\n    decision: Godkendt.\n"
    assert changes_to(M, old, new) == [
        Change("field-changed", "items[1].title", "item 1 title: Sagen → Den nye sag", "Sagen", "Den nye sag"),
        Change("decision-changed", "items[1].decision", "decision on item 1 (Den nye sag) changed: Godkendt.", "Udsat.", "Godkendt."),
    ]


def test_long_titles_and_decisions_are_shortened():
    title = "T" * 85
    decision = "D" * 85
    new = MEETING + f"items:\n  - title: {title}\n    decision: {decision}\n"
    assert changes_to(M, MEETING, new) == [
        Change("item-added", "items[1]", f"item 1 added: {'T' * 79}…", None, item(1, title, decision=decision)),
        Change("decision-added", "items[1].decision", f"decision on item 1 ({'T' * 79}…): {'D' * 79}…", None, decision),
    ]


RING = "    actions:\n      - {what: Ring, owners: [anna]"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("}\n", ", status: done, done_on: 2024-03-10}\n", [Change("action-closed", "items[1].actions", "action done on 2024-03-10: Ring (open → done)", "open", "done")]),
        ("}\n", ", status: done}\n", [Change("action-closed", "items[1].actions", "action done: Ring (open → done)", "open", "done")]),
        ("}\n", ", status: dropped}\n", [Change("action-dropped", "items[1].actions", "action dropped: Ring (open → dropped)", "open", "dropped")]),
        (", status: done, done_on: 2024-03-10}\n", ", done_on: 2024-03-10}\n", [Change("action-reopened", "items[1].actions", "action reopened: Ring (done → open)", "done", "open")]),
        (", status: dropped}\n", ", status: done, done_on: 2024-03-10}\n", [Change("action-closed", "items[1].actions", "action done on 2024-03-10: Ring (dropped → done)", "dropped", "done")]),
        ("}\n", ", due: 2024-04-01}\n", [Change("field-added", "items[1].actions[Ring].due", "action Ring due set: 2024-04-01", None, "2024-04-01")]),
        (", due: 2024-04-01}\n", ", due: 2024-05-01}\n", [Change("field-changed", "items[1].actions[Ring].due", "action Ring due: 2024-04-01 → 2024-05-01", "2024-04-01", "2024-05-01")]),
        (", due: 2024-04-01}\n", "}\n", [Change("field-removed", "items[1].actions[Ring].due", "action Ring due removed (was 2024-04-01)", "2024-04-01", None)]),
        ("}\n", ", status: done, due: 2024-04-01}\n", [
            Change("action-closed", "items[1].actions", "action done: Ring (open → done)", "open", "done"),
            Change("field-added", "items[1].actions[Ring].due", "action Ring due set: 2024-04-01", None, "2024-04-01"),
        ]),
        ("}\n", "}\n      - {what: Skriv, owners: [bo], due: 2024-04-01}\n", [
            Change("action-opened", "items[1].actions", "action opened on item 1: Skriv (Bo Madsen; due 2024-04-01)", None, action("Skriv", ["bo"], due="2024-04-01")),
        ]),
        ("}\n      - {what: Skriv, owners: [bo]}\n      - {what: Send, owners: [bo]}\n", "}\n", [
            Change("action-removed", "items[1].actions", "action removed from item 1: Skriv", action("Skriv", ["bo"]), None),
            Change("action-removed", "items[1].actions", "action removed from item 1: Send", action("Send", ["bo"]), None),
        ]),
        ("}\n      - {what: Skriv, owners: [bo]}\n", "}\n      - {what: Skriv, owners: [bo], status: done}\n", [
            Change("action-closed", "items[1].actions", "action done: Skriv (open → done)", "open", "done"),
        ]),
    ],
    ids=[
        "done-on", "done", "dropped", "reopened-done-on-kept", "dropped-to-done", "due-set", "due-changed",
        "due-removed", "done-and-due", "added", "two-removed", "second-closed",
    ],
)
def test_action_changes(old, new, expected):
    assert changes_to(M, MEETING + ONE_ITEM + RING + old, MEETING + ONE_ITEM + RING + new) == expected


def test_action_owners_are_named():
    old = MEETING + ONE_ITEM + "    actions:\n      - {what: Ring, owners: [anna]}\n"
    new = MEETING + ONE_ITEM + "    actions:\n      - {what: Ring, owners: [bo, carl]}\n"
    assert changes_to(M, old, new) == [
        Change("list-added", "items[1].actions[Ring].owners", "action Ring owners: + Bo Madsen", None, "bo"),
        Change("list-added", "items[1].actions[Ring].owners", "action Ring owners: + carl", None, "carl"),
        Change("list-removed", "items[1].actions[Ring].owners", "action Ring owners: − Anna Hansen", "anna", None),
    ]


def test_action_with_a_long_text_is_shortened_in_field_and_message():
    what = "R" * 90
    short = "R" * 79 + "…"
    old = MEETING + ONE_ITEM + f"    actions:\n      - {{what: {what}, owners: [anna]}}\n"
    new = MEETING + ONE_ITEM + f"    actions:\n      - {{what: {what}, owners: [anna], status: done, due: 2024-04-01}}\n"
    assert changes_to(M, old, new) == [
        Change("action-closed", "items[1].actions", f"action done: {short} (open → done)", "open", "done"),
        Change("field-added", f"items[1].actions[{short}].due", f"action {short} due set: 2024-04-01", None, "2024-04-01"),
    ]
    assert changes_to(M, old, MEETING + ONE_ITEM) == [
        Change("action-removed", "items[1].actions", f"action removed from item 1: {short}", action(what, ["anna"]), None),
    ]


# --- compare: plans ------------------------------------------------------------------------------

GOALS = "goals:\n  - id: faerre\n    title: Færre ensomme\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "  - id: nye\n    title: Nye venskaber\n", [Change("goal-added", "goals[nye]", "goal added: Nye venskaber", None, goal("nye", "Nye venskaber"))]),
        ("    target: {value: 5, date: 2027-12-31}\n", "    target: {value: 4}\n", [
            Change("goal-target-changed", "goals[faerre].target", "goal faerre target: 5 (2027-12-31) → 4", {"value": 5, "date": "2027-12-31"}, {"value": 4, "date": None}),
        ]),
        ("", "    target: {value: 5, date: 2027-12-31}\n", [
            Change("goal-target-changed", "goals[faerre].target", "goal faerre target: nothing → 5 (2027-12-31)", None, {"value": 5, "date": "2027-12-31"}),
        ]),
        ("    baseline: {value: 12.5}\n", "", [
            Change("goal-baseline-changed", "goals[faerre].baseline", "goal faerre baseline: 12.5 → nothing", {"value": 12.5, "date": None}, None),
        ]),
        ("", "    status_note: Godt på vej.\n", [Change("status-note-changed", "goals[faerre].status_note", "goal faerre: status note changed", None, "Godt på vej.")]),
        ("    status_note: Godt på vej.\n", "    status_note: Bagud.\n", [Change("status-note-changed", "goals[faerre].status_note", "goal faerre: status note changed", "Godt på vej.", "Bagud.")]),
        ("", "    unit: pct.\n", [Change("field-added", "goals[faerre].unit", "goal faerre unit set: pct.", None, "pct.")]),
        ("    indicator: Andel\n", "    indicator: Antal\n", [Change("field-changed", "goals[faerre].indicator", "goal faerre indicator: Andel → Antal", "Andel", "Antal")]),
        ("", "    measurements:\n      - {date: 2024-01-01, value: 7}\n", [
            Change("measurement-added", "goals[faerre].measurements[2024-01-01]", "goal faerre: new measurement 2024-01-01: 7", None, measurement("2024-01-01", 7)),
        ]),
        ("    measurements:\n      - {date: 2024-01-01, value: 7}\n", "    measurements:\n      - {date: 2024-01-01, value: 6}\n", [
            Change("measurement-changed", "goals[faerre].measurements[2024-01-01]", "goal faerre: measurement 2024-01-01: 7 → 6", measurement("2024-01-01", 7), measurement("2024-01-01", 6)),
        ]),
        ("    measurements:\n      - {date: 2024-01-01, value: 7}\n", "    measurements:\n      - {date: 2024-01-01, value: 7, note: DST}\n", [
            Change("measurement-changed", "goals[faerre].measurements[2024-01-01]", "goal faerre: measurement 2024-01-01: 7 → 7", measurement("2024-01-01", 7), measurement("2024-01-01", 7, "DST")),
        ]),
        ("    measurements:\n      - {date: 2024-01-01, value: 7}\n      - {date: 2024-06-01, value: 6}\n",
         "    measurements:\n      - {date: 2024-06-01, value: 6}\n      - {date: 2024-12-01, value: 5}\n", [
            Change("measurement-added", "goals[faerre].measurements[2024-12-01]", "goal faerre: new measurement 2024-12-01: 5", None, measurement("2024-12-01", 5)),
            Change("measurement-removed", "goals[faerre].measurements[2024-01-01]", "goal faerre: measurement 2024-01-01 removed", measurement("2024-01-01", 7), None),
        ]),
    ],
    ids=[
        "goal-added", "target-changed", "target-set", "baseline-removed", "status-note-set", "status-note-changed",
        "unit", "indicator", "measurement-added", "measurement-changed", "measurement-note", "measurements-added-and-removed",
    ],
)
def test_goal_changes(old, new, expected):
    assert changes_to(P, PLAN + GOALS + old, PLAN + GOALS + new) == expected


def test_goals_added_removed_and_changed_in_that_order():
    old = PLAN + "goals:\n  - {id: a, title: A}\n  - {id: b, title: B}\n  - {id: c, title: C}\n"
    new = PLAN + "goals:\n  - {id: c, title: C2, unit: pct.}\n  - {id: d, title: D}\n  - {id: a, title: A}\n"
    assert changes_to(P, old, new) == [
        Change("goal-added", "goals[d]", "goal added: D", None, goal("d", "D")),
        Change("goal-removed", "goals[b]", "goal removed: B", goal("b", "B"), None),
        Change("field-changed", "goals[c].title", "goal c title: C → C2", "C", "C2"),
        Change("field-added", "goals[c].unit", "goal c unit set: pct.", None, "pct."),
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "  - {id: b, title: Høring, date: 2024-09-01}\n", [
            Change("milestone-added", "milestones[b]", "milestone added: Høring (2024-09-01)", None, milestone("b", "Høring", date="2024-09-01")),
        ]),
        ("", "  - {id: b, title: Høring}\n", [Change("milestone-added", "milestones[b]", "milestone added: Høring", None, milestone("b", "Høring"))]),
        ("  - {id: b, title: Høring, date: 2024-09-01}\n  - {id: c, title: Vedtagelse}\n", "", [
            Change("milestone-removed", "milestones[b]", "milestone removed: Høring", milestone("b", "Høring", date="2024-09-01"), None),
            Change("milestone-removed", "milestones[c]", "milestone removed: Vedtagelse", milestone("c", "Vedtagelse"), None),
        ]),
        ("  - {id: b, title: Høring}\n", "  - {id: b, title: Høring, status: done, depends_on: [a]}\n", [
            Change("status-changed", "milestones[b].status", "milestone b status: planned → done", "planned", "done"),
            Change("list-added", "milestones[b].depends_on", "milestone b depends_on: + a", None, "a"),
        ]),
        ("  - {id: b, title: Høring}\n  - {id: c, title: Vedtagelse}\n", "  - {id: c, title: Vedtagelse i rådet}\n  - {id: d, title: Evaluering}\n", [
            Change("milestone-added", "milestones[d]", "milestone added: Evaluering", None, milestone("d", "Evaluering")),
            Change("milestone-removed", "milestones[b]", "milestone removed: Høring", milestone("b", "Høring"), None),
            Change("field-changed", "milestones[c].title", "milestone c title: Vedtagelse → Vedtagelse i rådet", "Vedtagelse", "Vedtagelse i rådet"),
        ]),
    ],
    ids=["added-with-date", "added", "removed", "changed", "added-removed-changed"],
)
def test_milestone_changes(old, new, expected):
    base = PLAN + "milestones:\n  - {id: a, title: Start}\n"
    assert changes_to(P, base + old, base + new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "approved_by: raadet\n", [Change("field-added", "approved_by", "approved_by set: Ældrerådet", None, "Ældrerådet")]),
        ("", "period: {from: 2024-01-01, to: 2027-12-31}\n", [
            Change("field-added", "period", 'period set: {"from": "2024-01-01", "to": "2027-12-31"}', None, {"from": "2024-01-01", "to": "2027-12-31"}),
        ]),
        ("period: {from: 2024-01-01, to: 2027-12-31}\n", "period: {from: 2024-01-01, to: 2028-12-31}\n", [
            Change("field-changed", "period.to", "period to: 2027-12-31 → 2028-12-31", "2027-12-31", "2028-12-31"),
        ]),
        ("", "principles: [Frivillighed]\n", [Change("list-added", "principles", "principles: + Frivillighed", None, "Frivillighed")]),
        ("themes:\n  - {id: t1, title: Fællesskab}\n  - {id: t2, title: Viden}\n",
         "themes:\n  - {id: t3, title: Bevægelse}\n  - {id: t1, title: Fællesskab, focus: Nye mødesteder}\n", [
            Change("entry-added", "themes[t3]", "themes added: Bevægelse", None, {"id": "t3", "title": "Bevægelse", "focus": None, "policies": [], "priorities": [], "collaborates_with": []}),
            Change("field-added", "themes[t1].focus", "themes t1 focus set: Nye mødesteder", None, "Nye mødesteder"),
            Change("entry-removed", "themes[t2]", "themes removed: Viden", {"id": "t2", "title": "Viden", "focus": None, "policies": [], "priorities": [], "collaborates_with": []}, None),
        ]),
    ],
    ids=["approved-by", "period-set", "period-to", "principles", "themes"],
)
def test_plan_field_changes(old, new, expected):
    assert changes_to(P, PLAN + old, PLAN + new) == expected


def test_plan_status_change():
    assert changes_to(P, PLAN, PLAN.replace("active", "completed")) == [
        Change("status-changed", "status", "status: active → completed", "active", "completed"),
    ]


# --- compare: initiatives and bodies ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "reach:\n  - {date: 2024-06-01, participants: 12, new_relations: 3}\n", [
            Change("reach-added", "reach[2024-06-01]", "reach 2024-06-01: 12 participants, 3 new relations", None, reach("2024-06-01", participants=12, new_relations=3)),
        ]),
        ("", "reach:\n  - {date: 2024-06-01}\n", [
            Change("reach-added", "reach[2024-06-01]", "reach 2024-06-01: None participants, None new relations", None, reach("2024-06-01")),
        ]),
        ("reach:\n  - {date: 2024-06-01, participants: 12}\n", "reach:\n  - {date: 2024-06-01, participants: 14, note: Sommerfest}\n", [
            Change("field-changed", "reach[2024-06-01].participants", "reach 2024-06-01 participants: 12 → 14", 12, 14),
            Change("field-added", "reach[2024-06-01].note", "reach 2024-06-01 note set: Sommerfest", None, "Sommerfest"),
        ]),
        ("reach:\n  - {date: 2024-06-01, participants: 12}\n  - {date: 2024-09-01, participants: 9}\n", "", [
            Change("reach-removed", "reach[2024-06-01]", "reach 2024-06-01 removed", reach("2024-06-01", participants=12), None),
            Change("reach-removed", "reach[2024-09-01]", "reach 2024-09-01 removed", reach("2024-09-01", participants=9), None),
        ]),
        ("reach:\n  - {date: 2024-06-01, participants: 12}\n  - {date: 2024-09-01, participants: 9}\n",
         "reach:\n  - {date: 2024-12-01, participants: 5}\n  - {date: 2024-09-01, participants: 10}\n", [
            Change("reach-added", "reach[2024-12-01]", "reach 2024-12-01: 5 participants, None new relations", None, reach("2024-12-01", participants=5)),
            Change("field-changed", "reach[2024-09-01].participants", "reach 2024-09-01 participants: 9 → 10", 9, 10),
            Change("reach-removed", "reach[2024-06-01]", "reach 2024-06-01 removed", reach("2024-06-01", participants=12), None),
        ]),
        ("", "plans: [plan]\n", [Change("list-added", "plans", "plans: + Ensomhedsplan", None, "plan")]),
        ("", "goals: ['plan#faerre']\n", [Change("list-added", "goals", "goals: + plan#faerre", None, "plan#faerre")]),
        ("owner: anna\n", "owner: raadet\n", [Change("field-changed", "owner", "owner: Anna Hansen → Ældrerådet", "Anna Hansen", "Ældrerådet")]),
        ("", "proposed_by: raadet\n", [Change("field-added", "proposed_by", "proposed_by set: Ældrerådet", None, "Ældrerådet")]),
        ("", "budget: {amount: 1000}\n", [
            Change("field-added", "budget", 'budget set: {"amount": 1000, "currency": "DKK", "year": null}', None, {"amount": 1000, "currency": "DKK", "year": None}),
        ]),
        ("budget: {amount: 1000, year: 2024}\n", "budget: {amount: 2500, year: 2024}\n", [
            Change("field-changed", "budget.amount", "budget amount: 1000 → 2500", 1000, 2500),
        ]),
        ("target_groups: [ældre, pårørende]\n", "target_groups: [ældre]\n", [Change("list-removed", "target_groups", "target_groups: − pårørende", "pårørende", None)]),
    ],
    ids=[
        "reach-added", "reach-added-without-figures", "reach-changed", "reach-removed", "reach-added-changed-removed",
        "plans", "goal-refs-are-plain", "owner", "proposed-by", "budget-set", "budget-amount", "target-groups",
    ],
)
def test_initiative_changes(old, new, expected):
    assert changes_to(I, INITIATIVE + old, INITIATIVE + new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "members: [{person: anna, role: formand}]\n", [
            Change("member-added", "members[anna]", "member added: Anna Hansen", None, {"person": "anna", "role": "formand"}),
        ]),
        ("members: [{person: anna, role: formand}, {person: bo}]\n", "members: [{person: bo}]\n", [
            Change("member-removed", "members[anna]", "member removed: Anna Hansen", {"person": "anna", "role": "formand"}, None),
        ]),
        ("members: [{person: anna, role: formand}]\n", "members: [{person: anna, role: næstformand}]\n", [
            Change("field-changed", "members[anna].role", "member Anna Hansen role: formand → næstformand", "formand", "næstformand"),
        ]),
        ("", "status: closed\n", [Change("status-changed", "status", "status: active → closed", "active", "closed")]),
        ("", "size: {min: 3, max: 9}\n", [Change("field-added", "size", 'size set: {"min": 3, "max": 9}', None, {"min": 3, "max": 9})]),
        ("size: {min: 3, max: 9}\n", "size: {min: 5, max: 9}\n", [Change("field-changed", "size.min", "size min: 3 → 5", 3, 5)]),
        ("", "parent: raadet\nplan: plan\n", [
            Change("field-added", "parent", "parent set: Ældrerådet", None, "Ældrerådet"),
            Change("field-added", "plan", "plan set: Ensomhedsplan", None, "Ensomhedsplan"),
        ]),
        ("", "composition: [2 borgere]\n", [Change("list-added", "composition", "composition: + 2 borgere", None, "2 borgere")]),
    ],
    ids=["member-added", "member-removed", "member-role", "status", "size-set", "size-min", "references", "composition"],
)
def test_body_changes(old, new, expected):
    path = "records/bodies/gruppe.yaml"
    base = "kind: body\nname: Gruppen\ntype: working_group\n"
    assert changes_to(path, base + old, base + new) == expected


# --- the generic comparison of values, through `extra` ---------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{a: 1, b: 2}", "{a: 1, b: 3}", [Change("field-changed", "extra.b", "extra b: 2 → 3", "2", "3")]),
        ("{x: 1}", "{x: {y: 2}}", [Change("field-changed", "extra.x", 'extra x: 1 → {"y": "2"}', "1", {"y": "2"})]),
        ("{x: {y: 2}}", "{x: 1}", [Change("field-changed", "extra.x", 'extra x: {"y": "2"} → 1', {"y": "2"}, "1")]),
        ("{x: {y: 1, z: 3}}", "{x: {y: 2, z: 3}}", [Change("field-changed", "extra.x.y", "extra x y: 1 → 2", "1", "2")]),
        ("{n: {y: 1}}", "{n: \"a\\nb\"}", [Change("field-changed", "extra.n", 'extra n: {"y": "1"} → a b', {"y": "1"}, "a\nb")]),
        ("{s: \"a\\nb\"}", "{s: {y: 1}}", [Change("field-changed", "extra.s", "extra s changed", "a\nb", {"y": "1"})]),
        ("{s: a}", "{s: \"b\\nc\"}", [Change("field-changed", "extra.s", "extra s changed", "a", "b\nc")]),
        ("{status: x}", "{}", [Change("status-changed", "extra.status", "extra status: x → nothing", "x", None)]),
        ("{}", "{status: x}", [Change("status-changed", "extra.status", "extra status: nothing → x", None, "x")]),
        ("{}", "{x: 0}", [Change("field-added", "extra.x", "extra x set: 0", None, "0")]),
        ("{x: ''}", "{}", [Change("field-removed", "extra.x", "extra x removed (was )", "", None)]),
        ("{tags: [a]}", "{}", [Change("list-removed", "extra.tags", "extra tags: − a", "a", None)]),
        ("{}", "{tags: [a]}", [Change("list-added", "extra.tags", "extra tags: + a", None, "a")]),
        ("{plans: [plan]}", "{plans: []}", [Change("list-removed", "extra.plans", "extra plans: − Ensomhedsplan", "plan", None)]),
        ("{}", "{steps: [{what: Ring}, {note: x}]}", [
            Change("entry-added", "extra.steps[0]", "extra steps: + Ring", None, {"what": "Ring"}),
            Change("entry-added", "extra.steps[1]", 'extra steps: + {"note": "x"}', None, {"note": "x"}),
        ]),
        ("{steps: [{what: Ring}, {title: T, what: W}]}", "{steps: [{what: Skriv}]}", [
            Change("field-changed", "extra.steps[0].what", "extra steps 1 what: Ring → Skriv", "Ring", "Skriv"),
            Change("entry-removed", "extra.steps[1]", "extra steps: − T", {"title": "T", "what": "W"}, None),
        ]),
        ("{steps: [{what: A}, {what: B}]}", "{steps: [{what: A}, {what: C}]}", [
            Change("field-changed", "extra.steps[1].what", "extra steps 2 what: B → C", "B", "C"),
        ]),
        ("{mix: [a]}", "{mix: [a, {id: x, title: X}]}", [
            Change("entry-added", "extra.mix[1]", "extra mix: + X", None, {"id": "x", "title": "X"}),
        ]),
        ("{rows: [{id: r1, title: R1}, {id: r2, title: R2}]}", "{rows: [{id: r3, title: R3}, {id: r1, title: R1b}]}", [
            Change("entry-added", "extra.rows[r3]", "extra rows added: R3", None, {"id": "r3", "title": "R3"}),
            Change("field-changed", "extra.rows[r1].title", "extra rows r1 title: R1 → R1b", "R1", "R1b"),
            Change("entry-removed", "extra.rows[r2]", "extra rows removed: R2", {"id": "r2", "title": "R2"}, None),
        ]),
        ("{rows: [{id: r1, what: W}]}", "{rows: [{id: r2}]}", [
            Change("entry-added", "extra.rows[r2]", 'extra rows added: {"id": "r2"}', None, {"id": "r2"}),
            Change("entry-removed", "extra.rows[r1]", "extra rows removed: W", {"id": "r1", "what": "W"}, None),
        ]),
    ],
    ids=[
        "equal-keys-skipped", "text-to-mapping", "mapping-to-text", "nested", "mapping-to-multiline",
        "multiline-to-mapping", "text-to-multiline", "status-removed", "status-set",
        "zero-set", "empty-removed", "list-emptied", "list-set", "reference-list-by-path",
        "entries-by-position-added", "entries-by-position-changed-and-removed", "second-entry-changed",
        "mixed-list-by-position", "entries-by-id", "entry-described-by-what-or-json",
    ],
)
def test_values_compared_field_by_field(old, new, expected):
    base = "kind: person\nname: Anna Hansen\n"
    assert changes_to("records/people/anna.yaml", base + f"extra: {old}\n", base + f"extra: {new}\n") == expected


# --- records with errors: compared as written ------------------------------------------------------------

BAD_MEETING = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nbad: 1\n"


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (M, BAD_MEETING, BAD_MEETING + "items:\n  - {number: 1, title: A}\n", [
            Change("item-added", "items[1]", "item 1 added: A", None, {"number": "1", "title": "A"}),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A}\n", BAD_MEETING, [
            Change("item-removed", "items[1]", "item 1 removed: A", {"number": "1", "title": "A"}, None),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A}\n",
         BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring}], presenters: [bo]}\n  - {number: 2, title: B, actions: [{what: Skriv, status: done}]}\n  - {number: 3, title: C}\n", [
            Change("item-added", "items[2]", "item 2 added: B", None, {"number": "2", "title": "B", "actions": [{"what": "Skriv", "status": "done"}]}),
            Change("action-added", "items[2].actions", "action added on item 2: Skriv ()", None, {"what": "Skriv", "status": "done"}),
            Change("item-added", "items[3]", "item 3 added: C", None, {"number": "3", "title": "C"}),
            Change("action-opened", "items[1].actions", "action opened on item 1: Ring ()", None, {"what": "Ring"}),
            Change("presenter-added", "items[1].presenters[bo]", "presenter added: Bo Madsen", None, "bo"),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring}], presenters: [bo]}\n",
         BAD_MEETING + "items:\n  - {number: 1, title: A}\n", [
            Change("action-removed", "items[1].actions", "action removed from item 1: Ring", {"what": "Ring"}, None),
            Change("presenter-removed", "items[1].presenters[bo]", "presenter removed: Bo Madsen", "bo", None),
        ]),
        (M, BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring, due: 2024-04-01}]}\n",
         BAD_MEETING + "items:\n  - {number: 1, title: A, actions: [{what: Ring, owners: [bo]}]}\n", [
            Change("field-removed", "items[1].actions[Ring].due", "action Ring due removed (was 2024-04-01)", "2024-04-01", None),
            Change("list-added", "items[1].actions[Ring].owners", "action Ring owners: + Bo Madsen", None, "bo"),
        ]),
        (M, BAD_MEETING, BAD_MEETING + "attendees: [anna]\nabsent: [bo]\n", [
            Change("attendee-added", "attendees[anna]", "attendee added: Anna Hansen", None, "anna"),
            Change("absence-added", "absent[bo]", "absence added: Bo Madsen", None, "bo"),
        ]),
        (M, BAD_MEETING + "attendees: [anna]\nabsent: [bo]\n", BAD_MEETING, [
            Change("attendee-removed", "attendees[anna]", "attendee removed: Anna Hansen", "anna", None),
            Change("absence-removed", "absent[bo]", "absence removed: Bo Madsen", "bo", None),
        ]),
        (M, BAD_MEETING + "chair: anna\n", BAD_MEETING + "chair: 5\n", [
            Change("field-changed", "chair", "chair: Anna Hansen → 5", "Anna Hansen", "5"),
        ]),
        (M, BAD_MEETING + "chair: ''\n", BAD_MEETING + "chair: 0\n", [Change("field-added", "chair", "chair set: 0", None, "0")]),
        (M, BAD_MEETING + "chair: anna\n", BAD_MEETING + "chair: {id: anna}\n", [
            Change("field-changed", "chair", 'chair: anna → {"id": "anna"}', "anna", {"id": "anna"}),
        ]),
        (M, BAD_MEETING + "chair: [anna]\n", BAD_MEETING + "chair: [anna, bo]\n", [
            Change("list-added", "chair", "chair: + bo", None, "bo"),
        ]),
        (M, BAD_MEETING, BAD_MEETING + "tags: [1, 2]\n", [
            Change("list-added", "tags", "tags: + 1", None, "1"),
            Change("list-added", "tags", "tags: + 2", None, "2"),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\n", "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\nmilestones:\n  - {id: a, title: A}\n", [
            Change("goal-added", "goals[g]", "goal added: G", None, {"id": "g", "title": "G"}),
            Change("milestone-added", "milestones[a]", "milestone added: A", None, {"id": "a", "title": "A"}),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\nmilestones:\n  - {id: a, title: A}\n", "kind: plan\ntitle: P\nbad: 1\n", [
            Change("goal-removed", "goals[g]", "goal removed: G", {"id": "g", "title": "G"}, None),
            Change("milestone-removed", "milestones[a]", "milestone removed: A", {"id": "a", "title": "A"}, None),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\n", "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G, measurements: [{date: 2024-01-01, value: 3}]}\n", [
            Change("measurement-added", "goals[g].measurements[2024-01-01]", "goal g: new measurement 2024-01-01: 3", None, {"date": "2024-01-01", "value": "3"}),
        ]),
        (P, "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G, measurements: [{date: 2024-01-01, value: 3}]}\n", "kind: plan\ntitle: P\nbad: 1\ngoals:\n  - {id: g, title: G}\n", [
            Change("measurement-removed", "goals[g].measurements[2024-01-01]", "goal g: measurement 2024-01-01 removed", {"date": "2024-01-01", "value": "3"}, None),
        ]),
        (I, "kind: initiative\ntitle: C\nbad: 1\n", "kind: initiative\ntitle: C\nbad: 1\nreach: [{date: 2024-06-01}]\nplans: [5, null, [x]]\n", [
            Change("reach-added", "reach[2024-06-01]", "reach 2024-06-01: None participants, None new relations", None, {"date": "2024-06-01"}),
            Change("list-added", "plans", "plans: + 5", None, "5"),
            Change("list-added", "plans", "plans: + nothing", None, None),
            Change("list-added", "plans", 'plans: + ["x"]', None, ["x"]),
        ]),
        (I, "kind: initiative\ntitle: C\nbad: 1\nreach: [{date: 2024-06-01}]\n", "kind: initiative\ntitle: C\nbad: 1\n", [
            Change("reach-removed", "reach[2024-06-01]", "reach 2024-06-01 removed", {"date": "2024-06-01"}, None),
        ]),
        (B, "kind: body\nname: R\nbad: 1\n", "kind: body\nname: R\nbad: 1\nmembers: [anna]\n", [
            Change("member-added", "members[anna]", "member added: Anna Hansen", None, "anna"),
        ]),
        (B, "kind: body\nname: R\nbad: 1\nmembers: [anna]\n", "kind: body\nname: R\nbad: 1\n", [
            Change("member-removed", "members[anna]", "member removed: Anna Hansen", "anna", None),
        ]),
        (B, "kind: body\nname: R\nbad: 1\n", "kind: body\nname: R\nbad: 1\nmembers: [{role: formand, reason: x}]\n", [
            Change("member-added", "members[None]", "member added: nothing (x)", None, {"role": "formand", "reason": "x"}),
        ]),
    ],
    ids=[
        "items-set", "items-removed", "item-entries-as-written", "item-entries-removed", "action-fields-as-written",
        "people-set", "people-removed", "reference-not-text", "reference-empty", "reference-to-mapping",
        "reference-a-list", "list-of-numbers", "goals-and-milestones-set", "goals-and-milestones-removed",
        "measurements-set", "measurements-removed", "reach-set-and-reference-number", "reach-removed",
        "members-set", "members-removed", "member-without-person",
    ],
)
def test_record_with_errors_is_compared_as_written(path, old, new, expected):
    assert changes_to(path, old, new) == expected


# --- output ---------------------------------------------------------------------------------------------

FOUND = [
    RecordChange("meeting", "m", "Ældrerådet, 2024-03-04", "changed", M, None, [
        Change("status-changed", "status", "status: planned → held", "planned", "held"),
        Change("attendee-added", "attendees[bo]", "attendee added: Bo *Madsen*", None, "bo"),
    ]),
    RecordChange("meeting", "m2", "# Temamøde, 2024-04-01", "added", "records/meetings/m2.md"),
    RecordChange("person", "bo", "Bo", "removed", "records/people/bo.yaml"),
    RecordChange("widget", "w", "W", "changed", "records/w.yaml", "records/old/w.yaml", [
        Change("moved", "path", "moved from records/old/w.yaml", "records/old/w.yaml", "records/w.yaml"),
    ]),
]


def test_as_text_one_line_per_record_and_per_change():
    assert as_text(FOUND) == (
        '~ meeting m "Ældrerådet, 2024-03-04" (records/meetings/m.yaml): changed\n'
        "    status: planned → held\n"
        "    attendee added: Bo *Madsen*\n"
        '+ meeting m2 "# Temamøde, 2024-04-01" (records/meetings/m2.md): added\n'
        '- person bo "Bo" (records/people/bo.yaml): removed\n'
        '~ widget w "W" (records/w.yaml): changed\n'
        "    moved from records/old/w.yaml\n"
    )


def test_as_text_of_nothing_is_empty():
    assert as_text([]) == ""


def test_as_markdown_groups_by_kind_and_escapes_markup():
    assert as_markdown(FOUND, "main", "feature/x") == (
        "### Changes to the records (main → feature/x)\n"
        "\n"
        "#### Meetings\n"
        "\n"
        "- **Ældrerådet, 2024-03-04** (`m`) changed\n"
        "  - status: planned → held\n"
        "  - attendee added: Bo \\*Madsen\\*\n"
        "- **\\# Temamøde, 2024-04-01** (`m2`) added\n"
        "\n"
        "#### People\n"
        "\n"
        "- **Bo** (`bo`) removed\n"
        "\n"
        "#### widget\n"
        "\n"
        "- **W** (`w`) changed\n"
        "  - moved from records/old/w.yaml\n"
    )


@pytest.mark.parametrize(
    ("kind", "title"),
    [("meeting", "Meetings"), ("plan", "Plans"), ("initiative", "Initiatives"), ("body", "Bodies"), ("person", "People")],
)
def test_as_markdown_kind_headings(kind, title):
    text = as_markdown([RecordChange(kind, "x", "X", "added", "records/x.yaml")], "a", "b")
    assert text.splitlines()[2] == f"#### {title}"


def test_as_markdown_escapes_the_revisions():
    text = as_markdown([RecordChange("person", "x", "X", "added", "records/x.yaml")], "*a*", "b_c")
    assert text.splitlines()[0] == "### Changes to the records (\\*a\\* → b\\_c)"


def test_as_markdown_of_nothing_says_so():
    assert as_markdown([], "HEAD", "working tree") == "No changes to the records between `HEAD` and `working tree`.\n"


def test_as_json_has_base_head_and_every_record_with_its_changes():
    found = [
        RecordChange("meeting", "m", "Ældrerådet, 2024-03-04", "changed", M, None, [
            Change("field-added", "minutes_approved", "minutes_approved set: 2024-04-01", None, dt.date(2024, 4, 1)),
        ]),
    ]
    assert as_json(found, "HEAD~1", "HEAD") == textwrap.dedent("""\
        {
          "base": "HEAD~1",
          "head": "HEAD",
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
                  "message": "minutes_approved set: 2024-04-01",
                  "old": null,
                  "new": "2024-04-01"
                }
              ]
            }
          ]
        }""")
    assert json.loads(as_json([], "a", "b")) == {"base": "a", "head": "b", "records": []}


# --- records with errors, compared as written --------------------------------------------------

BROKEN_MEETING = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\nbogus: 1\n"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param(
            BROKEN_MEETING + "tags: ensomhed\n", BROKEN_MEETING + "tags: [ensomhed, frivillige]\n",
            [("list-added", "tags", "tags: + frivillige", None, "frivillige")],
            id="one-value-becomes-a-list",
        ),
        pytest.param(
            BROKEN_MEETING + "attendees: anna\n", BROKEN_MEETING + "attendees: [anna, bo]\n",
            [("attendee-added", "attendees[bo]", "attendee added: Bo Madsen", None, "bo")],
            id="attendees-as-one-value",
        ),
        pytest.param(
            BROKEN_MEETING + "items:\n  - title: Velkomst\n", BROKEN_MEETING + "items:\n  - title: Velkomst\n  - title: Nyt\n",
            [("entry-added", "items[1]", "items: + Nyt", None, {"title": "Nyt"})],
            id="items-without-numbers",
        ),
        pytest.param(
            BROKEN_MEETING + "absent:\n  - {person: [anna]}\n", BROKEN_MEETING + "absent:\n  - {person: [bo]}\n",
            [("list-added", "absent[0].person", "absent 1 person: + bo", None, "bo"),
             ("list-removed", "absent[0].person", "absent 1 person: − anna", "anna", None)],
            id="a-person-as-a-list",
        ),
    ],
)
def test_a_record_with_errors_is_compared_as_written_without_crashing(old, new, expected):
    found = changes_to(M, old, new)
    assert [(c.type, c.field, c.message, c.old, c.new) for c in found] == expected


def test_a_record_that_gets_its_errors_fixed_is_compared_as_written():
    found = changes_to(M, BROKEN_MEETING + "items:\n  - title: a\n", BROKEN_MEETING.replace("bogus: 1\n", "") + "items:\n  - title: a\n")
    assert ("field-removed", "bogus") in [(c.type, c.field) for c in found]


def test_a_valid_record_that_gets_errors_is_compared_as_written():
    """Items without numbers only in the new version (which has an error) cannot be matched by number."""
    valid = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: Velkomst\n"
    broken = BROKEN_MEETING + "items:\n  - title: Velkomst\n  - title: Nyt\n"
    found = changes_to(M, valid, broken)
    assert ("entry-added", "items[1]", "items: + Nyt") in [(c.type, c.field, c.message) for c in found]
