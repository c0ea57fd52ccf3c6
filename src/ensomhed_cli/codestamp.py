"""A stamp of the installed code, part of every key of what ensomhed remembers between runs.

The version alone says nothing: it stays the same from commit to commit, and an edited
checkout (`pip install -e`) keeps it too. So every remembered result (the check cache, the
last whole result, the index, the site's page keys, compiled templates) is keyed by the
path, size and modification time of each file of the package as installed: a newer commit
installed, or a rule's message edited, is a new stamp and nothing is answered from before.
Stat only, no reading: some 170 files take about a millisecond.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from ensomhed_cli import __version__

PACKAGE = Path(__file__).resolve().parent
# What the package is made of: its Python, its templates and what they may include.
CODE_SUFFIXES = (".py", ".j2", ".css", ".js", ".json", ".svg", ".docx")


def code_stamp(package: Path = PACKAGE) -> str:
    """A hex digest of this version and of every source and template file of `package`
    (CODE_SUFFIXES; compiled .pyc files and other tools' files beside them are not code)."""
    return _stamp(str(package))


@functools.cache
def _stamp(package: str) -> str:
    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, files in sorted(os.walk(package)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith(CODE_SUFFIXES):  # not a tool's note beside them (mutmut's .meta)
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            digest.update(f"{os.path.relpath(path, package)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()
