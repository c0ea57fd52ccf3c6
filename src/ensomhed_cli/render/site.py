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
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ensomhed_cli.check.attachments import attachment_file, file_href, site_path
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.config import RECORDS_DIR, Config
from ensomhed_cli.format.fieldtypes import SLUG_RE
from ensomhed_cli.fsio import guard_output, refuse_replacing, replace_folder, write_staged
from ensomhed_cli.render.context import FOLDERS, ContextBuilder
from ensomhed_cli.render.documents import render_document
from ensomhed_cli.render.site_folder import (
    digest,
    folder_key,
    holds_exactly,
    manifest_of,
    update_in_place,
)
from ensomhed_cli.workers import fork_context

if TYPE_CHECKING:
    from ensomhed_cli.render.page_cache import PageCache

SITE_MARKER = ".ensomhed-site"  # in a folder `build` made: {"made_by": "ensomhed", "public": …}


@dataclass
class Page:
    document: str
    record_id: str | None
    rel: str  # where it lives inside the output folder, with "/"

    @cached_property
    def path(self) -> PurePosixPath:
        return PurePosixPath(self.rel)


def page_at(document: str, record_id: str | None, output: str) -> Page:
    """A page of the site and where it lives: index.html, or FOLDER/ID.html."""
    if record_id is None:
        return Page(document, None, f"index.{output}")
    if SLUG_RE.fullmatch(record_id):  # as every valid record's id: nothing a path would read otherwise
        return Page(document, record_id, f"{FOLDERS[document]}/{record_id}.{output}")
    return Page(document, record_id, PurePosixPath(FOLDERS[document], f"{record_id}.{output}").as_posix())


def site_pages(repo: Repository, output: str) -> list[Page]:
    """Every page of the site: an agenda per meeting, minutes per held meeting, a summary per plan, a page per initiative."""
    pages = [page_at("index", None, output)]
    for meeting in repo.meetings:
        pages.append(page_at("agenda", meeting.id, output))
        if meeting.status == "held":
            pages.append(page_at("minutes", meeting.id, output))
    pages += [page_at("plan", plan.id, output) for plan in repo.plans]
    pages += [page_at("initiative", ini.id, output) for ini in repo.initiatives]
    return pages


def render_page(
    repo: Repository, page: Page, pages: list[Page], *, output: str = "html", lang: str | None = None, public: bool = False, today: dt.date | None = None
) -> tuple[str, set[str]]:
    """One page as build_site renders it, linking to the other `pages` of the site: its text
    and the attachments it publishes (paths relative to the root). `repo` needs only the
    files the page reads (`serve` loads them through the index)."""
    job = _Job(repo, repo.root.resolve(), lang or repo.config.language, output, public, today or dt.date.today(), False, pages)
    rendered = _render_page(job, page)
    assert rendered.text is not None  # a page rendered has its text; only one kept has none
    return rendered.text, rendered.attachments


PARALLEL_MIN_PAGES = 200  # below this, starting workers costs more than it saves


@dataclass
class SiteRecords:
    """Where a build takes its pages and records from: a loaded repository, or (`build`,
    right after a check) the index, which loads only the files the pages to render read."""

    root: Path
    config: Config
    pages: Callable[[str], list[Page]]  # output -> every page of the site, in site_pages' order
    load: Callable[[set[str] | None], Repository]  # the records of these files; of every file for None

    @classmethod
    def of(cls, repo: Repository) -> SiteRecords:
        return cls(repo.root, repo.config, lambda output: site_pages(repo, output), lambda files: repo)


def build_site(
    repo: Repository | SiteRecords,
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
    cache: Callable[[dict], PageCache] | None = None,
    jobs: int = 1,
    relative: bool = False,
    docx: bool = False,
) -> list[Path] | list[str]:
    """Render every page into outdir, with the attachments they link to; returns the files
    written (with `relative`, as paths inside outdir, with "/": no Path made for each).

    With `pdf` (an HTML site only), each page but the index also as a PDF beside it
    (minutes/ID.pdf), printed by render.pdf; the URLs it refused to fetch go to `refused`.
    With `docx`, likewise a Word document (minutes/ID.docx, render.word) in the styles of
    the repository's templates/reference.docx, where it has one (raises ReferenceProblem).
    With `cache` (it makes the PageCache of the settings), a page whose inputs
    have not changed since the last build is taken as it was (not with `pdf`, `docx`); the rest
    are rendered on `jobs` processes. The site is the same byte for byte either way.

    Nothing is written until every page has rendered. With `cache`, a folder that holds
    exactly what the last build wrote there is updated in place (render/site_folder.py).
    Otherwise the site is written into a
    fresh staging folder beside outdir and swapped in whole, so no page or attachment
    of an earlier build survives (a public build over an internal one leaves no closed
    item behind). A marker file says that ensomhed made the folder: a folder without
    it, or a public site about to become an internal one, is replaced only with `force`.
    """
    if (pdf or docx) and output != "html":
        raise ValueError("PDF and Word documents are made from the HTML site: build it with output='html'")
    records = repo if isinstance(repo, SiteRecords) else SiteRecords.of(repo)
    guard_output(outdir, records.root / RECORDS_DIR, folder=True)
    refuse_replacing(outdir, SITE_MARKER, public=public, force=force)
    reference = None
    if docx:
        from ensomhed_cli.render.word import read_reference

        reference = read_reference(records.root)
    pages = records.pages(output)
    job = _Job(None, records.root.resolve(), lang or records.config.language, output, public, today or dt.date.today(), pdf, pages, docx, reference)
    # the time zone says where a day ends: an agenda as sent is its file at the last commit of that day
    settings = {"output": output, "lang": job.lang, "public": public, "today": job.today.isoformat(), "timezone": records.config.timezone}
    store = cache(settings) if cache is not None and not pdf and not docx else None
    results: dict[int, _Rendered] = {}
    kept, keys = store.plan(job.pages) if store else (set(), dict.fromkeys(range(len(pages))))
    for i, page in enumerate(job.pages):
        key = keys.get(i)
        if store and key and store.unchanged(page.rel, key):
            kept.add(i)
    if store and kept:
        stored = store.kept(job.pages[i].rel for i in kept)
        for i in sorted(kept):
            sha, published = stored[job.pages[i].rel]
            results[i] = _Rendered(None, set(published), None, [], sha)
            if progress:
                progress(job.pages[i])
    todo = [i for i in range(len(job.pages)) if i not in results]
    if todo:
        job.repo = records.load(store.needed(job.pages[i] for i in todo) if store else None)
    results.update(_render_all(job, todo, jobs, progress))
    for i in todo:
        results[i].sha = digest(results[i].text.encode("utf-8"))  # type: ignore[union-attr]
    attachments: set[str] = set()
    for i in range(len(job.pages)):
        attachments |= results[i].attachments
        if refused is not None:
            refused.extend(results[i].refused)
    if store is not None:
        rendered: list[tuple[str, str, str, list[str], str]] = []
        for i in todo:
            key, done = keys[i], results[i]
            if key:
                assert done.text is not None and done.sha is not None  # rendered in this build, its digest made above
                rendered.append((job.pages[i].rel, key, done.text, sorted(done.attachments), done.sha))
        store.put(rendered, [job.pages[i].rel for i in kept] + [path for path, *_ in rendered])
    # Everything rendered without a problem: only now is anything written.
    files = _site_files(job, results, attachments, store)
    marker = {"made_by": "ensomhed", "public": public, "output": output}
    files[SITE_MARKER] = _Content(json.dumps(marker) + "\n", None)
    if store is None or not _updated_in_place(store, outdir, files):
        previous = outdir if outdir.is_dir() and not outdir.is_symlink() else None
        texts = store.texts(rel for rel, content in files.items() if content.data is None) if store else {}

        def fill(staging: Path) -> None:
            for rel, content in files.items():
                write_staged(staging, rel, content.data if content.data is not None else texts[rel], previous if content.source is None else None)
                if content.source is not None and os.name == "posix":
                    shutil.copystat(content.source, staging.joinpath(*rel.split("/")), follow_symlinks=False)

        replace_folder(outdir, fill)
        if store is not None:
            store.index.update_output(folder_key(outdir), lambda _: manifest_of(outdir, list(files)))
    written = [rel for rel in files if rel != SITE_MARKER]
    return written if relative else [outdir / rel for rel in written]


@dataclass
class _Content:
    data: str | bytes | None  # None: a page kept as the last build made it (its text is in the index)
    source: Path | None  # an attachment's file, whose times its copy takes
    sha: str | None = None

    def digest(self) -> str:
        if self.sha is None:
            assert self.data is not None
            self.sha = digest(self.data.encode("utf-8") if isinstance(self.data, str) else self.data)
        return self.sha


def _site_files(job: _Job, results: dict[int, _Rendered], attachments: set[str], store: PageCache | None) -> dict[str, _Content]:
    """Every file of the site, in the order they are written: the pages, their PDFs and Word
    documents, and the attachments (each checked by attachment_file: a regular file, inside, not private)."""
    files = {page.rel: _Content(results[i].text, None, results[i].sha) for i, page in enumerate(job.pages)}
    for i, page in enumerate(job.pages):
        if results[i].pdf is not None:
            files[page.path.with_suffix(".pdf").as_posix()] = _Content(results[i].pdf, None)
        if results[i].docx is not None:
            files[page.path.with_suffix(".docx").as_posix()] = _Content(results[i].docx, None)
    for rel in sorted(attachments):
        files[site_path(job.root, rel)] = _Content((job.root / rel).read_bytes(), job.root / rel)
    return files


def _updated_in_place(store: PageCache, outdir: Path, files: dict[str, _Content]) -> bool:
    """Bring the folder up to date in place where it holds exactly what the index says a
    build wrote there (render/site_folder.py); False where it must be made anew."""
    done = False

    def update(manifest):
        nonlocal done
        if manifest is None or not holds_exactly(outdir, manifest):
            return None
        wanted = {rel: content.digest() for rel, content in files.items()}

        def data(rel: str) -> tuple[bytes, Path | None]:
            content = files[rel]
            text = content.data if content.data is not None else store.texts([rel])[rel]
            return (text.encode("utf-8") if isinstance(text, str) else text), content.source

        changed = update_in_place(outdir, wanted, data, manifest)
        done = True
        return changed

    store.index.update_output(folder_key(outdir), update)
    return done


@dataclass
class _Job:
    repo: Repository | None  # None until the pages to render are known (SiteRecords.load)
    root: Path
    lang: str
    output: str
    public: bool
    today: dt.date
    pdf: bool
    pages: list[Page]
    docx: bool = False
    reference: bytes | None = None  # templates/reference.docx, checked (render/word.py)

    def __post_init__(self) -> None:
        self.known = {(p.document, p.record_id): p.rel for p in self.pages}


@dataclass
class _Rendered:
    text: str | None  # None: kept as the last build made it (its text is in the index)
    attachments: set[str]
    pdf: bytes | None
    refused: list[str]
    sha: str | None = None  # the digest of the text's bytes, where known
    docx: bytes | None = None


def _render_page(job: _Job, page: Page) -> _Rendered:
    known = job.known
    up = "../" * page.rel.count("/")
    attachments: set[str] = set()

    def link(kind: str, record_id: str | None) -> str | None:
        target = known.get((kind, record_id))
        return f"{up}{target}" if target else None

    def attachment_href(path: str) -> str | None:
        status, rel = attachment_file(job.root, path)
        if rel is None:
            return None  # `check` says why; a file that may not be published gets no link
        attachments.add(rel)
        return f"{up}{file_href(site_path(job.root, rel))}"

    repo = job.repo
    assert repo is not None  # set before any page is rendered (render_page, build_site)
    builder = ContextBuilder(
        repo, job.lang, public=job.public, output=job.output, attachment_href=attachment_href, link=link, today=job.today
    )
    if job.pdf and page.document != "index":
        builder.pdf_href = page.path.with_suffix(".pdf").name  # the page links the PDF beside it
    if job.docx and page.document != "index":
        builder.docx_href = page.path.with_suffix(".docx").name  # and the Word document
    text = render_document(repo, page.document, page.record_id, output=job.output, lang=job.lang, public=job.public, builder=builder)
    printed, word = None, None
    refused: list[str] = []
    # Where the site is published (site_url), a PDF's or Word document's links are absolute: it works e-mailed.
    site_url = repo.config.site_url
    base = f"{site_url.rstrip('/')}/{page.rel}" if site_url else None
    if job.pdf and page.document != "index":
        from ensomhed_cli.render.pdf import PdfFailed, html_to_pdf

        try:
            printed = html_to_pdf(text, refused=refused, base_url=base)
        except PdfFailed as exc:
            raise PdfFailed(f"{page.path.with_suffix('.pdf')}: {exc}") from None
    if job.docx and page.document != "index":
        from ensomhed_cli.render.word import DocxFailed, html_to_docx

        try:
            word = html_to_docx(text, reference=job.reference, base_url=base)
        except DocxFailed as exc:
            raise DocxFailed(f"{page.path.with_suffix('.docx')}: {exc}") from None
    return _Rendered(text, attachments, printed, refused, docx=word)


_WORKER_JOB: _Job | None = None  # the job a forked worker renders pages of (shared at fork, never pickled)


def _render_chunk(indices: list[int]) -> list[tuple[int, _Rendered | None]]:
    """Worker: render pages; a page that fails comes back as None and is rendered again by
    the parent, which then raises the same problem in page order."""
    assert _WORKER_JOB is not None
    out: list[tuple[int, _Rendered | None]] = []
    for i in indices:
        try:
            out.append((i, _render_page(_WORKER_JOB, _WORKER_JOB.pages[i])))
        except Exception:
            out.append((i, None))
    return out


def _render_all(job: _Job, todo: list[int], jobs: int, progress: Callable[[Page], None] | None) -> dict[int, _Rendered]:
    global _WORKER_JOB
    results: dict[int, _Rendered | None] = {}
    if jobs > 1 and len(todo) >= PARALLEL_MIN_PAGES:
        context = fork_context()
        if context is not None:
            size = max(20, len(todo) // (jobs * 8))
            chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
            _WORKER_JOB = job
            try:
                with context.Pool(jobs) as pool:
                    for part in pool.imap_unordered(_render_chunk, chunks):
                        for i, rendered in part:
                            results[i] = rendered
                            if progress:
                                progress(job.pages[i])
            finally:
                _WORKER_JOB = None
    for i in todo:
        if results.get(i) is None:
            first_time = i not in results  # not tried by a worker
            results[i] = _render_page(job, job.pages[i])
            if progress and first_time:
                progress(job.pages[i])
    return results  # type: ignore[return-value]
