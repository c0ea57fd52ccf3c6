"""Which pages a site has and which files each reads, found through the index.

`build` and `serve` ask the index rather than load every record: an agenda per meeting,
minutes per held meeting, a page per plan and per initiative, and the index page. A page
reads the files `render` loads for its document (query/index_load.needed_files) and, for
an agenda or minutes, the body's meetings just before and after it that have a page of the
same kind (it links to them). Rendered from only those files, a page is the one rendered
from the whole repository (tests/test_build_incremental.py, tests/test_serve.py).
"""

from __future__ import annotations

import datetime as dt

from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_load import Closure, needed_files
from ensomhed_cli.render.site import Page, page_at

INDEX_PAGE = str(page_at("index", None, "html").path)


def index_pages(index: Index, output: str = "html", made: dict[tuple[str, str | None], Page] | None = None) -> list[Page]:
    """Every page of the site, in the order site_pages lists them from a loaded repository;
    the Page objects of an earlier call are taken from `made` (and new ones kept there)."""
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
            made[row] = page_at(*row, output)
        pages.append(made[row])
    return pages


def page_reads(closure: Closure, page: Page, today: dt.date) -> set[str] | None:
    """The files the page is rendered from; None when its record is not a valid one in the
    index (and for the index page, which reads every file)."""
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
    body = closure.body_of(target) if target is not None else None
    if body is None:
        return set()
    meetings = closure.meetings_in(body)
    at = next((i for i, (_, path) in enumerate(meetings) if path == target), None)
    if at is None:
        return set()
    found: set[str] = set()
    for side in (meetings[:at][::-1], meetings[at + 1 :]):
        for status, path in side:
            if not held_only or status == "held":
                found.add(path)
                break
    return found
