"""Records written to the format must load, with values meaning what people meant."""

from __future__ import annotations

import datetime as dt

from ensomhed_cli.format.schema import Initiative, Meeting, Plan

FULL_MEETING = """\
---
kind: meeting
body: aeldreraadet
title: Ældrerådets møde
date: 2022-08-29
start: 16:00
end: "18:30"
location: Rådhuset, mødelokale 2
mode: hybrid
status: held
chair: anna
secretary: bo
attendees: [anna]
absent:
  - person: bo
    reason: Ferie
guests: [Repræsentant fra Frivilligcentret]
minutes_approved: 2022-09-05
tags: [ældreråd]
extra: {journal: 22/1234}
items:
  - number: 24
    title: Godkendelse af dagsorden
    type: decision
    start: 16:00
    end: 16.05
    decision: Godkendt.
  - number: 25
    title: Ensomhedsplanen
    type: discussion
    case: 00.01.00-P20-1-22
    start: 16:05
    end: 17:00
    presenters: [anna]
    plans: [plan]
    initiatives: [cafe]
    description: |
      Status på planen.
    recommendation: Det indstilles, at rådet drøfter planen.
    decision: Drøftet.
    actions:
      - what: Sende høringssvar
        owners: [anna]
        due: 2022-09-15
      - what: Invitere Frivilligcentret
        owners: [bo]
        status: done
        done_on: 2022-09-01
  - title: Personsag
    closed: yes
    start: 17:00
    end: 17:30
---
Ordinært møde.
"""


def test_full_meeting_loads_with_typed_values(check):
    repo, diagnostics = check({"records/meetings/2022/m.md": FULL_MEETING})
    assert diagnostics == []
    meeting = repo.get("m")
    assert isinstance(meeting, Meeting)
    assert meeting.start == dt.time(16, 0) and meeting.end == dt.time(18, 30)
    assert meeting.date == dt.date(2022, 8, 29)
    assert meeting.absent[0].person == "bo" and meeting.absent[0].reason == "Ferie"
    assert [i.number for i in meeting.items] == [24, 25, 3]
    assert meeting.items[0].end == dt.time(16, 5)  # "16.05", as Danish documents write it
    assert meeting.items[2].closed is True
    assert meeting.items[1].actions[1].done_on == dt.date(2022, 9, 1)
    assert meeting.description == "Ordinært møde."
    assert meeting.extra == {"journal": "22/1234"}
    assert meeting.path == "records/meetings/2022/m.md"


def test_text_stays_text(check):
    files = {
        "records/people/no.yaml": "kind: person\nname: NO\ntitle: 2020\norganisation: yes\n",
    }
    repo, diagnostics = check(files)
    assert diagnostics == []
    person = repo.get("no")
    assert (person.name, person.title, person.organisation) == ("NO", "2020", "yes")


def test_numbers_in_danish_and_plain_forms(check):
    plan = """
        kind: plan
        title: P
        owner: aeldreraadet
        status: active
        period: {from: 2024-01-01, to: 2027-12-31}
        goals:
          - id: andel
            title: Andel der føler sig ensomme
            unit: pct.
            baseline: {value: "6,6", date: 2023-01-01}
            target: {value: 5, date: 2027-12-31}
            measurements:
              - {date: 2024-01-01, value: 6.1}
              - {date: 2025-01-01, value: 1_000}
        """
    repo, diagnostics = check({"records/plans/p.yaml": plan})
    assert diagnostics == []
    goal = repo.get("p").goals[0]
    assert goal.baseline.value == 6.6
    assert goal.target.value == 5 and isinstance(goal.target.value, int)
    assert [m.value for m in goal.measurements] == [6.1, 1000]


def test_bom_and_crlf_are_accepted(check):
    text = "\ufeff---\r\nkind: person\r\nname: Søren\r\nnavn: x\r\n---\r\nTekst\r\n"
    repo, diagnostics = check({"records/people/s.md": text.encode("utf-8")})
    [d] = diagnostics
    assert (d.line, d.column, d.code) == (4, 1, "unknown-key")


def test_yml_and_sub_folders_and_skipped_names(check):
    files = {
        "records/a/b/c/deep.yml": "kind: person\nname: Dyb\n",
        "records/_drafts/kladde.yaml": "this is not a record at all: [",
        "records/.hidden.yaml": "also: [broken",
        "records/_skitse.md": "no front matter",
        "records/notes.txt": "not a record file",
    }
    repo, diagnostics = check(files)
    assert diagnostics == []
    assert repo.get("deep").name == "Dyb"


def test_initiative_with_everything(check):
    ini = """
        kind: initiative
        title: Besøgsvenner
        status: active
        category: ongoing_contact
        plans: [plan]
        goals: [plan#faerre-ensomme]
        owner: anna
        proposed_by: aeldreraadet
        target_groups: [ældre der bor alene]
        partners: [frivillige]
        start: 2024-01-01
        end: 2024-12-31
        budget: {amount: 450000, year: 2024}
        reach:
          - {date: 2024-06-30, participants: 40, new_relations: 12, note: Første halvår}
        """
    repo, diagnostics = check({"records/initiatives/bv.yaml": ini})
    assert diagnostics == []
    record = repo.get("bv")
    assert isinstance(record, Initiative)
    assert [(b.amount, b.currency, b.source) for b in record.budget] == [(450000, "DKK", None)]
    assert record.reach[0].new_relations == 12


def test_missing_optional_lists_and_empty_values(check):
    files = {"records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2099-01-01\nstatus: planned\nattendees:\nlocation:\n"}
    repo, diagnostics = check(files)
    assert diagnostics == []
    assert repo.get("m").attendees == [] and repo.get("m").location is None


def test_plan_milestones_in_order(check):
    plan = """
        kind: plan
        title: Procesplan
        owner: aeldreraadet
        status: draft
        milestones:
          - {id: temadag, title: Temadag, date: 2024-03-01, status: done}
          - {id: seminar, title: Opstartsseminar, date: 2024-04-01, depends_on: [temadag]}
          - {id: status, title: Statusmøde, depends_on: [seminar, temadag]}
        """
    repo, diagnostics = check({"records/plans/pp.yaml": plan})
    assert diagnostics == []
    assert isinstance(repo.get("pp"), Plan)


def test_closed_item_before_open_is_the_secretarys_choice(check):
    """Format 1.2: where closed items stand is not warned of (real agendas put them anywhere)."""
    meeting = """
        kind: meeting
        body: aeldreraadet
        date: 2099-01-01
        status: planned
        items:
          - {title: Lukket, closed: true}
          - {title: Eventuelt}
        """
    _, diagnostics = check({"records/m.yaml": meeting})
    assert diagnostics == []


def test_readme_meeting_example_is_a_valid_record(check):
    """The example in README.md must stay true to the format."""
    from conftest import PROJECT

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```markdown\n", 1)[1].split("```", 1)[0]
    people = {
        f"records/people/{pid}.yaml": f"kind: person\nname: {pid}\n"
        for pid in ("anna-hansen", "bo-madsen", "carl-nielsen")
    }
    plan = {"records/plans/ensomhedsplan-2024.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: active\n"}
    repo, diagnostics = check({"records/meetings/2022/2022-08-29-aeldreraadet.md": example, **people, **plan})
    assert diagnostics == []
    assert repo.get("2022-08-29-aeldreraadet").items[0].number == 24


def test_readme_format_1_1_example_is_a_valid_meeting(check):
    """README's format 1.1 example holds every new meeting field and checks without a problem."""
    from conftest import PROJECT

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    fragment = readme.split("A\nmeeting as real minutes record it:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    people = ("anne-holm", "bo-jensen", "carl-nielsen", "dorte-lund", "erik-berg", "eva-lund")
    files = {f"records/people/{pid}.yaml": f"kind: person\nname: {pid}\n" for pid in people}
    for bid, kind in (("udvalg", "committee"), ("byraadet", "council"), ("forvaltningen", "department")):
        files[f"records/bodies/{bid}.yaml"] = f"kind: body\nname: {bid}\ntype: {kind}\n"
    head = "kind: meeting\nbody: udvalg\ndate: 2025-01-06\nstart: '16:00'\nstatus: held\n"
    repo, diagnostics = check({"records/meetings/m.yaml": head + fragment, **files}, base=False)
    assert diagnostics == []
    meeting = repo.get("m")
    assert [i.number for i in meeting.items] == [4, "4.1", 5]
    assert meeting.items[0].votes[1].for_ == ["A", "V"] and meeting.items[1].absent[0].conflict_of_interest
