"""The preview's index page, which lists every record: made from all of them, kept in memory.

The other pages read a few files each (preview_site.py); the index page reads them
all, so its records are kept here, parsed once when it is first asked for and then
again file by file as they change (a file whose size, time or watch event says so). A
file with errors keeps the record it last held without them, so the index page shows
a broken record as it was. Runs on its own worker thread, so a slow index page at
10,000 records never holds up the other pages.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from ensomhed_cli.check.loader import load_config, process_file
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.discovery import bulk, discover_named
from ensomhed_cli.fsio import file_key
from ensomhed_cli.live.preview_site import Shown
from ensomhed_cli.render.engine import TemplateProblem
from ensomhed_cli.render.site import render_page, site_pages


class FullSite:
    def __init__(self, root: Path, public: bool) -> None:
        self.root = root.resolve()
        self.public = public
        self.config = Config()
        self.files: dict[str, tuple[tuple[int, int] | None, Any, Any]] = {}  # path -> (size and time, last good record, summary)
        self.version = 0  # one more whenever a record was added, changed or removed
        self.epoch = 0  # one more whenever the templates or the settings changed
        self.loaded = False
        self.text: str | None = None
        self.attachments: frozenset[str] = frozenset()
        self.key: tuple | None = None
        self._lock = threading.Lock()  # `invalidate` is called from the other worker
        self._pending: set[str] = set()
        self._settings = True
        self._templates = False

    def invalidate(self, paths: set[str] | None, *, settings: bool = False, templates: bool = False) -> None:
        """Say what changed: these record files (None: any may have), the settings, the templates."""
        with self._lock:
            self._pending |= {""} if paths is None else paths  # "": compare every file by its size and time
            self._settings |= settings
            self._templates |= templates

    def page(self, errors: tuple[str, ...], generation: int) -> Shown:
        self._update()
        today = dt.date.today()
        key = (self.version, self.epoch, today.isoformat())
        if self.text is None or key != self.key:
            try:
                text, attachments = self._render(today)
            except TemplateProblem as problem:
                line = f"{problem.path}:{problem.line}:1: error: {'template' if self.public else problem.message}"
                return Shown(self.text, (line, *errors), "last_good" if self.text is not None else "no_good", generation)
            self.text, self.attachments, self.key = text, frozenset(attachments), key
        return Shown(self.text, errors, "kept" if errors else "ok", generation)

    def _render(self, today: dt.date) -> tuple[str, set[str]]:
        records = [entry[1] for _, entry in sorted(self.files.items()) if entry[1] is not None]
        summaries = [entry[2] for _, entry in sorted(self.files.items()) if entry[2] is not None]
        repo = Repository(root=self.root, config=self.config, records=records, files=len(self.files), summaries=summaries)
        pages = site_pages(repo, "html")
        return render_page(repo, pages[0], pages, public=self.public, today=today)

    def _update(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, set()
            settings, self._settings = self._settings, False
            templates, self._templates = self._templates, False
        if settings or templates:
            self.epoch += 1
        if settings:
            self.config = load_config(self.root)[0]
        if not pending and not settings and self.loaded:
            return
        ctx = Context(self.root, self.config)
        found, _ = discover_named(self.root)
        seen: set[str] = set()
        changed = False
        with bulk():
            for rel, path, st in found:
                seen.add(rel)
                stat = file_key(st) if st is not None else None
                old = self.files.get(rel)
                if old is not None and stat is not None and old[0] == stat and rel not in pending and not settings:
                    continue
                result = process_file(Path(path), rel, ctx)
                record = result.record if result.record is not None else (old[1] if old is not None else None)
                self.files[rel] = (stat, record, result.summary)
                changed = True
        for rel in set(self.files) - seen:
            del self.files[rel]
            changed = True
        self.loaded = True
        if changed:
            self.version += 1

    def publishes(self, rel: str) -> bool:
        """Whether the index page as last shown links to this attachment."""
        return rel in self.attachments
