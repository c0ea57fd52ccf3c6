"""The git repository around the records, read with the real git: its top folder and a file's history.

`ensomhed diff` compares revisions (review/gitrev.py); a dagsorden with `agenda_sent` is
shown as its file stood at the last commit on or before that day (render/as_sent.py). Both
ask git here. git runs with no pager, no optional locks and the repository's own settings;
a path is always given after `--`, a revision never where an option could be read.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
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


# The calendar's reading of the history (query/ical_history.py) is bounded, so that a huge or
# hostile history slows it and never stops it: so many commits, so many bytes of log, so long.
HISTORY_COMMITS = 20_000
HISTORY_BYTES = 64 * 1024 * 1024
HISTORY_SECONDS = 30.0
BLOB_BYTES = 2 * 1024 * 1024  # a version larger than a record may be (format/rawfile.py) is not read
BLOBS_TOTAL = 256 * 1024 * 1024
# Never a lazy fetch of a missing blob from a partial clone's remote (git 2.44 on), nor a prompt.
_OFFLINE = {"GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"}


@dataclass
class History:
    """What git holds of a folder's files along the first-parent line to HEAD."""

    # file (relative to the repository root) -> [(commit time, blob id, or None where the
    # commit deleted it)], oldest first
    versions: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)
    truncated: bool = False  # older commits were left unread (HISTORY_*)
    shallow: bool = False  # a shallow clone: its oldest commit holds every file as if new


def history(root: Path, folder: str) -> History:
    """The versions of every file under `folder` (relative to the repository root), read in
    one `git log` along the first parent, so a branch merged in counts as one change at its
    merge. Renames are not followed: a moved file is a new one. Raises GitError outside git."""
    top, shallow = _top_and_shallow(root)
    place = _place(root, top)
    name = f"{place}{folder}"
    # The user's settings never change what is read: no --follow, no signatures in the log.
    args = ["-c", "log.follow=false", "-c", "log.showSignature=false", "--no-optional-locks", "--literal-pathspecs", "log",
            "--first-parent", "--diff-merges=first-parent", "--root", "--no-renames", "--raw", "--no-abbrev", "-z",
            "--format=%x01%ct", f"--max-count={HISTORY_COMMITS + 1}", "HEAD", "--", name]
    try:
        try:
            log, cut = _read_bounded(args, top, HISTORY_BYTES, HISTORY_SECONDS)
        except GitError as exc:
            if "diff-merges" not in str(exc):
                raise
            # git before 2.31: -m with --first-parent shows a merge against its first parent
            log, cut = _read_bounded([("-m" if a == "--diff-merges=first-parent" else a) for a in args], top, HISTORY_BYTES, HISTORY_SECONDS)
    except GitError as exc:
        if "does not have any commits" in str(exc) or "unknown revision" in str(exc) or "ambiguous argument 'HEAD'" in str(exc):
            return History(shallow=shallow)
        raise
    commits = _raw_log(log, cut)
    found = History(truncated=cut or len(commits) > HISTORY_COMMITS, shallow=shallow)
    for when, changes in reversed(commits[:HISTORY_COMMITS]):
        for path, blob in changes:
            if path.startswith(place):
                found.versions.setdefault(path[len(place) :], []).append((when, blob))
    return found


def _top_and_shallow(root: Path) -> tuple[Path, bool]:
    try:
        out = run_git(["rev-parse", "--show-toplevel", "--is-shallow-repository"], root).decode("utf-8", "surrogateescape")
    except GitError:
        raise GitError(f"{root} is not inside a git repository") from None
    top, _, shallow = out.rstrip("\n").rpartition("\n")
    return Path(top), shallow.strip() == "true"


def _place(root: Path, top: Path) -> str:
    place = root.resolve().relative_to(top.resolve()).as_posix()
    return "" if place == "." else f"{place}/"


def _read_bounded(args: list[str], cwd: Path, limit: int, seconds: float) -> tuple[bytes, bool]:
    """(git's output, whether it was cut short at `limit` bytes or after `seconds`)."""
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(["git", "--no-pager", *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=errors, env={**os.environ, **_OFFLINE})
        except FileNotFoundError:
            raise GitError("git is not installed") from None
        late = threading.Event()

        def stop() -> None:
            late.set()
            proc.kill()

        timer = threading.Timer(seconds, stop)
        timer.start()
        chunks, size, cut = [], 0, False
        try:
            while chunk := proc.stdout.read1(1 << 16):  # type: ignore[union-attr]
                chunks.append(chunk)
                size += len(chunk)
                if size >= limit:
                    cut = True
                    proc.kill()
                    break
        finally:
            proc.stdout.close()  # type: ignore[union-attr]
            code = proc.wait()
            timer.cancel()
        if cut or late.is_set():
            return b"".join(chunks), True
        if code != 0:
            errors.seek(0)
            raise GitError(errors.read().decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return b"".join(chunks), False


def _raw_log(log: bytes, cut: bool) -> list[tuple[int, list[tuple[str, str | None]]]]:
    """[(commit time, [(path, blob or None)])] of `git log --raw -z --format=%x01%ct`, newest
    first. Read by position (a path may hold any byte but NUL); a log cut short loses its last
    commit, which may be partial."""
    commits: list[tuple[int, list[tuple[str, str | None]]]] = []
    meta: bytes | None = None
    for token in log.split(b"\0"):
        if meta is not None:
            fields = meta.split()
            if len(fields) == 5 and commits:
                mode, blob, status = fields[1], fields[3].decode(), fields[4]
                regular = mode in (b"100644", b"100755")
                kept = None if status.startswith(b"D") or not regular or set(blob) == {"0"} else blob
                commits[-1][1].append((token.decode("utf-8", "surrogateescape"), kept))
            meta = None
            continue
        bare = token.lstrip(b"\n")
        if bare.startswith(b":"):
            meta = bare
        elif bare.startswith(b"\x01") and bare[1:].isdigit():
            commits.append((int(bare[1:]), []))
    return commits[:-1] if cut and commits else commits


def changed_in_worktree(root: Path, folder: str) -> set[str]:
    """Files under `folder` (relative to the repository root) that differ from HEAD, staged or
    not; empty when there is no HEAD. Raises GitError outside git."""
    top, _ = _top_and_shallow(root)
    place = _place(root, top)
    try:
        out = run_git(["--no-optional-locks", "--literal-pathspecs", "diff", "--name-only", "-z", "--no-renames", "--no-ext-diff",
                       "HEAD", "--", f"{place}{folder}"], top)
    except GitError as exc:
        if "unknown revision" in str(exc) or "ambiguous argument 'HEAD'" in str(exc) or "bad revision" in str(exc):
            return set()
        raise
    names = (name.decode("utf-8", "surrogateescape") for name in out.split(b"\0") if name)
    return {name[len(place) :] for name in names if name.startswith(place)}


def read_blobs(root: Path, ids: list[str]) -> dict[str, bytes]:
    """{blob id: bytes} of the blobs asked for, in one `cat-file --batch-check` and one
    `--batch`; a blob missing (a partial or shallow clone), larger than BLOB_BYTES or past
    BLOBS_TOTAL in all is left out."""
    if not ids:
        return {}
    top, _ = _top_and_shallow(root)
    env = {**os.environ, **_OFFLINE}
    asked = "".join(f"{blob}\n" for blob in dict.fromkeys(ids)).encode()
    sizes = _run_offline(["cat-file", "--batch-check"], top, asked, env)
    wanted, total = [], 0
    for line in sizes.decode("ascii", "replace").splitlines():
        blob, _, rest = line.partition(" ")
        kind, _, size_text = rest.partition(" ")
        if kind == "blob" and size_text.isdigit() and int(size_text) <= BLOB_BYTES and total + int(size_text) <= BLOBS_TOTAL:
            wanted.append(blob)
            total += int(size_text)
    if not wanted:
        return {}
    batch = _run_offline(["cat-file", "--batch"], top, "".join(f"{blob}\n" for blob in wanted).encode(), env)
    out: dict[str, bytes] = {}
    pos = 0
    for blob in wanted:
        header_end = batch.index(b"\n", pos)
        header = batch[pos:header_end].split()
        if len(header) != 3:  # missing after all (a race with gc): skip its line
            pos = header_end + 1
            continue
        size = int(header[2])
        out[blob] = batch[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return out


def _run_offline(args: list[str], cwd: Path, data: bytes, env: dict[str, str]) -> bytes:
    try:
        proc = subprocess.run(["git", "--no-pager", *args], cwd=cwd, input=data, capture_output=True, check=False, env=env,
                              timeout=HISTORY_SECONDS)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {HISTORY_SECONDS:g} seconds") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return proc.stdout
