"""The static site: every document and the index, written into a folder with the attachments they link to.

    written = build_site(repo, Path("build"), output="html", public=True)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ensomhed_cli.check.attachments import attachment_file, file_href
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.config import RECORDS_DIR
from ensomhed_cli.fsio import guard_output, write_atomic
from ensomhed_cli.render.context import ContextBuilder
from ensomhed_cli.render.documents import render_document

FOLDERS = {"agenda": "agenda", "minutes": "minutes", "plan": "plans"}


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
    root = repo.root.resolve()
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

        def attachment_href(path: str, up: str = up) -> str | None:
            status, rel = attachment_file(root, path)
            if rel is None:
                return None  # `check` says why; a file that may not be published gets no link
            attachments.add(rel)
            return f"{up}attachments/{file_href(rel)}"

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
    for rel in sorted(attachments):  # each checked by attachment_file: a regular file, inside, not private
        source = root / rel
        target = outdir / "attachments" / rel
        write_atomic(target, source.read_bytes(), within=outdir)
        shutil.copystat(source, target, follow_symlinks=False) if os.name == "posix" else None
        written.append(target)
    return written
