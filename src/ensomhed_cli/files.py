"""Which files are records: found under records/, judged before they are read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ensomhed_cli.diagnostics import WARNING, Diagnostic
from ensomhed_cli.paths import RECORDS_DIR
from ensomhed_cli.source import RECORD_SUFFIXES, relative


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.startswith("_")


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every record file under records/, sorted; links and odd files are judged, not followed blindly."""
    named, diagnostics = discover_named(root)
    return [path for _, path in named], diagnostics


def discover_named(root: Path) -> tuple[list[tuple[str, Path]], list[Diagnostic]]:
    """As discover, with each file's path relative to the root (forward slashes)."""
    records_dir = root / RECORDS_DIR
    found: list[tuple[str, Path]] = []
    diagnostics: list[Diagnostic] = []
    if not records_dir.is_dir():
        return [], diagnostics
    root_text = str(root)
    for folder, dirnames, filenames in os.walk(records_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _skipped(d))
        for d in dirnames:
            if os.path.islink(os.path.join(folder, d)):
                rel = relative(Path(folder, d), root)
                diagnostics.append(
                    Diagnostic(rel, 1, 1, WARNING, "skipped-link", "a link to a folder is not followed; its records are not read")
                )
        rel_folder = os.path.relpath(folder, root_text).replace(os.sep, "/")
        for name in filenames:
            if _skipped(name) or not name.endswith(RECORD_SUFFIXES):
                continue
            path = Path(folder, name)
            rel = f"{rel_folder}/{name}"
            problem = _file_problem(path, root)
            if problem:
                diagnostics.append(Diagnostic(rel, 1, 1, WARNING, "skipped-file", problem))
                continue
            found.append((rel, path))
    found.sort()
    return found, diagnostics


def _file_problem(path: Path, root: Path) -> str | None:
    """Why a file is not read as a record, or None when it is a plain file inside the repository."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            target = path.resolve()
            if target != root and root not in target.parents:
                return "skipped: the link points outside the repository"
            st = os.stat(path)
    except (OSError, RuntimeError) as exc:  # broken link, link loop
        return f"skipped: cannot be read ({getattr(exc, 'strerror', None) or exc})"
    if not stat.S_ISREG(st.st_mode):
        return "skipped: not a regular file"
    return None
