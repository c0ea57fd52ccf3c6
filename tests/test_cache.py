"""The check cache, kept in the index (check's one store): a cached check says exactly what a
cold one says, and never serves a stale file."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GENERATED_TODAY, generate
from ensomhed_cli.api import load
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.check import parallel
from ensomhed_cli.query.index import INDEX_FILE, INDEX_FORMAT, Index

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def cache_everything(monkeypatch):
    # The test repositories are small; let them have a cache as a large one would.
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)


def kept(root: Path, **kwargs) -> checker.CheckResult:
    """A check as `ensomhed check` runs one: with the index, where it keeps what it found."""
    index = Index(only_on_disk=True)
    try:
        return checker.check(root, index=index, **kwargs)
    finally:
        index.close()


def store(root: Path) -> sqlite3.Connection:
    """The index on disk, opened as anyone could (a forger too)."""
    return sqlite3.connect(root / ".ensomhed-cache" / INDEX_FILE, isolation_level=None)


def rows(root: Path) -> dict[str, tuple]:
    """path -> check's row of it (key, problems, summary), as stored."""
    with store(root) as conn:
        return {path: tuple(row) for path, *row in conn.execute("SELECT path, size, mtime, diags, summary FROM _files")}


def forget_result(root: Path) -> None:
    """The last whole result gone from the index: the per-file entries are read."""
    conn = store(root)
    conn.execute("DELETE FROM _meta WHERE key IN ('result', 'result_at')")
    conn.close()


def outcome(result: checker.CheckResult) -> tuple:
    return result.diagnostics, result.counts, result.files


def age(root: Path, seconds: float = 10.0) -> None:
    """Date every file back, as if written a while ago (outside the cache's racy window)."""
    for path in root.rglob("*"):
        if path.is_file() and ".ensomhed-cache" not in path.parts:
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


def cold(root: Path) -> tuple:
    return outcome(checker.check(root, use_cache=False))


@pytest.fixture
def generated(tmp_path) -> Path:
    root = tmp_path / "gen"
    generate(root, 300, seed=7)
    age(root)
    return root


def broken(root: Path) -> None:
    """Put problems of every kind into a generated repository."""
    meeting = sorted((root / "records" / "meetings").rglob("*.md"))[0]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("status: held", "status: held\natendees: []", 1).replace("chair: p", "chair: nobody-p", 1), encoding="utf-8")
    (root / "records" / "people" / "p000").joinpath("p000001.yaml").unlink()
    (root / "records" / "initiatives" / "x.md").write_text(
        "---\nkind: initiative\ntitle: X\nstatus: active\ncategory: community\ngoals: [pl0000#nope]\n---\n", encoding="utf-8"
    )
    (root / "records" / "meetings" / "bilag.yaml").write_text(
        "kind: meeting\nbody: b00000\ndate: 2024-01-01\nstatus: planned\nitems:\n"
        "  - title: Bilag\n    attachments:\n      - {title: Notat, path: bilag/notat.pdf}\n",
        encoding="utf-8",
    )
    age(root)


def test_generated_repository_checks_clean(generated):
    result = checker.check(generated, use_cache=False, today=GENERATED_TODAY)
    assert result.diagnostics == []
    assert result.files == 300 and set(result.counts) == {"body", "person", "meeting", "plan", "initiative"}


@pytest.mark.parametrize("make_broken", [False, True])
def test_cached_check_equals_cold_check_on_generated_records(generated, make_broken):
    if make_broken:
        broken(generated)
    expected = cold(generated)
    first = kept(generated)
    assert first.parsed == 300 + (1 if make_broken else 0)
    assert (generated / ".ensomhed-cache" / INDEX_FILE).is_file()
    assert sorted(p.name for p in (generated / ".ensomhed-cache").iterdir()) == [".gitignore", INDEX_FILE]  # the one store
    assert outcome(first) == expected
    second = kept(generated)  # the whole result, unchanged
    assert second.parsed == 0 and outcome(second) == expected
    forget_result(generated)
    third = kept(generated)  # per-file entries, rules across records run again
    assert third.parsed == 0 and outcome(third) == expected
    # The loader (no cache at all) agrees too.
    _, loaded = load(generated)
    assert [(d.path, d.line, d.column, d.code, d.message) for d in loaded] == [
        (d.path, d.line, d.column, d.code, d.message) for d in third.diagnostics
    ]
    if make_broken:
        codes = {d.code for d in second.diagnostics}
        assert {"unknown-key", "unresolved-ref", "attachment-missing"} <= codes


def test_cached_check_equals_cold_check_on_bundled_records(tmp_path):
    root = tmp_path / "bundled"
    shutil.copytree(PROJECT / "records", root / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", root / "ensomhed.yaml")
    age(root)
    expected = cold(root)
    assert outcome(kept(root)) == expected
    again = kept(root)
    assert again.parsed == 0 and outcome(again) == expected
    # the warnings the seeds hold: six meetings they planned, now in the past
    assert [d.code for d in expected[0]] == ["planned-in-past"] * 6


def test_parallel_parsing_gives_the_serial_result(generated, monkeypatch):
    broken(generated)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10)
    assert outcome(checker.check(generated, use_cache=False, jobs=2)) == cold(generated)


def test_a_changed_file_is_never_served_from_the_cache(generated):
    kept(generated)
    person = generated / "records" / "people" / "p000" / "p000002.yaml"
    text = person.read_text(encoding="utf-8")
    # Same size, new content, written just now: inside the racy window the cache keeps nothing.
    person.write_text(text.replace("kind: person", "kind: persox"), encoding="utf-8")
    result = kept(generated)
    assert result.parsed >= 1
    assert [(d.line, d.column) for d in result.diagnostics if d.path == "records/people/p000/p000002.yaml"] == [(1, 7)]
    assert rows(generated)["records/people/p000/p000002.yaml"][1] == -1  # kept without its time: read again next run
    person.write_text(text, encoding="utf-8")
    assert outcome(kept(generated)) == cold(generated)


def test_same_size_change_after_the_cache_settled_is_seen(generated):
    kept(generated)
    kept(generated)
    person = generated / "records" / "people" / "p000" / "p000003.yaml"
    text = person.read_text(encoding="utf-8")
    st = person.stat()
    person.write_text(text.replace("kind: person", "kind: persoq"), encoding="utf-8")
    os.utime(person, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # one millisecond later, same size
    result = kept(generated)
    assert result.parsed == 1
    assert [(d.line, d.column) for d in result.diagnostics if d.path == "records/people/p000/p000003.yaml"] == [(1, 7)]


def test_a_deleted_file_is_never_served_from_the_cache(generated):
    kept(generated)
    kept(generated)
    chair = None
    meeting = sorted((generated / "records" / "meetings").rglob("*.md"))[0]
    for line in meeting.read_text(encoding="utf-8").splitlines():
        if line.startswith("chair: "):
            chair = line.split(": ")[1]
    (generated / "records" / "people" / chair[:4] / f"{chair}.yaml").unlink()
    result = kept(generated)
    assert result.files == 299
    assert any(d.code == "unresolved-ref" and f"`{chair}`" in d.message for d in result.diagnostics)
    assert outcome(result) == cold(generated)
    assert f"records/people/{chair[:4]}/{chair}.yaml" not in rows(generated)


def test_a_removed_attachment_is_seen_though_no_record_changed(generated):
    (generated / "bilag").mkdir()
    (generated / "bilag" / "notat.pdf").write_bytes(b"%PDF-1.4\n")
    broken(generated)
    first = kept(generated)
    assert not any(d.code == "attachment-missing" for d in first.diagnostics)
    kept(generated)
    (generated / "bilag" / "notat.pdf").unlink()
    result = kept(generated)
    assert any(d.code == "attachment-missing" for d in result.diagnostics)


def test_changed_settings_invalidate_the_cache(generated):
    kept(generated)
    kept(generated)
    config = generated / "ensomhed.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("pårørende, ", ""), encoding="utf-8")
    result = kept(generated)
    assert result.parsed == 300
    assert outcome(result) == cold(generated)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong-shape", "empty", "other-version"])
def test_a_corrupt_cache_is_rebuilt(generated, damage):
    expected = cold(generated)
    kept(generated)
    kept(generated)
    path = generated / ".ensomhed-cache" / INDEX_FILE
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\xff\xfe\x00garbage")
    elif damage == "wrong-shape":  # the tables as written, the values in them not
        with store(generated) as conn:
            conn.execute("UPDATE _files SET diags = '\"x\"', summary = '{'")
            conn.execute("UPDATE _meta SET value = '{\"own\": 5, \"counts\": []}' WHERE key = 'result'")
            conn.execute("UPDATE _meta SET value = '5' WHERE key = 'config'")
    elif damage == "empty":
        path.write_text("", encoding="utf-8")
    else:
        with store(generated) as conn:
            conn.execute("UPDATE _meta SET value = ? WHERE key = 'key'", (f"{int(INDEX_FORMAT) - 1}/{conn.execute('SELECT value FROM _meta WHERE key = ?', ('key',)).fetchone()[0].split('/', 1)[1]}",))
    result = kept(generated)
    assert result.parsed == 300
    assert outcome(result) == expected
    with store(generated) as conn:  # rewritten whole: every file's entry as written
        assert conn.execute("SELECT value FROM _meta WHERE key = 'key'").fetchone()[0].startswith(f"{INDEX_FORMAT}/")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(rows(generated)) == 300 and all(json.loads(diags) is not None and json.loads(summary) for _, _, diags, summary in rows(generated).values())
    again = kept(generated)
    assert again.parsed == 0 and outcome(again) == expected


def test_no_cache_neither_reads_nor_writes(generated):
    checker.check(generated, use_cache=False)
    checker.check(generated, use_cache=False, index=Index())  # the index in memory, for the caller alone
    assert not (generated / ".ensomhed-cache").exists()


def test_a_check_given_no_index_parses_everything_and_keeps_nothing(generated):
    for _ in range(2):
        assert checker.check(generated).parsed == 300
    assert not (generated / ".ensomhed-cache").exists()
    kept(generated)
    assert checker.check(generated).parsed == 300  # nor reads what is kept


def test_a_repository_the_cache_cannot_be_written_to_is_checked_all_the_same(generated, monkeypatch):
    from ensomhed_cli import fsio

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fsio, "write_atomic", refuse)
    assert outcome(kept(generated)) == cold(generated)
    assert not (generated / ".ensomhed-cache" / INDEX_FILE).exists()


def test_a_cached_check_does_not_import_the_schema(generated):
    """The warm path stays light: no pydantic, no jinja2, no rich."""
    kept(generated)
    kept(generated)
    code = (
        "import sys; from pathlib import Path; from ensomhed_cli.check import incremental as checker;"
        "from ensomhed_cli.query.index import Index;"
        f"r = checker.check(Path({str(generated)!r}), index=Index(only_on_disk=True)); "
        "print(r.parsed, sorted(m for m in ('pydantic', 'jinja2', 'rich', 'babel', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "[]"]


def test_checks_running_at_once_leave_a_whole_cache(generated):
    """Four cold checks write the cache at the same moment; what is left is whole and right."""
    code = (
        "import sys; from pathlib import Path; from ensomhed_cli.check import incremental as checker;"
        "from ensomhed_cli.api import check; import datetime as dt; checker.CACHE_MIN_FILES = 0;"
        f"r = check(Path({str(generated)!r}), jobs=1, today=dt.date.fromisoformat({GENERATED_TODAY.isoformat()!r}));"
        " print(len(r.diagnostics), r.parsed)"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    # Each right; each parsed every file, but one that began after another had stored (a busy machine) reads it.
    assert all(out in (["0", "300"], ["0", "0"]) for out in outs) and ["0", "300"] in outs
    with store(generated) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sorted(rows(generated)) == sorted(p.relative_to(generated).as_posix() for p in (generated / "records").rglob("*.*"))
    assert sorted(p.name for p in (generated / ".ensomhed-cache").iterdir()) == [".gitignore", INDEX_FILE]
    again = kept(generated)
    assert again.parsed == 0 and outcome(again) == cold(generated)


# --- a check after a few edits writes only what changed --------------------------------


def _edit(path: Path, marker: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(10 * 1e9)))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def test_after_a_few_edits_only_their_rows_change(generated):
    kept(generated)
    before = rows(generated)
    meetings = sorted((generated / "records" / "meetings").rglob("*.md"))
    _edit(meetings[0], "Rettet.")
    meetings[1].unlink()
    result = kept(generated)
    assert result.parsed == 1 and outcome(result) == cold(generated)
    after = rows(generated)
    edited, gone = _rel(generated, meetings[0]), _rel(generated, meetings[1])
    assert gone not in after and after[edited] != before[edited]
    assert {p: r for p, r in after.items() if p != edited} == {p: r for p, r in before.items() if p not in (edited, gone)}
    forget_result(generated)  # the per-file entries are read: the edit stored, nothing parsed
    again = kept(generated)
    assert again.parsed == 0 and outcome(again) == cold(generated)


def test_edit_after_edit_each_stores_its_own_rows_and_the_entries_stay_whole(generated):
    kept(generated)
    meetings = sorted((generated / "records" / "meetings").rglob("*.md"))
    for n, meeting in enumerate(meetings[:4]):
        before = rows(generated)
        _edit(meeting, f"Rettet {n}.")
        result = kept(generated)
        assert result.parsed == 1 and outcome(result) == cold(generated)
        after = rows(generated)
        assert {p for p in after if after[p] != before[p]} == {_rel(generated, meeting)}
    forget_result(generated)
    again = kept(generated)
    assert again.parsed == 0 and outcome(again) == cold(generated)


def test_a_result_stored_before_another_update_is_never_amended_nor_reused(generated, monkeypatch):
    """A last result from before an update it was not made with (another run's, one stopped
    between two updates) belongs to another generation: the rules across records run again."""
    kept(generated)
    meetings = sorted((generated / "records" / "meetings").rglob("*.md"))
    _edit(meetings[0], "Rettet.")
    kept(generated)
    with store(generated) as conn:  # an update since: the generation moved on, the result did not
        conn.execute("UPDATE _meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    ran = []
    real = checker.run_across_rules
    monkeypatch.setattr(checker, "run_across_rules", lambda *args: ran.append(1) or real(*args))
    _edit(meetings[0], "Rettet igen.")  # an edit the last result would otherwise be amended by
    result = kept(generated)
    assert result.parsed == 1 and ran == [1]
    assert outcome(result) == cold(generated)


NOT_PROBLEMS = [5, ["x"], ["a.md", "1", 1, "error", "c", "m", None], ["a.md", 1, True, "error", "c", "m", None],
                ["a.md", 1, 1, "fatal", "c", "m", None], ["a.md", 1, 1, "error", "c", "m", 5], ["a.md", 1, 1, "error", "c", "m"]]


@pytest.mark.parametrize("place", ["settings", "entry", "result"])
@pytest.mark.parametrize("forged", NOT_PROBLEMS, ids=range(len(NOT_PROBLEMS)))
def test_a_cache_holding_what_is_not_a_problem_is_not_trusted(generated, place, forged):
    """A damaged or forged index whose problems are not as check writes them: the check
    judges them and answers as a cold one. (A number among the settings' problems
    stopped it with an internal error when no file had changed.)"""
    expected = cold(generated)
    kept(generated)
    kept(generated)
    with store(generated) as conn:
        if place == "result":
            data = json.loads(conn.execute("SELECT value FROM _meta WHERE key = 'result'").fetchone()[0])
            data["own"].append(forged)
            conn.execute("UPDATE _meta SET value = ? WHERE key = 'result'", (json.dumps(data),))
        else:
            if place == "settings":
                conn.execute("UPDATE _meta SET value = ? WHERE key = 'config'", (json.dumps([forged]),))
            else:
                conn.execute("UPDATE _files SET diags = ? WHERE path = (SELECT min(path) FROM _files)", (json.dumps([forged]),))
            conn.execute("DELETE FROM _meta WHERE key = 'result'")  # else the last result is used whole, no entry read
    result = kept(generated)
    assert outcome(result) == expected
    assert outcome(kept(generated)) == expected


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong-shape", "not-an-entry", "forged-entry"])
def test_a_damaged_entry_is_parsed_again(generated, damage):
    kept(generated)
    meeting = sorted((generated / "records" / "meetings").rglob("*.md"))[0]
    _edit(meeting, "Rettet.")
    kept(generated)
    rel = _rel(generated, meeting)
    size, mtime, diags, summary = rows(generated)[rel]
    with store(generated) as conn:
        if damage == "truncate":
            conn.execute("UPDATE _files SET summary = ? WHERE path = ?", (summary[: len(summary) // 2], rel))
        elif damage == "garbage":
            conn.execute("UPDATE _files SET diags = ? WHERE path = ?", (b"\xff\xfe\x00garbage", rel))
        elif damage == "wrong-shape":
            conn.execute("UPDATE _files SET summary = '\"x\"' WHERE path = ?", (rel,))
        elif damage == "not-an-entry":
            conn.execute("UPDATE _files SET size = 'stor' WHERE path = ?", (rel,))
        else:  # an entry for another size: the file's own key says it is stale
            conn.execute("UPDATE _files SET size = ? WHERE path = ?", (size + 1, rel))
        conn.execute("DELETE FROM _meta WHERE key = 'result'")  # else the last result is used whole, no entry read
    result = kept(generated)
    assert result.parsed == 1
    assert outcome(result) == cold(generated)


@pytest.mark.parametrize("suffix", ["", "-journal", "-wal"])
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_the_index_should_be_never_blocks_nor_breaks_the_check(generated, suffix):
    """A committed cache can hold a FIFO where the index or its journal should be: read, it
    would block the check for ever; written through, it would write anywhere. Neither: it is
    removed (the index is data), and the check answers in full."""
    expected = cold(generated)
    kept(generated)
    path = generated / ".ensomhed-cache" / f"{INDEX_FILE}{suffix}"
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    code = (
        "import sys; from pathlib import Path; from ensomhed_cli.check import incremental as checker;"
        "from ensomhed_cli.api import check; checker.CACHE_MIN_FILES = 0;"
        f"r = check(Path({str(generated)!r})); print(len(r.diagnostics), r.files)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(expected[0])), str(expected[2])]
    assert outcome(kept(generated)) == expected
    assert not path.is_fifo()  # never read nor written through
    assert kept(generated).parsed == 0  # and the index whole again


@pytest.mark.parametrize("suffix", ["", "-journal"])
def test_a_folder_where_the_index_should_be_is_left_and_the_check_answers_in_full(generated, suffix):
    expected = cold(generated)
    kept(generated)
    path = generated / ".ensomhed-cache" / f"{INDEX_FILE}{suffix}"
    if not suffix:
        path.unlink()
    (path / "inni").mkdir(parents=True)
    meeting = sorted((generated / "records" / "meetings").rglob("*.md"))[0]
    for _ in range(2):  # after an edit too
        assert outcome(kept(generated)) == expected
        meeting.write_text(meeting.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        age(generated)
        expected = cold(generated)
    assert (path / "inni").is_dir()


def test_the_first_list_after_a_fresh_clones_check_parses_nothing(generated, tmp_path, cli, monkeypatch):
    """`check` keeps its entries in the index the reading commands read: after a check of a
    fresh clone (300 files: a cache is kept), `list` finds every file there and parses none."""
    from ensomhed_cli.check import loader

    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 200)  # as shipped
    clone = tmp_path / "clone"
    shutil.copytree(generated, clone, ignore=shutil.ignore_patterns(".ensomhed-cache"))
    age(clone)  # cloned a while ago: no file within the racy window
    assert cli("check", "--root", clone).exit_code == 0
    seen: list[str] = []
    real = loader.process_file
    monkeypatch.setattr(loader, "process_file", lambda path, rel, *args, **kwargs: seen.append(rel) or real(path, rel, *args, **kwargs))
    listed = cli("list", "meetings", "--root", clone, "--format", "csv")
    assert listed.exit_code == 0 and seen == []
    meetings = list((clone / "records" / "meetings").rglob("*.md"))
    assert len(meetings) > 10 and listed.stdout.count("\n") == 1 + len(meetings)
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 10**6)  # and the spy sees a parse where there is one
    shutil.rmtree(clone / ".ensomhed-cache")
    assert cli("list", "meetings", "--root", clone, "--format", "csv").stdout == listed.stdout and len(seen) == 300
