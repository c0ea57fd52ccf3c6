"""`ensomhed export DIR`: every SQL table as CSV, JSON Lines and Parquet, the same rows
`query` reads, readable by DuckDB, with nothing of a closed item in a public export."""

from __future__ import annotations

import csv
import json
import sys

import pytest

from conftest import PROJECT
from ensomhed_cli.query.sql import SCHEMA

SECRET = "Hemmelig sag om Bo"
MEETING = f"""
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: held
items:
  - number: 1
    title: "=HYPERLINK(\\"http://x\\")"
    decision: Godkendt.
  - number: 2
    title: Personsag
    closed: true
    description: {SECRET}.
    decision: {SECRET} bevilget.
    presenters: [anna]
    actions:
      - {{what: {SECRET} følges op, owners: [bo]}}
    votes:
      - {{motion: {SECRET}, for: [anna]}}
"""


def query(cli, root, sql):
    result = cli("query", "--root", root, "-f", "json", sql)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_table_as_csv_and_json_lines_with_the_rows_query_reads(cli, tmp_path):
    out = tmp_path / "eksport"
    result = cli("export", out, "--root", PROJECT)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"ensomhed: skrev {2 * len(SCHEMA) + 1} filer i {out}\n"
    for table in SCHEMA:
        lines = (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == query(cli, PROJECT, f'SELECT * FROM "{table}"'), table
        with (out / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == [name for name, _, _ in SCHEMA[table][1]]
        assert len(rows) == len(lines) + 1, table
    described = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    assert set(described) == set(SCHEMA) and described["meetings"]["columns"][0]["name"] == "id"


def test_duckdb_reads_the_export_as_the_readme_shows(cli, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    out = tmp_path / "kommune-a" / "eksport"
    assert cli("export", out, "--root", PROJECT, "--format", "csv,parquet").exit_code == 0
    expected = {(r["body"], r["n"]) for r in query(cli, PROJECT, "SELECT body, count(*) AS n FROM meetings GROUP BY body")}
    pattern = (tmp_path / "*" / "eksport").as_posix()
    from_csv = duckdb.sql(f"SELECT body, count(*) FROM read_csv('{pattern}/meetings.csv') GROUP BY body").fetchall()
    from_parquet = duckdb.sql(f"SELECT body, count(*) FROM read_parquet('{pattern}/meetings.parquet') GROUP BY body").fetchall()
    assert set(from_csv) == set(from_parquet) == expected
    # item numbers as written: 3.1 stays a label, not a float
    numbers = duckdb.sql(f"SELECT number FROM read_parquet('{pattern}/items.parquet') WHERE meeting = '2020-10-23-raadmandsmoede'").fetchall()
    assert ("3.1",) in numbers


def test_a_public_export_holds_nothing_of_a_closed_item(cli, repo_factory, tmp_path):
    root = repo_factory({"records/meetings/m.yaml": MEETING})
    internal, public = tmp_path / "intern", tmp_path / "offentlig"
    assert cli("export", internal, "--root", root, "-f", "csv,jsonl,parquet").exit_code == 0
    assert cli("export", public, "--root", root, "--public", "-f", "csv,jsonl,parquet").exit_code == 0
    assert any(SECRET.encode() in f.read_bytes() for f in internal.iterdir())
    for f in public.iterdir():
        assert SECRET.encode() not in f.read_bytes(), f.name
    items = [json.loads(line) for line in (public / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    closed = next(i for i in items if i["number"] == 2)
    assert {k: v for k, v in closed.items() if v is not None} == {"meeting": "m", "number": 2, "position": 2, "title": "Personsag", "closed": 1}
    for table in ("actions", "action_owners", "votes", "voters", "presenters"):
        assert (public / f"{table}.jsonl").read_text(encoding="utf-8") == "", table


def test_a_cell_a_spreadsheet_would_run_is_written_as_text(cli, repo_factory, tmp_path):
    root = repo_factory({"records/meetings/m.yaml": MEETING})
    out = tmp_path / "eksport"
    assert cli("export", out, "--root", root, "-f", "csv").exit_code == 0
    with (out / "items.csv").open(encoding="utf-8", newline="") as fh:
        titles = [row["title"] for row in csv.DictReader(fh)]
    assert titles[0] == "'=HYPERLINK(\"http://x\")"


def test_export_never_writes_among_the_records_or_over_a_folder_not_its_own(cli, repo_factory, tmp_path):
    root = repo_factory({})
    inside = cli("export", root / "records" / "eksport", "--root", root)
    assert inside.exit_code == 1 and "ligger i mappen med posterne" in inside.stderr
    assert not (root / "records" / "eksport").exists()
    theirs = tmp_path / "andet"
    theirs.mkdir()
    (theirs / "noter.txt").write_text("mine", encoding="utf-8")
    refused = cli("export", theirs, "--root", root)
    assert refused.exit_code == 1 and "som ensomhed ikke har skrevet" in refused.stderr
    assert [p.name for p in theirs.iterdir()] == ["noter.txt"]
    public = tmp_path / "offentlig"
    assert cli("export", public, "--root", root, "--public").exit_code == 0
    internal = cli("export", public, "--root", root)
    assert internal.exit_code == 1 and "indeholder en offentlig udgave (eksporten); en intern eksport ville erstatte den" in internal.stderr
    assert cli("export", public, "--root", root, "--force").exit_code == 0
    assert json.loads((public / ".ensomhed-export").read_text(encoding="utf-8"))["public"] is False


def test_bad_formats_and_bad_records_write_nothing(cli, repo_factory, tmp_path, monkeypatch):
    root = repo_factory({})
    out = tmp_path / "eksport"
    unknown = cli("export", out, "--root", root, "--format", "csv,xlsx")
    assert unknown.exit_code == 2 and "xlsx" in unknown.stderr
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` fails as if not installed
    missing = cli("export", out, "--root", root, "--format", "parquet")
    assert missing.exit_code == 2 and missing.stderr == "ensomhed: fejl: Parquet kræver pyarrow: pip install pyarrow\n"
    broken = repo_factory({"records/meetings/x.yaml": "kind: meeting\nbody: nobody\ndate: 2024-13-01\n"})
    bad = cli("export", out, "--root", broken)
    assert bad.exit_code == 1 and "intet er eksporteret" in bad.stderr
    assert not out.exists()
