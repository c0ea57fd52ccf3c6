"""Publishing is one step (issue 34): a reader sees the old site or the new one, whole, at
every instant, and a kill at any moment of a build, full or incremental, leaves one of the
two in place with nothing stray in it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Clock, generate
from ensomhed_cli import fsio
from ensomhed_cli.check import incremental as checker
from test_build_incremental import TODAY, build, tree
from test_index import _edit, _files


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)  # the index, and with it the folder's manifest, kept on disk
    clock = Clock()
    return generate(tmp_path / "gen", 40, seed=8, clock=clock), clock


def edit_every_meeting(root: Path, clock: Clock, word: str) -> None:
    for meeting in _files(root, "meetings"):
        if _edit(meeting, "    description: |\n      ", f"    description: |\n      {word} "):
            clock.touch(meeting)


def built_then_edited(cli, root: Path, clock: Clock, out: Path) -> dict:
    """The site built twice (the second build finds the cache and rebuilds in place), as it is
    then; every meeting edited since, so the next build rewrites their pages."""
    build(cli, root, out)
    build(cli, root, out)
    old = tree(out)
    edit_every_meeting(root, clock, "Rettet.")
    return old


def no_stray(out: Path) -> None:
    assert not [p for p in out.rglob("*") if p.name.endswith((fsio.STAGING_SUFFIX, ".ensomhed-new"))]


def test_a_rebuild_killed_at_any_moment_leaves_the_old_site_or_the_new_one(cli, tmp_path, repo):
    root, clock = repo
    out = tmp_path / "site"
    env = {**os.environ, "ENSOMHED_NO_BYTECODE_CACHE": "1"}
    command = [sys.executable, "-m", "ensomhed_cli", "build", "--root", str(root), "-o", str(out), "--today", TODAY, "--force"]
    build(cli, root, out)  # here, where the cache is kept for a small repository: the builds below find it and rebuild in place
    assert (root / ".ensomhed-cache" / "index.sqlite").is_file()
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    took = time.monotonic() - started  # aimed at the end of a build, where it writes
    rng = random.Random(34)
    outcomes = set()
    for n in range(6):
        old = tree(out)
        edit_every_meeting(root, clock, f"Rettelse {n}.")
        before = {p: p.stat().st_ino for p in (out / "agenda").iterdir()}
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if n % 2:  # at a moment of the whole build
            time.sleep(rng.uniform(0.6, 1.05) * took)
        else:  # aimed at its writing: as soon as a staging folder or a rewritten page shows
            deadline = time.monotonic() + 60
            while child.poll() is None and time.monotonic() < deadline:
                staged = any(p.name.endswith(fsio.STAGING_SUFFIX) for p in tmp_path.iterdir())
                if staged or any(p.stat().st_ino != ino for p, ino in before.items() if p.exists()):
                    break
                time.sleep(0.001)
            time.sleep(rng.choice((0, 0, 0.002)))
        child.send_signal(signal.SIGKILL)
        child.wait()
        seen = tree(out)
        no_stray(out)
        subprocess.run(command, env=env, check=True, capture_output=True)  # finishes what was killed
        new = tree(out)
        assert seen in (old, new), f"run {n}: a mix of {len([r for r in seen if seen[r] != old.get(r)])} new and old files"
        outcomes.add("old" if seen == old else "new")
        no_stray(out)
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(fsio.STAGING_SUFFIX)]  # swept by the next build
    assert outcomes  # at least one kill seen; which of the two depends on the machine's speed


@pytest.mark.parametrize("step", [0, 1, 5, 20, "exchange"])
def test_a_rebuild_stopped_at_any_write_leaves_the_old_site_whole(cli, tmp_path, repo, monkeypatch, step):
    from ensomhed_cli.render import site_folder

    root, clock = repo
    out = tmp_path / "site"
    old = built_then_edited(cli, root, clock, out)
    real_write, real_exchange = site_folder._write_beside, site_folder.exchange
    written = []

    def write_then_stop(*args, **kwargs):
        if len(written) == step:
            raise KeyboardInterrupt  # Ctrl-C, with `step` of the changed pages written
        written.append(args[0])
        return real_write(*args, **kwargs)

    def exchange_stopped(a, b):
        raise KeyboardInterrupt

    monkeypatch.setattr(site_folder, "_write_beside", write_then_stop)
    if step == "exchange":
        monkeypatch.setattr(site_folder, "exchange", exchange_stopped)
    assert cli("build", "--root", root, "-o", out, "--today", TODAY, "--force").exit_code != 0
    assert step == "exchange" or len(written) == step
    assert tree(out) == old
    no_stray(out)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(fsio.STAGING_SUFFIX)]
    monkeypatch.setattr(site_folder, "_write_beside", real_write)
    monkeypatch.setattr(site_folder, "exchange", real_exchange)
    build(cli, root, out)
    assert tree(out) != old


@pytest.mark.parametrize("step", [0, 10, 40])
def test_a_full_build_stopped_at_any_write_leaves_the_old_site_whole(cli, tmp_path, repo, monkeypatch, step):
    from ensomhed_cli.render import site as site_module

    root, _ = repo
    out = tmp_path / "site"
    build(cli, root, out)
    (out / "fremmed.html").write_text("<p>lagt i hånden</p>", encoding="utf-8")  # so the next build makes it anew
    old = tree(out)
    real = site_module.write_staged
    written = []

    def write_then_stop(*args, **kwargs):
        if len(written) == step:
            raise KeyboardInterrupt
        written.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(site_module, "write_staged", write_then_stop)
    assert cli("build", "--root", root, "-o", out, "--today", TODAY, "--force").exit_code != 0
    assert len(written) == step and tree(out) == old
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(fsio.STAGING_SUFFIX)]


def test_the_live_folder_is_never_moved_aside_where_the_system_can_exchange(cli, tmp_path, repo, monkeypatch):
    root, clock = repo
    out = tmp_path / "site"
    build(cli, root, out)
    moved = []
    real_rename = os.rename

    def rename(src, dst, *args, **kwargs):
        if Path(src) == out:
            moved.append(dst)
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    (out / "fremmed.html").write_text("<p>lagt i hånden</p>", encoding="utf-8")
    build(cli, root, out)  # not what the last build left: made anew
    edit_every_meeting(root, clock, "Rettet.")
    build(cli, root, out)  # brought up to date
    assert moved == []
    no_stray(out)


def test_killed_between_the_exchange_and_the_clean_up_the_new_site_stands(cli, tmp_path, repo, monkeypatch):
    root, clock = repo
    out = tmp_path / "site"
    build(cli, root, out)
    edit_every_meeting(root, clock, "Rettet.")
    real_rmtree = fsio.shutil.rmtree
    calls = []

    def killed(path, *args, **kwargs):
        calls.append(path)
        raise KeyboardInterrupt  # as a kill would stop it: the old site not yet removed

    monkeypatch.setattr(fsio.shutil, "rmtree", killed)
    monkeypatch.setattr("ensomhed_cli.render.site_folder.shutil.rmtree", killed)
    result = cli("build", "--root", root, "-o", out, "--today", TODAY, "--force")
    assert result.exit_code != 0 and calls
    monkeypatch.setattr(fsio.shutil, "rmtree", real_rmtree)
    monkeypatch.setattr("ensomhed_cli.render.site_folder.shutil.rmtree", real_rmtree)
    standing = tree(out)
    assert "Rettet." in standing[next(r for r in standing if r.startswith("agenda/"))].decode("utf-8")
    build(cli, root, out)
    assert tree(out) == standing
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(fsio.STAGING_SUFFIX)]


def test_without_an_exchange_a_rebuild_still_writes_only_what_changed(cli, tmp_path, repo, monkeypatch):
    root, clock = repo
    out = tmp_path / "site"
    build(cli, root, out)
    build(cli, root, out)
    monkeypatch.setenv("ENSOMHED_NO_EXCHANGE", "1")
    folder = out.stat().st_ino
    edit_every_meeting(root, clock, "Rettet.")
    build(cli, root, out)
    assert out.stat().st_ino == folder  # the documented fallback: each file replaced beside itself
    no_stray(out)


def test_a_full_disk_during_a_rebuild_leaves_the_old_site_whole(cli, tmp_path, repo, monkeypatch):
    import errno

    from ensomhed_cli.render import site_folder

    root, clock = repo
    out = tmp_path / "site"
    old = built_then_edited(cli, root, clock, out)
    real_write = site_folder._write_beside
    calls = []

    def fills_the_disk(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(site_folder, "_write_beside", fills_the_disk)
    result = cli("build", "--root", root, "-o", out, "--today", TODAY, "--force")
    assert result.exit_code == 2 and "disken er fuld" in result.stderr and "intern fejl" not in result.stderr
    assert tree(out) == old
    no_stray(out)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(fsio.STAGING_SUFFIX)]
    monkeypatch.setattr(site_folder, "_write_beside", real_write)
    build(cli, root, out)  # space again
    assert "Rettet." in "".join(v.decode("utf-8", "replace") for k, v in tree(out).items() if k.startswith("agenda/"))
