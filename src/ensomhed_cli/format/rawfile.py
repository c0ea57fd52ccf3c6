"""A file's bytes and text, read safely: a regular file only, within a size, strict UTF-8.

Light on purpose (no YAML, no schema): a cached `check` reads settings and templates
through here without loading the parser.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ensomhed_cli.diagnostics import ERROR, Diagnostic, say

MAX_RECORD_BYTES = 2 * 1024 * 1024  # far above any real record; stops a stray dump being read


# What a file is read as, in a message about its size: (Danish, English).
WHAT = {"record": ("en post", "a record"), "template": ("en skabelon", "a template"), "cache": ("en cache-fil", "a cache file")}


def read_regular_file(file: Path, *, limit: int = MAX_RECORD_BYTES, what: str = "record") -> tuple[bytes | None, str, str]:
    """(the file's bytes, "", "") or (None, code, message) when it is no regular file or too large.

    Opened without blocking and judged by what was opened: a FIFO or device that took
    a file's place after discovery is refused, never read forever. Raises OSError.
    """
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            return None, "not-a-file", not_a_file()
        if st.st_size > limit:
            return None, "too-large", too_large(st.st_size, limit, what)
        return fh.read(limit + 1), "", ""


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Strict UTF-8; a BOM is dropped and CRLF/CR line ends become LF."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        message = say(
            f"filen er ikke gemt som UTF-8 (her står byten 0x{bad}): gem den igen som UTF-8"
            " (en fil gemt som Windows-1252 eller Latin-1 gør sådan ved æ, ø og å)",
            f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8"
            " (a file saved as Windows-1252 or Latin-1 does this to æ, ø and å)",
        )
        return None, [Diagnostic(path, line, col, ERROR, "encoding", message)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def not_a_file() -> str:
    return say(
        "ikke en almindelig fil (men en mappe, en FIFO eller en enhed); den læses ikke",
        "not a regular file (a FIFO, device or folder); it is not read",
    )


def too_large(size: int, limit: int, what: str = "record") -> str:
    da, en = WHAT.get(what, WHAT["record"])
    return say(
        f"filen fylder {size // 1024} KiB; {da} må højst fylde {limit // 1024} KiB",
        f"the file is {size // 1024} KiB; {en} is at most {limit // 1024} KiB",
    )


# Why the system could not read something, for the errors a person can act on; others as the system says them.
_REASONS = {
    errno.EACCES: ("adgang nægtet", "permission denied"),
    errno.EPERM: ("adgang nægtet", "operation not permitted"),
    errno.ENOENT: ("findes ikke", "no such file or folder"),
    errno.ELOOP: ("linket peger i ring", "the link loops"),
    errno.ENOTDIR: ("en del af stien er ikke en mappe", "part of the path is not a folder"),
    errno.EISDIR: ("er en mappe", "is a folder"),
    errno.ENAMETOOLONG: ("navnet er for langt", "the name is too long"),
    errno.EIO: ("fejl ved læsning fra eller skrivning til disken", "input/output error"),
    errno.ENOSPC: ("disken er fuld", "no space left on the disk"),
    errno.EDQUOT: ("kvoten på disken er brugt op", "the disk quota is used up"),
    errno.EROFS: ("disken kan kun læses, ikke skrives", "the file system is read-only"),
    errno.EEXIST: ("findes allerede", "exists already"),
    errno.EADDRINUSE: ("porten bruges allerede af et andet program", "the port is in use by another program"),
    errno.EADDRNOTAVAIL: ("adressen findes ikke på denne maskine", "the address is not one of this machine's"),
}


def reason(exc: BaseException) -> str:
    """Why a file or folder could not be read or written, in the language of the messages."""
    if isinstance(exc, RuntimeError):  # Path.resolve on a link loop (before Python 3.13)
        return say(*_REASONS[errno.ELOOP])
    known = _REASONS.get(getattr(exc, "errno", None))  # type: ignore[arg-type]
    if known:
        return say(*known)
    return str(getattr(exc, "strerror", None) or exc)


def cannot_read(exc: BaseException) -> str:
    return say(f"filen kan ikke læses: {reason(exc)}", f"cannot read the file: {reason(exc)}")
