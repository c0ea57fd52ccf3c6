"""Writing files without ever losing one: every write goes through here."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from ensomhed_cli.diagnostics import say


class WriteRefused(Exception):
    """A write that would replace or endanger a record."""


TEMP_SUFFIX = ".ensomhed-tmp"


def write_atomic(path: Path, data: str | bytes, *, exclusive: bool = False, within: Path | None = None) -> None:
    """Write the whole file or nothing: readers and a crash see the old file or the new one.

    The data goes to an anonymous file in the target's folder (Linux O_TMPFILE; a
    hidden temporary name elsewhere), is flushed and fsynced, and only then gets its
    name: linked into place when `exclusive` (a new record: an existing file is never
    replaced, even one that appears meanwhile), else renamed over the target. The
    target's mode is kept; a symbolic link is never written through. A process killed
    at any point leaves no partial file; at most, in the instant between naming and
    renaming, a hidden temporary file, which the next write to that file removes.
    With `within`, a folder on the way that is a link leading outside it is refused.
    """
    path = Path(path)
    folder = path.parent
    if within is not None:
        base = Path(within).resolve()
        real = folder.resolve()
        if real != base and base not in real.parents:
            raise WriteRefused(say(f"{path}: en mappe på vejen er et link, der fører ud af {base}; der skrives ikke", f"{path}: a folder on the way is a link that leads outside {base}; not writing there"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        existing = path.lstat()
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISLNK(existing.st_mode):
        raise WriteRefused(say(f"{path} er et symbolsk link; der skrives ikke gennem det", f"{path} is a symbolic link; not writing through it"))
    if existing is not None and exclusive:
        raise WriteRefused(say(f"{path} findes allerede; den bliver ikke rørt", f"{path} exists already; it is left untouched"))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # Renaming over /dev/null (as root) or a FIFO would replace it with a file.
        raise WriteRefused(say(f"{path} er ikke en almindelig fil (en mappe, enhed eller rør); der skrives ikke over den", f"{path} is not a regular file (a folder, device or pipe); not writing over it"))
    mode = existing.st_mode & 0o7777 if existing is not None else 0o666 & ~_umask()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    _sweep(folder, path.name)
    fd, tmp = _open_temporary(folder, path.name)
    try:
        try:
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view) :]
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:  # Windows has no fchmod; there the temporary always has a name
                os.chmod(tmp, mode)  # type: ignore[arg-type]
            os.fsync(fd)
            if tmp is None:  # anonymous: give it a name now, whole and synced
                tmp = _name_anonymous(fd, folder, path, exclusive)
        finally:
            os.close(fd)
        if tmp is None:
            pass  # linked straight into place
        elif exclusive:
            os.link(tmp, path)  # fails if the target appeared meanwhile
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except FileExistsError:
        _remove(tmp)
        raise WriteRefused(say(f"{path} findes allerede; den bliver ikke rørt", f"{path} exists already; it is left untouched")) from None
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(folder)


def _open_temporary(folder: Path, name: str) -> tuple[int, str | None]:
    """(fd, None) for an anonymous file in folder, or (fd, hidden path) where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(folder, flag | os.O_WRONLY | os.O_CLOEXEC, 0o600), None
        except OSError:
            pass  # the file system has no anonymous files
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    return fd, tmp


def _name_anonymous(fd: int, folder: Path, path: Path, exclusive: bool) -> str | None:
    """Link the anonymous file: at the target when exclusive (returns None), else at a hidden name."""
    source = f"/proc/self/fd/{fd}"
    # With a folder descriptor given, os.link calls linkat(AT_SYMLINK_FOLLOW), which
    # is what names an O_TMPFILE file; plain link() would try to link /proc's link.
    dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if exclusive:
            os.link(source, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            return None
        for _ in range(100):
            name = f".{path.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}"
            try:
                os.link(source, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
                return str(folder / name)
            except FileExistsError:
                continue
        raise OSError(f"no free temporary name beside {path}")
    finally:
        os.close(dir_fd)


def _sweep(folder: Path, name: str) -> None:
    """Remove what an earlier write of this file left when it was killed mid-way."""
    prefix = f".{name}."
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX) and entry.is_file(follow_symlinks=False):
                    _remove(entry.path)
    except OSError:
        pass


def _remove(tmp: str | None) -> None:
    if tmp is None:
        return
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def file_key(st: os.stat_result) -> tuple[int, int]:
    """(size key, mtime_ns): what says a record file is as it was when last read.

    The size key is the size with, from bit 40 up, a digest of the file's inode and ctime,
    which git's index keeps for the same reason: an edit of the same size whose time was set
    back (`touch -r`), or two files of one size swapped with `mv` where times are whole
    seconds (as a tar extract leaves them), changes it. The mtime stays the mtime, which
    says whether a file changed too recently to be remembered."""
    mark = hash((st.st_ino, st.st_ctime_ns)) & 0x3FFFFF
    return st.st_size | (mark << 40), st.st_mtime_ns


def _sync_folder(folder: Path) -> None:
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


STAGING_SUFFIX = ".ensomhed-staging"


def plain_parts(rel: str) -> list[str]:
    """The parts of a path inside an output folder, with "/"; WriteRefused for one that is
    not plain (absolute, empty parts, "." or "..")."""
    parts = rel.split("/")
    if rel.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise WriteRefused(say(f"{rel}: ikke en almindelig sti inde i mappen; den skrives ikke", f"{rel}: not a plain path inside the folder; not writing it"))
    return parts


def write_staged(staging: Path, rel: str, data: str | bytes, previous: Path | None = None) -> None:
    """A new file in a staging folder replace_folder made: nothing there to keep or sweep, no
    link (the folder is ours, fresh), and synced with the whole folder before it takes its place.
    With `previous` (the folder the staging one replaces), a file there that holds exactly
    these bytes is linked instead of written again: a rebuilt site rewrites only what changed."""
    parts = plain_parts(rel)
    path = staging.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if previous is not None and _link_same(previous, parts, raw, path):
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _link_same(previous: Path, parts: list[str], raw: bytes, path: Path) -> bool:
    """Link previous/parts to path where it is a regular file with exactly these bytes, reached
    through real folders only (no link in the old folder leads out of it); else False."""
    folder = previous
    try:
        for part in parts[:-1]:
            folder = folder / part
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return False
        old = folder / parts[-1]
        fd = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            # A file linked elsewhere too (to a record, say) would stay tied to it: written anew.
            if not stat.S_ISREG(st.st_mode) or st.st_size != len(raw) or st.st_nlink > 1:
                return False
            with os.fdopen(os.dup(fd), "rb") as held:
                if held.read(len(raw) + 1) != raw:
                    return False
        finally:
            os.close(fd)
        os.link(old, path, follow_symlinks=False)
        return True
    except (OSError, NotImplementedError):
        return False


def replace_folder(target: Path, fill: Callable[[Path], None]) -> None:
    """Make a folder anew: `fill` writes into a staging folder beside `target`, which then
    takes its place whole, in one step (exchange()): readers see the old folder or the new
    one at every instant, and a kill at any point leaves one of them in place. Where the
    system cannot exchange two folders, two renames (a moment with neither). A failure
    leaves the old folder as it was; the next call sweeps what a kill left beside it."""
    target = Path(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    sweep_staging(target)
    staging = new_staging(target)
    try:
        fill(staging)
        if hasattr(os, "sync"):
            os.sync()  # once for every file written (write_staged does not sync each)
        put_in_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def sweep_staging(target: Path) -> None:
    """Remove what a killed build left beside `target`: staging folders, and old sites."""
    prefix = f".{target.name}."
    with os.scandir(target.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(STAGING_SUFFIX) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


def new_staging(target: Path) -> Path:
    """An empty folder beside `target` (so a rename can put it in its place), readable as a site is."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=STAGING_SUFFIX, dir=target.parent))
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; a site is for reading
    return staging


def put_in_place(staging: Path, target: Path) -> None:
    """The staging folder becomes `target`; what was there is removed after."""
    parent = target.parent
    if os.path.isdir(target) and not os.path.islink(target) and exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # the old folder, now under the staging name
    elif os.path.lexists(target):
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=STAGING_SUFFIX, dir=parent))
        os.rename(target, old / "old")  # a folder, a file or a link: moved aside, never followed
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, target)
    _sync_folder(parent)


_RENAME_EXCHANGE = 2  # linux/fs.h


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE, 3.15 and later, on
    ext4, xfs, btrfs, tmpfs, overlayfs …); False, nothing changed, where the system or the
    file system cannot."""
    if os.environ.get("ENSOMHED_NO_EXCHANGE"):  # to test the fallback
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, ImportError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# The words refuse_replacing is given, in Danish: what the folder holds, and what would replace it.
_DA = {"site": "siden", "export": "eksporten", "build": "bygning"}
_DA_MAKING = {"build": "bygning", "export": "eksport"}


def guard_output(target: Path, records_dir: Path, *, folder: bool = False) -> None:
    """Refuse output that would land among the records (and so be read as one, or replace one)."""
    target = target.resolve()
    records_dir = records_dir.resolve()
    if target == records_dir or records_dir in target.parents:
        raise WriteRefused(say(f"{target} ligger i mappen med posterne; skriv uddata et andet sted", f"{target} is inside the records folder; write rendered output elsewhere"))
    if folder and target == records_dir.parent:
        raise WriteRefused(say(f"{target} er selve mappen med ensomhed.yaml; giv uddata en mappe for sig", f"{target} is the repository root; give the output a folder of its own"))


def refuse_replacing(
    outdir: Path, marker_name: str, *, public: bool, force: bool, what: str = "site", making: str = "build"
) -> None:
    """Raise WriteRefused where writing a folder of output (a site, an export) into outdir
    would replace what it should not: a folder ensomhed did not make (it has no
    `marker_name` file), or public output about to become internal output."""
    if outdir.is_symlink():
        raise WriteRefused(say(f"{outdir} er et symbolsk link; giv selve mappen som --output", f"{outdir} is a symbolic link; give the folder itself as --output"))
    if not outdir.exists() or force:
        return
    if not outdir.is_dir():
        raise WriteRefused(say(f"{outdir} er ikke en mappe; giv --force for at erstatte den med {_DA[what]}", f"{outdir} is not a folder; give --force to replace it with the {what}"))
    if not any(outdir.iterdir()):
        return
    try:
        marker = json.loads((outdir / marker_name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise WriteRefused(
            say(
                f"{outdir} indeholder filer, som ensomhed ikke har skrevet (der er ingen {marker_name}); giv en tom eller ny --output, eller --force for at erstatte mappen",
                f"{outdir} holds files that ensomhed did not write (there is no {marker_name}); give an empty or new --output, or --force to replace the folder",
            )
        ) from None
    if isinstance(marker, dict) and marker.get("public") is True and not public:
        raise WriteRefused(
            say(
                f"{outdir} indeholder en offentlig udgave ({_DA[what]}); en intern {_DA_MAKING[making]} ville erstatte den med lukkede punkter. Giv en anden --output, eller --force",
                f"{outdir} holds a public {what}; an internal {making} would replace it with closed items. Give another --output, or --force",
            )
        )
