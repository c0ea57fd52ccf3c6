"""The template context, value by value: what ContextBuilder hands each template.

One small repository (conftest.BASE plus the files below) is loaded once; each test
builds a context with a fixed `today` and compares whole dicts or exact values: raw
and formatted (Danish and English), `overdue` on the boundary day, goal progress from
baseline towards target, reach and budget totals with missing values, what public
output leaves out of closed items, and the charts' input. See docs/templates.md.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import BASE, write_repo
from ensomhed_cli.api import load
from ensomhed_cli.render import charts
from ensomhed_cli.render.context import ContextBuilder
from ensomhed_cli.render.i18n import LABELS, Formatter

TODAY = dt.date(2024, 3, 10)

FILES = {
    "bilag/a.pdf": "%PDF a",
    "bilag/b.pdf": "%PDF b",
    "records/people/cecilie.yaml": """
        kind: person
        name: Cæcilie Berg
        title: formand
        organisation: Frivilligcenter Sydby
        """,
    "records/people/dorte.yaml": """
        kind: person
        name: Dorte Lund
        organisation: Sydby Kommune
        """,
    "records/bodies/aeldreraadet.yaml": """
        kind: body
        name: Ældrerådet
        type: advisory_council
        members:
          - person: anna
            role: formand
          - person: bo
        """,
    "records/bodies/byraad.yaml": """
        kind: body
        name: Sydby Byråd
        type: council
        """,
    "records/bodies/gruppe.yaml": """
        kind: body
        name: arbejdsgruppe for besøg
        type: working_group
        plan: plan
        size: {min: 1, max: 7}
        members:
          - person: cecilie
            role: tovholder
        composition: [to frivillige, en medarbejder]
        commission: Gruppen planlægger besøg.
        """,
    "records/bodies/netvaerk.yaml": """
        kind: body
        name: "[Netværk] Besøgsvenner"
        type: other
        plan: plan
        """,
    "records/bodies/andetudvalg.yaml": """
        kind: body
        name: Andet udvalg
        type: committee
        plan: plan2
        """,
    "records/meetings/m.md": """
        ---
        kind: meeting
        body: aeldreraadet
        date: 2022-08-29
        start: 16:00
        end: 18:30
        location: Rådhuset, lokale 2
        mode: hybrid
        status: held
        chair: anna
        secretary: bo
        attendees: [anna, cecilie]
        absent:
          - person: bo
            reason: syg
            substitute: dorte
          - dorte
        guests: [Jens fra Frivilligcentret]
        minutes_approved: 2022-09-05
        items:
          - number: 24
            title: Godkendelse af plan
            type: decision
            case: 22/123
            start: 16:00
            end: 16:30
            presenters: [anna, dorte]
            description: Planen *beskrives*.
            recommendation: At planen godkendes.
            decision: Godkendt.
            attachments:
              - {title: Bilag 1, path: bilag/a.pdf}
              - {title: Webside, url: 'https://example.dk/x'}
            initiatives: [cafe]
            plans: [plan]
            actions:
              - what: Send planen
                owners: [anna, cecilie]
                due: 2024-03-09
              - what: Ring til Bo
                owners: [bo]
                due: 2024-03-10
                status: done
                done_on: 2024-03-08
          - title: Eventuelt
            attachments:
              - {title: Mundtligt}
          - title: Personsag
            type: discussion
            closed: true
            case: 22/999
            start: 16:30
            presenters: [bo]
            description: Hemmeligt.
            recommendation: Hemmelig indstilling.
            decision: Hemmelig beslutning.
            attachments:
              - {title: Fortroligt, path: bilag/b.pdf}
            initiatives: [cafe]
            plans: [plan]
            actions:
              - what: Hemmelig opfølgning
                owners: [bo]
                due: 2024-03-01
        ---
        Mødet holdes i *Ældrerådet*.
        """,
    "records/meetings/m2.yaml": """
        kind: meeting
        body: aeldreraadet
        title: Ekstramøde
        date: 2023-05-01
        end: 11:00
        status: held
        items:
          - title: Lukket sag
            closed: true
            plans: [plan]
            decision: Lukket beslutning.
          - title: Besøgstjenesten
            type: information
            initiatives: [besoeg]
            actions:
              - what: Find frivillige
                owners: [dorte]
              - what: Lav folder
                owners: [dorte]
                status: dropped
          - title: Anden plan
            decision: Vedtaget.
            initiatives: [andet]
            plans: [plan2]
            actions:
              - what: Ikke vores
                owners: [bo]
        """,
    "records/meetings/m3.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2024-05-01
        status: planned
        items:
          - title: Kommende punkt
            plans: [plan]
            recommendation: At planen drøftes.
        """,
    "records/meetings/b1.yaml": """
        kind: meeting
        body: byraad
        date: 2023-05-01
        status: cancelled
        """,
    "records/meetings/b2.yaml": """
        kind: meeting
        body: byraad
        date: 2023-05-01
        status: held
        """,
    "records/meetings/g.yaml": """
        kind: meeting
        body: gruppe
        date: 2021-01-05
        status: held
        """,
    "records/meetings/frister.yaml": """
        kind: meeting
        body: netvaerk
        date: 2024-03-01
        status: held
        items:
          - title: Frister
            actions:
              - {what: i går, owners: [anna], due: 2024-03-09}
              - {what: i dag, owners: [anna], due: 2024-03-10}
              - {what: i morgen, owners: [anna], due: 2024-03-11}
              - {what: uden frist, owners: [anna]}
              - {what: udført for sent, owners: [anna], due: 2024-03-01, status: done, done_on: 2024-03-05}
              - {what: opgivet, owners: [anna], due: 2024-03-01, status: dropped}
        """,
    "records/plans/plan.yaml": """
        kind: plan
        title: Ensomhedsplan 2024-2027
        owner: aeldreraadet
        status: active
        period: {from: 2024-01-01, to: 2027-12-31}
        approved_by: byraad
        approved_on: 2023-12-14
        vision: Ingen skal være ufrivilligt ensomme.
        principles: [Samskabelse, Frivillighed]
        description: Planens baggrund.
        themes:
          - id: faellesskab
            title: Fællesskab
            focus: Flere fællesskaber.
            policies: [Ældrepolitik]
            priorities: [Caféer, Besøg]
            collaborates_with: [Frivilligcentret]
          - id: tomt
            title: Tomt tema
        goals:
          - id: faerre-ensomme
            title: Færre ensomme ældre
            theme: faellesskab
            indicator: Andel der ofte er uønsket alene
            unit: pct.
            baseline: {value: 10, date: 2022-01-01}
            target: {value: 6, date: 2027-12-31}
            measurements:
              - {date: 2023-01-01, value: 9.4, note: Sundhedsprofil}
              - {date: 2024-01-01, value: 7}
            status_note: Godt på vej.
          - id: deltagere
            title: Flere deltagere
            theme: faellesskab
            unit: personer
            baseline: {value: 0}
            target: {value: 3000}
            measurements:
              - {date: 2024-02-29, value: 1000}
          - {id: halvvejs, title: Halvvejs, baseline: {value: 10}, target: {value: 6}, measurements: [{date: 2024-01-01, value: 8}]}
          - {id: forbi, title: Forbi målet, baseline: {value: 10}, target: {value: 6}, measurements: [{date: 2024-01-01, value: 5}]}
          - {id: ved-maalet, title: Ved målet, baseline: {value: 10}, target: {value: 6}, measurements: [{date: 2024-01-01, value: 6}]}
          - {id: baglaens, title: Baglæns, baseline: {value: 10}, target: {value: 6}, measurements: [{date: 2024-01-01, value: 11}]}
          - {id: ved-start, title: Ved start, baseline: {value: 10}, target: {value: 6}, measurements: [{date: 2024-01-01, value: 10}]}
          - {id: op, title: Op, baseline: {value: 2}, target: {value: 10}, measurements: [{date: 2024-01-01, value: 3}, {date: 2024-02-01, value: 4}]}
          - {id: ingen-afstand, title: Ingen afstand, baseline: {value: 5}, target: {value: 5}, measurements: [{date: 2024-01-01, value: 4}]}
          - {id: uden-udgangspunkt, title: Uden udgangspunkt, unit: kr., target: {value: 400000}, measurements: [{date: 2024-01-01, value: 2}]}
          - {id: uden-maal, title: Uden mål, baseline: {value: 1}, measurements: [{date: 2024-01-01, value: 2}]}
          - {id: uden-maalinger, title: Uden målinger, baseline: {value: 1}, target: {value: 2}}
        milestones:
          - id: a
            title: Start
            date: 2024-01-15
            status: done
            participants: [Ældrerådet, Frivilligcentret]
            description: Kick-off.
          - id: b
            title: Evaluering
            depends_on: [a]
          - id: c
            title: Slut
            date: 2027-12-01
            status: cancelled
            depends_on: [b, zz]
        """,
    "records/plans/plan2.yaml": """
        kind: plan
        title: "[Udkast] anden plan"
        owner: byraad
        status: draft
        goals:
          - {id: x, title: X}
        """,
    "records/initiatives/andet.yaml": """
        kind: initiative
        title: Andet
        status: active
        category: community
        plans: [plan2]
        goals: ['plan2#x']
        """,
    "records/initiatives/besoeg.yaml": """
        kind: initiative
        title: Besøgstjeneste
        status: planned
        category: outreach
        goals: ['plan#faerre-ensomme']
        start: 2024-01-01
        budget: {amount: 1500.5, currency: EUR}
        """,
    "records/initiatives/cafe.yaml": """
        kind: initiative
        title: Café
        status: active
        category: community
        plans: [plan]
        owner: anna
        proposed_by: aeldreraadet
        target_groups: [ældre over 65]
        partners: [Frivilligcentret, Biblioteket]
        start: 2024-01-01
        end: 2025-06-30
        budget: {amount: 400000, year: 2024}
        reach:
          - {date: 2023-09-30, participants: 12, new_relations: 3, note: Første kvartal}
          - {date: 2023-12-31, participants: 8}
          - {from: 2024-02-01, date: 2024-03-01, new_relations: 2}
          - {date: 2024-03-31, participants: 99, note: Talt efter rapportens dato}
        description: Et mødested.
        """,
    "records/initiatives/forslag.yaml": """
        kind: initiative
        title: Forslag
        status: proposed
        category: community
        plans: [plan]
        owner: gruppe
        end: 2026-12-31
        budget: {amount: 1000}
        """,
    "records/initiatives/gaatur.yaml": """
        kind: initiative
        title: Gåtur
        status: active
        category: community
        plans: [plan, plan2]
        reach:
          - {date: 2024-02-29, participants: 0, new_relations: 0}
        """,
}

CONFIG = "language: da\nmunicipality: Sydby Kommune\n"


# Only loading is shared between tests. Every context is built inside the test that checks
# it, so that mutmut, which runs only the tests that call a mutated function, runs these.
@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = write_repo(tmp_path_factory.mktemp("context") / "repo", {**BASE, **FILES}, CONFIG)
    repository, _ = load(root)
    return repository


def link(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def builder(repo, lang="da", **kwargs) -> ContextBuilder:
    kwargs.setdefault("today", TODAY)
    return ContextBuilder(repo, lang, **kwargs)


def person(pid, name, title=None, organisation=None, label=None, party=None, party_letters=None):
    return {"id": pid, "name": name, "title": title, "organisation": organisation, "party": party, "party_letters": party_letters, "label": label or name}


ANNA = person("anna", "Anna Hansen", "konsulent", None, "Anna Hansen (konsulent)")
BO = person("bo", "Bo Madsen")
CECILIE = person("cecilie", "Cæcilie Berg", "formand", "Frivilligcenter Sydby", "Cæcilie Berg (formand, Frivilligcenter Sydby)")
DORTE = person("dorte", "Dorte Lund", None, "Sydby Kommune", "Dorte Lund (Sydby Kommune)")

AELDRERAADET = {
    "id": "aeldreraadet",
    "name": "Ældrerådet",
    "type": "advisory_council",
    "type_label": "råd",
    "members": [
        {"person": ANNA, "role": "formand", "label": "Anna Hansen (konsulent), formand"},
        {"person": BO, "role": None, "label": "Bo Madsen"},
    ],
}
M_REF = {"id": "m", "title": "Ældrerådet", "date_text": "29. august 2022", "title_date": "Ældrerådet, 29. august 2022"}
# Who was not at the meeting, under every item of its minutes (Bo and Dorte sent apologies).
AWAY = {
    "away": [
        {"person": BO, "name": "Bo Madsen", "note": None, "text": "Bo Madsen"},
        {"person": DORTE, "name": "Dorte Lund", "note": None, "text": "Dorte Lund"},
    ],
    "away_text": "Bo Madsen, Dorte Lund",
    "arrived": [],
    "left": [],
}
NO_ATTENDANCE = {"away": [], "away_text": "", "arrived": [], "left": []}

SEND = {
    "what": "Send planen",
    "owners": [ANNA, CECILIE],
    "owners_text": "Anna Hansen, Cæcilie Berg",
    "due": "2024-03-09",
    "due_text": "9. marts 2024",
    "status": "open",
    "status_label": "åben",
    "done_on": None,
    "done_on_text": "",
    "overdue": True,
    "item_number": 24,
    "item_title": "Godkendelse af plan",
    "meeting": M_REF,
    "decision_text": "Beslutning i Ældrerådet den 29. august 2022, punkt 24: Godkendelse af plan",
    "href": None,
}
RING = {
    "what": "Ring til Bo",
    "owners": [BO],
    "owners_text": "Bo Madsen",
    "due": "2024-03-10",
    "due_text": "10. marts 2024",
    "status": "done",
    "status_label": "udført",
    "done_on": "2024-03-08",
    "done_on_text": "8. marts 2024",
    "overdue": False,
    "item_number": 24,
    "item_title": "Godkendelse af plan",
    "meeting": M_REF,
    "decision_text": "Beslutning i Ældrerådet den 29. august 2022, punkt 24: Godkendelse af plan",
    "href": None,
}
SECRET_ACTION = {
    "what": "Hemmelig opfølgning",
    "owners": [BO],
    "owners_text": "Bo Madsen",
    "due": "2024-03-01",
    "due_text": "1. marts 2024",
    "status": "open",
    "status_label": "åben",
    "done_on": None,
    "done_on_text": "",
    "overdue": True,
    "item_number": 3,
    "item_title": "Personsag",
    "meeting": M_REF,
    "decision_text": "Beslutning i Ældrerådet den 29. august 2022, punkt 3: Personsag",
    "href": None,
}

ITEM_24 = {
    "number": 24,
    "parent": None,
    "level": 1,
    "heading_level": 2,
    "title": "Godkendelse af plan",
    "anchor": "punkt-24",
    "closed": False,
    "mark_closed": False,
    "hidden": False,
    "status": "treated",
    "status_label": "behandlet",
    "outcome_text": None,
    "type": "decision",
    "type_label": "beslutning",
    "case": "22/123",
    "start": "16:00",
    "end": "16:30",
    "time_text": "kl. 16.00–16.30",
    "presenters": [ANNA, DORTE],
    "summary": None,
    "description": "Planen *beskrives*.",
    "sections": [],
    "sections_left_out": False,
    "economy": None,
    "authority": None,
    "recommendation": "At planen godkendes.",
    "decision": "Godkendt.",
    "attachments": [
        {"number": 1, "label": "Bilag 1", "title": "Bilag 1", "href": "bilag/a.pdf", "closed": False, "embedded": None},
        {"number": 2, "label": "Bilag 2", "title": "Webside", "href": "https://example.dk/x", "closed": False, "embedded": None},
    ],
    "history": [],
    "absent": [],
    "attendance": AWAY,
    "votes": [],
    "statements": [],
    "initiatives": [{"id": "cafe", "name": "Café", "href": None}],
    "plans": [{"id": "plan", "name": "Ensomhedsplan 2024-2027", "href": None}],
    "actions": [SEND, RING],
}
ITEM_EVENTUELT = {
    "number": 2,
    "parent": None,
    "level": 1,
    "heading_level": 2,
    "title": "Eventuelt",
    "anchor": "punkt-2",
    "closed": False,
    "mark_closed": False,
    "hidden": False,
    "status": "treated",
    "status_label": "behandlet",
    "outcome_text": None,
    "type": None,
    "type_label": "",
    "case": None,
    "start": None,
    "end": None,
    "time_text": "",
    "presenters": [],
    "summary": None,
    "description": None,
    "sections": [],
    "sections_left_out": False,
    "economy": None,
    "authority": None,
    "recommendation": None,
    "decision": None,
    "attachments": [{"number": 1, "label": "Bilag 1", "title": "Mundtligt", "href": None, "closed": False, "embedded": None}],
    "history": [],
    "absent": [],
    "attendance": AWAY,
    "votes": [],
    "statements": [],
    "initiatives": [],
    "plans": [],
    "actions": [],
}
ITEM_CLOSED = {
    "number": 3,
    "parent": None,
    "level": 1,
    "heading_level": 2,
    "title": "Personsag",
    "anchor": "punkt-3",
    "closed": True,
    "mark_closed": True,
    "hidden": False,
    "status": "treated",
    "status_label": "behandlet",
    "outcome_text": None,
    "type": "discussion",
    "type_label": "drøftelse",
    "case": "22/999",
    "start": "16:30",
    "end": None,
    "time_text": "kl. 16.30",
    "presenters": [BO],
    "summary": None,
    "description": "Hemmeligt.",
    "sections": [],
    "sections_left_out": False,
    "economy": None,
    "authority": None,
    "recommendation": "Hemmelig indstilling.",
    "decision": "Hemmelig beslutning.",
    "attachments": [{"number": 1, "label": "Bilag 1", "title": "Fortroligt", "href": "bilag/b.pdf", "closed": False, "embedded": None}],
    "history": [],
    "absent": [],
    "attendance": AWAY,
    "votes": [],
    "statements": [],
    "initiatives": [{"id": "cafe", "name": "Café", "href": None}],
    "plans": [{"id": "plan", "name": "Ensomhedsplan 2024-2027", "href": None}],
    "actions": [SECRET_ACTION],
}
# What public output keeps of a closed item: number, title, anchor, closed and hidden.
ITEM_CLOSED_PUBLIC = {
    "number": 3,
    "parent": None,
    "level": 1,
    "heading_level": 2,
    "title": "Personsag",
    "anchor": "punkt-3",
    "closed": True,
    "mark_closed": True,
    "hidden": True,
    "status": "treated",
    "status_label": "",
    "outcome_text": None,
    "type": None,
    "type_label": "",
    "case": None,
    "start": None,
    "end": None,
    "time_text": "",
    "presenters": [],
    "summary": None,
    "description": None,
    "sections": [],
    "sections_left_out": False,
    "economy": None,
    "authority": None,
    "recommendation": None,
    "decision": None,
    "attachments": [],
    "history": [],
    "absent": [],
    "attendance": NO_ATTENDANCE,
    "votes": [],
    "statements": [],
    "initiatives": [],
    "plans": [],
    "actions": [],
}

MEETING_M = {
    "id": "m",
    "title": "Ældrerådet",
    "body": AELDRERAADET,
    "date": "2022-08-29",
    "date_text": "mandag den 29. august 2022",
    "start": "16:00",
    "end": "18:30",
    "time_text": "kl. 16.00–18.30",
    "location": "Rådhuset, lokale 2",
    "mode": "hybrid",
    "mode_label": "hybridmøde",
    "status": "held",
    "status_label": "afholdt",
    "chair": ANNA,
    "secretary": BO,
    "attendees": [ANNA, CECILIE],
    # Said once: Anna's role in the body; Cæcilie, a guest of the body, as herself.
    "present": [
        {"person": ANNA, "role": "formand", "label": "Anna Hansen (konsulent), formand", "substitute_for": None, "attendance_text": None, "note": None},
        {"person": CECILIE, "role": None, "label": "Cæcilie Berg (formand, Frivilligcenter Sydby)", "substitute_for": None, "attendance_text": None, "note": None},
    ],
    "absent": [
        {"person": BO, "reason": "syg", "substitute": DORTE, "notice": True},
        {"person": DORTE, "reason": None, "substitute": None, "notice": True},
    ],
    "staff": [],
    "guests": ["Jens fra Frivilligcentret"],
    "description": "Mødet holdes i *Ældrerådet*.",
    "minutes_approved": "2022-09-05",
    "minutes_approved_text": "5. september 2022",
    "agenda_sent": None,
    "agenda_sent_text": "",
    "amendments": [],
    "decision_heading": "Beslutning i Ældrerådet den 29. august 2022",
    "ended_text": "Mødet sluttede kl. 18.30.",
    "approved_text": "Referatet blev godkendt den 5. september 2022.",
    "items": [ITEM_EVENTUELT, ITEM_CLOSED, ITEM_24],
    "actions": [SECRET_ACTION, SEND, RING],
    "as_sent": None,
}


def without_decisions(item):
    return {**item, "decision": None, "actions": [], "attendance": NO_ATTENDANCE}


def on_a_page(item):
    """An item as a plan's or an initiative's page shows it: who attended is the minutes' own."""
    return {**item, "attendance": NO_ATTENDANCE}


# --- common ---------------------------------------------------------------------------


def test_minutes_context_holds_every_value_raw_and_formatted(repo):
    ctx = builder(repo).meeting(repo.get("m"), "minutes")
    assert ctx == {
        "doc": {"kind": "minutes", "title": "Referat: Ældrerådet", "source": "records/meetings/m.md", "draft": False, "pdf_href": None, "docx_href": None},
        "lang": "da",
        "labels": LABELS["da"],
        "municipality": "Sydby Kommune",
        "accessibility_statement": None,
        "public": False,
        "record_lang": "da",
        "nav": {"index_href": None, "previous": None, "next": None},
        "format": "md",
        "meeting": MEETING_M,
    }


def test_agenda_context_has_no_decisions_and_no_actions(repo):
    html = builder(repo, output="html").meeting(repo.get("m"), "agenda")
    assert html["format"] == "html"
    # In HTML, dates, times and amounts hold together with no-break spaces.
    assert (html["meeting"]["date_text"], html["meeting"]["time_text"]) == ("mandag den 29.\u00a0august\u00a02022", "kl.\u00a016.00–18.30")
    ctx = builder(repo).meeting(repo.get("m"), "agenda")
    assert ctx["doc"] == {"kind": "agenda", "title": "Dagsorden: Ældrerådet", "source": "records/meetings/m.md", "draft": False, "pdf_href": None, "docx_href": None}
    assert ctx["meeting"] == {
        **MEETING_M,
        "items": [without_decisions(ITEM_EVENTUELT), without_decisions(ITEM_CLOSED), without_decisions(ITEM_24)],
        "actions": [],
    }


def test_public_minutes_leave_out_everything_but_number_and_title_of_a_closed_item(repo):
    ctx = builder(repo, public=True).meeting(repo.get("m"), "minutes")
    assert ctx["public"] is True
    # follow-up actions are internal: public output shows them only where the settings say so
    assert ctx["meeting"]["items"] == [ITEM_EVENTUELT, ITEM_CLOSED_PUBLIC, {**ITEM_24, "actions": []}]
    assert ctx["meeting"]["actions"] == []


def test_public_agenda_hides_a_closed_item_too(repo):
    items = builder(repo, public=True).meeting(repo.get("m"), "agenda")["meeting"]["items"]
    assert items == [without_decisions(ITEM_EVENTUELT), ITEM_CLOSED_PUBLIC, without_decisions(ITEM_24)]


def test_meeting_in_english(repo):
    ctx = builder(repo, "en").meeting(repo.get("m"), "minutes")
    meeting = ctx["meeting"]
    assert ctx["lang"] == "en"
    assert ctx["labels"] == LABELS["en"]
    assert ctx["doc"]["title"] == "Minutes: Ældrerådet"
    assert (meeting["date_text"], meeting["time_text"]) == ("Monday 29 August 2022", "16:00–18:30")
    assert (meeting["mode_label"], meeting["status_label"]) == ("hybrid", "held")
    assert meeting["minutes_approved_text"] == "5 September 2022"
    assert meeting["body"]["type_label"] == "advisory council"
    item = meeting["items"][2]
    assert (item["number"], item["type_label"], item["time_text"]) == (24, "decision", "16:00–16:30")
    assert meeting["actions"][2] == {
        **RING,
        "due_text": "10 March 2024",
        "status_label": "done",
        "done_on_text": "8 March 2024",
        "meeting": {"id": "m", "title": "Ældrerådet", "date_text": "29 August 2022", "title_date": "Ældrerådet, 29 August 2022"},
        "decision_text": "Decision of Ældrerådet on 29 August 2022, item 24: Godkendelse af plan",
    }


def test_meeting_title_and_a_time_with_only_an_end(repo):
    meeting = builder(repo).meeting(repo.get("m2"), "minutes")["meeting"]
    assert meeting["title"] == "Ekstramøde"
    assert (meeting["start"], meeting["end"], meeting["time_text"]) == (None, "11:00", "til kl. 11.00")
    assert (meeting["mode"], meeting["mode_label"], meeting["location"]) == (None, "", None)
    assert (meeting["chair"], meeting["secretary"], meeting["minutes_approved"], meeting["minutes_approved_text"]) == (None, None, None, "")
    assert meeting["actions"][0]["meeting"] == {"id": "m2", "title": "Ekstramøde", "date_text": "1. maj 2023", "title_date": "Ekstramøde, 1. maj 2023"}
    assert [a["what"] for a in meeting["actions"]] == ["Find frivillige", "Lav folder", "Ikke vores"]


def test_attachment_and_record_links_come_from_the_callbacks(repo):
    b = builder(repo, attachment_href=lambda path: f"../attachments/{path}", link=link)
    items = b.meeting(repo.get("m"), "minutes")["meeting"]["items"]
    assert items[2]["attachments"] == [
        {"number": 1, "label": "Bilag 1", "title": "Bilag 1", "href": "../attachments/bilag/a.pdf", "closed": False, "embedded": None},
        {"number": 2, "label": "Bilag 2", "title": "Webside", "href": "https://example.dk/x", "closed": False, "embedded": None},
    ]
    assert items[0]["attachments"] == [{"number": 1, "label": "Bilag 1", "title": "Mundtligt", "href": "../attachments/", "closed": False, "embedded": None}]
    assert items[2]["initiatives"] == [{"id": "cafe", "name": "Café", "href": "initiative:cafe"}]
    assert items[2]["plans"] == [{"id": "plan", "name": "Ensomhedsplan 2024-2027", "href": "plan:plan"}]


def test_person_body_and_ref_of_unknown_ids(repo):
    b = builder(repo, link=link)
    assert b.person(None) is None
    assert b.person("ghost") == {"id": "ghost", "name": "ghost", "title": None, "organisation": None, "party": None, "party_letters": None, "label": "ghost"}
    # A record that is not a person is shown by its id too.
    assert b.person("byraad") == {"id": "byraad", "name": "byraad", "title": None, "organisation": None, "party": None, "party_letters": None, "label": "byraad"}
    assert b.people(["dorte", "ghost"]) == [DORTE, person("ghost", "ghost")]
    assert b.body("ghost") == {"id": "ghost", "name": "ghost", "type": None, "type_label": "", "members": []}
    assert b.body("anna") == {"id": "anna", "name": "Anna Hansen", "type": None, "type_label": "", "members": []}
    assert b.body("aeldreraadet") == AELDRERAADET
    assert b.ref("body", None) is None
    assert b.ref("body", "byraad") == {"id": "byraad", "name": "Sydby Byråd", "href": "body:byraad"}
    assert b.ref("plan", "ghost") == {"id": "ghost", "name": "ghost", "href": "plan:ghost"}
    assert builder(repo).ref("plan", "plan") == {"id": "plan", "name": "Ensomhedsplan 2024-2027", "href": None}


# --- overdue ----------------------------------------------------------------------------

OVERDUE = [
    ("i går", True),  # open, due the day before today
    ("i dag", False),  # open, due today: not yet overdue
    ("i morgen", False),
    ("uden frist", False),
    ("udført for sent", False),  # done after its deadline
    ("opgivet", False),  # dropped, deadline passed
]


@pytest.fixture
def deadline_actions(repo):
    actions = builder(repo).meeting(repo.get("frister"), "minutes")["meeting"]["actions"]
    return {a["what"]: a for a in actions}


@pytest.mark.parametrize("what, overdue", OVERDUE, ids=["open-due-yesterday", "open-due-today", "open-due-tomorrow", "open-no-deadline", "done-late", "dropped-past-deadline"])
def test_action_overdue_only_when_open_and_due_before_today(deadline_actions, what, overdue):
    assert deadline_actions[what]["overdue"] is overdue


def test_actions_at_the_deadline_boundary_in_full(deadline_actions):
    assert deadline_actions["i dag"]["due"] == "2024-03-10"
    assert deadline_actions["uden frist"] == {
        "what": "uden frist",
        "owners": [ANNA],
        "owners_text": "Anna Hansen",
        "due": None,
        "due_text": "",
        "status": "open",
        "status_label": "åben",
        "done_on": None,
        "done_on_text": "",
        "overdue": False,
        "item_number": 1,
        "item_title": "Frister",
        "meeting": {"id": "frister", "title": "[Netværk] Besøgsvenner", "date_text": "1. marts 2024", "title_date": "[Netværk] Besøgsvenner, 1. marts 2024"},
        "decision_text": "Beslutning i [Netværk] Besøgsvenner den 1. marts 2024, punkt 1: Frister",
        "href": None,
    }
    assert deadline_actions["opgivet"]["status_label"] == "opgivet"
    assert deadline_actions["udført for sent"]["done_on_text"] == "5. marts 2024"


def test_overdue_without_a_fixed_today_uses_the_real_date(repo):
    actions = ContextBuilder(repo, "da").meeting(repo.get("frister"), "minutes")["meeting"]["actions"]
    # Every deadline here lies in the past of any real today.
    assert [a["overdue"] for a in actions] == [True, True, True, False, False, False]


# --- plans ----------------------------------------------------------------------------


@pytest.fixture
def plan_ctx(repo):
    return builder(repo, link=link).plan(repo.get("plan"))


def test_plan_header_values(plan_ctx):
    plan = plan_ctx["plan"]
    assert plan_ctx["doc"] == {"kind": "plan", "title": "Status for plan: Ensomhedsplan 2024-2027", "source": "records/plans/plan.yaml", "draft": False, "pdf_href": None, "docx_href": None}
    header = {k: plan[k] for k in ("id", "title", "status", "status_label", "owner", "period_text", "approved_by",
                                   "approved_on_text", "vision", "description", "principles")}
    assert header == {
        "id": "plan",
        "title": "Ensomhedsplan 2024-2027",
        "status": "active",
        "status_label": "aktiv",
        "owner": {"id": "aeldreraadet", "name": "Ældrerådet", "href": "body:aeldreraadet"},
        "period_text": "1. januar 2024 – 31. december 2027",
        "approved_by": {"id": "byraad", "name": "Sydby Byråd", "href": "body:byraad"},
        "approved_on_text": "14. december 2023",
        "vision": "Ingen skal være ufrivilligt ensomme.",
        "description": "Planens baggrund.",
        "principles": ["Samskabelse", "Frivillighed"],
    }
    assert (plan["timeline_chart"], plan["reach_chart"]) == (None, None)


def test_plan_without_period_or_approval(repo):
    plan = builder(repo).plan(repo.get("plan2"))["plan"]
    assert (plan["period_text"], plan["approved_by"], plan["approved_on_text"]) == ("", None, "")
    assert plan["owner"] == {"id": "byraad", "name": "Sydby Byråd", "href": None}
    assert [i["id"] for i in plan["initiatives"]] == ["andet", "gaatur"]
    assert [g["id"] for g in plan["groups"]] == ["andetudvalg"]
    assert [d["item"]["title"] for d in plan["decisions"]] == ["Anden plan"]
    assert [a["what"] for a in plan["open_actions"]] == ["Ikke vores"]
    assert (plan["milestones"], plan["themes"], plan["principles"]) == ([], [], [])


def test_each_theme_carries_its_goals(plan_ctx):
    themes = plan_ctx["plan"]["themes"]
    goals = plan_ctx["plan"]["goals"]
    assert themes == [
        {
            "id": "faellesskab",
            "title": "Fællesskab",
            "focus": "Flere fællesskaber.",
            "policies": ["Ældrepolitik"],
            "priorities": ["Caféer", "Besøg"],
            "collaborates_with": ["Frivilligcentret"],
            "goals": goals[:2],
        },
        {"id": "tomt", "title": "Tomt tema", "focus": None, "policies": [], "priorities": [], "collaborates_with": [], "goals": []},
    ]


def test_goal_context_in_full(plan_ctx):
    assert plan_ctx["plan"]["goals"][0] == {
        "id": "faerre-ensomme",
        "ref": "plan#faerre-ensomme",
        "title": "Færre ensomme ældre",
        "theme": {"id": "faellesskab", "title": "Fællesskab"},
        "indicator": "Andel der ofte er uønsket alene",
        "unit": "pct.",
        "baseline": {"value": 10, "value_text": "10 pct.", "date": "2022-01-01", "date_text": "1. januar 2022"},
        "target": {"value": 6, "value_text": "6 pct.", "date": "2027-12-31", "date_text": "31. december 2027"},
        "latest": {"date": "2024-01-01", "date_text": "1. januar 2024", "value": 7, "value_text": "7 pct.", "note": None},
        "measurements": [
            {"date": "2023-01-01", "date_text": "1. januar 2023", "value": 9.4, "value_text": "9,4 pct.", "note": "Sundhedsprofil"},
            {"date": "2024-01-01", "date_text": "1. januar 2024", "value": 7, "value_text": "7 pct.", "note": None},
        ],
        "direction": "decrease",
        "direction_label": "skal falde",
        "latest_text": "7 pct. (1. januar 2024)",
        "progress": 0.75,
        "progress_bar": 0.75,
        "progress_text": "75 pct. af vejen",
        "status": None,
        "status_label": "",
        "status_symbol": "",
        "status_note": "Godt på vej.",
        "chart_id": "maal-faerre-ensomme-tal",
        "chart": None,
    }


def test_goal_values_with_units_and_without_dates(plan_ctx):
    goal = plan_ctx["plan"]["goals"][1]
    assert goal["baseline"] == {"value": 0, "value_text": "0 personer", "date": None, "date_text": ""}
    assert goal["target"] == {"value": 3000, "value_text": "3.000 personer", "date": None, "date_text": ""}
    assert goal["latest"]["value_text"] == "1.000 personer"
    assert (goal["indicator"], goal["status_note"]) == (None, None)
    money = plan_ctx["plan"]["goals"][9]
    assert (money["unit"], money["baseline"], money["target"]["value_text"]) == ("kr.", None, "400.000 kr.")
    plain = plan_ctx["plan"]["goals"][2]
    assert (plain["theme"], plain["unit"], plain["latest"]["value_text"]) == (None, None, "8")


PROGRESS = [
    # goal id, progress, progress_bar, progress_text
    ("faerre-ensomme", 0.75, 0.75, "75 pct. af vejen"),  # 10 → 7 on the way to 6
    ("deltagere", 1 / 3, 1 / 3, "33 pct. af vejen"),  # 0 → 1000 on the way to 3000
    ("halvvejs", 0.5, 0.5, "50 pct. af vejen"),
    ("forbi", 1.25, 1.0, "målet er nået og overskredet"),  # beyond the target: never capped in the text
    ("ved-maalet", 1.0, 1.0, "målet er nået"),
    ("baglaens", -0.25, 0.0, "gået tilbage: 25 pct. længere fra målet"),  # worse than the baseline
    ("ved-start", 0.0, 0.0, "0 pct. af vejen"),
    ("op", 0.25, 0.25, "25 pct. af vejen"),  # 2 → 4 (the latest) on the way to 10
    ("ingen-afstand", None, None, ""),  # baseline == target and no direction: nothing to say
    ("uden-udgangspunkt", None, None, ""),  # no baseline and no direction: which side is better is unknown
    ("uden-maal", None, None, ""),
    ("uden-maalinger", None, None, ""),
]


@pytest.mark.parametrize("goal_id, progress, bar, text", PROGRESS, ids=[case[0] for case in PROGRESS])
def test_goal_progress_is_the_share_of_the_way_from_baseline_to_target(plan_ctx, goal_id, progress, bar, text):
    goal = next(g for g in plan_ctx["plan"]["goals"] if g["id"] == goal_id)
    assert goal["progress"] == progress
    assert goal["progress_bar"] == bar
    assert goal["progress_text"] == text


def test_goal_without_measurements_has_no_latest_value(plan_ctx):
    goal = plan_ctx["plan"]["goals"][-1]
    assert (goal["latest"], goal["measurements"]) == (None, [])


def test_goal_progress_in_english(repo):
    goals = builder(repo, "en").plan(repo.get("plan"))["plan"]["goals"]
    assert goals[0]["progress_text"] == "75% of the way"
    assert goals[0]["measurements"][0]["value_text"] == "9.4%"
    assert goals[1]["target"]["value_text"] == "3,000 personer"


def test_milestones_with_dates_and_dependencies(plan_ctx):
    assert plan_ctx["plan"]["milestones"] == [
        {
            "id": "a",
            "title": "Start",
            "date": "2024-01-15",
            "date_text": "15. januar 2024",
            "status": "done",
            "status_label": "udført",
            "state": "done",
            "state_label": "udført",
            "depends_on": [],
            "participants": ["Ældrerådet", "Frivilligcentret"],
            "description": "Kick-off.",
        },
        {
            "id": "b",
            "title": "Evaluering",
            "date": None,
            "date_text": "Ikke dateret",
            "status": "planned",
            "status_label": "planlagt",
            "state": "undated",
            "state_label": "planlagt",
            "depends_on": ["Start"],
            "participants": [],
            "description": None,
        },
        {
            "id": "c",
            "title": "Slut",
            "date": "2027-12-01",
            "date_text": "1. december 2027",
            "status": "cancelled",
            "status_label": "aflyst",
            "state": "cancelled",
            "state_label": "aflyst",
            "depends_on": ["Evaluering", "zz"],  # an unknown id stays as it is
            "participants": [],
            "description": None,
        },
    ]


def test_plan_initiatives_are_those_naming_the_plan_or_one_of_its_goals(plan_ctx):
    # andet has only plan2 and plan2#x: not this plan's, though "plan2" starts with "plan".
    assert [i["id"] for i in plan_ctx["plan"]["initiatives"]] == ["besoeg", "cafe", "forslag", "gaatur"]


def test_initiative_in_full_with_reach_totals_skipping_missing_counts(plan_ctx):
    cafe = plan_ctx["plan"]["initiatives"][1]
    assert cafe == {
        "id": "cafe",
        "title": "Café",
        "href": "initiative:cafe",
        "status": "active",
        "status_label": "aktiv",
        "category": "community",
        "category_label": "fællesskabsaktivitet",
        "owner": {"id": "anna", "name": "Anna Hansen", "href": "owner:anna"},
        "proposed_by": {"id": "aeldreraadet", "name": "Ældrerådet", "href": "body:aeldreraadet"},
        "target_groups": ["ældre over 65"],
        "partners": ["Frivilligcentret", "Biblioteket"],
        "period_text": "1. januar 2024 – 30. juni 2025",
        "goals": [],
        "budget": [{"amount": 400000, "currency": "DKK", "year": 2024, "source": None, "amount_text": "400.000 kr."}],
        "budget_text": "400.000 kr. (2024)",
        "budget_by_year": [{"key": 2024, "label": "2024", "amount_text": "400.000 kr."}],
        "budget_by_source": [{"key": None, "label": "ikke angivet", "amount_text": "400.000 kr."}],
        # Known on 10 March 2024: the count of 31 March is not; each period counted once.
        "reach": [
            {"from": None, "date": "2023-09-30", "date_text": "30. september 2023", "period_text": "til 30. september 2023",
             "participants": 12, "new_relations": 3, "participants_text": "12", "new_relations_text": "3", "note": "Første kvartal"},
            {"from": "2023-10-01", "date": "2023-12-31", "date_text": "31. december 2023", "period_text": "1. oktober 2023 – 31. december 2023",
             "participants": 8, "new_relations": None, "participants_text": "8", "new_relations_text": "ikke opgjort", "note": None},
            {"from": "2024-02-01", "date": "2024-03-01", "date_text": "1. marts 2024", "period_text": "1. februar 2024 – 1. marts 2024",
             "participants": None, "new_relations": 2, "participants_text": "ikke opgjort", "new_relations_text": "2", "note": None},
        ],
        "reach_total": {"participants": 20, "new_relations": 5, "participants_text": "20", "new_relations_text": "5"},
        "description": "Et mødested.",
    }


BUDGET_AND_REACH = [
    # initiative, period_text, budget_text, reach_total
    # Nothing counted is "ikke opgjort", never 0.
    ("besoeg", "fra 1. januar 2024", "1.500,5 EUR", {"participants": None, "new_relations": None, "participants_text": "ikke opgjort", "new_relations_text": "ikke opgjort"}),
    ("forslag", "til 31. december 2026", "1.000 kr.", {"participants": None, "new_relations": None, "participants_text": "ikke opgjort", "new_relations_text": "ikke opgjort"}),
    ("gaatur", "", "", {"participants": 0, "new_relations": 0, "participants_text": "0", "new_relations_text": "0"}),
]


@pytest.mark.parametrize("ini_id, period, budget, total", BUDGET_AND_REACH, ids=[case[0] for case in BUDGET_AND_REACH])
def test_initiative_period_budget_and_reach_totals(plan_ctx, ini_id, period, budget, total):
    ini = next(i for i in plan_ctx["plan"]["initiatives"] if i["id"] == ini_id)
    assert (ini["period_text"], ini["budget_text"], ini["reach_total"]) == (period, budget, total)


def test_initiative_without_owner_in_english(repo):
    b = builder(repo, "en")
    ini = b.initiative(repo.get("besoeg"))
    assert (ini["owner"], ini["proposed_by"], ini["href"], ini["reach"]) == (None, None, None, [])
    assert (ini["status_label"], ini["category_label"], ini["period_text"]) == ("planned", "outreach", "from 1 January 2024")
    assert b.initiative(repo.get("cafe"))["budget_text"] == "DKK 400,000 (2024)"
    assert b.initiative(repo.get("forslag"))["owner"] == {"id": "gruppe", "name": "arbejdsgruppe for besøg", "href": None}


def test_initiatives_grouped_by_category_then_status(plan_ctx):
    groups = plan_ctx["plan"]["initiative_groups"]
    by_id = {i["id"]: i for i in plan_ctx["plan"]["initiatives"]}
    assert groups == [
        {
            "category": "outreach",
            "category_label": "opsøgende",
            "statuses": [{"status": "planned", "status_label": "planlagt", "initiatives": [by_id["besoeg"]]}],
        },
        {
            "category": "community",
            "category_label": "fællesskabsaktivitet",
            "statuses": [
                {"status": "proposed", "status_label": "foreslået", "initiatives": [by_id["forslag"]]},
                {"status": "active", "status_label": "aktiv", "initiatives": [by_id["cafe"], by_id["gaatur"]]},
            ],
        },
    ]


def test_plan_working_groups(plan_ctx):
    assert plan_ctx["plan"]["groups"] == [
        {
            "id": "gruppe",
            "name": "arbejdsgruppe for besøg",
            "type_label": "arbejdsgruppe",
            "size_text": "1–7",
            "members": [{"person": CECILIE, "role": "tovholder", "label": "Cæcilie Berg (formand, Frivilligcenter Sydby), tovholder"}],
            "composition": ["to frivillige", "en medarbejder"],
            "commission": "Gruppen planlægger besøg.",
        },
        {
            "id": "netvaerk",
            "name": "[Netværk] Besøgsvenner",
            "type_label": "andet",
            "size_text": "",
            "members": [],
            "composition": [],
            "commission": None,
        },
    ]


def with_link(action, anchor):
    """An action as a site shows it: with a link to its item in the minutes of m."""
    return {**action, "href": f"minutes:m#{anchor}"}


def test_plan_decisions_come_from_items_of_held_meetings(plan_ctx):
    decisions = plan_ctx["plan"]["decisions"]
    linked = {"href": "minutes:m", "date": "2022-08-29", "title": "Ældrerådet", "id": "m", "date_text": "29. august 2022",
              "title_date": "Ældrerådet, 29. august 2022"}
    items = [
        {**on_a_page(ITEM_24), "initiatives": [{"id": "cafe", "name": "Café", "href": "initiative:cafe"}],
         "plans": [{"id": "plan", "name": "Ensomhedsplan 2024-2027", "href": "plan:plan"}],
         "actions": [with_link(SEND, "punkt-24"), with_link(RING, "punkt-24")]},
        {**on_a_page(ITEM_CLOSED), "initiatives": [{"id": "cafe", "name": "Café", "href": "initiative:cafe"}],
         "plans": [{"id": "plan", "name": "Ensomhedsplan 2024-2027", "href": "plan:plan"}],
         "actions": [with_link(SECRET_ACTION, "punkt-3")]},
    ]
    assert decisions[:2] == [{"meeting": linked, "item": items[0]}, {"meeting": linked, "item": items[1]}]
    assert [(d["meeting"]["id"], d["item"]["title"], d["item"]["decision"]) for d in decisions[2:]] == [
        ("m2", "Lukket sag", "Lukket beslutning."),
    ]
    assert decisions[2]["meeting"] == {
        "id": "m2", "title": "Ekstramøde", "date": "2023-05-01", "date_text": "1. maj 2023", "title_date": "Ekstramøde, 1. maj 2023", "href": "minutes:m2"
    }


def test_plan_open_actions_include_those_of_items_without_a_decision(plan_ctx):
    # m: Send planen (open) and the closed item's action; m2: Find frivillige, through besoeg.
    # Done and dropped actions, the planned meeting m3 and plan2's item are left out.
    open_actions = plan_ctx["plan"]["open_actions"]
    assert open_actions[:2] == [with_link(SEND, "punkt-24"), with_link(SECRET_ACTION, "punkt-3")]
    assert [a["what"] for a in open_actions] == ["Send planen", "Hemmelig opfølgning", "Find frivillige"]
    assert open_actions[2]["meeting"] == {"id": "m2", "title": "Ekstramøde", "date_text": "1. maj 2023", "title_date": "Ekstramøde, 1. maj 2023"}


def test_public_plan_leaves_out_closed_items(repo):
    # m2's closed item comes before its open one, which still counts.
    plan = builder(repo, public=True).plan(repo.get("plan"))["plan"]
    assert [d["item"]["title"] for d in plan["decisions"]] == ["Godkendelse af plan"]
    # follow-up actions are internal unless the settings publish them (public.actions)
    assert plan["open_actions"] == []
    repo.config.public.actions = True
    try:
        plan = builder(repo, public=True).plan(repo.get("plan"))["plan"]
    finally:
        repo.config.public.actions = False
    assert [a["what"] for a in plan["open_actions"]] == ["Send planen", "Find frivillige"]


def test_html_plan_carries_the_charts_input(repo):
    ctx = builder(repo, output="html").plan(repo.get("plan"))
    plan = ctx["plan"]
    assert ctx["format"] == "html"
    number = Formatter("da", nbsp=True).number
    assert plan["timeline_chart"] == charts.timeline_chart(
        "Milepæle",
        [
            (dt.date(2024, 1, 15), "Start", "15.\u00a0januar\u00a02024", "done", "udført"),
            (dt.date(2027, 12, 1), "Slut", "1.\u00a0december\u00a02027", "cancelled", "aflyst"),
        ],
        described_by="milepaele-liste",
    )
    # Every initiative of the plan has a row; a figure nobody counted is None, drawn as words.
    assert plan["reach_chart"] == charts.bar_chart(
        "Rækkevidde",
        [("Besøgstjeneste", [None, None]), ("Café", [20, 5]), ("Forslag", [None, None]), ("Gåtur", [0, 0])],
        ["Deltagere", "Nye relationer"],
        fmt=number,
        unit="personer",
        not_counted="ikke opgjort",
        described_by="raekkevidde-tal",
        prefix="raekkevidde-tal-svg",
    )
    assert plan["reach_chart"] is not None and plan["timeline_chart"] is not None
    assert plan["goals"][0]["chart"] == charts.goal_chart(
        "Færre ensomme ældre",
        [(dt.date(2023, 1, 1), 9.4, "9,4\u00a0pct."), (dt.date(2024, 1, 1), 7, "7\u00a0pct.")],
        (dt.date(2022, 1, 1), 10, "10\u00a0pct."),
        (dt.date(2027, 12, 31), 6, "6\u00a0pct."),
        fmt=number,
        unit="pct.",
        words=("Udgangspunkt", "Målsætning"),
        described_by="maal-faerre-ensomme-tal",
    )
    assert plan["goals"][0]["chart"] is not None
    assert plan["goals"][9]["chart"] == charts.goal_chart(
        "Uden udgangspunkt", [(dt.date(2024, 1, 1), 2, "2\u00a0kr.")], None, (None, 400000, "400.000\u00a0kr."),
        fmt=number, unit="kr.", words=("Udgangspunkt", "Målsætning"), described_by="maal-uden-udgangspunkt-tal",
    )
    assert plan["goals"][10]["chart"] == charts.goal_chart(
        "Uden mål", [(dt.date(2024, 1, 1), 2, "2")], (None, 1, "1"), None,
        fmt=number, unit=None, words=("Udgangspunkt", "Målsætning"), described_by="maal-uden-maal-tal",
    )


def test_html_charts_in_english(repo):
    plan = builder(repo, "en", output="html").plan(repo.get("plan"))["plan"]
    assert plan["reach_chart"] == charts.bar_chart(
        "Reach",
        [("Besøgstjeneste", [None, None]), ("Café", [20, 5]), ("Forslag", [None, None]), ("Gåtur", [0, 0])],
        ["Participants", "New relations"],
        fmt=Formatter("en", nbsp=True).number,
        unit="people",
        not_counted="not counted",
        described_by="raekkevidde-tal",
        prefix="raekkevidde-tal-svg",
    )
    assert plan["timeline_chart"] == charts.timeline_chart(
        "Milestones",
        [
            (dt.date(2024, 1, 15), "Start", "15\u00a0January\u00a02024", "done", "done"),
            (dt.date(2027, 12, 1), "Slut", "1\u00a0December\u00a02027", "cancelled", "cancelled"),
        ],
        described_by="milepaele-liste",
    )


# --- index ----------------------------------------------------------------------------


def test_index(repo):
    ctx = builder(repo, link=link).index()
    assert ctx["doc"] == {"kind": "index", "title": "Oversigt", "source": None, "draft": False, "pdf_href": None, "docx_href": None}
    assert ctx["municipality"] == "Sydby Kommune"

    def entry(mid, title, date, date_text, status, status_label):
        return {
            "id": mid,
            "title": title,
            "date": date,
            "date_text": date_text,
            "title_date": f"{title}, {date_text}",
            "status": status,
            "status_label": status_label,
            "agenda_href": f"agenda:{mid}",
            "minutes_href": f"minutes:{mid}" if status == "held" else None,
        }

    # Bodies by lower-cased name ("[" sorts before "a", not after "Z"); meetings newest first,
    # then by id, newest first too.
    assert ctx["bodies"] == [
        {
            "body": {"id": "netvaerk", "name": "[Netværk] Besøgsvenner", "type": "other", "type_label": "andet", "members": []},
            "meetings": [entry("frister", "[Netværk] Besøgsvenner", "2024-03-01", "1. marts 2024", "held", "afholdt")],
        },
        {
            "body": {"id": "gruppe", "name": "arbejdsgruppe for besøg", "type": "working_group", "type_label": "arbejdsgruppe",
                     "members": [{"person": CECILIE, "role": "tovholder", "label": "Cæcilie Berg (formand, Frivilligcenter Sydby), tovholder"}]},
            "meetings": [entry("g", "arbejdsgruppe for besøg", "2021-01-05", "5. januar 2021", "held", "afholdt")],
        },
        {
            "body": {"id": "byraad", "name": "Sydby Byråd", "type": "council", "type_label": "byråd", "members": []},
            "meetings": [
                entry("b2", "Sydby Byråd", "2023-05-01", "1. maj 2023", "held", "afholdt"),
                entry("b1", "Sydby Byråd", "2023-05-01", "1. maj 2023", "cancelled", "aflyst"),
            ],
        },
        {
            "body": AELDRERAADET,
            "meetings": [
                entry("m3", "Ældrerådet", "2024-05-01", "1. maj 2024", "planned", "planlagt"),
                entry("m2", "Ekstramøde", "2023-05-01", "1. maj 2023", "held", "afholdt"),
                entry("m", "Ældrerådet", "2022-08-29", "29. august 2022", "held", "afholdt"),
            ],
        },
    ]
    # Plans by lower-cased title.
    assert ctx["plans"] == [
        {"id": "plan2", "title": "[Udkast] anden plan", "status": "draft", "status_label": "udkast",
         "owner": {"id": "byraad", "name": "Sydby Byråd", "href": "body:byraad"}, "period_text": "", "href": "plan:plan2"},
        {"id": "plan", "title": "Ensomhedsplan 2024-2027", "status": "active", "status_label": "aktiv",
         "owner": {"id": "aeldreraadet", "name": "Ældrerådet", "href": "body:aeldreraadet"},
         "period_text": "1. januar 2024 – 31. december 2027", "href": "plan:plan"},
    ]


def test_index_without_links_or_municipality(tmp_path):
    repo, _ = load(write_repo(tmp_path / "repo", BASE))
    ctx = ContextBuilder(repo, "en", today=TODAY).index()
    assert ctx["doc"] == {"kind": "index", "title": "Overview", "source": None, "draft": False, "pdf_href": None, "docx_href": None}
    assert (ctx["municipality"], ctx["public"], ctx["format"], ctx["bodies"]) == (None, False, "md", [])
    assert ctx["plans"] == [
        {"id": "plan", "title": "Ensomhedsplan 2024-2027", "status": "active", "status_label": "active",
         "owner": {"id": "aeldreraadet", "name": "Ældrerådet", "href": None}, "period_text": "", "href": None},
    ]


def test_a_substitute_is_present_in_the_place_of_the_absent_member(repo_factory, cli):
    """With no attendees listed, the members and the substitutes of the absent were there:
    "Dorte Lund (Sydby Kommune) – stedfortræder for Bo Madsen"."""
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\n"
        "absent:\n  - {person: bo, reason: syg, substitute: dorte}\n"
    )
    root = repo_factory({**FILES, "records/meetings/s.yaml": meeting})
    out = cli("render", "minutes", "s", "--root", root, "--today", "2024-03-10")
    assert out.exit_code == 0, out.stderr
    present = out.stdout.split("## Til stede")[1].split("###")[0]
    assert "- Anna Hansen (konsulent), formand\n" in present
    assert "- Dorte Lund (Sydby Kommune) – stedfortræder for Bo Madsen\n" in present
    assert "Bo Madsen" not in present.replace("stedfortræder for Bo Madsen", "")
    english = cli("render", "minutes", "s", "--root", root, "--lang", "en").stdout
    assert "Dorte Lund (Sydby Kommune) – substitute for Bo Madsen" in english
