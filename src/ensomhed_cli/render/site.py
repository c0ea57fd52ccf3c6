"""The static site: every document and the index, written into a folder with the attachments they link to.

    written = build_site(repo, Path("build"), output="html", public=True)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ensomhed_cli.check.attachments import attachment_file, file_href
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.config import RECORDS_DIR
from ensomhed_cli.fsio import guard_output, refuse_replacing, replace_folder, write_atomic
from ensomhed_cli.render.context import ContextBuilder
from ensomhed_cli.render.documents import render_document

FOLDERS = {"agenda": "agenda", "minutes": "minutes", "plan": "plans", "initiative": "initiatives"}
SITE_MARKER = ".ensomhed-site"  # in a folder `build` made: {"made_by": "ensomhed", "public": …}


@dataclass
class Page:
    document: str
    record_id: str | None
    path: PurePosixPath  # inside the output folder


def site_pages(repo: Repository, output: str) -> list[Page]:
    """Every page of the site: an agenda per meeting, minutes per held meeting, a summary per plan, a page per initiative."""
    pages = [Page("index", None, PurePosixPath(f"index.{output}"))]
    for meeting in repo.meetings:
        pages.append(Page("agenda", meeting.id, PurePosixPath(FOLDERS["agenda"], f"{meeting.id}.{output}")))
        if meeting.status == "held":
            pages.append(Page("minutes", meeting.id, PurePosixPath(FOLDERS["minutes"], f"{meeting.id}.{output}")))
    for plan in repo.plans:
        pages.append(Page("plan", plan.id, PurePosixPath(FOLDERS["plan"], f"{plan.id}.{output}")))
    for ini in repo.initiatives:
        pages.append(Page("initiative", ini.id, PurePosixPath(FOLDERS["initiative"], f"{ini.id}.{output}")))
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
    force: bool = False,
    pdf: bool = False,
    refused: list[str] | None = None,
) -> list[Path]:
    """Render every page into outdir, with the attachments they link to; returns the files written.

    With `pdf` (an HTML site only), each page but the index also as a PDF beside it
    (minutes/ID.pdf), printed by render.pdf; the URLs it refused to fetch go to `refused`.

    Nothing is written until every page has rendered. The site is then written into a
    fresh staging folder beside outdir and swapped in whole, so no page or attachment
    of an earlier build survives (a public build over an internal one leaves no closed
    item behind). A marker file says that ensomhed made the folder: a folder without
    it, or a public site about to become an internal one, is replaced only with `force`.
    """
    if pdf and output != "html":
        raise ValueError("PDF is printed from the HTML site: build it with output='html'")
    guard_output(outdir, repo.root / RECORDS_DIR, folder=True)
    refuse_replacing(outdir, SITE_MARKER, public=public, force=force)
    root = repo.root.resolve()
    lang = lang or repo.config.language
    pages = site_pages(repo, output)
    known = {(p.document, p.record_id): p.path for p in pages}
    attachments: set[str] = set()
    rendered: list[tuple[Page, str]] = []
    printed: list[tuple[PurePosixPath, bytes]] = []
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
        if pdf and page.document != "index":
            from ensomhed_cli.render.pdf import PdfFailed, html_to_pdf

            try:
                printed.append((page.path.with_suffix(".pdf"), html_to_pdf(text, refused=refused)))
            except PdfFailed as exc:
                raise PdfFailed(f"{page.path.with_suffix('.pdf')}: {exc}") from None
        if progress:
            progress(page)
    # Everything rendered without a problem: only now is anything written.
    written: list[PurePosixPath] = []

    def fill(staging: Path) -> None:
        for page, text in rendered:
            write_atomic(staging / Path(*page.path.parts), text, within=staging)
            written.append(page.path)
        for path, data in printed:
            write_atomic(staging / Path(*path.parts), data, within=staging)
            written.append(path)
        for rel in sorted(attachments):  # each checked by attachment_file: a regular file, inside, not private
            source, target = root / rel, staging / "attachments" / rel
            write_atomic(target, source.read_bytes(), within=staging)
            shutil.copystat(source, target, follow_symlinks=False) if os.name == "posix" else None
            written.append(PurePosixPath("attachments", rel))
        marker = {"made_by": "ensomhed", "public": public, "output": output}
        write_atomic(staging / SITE_MARKER, json.dumps(marker) + "\n", within=staging)

    replace_folder(outdir, fill)
    return [outdir / Path(*rel.parts) for rel in written]
