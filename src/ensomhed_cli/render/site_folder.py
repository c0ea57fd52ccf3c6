"""A site folder brought up to date: only the files whose bytes changed are written.

`build` makes the whole folder anew (fsio.replace_folder) unless it can tell exactly what
the folder holds. The index keeps, for each folder a build wrote, every file in it: its
size, time, inode and a digest of its bytes (the folder's own inode under "."). When the
folder holds exactly those files, in real folders, each a regular file linked nowhere else
and unchanged since (nothing added, removed, edited or linked), a rebuild writes only the
files whose bytes differ: into a staging folder beside it that holds the others as hard
links (nothing copied), which then takes the folder's place in one exchange, so a reader
sees the old site or the new one, whole, and a kill leaves one of them. Where the system
cannot exchange two folders, each changed file is replaced beside itself instead.
Anything else, and the folder is made anew. A forged or committed index cannot name the
inodes and nanosecond times of a fresh folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from ensomhed_cli.fsio import _sync_folder, exchange, new_staging, plain_parts, sweep_staging

Manifest = dict[str, tuple[int, int, int, str]]  # file in the folder -> (size, mtime_ns, inode, sha256)
TEMP_SUFFIX = ".ensomhed-new"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_key(outdir: Path) -> str:
    """What the index keeps a folder's manifest under: its real path."""
    return os.path.realpath(outdir)


def holds_exactly(outdir: Path, manifest: Manifest) -> bool:
    """Whether the folder holds exactly the manifest's files, as they were written."""
    try:
        st = os.lstat(outdir)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or manifest.get(".", (0, 0, -1, ""))[2] != st.st_ino:
        return False
    seen = 1
    pending = [("", outdir)]
    try:
        while pending:
            prefix, folder = pending.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    rel = prefix + entry.name
                    st = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(st.st_mode):
                        pending.append((rel + "/", Path(entry.path)))
                        continue
                    known = manifest.get(rel)
                    if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1 or known is None or known[:3] != (st.st_size, st.st_mtime_ns, st.st_ino):
                        return False
                    seen += 1
    except OSError:
        return False
    return seen == len(manifest)


def update_in_place(outdir: Path, wanted: dict[str, str], data: Callable[[str], tuple[bytes, Path | None]], manifest: Manifest) -> Manifest:
    """Make the folder (which holds_exactly the manifest) hold the `wanted` files (file ->
    digest of its bytes; `data` gives the bytes and the file, if any, whose times the copy
    takes): returns the folder's new manifest."""
    staged = _update_staged(outdir, wanted, data, manifest)
    if staged is not None:
        return staged
    out: Manifest = {".": manifest["."]}
    for rel, sha in sorted(wanted.items()):
        known = manifest.get(rel)
        if known is not None and known[3] == sha:
            out[rel] = known
            continue
        parts = plain_parts(rel)
        path = outdir.joinpath(*parts)
        for depth in range(1, len(parts)):  # a new folder; those there are real ones (holds_exactly)
            folder = outdir.joinpath(*parts[:depth])
            if not os.path.lexists(folder):
                os.mkdir(folder)
        out[rel] = (*_write_beside(path, *data(rel)), sha)
    for rel in sorted(set(manifest) - set(wanted) - {"."}, reverse=True):
        path = outdir.joinpath(*rel.split("/"))
        os.unlink(path)
        for folder in path.parents:  # a folder left empty goes, as a fresh build would not make it
            if folder == outdir:
                break
            with os.scandir(folder) as entries:
                if next(entries, None) is not None:
                    break
            os.rmdir(folder)
    return out


def _update_staged(outdir: Path, wanted: dict[str, str], data: Callable[[str], tuple[bytes, Path | None]], manifest: Manifest) -> Manifest | None:
    """update_in_place in one step: the new folder staged beside the old (unchanged files
    linked, changed ones written) and exchanged with it; None where links or the exchange
    cannot be had here (another file system, another system), nothing changed."""
    sweep_staging(outdir)
    staging = new_staging(outdir)
    try:
        out: Manifest = {}
        for rel, sha in sorted(wanted.items()):
            parts = plain_parts(rel)
            path = staging.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)  # the staging folder is ours and fresh
            known = manifest.get(rel)
            if known is not None and known[3] == sha:
                try:
                    os.link(outdir.joinpath(*parts), path, follow_symlinks=False)
                except OSError:  # EXDEV, EPERM, EMLINK: no links here
                    shutil.rmtree(staging, ignore_errors=True)
                    return None
                out[rel] = known
            else:
                out[rel] = (*_write_beside(path, *data(rel)), sha)
        if not exchange(staging, outdir):
            shutil.rmtree(staging, ignore_errors=True)
            return None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)  # the old folder, under the staging name since the exchange
    _sync_folder(outdir.parent)
    out["."] = (0, 0, os.lstat(outdir).st_ino, "")
    return out


def manifest_of(outdir: Path, files: list[str]) -> Manifest:
    """The manifest of a folder just made with these files: each digest is of the bytes read
    with the times and inode it is kept with (another build may have made the folder since)."""
    out: Manifest = {".": (0, 0, os.lstat(outdir).st_ino, "")}
    for rel in files:
        fd = os.open(outdir.joinpath(*rel.split("/")), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            with os.fdopen(os.dup(fd), "rb") as held:
                out[rel] = (st.st_size, st.st_mtime_ns, st.st_ino, digest(held.read()))
        finally:
            os.close(fd)
    return out


def _write_beside(path: Path, raw: bytes, times_of: Path | None) -> tuple[int, int, int]:
    """Write a file beside the path, synced (with the times of `times_of`, where given), then
    put it in the path's place; its (size, mtime_ns, inode)."""
    temp = path.with_name(f".{path.name}{TEMP_SUFFIX}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    if os.path.lexists(temp):
        os.unlink(temp)
    fd = os.open(temp, flags, 0o666)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    os.close(fd)
    if times_of is not None:
        shutil.copystat(times_of, temp, follow_symlinks=False)
    st = os.lstat(temp)
    os.replace(temp, path)
    return st.st_size, st.st_mtime_ns, st.st_ino
