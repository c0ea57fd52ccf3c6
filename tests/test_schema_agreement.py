"""The JSON Schema for editors flags exactly what `check` flags in one record.

Each sample is a small record as a user writes it. `check`'s verdict comes from the same
code `check` runs on a file (parse, type, the record's own rules); the editor's from the
schema, on the YAML as an editor's language server reads it. References to other records
are not the schema's business and are not looked at.

How the editor reads YAML: yaml-language-server (VS Code's YAML extension and the editors
that embed it) parses with the `yaml` package as YAML 1.2, core schema, its default
(`yaml.yamlVersion: "1.2"`). So `yes`, `14:00`, `6,6`, `1_000` and `2022-08-29` are text,
`14.00` is the number 14, `2020` an integer, `0x1F` the integer 31, `true`/`True` booleans.
`EditorLoader` below reads YAML that way (checked once against the `yaml` package itself).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import plain_id
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.record import run_record_rules
from ensomhed_cli.diagnostics import ERROR
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.json_schema import record_schema
from ensomhed_cli.format.source import parse_text
from ensomhed_cli.format.typed import build_record


class EditorLoader(yaml.SafeLoader):
    """YAML 1.2 with the core schema: the types an editor's YAML language server sees."""


EditorLoader.yaml_implicit_resolvers = {}
for _tag, _pattern in [
    ("null", r"^(?:~|[Nn]ull|NULL)?$"),
    ("bool", r"^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$"),
]:
    EditorLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), None)


def _core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 16) if text.startswith("0x") else int(text)


def _core_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    return math.nan if text == ".nan" else float(text)


EditorLoader.add_constructor("tag:yaml.org,2002:int", _core_int)
EditorLoader.add_constructor("tag:yaml.org,2002:float", _core_float)
EditorLoader.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: loader.construct_scalar(node).lower() == "true")


VALIDATOR = jsonschema.Draft202012Validator(record_schema())
CONTEXT = Context(Path("/nonexistent"), Config())


def check_flags(text: str) -> list[str]:
    """The errors `check` reports for this record file, but those about other records (in English)."""
    from ensomhed_cli.diagnostics import messages_for

    with messages_for("en"):
        doc = parse_text(text, "records/sample.yaml")
        problems = list(doc.diagnostics)
        record, built = build_record(doc)
        problems += built
        if record is not None:
            problems += run_record_rules(record, CONTEXT)
    return [f"{d.code}: {d.message}" for d in problems if d.severity == ERROR]


def editor_flags(text: str) -> list[str]:
    try:
        data = yaml.load(text, Loader=EditorLoader)  # noqa: S506 - a safe loader with YAML 1.2's resolvers
    except yaml.YAMLError as exc:
        return [f"yaml: {exc}"]
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


BASE = {
    "person": "kind: person\nname: Anna Hansen\n",
    "body": "kind: body\nname: Ældrerådet\ntype: advisory_council\n",
    "meeting": "kind: meeting\nbody: aeldreraadet\ndate: 2022-08-29\nstatus: held\n",
    "plan": "kind: plan\ntitle: Ensomhedsplan\nowner: aeldreraadet\nstatus: active\n",
    "initiative": "kind: initiative\ntitle: Besøgsven\nstatus: active\ncategory: community\n",
}
ITEM = BASE["meeting"] + "items:\n  - number: 4\n    title: Ensomhedsplanen\n"
GOAL = BASE["plan"] + "goals:\n  - id: faerre-ensomme\n    title: Færre ensomme\n"

# Where a value of each type goes: a record with `{v}` where the value is written.
SLOTS = {
    "time": {
        "meeting.start": BASE["meeting"] + "start: {v}\n",
        "meeting.end": BASE["meeting"] + "end: {v}\n",
        "item.start": ITEM + "    start: {v}\n",
        "attendee.left": BASE["meeting"] + "attendees:\n  - person: anna\n    left: {v}\n",
    },
    "date": {
        "meeting.date": "kind: meeting\nbody: aeldreraadet\nstatus: planned\ndate: {v}\n",
        "meeting.minutes_approved": "kind: meeting\nbody: aeldreraadet\ndate: 1900-01-01\nstatus: held\nminutes_approved: {v}\n",
        "measurement.date": GOAL + "    measurements:\n      - value: 3\n        date: {v}\n",
        "reach.from": BASE["initiative"] + "reach:\n  - date: 2199-12-31\n    from: {v}\n",
    },
    "period": {
        "action.due": ITEM + "    actions:\n      - what: Sende høringssvar\n        owners: [anna]\n        due: {v}\n",
        "milestone.date": BASE["plan"] + "milestones:\n  - id: m\n    title: Høring\n    date: {v}\n",
        "initiative.start": BASE["initiative"] + "start: {v}\n",
        "plan.period.from": BASE["plan"] + "period:\n  to: 2199\n  from: {v}\n",
    },
    "int": {
        "budget.year": BASE["initiative"] + "budget:\n  amount: 1000\n  year: {v}\n",
        "reach.participants": BASE["initiative"] + "reach:\n  - date: 2024-01-31\n    participants: {v}\n",
        "size.min": BASE["body"] + "size:\n  max: 1000000000000000\n  min: {v}\n",
    },
    "number": {
        "budget.amount": BASE["initiative"] + "budget:\n  amount: {v}\n",
        "baseline.value": GOAL + "    baseline:\n      value: {v}\n",
    },
    "bool": {
        "item.closed": ITEM + "    closed: {v}\n",
        "absence.notice": BASE["meeting"] + "absent:\n  - person: anna\n    notice: {v}\n",
        "item-absence.conflict_of_interest": ITEM + "    absent:\n      - person: anna\n        conflict_of_interest: {v}\n",
    },
    "text": {
        "person.title": BASE["person"] + "title: {v}\n",
        "meeting.location": BASE["meeting"] + "location: {v}\n",
        "goal.unit": GOAL + "    unit: {v}\n",
    },
    "required-text": {
        "person.name": "kind: person\nname: {v}\n",
        "item.title": BASE["meeting"] + "items:\n  - title: {v}\n",
        "statement.text": ITEM + "    statements:\n      - type: dissent\n        by: [O]\n        text: {v}\n",
    },
    "slug": {
        "meeting.body": "kind: meeting\ndate: 2022-08-29\nstatus: held\nbody: {v}\n",
        "id": BASE["person"] + "id: {v}\n",
        "item.presenters": ITEM + "    presenters:\n      - {v}\n",
        "attendee": BASE["meeting"] + "attendees:\n  - {v}\n",
    },
    "item-number": {"item.number": BASE["meeting"] + "items:\n  - title: Punkt\n    number: {v}\n"},
    "email": {"person.email": BASE["person"] + "email: {v}\n"},
    "goal-ref": {"initiative.goals": BASE["initiative"] + "goals:\n  - {v}\n"},
}

# Values as written in YAML, for each type: what check accepts and what it refuses.
VALUES = {
    "time": ["14:00", "14.00", "9.30", "09:30", "0:00", "23:59", '"14:00"', "'9.30'", "' 14:00 '", "24:00", "14:60", "1400",
             "14:5", "2:00:00", "-1.00", "abc", "true", "yes", "[14:00]", "{at: 14}", '""', "'null'", "14", "14.0", "9.3"],
    "date": ["2022-08-29", "'2022-08-29'", "2024-02-29", "2000-02-29", "1900-01-01", "2199-12-31", "' 2022-08-29 '",
             "2022-02-30", "1900-02-29", "2100-02-29", "2023-02-29", "2022-04-31", "1899-12-31", "2200-01-01", "2022-8-29",
             "29-08-2022", "2022", "2022-08", "2022-Q3", "2022-08-29T10:00", "20220829", "true", "[2022-08-29]"],
    "period": ["2025-03-31", "2025-03", "2025-Q2", "2025-q2", "2025", "'2025'", "1900", "2199", "2024-02-29", "2025-13",
               "2025-00", "2025-Q5", "2025-Q0", "1899", "2200", "1899-12", "2025-3", "25", "marts 2025", "2025-02-30",
               "2025.0", "02025"],
    "int": ["2024", "'2024'", "0", "+5", "1_000", "12.0", "'12.00'", "12.5", "abc", "true", "1e20", "'1__0'", "[1]", "0x1f",
            "1e3", "12.", "-1", "-0", "'-5'", "' -0.0 '",
            # the bound, 10^15 either way, written as text too
            "'999999999999999'", "'1000000000000000'", "'-1_000_000_000_000_000'", "'1000000000000001'",
            "'0001000000000000000'", "'2024202420242024'", "'1_000_000_000_000_000.00'"],
    "number": ["250000", "6.6", "6,6", "0,5", "'6,6'", "1_000", "1e3", ".5", "1,5e3", "-0", "400.000", "1.000.000", "'400.000'",
               "abc", "true", "6,6,6", ".inf", "1e16", "[1]", "'e5'", "5.", "0x1f", "-2", "-0", "'-0,0'", "-1e-9", "'-1,5'",
               "'999999999999999,99'", "'1000000000000000,0'", "'1000000000000000,5'", "'-1000000000000000'",
               "'10000000000000000'"],
    "bool": ["true", "false", "True", "TRUE", "yes", "no", "ja", "nej", "Ja", "NEJ", "'true'", "' yes '", "1", "0", "y", "on",
             "sand", '""', "[true]"],
    "text": ["Rådhuset", "2020", "14.00", "true", "yes", "6,6", "'x'", '""', "[a]", "{a: b}"],
    "required-text": ["Anna Hansen", "2020", "true", "1.5", '""', "'  '", "[a]", "{a: b}"],
    "slug": ["anna", "anna-hansen", "2020", "007", "true", "1e3", "'anna'", "Anna", "anna hansen", "-anna", "anna_hansen",
             "æble", "1.5", "-5", "[anna]", "True", "10.0", "+5"],
    "item-number": ["4", "4.1", "7.10", "4a", "'4.1'", "4.1.2", "+5", "'0_1'", "0", "-1", "4A", "a", "4.1a", "0.5", "'7.'",
                    "true", "1e20", "7.", "1e3"],
    "email": ["anna@aarhus.dk", "'anna@aarhus.dk'", "anna@aarhus", "aarhus.dk", "anna hansen@aarhus.dk", "1.5", "true"],
    "goal-ref": ["plan#maal", "'plan#maal'", "plan", "plan#", "Plan#maal", "plan#maal#x", "2020", "true"],
}
for _type in VALUES:
    VALUES[_type] += ["null", "", "~"]

# Where YAML 1.2 makes two texts one value, the schema cannot tell them apart; it accepts
# the value when one way of writing it is valid. These are all the samples where that
# leaves the editor silent and check not.
LOSSY = {
    ("time", "14"), ("time", "14.0"), ("time", "9.3"),  # the numbers 14.00 and 9.30 are
    ("period", "2025.0"), ("period", "02025"),  # the year 2025
    ("int", "0x1f"), ("int", "1e3"), ("int", "12."),  # 31, 1000 and 12
    ("number", "400.000"), ("number", "5."), ("number", "0x1f"),  # 400, 5 and 31
    ("slug", "True"), ("slug", "10.0"), ("slug", "+5"),  # true, 10 and 5
    ("item-number", "7."), ("item-number", "1e3"),  # 7 and 1000
}


def _samples():
    for type_name, slots in SLOTS.items():
        for slot, template in slots.items():
            for value in VALUES[type_name]:
                yield f"{slot}={value}", type_name, value, template.replace("{v}", value)


SAMPLES = list(_samples())


@pytest.mark.parametrize("type_name, value, text", [s[1:] for s in SAMPLES], ids=[plain_id(s[0]) for s in SAMPLES])
def test_the_schema_flags_a_value_when_check_does(type_name, value, text):
    by_check, by_editor = check_flags(text), editor_flags(text)
    if (type_name, value) in LOSSY:
        assert by_check and not by_editor, "no longer lossy: take it off LOSSY"
    else:
        assert bool(by_check) == bool(by_editor), f"check: {by_check}\neditor: {by_editor}\n{text}"


def test_the_corpus_holds_good_and_bad_values_of_every_type():
    verdicts = {}
    for _, type_name, _, text in SAMPLES:
        verdicts.setdefault(type_name, set()).add(bool(check_flags(text)))
    assert all(v == {True, False} for v in verdicts.values()), verdicts


MINUTES_1_1 = """\
kind: meeting
body: byraadet
date: 2025-03-04
start: 16.00
end: "17:45"
status: held
attendees:
  - anne-holm
  - {person: bo-jensen, from_item: 4}
  - {person: carl-nielsen, left: "17:30", to_item: 4.1}
absent:
  - {person: dorte-lund, reason: ferie}
  - {person: erik-berg, notice: nej}
staff: [{person: eva-lund, role: direktør}]
items:
  - number: 4
    title: Ensomhedsstrategi
    case: 24/1234
    summary: Resume.
    sections: [{title: Høring, text: Tekst.}]
    economy: Ingen.
    authority: byraadet
    recommendation: Godkendes.
    attachments: [{title: Strategi, url: "https://example.org/s.pdf"}]
    decision: Godkendt.
    votes:
      - {motion: Indstillingen, for: [anne-holm, bo-jensen], against: [carl-nielsen], abstained: []}
      - {for: [A, V], abstained: [O]}
    statements:
      - {type: dissent, by: [carl-nielsen], text: Imod.}
      - {type: protocol_note, by: [O], text: Tilført.}
    actions:
      - {what: Udarbejde handleplan, owners: [forvaltningen], due: 2025-Q2}
  - number: 4.1
    title: Fordeling af puljen
    absent: [{person: anne-holm, conflict_of_interest: ja}]
  - {number: 5, title: Madservice, status: postponed}
"""
PLAN_1_1 = BASE["plan"] + """\
period: {from: 2024, to: 2025-Q4}
goals:
  - id: faerre-ensomme
    title: Færre ensomme
    unit: pct.
    baseline: {value: "6,6", date: 2023-01-01}
    target: {value: 5}
    direction: decrease
    status: on_track
    measurements: [{date: 2024-06-30, value: 6.1}]
milestones:
  - {id: hoering, title: Høring, date: 2024-09, status: done}
  - {id: vedtagelse, title: Vedtagelse, date: 2024-Q4, depends_on: [hoering]}
"""
INITIATIVE_1_1 = BASE["initiative"] + """\
start: 2024-03
end: 2025
goals: [ensomhedsplan#faerre-ensomme]
budget:
  - {amount: 250000, year: 2024, source: kommune}
  - {amount: "12,5", currency: EUR, source: EU}
reach:
  - {date: 2024-06-30, participants: 12, new_relations: 4}
  - {from: 2024-07-01, date: 2024-12-31, participants: 9}
"""
# Whole records: the shapes of each kind, format 1.1, unknown and missing keys, enumerations.
STRUCTURES = {
    "minutes-1.1": MINUTES_1_1,
    "plan-1.1": PLAN_1_1,
    "initiative-1.1": INITIATIVE_1_1,
    "body-with-members": BASE["body"] + "members: [{person: anna, role: formand}]\nsize: {min: 1, max: 9}\ncomposition: [Formand]\n",
    "person-with-party": BASE["person"] + "party: Socialdemokratiet (A)\norganisation: Aarhus Kommune\n",
    "every-kind-bare": "",
    "empty-lists": BASE["meeting"] + "attendees:\nabsent: []\nitems:\ntags:\nextra:\n",
    "extra-free-data": BASE["person"] + "extra: {anything: [1, {two: 2}]}\n",
    "budget-one-mapping": BASE["initiative"] + "budget: {amount: 1}\n",
    "budget-nothing": BASE["initiative"] + "budget:\n",
    "description-in-yaml": BASE["person"] + "description: |\n  Konsulent i *Ældreplejen*.\n",
    # refused
    "unknown-key": BASE["meeting"] + "atendees: [anna]\n",
    "unknown-key-in-item": ITEM + "    tittel: x\n",
    "unknown-key-in-budget": BASE["initiative"] + "budget: {amount: 1, funder: x}\n",
    "unknown-key-in-vote": ITEM + "    votes: [{imod: [V]}]\n",
    "unknown-key-in-attendee": BASE["meeting"] + "attendees: [{person: anna, form_item: 2}]\n",
    "unknown-key-in-period": BASE["plan"] + "period: {fra: 2024, to: 2025}\n",
    "missing-kind": "name: Anna\n",
    "unknown-kind": "kind: møde\nname: Anna\n",
    "kind-a-list": "kind: [person]\nname: Anna\n",
    "missing-name": "kind: person\ntitle: konsulent\n",
    "missing-body-type": "kind: body\nname: Rådet\n",
    "missing-meeting-status": "kind: meeting\nbody: aeldreraadet\ndate: 2022-08-29\n",
    "missing-meeting-date": "kind: meeting\nbody: aeldreraadet\nstatus: held\n",
    "missing-plan-owner": "kind: plan\ntitle: P\nstatus: active\n",
    "missing-category": "kind: initiative\ntitle: I\nstatus: active\n",
    "missing-item-title": BASE["meeting"] + "items: [{number: 1}]\n",
    "missing-statement-by": ITEM + "    statements: [{type: dissent, text: x}]\n",
    "missing-budget-amount": BASE["initiative"] + "budget: [{year: 2024}]\n",
    "missing-goal-id": BASE["plan"] + "goals: [{title: G}]\n",
    "missing-action-owners": ITEM + "    actions: [{what: x}]\n",
    "missing-measurement-date": GOAL + "    measurements: [{value: 1}]\n",
    "a-list-not-a-mapping": "- kind\n- person\n",
    "attendees-one-id": BASE["meeting"] + "attendees: anna\n",
    "budget-a-number": BASE["initiative"] + "budget: 250000\n",
    "budget-a-list-of-numbers": BASE["initiative"] + "budget: [250000]\n",
    "tags-text": BASE["person"] + "tags: ensomhed\n",
    "extra-a-list": BASE["person"] + "extra: [1]\n",
    "item-a-text": BASE["meeting"] + "items: [Punkt]\n",
    "period-a-year": BASE["plan"] + "period: 2024\n",
}
ENUMS = {
    "meeting.status": ("kind: meeting\nbody: aeldreraadet\ndate: 2022-08-29\nstatus: {v}\n", ["held", "planned", "cancelled", "Held", "afholdt", "yes"]),
    "meeting.mode": (BASE["meeting"] + "mode: {v}\n", ["in_person", "online", "hybrid", "in-person", "true"]),
    "body.type": ("kind: body\nname: R\ntype: {v}\n", ["council", "committee", "advisory_council", "management", "department",
                                                        "working_group", "reference_group", "other", "råd", "Council"]),
    "body.status": (BASE["body"] + "status: {v}\n", ["active", "closed", "nedlagt"]),
    "plan.status": ("kind: plan\ntitle: P\nowner: o\nstatus: {v}\n", ["draft", "consultation", "approved", "active", "completed",
                                                                      "archived", "vedtaget"]),
    "initiative.status": ("kind: initiative\ntitle: I\ncategory: community\nstatus: {v}\n", ["proposed", "planned", "active", "paused",
                                                                                          "completed", "stopped", "done"]),
    "initiative.category": ("kind: initiative\ntitle: I\nstatus: active\ncategory: {v}\n", ["outreach", "preventive", "ongoing_contact",
                                                                                         "community", "experience", "opsøgende"]),
    # with its decision: a decision item of a held meeting says what was decided (a rule of check's, not a shape)
    "item.type": (ITEM + "    type: {v}\n    decision: Godkendt.\n", ["decision", "information", "discussion", "beslutning"]),
    "item.status": (ITEM + "    status: {v}\n", ["treated", "postponed", "withdrawn", "udsat"]),
    "action.status": (ITEM + "    actions: [{what: x, owners: [anna], status: {v}}]\n", ["open", "dropped", "closed"]),
    "statement.type": (ITEM + "    statements: [{type: {v}, by: [O], text: x}]\n", ["dissent", "protocol_note", "mindretal"]),
    "goal.direction": (GOAL + "    direction: {v}\n", ["increase", "decrease", "up"]),
    "goal.status": (GOAL + "    status: {v}\n", ["not_started", "on_track", "at_risk", "off_track", "achieved", "done"]),
    "milestone.status": (BASE["plan"] + "milestones: [{id: m, title: M, status: {v}}]\n", ["planned", "done", "cancelled", "open"]),
}
for _name, (_template, _values) in ENUMS.items():
    for _value in [*_values, "null", "2020"]:
        STRUCTURES[f"{_name}={_value}"] = _template.replace("{v}", _value)
for _kind in BASE:
    STRUCTURES[f"bare-{_kind}"] = BASE[_kind]
del STRUCTURES["every-kind-bare"]


@pytest.mark.parametrize("text", list(STRUCTURES.values()), ids=[plain_id(name) for name in STRUCTURES])
def test_the_schema_flags_a_record_when_check_does(text):
    by_check, by_editor = check_flags(text), editor_flags(text)
    assert bool(by_check) == bool(by_editor), f"check: {by_check}\neditor: {by_editor}\n{text}"


# Quoted, every value is text to both readers, so nothing is lost between them: any text
# at all must get the same verdict. The alphabet holds what dates, times, numbers, ids and
# booleans are made of.
PIECES = st.sampled_from([*"0123456789:.,-_+#@ Qqe", "ja", "nej", "yes", "True", "anna", "2024", "14", "1900", "\t"])
# Blanks as people type or paste them; the control characters U+001C…U+001F, which Python
# counts as whitespace and JavaScript does not, are left out.
NEAR_VALID = st.from_regex(r"[ \t\xa0]?[-+]?[0-9]{1,4}([-:.,_#@eQq]{1,2}[0-9a-z]{1,3}){0,3}[ \t\xa0]?", fullmatch=True)
TEXT_SLOTS = [(type_name, slot, template) for type_name, slots in SLOTS.items() for slot, template in slots.items()]


# Derandomized: the same examples on every run, so CI never turns red by chance; a change
# to the code or the strategies draws new ones.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(where=st.sampled_from(TEXT_SLOTS), value=st.one_of(NEAR_VALID, st.lists(PIECES, max_size=6).map("".join)))
def test_any_quoted_text_gets_the_same_verdict(where, value):
    _, slot, template = where
    text = template.replace("{v}", json.dumps(value, ensure_ascii=False))
    by_check, by_editor = check_flags(text), editor_flags(text)
    # The one known limit: with an exponent (`9e20`) the schema cannot bound a number's size.
    assume(not (by_check and not by_editor and "e" in value.lower() and all("too large a number" in f for f in by_check)))
    assert bool(by_check) == bool(by_editor), f"{slot}: check: {by_check}\neditor: {by_editor}\n{text}"
