"""A rebuilt site folder is updated in place only where it holds exactly what the last build wrote."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Clock, generate
from ensomhed_cli.check import incremental as checker
from test_build_incremental import build, fresh_build, tree
from test_index import _edit, _files


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)  # the index, and with it the folder's manifest, kept on disk
    clock = Clock()
    return generate(tmp_path / "gen", 40, seed=8, clock=clock), clock


def inodes(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def edit_a_meeting(root: Path, clock: Clock) -> Path:
    meeting = _files(root, "meetings")[0]
    assert _edit(meeting, "    description: |\n      ", "    description: |\n      Rettet. ")
    clock.touch(meeting)
    return meeting


def test_a_rebuild_writes_only_the_pages_that_changed(cli, tmp_path, repo):
    root, clock = repo
    out = tmp_path / "site"
    build(cli, root, out)
    build(cli, root, out)  # the first build swapped the folder in: the second knows it
    before, folder = inodes(out), out.stat().st_ino
    meeting = edit_a_meeting(root, clock)
    build(cli, root, out)
    after = inodes(out)
    assert out.stat().st_ino != folder  # the new folder took the old one's place in one step
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".ensomhed-staging")]  # nothing left beside
    rewritten = {rel for rel in after if after[rel] != before.get(rel)}
    assert f"agenda/{meeting.stem}.html" in rewritten
    assert "index.html" not in rewritten and len(rewritten) < len(after) / 4, rewritten
    assert tree(out) == fresh_build(cli, root, tmp_path, "edit")


@pytest.mark.parametrize("tamper", ["added", "edited", "removed", "symlink", "hardlink", "folder link"])
def test_a_folder_changed_since_the_last_build_is_made_anew(cli, tmp_path, repo, tamper):
    root, clock = repo
    out = tmp_path / "site"
    build(cli, root, out)
    page = out / "index.html"
    record = _files(root, "meetings")[0]
    if tamper == "added":
        (out / "agenda" / "gammel.html").write_text("<p>fra en anden bygning</p>", encoding="utf-8")
    elif tamper == "edited":
        page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>rettet i hånden</p></main>"), encoding="utf-8")
    elif tamper == "removed":
        next((out / "agenda").iterdir()).unlink()
    elif tamper == "symlink":
        page.unlink()
        page.symlink_to(record)
    elif tamper == "hardlink":
        page.unlink()
        os.link(record, page)
    else:
        os.rename(out / "agenda", tmp_path / "agenda-elsewhere")
        (out / "agenda").symlink_to(tmp_path / "agenda-elsewhere")
    folder = out.stat().st_ino
    edit_a_meeting(root, clock)
    build(cli, root, out)
    assert out.stat().st_ino != folder  # made anew
    assert tree(out) == fresh_build(cli, root, tmp_path, tamper)
    assert not any(p.is_symlink() for p in out.rglob("*"))
    assert all(p.stat().st_nlink == 1 for p in out.rglob("*") if p.is_file())
    assert record.read_text(encoding="utf-8").startswith("---")  # the record is as it was


def test_a_public_build_over_an_internal_one_keeps_nothing_of_it(cli, tmp_path, repo):
    root, clock = repo
    out = tmp_path / "site"
    build(cli, root, out)
    build(cli, root, out)
    build(cli, root, out, "--public")
    assert tree(out) == fresh_build(cli, root, tmp_path, "public", "--public")
    edit_a_meeting(root, clock)
    build(cli, root, out, "--public")
    assert tree(out) == fresh_build(cli, root, tmp_path, "public-edit", "--public")


def test_the_pages_of_a_removed_meeting_go(cli, tmp_path, repo):
    root, clock = repo
    out = tmp_path / "site"
    build(cli, root, out)
    build(cli, root, out)
    meeting = next(p for p in _files(root, "meetings") if "status: held" in p.read_text(encoding="utf-8"))
    meeting.unlink()
    build(cli, root, out)
    assert not (out / "agenda" / f"{meeting.stem}.html").exists() and not (out / "minutes" / f"{meeting.stem}.html").exists()
    assert tree(out) == fresh_build(cli, root, tmp_path, "gone")


def test_a_folder_left_empty_goes_and_the_rest_stays(tmp_path):
    from ensomhed_cli.render.site_folder import digest, holds_exactly, manifest_of, update_in_place

    out = tmp_path / "site"
    (out / "agenda" / "gammel").mkdir(parents=True)
    (out / "agenda" / "gammel" / "a.html").write_text("a", encoding="utf-8")
    (out / "plans").mkdir()
    (out / "plans" / "p.html").write_text("p", encoding="utf-8")
    manifest = manifest_of(out, ["agenda/gammel/a.html", "plans/p.html"])
    assert holds_exactly(out, manifest)
    wanted = {"plans/p.html": digest(b"p"), "index.html": digest(b"i")}
    after = update_in_place(out, wanted, lambda rel: (b"i", None), manifest)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["index.html", "plans", "plans/p.html"]
    assert holds_exactly(out, after) and after["plans/p.html"] == manifest["plans/p.html"]
