"""The format 1.1 SQL tables (query/sql.py), through `ensomhed query … --format json` and the
library's `connect`: attendance, item_absences, votes, voters, statements and budgets, and the
new columns items.parent/summary/economy/authority, goals.direction/status and reach.from.

One small repository with every new field, free of errors (each test also asserts that the
query said nothing on stderr), and exact rows expected for each table.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from ensomhed_cli.api import load
from ensomhed_cli.query.sql import connect

FILES = {
    "records/people/carl.yaml": "kind: person\nname: Carl Due\nparty: Venstre (V)\n",
    "records/people/dorte.yaml": "kind: person\nname: Dorte Ravn\ntitle: sekretær\n",
    "records/bodies/aeldreraadet.yaml": """
        kind: body
        name: Ældrerådet
        type: advisory_council
        members:
          - {person: anna, role: formand}
          - person: bo
          - person: carl
        """,
    "records/bodies/tom.yaml": "kind: body\nname: Tom gruppe\ntype: working_group\n",
    "records/bodies/dobbelt.yaml": "kind: body\nname: Dobbelt\ntype: working_group\nmembers: [{person: anna}, {person: bo}]\n",
    # nobody listed: the members count as present, but the absent
    "records/meetings/a-members.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2024-02-05
        status: held
        absent:
          - {person: bo, reason: ferie, substitute: dorte, notice: false}
        """,
    "records/meetings/b-listed.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2024-03-04
        status: held
        start: 14:00
        end: 16:30
        attendees:
          - {person: anna, from_item: 2, to_item: 7.1, arrived: 14:20, left: 16.05, note: deltog online}
          - bo
          - carl
        staff:
          - {person: dorte, role: referent}
        items:
          - title: Godkendelse af dagsorden
          - number: 2
            title: Budget
            summary: Kort resume
            economy: Ingen udgifter
            authority: aeldreraadet
            absent:
              - {person: carl, reason: Bestyrelsesmedlem, conflict_of_interest: true}
            votes:
              - motion: Indstillingen
                for: [anna, A]
                against: [bo, Venstre (V)]
              - {abstained: [Ø]}
            statements:
              - {type: dissent, by: [bo, A], text: Mindretallet kan ikke tiltræde.}
              - {type: protocol_note, by: [anna], text: Til protokollen.}
          - number: 2a
            title: Underpunkt
            absent: [bo]
          - {number: 7, title: Syv}
          - {number: 7.1, title: Syv et}
          - {number: 7.10, title: Syv ti}
          - {number: 7.1.2, title: Syv et to}
        """,
    "records/meetings/c-tom.yaml": "kind: meeting\nbody: tom\ndate: 2099-04-01\nstatus: planned\n",
    "records/meetings/d-dobbelt.yaml": "kind: meeting\nbody: dobbelt\ndate: 2024-04-02\nstatus: held\n",
    "records/plans/p.yaml": """
        kind: plan
        title: P
        owner: aeldreraadet
        status: active
        goals:
          - {id: a-ned, title: A, baseline: {value: 30}, target: {value: 20}}
          - {id: b-op, title: B, baseline: {value: 1}, target: {value: 4}, status: on_track}
          - {id: c-given, title: C, baseline: {value: 5}, target: {value: 5}, direction: decrease, status: achieved}
          - {id: d-open, title: D, target: {value: 5}, direction: increase}
          - {id: e-none, title: E}
        """,
    "records/initiatives/i-lines.yaml": """
        kind: initiative
        title: Lines
        status: active
        category: community
        budget:
          - {amount: 100000, year: 2024, source: kommune}
          - {amount: 50000.5, year: 2025, source: pulje}
        reach:
          - {from: 2024-01-01, date: 2024-03-31, participants: 10, new_relations: 0}
          - {date: 2024-06-30, participants: 8}
        """,
    "records/initiatives/j-one.yaml": """
        kind: initiative
        title: One
        status: active
        category: community
        budget: {amount: 7000, currency: EUR, year: 2024, source: EU}
        """,
    "records/initiatives/k-mixed.yaml": """
        kind: initiative
        title: Mixed
        status: active
        category: community
        budget:
          - {amount: 7, currency: EUR, year: 2024}
          - {amount: 8, year: 2024}
        """,
}


@pytest.fixture
def root(repo_factory):
    return repo_factory(FILES)


@pytest.fixture
def query(cli, root):
    def run(sql, fmt="json"):
        result = cli("query", sql, "--root", root, "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""  # the repository has no errors, so nothing is left out
        return json.loads(result.stdout) if fmt == "json" else result.stdout

    return run


def test_schema_lists_the_new_tables_and_columns(cli):
    text = cli("query", "--schema").stdout
    for line in (
        "attendance: who was present, one row per person",
        "item_absences: item ↔ person who took no part in it",
        "votes: one row per vote on an item",
        "voters: one row per voter in a vote",
        "statements: mindretalsudtalelser and protokoltilførsler",
        "budgets: initiative budget lines, per year and source",
    ):
        assert line in text
    tables = json.loads(cli("query", "--schema", "-f", "json").stdout)
    columns = {t: [c["name"] for c in v["columns"]] for t, v in tables.items()}
    assert columns["attendance"] == ["meeting", "person", "listed", "from_item", "to_item", "arrived", "left", "note"]
    assert columns["votes"] == ["meeting", "item", "position", "motion", "for_count", "against_count", "abstained_count"]
    assert columns["voters"] == ["meeting", "item", "position", "side", "voter", "person"]
    assert {"parent", "summary", "economy", "authority"} <= set(columns["items"])
    assert {"direction", "status"} <= set(columns["goals"])
    assert columns["reach"][:3] == ["initiative", "from", "date"]


def test_attendance_is_the_attendees_or_the_members_but_the_absent(query):
    assert query('SELECT meeting, person, listed, from_item, to_item, arrived, "left", note FROM attendance ORDER BY meeting, person') == [
        {"meeting": "a-members", "person": "anna", "listed": 0, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None},
        {"meeting": "a-members", "person": "carl", "listed": 0, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None},
        # bo's substitute was there in bo's place
        {"meeting": "a-members", "person": "dorte", "listed": 0, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None},
        {"meeting": "b-listed", "person": "anna", "listed": 1, "from_item": 2, "to_item": "7.1", "arrived": "14:20", "left": "16:05", "note": "deltog online"},
        {"meeting": "b-listed", "person": "bo", "listed": 1, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None},
        {"meeting": "b-listed", "person": "carl", "listed": 1, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None},
        {"meeting": "d-dobbelt", "person": "anna", "listed": 0, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None},
        {"meeting": "d-dobbelt", "person": "bo", "listed": 0, "from_item": None, "to_item": None, "arrived": None, "left": None, "note": None},
    ]
    # the staff is not a member; the absence keeps its notice and its substitute
    assert query("SELECT meeting, person, substitute, notice FROM absences") == [
        {"meeting": "a-members", "person": "bo", "substitute": "dorte", "notice": 0},
    ]
    assert query("SELECT meeting, person, role FROM staff") == [{"meeting": "b-listed", "person": "dorte", "role": "referent"}]


def test_item_numbers_as_written_in_json_and_csv(query):
    rows = query("SELECT number, typeof(number) AS t, parent, typeof(parent) AS pt, position FROM items WHERE meeting = 'b-listed' ORDER BY position")
    assert rows == [
        {"number": 1, "t": "integer", "parent": None, "pt": "null", "position": 1},  # by its position
        {"number": 2, "t": "integer", "parent": None, "pt": "null", "position": 2},
        {"number": "2a", "t": "text", "parent": 2, "pt": "integer", "position": 3},
        {"number": 7, "t": "integer", "parent": None, "pt": "null", "position": 4},
        {"number": "7.1", "t": "text", "parent": 7, "pt": "integer", "position": 5},
        {"number": "7.10", "t": "text", "parent": 7, "pt": "integer", "position": 6},
        {"number": "7.1.2", "t": "text", "parent": "7.1", "pt": "text", "position": 7},
    ]
    table = list(csv.DictReader(io.StringIO(query("SELECT number FROM items WHERE meeting = 'b-listed' ORDER BY position", "csv"))))
    assert [r["number"] for r in table] == ["1", "2", "2a", "7", "7.1", "7.10", "7.1.2"]


def test_a_sub_item_joins_its_parent(query):
    assert query(
        "SELECT c.number AS sub, p.title AS parent_title FROM items c JOIN items p"
        " ON p.meeting = c.meeting AND p.number = c.parent WHERE c.meeting = 'b-listed' ORDER BY c.position"
    ) == [
        {"sub": "2a", "parent_title": "Budget"},
        {"sub": "7.1", "parent_title": "Syv"},
        {"sub": "7.10", "parent_title": "Syv"},
        {"sub": "7.1.2", "parent_title": "Syv et"},
    ]
    assert query("SELECT title FROM items WHERE meeting = 'b-listed' AND number = '7.10'") == [{"title": "Syv ti"}]
    assert query("SELECT title FROM items WHERE meeting = 'b-listed' AND number = 7.1") == []  # a label is text, not a number


def test_item_texts_and_authority(query):
    assert query("SELECT number, summary, economy, authority FROM items WHERE summary IS NOT NULL OR economy IS NOT NULL OR authority IS NOT NULL") == [
        {"number": 2, "summary": "Kort resume", "economy": "Ingen udgifter", "authority": "aeldreraadet"},
    ]


def test_item_absences(query):
    assert query("SELECT meeting, item, person, reason, conflict_of_interest FROM item_absences ORDER BY item") == [
        {"meeting": "b-listed", "item": 2, "person": "carl", "reason": "Bestyrelsesmedlem", "conflict_of_interest": 1},
        {"meeting": "b-listed", "item": "2a", "person": "bo", "reason": None, "conflict_of_interest": 0},
    ]


def test_votes_with_their_counts(query):
    assert query("SELECT * FROM votes ORDER BY position") == [
        {"meeting": "b-listed", "item": 2, "position": 1, "motion": "Indstillingen", "for_count": 2, "against_count": 2, "abstained_count": 0},
        {"meeting": "b-listed", "item": 2, "position": 2, "motion": None, "for_count": 0, "against_count": 0, "abstained_count": 1},
    ]


def test_voters_as_written_and_as_people(query):
    assert query("SELECT position, side, voter, person FROM voters ORDER BY position, side, voter") == [
        {"position": 1, "side": "against", "voter": "Venstre (V)", "person": None},
        {"position": 1, "side": "against", "voter": "bo", "person": "bo"},
        {"position": 1, "side": "for", "voter": "A", "person": None},
        {"position": 1, "side": "for", "voter": "anna", "person": "anna"},
        {"position": 2, "side": "abstained", "voter": "Ø", "person": None},
    ]
    # the people who voted, by name: voters.person joins people
    assert query("SELECT p.name FROM voters v JOIN people p ON p.id = v.person ORDER BY 1") == [
        {"name": "Anna Hansen"}, {"name": "Bo Madsen"},
    ]


def test_statements(query):
    assert query('SELECT meeting, item, position, type, "by", text FROM statements ORDER BY position') == [
        {"meeting": "b-listed", "item": 2, "position": 1, "type": "dissent", "by": "bo, A", "text": "Mindretallet kan ikke tiltræde."},
        {"meeting": "b-listed", "item": 2, "position": 2, "type": "protocol_note", "by": "anna", "text": "Til protokollen."},
    ]


def test_goal_direction_given_or_inferred_and_status(query):
    assert query("SELECT id, direction, status FROM goals WHERE plan = 'p' ORDER BY id") == [
        {"id": "a-ned", "direction": "decrease", "status": None},
        {"id": "b-op", "direction": "increase", "status": "on_track"},
        {"id": "c-given", "direction": "decrease", "status": "achieved"},
        {"id": "d-open", "direction": "increase", "status": None},
        {"id": "e-none", "direction": None, "status": None},
    ]


def test_budget_lines_and_totals(query):
    assert query("SELECT * FROM budgets ORDER BY initiative, amount") == [
        {"initiative": "i-lines", "amount": 50000.5, "currency": "DKK", "year": 2025, "source": "pulje"},
        {"initiative": "i-lines", "amount": 100000.0, "currency": "DKK", "year": 2024, "source": "kommune"},
        {"initiative": "j-one", "amount": 7000.0, "currency": "EUR", "year": 2024, "source": "EU"},
        {"initiative": "k-mixed", "amount": 7.0, "currency": "EUR", "year": 2024, "source": None},
        {"initiative": "k-mixed", "amount": 8.0, "currency": "DKK", "year": 2024, "source": None},
    ]
    # one total where the budget is in one currency; one year where every line has it
    assert query("SELECT id, budget, currency, budget_year FROM initiatives ORDER BY id") == [
        {"id": "cafe", "budget": None, "currency": None, "budget_year": None},
        {"id": "i-lines", "budget": 150000.5, "currency": "DKK", "budget_year": None},
        {"id": "j-one", "budget": 7000.0, "currency": "EUR", "budget_year": 2024},
        {"id": "k-mixed", "budget": None, "currency": None, "budget_year": 2024},
    ]
    assert query("SELECT year, source, sum(amount) AS total FROM budgets WHERE currency = 'DKK' GROUP BY 1, 2 ORDER BY 1, 2") == [
        {"year": 2024, "source": None, "total": 8.0},
        {"year": 2024, "source": "kommune", "total": 100000.0},
        {"year": 2025, "source": "pulje", "total": 50000.5},
    ]


def test_reach_from_and_counts_not_made_up(query):
    assert query('SELECT "from", date, participants, new_relations FROM reach ORDER BY date') == [
        {"from": "2024-01-01", "date": "2024-03-31", "participants": 10, "new_relations": 0},
        {"from": None, "date": "2024-06-30", "participants": 8, "new_relations": None},
    ]


def test_library_connect_has_the_same_tables(root):
    repo, diagnostics = load(root)
    assert diagnostics == []
    conn = connect(repo)
    try:
        # every vote's counts are its voters, side by side
        counted = conn.execute(
            "SELECT v.position, v.for_count, v.against_count, v.abstained_count,"
            " sum(r.side = 'for'), sum(r.side = 'against'), sum(r.side = 'abstained')"
            " FROM votes v JOIN voters r USING (meeting, item, position) GROUP BY v.meeting, v.item, v.position ORDER BY 1"
        ).fetchall()
        assert counted == [(1, 2, 2, 0, 2, 2, 0), (2, 0, 0, 1, 0, 0, 1)]
        assert conn.execute("SELECT count(*) FROM attendance WHERE listed = 0").fetchone() == (5,)
        assert conn.execute("SELECT number FROM items WHERE parent = '7.1'").fetchall() == [("7.1.2",)]
    finally:
        conn.close()


def test_nobody_is_both_present_and_absent(repo_factory, cli):
    root = repo_factory({
        "records/meetings/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nattendees: [anna, bo]\nabsent: [anna]\n",
    })
    result = cli("query", "SELECT a.person FROM attendance a JOIN absences b USING (meeting, person)", "--root", root, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
