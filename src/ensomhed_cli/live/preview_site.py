"""The preview's pages but the index page: rendered when asked for, kept until what they read changes.

On a change, the files changed are read again at once (`touch`), and the pages that
read them are told to reload; then the index is brought up to date by the same check as
`ensomhed check` (check/incremental.py, which keeps it), which also gives the errors
the pages show (`refresh`). Nothing is rendered then: a page is rendered when it is
asked for, from the files it reads alone (loaded as `render` loads them), and kept with
its key (preview_pages.py); it is rendered again only when its key changed. A page that reads a file which no
longer holds a valid record (written half-way, a schema error) is shown as it last was
without it, under the errors: a record with errors keeps its last good state. A file
whose record is still valid (a reference to a record that is not there) is rendered as
it is, under its errors. In the public view the errors are said by their place and
code alone: a message may quote a record, a closed item's too. Runs on the preview's
one worker thread (serve_threads.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from ensomhed_cli import __version__
from ensomhed_cli.check.attachments import attachment_file
from ensomhed_cli.check.incremental import check
from ensomhed_cli.check.loader import load_config, process_file
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.diagnostics import ERROR, Diagnostic, format_text, sort_diagnostics
from ensomhed_cli.format.config import Config
from ensomhed_cli.live.preview_pages import page_key
from ensomhed_cli.live.serve_watch import Changes
from ensomhed_cli.printable import printable
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_load import Closure, load_files
from ensomhed_cli.render.documents import NotHeld, RecordNotFound
from ensomhed_cli.render.engine import TemplateProblem, forget_compiled
from ensomhed_cli.render.page_reads import index_pages, page_reads
from ensomhed_cli.render.site import Page, render_page

KEPT_PAGES = 5000  # rendered pages kept in memory; the least recently shown go first


@dataclass(frozen=True)
class Shown:
    """What a page shows: the site's page (None: there is no good version), the errors above it
    (check's lines), what the page beneath is (preview_html.overlay's `state`), and the
    preview's generation it was made in."""

    text: str | None
    errors: tuple[str, ...]
    state: str
    generation: int


@dataclass(frozen=True)
class Rendered:
    text: str
    attachments: frozenset[str]
    reads: frozenset[str]
    key: str


class PreviewSite:
    def __init__(self, root: Path, public: bool) -> None:
        self.root = root.resolve()
        self.public = public
        self.index = Index()
        self.config = Config()
        self.generation = 0
        self.versions: dict[str, int] = {}  # file -> how many changes were seen to it
        self.epoch = 0  # changes to the templates and the settings
        self.diagnostics: list[Diagnostic] = []  # the errors, as found
        self.errors: tuple[str, ...] = ()  # as shown
        self.error_paths: frozenset[str] = frozenset()
        self.invalid_paths: frozenset[str] = frozenset()  # files with errors that hold no valid record
        self.page_list: list[Page] = []
        self._page_objects: dict[tuple[str, str | None], Page] = {}  # made once: 15,000 paths take a while
        self.pages: dict[str, Page] = {}
        # Every page the site has had, and the record files changed since the last check: a
        # page whose record is being fixed is shown as it last was, never "not found".
        self.once: set[str] = set()
        self.pending: set[str] = set()
        self.closure: Closure | None = None
        self.rendered: OrderedDict[str, Rendered] = OrderedDict()

    # --- on a change ------------------------------------------------------------------

    def touch(self, changes: Changes) -> set[str]:
        """What a change means at once, before the check of the whole repository: the files
        changed are read again, each alone as check reads it, so a page that reads one is
        rendered anew, or shown as it last was when one no longer holds a valid record.
        Returns the record files touched."""
        if changes.templates:
            forget_compiled()
            self.epoch += 1
        if changes.config:
            self.config = load_config(self.root)[0]
            self.epoch += 1
        touched = set(changes.records) | self._below(changes.folders, self._known())
        self._bump(touched)
        self.pending |= touched
        ctx = Context(self.root, self.config)
        errors = [d for d in self.diagnostics if d.path not in changes.records]
        invalid = set(self.invalid_paths)
        for rel in sorted(changes.records):
            path = self.root / rel
            if not path.is_file():
                continue  # gone: the check says what that means
            result = process_file(path, rel, ctx)
            errors += [d for d in result.diagnostics if d.severity == ERROR]
            (invalid.add if result.record is None else invalid.discard)(rel)
        self._set_errors(errors)
        self.invalid_paths = frozenset(invalid)
        return touched

    def refresh(self, changes: Changes | None) -> None:
        """Check here, with this thread's index (the first time, after a change of settings, or
        where the index is in memory and no other thread can read it), and take the result."""
        self.apply(self._check(), changes)

    @property
    def index_in_file(self) -> bool:
        """Whether another thread can check while this one renders: the index is a file that
        each opens with a connection of its own."""
        return self.index.file is not None

    def check_elsewhere(self, index: Index) -> list[Diagnostic] | None:
        """check on another thread with an Index of its own, keeping the same file up to date
        while pages are rendered here; None when the index could not be written."""
        index.close()
        result = check(self.root, index=index)
        if index.broken:
            index.close()
            return None
        return result.diagnostics

    def apply(self, diagnostics: list[Diagnostic], changes: Changes | None) -> None:
        """Take a check's result: the errors, the pages the site has and the files each reads."""
        if changes is None:
            self.config = load_config(self.root)[0]
            self.epoch += 1
        else:  # files that came back with a folder: known only now
            self._bump(self._below(changes.folders, self._known()))
        self._set_errors([d for d in diagnostics if d.severity == ERROR])
        self.page_list = index_pages(self.index, made=self._page_objects)
        self.pages = {page.rel: page for page in self.page_list}
        self.once |= set(self.pages)
        self.pending = set()
        self.closure = Closure(self.index)
        self.invalid_paths = self.error_paths - set(self.closure.by_path)

    def _bump(self, paths: set[str]) -> None:
        for path in paths:
            self.versions[path] = self.versions.get(path, 0) + 1

    @staticmethod
    def _below(folders: set[str], paths: set[str]) -> set[str]:
        return {path for path in paths if any(path.startswith(folder + "/") for folder in folders)} if folders else set()

    def _set_errors(self, errors: list[Diagnostic]) -> None:
        self.diagnostics = sort_diagnostics(errors)
        self.errors = tuple(self._said(d) for d in self.diagnostics)
        self.error_paths = frozenset(d.path for d in self.diagnostics)

    def _check(self) -> list:
        """check, as `checked_index` runs it: the index kept in the cache folder, or in memory
        where the file cannot be written."""
        self.index.close()
        result = check(self.root, index=self.index)
        if self.index.broken:
            self.index.close()
            self.index = Index()
            result = check(self.root, use_cache=False, index=self.index)
        return result.diagnostics

    def _said(self, d: Diagnostic) -> str:
        """An error as `check` prints it; in the public view its place and code alone."""
        if self.public:
            return f"{printable(d.path, one_line=True)}:{d.line}:{d.column}: {d.severity}: {d.code}"
        return format_text(d)

    def _known(self) -> set[str]:
        return set(self.index.known()) if self.index.conn is not None else set()

    # --- on a request -----------------------------------------------------------------

    def page(self, path: str) -> Shown | None:
        """The page at the path in the site (agenda/ID.html …); None when there is none."""
        generation = self.generation
        page = self.pages.get(path)
        entry = self.rendered.get(path)
        if entry is not None and entry.reads & self.invalid_paths:
            self.rendered.move_to_end(path)
            return Shown(entry.text, self.errors, "last_good", generation)
        if page is None and path in self.once and self._being_fixed(entry):
            return self._failed(entry, path, [], generation)
        if page is None or self.closure is None or page.record_id is None:
            self.rendered.pop(path, None)  # its record was removed, or is no longer of its kind
            return None
        today = dt.date.today()
        reads = page_reads(self.closure, page, today)
        if reads is None:
            return self._failed(entry, path, [], generation)
        key = page_key(self._base(today), page, reads, self.versions, self.index, self.root)
        if entry is None or entry.key != key:
            try:
                repo = load_files(self.root, self.config, reads)
                text, attachments = render_page(repo, page, self.page_list, public=self.public, today=today)
            except TemplateProblem as problem:
                said = "template" if self.public else problem.message
                return self._failed(entry, path, [f"{problem.path}:{problem.line}:1: error: {said}"], generation)
            except (RecordNotFound, NotHeld) as exc:
                # The file changed again since the check (written half-way): the next check says how.
                return self._failed(entry, path, [f"{path}: {exc}"], generation)
            entry = Rendered(text, frozenset(attachments), frozenset(reads), key)
            self.rendered[path] = entry
            while len(self.rendered) > KEPT_PAGES:
                self.rendered.popitem(last=False)
        self.rendered.move_to_end(path)
        state = "as_is" if reads & self.error_paths else "elsewhere"
        return Shown(entry.text, self.errors, state if self.errors else "ok", generation)

    def _being_fixed(self, entry: Rendered | None) -> bool:
        """Whether a page the site had may come back at the next check: a file it read (any
        file, where it was never rendered) has errors now or changed since the last check."""
        unsettled = self.pending | self.invalid_paths
        return bool(entry.reads & unsettled) if entry is not None else bool(unsettled)

    def _failed(self, entry: Rendered | None, path: str, problems: list[str], generation: int) -> Shown:
        errors = tuple(problems) + self.errors
        if entry is not None:
            self.rendered.move_to_end(path)
            return Shown(entry.text, errors, "last_good", generation)
        return Shown(None, errors, "no_good", generation)

    def _base(self, today: dt.date) -> str:
        return json.dumps([__version__, self.epoch, self.public, self.config.language, today.isoformat()])

    def attachment(self, rel: str) -> Path | None:
        """The file of an attachment a page shown now links to, checked again as `build`
        checks it (a regular file inside the repository, not private); None otherwise."""
        if not any(rel in entry.attachments and self._still_shown(path, entry) for path, entry in list(self.rendered.items())):
            return None
        return self.published_file(rel)

    def published_file(self, rel: str) -> Path | None:
        status, checked = attachment_file(self.root, rel)
        return self.root / checked if status == "ok" and checked == rel else None

    def _still_shown(self, path: str, entry: Rendered) -> bool:
        """Whether the page would be shown as this rendering: its key unchanged, or kept as the
        last good version of a page with errors."""
        if entry.reads & self.invalid_paths:
            return True
        page = self.pages.get(path)
        if page is None or self.closure is None or page.record_id is None:
            return False
        today = dt.date.today()
        reads = page_reads(self.closure, page, today)
        return reads is not None and page_key(self._base(today), page, reads, self.versions, self.index, self.root) == entry.key

    def close(self) -> None:
        self.index.close()
