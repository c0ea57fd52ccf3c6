"""list, show, query, actions and calendar: on the bundled records and on small repositories."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import PROJECT
from ensomhed_cli.api import load
from ensomhed_cli.query.rows import QueryError, filter_rows, rows, sort_rows


@pytest.fixture(scope="module")
def bundled():
    return load(PROJECT)[0]


def test_list_json_carries_id_kind_path_and_fields(cli):
    result = cli("list", "meetings", "--root", PROJECT, "--format", "json")
    assert result.exit_code == 0
    meetings = json.loads(result.stdout)
    assert len(meetings) == 8
    first = meetings[0]
    assert {"id", "kind", "path", "body", "date", "status", "items"} <= set(first)
    assert first["kind"] == "meeting" and first["date"] == "2015-12-02"
    assert [m["date"] for m in meetings] == sorted(m["date"] for m in meetings)


def test_list_where_all_must_hold_and_list_fields_contain(cli):
    result = cli("list", "meetings", "--root", PROJECT, "-f", "json", "--where", "body=udsatteraadet", "--where", "status=planned")
    assert [m["date"] for m in json.loads(result.stdout)] == ["2023-04-27", "2023-09-04", "2023-11-21"]
    result = cli("list", "initiatives", "--root", PROJECT, "-f", "json", "--where", "target_groups=udsatte borgere")
    assert {i["id"] for i in json.loads(result.stdout)} == {"stoette-og-vejlederordningen", "aabent-forebyggelsestilbud", "skaeve-boliger", "socialtandpleje-roedovre"}
    result = cli("list", "initiatives", "--root", PROJECT, "-f", "json", "--where", "status!=proposed")
    assert all(i["status"] != "proposed" for i in json.loads(result.stdout))


def test_list_comparisons_and_sort(bundled):
    found = filter_rows(rows(bundled, "meetings"), ["date>=2023-01-01", "date<2023-06-01"], "meetings")
    assert [m["date"] for m in found] == ["2023-02-07", "2023-04-27"]
    ordered = sort_rows(rows(bundled, "meetings"), "-date", "meetings")
    assert ordered[0]["date"] == "2023-11-21"


def test_nested_kinds_carry_their_parent(bundled):
    items = rows(bundled, "items")
    item = next(i for i in items if i["id"] == "2023-02-07-udsatteraadet#3")
    assert item["meeting"] == "2023-02-07-udsatteraadet" and item["title"] == "Budgetforslag"
    goals = rows(bundled, "goals")
    assert goals[0]["plan"] and "#" in goals[0]["id"]
    milestones = rows(bundled, "milestones")
    assert {m["plan"] for m in milestones} == {"aktiviteter-ind-og-ude", "samskabelse-aktivitets-og-samvaerstilbud"}
    actions = rows(bundled, "actions")
    assert actions[0]["meeting"] == "2023-02-07-udsatteraadet" and actions[0]["item"] == 1


def test_list_csv(cli):
    result = cli("list", "people", "--root", PROJECT, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 20 and table[0]["id"] == "anette"


def test_list_table_and_unknown_field_or_kind(cli):
    assert "Udsatterådet" in cli("list", "bodies", "--root", PROJECT).stdout
    bad_field = cli("list", "meetings", "--root", PROJECT, "--where", "stauts=held")
    assert bad_field.exit_code == 2 and "mente du `status`" in bad_field.stderr
    bad_kind = cli("list", "meeting", "--root", PROJECT)
    assert bad_kind.exit_code == 2 and "mente du `meetings`" in bad_kind.stderr
    with pytest.raises(QueryError):
        filter_rows(rows(load(PROJECT)[0], "meetings"), ["nothing"], "meetings")


def test_show_resolves_references(cli):
    result = cli("show", "2023-02-07-udsatteraadet", "--root", PROJECT, "--format", "json")
    record = json.loads(result.stdout)
    assert record["body"] == {"id": "udsatteraadet", "name": "Udsatterådet", "kind": "body"}
    assert record["absent"][0]["person"]["name"] == "Nick Schulz Bøgh"
    assert record["items"][0]["actions"][0]["owners"][0]["name"] == "Lise"
    text = cli("show", "2023-02-07-udsatteraadet", "--root", PROJECT).stdout
    assert "body: Udsatterådet (udsatteraadet)" in text


def test_show_nested_and_missing(cli):
    goal = json.loads(cli("show", "kontrakt-center-pleje-og-omsorg-2019-2020#indbyggere-2030", "--root", PROJECT, "-f", "json").stdout)
    assert goal["target"]["value"] == 32000
    missing = cli("show", "udsatteradet", "--root", PROJECT)
    assert missing.exit_code == 1 and "mente du `udsatteraadet`" in missing.stderr


def test_query_sql_and_schema(cli):
    result = cli("query", "SELECT t.target_group, count(*) AS n FROM target_groups t GROUP BY 1 ORDER BY 2 DESC, 1", "--root", PROJECT, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0] == {"target_group": "udsatte borgere", "n": 4}
    joined = cli(
        "query",
        "SELECT p.name FROM absences a JOIN people p ON p.id = a.person WHERE a.meeting = '2023-02-07-udsatteraadet' ORDER BY 1",
        "--root", PROJECT, "-f", "csv",
    )
    assert joined.stdout.splitlines() == ["name", "Dorthe Blicher", "Gitte Cordua", "Hanne Bertelsen", "Nick Schulz Bøgh", "Søren Olsen"]
    schema = cli("query", "--schema").stdout
    assert "item_initiatives: item ↔ initiative" in schema and "target_groups" in schema


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM people",
        "UPDATE meetings SET status = 'held'",
        "INSERT INTO people VALUES ('x','x','x','x','x','x')",
        "DROP TABLE people",
        "CREATE TABLE x (a)",
        "ATTACH DATABASE 'evil.db' AS evil",
        "PRAGMA query_only = OFF",
        "SELECT 1; DELETE FROM people",
        "VACUUM INTO 'copy.db'",
        "SELECT load_extension('x')",
    ],
)
def test_query_that_writes_is_refused(cli, sql, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("query", sql, "--root", PROJECT)
    assert result.exit_code == 2
    assert "ensomhed: fejl: forespørgsel:" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_query_bad_sql_exits_2(cli):
    result = cli("query", "SELEKT * FROM people", "--root", PROJECT)
    assert result.exit_code == 2 and "syntax error" in result.stderr


def test_actions_status_owner_overdue(cli):
    result = cli("actions", "--root", PROJECT, "-f", "json", "--today", "2023-05-01")
    found = json.loads(result.stdout)
    assert len(found) == 2 and found[0]["due"] == "2023-04-27" and found[0]["overdue"] is True
    assert found[0]["meeting_title"] == "Møde i Udsatterådet" and found[0]["owner_names"] == ["Lise", "Cæcilie"]
    overdue = json.loads(cli("actions", "--root", PROJECT, "-f", "json", "--overdue", "--today", "2023-04-01").stdout)
    assert overdue == []
    by_name = json.loads(cli("actions", "--root", PROJECT, "-f", "json", "--owner", "Cæcilie").stdout)
    assert len(by_name) == 2
    none_done = json.loads(cli("actions", "--root", PROJECT, "-f", "json", "--status", "done").stdout)
    assert none_done == []
    unknown = cli("actions", "--root", PROJECT, "--owner", "lisa")
    assert unknown.exit_code == 1 and "mente du `lise`" in unknown.stderr


def test_actions_on_a_small_repository(repo_factory, cli):
    meeting = """
        kind: meeting
        body: aeldreraadet
        date: 2024-01-10
        status: held
        items:
          - title: A
            actions:
              - {what: Ring, owners: [anna], due: 2024-02-01}
              - {what: Skriv, owners: [bo], status: done, done_on: 2024-01-20}
              - {what: Opgivet, owners: [anna], status: dropped}
        """
    root = repo_factory({"records/m.yaml": meeting})
    everything = json.loads(cli("actions", "--root", root, "--status", "all", "-f", "json").stdout)
    assert [a["what"] for a in everything] == ["Ring", "Skriv", "Opgivet"]  # by due date, undated last
    annas = json.loads(cli("actions", "--root", root, "--owner", "anna", "--status", "all", "-f", "json").stdout)
    assert {a["what"] for a in annas} == {"Ring", "Opgivet"}
    late = json.loads(cli("actions", "--root", root, "--overdue", "--today", "2024-03-01", "-f", "json").stdout)
    assert [a["what"] for a in late] == ["Ring"]


def test_calendar_events_times_and_uids(cli, tmp_path):
    from icalendar import Calendar

    target = tmp_path / "moeder.ics"
    assert cli("calendar", "--root", PROJECT, "-o", target).exit_code == 0
    cal = Calendar.from_ical(target.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    from ensomhed_cli.query.ical import event_uid

    april = events[event_uid(None, "records/meetings/2023/2023-04-27-udsatteraadet.md", "meeting")]
    start = april.decoded("dtstart")
    assert start.isoformat() == "2023-04-27T14:00:00+02:00"
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert april.decoded("dtend").hour == 16
    held = events[event_uid(None, "records/meetings/2023/2023-02-07-udsatteraadet.md", "meeting")]
    assert str(held.decoded("dtstart")) == "2023-02-07"  # no time: an all-day event
    assert str(held["location"]) == "Carlshuse"
    assert event_uid(None, "records/plans/samskabelse-aktivitets-og-samvaerstilbud.md", "milestone beslutning") in events
    assert len(events) == 8 + 1
    assert list(cal.walk("VTIMEZONE"))
    # the same records give the same UIDs
    again = Calendar.from_ical(cli("calendar", "--root", PROJECT).stdout.encode())
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(events)


def test_calendar_marks_cancelled(repo_factory, cli):
    from icalendar import Calendar

    root = repo_factory({"records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-10\nstart: 10:00\nstatus: cancelled\n"})
    cal = Calendar.from_ical(cli("calendar", "--root", root).stdout.encode())
    [event] = cal.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert event.decoded("dtstart").isoformat() == "2024-01-10T10:00:00+01:00"


def test_query_reads_sql_from_a_file_or_stdin(cli, tmp_path):
    report = tmp_path / "report.sql"
    report.write_text("-- a saved report\nSELECT count(*) AS n FROM people\n", encoding="utf-8")
    from_file = cli("query", "--root", PROJECT, "--file", report, "-f", "json")
    assert from_file.exit_code == 0 and json.loads(from_file.stdout) == [{"n": 20}]
    from_stdin = cli("query", "--root", PROJECT, "-", "-f", "json", input=report.read_text(encoding="utf-8"))
    assert from_stdin.exit_code == 0 and json.loads(from_stdin.stdout) == [{"n": 20}]
    dash_file = cli("query", "--root", PROJECT, "--file", "-", "-f", "json", input="SELECT 1 AS one")
    assert json.loads(dash_file.stdout) == [{"one": 1}]


@pytest.mark.parametrize(
    "args, text, message",
    [
        (["--file", "{tmp}/missing.sql"], None, "ensomhed: fejl: kan ikke læse {tmp}/missing.sql: findes ikke"),
        (["--file", "{tmp}"], None, "ensomhed: fejl: kan ikke læse {tmp}: er en mappe"),
        (["--file", "{tmp}/report.sql", "SELECT 1"], "SELECT 2", "ikke begge"),
        (["--file", "{tmp}/report.sql"], "DELETE FROM people", "ensomhed: fejl: forespørgsel: kun læsning er tilladt"),
        (["-"], "", "giv en SELECT-forespørgsel"),
    ],
)
def test_query_from_a_file_keeps_its_limits_and_says_what_is_wrong(cli, tmp_path, args, text, message):
    if text is not None:
        (tmp_path / "report.sql").write_text(text, encoding="utf-8")
    result = cli("query", "--root", PROJECT, *(a.format(tmp=tmp_path) for a in args), input=text or "")
    assert result.exit_code == 2
    assert message.format(tmp=tmp_path) in result.stderr and "Traceback" not in result.stderr


def test_query_file_that_is_not_utf8_or_too_long_is_refused(cli, tmp_path):
    (tmp_path / "latin1.sql").write_bytes("SELECT 'æ'".encode("latin-1"))
    result = cli("query", "--root", PROJECT, "--file", tmp_path / "latin1.sql")
    assert result.exit_code == 2 and "ikke UTF-8-tekst (byte 9)" in result.stderr
    (tmp_path / "huge.sql").write_text("SELECT 1 " + "-" * (1024 * 1024), encoding="utf-8")
    result = cli("query", "--root", PROJECT, "--file", tmp_path / "huge.sql")
    assert result.exit_code == 2 and "længere end 1024 KiB" in result.stderr
