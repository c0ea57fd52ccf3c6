"""Record files at a git revision, read with the real git (one `cat-file --batch` per revision)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ensomhed_cli.diagnostics import say
from ensomhed_cli.gitrepo import GitError, toplevel
from ensomhed_cli.gitrepo import run_git as _git
from ensomhed_cli.paths import RECORD_SUFFIXES, RECORDS_DIR

__all__ = ["GitError", "blobs", "files_at", "listing", "toplevel", "unchanged_in_worktree", "verify"]


def verify(root: Path, revision: str) -> str:
    """The commit a revision names, or a clear GitError."""
    toplevel(root)
    if revision.startswith("-"):
        raise GitError(say(f"`{revision}` er ikke en revision", f"`{revision}` is not a revision"))
    try:
        return _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], root).decode().strip()
    except GitError:
        raise GitError(say(f"revisionen `{revision}` findes ikke i dette git-repository", f"the revision `{revision}` does not exist in this git repository")) from None


def _skipped(rel: str) -> bool:
    return any(part.startswith((".", "_")) for part in rel.split("/"))


def _records_path(root: Path) -> tuple[Path, str, str]:
    """(the git top folder, the root's place in it ("" at the top), the records folder as git names it)."""
    top = toplevel(root)
    prefix = PurePosixPath(root.resolve().relative_to(top.resolve()).as_posix())
    place = "" if str(prefix) == "." else f"{prefix}/"
    return top, place, f"{place}{RECORDS_DIR}"


def listing(root: Path, revision: str) -> dict[str, str]:
    """{path relative to the records root: blob id} of every record file at the revision."""
    commit = verify(root, revision)
    top, place, records = _records_path(root)
    found = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", records], top)
    out: dict[str, str] = {}
    inside = len(place) + len(RECORDS_DIR) + 1
    for entry in found.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        if kind != "blob" or mode == "120000" or not path.endswith(RECORD_SUFFIXES) or not path.startswith(f"{records}/"):
            continue
        if _skipped(path[inside:]):
            continue
        out[path[len(place) :]] = blob
    return out


def blobs(root: Path, ids: list[str]) -> list[bytes]:
    """The contents of git blobs, in the order asked, read in one `cat-file --batch`."""
    if not ids:
        return []
    batch = _git(["cat-file", "--batch"], toplevel(root), data="".join(f"{blob}\n" for blob in ids).encode())
    out: list[bytes] = []
    pos = 0
    for _ in ids:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        start = header_end + 1
        out.append(batch[start : start + size])
        pos = start + size + 1
    return out


def files_at(root: Path, revision: str) -> dict[str, bytes]:
    """{path relative to the records root: bytes} of every record file at the revision."""
    found = listing(root, revision)
    return dict(zip(found, blobs(root, list(found.values())), strict=True))


def unchanged_in_worktree(root: Path, commit: str) -> set[str]:
    """Record paths (relative to the root) whose file in the working tree git holds to be
    the same as at `commit`: tracked, not marked assume-unchanged or skip-worktree, and not
    changed (staged or not) since `commit`. Untracked files are never in it."""
    top, place, records = _records_path(root)
    tracked = _git(["--no-optional-locks", "--literal-pathspecs", "ls-files", "-v", "-z", "--", records], top)
    clean = {name[2:] for name in tracked.split(b"\0") if name.startswith(b"H ")}
    changed = _git(
        ["--no-optional-locks", "--literal-pathspecs", "diff", "--name-only", "-z", "--no-renames", "--no-ext-diff",
         "--ignore-submodules=none", commit, "--", records],
        top,
    )
    clean.difference_update(changed.split(b"\0"))
    return {name.decode("utf-8", "surrogateescape")[len(place) :] for name in clean}
