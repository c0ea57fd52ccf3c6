"""The minutes' own part of the template context, value by value: who was present and for
how long, votes, statements, who took no part in an item, and a case's earlier treatment."""

from __future__ import annotations

import datetime as dt

import pytest

from ensomhed_cli.api import load
from ensomhed_cli.render.context import ContextBuilder

FILES = {
    "records/people/anne.yaml": "kind: person\nname: Anne Holm\nparty: Socialdemokratiet (A)\n",
    "records/people/carl.yaml": "kind: person\nname: Carl Nielsen\nparty: Dansk Folkeparti (O)\n",
    "records/people/dina.yaml": "kind: person\nname: Dina Lund\n",
    "records/bodies/udvalg.yaml": (
        "kind: body\nname: Social- og Sundhedsudvalget\ntype: committee\n"
        "members:\n  - {person: anne, role: formand}\n  - {person: carl}\n  - {person: dina}\n  - {person: anna}\n"
    ),
    "records/meetings/m1.yaml": """
        kind: meeting
        body: udvalg
        date: 2024-03-04
        start: '16:00'
        status: held
        attendees:
          - anne
          - {person: anna, from_item: 2}
          - {person: dina, arrived: '16:20'}
          - {person: carl, left: '17:30'}
          - {person: bo, to_item: 3}
        items:
          - number: 1
            title: Sag et
            case: 24/1
            decision: Godkendt.
            votes:
              - motion: Indstillingen
                for: [anne, carl]
                against: [A, V]
            statements:
              - {type: dissent, by: [carl, dina], text: Vi er imod.}
              - {type: protocol_note, by: [anne], text: Til protokol.}
          - number: 2
            title: Sag to
            case: 24/2
            closed: true
            decision: Lukket.
            absent:
              - {person: dina, reason: syg, conflict_of_interest: true}
              - {person: anna, reason: ferie}
              - {person: bo}
          - number: 3
            title: Sag tre
            case: 24/3
            status: postponed
        """,
    "records/meetings/m2.yaml": """
        kind: meeting
        body: udvalg
        date: 2024-03-04
        start: '18:00'
        status: held
        attendees: [{person: anna, left: '19:00', to_item: 2, note: deltog online}]
        items:
          - {number: 1, title: Sag et igen, case: 24/1, decision: Godkendt igen.}
          - {number: 2, title: Sag to igen, case: ' 24/2 ', decision: Lukket igen.}
          - {number: 3, title: Sag tre igen, case: 24/3, decision: Behandlet.}
        """,
    "records/meetings/m0.yaml": """
        kind: meeting
        body: udvalg
        date: 2024-02-01
        status: held
        items:
          - {number: 7, title: Sag et først, case: 24/1, decision: Første beslutning.}
        """,
    "records/meetings/m9.yaml": """
        kind: meeting
        body: udvalg
        date: 2024-01-01
        status: planned
        items:
          - {number: 1, title: Planlagt, case: 24/1}
        """,
}


@pytest.fixture
def repo(repo_factory):
    repo, diagnostics = load(repo_factory(FILES))
    assert [d for d in diagnostics if d.severity == "error"] == []
    return repo


def builder(repo, lang="da", **kwargs):
    return ContextBuilder(repo, lang, today=dt.date(2024, 12, 31), **kwargs)


def item(repo, meeting_id, number):
    return next(it for it in repo.get(meeting_id).items if it.number == number)


def test_present_says_when_each_came_and_went(repo):
    present = builder(repo).present(repo.get("m1"))
    assert [(p["person"]["id"], p["attendance_text"], p["substitute_for"]) for p in present] == [
        ("anne", None, None),
        ("anna", "deltog fra punkt 2", None),
        ("dina", "kom kl. 16.20", None),
        ("carl", "forlod mødet kl. 17.30", None),
        ("bo", "forlod mødet efter punkt 3", None),
    ]
    assert present[0]["label"] == "Anne Holm (A), formand"
    online = builder(repo, "en").present(repo.get("m2"))
    assert [(p["attendance_text"], p["note"]) for p in online] == [("left at 19:00 after item 2", "deltog online")]


def test_votes_name_each_voter_and_count_persons_only(repo):
    assert builder(repo).votes(item(repo, "m1", 1)) == [
        {
            "motion": "Indstillingen",
            "sides": [
                {"side": "for", "label": "For stemte", "voters": ["Anne Holm (A)", "Carl Nielsen (O)"], "count": 2, "text": "Anne Holm (A) og Carl Nielsen (O)"},
                {"side": "against", "label": "Imod stemte", "voters": ["A", "V"], "count": None, "text": "A og V"},
                {"side": "abstained", "label": "Undlod at stemme", "voters": [], "count": None, "text": "ingen"},
            ],
        }
    ]
    english = builder(repo, "en").votes(item(repo, "m1", 1))[0]["sides"]
    assert [(s["label"], s["text"]) for s in english] == [
        ("For", "Anne Holm (A) and Carl Nielsen (O)"),
        ("Against", "A and V"),
        ("Abstained", "none"),
    ]


def test_statements_are_headed_by_their_kind_and_authors(repo):
    assert builder(repo).statements(item(repo, "m1", 1)) == [
        {
            "type": "dissent",
            "label": "Mindretalsudtalelse",
            "by": ["Carl Nielsen (O)", "Dina Lund"],
            "by_text": "Carl Nielsen (O) og Dina Lund",
            "heading": "Mindretalsudtalelse fra Carl Nielsen (O) og Dina Lund",
            "text": "Vi er imod.",
        },
        {
            "type": "protocol_note",
            "label": "Protokoltilførsel",
            "by": ["Anne Holm (A)"],
            "by_text": "Anne Holm (A)",
            "heading": "Protokoltilførsel fra Anne Holm (A)",
            "text": "Til protokol.",
        },
    ]


def test_who_took_no_part_in_an_item_and_why(repo):
    absent = builder(repo).item_absent(item(repo, "m1", 2))
    assert [(a["person"]["id"], a["reason"], a["conflict_of_interest"], a["text"]) for a in absent] == [
        ("dina", "syg", True, "Dina Lund – inhabil, syg"),
        ("anna", "ferie", False, "Anna Hansen – ferie"),
        ("bo", None, False, "Bo Madsen"),
    ]


def test_earlier_treatment_newest_first_by_day_and_hour(repo):
    history = builder(repo, link=lambda kind, rid: f"{kind}/{rid}.html").history(item(repo, "m2", 1), repo.get("m2"))
    assert history == [
        {
            "meeting": {"id": "m1", "title": "Social- og Sundhedsudvalget", "date_text": "4. marts 2024",
                        "title_date": "Social- og Sundhedsudvalget, 4. marts 2024", "href": "minutes/m1.html"},
            "number": 1,
            "title": "Sag et",
            "href": "minutes/m1.html#punkt-1",
            "heading": "Beslutning i Social- og Sundhedsudvalget den 4. marts 2024, punkt 1",
            "decision": "Godkendt.",
            "outcome_text": None,
        },
        {
            "meeting": {"id": "m0", "title": "Social- og Sundhedsudvalget", "date_text": "1. februar 2024",
                        "title_date": "Social- og Sundhedsudvalget, 1. februar 2024", "href": "minutes/m0.html"},
            "number": 7,
            "title": "Sag et først",
            "href": "minutes/m0.html#punkt-7",
            "heading": "Beslutning i Social- og Sundhedsudvalget den 1. februar 2024, punkt 7",
            "decision": "Første beslutning.",
            "outcome_text": None,
        },
    ]  # the planned meeting m9 is left out: nothing was decided there
    # nothing later is history, and an item with no case has none
    assert builder(repo).history(item(repo, "m1", 1), repo.get("m1"))[0]["meeting"]["id"] == "m0"
    assert builder(repo).history(item(repo, "m0", 7), repo.get("m0")) == []


def test_earlier_treatment_of_a_postponed_item_says_so_without_a_decision(repo):
    (earlier,) = builder(repo).history(item(repo, "m2", 3), repo.get("m2"))
    assert (earlier["number"], earlier["decision"], earlier["outcome_text"], earlier["href"]) == (3, None, "Punktet blev udsat.", None)


def test_a_closed_item_is_history_only_internally(repo):
    internal = builder(repo).history(item(repo, "m2", 2), repo.get("m2"))
    assert [(h["number"], h["decision"]) for h in internal] == [(2, "Lukket.")]  # the case number is trimmed
    assert builder(repo, public=True).history(item(repo, "m2", 2), repo.get("m2")) == []
