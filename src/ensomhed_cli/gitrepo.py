"""The git repository around the records, read with the real git: its top folder and a file's history.

`ensomhed diff` compares revisions (review/gitrev.py); a dagsorden with `agenda_sent` is
shown as its file stood at the last commit on or before that day (render/as_sent.py). Both
ask git here. git runs with no pager, no optional locks and the repository's own settings;
a path is always given after `--`, a revision never where an option could be read.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from ensomhed_cli.diagnostics import say


class GitError(Exception):
    """git is missing, the folder is not in a git repository, or a revision does not exist."""


def run_git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "--no-pager", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(say("git er ikke installeret", "git is not installed")) from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return proc.stdout


def toplevel(root: Path) -> Path:
    try:
        return Path(run_git(["rev-parse", "--show-toplevel"], root).decode().strip())
    except GitError:
        raise GitError(say(f"{root} ligger ikke i et git-repository", f"{root} is not inside a git repository")) from None


def git_path(root: Path, rel: str) -> tuple[Path, str]:
    """(the git top folder, a file relative to the repository root as git names it)."""
    top = toplevel(root)
    place = root.resolve().relative_to(top.resolve()).as_posix()
    return top, rel if place == "." else f"{place}/{rel}"


def last_commits(root: Path, deadlines: dict[str, dt.datetime]) -> dict[str, str]:
    """{file: the last commit that changed it on or before its deadline} of the files given
    (relative to the repository root), read in one walk of the history; a file with no such
    commit (new since, or never committed) is left out. Raises GitError outside git."""
    if not deadlines:
        return {}
    top, _ = git_path(root, "")
    named = {git_path(root, rel)[1]: rel for rel in deadlines}
    try:
        log = run_git(["--no-optional-locks", "log", "--date-order", "--no-renames", "--format=%x01%H %ct", "--name-only", "-z", "HEAD", "--", *named], top)
    except GitError as exc:
        if "does not have any commits" in str(exc) or "unknown revision" in str(exc) or "ambiguous argument 'HEAD'" in str(exc):
            return {}
        raise
    limits = {rel: int(moment.timestamp()) for rel, moment in deadlines.items()}
    found: dict[str, str] = {}
    for entry in log.split(b"\x01")[1:]:  # "SHA TIME\0\nname\0name\0"
        head, *names = entry.split(b"\0")
        commit, _, when = head.decode().partition(" ")
        for name in names:
            rel = named.get(name.decode("utf-8", "surrogateescape").lstrip("\n"))
            if rel is not None and rel not in found and int(when) <= limits[rel]:
                found[rel] = commit
    return found


def file_at(root: Path, commit: str, rel: str) -> bytes:
    """A file's bytes at a commit (the commit is a hex id git gave; the path is git's own)."""
    top, name = git_path(root, rel)
    return run_git(["cat-file", "blob", f"{commit}:{name}"], top)
