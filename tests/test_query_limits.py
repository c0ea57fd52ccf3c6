"""`ensomhed query` as an attacker would run it: it only reads, it stops, and its output is valid.

A pull request can put SQL into a CI job (a saved report) and text into records that
end up in a spreadsheet. Each case here was a hang, a traceback or a formula on main.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import PROJECT
from ensomhed_cli.api import load
from ensomhed_cli.query import sql as sqlmod

FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"


@pytest.fixture(scope="module")
def bundled():
    return load(PROJECT)[0]


def test_a_query_that_never_ends_is_stopped_at_its_time_limit(bundled):
    started = time.monotonic()
    with pytest.raises(sqlmod.SqlError) as stopped:
        sqlmod.run_query(bundled, FOREVER, timeout=0.3)
    assert str(stopped.value) == "forespørgslen kørte længere end 0.3 s og blev stoppet (giv --timeout for at tillade mere)"
    assert time.monotonic() - started < 5


def test_the_time_limit_is_an_option_with_a_clear_error_and_exit_1(cli):
    result = cli("query", "--root", PROJECT, "--timeout", "0.3", FOREVER)
    assert result.exit_code == 1  # cli-contract: stopped with exit 1 past the timeout
    assert "ensomhed: fejl: forespørgsel: forespørgslen kørte længere end 0.3 s og blev stoppet" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli("query", "--root", PROJECT, "--timeout", "0", "SELECT 1").exit_code == 2


def test_a_query_that_fills_memory_is_stopped(bundled):
    with pytest.raises(sqlmod.SqlError) as stopped:
        sqlmod.run_query(bundled, "SELECT length(zeroblob(900000000) || x'00') AS n")
    assert str(stopped.value) == f"forespørgslen skulle bruge mere end {sqlmod.MEMORY_LIMIT_BYTES // 2**20} MB og blev stoppet"


def test_the_memory_limit_ends_with_the_query(bundled):
    """SQLite's heap limit holds for the whole process: a long-lived one (serve, lsp) must
    not keep a query's limit on every other connection after the query."""
    import sqlite3

    probe = sqlite3.connect(":memory:")
    (before,) = probe.execute("PRAGMA hard_heap_limit").fetchone()
    with pytest.raises(sqlmod.SqlError):
        sqlmod.run_query(bundled, "SELECT length(zeroblob(900000000) || x'00') AS n")
    sqlmod.run_query(bundled, "SELECT 1")
    assert probe.execute("PRAGMA hard_heap_limit").fetchone() == (before,)
    assert sqlmod.MEMORY_LIMIT_BYTES < 700_000_000
    assert probe.execute("SELECT length(zeroblob(700000000))").fetchone() == (700_000_000,)


def test_a_result_too_long_to_hold_is_refused(bundled, monkeypatch):
    monkeypatch.setattr(sqlmod, "MAX_ROWS", 2500)
    many = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 3000) SELECT x FROM c"
    with pytest.raises(sqlmod.SqlError, match=r"mere end 2\.500 rækker; afgræns den, eller tilføj en LIMIT"):
        sqlmod.run_query(bundled, many)
    columns, found = sqlmod.run_query(bundled, many.replace("3000", "2500"))
    assert columns == ["x"] and len(found) == 2500


@pytest.mark.parametrize(
    "statement, kind",
    [
        ("REINDEX", "REINDEX"),
        ("ANALYZE", "ANALYZE"),
        ("/* just a comment */ ANALYZE meetings", "ANALYZE"),
        ("-- first\n  ATTACH DATABASE '/tmp/x.db' AS x", "ATTACH"),
        ("PRAGMA writable_schema = 1", "PRAGMA"),
        ("pragma query_only = off", "PRAGMA"),
        ("DELETE FROM meetings", "DELETE"),
        ("VACUUM INTO '/tmp/copy.db'", "VACUUM"),
        ("", ""),
        ("-- nothing but a comment", ""),
    ],
)
def test_only_select_and_with_reach_sqlite(bundled, statement, kind):
    with pytest.raises(sqlmod.SqlError) as refused:
        sqlmod.run_query(bundled, statement)
    refusal = f"ikke `{kind}`" if kind else "men der er ingen forespørgsel"
    assert str(refused.value) == f"kun læsning er tilladt: giv én SELECT-forespørgsel (eller WITH … SELECT), {refusal}"


def test_an_unknown_first_word_is_sqlites_syntax_error(bundled):
    with pytest.raises(sqlmod.SqlError, match="syntax error"):
        sqlmod.run_query(bundled, "SELEKT 1")


def test_a_with_statement_that_writes_is_still_refused_by_the_authorizer(bundled):
    with pytest.raises(sqlmod.SqlError) as refused:
        sqlmod.run_query(bundled, "WITH x AS (SELECT 1) DELETE FROM meetings")
    assert str(refused.value) == "kun læsning er tilladt: forespørgslen må ikke ændre, tilknytte eller oprette noget"


def test_comments_before_a_select_are_fine(bundled):
    columns, found = sqlmod.run_query(bundled, "-- the count\n/* of\n meetings */ select count(*) AS n FROM meetings")
    assert (columns, found) == (["n"], [{"n": 8}])


def test_blobs_infinities_and_huge_integers_come_out_as_valid_json_and_csv(cli):
    query = "SELECT x'00ff' AS b, 1e999 AS i, -1e999 AS n, 9223372036854775808 AS big, 1 AS one"

    def strict(constant):
        raise ValueError(f"not JSON: {constant}")

    result = cli("query", "--root", PROJECT, "-f", "json", query)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout, parse_constant=strict) == [
        {"b": "X'00FF'", "i": "Infinity", "n": "-Infinity", "big": 9.223372036854776e18, "one": 1}
    ]
    result = cli("query", "--root", PROJECT, "-f", "csv", query)
    assert result.exit_code == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout, newline=""))) == [
        ["b", "i", "n", "big", "one"],
        ["X'00FF'", "Infinity", "'-Infinity", "9.223372036854776e+18", "1"],
    ]


def test_an_integer_past_64_bits_never_crashes_the_query():
    """`check` refuses such a count; should one reach SQLite all the same, it goes in as text."""
    from ensomhed_cli.query.index import _storable

    assert _storable(2**64) == str(2**64) and _storable(2**63) == str(2**63)
    assert _storable(-(2**63)) == -(2**63) and _storable(2**63 - 1) == 2**63 - 1 and _storable(True) is True


def test_a_repository_holding_an_integer_past_64_bits_still_answers(check):
    """A library caller can build what `check` refuses: the table is then filled again, converted."""
    repo, _ = check({"records/initiatives/stor.yaml": """
        kind: initiative
        title: Stor
        status: active
        category: community
        reach:
          - {date: 2024-01-01, participants: 5}
          - {date: 2024-02-01, participants: 7}
        """})
    object.__setattr__(repo.get("stor").reach[1], "participants", 2**70)  # past what SQLite holds
    _, found = sqlmod.run_query(repo, "SELECT participants FROM reach WHERE initiative = 'stor' ORDER BY date")
    assert found == [{"participants": 5}, {"participants": float(2**70)}]


def test_ctrl_c_stops_a_query_at_once_with_exit_130(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ensomhed_cli", "query", "--root", str(PROJECT), "--timeout", "120", FOREVER],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    time.sleep(3)  # loaded, and deep in the query
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert time.monotonic() - sent < 10
    assert "ensomhed: afbrudt" in err and "Traceback" not in err


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(cli, repo_factory, text):
    root = repo_factory({"records/people/eve.yaml": f"kind: person\nname: {json.dumps(text)}\n"})
    for args in (("list", "people", "-f", "csv"), ("query", "-f", "csv", "SELECT name FROM people WHERE id = 'eve'")):
        result = cli(*args, "--root", root)
        assert result.exit_code == 0, result.stderr
        cells = [cell for row in csv.reader(io.StringIO(result.stdout, newline="")) for cell in row]
        assert "'" + text in cells and text not in cells, cells


def test_csv_cells_starting_with_tab_or_carriage_return_are_neutralised(cli):
    result = cli("query", "--root", PROJECT, "-f", "csv", "SELECT char(9) || '=1' AS tab, char(13) || '=1' AS cr")
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows == [["tab", "cr"], ["'\t=1", "'\r=1"]]


def test_csv_numbers_stay_numbers(cli):
    result = cli("query", "--root", PROJECT, "-f", "csv", "SELECT -5 AS n, -0.5 AS r, '-x' AS t")
    assert list(csv.reader(io.StringIO(result.stdout, newline=""))) == [["n", "r", "t"], ["-5", "-0.5", "'-x"]]
