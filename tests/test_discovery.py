"""Which files are records, and which are refused without being read."""

from __future__ import annotations

import os

import pytest

from ensomhed_cli.api import load


def test_link_out_of_the_repository_is_skipped_with_a_warning(repo_factory, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("kind: person\nname: Udefra\n", encoding="utf-8")
    root = repo_factory({})
    (root / "records" / "link.yaml").symlink_to(outside)
    repo, diagnostics = load(root)
    assert repo.get("link") is None
    [d] = diagnostics
    assert (d.path, d.severity, d.code) == ("records/link.yaml", "warning", "skipped-file")
    assert "outside the repository" in d.message


def test_link_inside_the_repository_is_read(repo_factory):
    root = repo_factory({"shared/p.yaml": "kind: person\nname: Delt\n"})
    (root / "records" / "delt.yaml").symlink_to(root / "shared" / "p.yaml")
    repo, diagnostics = load(root)
    assert diagnostics == [] and repo.get("delt").name == "Delt"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_read(repo_factory):
    root = repo_factory({})
    os.mkfifo(root / "records" / "pipe.yaml")
    repo, diagnostics = load(root)  # would block forever if opened
    [d] = diagnostics
    assert d.code == "skipped-file" and "not a regular file" in d.message


def test_too_large_file_is_refused(repo_factory):
    big = "kind: person\nname: x\nextra:\n" + "".join(f"  k{i}: {'x' * 100}\n" for i in range(25_000))
    repo, diagnostics = load(repo_factory({"records/big.yaml": big}))
    [d] = diagnostics
    assert d.code == "too-large" and (d.line, d.column) == (1, 1)


def test_root_with_records_but_no_config_via_root(tmp_path):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "p.yaml").write_text("kind: person\nname: P\n", encoding="utf-8")
    from ensomhed_cli.format.config import find_root

    repo, diagnostics = load(find_root(explicit=tmp_path))
    assert diagnostics == [] and repo.get("p").name == "P"


def test_empty_config_is_valid(tmp_path):
    from conftest import write_repo

    root = write_repo(tmp_path / "r", {"records/p.yaml": "kind: person\nname: P\n"}, config="# all keys optional\n")
    _, diagnostics = load(root)
    assert diagnostics == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_that_took_a_files_place_after_discovery_is_refused_not_waited_on(tmp_path):
    from ensomhed_cli.format.source import read_record

    os.mkfifo(tmp_path / "pipe.yaml")  # nobody ever writes to it: a blocking read would never end
    doc = read_record(tmp_path / "pipe.yaml", "records/pipe.yaml")
    assert doc.data is None
    assert [(d.line, d.code) for d in doc.diagnostics] == [(1, "not-a-file")]
