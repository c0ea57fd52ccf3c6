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
    assert d.message == "sprunget over: linket peger uden for projektmappen"
    (root / "ensomhed.yaml").write_text("language: en\n", encoding="utf-8")
    assert [d.message for d in load(root)[1]] == ["skipped: the link points outside the repository"]


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
    assert d.code == "skipped-file" and d.message == "sprunget over: ikke en almindelig fil"


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


def run_check(root, seconds: float = 60):
    """`ensomhed check` in a child with a memory ceiling: a regression here must fail, not eat the machine."""
    import resource
    import subprocess
    import sys

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    return subprocess.run(
        [sys.executable, "-m", "ensomhed_cli", "check", "--root", str(root), "--no-cache"],
        capture_output=True, text=True, timeout=seconds, preexec_fn=limit,
    )


def test_a_records_folder_that_links_out_of_the_repository_is_not_walked(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "people").mkdir(parents=True)
    (elsewhere / "people" / "fremmed.yaml").write_text("kind: person\nname: Fremmed\n", encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "ensomhed.yaml").write_text("language: da\n", encoding="utf-8")
    (root / "records").symlink_to(elsewhere)
    repo, diagnostics = load(root)
    assert repo.records == []
    assert [(d.path, d.line, d.column, d.severity, d.code, d.message) for d in diagnostics] == [
        ("records", 1, 1, "error", "outside-repository",
         "records/ er et link, der fører uden for projektmappen; intet i den læses"),
    ]
    result = run_check(root)
    assert result.returncode == 1 and "records:1:1: error: records/ er et link, der fører uden for projektmappen" in result.stderr
    (root / "ensomhed.yaml").write_text("language: en\n", encoding="utf-8")
    assert [d.message for d in load(root)[1]] == ["records/ is a link that leads outside the repository; nothing in it is read"]


def test_a_records_folder_linked_inside_the_repository_is_read(repo_factory):
    root = repo_factory({"data/people/p.yaml": "kind: person\nname: Delt\n"}, base=False)
    (root / "records").symlink_to(root / "data")
    repo, diagnostics = load(root)
    assert diagnostics == [] and repo.get("p").name == "Delt"


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/hostname"])
def test_settings_that_link_out_of_the_repository_are_not_read(repo_factory, target):
    root = repo_factory({}, config=None)
    (root / "ensomhed.yaml").symlink_to(target)
    result = run_check(root)
    assert result.returncode == 1, result.stderr
    assert "ensomhed.yaml:1:1: error: ensomhed.yaml er et link, der fører uden for projektmappen; den læses ikke" in result.stderr


def test_settings_that_are_a_fifo_are_refused_unread(repo_factory):
    root = repo_factory({}, config=None)
    os.mkfifo(root / "ensomhed.yaml")
    result = run_check(root, seconds=30)  # a FIFO with no writer: reading it would block forever
    assert result.returncode == 1, result.stderr
    assert "ensomhed.yaml:1:1: error: ikke en almindelig fil (men en mappe, en FIFO eller en enhed); den læses ikke" in result.stderr


def test_settings_too_large_to_be_settings_are_refused_by_size(repo_factory):
    root = repo_factory({}, config="language: da\n" + "# " + "x" * (3 * 1024 * 1024) + "\n")
    result = run_check(root)
    assert result.returncode == 1
    assert "ensomhed.yaml:1:1: error: filen fylder 3072 KiB; en post må højst fylde 2048 KiB" in result.stderr
