"""`show` of a record lists what refers to it (referenced_by), from the index alone."""

from __future__ import annotations

import json

import pytest

RECORDS = {
    "records/people/cai.yaml": "kind: person\nname: Cai Berg\n",
    "records/bodies/raadet.yaml": """
        kind: body
        name: Rådet
        type: advisory_council
        members:
          - {person: anna}
          - {person: bo}
        """,
    "records/meetings/2024-01-10-raadet.md": """
        ---
        kind: meeting
        body: raadet
        date: 2024-01-10
        status: held
        chair: anna
        attendees: [anna, bo]
        items:
          - number: 3
            title: Første
            presenters: [anna]
            actions:
              - {what: Ring, owners: [bo]}
              - {what: Skriv, owners: [anna, raadet]}
          - number: 4.1
            title: Andet
            votes:
              - {for: [anna], against: [bo]}
        ---
        """,
    "records/meetings/2024-02-10-raadet.md": """
        ---
        kind: meeting
        title: Ekstra møde
        body: aeldreraadet
        date: 2024-02-10
        status: planned
        secretary: anna
        ---
        """,
    "records/initiatives/besoeg.yaml": """
        kind: initiative
        title: Besøg
        status: active
        category: community
        owner: raadet
        proposed_by: aeldreraadet
        plans: [plan]
        """,
    # a record with errors of its own is not in the index: it refers to no one there
    "records/meetings/2024-05-01-bad.md": "---\nkind: meeting\nbody: raadet\nstatus: planned\nchair: anna\n---\n",
}


def test_a_person_lists_every_record_and_field_that_names_them(cli, repo_factory):
    root = repo_factory(RECORDS)
    text = cli("show", "anna", "--root", root).stdout
    assert text.endswith(
        "referenced_by:\n"
        "  body Rådet (raadet): member\n"
        "  meeting Rådet (2024-01-10-raadet): chair; attendee; presenter of item 3; owner of action 2 in item 3;"
        " voted for in item 4.1\n"
        "  meeting Ekstra møde (2024-02-10-raadet): secretary\n"
    )
    record = json.loads(cli("show", "anna", "--root", root, "-f", "json").stdout)
    assert record["name"] == "Anna Hansen"
    first, meeting, _ = record["referenced_by"]
    assert first == {"kind": "body", "id": "raadet", "name": "Rådet", "path": "records/bodies/raadet.yaml",
                     "fields": [{"field": "members.0.person", "role": "member"}]}
    assert meeting["id"] == "2024-01-10-raadet" and meeting["kind"] == "meeting"
    assert [f["field"] for f in meeting["fields"]] == [
        "chair", "attendees.0.person", "items.0.presenters.0", "items.0.actions.1.owners.0", "items.1.votes.0.for.0"
    ]


@pytest.mark.parametrize(
    "record_id, lines",
    [
        ("bo", ["  body Rådet (raadet): member",
                "  meeting Rådet (2024-01-10-raadet): attendee; owner of action 1 in item 3; voted against in item 4.1"]),
        ("raadet", ["  initiative Besøg (besoeg): owner", "  meeting Rådet (2024-01-10-raadet): body; owner of action 2 in item 3"]),
        ("aeldreraadet", ["  initiative Besøg (besoeg): proposed by", "  meeting Ekstra møde (2024-02-10-raadet): body",
                          "  plan Ensomhedsplan 2024-2027 (plan): owner"]),
        ("plan", ["  initiative Besøg (besoeg): plans"]),
    ],
)
def test_bodies_and_plans_list_what_refers_to_them(cli, repo_factory, record_id, lines):
    text = cli("show", record_id, "--root", repo_factory(RECORDS)).stdout
    assert text.split("referenced_by:\n")[1].splitlines() == lines


def test_nothing_refers_no_section_and_an_empty_list(cli, repo_factory):
    root = repo_factory(RECORDS)
    assert "referenced_by" not in cli("show", "cai", "--root", root).stdout
    assert json.loads(cli("show", "cai", "--root", root, "-f", "json").stdout)["referenced_by"] == []
    goal = json.loads(cli("show", "plan#faerre-ensomme", "--root", root, "-f", "json").stdout)
    assert "referenced_by" not in goal  # an item, goal or milestone: no backlinks of its own


def test_backlinks_are_read_from_the_index_not_the_records(cli, repo_factory, monkeypatch):
    root = repo_factory(RECORDS)
    assert cli("check", "--root", root).exit_code == 1  # the bad meeting; the index is current

    def no_loading(*args, **kwargs):
        raise AssertionError("show loaded the repository")

    monkeypatch.setattr("ensomhed_cli.check.loader.load", no_loading)
    monkeypatch.setattr("ensomhed_cli.api.load", no_loading)
    result = cli("show", "anna", "--root", root)
    assert result.exit_code == 0 and "chair; attendee" in result.stdout


def test_record_text_in_backlinks_is_shown_never_run_by_the_terminal(cli, repo_factory):
    hostile = {"records/meetings/2024-03-01-x.md": "---\nkind: meeting\ntitle: \"Møde\\e[2J\"\nbody: aeldreraadet\ndate: 2024-03-01\nstatus: planned\nchair: bo\n---\n"}
    text = cli("show", "bo", "--root", repo_factory(hostile)).stdout
    assert "\x1b" not in text and "meeting Møde\\x1b[2J (2024-03-01-x): chair" in text
