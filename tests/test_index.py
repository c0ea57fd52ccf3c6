"""The index: what the reading commands read says exactly what the records say, however it was filled.

Files are changed, added, renamed, broken and deleted in random orders; after every
step the index that was kept up to date file by file must answer every question (every
list, every table, every action query, every record shown) as an index built from
nothing does, and as the loaded repository does (query/rows.py, Repository.present).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CROSS, Clock, generate
from ensomhed_cli.api import load
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.check import parallel
from ensomhed_cli.format.config import Config
from ensomhed_cli.query import present
from ensomhed_cli.query.ical import calendar
from ensomhed_cli.query.index import INDEX_FILE, Index
from ensomhed_cli.query.index_load import records_from_index
from ensomhed_cli.query.index_read import (
    action_query,
    list_json,
    list_rows,
    record_ids,
    resolved_row,
)
from ensomhed_cli.query.rows import LIST_KINDS, filter_rows, rows, sort_rows
from ensomhed_cli.query.sql import SCHEMA, table_rows

PROJECT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2021, 6, 1)
NOW = dt.datetime(2021, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def index_everything(monkeypatch):
    # The test repositories are small; let them keep an index as a large one would, and
    # store it in several batches as a large one does.
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    monkeypatch.setattr(parallel, "INDEX_BATCH", 7)


def indexed(root: Path, *, persistent: bool = True) -> Index:
    index = Index()
    checker.check(root, use_cache=persistent, index=index)
    return index


def answers(index: Index) -> dict:
    """Every question the reading commands ask of the index."""
    out: dict = {kind: list_rows(index, kind, TODAY) for kind in LIST_KINDS}
    out["tables"] = table_rows(index)
    out["calendar"] = calendar(index, NOW)
    valid, invalid = record_ids(index)
    out["ids"] = (sorted(valid), invalid)
    out["action query"] = action_query(index, "all", today=TODAY)
    out["overdue"] = action_query(index, "open", overdue=True, today=TODAY)
    people = [row["id"] for row in out["people"]][:3] + [row["name"] for row in out["bodies"]][:2] + ["nobody"]
    out["by owner"] = {who: action_query(index, "all", owner=who, today=TODAY) for who in people}
    nested = [row["id"] for kind in ("items", "actions", "goals", "milestones") for row in out[kind][:5]]
    out["show"] = {rid: resolved_row(index, rid) for rid in [*sorted(set(valid)), *nested, "no-such-id"]}
    # The records held whole, which render and build read (query/index_load.py).
    paths = sorted(path for (path,) in index.execute("SELECT path FROM _files"))
    out["records"] = {path: record.model_dump_json() for path, record in records_from_index(index, paths).items()}
    return out


def fresh_answers(root: Path, tmp_path: Path) -> dict:
    """The answers of an index built from nothing, in memory, from a copy without any cache."""
    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".ensomhed-cache"))
    return answers(indexed(copy, persistent=False))


def assert_same_as_loaded(root: Path, index: Index) -> None:
    """The index against the loaded repository: every list, the meeting titles, who was present."""
    repo, _ = load(root)
    for kind in LIST_KINDS:
        loaded = rows(repo, kind, TODAY)
        assert list_rows(index, kind, TODAY) == loaded, kind
        # a table from rows in brief; JSON as stored texts joined, whole and filtered
        assert present.table(kind, list_rows(index, kind, TODAY, reads=set())) == present.table(kind, loaded), kind
        assert "".join(list_json(index, kind, [], None, TODAY)) == present.to_json(loaded), kind
        wheres, sort = ["id>a"], "-id"
        assert "".join(list_json(index, kind, wheres, sort, TODAY)) == present.to_json(sort_rows(filter_rows(loaded, wheres, kind), sort, kind))
    assert calendar(index, NOW, repo.config) == calendar(repo, NOW)
    tables = table_rows(index)
    titles = [(m.id, m.title or repo.name(m.body)) for m in repo.meetings]
    assert [(row[0], row[3]) for row in tables["meetings"]] == titles
    presence = [(m.id, a.person, int(bool(m.attendees))) for m in repo.meetings for a in repo.present(m)]
    assert [row[:3] for row in tables["attendance"]] == presence
    held = records_from_index(index, [r.path for r in repo.records])
    assert {path: r.model_dump_json() for path, r in held.items()} == {r.path: r.model_dump_json() for r in repo.records}


# --- what a consultant does to the files, one step at a time ----------------------------


def _files(root: Path, folder: str) -> list[Path]:
    return sorted(p for p in (root / "records" / folder).rglob("*") if p.suffix in (".md", ".yaml"))


def _rename(path: Path, name: str) -> bool:
    """The record's `name:` line says `name` instead."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^name: .*$", f'name: "{name}"', text, count=1)
    path.write_text(changed, encoding="utf-8")
    return changed != text


def _edit(path: Path, old: str, new: str, count: int = 1) -> bool:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        return False
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return True


STEPS = ("attendees", "substitute", "body name", "member", "title", "status", "break", "delete", "rename", "add", "person name")


def step(root: Path, rng: random.Random, clock: Clock, steps: tuple[str, ...] = STEPS) -> str:
    """One change, chosen at random; returns what it did."""
    meetings, bodies, people = _files(root, "meetings"), _files(root, "bodies"), _files(root, "people")
    meeting, body = rng.choice(meetings), rng.choice(bodies)
    person_id = rng.choice(people).stem
    choice = rng.choice(steps)
    target = meeting
    if choice == "attendees":  # no one listed: the members count, from the body's record
        done = _edit(meeting, "\nattendees:", "\nx-attendees:")
    elif choice == "substitute":
        done = _edit(meeting, "reason: andet møde}", f"reason: andet møde, substitute: {person_id}}}")
    elif choice == "body name":
        target, done = body, _rename(body, f"Udvalg {rng.randint(1, 999)}")
    elif choice == "member":
        target, done = body, _edit(body, "\n  - {person:", "\n#  - {person:")  # the first member leaves
    elif choice == "title":
        done = _edit(meeting, "kind: meeting\n", f'kind: meeting\ntitle: "Særligt møde {rng.randint(1, 99)}"\n')
    elif choice == "status":
        done = _edit(meeting, "status: held", "status: planned") or _edit(meeting, "status: planned", "status: held")
    elif choice == "break":
        meeting.write_text("---\nkind: meeting\nbody: [\n---\n", encoding="utf-8")
        done = True
    elif choice == "delete":
        meeting.unlink()
        return f"delete {meeting.name}"
    elif choice == "rename":
        target = meeting.with_name(f"{meeting.stem}-flyttet{meeting.suffix}")
        meeting.rename(target)
        done = True
    elif choice == "add":
        target = meeting.with_name(f"{meeting.stem}-kopi{rng.randint(1, 999)}{meeting.suffix}")
        shutil.copyfile(meeting, target)
        done = True
    else:
        target = rng.choice(people)
        done = _rename(target, f"Navn {rng.randint(1, 999)}")
    if done:
        clock.touch(target)
    return f"{choice} {target.name}" if done else f"{choice} (nothing to change)"


@pytest.fixture
def generated(tmp_path) -> Path:
    return generate(tmp_path / "gen", 120, seed=3, clock=Clock())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_index_kept_up_to_date_answers_as_one_built_from_nothing(generated, tmp_path, seed):
    rng, clock = random.Random(seed), Clock()
    clock.now += 100 * 1_000_000_000  # after the generated files' times
    assert answers(indexed(generated)) == fresh_answers(generated, tmp_path)
    done = []
    for _ in range(8):
        done.append(step(generated, rng, clock))
        index = indexed(generated)
        assert answers(index) == fresh_answers(generated, tmp_path), done
    assert_same_as_loaded(generated, index)


def test_the_index_is_what_the_loaded_bundled_repository_says(tmp_path):
    root = tmp_path / "bundled"
    shutil.copytree(PROJECT / "records", root / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", root)
    index = indexed(root)
    assert_same_as_loaded(root, index)
    assert set(table_rows(index)) == set(SCHEMA)


def test_the_index_file_is_only_reparsed_where_files_changed(generated):
    index = indexed(generated)
    index.close()
    meeting = _files(generated, "meetings")[0]
    _edit(meeting, "status: held", "status: planned") or _edit(meeting, "status: planned", "status: held")
    os.utime(meeting, ns=(10**18, 10**18 + 1))  # a new time, long settled
    index = Index()
    result = checker.check(generated, index=index)
    assert result.parsed == 1
    assert (generated / ".ensomhed-cache" / INDEX_FILE).is_file()


def test_a_check_keeps_an_index_it_finds_up_to_date(generated, cli):
    indexed(generated).close()
    meeting = _files(generated, "meetings")[0]
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(meeting, ns=(10**18, 10**18))
    assert cli("check", "--root", generated).exit_code in (0, 1)
    result = checker.check(generated, index=Index())
    assert result.parsed == 0  # neither the check cache nor the index had anything left to read


def test_files_another_run_stored_meanwhile_are_replaced_never_doubled(generated, tmp_path):
    """Two cold runs fill one index at once: the second finds the first's rows and replaces them."""
    index = indexed(generated)
    again = [(p.relative_to(generated).as_posix(), p) for p in _files(generated, "meetings")[:5]]
    parsed = parallel.process_chunk((generated, Config().model_dump_json(), [(str(p), rel) for rel, p in again], Index.payload))
    stats = {rel: index.known()[rel] for rel, _ in again}
    index.store(index.stamp, [(rel, *stats[rel], summary, made) for rel, _, summary, made in parsed], set())
    assert not index.broken
    assert answers(index) == fresh_answers(generated, tmp_path)


# --- an index that is not ours ---------------------------------------------------------


def _index_file(root: Path) -> Path:
    indexed(root).close()
    return root / ".ensomhed-cache" / INDEX_FILE


def test_a_forged_index_with_a_trigger_is_thrown_away(generated, tmp_path):
    path = _index_file(generated)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER forged AFTER INSERT ON _files BEGIN INSERT INTO t_people (id, name) VALUES ('x', 'Forged'); END")
    conn.execute("UPDATE _rows SET row = replace(row, 'Committee', 'Forged') WHERE kind = 'bodies'")
    conn.commit()
    conn.close()
    meeting = _files(generated, "meetings")[0]
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(meeting, ns=(10**18, 10**18))
    got = answers(indexed(generated))
    assert got == fresh_answers(generated, tmp_path)
    assert "Forged" not in repr(got)


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_broken_index_file_is_rebuilt(generated, tmp_path, garbage):
    path = _index_file(generated)
    path.write_bytes(garbage)
    assert answers(indexed(generated)) == fresh_answers(generated, tmp_path)


def test_an_index_from_other_settings_is_rebuilt(generated, tmp_path):
    _index_file(generated)
    (generated / "ensomhed.yaml").write_text("language: en\nmunicipality: Andeby\n", encoding="utf-8")
    assert answers(indexed(generated)) == fresh_answers(generated, tmp_path)


def test_links_where_the_index_and_its_journal_would_be_are_removed_never_followed(generated, tmp_path):
    cache = generated / ".ensomhed-cache"
    cache.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    for suffix in ("", "-journal", "-wal"):
        os.symlink(outside, cache / f"{INDEX_FILE}{suffix}")
    answers(indexed(generated))
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert not (cache / INDEX_FILE).is_symlink() and (cache / INDEX_FILE).is_file()
    assert not (cache / f"{INDEX_FILE}-journal").is_symlink()


def test_two_commands_at_once_on_a_cold_repository_both_answer_in_full(generated):
    script = (
        "import sys; from ensomhed_cli.check import incremental as c; c.CACHE_MIN_FILES = 0\n"
        "from ensomhed_cli.cli.entry import main; sys.argv = ['ensomhed', 'list', 'meetings', '--format', 'csv', '--root', sys.argv[1]]; main()"
    )
    runs = [subprocess.Popen([sys.executable, "-c", script, str(generated)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err.decode() for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1
    assert outputs[0][0].decode().count("\n") == 1 + len(_files(generated, "meetings"))


# --- what depends on other records: titles, who was present, names -------------------

def test_titles_presence_and_names_across_records_are_the_loaded_repositorys(repo_factory):
    root = repo_factory(CROSS)
    index = indexed(root)
    assert_same_as_loaded(root, index)
    tables = table_rows(index)
    assert [(row[0], row[3]) for row in tables["meetings"]] == [
        ("2024-01-10-raadet", "Rådet"),
        ("2024-02-10-morgen", "Morgenmøde"),
        ("2024-02-10-raadet", "Rådet"),
    ]
    # anna is a member and a substitute: present once; bo and cai are absent; dorte stands in
    assert [row[:3] for row in tables["attendance"]] == [
        ("2024-01-10-raadet", "anna", 0),
        ("2024-01-10-raadet", "dorte", 0),
        ("2024-02-10-raadet", "bo", 1),
    ]
    assert tables["attendance"][2][3] == 2  # from item 2
    found, _ = action_query(index, "all", today=dt.date(2024, 3, 31))
    assert [(a["owner_names"], a["overdue"], a["meeting_title"]) for a in found] == [(["Rådet", "Anna Hansen"], False, "Rådet")]
    found, _ = action_query(index, "all", today=dt.date(2024, 4, 1))
    assert found[0]["overdue"] is True  # the quarter has ended
    shown = resolved_row(index, "2024-02-10-raadet")
    assert shown["body"] == {"id": "raadet", "name": "Rådet", "kind": "body"}
    assert shown["attendees"][1]["person"] == {"id": "bo", "name": "Bo Madsen", "kind": "person"}


def test_a_table_filtered_on_a_field_it_does_not_show_reads_whole_rows(generated, cli):
    email = next(row["email"] for row in list_rows(indexed(generated), "people") if row.get("email"))
    unknown = cli("list", "people", "--where", "nosuchfield=1", "--root", generated)
    assert unknown.exit_code == 2 and "email" in unknown.stderr  # every field named, not only the table's
    shown = cli("list", "people", "--where", f"email={email}", "--root", generated)
    assert shown.exit_code == 0 and len(shown.stdout.splitlines()) == 2, shown.stdout
