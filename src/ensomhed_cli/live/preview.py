"""`ensomhed serve`: the site as a live preview, rendered page by page and reloaded on every change.

    preview = Preview(root, host="127.0.0.1", port=0, public=False, said=print)
    preview.start()          # serving at preview.url
    ...
    preview.stop()

Nothing is written but what `check` keeps (its cache and the index): the pages live in
memory. The watcher (serve_watch.py) hears a change; the worker reads the changed files
again and the hub tells every open page, which reloads; a page asked for is rendered
then, from the few files it reads. When no page is waiting, the worker checks the
records and brings the index up to date (preview_site.py), and the pages reload again. The
index page, which reads every record, has a worker of its own (preview_full.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from ensomhed_cli.check.attachments import site_file
from ensomhed_cli.live.preview_full import FullSite
from ensomhed_cli.live.preview_html import (
    bare_page,
    compose,
    not_found_page,
    overlay,
    reload_script,
    words,
)
from ensomhed_cli.live.preview_site import PreviewSite, Shown
from ensomhed_cli.live.serve_http import Answer, PreviewServer
from ensomhed_cli.live.serve_threads import EventHub, Stopped, Worker
from ensomhed_cli.live.serve_watch import Changes, Watcher
from ensomhed_cli.query.index import Index
from ensomhed_cli.render.page_reads import INDEX_PAGE

ATTACHMENTS = "attachments/"
CHECK_AFTER_SECONDS = 0.25  # from a change to the check of the whole repository


class Preview:
    def __init__(self, root: Path, *, host: str = "127.0.0.1", port: int = 0, public: bool = False, said: Callable[[str], None]) -> None:
        """Bind the server (OSError when the port is taken or the host cannot be had); serve
        nothing until `start`."""
        self.root = root.resolve()
        self.site = PreviewSite(self.root, public)
        self.full = FullSite(self.root, public)
        self.said = said
        self.hub = EventHub()
        self.engine = Worker("ensomhed-preview")
        self.index_worker = Worker("ensomhed-index-page")
        self.checker = Worker("ensomhed-check")
        self.checker_index = Index()  # the checker thread's own connection to the index file
        self.ready = threading.Event()  # the first check is done
        self._pending = Changes()
        self._pending_lock = threading.Lock()
        self._scheduled = False
        self.server = PreviewServer(host, port, self, self.hub.wait)
        self.watcher = Watcher(self.root, self._changed, lambda message: said(f"warning: {message}"))
        self._serving = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2}, name="ensomhed-http", daemon=True)

    @property
    def url(self) -> str:
        host = self.server.server_address[0]
        assert isinstance(host, str)  # what getsockname() gives of an IP socket: never bytes
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.server.port}/"

    def start(self) -> None:
        self.engine.start()
        self.index_worker.start()
        self.checker.start()
        self.engine.submit(self._refresh, None)
        self.watcher.start()
        self._serving.start()

    def stop(self) -> None:
        """Stop watching, close every open page's event stream, close the server; the workers
        take no more work. Returns within a second or two, whatever is running."""
        self.watcher.stop()
        self.hub.close()
        if self._serving.is_alive():
            self.server.shutdown()
        self.server.server_close()
        self.engine.stop()
        self.index_worker.stop()
        self.checker.stop()
        self.ready.set()  # a request still waiting for the first check is answered: stopping

    # --- changes (the watcher's thread, then the worker) ------------------------------------

    def _changed(self, changes: Changes) -> None:
        """At once: the changed files are read again and open pages reload. Then the check
        (changes heard while one runs are gathered into the next): on a thread of its own
        where the index is a file, else on the worker when no page is waiting."""
        self.engine.submit(self._touch, changes)
        with self._pending_lock:
            self._pending.add(changes)
            if self._scheduled:
                return
            self._scheduled = True
        if self.site.index_in_file:
            self.checker.submit(self._check_elsewhere)
        else:
            self.engine.submit(self._refresh_pending, background=True)

    def _taken(self) -> Changes:
        with self._pending_lock:
            changes, self._pending = self._pending, Changes()
            self._scheduled = False
        return changes

    def _touch(self, changes: Changes) -> None:
        try:
            touched = self.site.touch(changes)
        except Exception as exc:  # said, and the check that follows sets things right
            self.said(f"warning: could not read the changed files: {type(exc).__name__}: {exc}")
            touched = set()
        folders = bool(changes.folders)
        self.full.invalidate(None if folders else touched, settings=changes.config, templates=changes.templates)
        self._publish()

    def _refresh_pending(self) -> None:
        self._refresh(self._taken())

    def _check_elsewhere(self) -> None:
        """The checker's thread: check, then hand the result to the worker. New settings make
        a new index file, which the worker's own connection would not see: checked there.
        It first lets the pages that reload render: a check holds Python's lock for a tenth
        of a second at a time (reading its cache), which would hold them up."""
        time.sleep(CHECK_AFTER_SECONDS)
        changes = self._taken()
        if changes.config:
            self.engine.submit(self._refresh, changes, background=True)
            return
        try:
            diagnostics = self.site.check_elsewhere(self.checker_index)
        except Exception as exc:  # a check that fails outright: said, and the preview goes on as it was
            self.said(f"warning: could not check the records: {type(exc).__name__}: {exc}")
            return
        if diagnostics is None:  # the index file could not be written: checked on the worker, in memory
            self.engine.submit(self._refresh, changes, background=True)
        else:
            self.engine.submit(self._apply, diagnostics, changes)

    def _apply(self, diagnostics: list, changes: Changes) -> None:
        self.site.apply(diagnostics, changes)
        self._publish()

    def _refresh(self, changes: Changes | None) -> None:
        try:
            self.site.refresh(changes)
        except Exception as exc:  # a check that fails outright: said, and the preview goes on as it was
            self.said(f"warning: could not check the records: {type(exc).__name__}: {exc}")
            return
        finally:
            self.ready.set()
        self._publish()

    def _publish(self) -> None:
        self.site.generation += 1
        self.hub.publish(self.site.generation)

    # --- requests (the server's threads) ----------------------------------------------------

    def answer(self, path: str) -> Answer:
        self.ready.wait()  # the first check: until then, no page is known
        try:
            if path in ("", INDEX_PAGE):
                return self._page(self.index_worker.call(self.full.page, self.site.errors, self.site.generation))
            if path.startswith(ATTACHMENTS):
                rel = site_file(self.root, path[len(ATTACHMENTS) :])
                file = self.engine.call(self.site.attachment, rel)
                if file is None and self.full.publishes(rel):
                    file = self.engine.call(self.site.published_file, rel)
                return Answer(200, file=file) if file is not None else self._not_found()
            shown = self.engine.call(self.site.page, path)
            return self._page(shown) if shown is not None else self._not_found()
        except Stopped:
            return Answer(503)
        except Exception as exc:  # a page that cannot be made is said, and the preview goes on
            self.said(f"warning: could not make {path}: {type(exc).__name__}: {exc}")
            return Answer(500)

    def _lang(self) -> str:
        return self.site.config.language

    def _page(self, shown: Shown) -> Answer:
        lang = self._lang()
        top = overlay(shown.errors, lang, shown.state) if shown.errors else ""

        def page(nonce: str) -> str:
            script = reload_script(nonce, shown.generation)
            if shown.text is None:
                return compose(bare_page(lang, words(lang)["title"], top), top="", script=script)
            return compose(shown.text, top=top, script=script)

        return Answer(200, page=page)

    def _not_found(self) -> Answer:
        lang, generation = self._lang(), self.site.generation
        return Answer(404, page=lambda nonce: compose(not_found_page(lang), top="", script=reload_script(nonce, generation)))
