"""Format 1.1 plans and initiatives, checked to the exact diagnostic: a goal's direction and
status, a budget written as one mapping or as a list of lines, and reach counted by period
(rules/plans.py); and the JSON Schema of these fields.

Each case adds a record to the small valid repository of conftest.BASE and names every
diagnostic the whole repository must then give: path, line, column, severity, code and full
message. A rule is shown failing, passing and at its boundary (a target equal to its baseline,
a budget of 0, a period of one day, a period beginning the day after the last one ended…).
"""

from __future__ import annotations

import json

import pytest

from conftest import located

P = "records/plans/p.yaml"
INI = "records/initiatives/i.yaml"

PLAN = "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\n"  # lines 1-4
INITIATIVE = "kind: initiative\ntitle: I\nstatus: active\ncategory: community\n"  # lines 1-4

NEEDED = "så det kan ikke ses, om tallet skal op eller ned: skriv `direction: increase` (op) eller `direction: decrease` (ned)"
BUDGET_NEGATIVE = "et beløb i budgettet (`amount`) skal være 0 eller mere"


def err(path, line, column, code, message):
    return (path, line, column, "error", code, message)


def found(check, files, **kwargs):
    _, diagnostics = check(files, **kwargs)
    return located(diagnostics)


def goal(figures):
    """One goal on line 6, written in flow style: `  - {id: g, title: G, <figures>}`."""
    return "goals:\n  - {id: g, title: G" + (", " + figures if figures else "") + "}\n"


# --- goals: direction and status ----------------------------------------------------------

GOALS = [
    ("increase-but-target-below-baseline", goal("baseline: {value: 10}, target: {value: 5}, direction: increase"), [
        err(P, 6, 77, "direction-conflict", "målet `g` har `direction: increase` (tallet skal op), men `target` (5) er lavere end udgangspunktet `baseline` (10): ret `direction`, `target` eller `baseline`"),
    ]),
    ("decrease-but-target-above-baseline", goal("baseline: {value: 10}, target: {value: 15}, direction: decrease"), [
        err(P, 6, 78, "direction-conflict", "målet `g` har `direction: decrease` (tallet skal ned), men `target` (15) er højere end udgangspunktet `baseline` (10): ret `direction`, `target` eller `baseline`"),
    ]),
    ("increase-as-the-figures-say", goal("baseline: {value: 10}, target: {value: 15}, direction: increase"), []),
    ("decrease-as-the-figures-say", goal("baseline: {value: 10}, target: {value: 5}, direction: decrease"), []),
    ("direction-inferred-upwards", goal("baseline: {value: 10}, target: {value: 11}"), []),
    ("direction-inferred-downwards", goal("baseline: {value: 10}, target: {value: 9.5}"), []),
    ("target-equals-baseline", goal("baseline: {value: 10}, target: {value: 10}"), [
        err(P, 6, 46, "direction-needed", f"målet `g` har en `target`, der er det samme som udgangspunktet `baseline`, {NEEDED}"),
    ]),
    ("target-equals-baseline-written-otherwise", goal("baseline: {value: 10}, target: {value: 10.0}"), [
        err(P, 6, 46, "direction-needed", f"målet `g` har en `target`, der er det samme som udgangspunktet `baseline`, {NEEDED}"),
    ]),
    ("target-equals-baseline-keep-it-up", goal("baseline: {value: 10}, target: {value: 10}, direction: increase"), []),
    ("target-equals-baseline-keep-it-down", goal("baseline: {value: 10}, target: {value: 10}, direction: decrease"), []),
    ("target-without-baseline", goal("target: {value: 10}"), [
        err(P, 6, 23, "direction-needed", f"målet `g` har en `target`, men ingen `baseline` (udgangspunkt), {NEEDED}"),
    ]),
    ("target-without-baseline-with-direction", goal("target: {value: 10}, direction: increase"), []),
    ("baseline-without-target", goal("baseline: {value: 10}"), []),
    ("direction-without-figures", goal("direction: decrease"), []),
    ("no-figures-no-direction", goal(""), []),
    ("decimal-commas",
     "goals:\n  - id: g\n    title: G\n    baseline: {value: \"6,6\"}\n    target: {value: \"6,5\"}\n    direction: increase\n", [
         err(P, 10, 16, "direction-conflict", "målet `g` har `direction: increase` (tallet skal op), men `target` (6.5) er lavere end udgangspunktet `baseline` (6.6): ret `direction`, `target` eller `baseline`"),
     ]),
    ("second-goal-checked",
     "goals:\n  - {id: f, title: F}\n  - {id: g, title: G, target: {value: 0}}\n", [
         err(P, 7, 23, "direction-needed", f"målet `g` har en `target`, men ingen `baseline` (udgangspunkt), {NEEDED}"),
     ]),
    ("direction-misspelt", goal("direction: Increase"), [
        err(P, 6, 34, "invalid-value", "`direction` skal være increase eller decrease, ikke `Increase` (mente du `increase`?)"),
    ]),
    ("direction-in-words", goal("direction: up"), [
        err(P, 6, 34, "invalid-value", "`direction` skal være increase eller decrease, ikke `up`"),
    ]),
    ("status-misspelt", goal("status: on-track"), [
        err(P, 6, 31, "invalid-value",
            "`status` skal være not_started, on_track, at_risk, off_track eller achieved, ikke `on-track` (mente du `on_track`?)"),
    ]),
    ("status-of-a-milestone", goal("status: done"), [
        err(P, 6, 31, "invalid-value", "`status` skal være not_started, on_track, at_risk, off_track eller achieved, ikke `done`"),
    ]),
    ("every-status",
     "goals:\n" + "".join(f"  - {{id: g{n}, title: G, status: {s}}}\n" for n, s in
                          enumerate(["not_started", "on_track", "at_risk", "off_track", "achieved"])), []),
    ("status-with-a-note", goal("status: at_risk, status_note: Færre deltagere end ventet"), []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in GOALS], ids=[c[0] for c in GOALS])
def test_goal_direction_and_status(check, text, expected):
    assert found(check, {P: PLAN + text}) == expected


def test_direction_conflict_writes_large_figures_in_full(check):
    text = goal("baseline: {value: 1234567}, target: {value: 2500000}, direction: decrease")
    assert found(check, {P: PLAN + text}) == [
        err(P, 6, 88, "direction-conflict", "målet `g` har `direction: decrease` (tallet skal ned), men `target` (2500000) er højere end udgangspunktet `baseline` (1234567): ret `direction`, `target` eller `baseline`"),
    ]


# --- budget: one mapping, or a list of lines ------------------------------------------------

BUDGETS = [
    ("one-mapping-negative", "budget:\n  amount: -1\n  year: 2024\n  source: kommune\n", [
        err(INI, 6, 11, "invalid-value", BUDGET_NEGATIVE),
    ]),
    ("one-mapping-of-zero", "budget: {amount: 0, source: fond}\n", []),
    ("list-second-line-negative",
     "budget:\n  - {amount: 100000, year: 2024, source: kommune}\n  - {amount: -5, year: 2025, source: pulje}\n", [
         err(INI, 7, 14, "invalid-value", BUDGET_NEGATIVE),
     ]),
    ("list-in-block-style",
     "budget:\n  - amount: 1\n    year: 2024\n  - amount: -0.5\n    currency: EUR\n", [
         err(INI, 8, 13, "invalid-value", BUDGET_NEGATIVE),
     ]),
    ("list-every-line-negative", "budget:\n  - {amount: -1}\n  - {amount: -2}\n", [
        err(INI, 6, 14, "invalid-value", BUDGET_NEGATIVE),
        err(INI, 7, 14, "invalid-value", BUDGET_NEGATIVE),
    ]),
    ("list-of-zeros", "budget:\n  - {amount: 0, year: 2024}\n  - {amount: 0, year: 2025}\n", []),
    ("list-of-several-funders-and-currencies",
     "budget:\n  - {amount: 200000, year: 2024, source: kommune}\n  - {amount: 50000, year: 2024, source: Trygfonden}\n"
     "  - {amount: 1000, currency: EUR, year: 2025, source: EU}\n", []),
    ("list-of-one", "budget:\n  - {amount: 5}\n", []),
    ("empty-list", "budget: []\n", []),
    ("empty-value", "budget:\n", []),
    ("list-of-numbers", "budget: [1000]\n", [
        err(INI, 5, 10, "invalid-type", "`budget` nr. 1 skal være en gruppe felter (`navn: værdi`), ikke `1000`: skriv fx `{amount: 1000}`"),
    ]),
    ("list-line-without-amount", "budget:\n  - {amount: 5}\n  - {year: 2024}\n", [
        err(INI, 7, 5, "missing-field", "feltet `amount` mangler: tilføj `amount: …`"),
    ]),
    ("mapping-with-an-unknown-key", "budget: {amount: 5, funder: x}\n", [
        err(INI, 5, 21, "unknown-key", "ukendt felt `funder`; her kan stå: amount, currency, year, source"),
    ]),
    ("list-line-with-a-misspelt-key", "budget:\n  - {amount: 5, yeer: 2024}\n", [
        err(INI, 6, 17, "unknown-key", "ukendt felt `yeer` (mente du `year`?)"),
    ]),
    ("mapping-amount-in-words", "budget: {amount: mange}\n", [
        err(INI, 5, 18, "invalid-value", "`amount`: skriv et tal, fx `1500` eller `2,5`, ikke `mange`"),
    ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in BUDGETS], ids=[c[0] for c in BUDGETS])
def test_budget_as_one_mapping_or_a_list(check, text, expected):
    assert found(check, {INI: INITIATIVE + text}) == expected


def test_budget_as_a_bare_number_is_told_the_right_shape(check):
    [problem] = found(check, {INI: INITIATIVE + "budget: 250000\n"})
    assert problem[:5] == (INI, 5, 9, "error", "invalid-type")
    assert "[250000]" not in problem[5] and "amount" in problem[5]


# --- reach: one count per period -------------------------------------------------------------

REACH = [
    ("period-begins-after-it-ends", "reach:\n  - {from: 2024-04-01, date: 2024-03-31, participants: 10}\n", [
        err(INI, 6, 12, "date-order", "den optalte periode begynder (`from`: 2024-04-01), efter den slutter (`date`: 2024-03-31): ret en af datoerne"),
    ]),
    ("period-of-one-day", "reach:\n  - {from: 2024-03-31, date: 2024-03-31, participants: 10}\n", []),
    ("period-of-a-quarter", "reach:\n  - {from: 2024-01-01, date: 2024-03-31, participants: 10, new_relations: 2}\n", []),
    ("entries-out-of-order", "reach:\n  - {date: 2024-06-30}\n  - {date: 2024-03-31}\n", [
        err(INI, 7, 12, "date-order", "optællingerne under `reach` skal stå i datoorden, men 2024-03-31 kommer efter 2024-06-30"),
    ]),
    ("two-counts-on-one-day", "reach:\n  - {date: 2024-03-31}\n  - {date: 2024-03-31}\n", [
        err(INI, 7, 12, "date-order", "optællingerne under `reach` skal stå i datoorden, men 2024-03-31 kommer efter 2024-03-31"),
    ]),
    ("counts-a-day-apart", "reach:\n  - {date: 2024-03-31}\n  - {date: 2024-04-01}\n", []),
    ("third-entry-compared-with-the-second",
     "reach:\n  - {date: 2024-01-31}\n  - {date: 2024-06-30}\n  - {date: 2024-03-31}\n", [
         err(INI, 8, 12, "date-order", "optællingerne under `reach` skal stå i datoorden, men 2024-03-31 kommer efter 2024-06-30"),
     ]),
    ("period-begins-on-the-last-counted-day",
     "reach:\n  - {from: 2024-01-01, date: 2024-03-31}\n  - {from: 2024-03-31, date: 2024-06-30}\n", [
         err(INI, 7, 12, "reach-overlap",
             "perioden fra 2024-03-31 overlapper den, der er talt til og med 2024-03-31; hver optælling dækker sin egen periode, så tallene kan lægges sammen: ret `from`"),
     ]),
    ("period-begins-long-before",
     "reach:\n  - {date: 2024-03-31}\n  - {from: 2023-01-01, date: 2024-06-30}\n", [
         err(INI, 7, 12, "reach-overlap",
             "perioden fra 2023-01-01 overlapper den, der er talt til og med 2024-03-31; hver optælling dækker sin egen periode, så tallene kan lægges sammen: ret `from`"),
     ]),
    ("period-begins-the-day-after",
     "reach:\n  - {from: 2024-01-01, date: 2024-03-31}\n  - {from: 2024-04-01, date: 2024-06-30}\n", []),
    ("gap-between-periods",
     "reach:\n  - {from: 2024-01-01, date: 2024-03-31}\n  - {from: 2024-05-01, date: 2024-06-30}\n", []),
    ("periods-continue-without-from",
     "reach:\n  - {from: 2024-01-01, date: 2024-03-31}\n  - {date: 2024-06-30}\n  - {date: 2024-09-30}\n", []),
    ("out-of-order-is-not-also-an-overlap",
     "reach:\n  - {date: 2024-06-30}\n  - {from: 2024-01-01, date: 2024-03-31}\n", [
         err(INI, 7, 30, "date-order", "optællingerne under `reach` skal stå i datoorden, men 2024-03-31 kommer efter 2024-06-30"),
     ]),
    ("backwards-period-after-the-last",
     "reach:\n  - {date: 2024-03-31}\n  - {from: 2024-07-01, date: 2024-06-30}\n", [
         err(INI, 7, 12, "date-order", "den optalte periode begynder (`from`: 2024-07-01), efter den slutter (`date`: 2024-06-30): ret en af datoerne"),
     ]),
    ("block-style",
     "reach:\n  - from: 2024-01-01\n    date: 2024-03-31\n    participants: 12\n"
     "  - from: 2024-03-01\n    date: 2024-06-30\n    participants: 8\n    note: sommerhold\n", [
         err(INI, 9, 11, "reach-overlap",
             "perioden fra 2024-03-01 overlapper den, der er talt til og med 2024-03-31; hver optælling dækker sin egen periode, så tallene kan lægges sammen: ret `from`"),
     ]),
    ("from-not-a-real-date", "reach:\n  - {from: 2024-13-01, date: 2024-12-31}\n", [
        err(INI, 6, 12, "invalid-value", "`from`: `2024-13-01` er ikke en dato, der findes: måneden skal være 01 til 12 (ÅÅÅÅ-MM-DD) (mente du `2024-01-13`?)"),
    ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in REACH], ids=[c[0] for c in REACH])
def test_reach_periods(check, text, expected):
    assert found(check, {INI: INITIATIVE + text}) == expected


def test_every_new_problem_of_one_initiative_in_place_and_order(check):
    text = INITIATIVE + (
        "budget:\n"  # 5
        "  - {amount: -100, year: 2024, source: kommune}\n"  # 6
        "  - {amount: 50, year: 2025, source: pulje}\n"  # 7
        "reach:\n"  # 8
        "  - {from: 2024-02-01, date: 2024-01-31, participants: 3, new_relations: 4}\n"  # 9
        "  - {from: 2024-01-15, date: 2024-03-31}\n"  # 10
        "  - {date: 2024-02-29}\n"  # 11
    )
    assert found(check, {INI: text}) == [
        err(INI, 6, 14, "invalid-value", BUDGET_NEGATIVE),
        err(INI, 9, 12, "date-order", "den optalte periode begynder (`from`: 2024-02-01), efter den slutter (`date`: 2024-01-31): ret en af datoerne"),
        (INI, 9, 74, "warning", "reach-count", "4 nye relationer (`new_relations`) blandt kun 3 deltagere (`participants`): se tallene efter"),
        err(INI, 10, 12, "reach-overlap",
            "perioden fra 2024-01-15 overlapper den, der er talt til og med 2024-01-31; hver optælling dækker sin egen periode, så tallene kan lægges sammen: ret `from`"),
        err(INI, 11, 12, "date-order", "optællingerne under `reach` skal stå i datoorden, men 2024-02-29 kommer efter 2024-03-31"),
    ]


# --- the JSON Schema editors use ----------------------------------------------------------


@pytest.fixture(scope="module")
def schemas():
    from typer.testing import CliRunner

    from ensomhed_cli.cli.application import app

    out = {}
    for kind in ("plan", "initiative"):
        result = CliRunner().invoke(app, ["schema", kind], catch_exceptions=False)
        assert result.exit_code == 0
        out[kind] = json.loads(result.stdout)
    return out


def test_schema_holds_goal_direction_and_status(schemas):
    props = schemas["plan"]["$defs"]["Goal"]["properties"]
    assert {"enum": ["increase", "decrease"], "type": "string"} in props["direction"]["anyOf"]
    assert {"enum": ["not_started", "on_track", "at_risk", "off_track", "achieved"], "type": "string"} in props["status"]["anyOf"]


def test_schema_holds_budget_as_a_mapping_or_a_list_and_reach_from(schemas):
    ini = schemas["initiative"]
    assert ini["properties"]["budget"]["anyOf"] == [
        {"$ref": "#/$defs/Budget"},
        {"type": "array", "items": {"$ref": "#/$defs/Budget"}},
        {"type": "null"},  # `budget:` with nothing is no budget
    ]
    assert set(ini["$defs"]["Budget"]["properties"]) == {"amount", "currency", "year", "source"}
    assert ini["$defs"]["Budget"]["required"] == ["amount"]
    assert "from" in ini["$defs"]["Reach"]["properties"] and "from_" not in ini["$defs"]["Reach"]["properties"]


BASE_PLAN = {"kind": "plan", "title": "P", "owner": "aeldreraadet", "status": "draft"}
BASE_INITIATIVE = {"kind": "initiative", "title": "I", "status": "active", "category": "community"}

SCHEMA_CASES = [
    ("goal-direction-and-status", "plan", {"goals": [{"id": "g", "title": "G", "direction": "decrease", "status": "at_risk"}]}, True),
    ("goal-direction-in-words", "plan", {"goals": [{"id": "g", "title": "G", "direction": "up"}]}, False),
    ("goal-status-of-a-milestone", "plan", {"goals": [{"id": "g", "title": "G", "status": "done"}]}, False),
    ("budget-one-mapping", "initiative", {"budget": {"amount": 250000, "year": 2024, "source": "kommune"}}, True),
    ("budget-a-list", "initiative", {"budget": [{"amount": 1, "year": 2024}, {"amount": 2.5, "currency": "EUR", "source": "EU"}]}, True),
    ("budget-a-number", "initiative", {"budget": 250000}, False),
    ("budget-a-list-of-numbers", "initiative", {"budget": [250000]}, False),
    ("budget-line-without-amount", "initiative", {"budget": [{"year": 2024}]}, False),
    ("budget-line-unknown-key", "initiative", {"budget": {"amount": 1, "funder": "x"}}, False),
    ("reach-with-from", "initiative", {"reach": [{"from": "2024-01-01", "date": "2024-03-31", "participants": 4}]}, True),
    ("reach-with-fra", "initiative", {"reach": [{"fra": "2024-01-01", "date": "2024-03-31"}]}, False),
]


@pytest.mark.parametrize("kind, part, valid", [c[1:] for c in SCHEMA_CASES], ids=[c[0] for c in SCHEMA_CASES])
def test_schema_validates_the_new_fields(schemas, kind, part, valid):
    jsonschema = pytest.importorskip("jsonschema")
    record = {**(BASE_PLAN if kind == "plan" else BASE_INITIATIVE), **part}
    assert jsonschema.Draft202012Validator(schemas[kind]).is_valid(record) is valid
