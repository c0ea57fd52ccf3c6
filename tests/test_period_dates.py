"""Imprecise dates (format 1.1): a month, quarter or year where a day may be written."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest

from ensomhed_cli.format.fieldtypes import PeriodDate, first_day, parse_period_date
from ensomhed_cli.render.i18n import Formatter

PERIODS = [
    # written, first day, last day, Danish, English
    ("2025-03", dt.date(2025, 3, 1), dt.date(2025, 3, 31), "marts 2025", "March 2025"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "februar 2024", "February 2024"),
    ("2025-12", dt.date(2025, 12, 1), dt.date(2025, 12, 31), "december 2025", "December 2025"),
    ("2025-Q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31), "1. kvartal 2025", "Q1 2025"),
    ("2025-Q2", dt.date(2025, 4, 1), dt.date(2025, 6, 30), "2. kvartal 2025", "Q2 2025"),
    ("2025-Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31), "4. kvartal 2025", "Q4 2025"),
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025", "2025"),
    ("2199-Q4", dt.date(2199, 10, 1), dt.date(2199, 12, 31), "4. kvartal 2199", "Q4 2199"),
]


@pytest.mark.parametrize("text, first, last, da, en", PERIODS, ids=[p[0] for p in PERIODS])
def test_a_period_is_its_last_day_and_reads_as_written(text, first, last, da, en):
    period = parse_period_date(text)
    assert isinstance(period, PeriodDate)
    assert (first_day(period), dt.date(period.year, period.month, period.day)) == (first, last)
    assert (period.isoformat(), str(period)) == (text, text)
    assert period == last and period < last + dt.timedelta(days=1) and not period < last
    assert (Formatter("da").date(period), Formatter("en").date(period)) == (da, en)
    assert pickle.loads(pickle.dumps(period)).isoformat() == text


def test_a_quarter_is_written_back_in_capitals_and_a_day_stays_a_plain_date():
    assert parse_period_date("2025-q3").isoformat() == "2025-Q3"
    day = parse_period_date("2025-03-04")
    assert type(day) is dt.date and first_day(day) == day


def test_in_html_a_period_holds_together():
    assert Formatter("da", nbsp=True).date(parse_period_date("2025-Q2")) == "2.\u00a0kvartal\u00a02025"
    assert Formatter("da", nbsp=True).date(parse_period_date("2025-03")) == "marts\u00a02025"


PERIOD_DA = "skriv en dag som ÅÅÅÅ-MM-DD, en måned som ÅÅÅÅ-MM, et kvartal som ÅÅÅÅ-Q1 til ÅÅÅÅ-Q4 eller et år som ÅÅÅÅ"
PERIOD_EN = "write a day as YYYY-MM-DD, a month as YYYY-MM, a quarter as YYYY-Q1 to YYYY-Q4 or a year as YYYY"
YEARS_DA = "ligger uden for de år, en post kan handle om (1900–2199); er der ingen slutdato, så udelad feltet"
YEARS_EN = "is outside the years a record can speak of (1900–2199); for an open end, leave the field out"

# (written, Danish, English): a period written as people say it is shown written right.
BAD = [
    ("2025-13", "`2025-13` er ikke en måned, der findes: måneden skal være 01 til 12", "`2025-13` is not a real month: the month is 01 to 12"),
    ("2025-00", "`2025-00` er ikke en måned, der findes: måneden skal være 01 til 12", "`2025-00` is not a real month: the month is 01 to 12"),
    ("2025-Q5", f"{PERIOD_DA}, fx `2025-03`, ikke `2025-Q5`", f"{PERIOD_EN}, e.g. `2025-03`, not `2025-Q5`"),
    ("9999", f"`9999` {YEARS_DA}", f"`9999` {YEARS_EN}"),
    ("9999-12", f"`9999-12` {YEARS_DA}", f"`9999-12` {YEARS_EN}"),
    ("0000-Q1", f"`0000-Q1` {YEARS_DA}", f"`0000-Q1` {YEARS_EN}"),
    ("marts 2025", f"{PERIOD_DA}: `2025-03`, ikke `marts 2025`", f"{PERIOD_EN}: `2025-03`, not `marts 2025`"),
    ("1. kvartal 2025", f"{PERIOD_DA}: `2025-Q1`, ikke `1. kvartal 2025`", f"{PERIOD_EN}: `2025-Q1`, not `1. kvartal 2025`"),
    ("Q3 2024", f"{PERIOD_DA}: `2024-Q3`, ikke `Q3 2024`", f"{PERIOD_EN}: `2024-Q3`, not `Q3 2024`"),
    ("4/3/2025", f"{PERIOD_DA}: `2025-03-04`, ikke `4/3/2025`", f"{PERIOD_EN}: `2025-03-04`, not `4/3/2025`"),
    ("snart", f"{PERIOD_DA}, fx `2025-03`, ikke `snart`", f"{PERIOD_EN}, e.g. `2025-03`, not `snart`"),
]


@pytest.mark.parametrize("text, da, en", BAD, ids=[b[0] for b in BAD])
def test_a_date_that_is_no_period_is_a_located_error(check, text, da, en):
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: a\n"
        f"    decision: Godkendt.\n    actions:\n      - what: x\n        owners: [anna]\n        due: {text}\n"
    )
    for config, message in (("language: da\n", da), ("language: en\n", en)):
        _, diagnostics = check({"records/meetings/m.yaml": meeting}, config=config)
        assert [(d.path, d.line, d.column, d.severity, d.code, d.message) for d in diagnostics] == [
            ("records/meetings/m.yaml", 11, 14, "error", "invalid-value", f"`due`: {message}")
        ]


ACTIONS = (
    "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: a\n    decision: Godkendt.\n"
    "    actions:\n      - {what: Handleplan, owners: [anna], due: 2024-Q3}\n      - {what: Status, owners: [bo], due: 2024-06}\n"
)


@pytest.mark.parametrize(
    "today, overdue",
    [("2024-06-30", []), ("2024-07-01", ["Status"]), ("2024-09-30", ["Status"]), ("2024-10-01", ["Status", "Handleplan"])],
    ids=["last-day-of-june", "first-day-of-july", "last-day-of-the-quarter", "after-the-quarter"],
)
def test_a_period_is_overdue_only_when_it_has_ended(repo_factory, cli, today, overdue):
    root = repo_factory({"records/meetings/m.yaml": ACTIONS})
    result = cli("actions", "--root", root, "--today", today, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["what"] for r in rows if r["overdue"]] == overdue
    assert {r["what"]: r["due"] for r in rows} == {"Handleplan": "2024-Q3", "Status": "2024-06"}


def test_sql_keeps_the_period_as_written(repo_factory, cli):
    root = repo_factory({"records/meetings/m.yaml": ACTIONS})
    result = cli("query", "--root", root, "-f", "json", "SELECT what, due FROM actions ORDER BY what")
    assert json.loads(result.stdout) == [{"what": "Handleplan", "due": "2024-Q3"}, {"what": "Status", "due": "2024-06"}]


PLAN = (
    "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: active\nperiod: {from: 2024, to: 2025-06}\n"
    "milestones:\n  - {id: a, title: Start, date: 2024-Q1, status: done}\n  - {id: b, title: Slut, date: 2024-03, depends_on: [a]}\n"
)


def test_order_rules_compare_a_period_from_its_first_day(check):
    # A period from 2024 to June 2025 is in order; so is March 2024 after the first quarter it lies in.
    _, diagnostics = check({"records/plans/p.yaml": PLAN})
    assert diagnostics == []
    _, diagnostics = check({"records/plans/p.yaml": PLAN.replace("{from: 2024, to: 2025-06}", "{from: 2025-Q3, to: 2025-06}")})
    assert [(d.line, d.code, d.message) for d in diagnostics] == [
        (5, "date-order", "planens periode slutter (2025-06), før den begynder (2025-Q3): ret `period`")
    ]


def test_the_plan_shows_periods_in_words(repo_factory, cli):
    root = repo_factory({"records/plans/p.yaml": PLAN})
    md = cli("render", "plan", "p", "--root", root).stdout
    assert "**Periode:** 2024 – juni 2025" in md
    assert "| 1. kvartal 2024 | Start |" in md and "| marts 2024 | Slut |" in md


def test_a_calendar_spans_the_period_and_invents_no_day(repo_factory, cli):
    from icalendar import Calendar

    root = repo_factory({"records/plans/p.yaml": PLAN})
    result = cli("calendar", "--root", root)
    assert result.exit_code == 0, result.stderr
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(result.stdout).walk("VEVENT")}
    start, end = events["Start (P)"], events["Slut (P)"]
    assert (start.decoded("DTSTART"), start.decoded("DTEND")) == (dt.date(2024, 1, 1), dt.date(2024, 4, 1))
    assert (end.decoded("DTSTART"), end.decoded("DTEND")) == (dt.date(2024, 3, 1), dt.date(2024, 4, 1))


def test_the_json_schema_takes_what_check_takes():
    import jsonschema

    from ensomhed_cli.format.json_schema import record_schema

    schema = record_schema("plan")
    for period in ("2024", "2024-03", "2024-Q2", "2024-03-04"):
        jsonschema.validate({"kind": "plan", "title": "P", "owner": "o", "status": "active", "period": {"from": period, "to": "2025"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"kind": "plan", "title": "P", "owner": "o", "status": "active", "period": {"from": "2024-Q5", "to": "2025"}}, schema)
