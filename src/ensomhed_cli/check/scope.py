"""Which problems a check speaks of: `check PATH...` picks files, CI wants paths from the git root.

A check of some files still reads the whole repository (a reference from a given file
resolves against every record), but reports only what concerns the files given.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from ensomhed_cli.diagnostics import Diagnostic, say
from ensomhed_cli.paths import CONFIG_FILE, RECORD_SUFFIXES, RECORDS_DIR, enclosing_git


class SelectionError(ValueError):
    """A path given to `check` that is not a record file of the repository."""


def record_paths(root: Path, given: Iterable[Path], cwd: Path) -> list[str]:
    """The given paths (relative to cwd, or absolute) as record paths relative to root.

    Links in the folders are resolved (the root is resolved too), the file's own name is
    not: a record that is a link is judged as discovery judges it. Raises SelectionError
    for a path outside the repository or one that is not a record file."""
    root = root.resolve()
    out: list[str] = []
    for path in given:
        full = Path(os.path.abspath(cwd / path.expanduser()))
        real = full.parent.resolve() / full.name
        try:
            rel = real.relative_to(root).as_posix()
        except ValueError:
            raise SelectionError(say(f"{path}: ligger ikke i projektmappen {root}", f"{path}: not inside the repository at {root}")) from None
        if not (rel.startswith(f"{RECORDS_DIR}/") and rel.endswith(RECORD_SUFFIXES)):
            raise SelectionError(say(f"{path}: ikke en postfil (poster er .md-, .yaml- eller .yml-filer under {RECORDS_DIR}/)", f"{path}: not a record file (records are .md, .yaml or .yml files under {RECORDS_DIR}/)"))
        if not os.path.lexists(real):
            raise SelectionError(say(f"{path}: filen findes ikke", f"{path}: no such file"))
        if os.path.isdir(real):
            raise SelectionError(say(f"{path}: en mappe, ikke en postfil", f"{path}: a folder, not a record file"))
        if rel not in out:
            out.append(rel)
    return out


def concerning(diagnostics: Iterable[Diagnostic], paths: Collection[str], ids: Collection[str]) -> list[Diagnostic]:
    """The problems of the given files, and those of the repository that concern them: the
    settings (they govern every file) and an id of theirs that another record uses too."""
    return [
        d
        for d in diagnostics
        if d.path in paths or d.path == CONFIG_FILE or (d.code == "duplicate-id" and d.record_id in ids)
    ]


def git_prefix(root: Path) -> str:
    """The repository root relative to the git work tree around it, "" or "sub/folder/":
    CI annotations name files from the git root, and a records repository may be a
    sub-folder of a larger git repository."""
    sub = enclosing_git(root.resolve())[1]
    return f"{sub}/" if sub else ""


def narrow(result: Any, only: Collection[str], summaries: dict[str, list | None]) -> None:
    """A check's result (incremental.CheckResult) of the whole repository, told of the files
    in `only` alone; `summaries` holds their summaries as the cache keeps them."""
    from ensomhed_cli.check.record_summary import Summary

    told = [Summary.from_json(summary) for rel in only if (summary := summaries.get(rel)) is not None]
    result.diagnostics = concerning(result.diagnostics, set(only), {s.id for s in told})
    result.files = len(only)
    result.counts = {}
    for s in told:
        if s.valid:
            result.counts[s.kind] = result.counts.get(s.kind, 0) + 1
