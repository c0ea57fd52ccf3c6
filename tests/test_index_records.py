"""The index holds each valid record whole, as JSON, and a document's records are read back
from it (query/index_load.py): read back, a record must be the record parsed from its file,
whatever its values; and a row that is not a valid record is never used."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import CROSS, generate, plain_id
from ensomhed_cli.api import load
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.format.schema import KINDS
from ensomhed_cli.format.source import parse_text
from ensomhed_cli.format.typed import build_record
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_load import load_files, records_from_index
from test_schema_agreement import NEAR_VALID, PIECES, SAMPLES, STRUCTURES, TEXT_SLOTS, st

PROJECT = Path(__file__).resolve().parent.parent


def read_back(record):
    """The record as the index gives it back."""
    back = KINDS[record.kind].model_validate_json(record.model_dump_json(by_alias=True))
    back._path, back._locator = record._path, record._locator
    return back


def _valid(text: str):
    record, problems = build_record(parse_text(text, "records/sample.yaml"))
    return record if record is not None and not [p for p in problems if p.severity == "error"] else None


CORPUS = {**{name: text for name, _, _, text in SAMPLES}, **STRUCTURES}
VALID = {name: text for name, text in CORPUS.items() if _valid(text) is not None}


def test_the_corpus_holds_valid_records_of_every_kind():
    kinds = {_valid(text).kind for text in VALID.values()}
    assert kinds == set(KINDS) and len(VALID) > 300


@pytest.mark.parametrize("text", list(VALID.values()), ids=[plain_id(name) for name in VALID])
def test_every_valid_value_reads_back_as_itself(text):
    record = _valid(text)
    back = read_back(record)
    assert back == record
    assert back.model_dump() == record.model_dump()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(where=st.sampled_from(TEXT_SLOTS), value=st.one_of(NEAR_VALID, st.lists(PIECES, max_size=6).map("".join)))
def test_any_valid_quoted_text_reads_back_as_itself(where, value):
    record = _valid(where[2].replace("{v}", json.dumps(value, ensure_ascii=False)))
    if record is not None:
        assert read_back(record) == record


def _bundled(root: Path) -> Path:
    shutil.copytree(PROJECT / "records", root / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", root)
    return root


@pytest.mark.parametrize("source", ["bundled", "generated", "cross"])
def test_every_record_of_a_repository_comes_from_the_index_as_it_is_parsed(tmp_path, source, monkeypatch, repo_factory):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    if source == "bundled":
        root = _bundled(tmp_path / "bundled")
    elif source == "generated":
        root = generate(tmp_path / "gen", 150, seed=11)
    else:
        root = repo_factory(CROSS)
    whole, _ = load(root)
    index = Index()
    checker.check(root, index=index)
    paths = sorted(r.path for r in whole.records)
    stored = records_from_index(index, paths)
    assert sorted(stored) == paths  # every valid record is held
    for record in whole.records:
        got = stored[record.path]
        got._locator = record._locator
        assert got == record, record.path


def _forge(root: Path, path: str, text: str) -> None:
    conn = sqlite3.connect(root / ".ensomhed-cache" / "index.sqlite")
    with conn:
        conn.execute("UPDATE _records SET record = ? WHERE _path = ?", (text, path))
    conn.close()


@pytest.mark.parametrize(
    "forged",
    [
        "not json",
        json.dumps({"kind": "person"}),  # no name
        json.dumps({"kind": "person", "name": "Anna", "evil": "<script>"}),  # a key the format does not have
        json.dumps({"kind": "person", "name": "Anna", "email": "not an address"}),
        "[1, 2]",
        "",
    ],
    ids=["not-json", "missing-field", "unknown-key", "invalid-value", "a-list", "empty"],
)
def test_a_row_that_is_not_a_valid_record_is_never_used(tmp_path, forged, monkeypatch):
    """A forged or damaged row is data like a record file: it fails the schema, and the
    record is parsed from its file instead."""
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    root = _bundled(tmp_path / "bundled")
    index = Index()
    checker.check(root, index=index)
    index.close()
    whole, _ = load(root)
    person = next(r for r in whole.records if r.kind == "person")
    _forge(root, person.path, forged)
    index = Index()
    checker.check(root, index=index)  # the files did not change: the forged row stays
    assert person.path not in records_from_index(index, [person.path])
    repo = load_files(root, whole.config, [person.path], index)
    got = repo.get(person.id)
    got._locator = person._locator
    assert got == person
