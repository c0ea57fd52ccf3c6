"""A build renders one state of the records (issue 34): a record broken or changed while the
build runs, here by a concurrent check's update of the index (the record's row gone, its file
read again), is checked again from the start: a clear message or the pages of one state,
never an internal error or a meeting's pages silently left out."""

from __future__ import annotations

import pytest

from conftest import Clock, generate
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.query import index_load
from test_build_incremental import TODAY


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    clock = Clock()
    return generate(tmp_path / "gen", 30, seed=4, clock=clock), clock


def meddle(monkeypatch, root, times: int, restore: bool) -> list[str]:
    """The first `times` loads of the build find a meeting's row gone from the index and its
    file broken, as when an editor saved a half-typed change and another process's check
    took it in; with `restore`, the file is whole again right after (the editor saved again)."""
    real_rows, real_load = index_load.records_from_index, index_load.load_files
    lost: list[str] = []
    texts: dict[str, str] = {}

    def records_from_index(index, paths):
        out = real_rows(index, paths)
        meetings = sorted(p for p in out if "/meetings/" in p)
        if len(lost) < times and meetings:
            rel = meetings[0]
            lost.append(rel)
            out.pop(rel)
            texts[rel] = (root / rel).read_text(encoding="utf-8")
            (root / rel).write_text(texts[rel].replace("status: ", "status: [", 1), encoding="utf-8")
        return out

    def load_files(*args, **kwargs):
        try:
            return real_load(*args, **kwargs)
        finally:
            if restore:
                for rel, text in texts.items():
                    (root / rel).write_text(text, encoding="utf-8")
                texts.clear()

    monkeypatch.setattr(index_load, "records_from_index", records_from_index)
    monkeypatch.setattr(index_load, "load_files", load_files)
    return lost


def build(cli, root, out):
    return cli("build", "--root", root, "-o", out, "--today", TODAY)


def test_a_record_broken_during_the_build_is_an_error_and_nothing_is_built(cli, tmp_path, repo, monkeypatch):
    root, _ = repo
    lost = meddle(monkeypatch, root, 1, restore=False)
    result = build(cli, root, tmp_path / "site")
    assert result.exit_code == 1 and lost
    assert "fejl i posterne; intet er bygget" in result.stderr and "intern fejl" not in result.stderr
    assert lost[0] in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_record_broken_for_a_moment_during_the_build_builds_every_page(cli, tmp_path, repo, monkeypatch):
    root, _ = repo
    lost = meddle(monkeypatch, root, 1, restore=True)
    result = build(cli, root, tmp_path / "site")
    assert result.exit_code == 0, result.stderr
    meeting = lost[0].rsplit("/", 1)[1].rsplit(".", 1)[0]
    assert (tmp_path / "site" / "agenda" / f"{meeting}.html").is_file()  # not silently left out


def test_records_that_keep_changing_stop_the_build_with_a_clear_message(cli, tmp_path, repo, monkeypatch):
    root, _ = repo
    meddle(monkeypatch, root, 99, restore=True)
    result = build(cli, root, tmp_path / "site")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("intet er bygget: kør `ensomhed build` igen")
    assert not (tmp_path / "site").exists()
