"""An incremental, parallel build writes the site byte for byte as a full one, and renders only what changed."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from conftest import Clock, generate
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.render import site
from test_index import STEPS, step  # the same edits as the index test

TODAY = "2021-06-01"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def counted(monkeypatch):
    """The pages rendered (here or in a worker forked from here), not taken as they were."""
    calls: list[str] = []
    original = site._render_all

    def render_all(job, todo, jobs, progress):
        calls.extend(job.pages[i].path.as_posix() for i in todo)
        return original(job, todo, jobs, progress)

    monkeypatch.setattr(site, "_render_all", render_all)
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    return calls


def build(cli, root: Path, out: Path, *extra: str, ok: bool = True) -> int:
    result = cli("build", "--root", root, "-o", out, "--today", TODAY, "--force", *extra)
    assert result.exit_code == 0 or not ok, result.stderr
    return result.exit_code


def fresh_build(cli, root: Path, tmp_path: Path, name: str, *extra: str) -> dict[str, bytes]:
    copy = tmp_path / f"copy-{name}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".ensomhed-cache"))
    if build(cli, copy, tmp_path / f"fresh-{name}", *extra, ok=False):
        return {}
    return tree(tmp_path / f"fresh-{name}")


@pytest.mark.parametrize("public", [False, True])
def test_a_rebuild_after_edits_is_a_full_build_byte_for_byte(cli, tmp_path, counted, monkeypatch, public):
    monkeypatch.setattr(site, "PARALLEL_MIN_PAGES", 10)  # the workers too, on a small site
    clock = Clock()
    root = generate(tmp_path / "gen", 80, seed=5, clock=clock)
    extra = ("--public",) if public else ()
    out = tmp_path / "site"
    build(cli, root, out, *extra)
    pages = len(counted)
    assert tree(out) == fresh_build(cli, root, tmp_path, "0", *extra)
    counted.clear()
    build(cli, root, out, *extra)  # nothing changed: only the index page
    assert counted == ["index.html"]
    rng = random.Random(4)
    built = 0
    for n in range(1, 9):
        done = step(root, rng, clock, tuple(s for s in STEPS if s != "break"))
        counted.clear()
        if build(cli, root, out, *extra, ok=False):  # the edit made an error: nothing built, by either
            assert fresh_build(cli, root, tmp_path, str(n), *extra) == {}, done
            continue
        built += 1
        again = len(counted)
        assert tree(out) == fresh_build(cli, root, tmp_path, str(n), *extra), done
        if "(nothing to change)" in done:
            assert again == 1, done
    assert pages > 20 and built >= 3


def test_a_template_changed_renders_every_page_again(cli, tmp_path, counted):
    root = generate(tmp_path / "gen", 40, seed=6, clock=Clock())
    out = tmp_path / "site"
    build(cli, root, out)
    pages = len(counted)
    templates = root / "templates"
    templates.mkdir(exist_ok=True)
    builtin = Path(site.__file__).resolve().parent.parent / "templates" / "_layout.html.j2"
    (templates / "_layout.html.j2").write_text(builtin.read_text(encoding="utf-8").replace("</main>", "<p>Ny skabelon</p></main>"), encoding="utf-8")
    counted.clear()
    build(cli, root, out)
    assert len(counted) == pages
    assert tree(out) == fresh_build(cli, root, tmp_path, "t")
    assert any(b"Ny skabelon" in data for data in tree(out).values())
