"""Writing files without ever losing one: every write goes through here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """A write that would replace or endanger a record."""


def write_atomic(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target.

    Readers see the old file or the new one, whole, never a mix. The target's mode is
    kept. With `exclusive`, an existing file is never replaced (for new records).
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; not writing through it")
    if exclusive and path.exists():
        raise WriteRefused(f"{path} exists already; it is left untouched")
    mode = None
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if exclusive:
            os.link(tmp, path)  # fails if the target appeared meanwhile
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except FileExistsError:
        os.unlink(tmp)
        raise WriteRefused(f"{path} exists already; it is left untouched") from None
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def guard_output(target: Path, records_dir: Path, *, folder: bool = False) -> None:
    """Refuse output that would land among the records (and so be read as one, or replace one)."""
    target = target.resolve()
    records_dir = records_dir.resolve()
    if target == records_dir or records_dir in target.parents:
        raise WriteRefused(f"{target} is inside the records folder; write rendered output elsewhere")
    if folder and target == records_dir.parent:
        raise WriteRefused(f"{target} is the repository root; give the output a folder of its own")
