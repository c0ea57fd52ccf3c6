"""A file is unchanged only when its size, mtime, ctime and inode all say so (issue 33), as
git's index has it: neither an edit of the same size with its time set back (`touch -r`)
nor two files of one size swapped with `mv` under whole-second times is served from a cache."""

from __future__ import annotations

import os

import pytest

from ensomhed_cli.check import incremental as checker

PEOPLE = {f"records/people/p{n:02d}.yaml": f"kind: person\nname: Person {n:02d}\n" for n in range(20)}


@pytest.fixture
def root(repo_factory, monkeypatch):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    root = repo_factory(PEOPLE)
    for path in (root / "records").rglob("*.yaml"):
        os.utime(path, (1_600_000_000, 1_600_000_000))  # whole seconds, long settled
    return root


def test_an_edit_of_the_same_size_with_its_time_set_back_is_seen(cli, root):
    assert cli("check", "--root", root).exit_code == 0
    assert cli("check", "--root", root).exit_code == 0  # from the cache
    path = root / "records/people/p03.yaml"
    before = path.stat()
    path.write_text("kind: person\nnavn: Person 03\n", encoding="utf-8")  # `name` misspelt: the same size
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    result = cli("check", "--root", root)
    assert result.exit_code == 1 and "records/people/p03.yaml:2:1" in result.stderr, result.stderr
    assert result.stderr == cli("check", "--root", root, "--no-cache").stderr


def test_two_files_of_one_size_swapped_are_seen(cli, root):
    first = cli("list", "people", "--root", root, "--format", "csv").stdout
    assert "records/people/p01.yaml,,{},,Person 01" in first
    a, b = root / "records/people/p01.yaml", root / "records/people/p02.yaml"
    os.rename(a, root / "records/people/tmp.txt")
    os.rename(b, a)
    os.rename(root / "records/people/tmp.txt", b)
    for path in (a, b):
        os.utime(path, (1_600_000_000, 1_600_000_000))  # the same whole-second times as before
    swapped = cli("list", "people", "--root", root, "--format", "csv").stdout
    assert "records/people/p01.yaml,,{},,Person 02" in swapped and "records/people/p02.yaml,,{},,Person 01" in swapped
