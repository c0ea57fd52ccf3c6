"""The standard streams made safe before a command runs, and what a broken one means at the end.

A closed stdout (`ensomhed list >&-`), a terminal whose locale cannot write æ, ø and å
(`LC_ALL=C`), a reader that stops early (`ensomhed list | head -c 10`) and `COLUMNS=0` are
the user's setting, not a fault in the records: each ends in a plain line and an exit code
that says what happened, never a traceback or "internal error".
"""

from __future__ import annotations

import errno
import io
import os
import sys

# The shell's status of a process that a closed pipe stopped (128 + SIGPIPE), as for `yes | head`:
# not 1, which says the records have errors.
EXIT_PIPE_CLOSED = 141


class ClosedStream(io.TextIOBase):
    """Standard output the shell closed: a command that prints nothing (`check`) runs as
    usual; one that writes its output is stopped with EBADF, reported by main()."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


def prepare() -> None:
    """Before the command: closed streams stood in for, text that cannot be encoded written
    anyway, and a terminal width that is no width ignored."""
    if sys.stdout is None:
        sys.stdout = ClosedStream()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process's life)
    for stream in (sys.stdout, sys.stderr):
        _encodable(stream)
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.isdigit() and int(value) > 0):
            del os.environ[name]  # `COLUMNS=0` or `COLUMNS=wide`: as if unset, the terminal's own


def _encodable(stream) -> None:
    """A stream whose encoding cannot write Danish (LC_ALL=C gives ASCII): to a file or a pipe,
    UTF-8 (the records' own encoding); to a terminal, a `?` where a letter cannot be shown."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding in ("utf8", "utf8sig", "utf16", "utf32") or not hasattr(stream, "reconfigure"):
        return
    try:
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def pipe_was_closed() -> bool:
    """Whether Click stopped the command because its reader went away (it swaps in its
    PacifyFlushWrapper on EPIPE, then exits 1)."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"
