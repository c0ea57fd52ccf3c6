"""Writes never lose a record: every failure and every kill leaves the old file or the new one, whole."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import PROJECT
from ensomhed_cli import fsio
from ensomhed_cli.fsio import WriteRefused, write_atomic

OLD = "kind: person\nname: Anna Hansen\n" + "# gammel\n" * 20_000
NEW = "kind: person\nname: Anna Hansen-Berg\n" + "# ny\n" * 40_000


@pytest.fixture(params=["anonymous", "named"])
def temporaries(request, monkeypatch):
    """Run each test with O_TMPFILE files and with the named temporary file used where there are none."""
    if request.param == "named":

        def named(folder, name):
            return tempfile.mkstemp(prefix=f".{name}.", suffix=fsio.TEMP_SUFFIX, dir=folder)

        monkeypatch.setattr(fsio, "_open_temporary", named)
    return request.param


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("failing", ["write", "fchmod", "fsync", "link", "replace"])
def test_a_write_that_fails_half_way_leaves_the_old_file_and_nothing_else(tmp_path, monkeypatch, temporaries, failing):
    target = tmp_path / "anna.yaml"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    real = getattr(os, failing)
    calls = {"n": 0}

    def fail_half_way(*args, **kwargs):
        calls["n"] += 1
        if failing == "write" and calls["n"] == 1:
            # Part of the data reaches the disk, then the disk is full.
            real(args[0], bytes(args[1][: len(args[1]) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, fail_half_way)
    if failing in ("link",) and temporaries == "named":
        # The named temporary is only linked for exclusive writes; fail one of those.
        with pytest.raises(OSError):
            write_atomic(tmp_path / "bo.yaml", NEW, exclusive=True)
        monkeypatch.undo()
        assert listing(tmp_path) == ["anna.yaml"]
        return
    with pytest.raises(OSError):
        write_atomic(target, NEW)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == OLD
    assert target.stat().st_mode & 0o777 == 0o640
    assert listing(tmp_path) == ["anna.yaml"]


def test_replace_keeps_the_mode_and_exclusive_never_replaces(tmp_path, temporaries):
    target = tmp_path / "anna.yaml"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, NEW)
    assert target.read_text(encoding="utf-8") == NEW and target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(WriteRefused, match="findes allerede"):
        write_atomic(target, OLD, exclusive=True)
    assert target.read_text(encoding="utf-8") == NEW
    assert listing(tmp_path) == ["anna.yaml"]


def test_a_symbolic_link_is_never_written_through(tmp_path, temporaries):
    outside = tmp_path / "outside.txt"
    outside.write_text("uberørt", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "anna.yaml").symlink_to(outside)
    with pytest.raises(WriteRefused, match="er et symbolsk link"):
        write_atomic(repo / "anna.yaml", NEW)
    assert outside.read_text(encoding="utf-8") == "uberørt"


def test_a_folder_link_out_of_the_repository_is_refused(tmp_path, temporaries):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    repo = tmp_path / "repo"
    (repo / "records").mkdir(parents=True)
    (repo / "records" / "meetings").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(WriteRefused, match="fører ud af"):
        write_atomic(repo / "records" / "meetings" / "2025" / "m.md", NEW, exclusive=True, within=repo)
    assert listing(elsewhere) == []


def test_leftovers_of_a_killed_write_are_swept_by_the_next(tmp_path):
    target = tmp_path / "anna.yaml"
    target.write_text(OLD, encoding="utf-8")
    (tmp_path / f".anna.yaml.deadbeef{fsio.TEMP_SUFFIX}").write_text(NEW[:100], encoding="utf-8")
    (tmp_path / ".someone-elses-file").write_text("x", encoding="utf-8")
    write_atomic(target, NEW)
    assert listing(tmp_path) == [".someone-elses-file", "anna.yaml"]


WRITER = """
import sys
from pathlib import Path
from ensomhed_cli.fsio import write_atomic
target, old, new, exclusive = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1"
texts = [Path(old).read_text(encoding="utf-8"), Path(new).read_text(encoding="utf-8")]
print("ready", flush=True)
i = 0
while True:
    if exclusive:
        write_atomic(target.with_name(f"{target.stem}-{i}.yaml"), texts[i % 2], exclusive=True)
    else:
        write_atomic(target, texts[i % 2])
    i += 1
"""


@pytest.mark.parametrize("exclusive", [False, True], ids=["replace", "new-records"])
def test_killed_at_random_points_every_record_is_old_or_new_and_whole(tmp_path, exclusive):
    """SIGKILL a process that writes records in a loop, 40 times at random moments."""
    rng = random.Random(20261122)
    data = tmp_path / "data"
    data.mkdir()
    (data / "old").write_text(OLD, encoding="utf-8")
    (data / "new").write_text(NEW, encoding="utf-8")
    folder = tmp_path / "records"
    folder.mkdir()
    target = folder / "anna.yaml"
    target.write_text(OLD, encoding="utf-8")
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    for _ in range(40):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(target), str(data / "old"), str(data / "new"), "1" if exclusive else "0"],
            stdout=subprocess.PIPE,
        )
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        records = [name for name in listing(folder) if not name.startswith(".")]
        for name in records:
            assert (folder / name).read_text(encoding="utf-8") in (OLD, NEW), f"{name} is not whole"
        leftovers = [name for name in listing(folder) if name.startswith(".")]
        if exclusive:
            assert leftovers == []  # a new record is named in one step: nothing can be left
            for name in records:
                if name != "anna.yaml":
                    (folder / name).unlink()
        else:
            write_atomic(target, OLD)  # the next write sweeps what a kill between naming and renaming left
            assert listing(folder) == ["anna.yaml"]


def _special_files(tmp_path):
    """A FIFO, a folder and (where we may make one) a character device like /dev/null."""
    made = {}
    os.mkfifo(tmp_path / "fifo")
    made["fifo"] = tmp_path / "fifo"
    (tmp_path / "folder").mkdir()
    made["folder"] = tmp_path / "folder"
    try:
        os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        made["device"] = tmp_path / "null"
    except PermissionError:
        pass
    return made


def test_a_file_that_is_not_regular_is_never_replaced(tmp_path):
    for name, target in _special_files(tmp_path).items():
        kind = stat.S_IFMT(target.lstat().st_mode)
        with pytest.raises(WriteRefused, match="er ikke en almindelig fil"):
            write_atomic(target, "x")
        assert stat.S_IFMT(target.lstat().st_mode) == kind, name


def test_render_output_to_a_device_pipe_or_folder_is_refused(tmp_path, cli):
    special = _special_files(tmp_path)
    for name, target in special.items():
        result = cli("render", "agenda", "2023-04-27-udsatteraadet", "--root", PROJECT, "-o", target)
        assert result.exit_code == 1, (name, result.stdout)
        assert f"ensomhed: fejl: {target} er ikke en almindelig fil" in result.stderr
        assert not stat.S_ISREG(target.lstat().st_mode), name


def test_a_platform_without_fchmod_or_anonymous_files_writes_the_same(tmp_path, monkeypatch):
    """Windows has neither os.fchmod nor O_TMPFILE: the named temporary gets its mode by path."""
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    target = tmp_path / "anna.yaml"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, NEW)
    write_atomic(tmp_path / "bo.yaml", NEW, exclusive=True)
    assert target.read_text(encoding="utf-8") == NEW
    assert target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(WriteRefused):
        write_atomic(target, OLD, exclusive=True)
    assert listing(tmp_path) == ["anna.yaml", "bo.yaml"]


# --- a rebuilt folder links what did not change -------------------------------------------


def _rebuild(target: Path, pages: dict[str, str]) -> None:
    previous = target if target.is_dir() else None
    fsio.replace_folder(target, lambda staging: [fsio.write_staged(staging, rel, text, previous) for rel, text in pages.items()])


def test_a_rebuilt_folder_links_the_files_whose_bytes_are_the_same_and_writes_the_rest(tmp_path):
    site = tmp_path / "site"
    _rebuild(site, {"index.html": "forside", "agenda/a.html": "A", "agenda/b.html": "B"})
    before = {rel: os.stat(site / rel).st_ino for rel in ("index.html", "agenda/a.html", "agenda/b.html")}
    _rebuild(site, {"index.html": "forside", "agenda/a.html": "A rettet", "agenda/b.html": "B"})
    assert (site / "agenda" / "a.html").read_text(encoding="utf-8") == "A rettet"
    assert os.stat(site / "index.html").st_ino == before["index.html"]  # the same bytes: linked
    assert os.stat(site / "agenda" / "b.html").st_ino == before["agenda/b.html"]
    assert os.stat(site / "agenda" / "a.html").st_ino != before["agenda/a.html"]  # changed: written
    assert all(os.stat(site / rel).st_nlink == 1 for rel in before)  # the old folder is gone


def test_a_file_linked_elsewhere_or_reached_through_a_link_is_written_anew(tmp_path):
    """A page of the old site that is also another file (a hard link to a record, say), or that
    a link in the old site leads to, is never taken into the new one: it could change with it."""
    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    _rebuild(site, {"index.html": "forside", "agenda/a.html": "A"})
    record = tmp_path / "record.md"
    os.link(site / "index.html", record)  # the page and a record are one file
    (outside / "a.html").write_text("A", encoding="utf-8")
    os.rename(site / "agenda", tmp_path / "agenda-moved")
    os.symlink(outside, site / "agenda")  # the old site's folder is a link out of it
    _rebuild(site, {"index.html": "forside", "agenda/a.html": "A"})
    assert os.stat(site / "index.html").st_ino != os.stat(record).st_ino
    assert not (site / "agenda").is_symlink()
    assert os.stat(site / "agenda" / "a.html").st_ino != os.stat(outside / "a.html").st_ino
    assert (site / "agenda" / "a.html").read_text(encoding="utf-8") == "A"


def test_a_folder_where_links_fail_is_written_whole(tmp_path, monkeypatch):
    site = tmp_path / "site"
    _rebuild(site, {"index.html": "forside"})

    def refuse(*args, **kwargs):
        raise OSError(errno.EPERM, "no hard links here")

    monkeypatch.setattr(os, "link", refuse)
    _rebuild(site, {"index.html": "forside"})
    assert (site / "index.html").read_text(encoding="utf-8") == "forside"
