"""The index survives a full disk (issue 34): a write that fails keeps the last good index,
the command answers from the files, and the next run with space brings the index up to date;
never "cannot rollback". The disk is made full for SQLite alone, by its own limit on the
database's pages (`PRAGMA max_page_count`): every write that would grow the file fails with
SQLITE_FULL, "database or disk is full", as on a full file system."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import Clock, generate
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.query import index as index_module
from test_index import _edit, _files


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)  # the index kept on disk
    clock = Clock()
    return generate(tmp_path / "gen", 60, seed=5, clock=clock), clock


def full_disk(monkeypatch) -> None:
    real = index_module._connect

    def connect(path):
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")  # not a page more
        return conn

    monkeypatch.setattr(index_module, "_connect", connect)


@pytest.mark.parametrize("command", [["list", "meetings", "--format", "json"], ["query", "SELECT title FROM items ORDER BY title"], ["check"]])
def test_a_full_disk_keeps_the_last_index_and_answers_from_the_files(cli, repo, monkeypatch, command):
    root, clock = repo
    assert cli("list", "meetings", "--root", root).exit_code == 0  # the index made
    edited = _files(root, "meetings")[:12]
    for n, meeting in enumerate(edited):
        assert _edit(meeting, "title: ", f"title: Rettet {n} ")
        clock.touch(meeting)
    expected = cli(*command, "--root", root, "--no-cache") if command[0] == "check" else None
    with monkeypatch.context() as patched:
        full_disk(patched)
        full = cli(*command, "--root", root)
    assert full.exit_code in (0, 1) and "rollback" not in full.stderr and "intern fejl" not in full.stderr, full.stderr
    if command[0] == "check":
        assert (full.exit_code, full.stderr) == (expected.exit_code, expected.stderr)
    else:
        assert "Rettet 11" in full.stdout  # the records as they are, not the last index's
    again = cli(*command, "--root", root)  # space again
    assert again.exit_code == full.exit_code and again.stdout == full.stdout
    conn = sqlite3.connect(root / ".ensomhed-cache" / "index.sqlite")  # and the index on disk holds the files as they are
    held = dict(conn.execute("SELECT path, mtime FROM _files").fetchall())
    assert all(held[m.relative_to(root).as_posix()] == m.stat().st_mtime_ns for m in edited)


def test_an_index_locked_by_another_process_is_waited_for_then_read_around(cli, repo, monkeypatch):
    root, clock = repo
    assert cli("list", "meetings", "--root", root).exit_code == 0
    meeting = _files(root, "meetings")[0]
    assert _edit(meeting, "title: ", "title: Låst ")
    clock.touch(meeting)
    monkeypatch.setattr(index_module, "BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(root / ".ensomhed-cache" / "index.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process, in the middle of its own update
    try:
        result = cli("list", "meetings", "--root", root, "--format", "json")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0 and "rollback" not in result.stderr and "intern fejl" not in result.stderr, result.stderr
    assert "Låst" in result.stdout
