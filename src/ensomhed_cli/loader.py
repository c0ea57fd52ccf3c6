"""Loading a repository, stage by stage.

    discover files -> read and parse each -> build typed records -> run the rules

Each stage returns its results and its diagnostics; a bad file never stops the
others from being read, and every problem in the repository is reported in one run.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from ensomhed_cli.build import build_record, translate_errors
from ensomhed_cli.config import CONFIG_FILE, RECORDS_DIR, Config
from ensomhed_cli.diagnostics import WARNING, Diagnostic, sort_diagnostics
from ensomhed_cli.fieldtypes import SLUG_RE
from ensomhed_cli.repository import Repository
from ensomhed_cli.rules import run_rules
from ensomhed_cli.schema import KINDS, Record
from ensomhed_cli.source import RECORD_SUFFIXES, read_record, relative


def load(root: Path) -> tuple[Repository, list[Diagnostic]]:
    """Load and check the repository at `root` (found with config.find_root)."""
    root = root.resolve()
    config, diagnostics = load_config(root)
    files, found = discover(root)
    diagnostics.extend(found)
    records: list[Record] = []
    invalid: dict[str, str] = {}
    for file in files:
        rel = relative(file, root)
        record, problems, identity = load_record(file, rel)
        diagnostics.extend(problems)
        if record is not None:
            records.append(record)
        elif identity is not None:
            invalid.setdefault(identity[1], identity[0])
    repo = Repository(root=root, config=config, records=records, files=len(files), invalid=invalid)
    diagnostics.extend(run_rules(repo))
    return repo, sort_diagnostics(diagnostics)


def load_record(file: Path, rel: str) -> tuple[Record | None, list[Diagnostic], tuple[str, str] | None]:
    """Read, parse and validate one record file.

    Returns the record (None when it does not fit the schema), its problems, and
    for an invalid record its (kind, id) when those can be told, so that references
    to it are not reported a second time as unresolved.
    """
    doc = read_record(file, rel)
    problems = list(doc.diagnostics)
    record, built = build_record(doc)
    problems.extend(built)
    identity = None
    if record is None and doc.data is not None:
        identity = identify(doc.data, rel)
    return record, problems, identity


def identify(data: dict, rel: str) -> tuple[str, str] | None:
    kind = data.get("kind")
    record_id = data.get("id")
    if record_id is None:
        record_id = PurePosixPath(rel).stem
    if isinstance(kind, str) and kind in KINDS and isinstance(record_id, str) and SLUG_RE.fullmatch(record_id):
        return kind, record_id
    return None


def load_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    """ensomhed.yaml, validated like a record; defaults when it is missing or broken."""
    from pydantic import ValidationError

    file = root / CONFIG_FILE
    if not file.is_file():
        return Config(), []
    doc = read_record(file, CONFIG_FILE, allow_empty=True)  # every key is optional
    if doc.diagnostics:
        return Config(), list(doc.diagnostics)
    if doc.data is None:
        return Config(), []
    try:
        return Config.model_validate(doc.data), []
    except ValidationError as exc:
        return Config(), translate_errors(exc, Config, doc.locator, None)


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.startswith("_")


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every record file under records/, sorted; links and odd files are judged, not followed blindly."""
    records_dir = root / RECORDS_DIR
    files: list[Path] = []
    diagnostics: list[Diagnostic] = []
    if not records_dir.is_dir():
        return files, diagnostics
    for folder, dirnames, filenames in os.walk(records_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _skipped(d))
        here = Path(folder)
        for d in dirnames:
            if (here / d).is_symlink():
                rel = relative(here / d, root)
                diagnostics.append(
                    Diagnostic(rel, 1, 1, WARNING, "skipped-link", "a link to a folder is not followed; its records are not read")
                )
        for name in sorted(filenames):
            if _skipped(name) or not name.endswith(RECORD_SUFFIXES):
                continue
            path = here / name
            rel = relative(path, root)
            problem = _file_problem(path, root)
            if problem:
                diagnostics.append(Diagnostic(rel, 1, 1, WARNING, "skipped-file", problem))
                continue
            files.append(path)
    files.sort(key=lambda p: relative(p, root))
    return files, diagnostics


def _file_problem(path: Path, root: Path) -> str | None:
    """Why a file is not read as a record, or None when it is a plain file inside the repository."""
    try:
        if path.is_symlink():
            target = path.resolve()
            if target != root and root not in target.parents:
                return "skipped: the link points outside the repository"
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as exc:  # broken link, link loop
        return f"skipped: cannot be read ({getattr(exc, 'strerror', None) or exc})"
    if not stat.S_ISREG(mode):
        return "skipped: not a regular file"
    return None
