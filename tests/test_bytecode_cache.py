"""The built-in templates' compiled code is kept between runs, safely.

Each run is a real `ensomhed render` in a subprocess with its own TMPDIR, where Jinja
keeps the cache in a private folder (`_jinja2-cache-<uid>`, mode 0700).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

ENSOMHED = str(Path(sys.executable).parent / "ensomhed")
MEETING = "2020-10-23-raadmandsmoede"


def render(tmp_path: Path, root: Path, *extra: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "ENSOMHED_NO_BYTECODE_CACHE"}
    environment |= {"TMPDIR": str(tmp_path / "tmp"), **env}
    result = subprocess.run([ENSOMHED, "render", "agenda", MEETING, "--root", str(root), *extra],
                            capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def cache_folder(tmp_path: Path) -> Path:
    return tmp_path / "tmp" / f"_jinja2-cache-{os.getuid()}"


@pytest.fixture
def repository(tmp_path):
    """A copy of the bundled repository, so no run writes beside the project's records."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "records", root / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", root / "ensomhed.yaml")
    (tmp_path / "tmp").mkdir()
    return root


def test_the_second_run_reads_the_compiled_templates_and_renders_the_same(tmp_path, repository):
    uncached = render(tmp_path, repository, ENSOMHED_NO_BYTECODE_CACHE="1")
    assert not cache_folder(tmp_path).exists()
    first = render(tmp_path, repository)
    entries = sorted(p.name for p in cache_folder(tmp_path).iterdir())
    # named by the stamp of the code that compiled them: the command's, as its own Python sees it
    stamp = subprocess.run([str(Path(ENSOMHED).parent / "python"), "-c", "from ensomhed_cli.codestamp import code_stamp; print(code_stamp()[:16])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert re.fullmatch("[0-9a-f]{16}", stamp)
    assert entries and all(name.startswith(f"ensomhed-{stamp}-md-") and name.endswith(".cache") for name in entries)
    assert cache_folder(tmp_path).stat().st_mode & 0o777 == 0o700
    stamps = {p: p.stat().st_mtime_ns for p in cache_folder(tmp_path).iterdir()}
    second = render(tmp_path, repository)
    assert first == second == uncached
    assert {p: p.stat().st_mtime_ns for p in cache_folder(tmp_path).iterdir()} == stamps  # read, not written again


def test_html_has_entries_of_its_own(tmp_path, repository):
    render(tmp_path, repository, "--format", "html")
    assert all("-html-" in p.name for p in cache_folder(tmp_path).iterdir())


def test_a_repository_with_templates_of_its_own_is_never_cached(tmp_path, repository):
    (repository / "templates").mkdir()
    (repository / "templates" / "agenda.md.j2").write_text("# {{ meeting.title }}\n", encoding="utf-8")
    out = render(tmp_path, repository)
    assert out.startswith("# ")
    assert not cache_folder(tmp_path).exists() or not any(cache_folder(tmp_path).iterdir())


def test_entries_cut_short_or_forged_are_compiled_again(tmp_path, repository):
    expected = render(tmp_path, repository)
    for n, entry in enumerate(sorted(cache_folder(tmp_path).iterdir())):
        entry.write_bytes(entry.read_bytes()[: 40] if n % 2 else b"j2\x00forged")
    assert render(tmp_path, repository) == expected


def test_a_folder_that_is_not_private_is_never_used(tmp_path, repository):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache_folder(tmp_path).symlink_to(elsewhere)
    expected = render(tmp_path, repository, ENSOMHED_NO_BYTECODE_CACHE="1")
    assert render(tmp_path, repository) == expected
    assert list(elsewhere.iterdir()) == []
