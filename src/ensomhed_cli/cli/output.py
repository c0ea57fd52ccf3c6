"""Where a command's output goes: to stdout, or to a file that is never among the records."""

from __future__ import annotations

import sys
from pathlib import Path

from ensomhed_cli.cli.common import fail, say_
from ensomhed_cli.format.rawfile import reason as os_reason


def write_output(repo, text: str | bytes, output: Path | None) -> None:
    """Write to stdout, or to the output file, never among the records; `repo` is the
    repository or its root. Bytes (a PDF, a Word file) go to stdout's binary buffer, after
    the text written before them."""
    from ensomhed_cli.format.config import RECORDS_DIR
    from ensomhed_cli.fsio import WriteRefused, guard_output, write_atomic

    if output is None or str(output) == "-":
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        return
    try:
        guard_output(output, (repo if isinstance(repo, Path) else repo.root) / RECORDS_DIR)
        write_atomic(output, text)
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(say_(f"kan ikke skrive {output}: {os_reason(exc)}", f"cannot write {output}: {os_reason(exc)}")) from None
