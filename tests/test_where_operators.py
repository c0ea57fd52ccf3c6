"""`list --where` with `~` (contains, any case) and `!=`: the same answer from the index
(what `list` reads, in every format) as from the records loaded in memory."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ensomhed_cli.api import load
from ensomhed_cli.query.rows import QueryError, filter_rows, parse_where, rows

RECORDS = {
    "records/initiatives/aeldre.yaml": """
        kind: initiative
        title: ÆLDRE-CAFÉ på Søndergård
        status: active
        category: community
        target_groups: [Ensomme ældre, pårørende]
        """,
    "records/initiatives/quoted.yaml": """
        kind: initiative
        title: 'Projekt "Ud i det grønne" for alle'
        status: proposed
        category: outreach
        target_groups: [unge]
        """,
    # å written decomposed (a + combining ring): the same letter to a reader
    "records/initiatives/decomposed.yaml": "kind: initiative\ntitle: \"Ga\u030ardtur\"\nstatus: paused\ncategory: outreach\n",
}


@pytest.mark.parametrize(
    "wheres, expected",
    [
        (["title~ældre"], ["aeldre"]),
        (["title~æLDRE-café"], ["aeldre"]),  # any case, Danish letters and é too
        (["title~SØNDERGÅRD"], ["aeldre"]),
        (["title~gård"], ["aeldre", "decomposed"]),  # composed and decomposed å alike
        (["title~\"ud i det grønne\""], ["quoted"]),  # quotes and spaces are part of the value
        (["title~ud i det"], ["quoted"]),
        (["target_groups~ÆLDRE"], ["aeldre"]),  # a list field: any of its values
        (["target_groups~ung"], ["quoted"]),
        (["title~"], ["aeldre", "cafe", "decomposed", "quoted"]),  # every record with a title
        (["status!=active"], ["decomposed", "quoted"]),
        (["status!=ACTIVE"], ["decomposed", "quoted"]),
        (["title~a", "status!=proposed"], ["aeldre", "cafe"]),  # Gårdtur has å, not a
        (["title~=x"], []),  # the first operator decides: contains `=x`
        (["owner!=anna"], ["aeldre", "cafe", "decomposed", "quoted"]),  # an empty field is not anna
        (["title~zzz"], []),
    ],
)
def test_contains_and_not_equal_agree_from_index_and_memory(cli, repo_factory, wheres, expected):
    root = repo_factory(RECORDS)
    in_memory = [row["id"] for row in filter_rows(rows(load(root)[0], "initiatives"), wheres, "initiatives")]
    args = [a for w in wheres for a in ("--where", w)]
    as_json = cli("list", "initiatives", "--root", root, "-f", "json", *args)
    as_csv = cli("list", "initiatives", "--root", root, "-f", "csv", *args)
    as_table = cli("list", "initiatives", "--root", root, *args)  # piped: tab-separated rows
    assert as_json.exit_code == as_csv.exit_code == as_table.exit_code == 0, as_json.stderr
    assert sorted(in_memory) == expected
    assert sorted(row["id"] for row in json.loads(as_json.stdout)) == expected
    assert sorted(row["id"] for row in csv.DictReader(io.StringIO(as_csv.stdout))) == expected
    assert sorted(line.split("\t")[0] for line in as_table.stdout.splitlines()[1:]) == expected


@pytest.mark.parametrize(
    "expression, parsed",
    [
        ("title~Café", ("title", "~", "Café")),
        ("status!=active", ("status", "!=", "active")),
        ("date>=2025-01-01", ("date", ">=", "2025-01-01")),
        ("title~a=b", ("title", "~", "a=b")),
        ("title=a~b", ("title", "=", "a~b")),
        ("title = x y ", ("title", "=", "x y")),
        ("decision!=", ("decision", "!=", "")),
    ],
)
def test_the_first_operator_splits_the_expression(expression, parsed):
    assert parse_where(expression) == parsed


@pytest.mark.parametrize("expression", ["title", "~x", "", "=x"])
def test_an_expression_without_field_or_operator_is_refused(cli, repo_factory, expression):
    with pytest.raises(QueryError, match="skriv FELT=VÆRDI"):
        parse_where(expression)
    result = cli("list", "initiatives", "--root", repo_factory({}), "--where", expression)
    assert result.exit_code == 2 and "og ~ for indeholder" in result.stderr


def test_an_unknown_field_names_the_kinds_fields(cli, repo_factory):
    result = cli("list", "initiatives", "--root", repo_factory(RECORDS), "--where", "titel~café")
    assert result.exit_code == 2
    assert "ensomhed: fejl: `initiatives` har intet felt `titel` (mente du `title`?); felterne er: id, kind, path" in result.stderr
    assert "target_groups" in result.stderr
