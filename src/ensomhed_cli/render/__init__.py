"""Rendering agendas, minutes, plan summaries and a static site from a loaded repository.

    text = render_document(repo, "agenda", "2022-08-29-aeldreraadet", output="html")
    written = build_site(repo, Path("build"), output="html", public=True)

Raises RecordNotFound for an unknown id and TemplateProblem for a template that fails.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ensomhed_cli.config import RECORDS_DIR, TEMPLATES_DIR
from ensomhed_cli.diagnostics import suggest
from ensomhed_cli.fsio import guard_output, write_atomic
from ensomhed_cli.render.context import ContextBuilder
from ensomhed_cli.render.engine import TemplateProblem, Templates, render
from ensomhed_cli.repository import Repository
from ensomhed_cli.schema import Meeting, Plan

__all__ = ["RecordNotFound", "TemplateProblem", "render_document", "build_site", "DOCUMENTS"]

DOCUMENTS = ("agenda", "minutes", "plan", "index")
FOLDERS = {"agenda": "agenda", "minutes": "minutes", "plan": "plans"}


class RecordNotFound(Exception):
    def __init__(self, kind: str, record_id: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.record_id = record_id


def _templates(repo: Repository) -> Templates:
    folder = repo.root / TEMPLATES_DIR
    return Templates(folder if folder.is_dir() else None)


def _find(repo: Repository, cls: type, kind: str, record_id: str):
    record = repo.get(record_id)
    if isinstance(record, cls):
        return record
    if record_id in repo.invalid and repo.invalid[record_id] == kind:
        raise RecordNotFound(kind, record_id, f"the {kind} `{record_id}` has errors; run `ensomhed check`")
    candidates = [r.id for r in repo.records if isinstance(r, cls)]
    if record is not None:
        message = f"`{record_id}` is a {record.kind}, not a {kind}"  # type: ignore[attr-defined]
    else:
        message = f"no {kind} with id `{record_id}`{suggest(record_id, candidates)}"
    raise RecordNotFound(kind, record_id, message)


def render_document(
    repo: Repository,
    document: str,
    record_id: str | None = None,
    *,
    output: str = "md",
    lang: str | None = None,
    public: bool = False,
    today: dt.date | None = None,
    builder: ContextBuilder | None = None,
) -> str:
    """Render one document: agenda or minutes of a meeting, a plan summary, or the index."""
    lang = lang or repo.config.language
    builder = builder or ContextBuilder(repo, lang, public=public, output=output, today=today)
    if document in ("agenda", "minutes"):
        meeting = _find(repo, Meeting, "meeting", record_id or "")
        context = builder.meeting(meeting, document)
    elif document == "plan":
        plan = _find(repo, Plan, "plan", record_id or "")
        context = builder.plan(plan)
    elif document == "index":
        context = builder.index()
    else:
        raise ValueError(f"unknown document {document!r}")
    return render(_templates(repo), document, output, context)


@dataclass
class Page:
    document: str
    record_id: str | None
    path: PurePosixPath  # inside the output folder


def site_pages(repo: Repository, output: str) -> list[Page]:
    """Every page of the site: an agenda per meeting, minutes per held meeting, a summary per plan."""
    pages = [Page("index", None, PurePosixPath(f"index.{output}"))]
    for meeting in repo.meetings:
        pages.append(Page("agenda", meeting.id, PurePosixPath(FOLDERS["agenda"], f"{meeting.id}.{output}")))
        if meeting.status == "held":
            pages.append(Page("minutes", meeting.id, PurePosixPath(FOLDERS["minutes"], f"{meeting.id}.{output}")))
    for plan in repo.plans:
        pages.append(Page("plan", plan.id, PurePosixPath(FOLDERS["plan"], f"{plan.id}.{output}")))
    return pages


def build_site(
    repo: Repository,
    outdir: Path,
    *,
    output: str = "html",
    lang: str | None = None,
    public: bool = False,
    today: dt.date | None = None,
    progress: Callable[[Page], None] | None = None,
) -> list[Path]:
    """Render every page into outdir, with the attachments they link to; returns the files written."""
    guard_output(outdir, repo.root / RECORDS_DIR, folder=True)
    lang = lang or repo.config.language
    pages = site_pages(repo, output)
    known = {(p.document, p.record_id): p.path for p in pages}
    attachments: set[str] = set()
    rendered: list[tuple[Page, str]] = []
    for page in pages:
        depth = len(page.path.parts) - 1
        up = "../" * depth

        def link(kind: str, record_id: str, up: str = up) -> str | None:
            target = known.get((kind, record_id))
            return f"{up}{target.as_posix()}" if target else None

        def attachment_href(path: str, up: str = up) -> str:
            attachments.add(path)
            return f"{up}attachments/{posixpath.normpath(path)}"

        builder = ContextBuilder(
            repo, lang, public=public, output=output, attachment_href=attachment_href, link=link, today=today
        )
        text = render_document(repo, page.document, page.record_id, output=output, lang=lang, public=public, builder=builder)
        rendered.append((page, text))
        if progress:
            progress(page)
    # Everything rendered without a problem: only now is anything written.
    written = []
    outdir.mkdir(parents=True, exist_ok=True)
    for page, text in rendered:
        target = outdir / Path(*page.path.parts)
        write_atomic(target, text, within=outdir)
        written.append(target)
    root = repo.root.resolve()
    for rel in sorted(attachments):
        source = (root / rel).resolve()
        if root not in source.parents or not source.is_file():
            continue  # `check` reports these; never copy from outside the repository
        target = outdir / "attachments" / source.relative_to(root)
        write_atomic(target, source.read_bytes(), within=outdir)
        shutil.copystat(source, target, follow_symlinks=False) if os.name == "posix" else None
        written.append(target)
    return written
