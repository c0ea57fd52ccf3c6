"""Record files at a git revision, read with the real git (one `cat-file --batch` per revision)."""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from ensomhed_cli.format.config import RECORDS_DIR
from ensomhed_cli.paths import RECORD_SUFFIXES


class GitError(Exception):
    """git is missing, the folder is not in a git repository, or a revision does not exist."""


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return proc.stdout


def toplevel(root: Path) -> Path:
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], root).decode().strip())
    except GitError:
        raise GitError(f"{root} is not inside a git repository") from None


def verify(root: Path, revision: str) -> str:
    """The commit a revision names, or a clear GitError."""
    toplevel(root)
    if revision.startswith("-"):
        raise GitError(f"`{revision}` is not a revision")
    try:
        return _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], root).decode().strip()
    except GitError:
        raise GitError(f"the revision `{revision}` does not exist in this git repository") from None


def _skipped(rel: PurePosixPath) -> bool:
    return any(part.startswith((".", "_")) for part in rel.parts)


def files_at(root: Path, revision: str) -> dict[str, bytes]:
    """{path relative to the records root: bytes} of every record file at the revision."""
    commit = verify(root, revision)
    top = toplevel(root)
    prefix = PurePosixPath(root.resolve().relative_to(top.resolve()).as_posix())
    records = (prefix / RECORDS_DIR).as_posix() if str(prefix) != "." else RECORDS_DIR
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", records], top)
    wanted: list[tuple[str, str]] = []  # (blob, path relative to root)
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        path = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        rel = path.relative_to(prefix) if str(prefix) != "." else path
        if kind != "blob" or mode == "120000" or not rel.name.endswith(RECORD_SUFFIXES):
            continue
        if _skipped(rel.relative_to(RECORDS_DIR)):
            continue
        wanted.append((blob, rel.as_posix()))
    if not wanted:
        return {}
    batch = _git(["cat-file", "--batch"], top, data="".join(f"{blob}\n" for blob, _ in wanted).encode())
    out: dict[str, bytes] = {}
    pos = 0
    for _, rel in wanted:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        start = header_end + 1
        out[rel] = batch[start : start + size]
        pos = start + size + 1
    return out
