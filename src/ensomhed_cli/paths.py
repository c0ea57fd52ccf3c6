"""Where things are in a repository, and how its root is found (no heavy imports)."""

from __future__ import annotations

import os
from pathlib import Path

from ensomhed_cli.diagnostics import say

CONFIG_FILE = "ensomhed.yaml"
RECORDS_DIR = "records"
TEMPLATES_DIR = "templates"
RECORD_SUFFIXES = (".md", ".yaml", ".yml")


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root`, with forward slashes as diagnostics show it."""
    return os.path.relpath(path, root).replace(os.sep, "/")


class RepositoryNotFound(Exception):
    """No ensomhed.yaml above the working directory, or --root is not a repository."""


def find_root(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The repository root: --root if given, else the nearest folder up with ensomhed.yaml."""
    if explicit is not None:
        root = explicit.expanduser()
        if not root.is_dir():
            raise RepositoryNotFound(say(f"--root {explicit}: mappen findes ikke", f"--root {explicit}: no such folder"))
        if not (root / CONFIG_FILE).is_file() and not (root / RECORDS_DIR).is_dir():
            raise RepositoryNotFound(say(f"--root {explicit}: der er hverken {CONFIG_FILE} eller en {RECORDS_DIR}/-mappe", f"--root {explicit}: no {CONFIG_FILE} and no {RECORDS_DIR}/ folder there"))
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise RepositoryNotFound(
        say(
            f"ingen {CONFIG_FILE} i {here} eller mapperne over den; kør kommandoen i en mappe med poster, giv --root STI, eller lav en med `ensomhed init`",
            f"no {CONFIG_FILE} found in {here} or any folder above it; run the command inside a records repository, give --root PATH, or create one with `ensomhed init`",
        )
    )


def enclosing_git(folder: Path) -> tuple[Path | None, str]:
    """(the git work tree around folder, folder's place in it: "" at its root or outside git).

    Looked up without running git: the nearest `.git` above; folder need not exist yet.
    pre-commit and GitHub read their settings at the git root and run from there, and CI
    annotations name files from it."""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if os.path.lexists(candidate / ".git"):
            real = candidate.resolve()
            sub = os.path.relpath(here.parent.resolve() / here.name, real).replace(os.sep, "/")
            return real, "" if sub == "." else sub
    return None, ""
