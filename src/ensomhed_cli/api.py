"""The public Python API: load, check, query, render and compare records without the command line.

    from ensomhed_cli.api import find_root, load, render_document

    repo, diagnostics = load(find_root())
    for meeting in repo.meetings:                  # in date order
        print(meeting.date, repo.name(meeting.body), meeting.status)
    html = render_document(repo, "agenda", repo.meetings[0].id, output="html")

Everything here keeps its name and signature across releases; the modules behind it
(see docs/architecture.md) may move. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

from ensomhed_cli.check.incremental import CheckResult, Entry, IndexSink
from ensomhed_cli.check.incremental import check as _check
from ensomhed_cli.check.loader import load
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.diagnostics import (
    ERROR,
    WARNING,
    Diagnostic,
    format_github,
    format_json,
    format_text,
    sort_diagnostics,
)
from ensomhed_cli.format.json_schema import record_schema
from ensomhed_cli.format.schema import KINDS, Body, Initiative, Meeting, Person, Plan, Record
from ensomhed_cli.paths import RepositoryNotFound, find_root
from ensomhed_cli.render.documents import RecordNotFound, render_document
from ensomhed_cli.render.engine import TemplateProblem
from ensomhed_cli.render.site import build_site
from ensomhed_cli.review.diff import compare
from ensomhed_cli.review.report import as_json, as_markdown, as_text
from ensomhed_cli.review.snapshot import snapshot, working_tree

__all__ = [
    # find and load a repository; check it as `ensomhed check` does (with its cache)
    "find_root", "RepositoryNotFound", "load", "Repository", "check", "CheckResult",
    # what a problem is, and its stable output formats
    "Diagnostic", "ERROR", "WARNING", "sort_diagnostics", "format_text", "format_json", "format_github",
    # the record kinds
    "KINDS", "Record", "Body", "Person", "Meeting", "Plan", "Initiative", "record_schema",
    # documents and the site
    "render_document", "build_site", "RecordNotFound", "TemplateProblem",
    # what changed between two versions of the records
    "snapshot", "working_tree", "compare", "as_text", "as_markdown", "as_json",
]


def check(
    root: Path,
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    index: IndexSink | None = None,
    only: Collection[str] | None = None,
    entries_out: dict[str, Entry] | None = None,
    today: dt.date | None = None,
) -> CheckResult:
    """Check every record in the repository at root, as `ensomhed check` does: with what it
    keeps in the index of .ensomhed-cache/ (unless `use_cache` is False), every problem, sorted.
    The arguments are check.incremental.check's; without `index`, the repository's own is used."""
    from ensomhed_cli.query.index import Index

    kept = Index(only_on_disk=True) if use_cache and index is None else None
    try:
        return _check(root, use_cache=use_cache, jobs=jobs, index=index if index is not None else kept, only=only, entries_out=entries_out, today=today)
    finally:
        if kept is not None:
            kept.close()

