"""A file's bytes and text, read safely: a regular file only, within a size, strict UTF-8.

Light on purpose (no YAML, no schema): a cached `check` reads settings and templates
through here without loading the parser.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ensomhed_cli.diagnostics import ERROR, Diagnostic

MAX_RECORD_BYTES = 2 * 1024 * 1024  # far above any real record; stops a stray dump being read


def read_regular_file(file: Path, *, limit: int = MAX_RECORD_BYTES, what: str = "a record") -> tuple[bytes | None, str, str]:
    """(the file's bytes, "", "") or (None, code, message) when it is no regular file or too large.

    Opened without blocking and judged by what was opened: a FIFO or device that took
    a file's place after discovery is refused, never read forever. Raises OSError.
    """
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            return None, "not-a-file", "not a regular file (a FIFO, device or folder); it is not read"
        if st.st_size > limit:
            size = f"the file is {st.st_size // 1024} KiB; {what} is at most {limit // 1024} KiB"
            return None, "too-large", size
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
        message = (
            f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8"
            " (a file saved as Windows-1252 or Latin-1 does this to æ, ø and å)"
        )
        return None, [Diagnostic(path, line, col, ERROR, "encoding", message)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []
