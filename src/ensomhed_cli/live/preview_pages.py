"""The preview's pages, found through the index: which the site has, what each reads, and its key.

`build` lists its pages from the whole repository (render/site.py site_pages); `serve`
cannot load the whole repository on every change, so it asks the index: an agenda per
meeting, minutes per held meeting, a page per plan and per initiative, the index page.
A page reads the files `render` loads for its document (query/index_load.needed_files)
and, for an agenda or minutes, the body's meetings just before and after it (the page
links to them). Its key is a digest of those files' versions, so a page is rendered
again only when one of them changed, one was added to them, or the settings changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from ensomhed_cli.check.attachments import attachment_file
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_load import Closure, needed_files
from ensomhed_cli.render.site import Page, page_at

INDEX_PAGE = str(page_at("index", None, "html").path)


def index_pages(index: Index, made: dict[tuple[str, str | None], Page] | None = None) -> list[Page]:
    """Every page of the HTML site, as site_pages lists them from a loaded repository; the
    Page objects of an earlier call are taken from `made` (and new ones kept there)."""
    made = made if made is not None else {}
    rows: list[tuple[str, str | None]] = [("index", None)]
    for record_id, status in index.execute("SELECT id, status FROM t_meetings ORDER BY _key, _seq"):
        rows.append(("agenda", record_id))
        if status == "held":
            rows.append(("minutes", record_id))
    for document, table in (("plan", "t_plans"), ("initiative", "t_initiatives")):
        rows += [(document, record_id) for (record_id,) in index.execute(f"SELECT id FROM {table} ORDER BY _path, _seq")]
    pages = []
    for row in rows:
        if row not in made:
            made[row] = page_at(*row, "html")
        pages.append(made[row])
    return pages


def page_reads(closure: Closure, page: Page, today: dt.date) -> set[str] | None:
    """The files the page is rendered from; None when its record is not a valid one in the index."""
    if page.record_id is None:
        return None
    files = needed_files(closure, page.document, page.record_id, today)
    if files is None:
        return None
    if page.document in ("agenda", "minutes"):
        files |= _neighbours(closure, page.record_id, page.document == "minutes")
    return files


def _neighbours(closure: Closure, record_id: str, held_only: bool) -> set[str]:
    """The files of the body's meetings just before and after this one that have a page of
    the same kind (as ContextBuilder.neighbours picks them), in the index's date order."""
    target = closure.path(record_id)
    row = closure.index.execute("SELECT body FROM t_meetings WHERE _path = ? LIMIT 1", (target,)).fetchone()
    if target is None or row is None:
        return set()
    meetings = closure.index.execute("SELECT id, status, _path FROM t_meetings WHERE body = ? ORDER BY _key, _seq", (row[0],)).fetchall()
    at = next((i for i, (_, _, path) in enumerate(meetings) if path == target), None)
    if at is None:
        return set()
    found: set[str] = set()
    for side in (meetings[:at][::-1], meetings[at + 1 :]):
        for _, status, path in side:
            if not held_only or status == "held":
                found.add(path)
                break
    return found


def page_key(base: str, page: Page, reads: set[str], versions: Mapping[str, int], index: Index, root: Path) -> str:
    """A digest of everything the page's text depends on: the settings (`base`), each file it
    reads and that file's version (how many changes were seen to it), and whether each
    attachment those files name may be published, and as which file."""
    named = _attachments_named(index, reads)
    parts = [[path, versions.get(path, 0), [attachment_file(root, a) for a in named.get(path, [])]] for path in sorted(reads)]
    return hashlib.sha256(json.dumps([base, page.document, page.record_id, parts]).encode()).hexdigest()


def _attachments_named(index: Index, paths: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    values = sorted(paths)
    for start in range(0, len(values), 500):  # SQLite's limit on parameters
        chunk = values[start : start + 500]
        sql = f"SELECT _path, path FROM t_attachments WHERE path IS NOT NULL AND _path IN ({', '.join('?' for _ in chunk)}) ORDER BY _path, _seq"
        for path, attachment in index.execute(sql, tuple(chunk)):
            found.setdefault(path, []).append(attachment)
    return found
