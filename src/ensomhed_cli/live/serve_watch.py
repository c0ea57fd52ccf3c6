"""Watching the repository for the preview: records/, templates/ and ensomhed.yaml, and nothing else.

watchfiles (inotify on Linux) reports what changed, grouped: an editor's atomic save (a
temporary file written, then renamed over the record) arrives as one group. Each group
is told in the preview's terms: record files added, changed or removed; folders under
records/ whose files may have moved (a renamed or removed folder is reported alone,
without its files); the templates; the settings. Names the checker never reads (a
dotfile, `_drafts`, an editor's `foo.md~` or `4913`) are left out, so saving in an
editor costs one check, not one per temporary file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ensomhed_cli.paths import CONFIG_FILE, RECORD_SUFFIXES, RECORDS_DIR, TEMPLATES_DIR

STEP_MS = 30  # a group ends when nothing more changed for this long
DEBOUNCE_MS = 1000  # and is reported after this at the latest, while changes go on
STOP_TIMEOUT_SECONDS = 2.0


@dataclass
class Changes:
    records: set[str] = field(default_factory=set)  # record files, relative to the root with forward slashes
    folders: set[str] = field(default_factory=set)  # paths under records/ that are not record files: their files may have moved
    templates: bool = False
    config: bool = False

    def __bool__(self) -> bool:
        return bool(self.records or self.folders or self.templates or self.config)

    def add(self, other: Changes) -> None:
        self.records |= other.records
        self.folders |= other.folders
        self.templates = self.templates or other.templates
        self.config = self.config or other.config


def _skipped(name: str) -> bool:
    """A name the checker never reads as a record, nor what is below it (as discovery skips them)."""
    return name.startswith((".", "_"))


def relative(root: str, path: str) -> str | None:
    """The path relative to the root with forward slashes; None outside it."""
    if path != root and not path.startswith(root + os.sep):
        return None
    return os.path.relpath(path, root).replace(os.sep, "/")


def watched(root: str, path: str) -> bool:
    """Whether a change to the path concerns the preview (the watchfiles filter)."""
    rel = relative(root, path)
    if rel is None:
        return False
    top = rel.split("/", 1)[0]
    return rel == CONFIG_FILE or top in (RECORDS_DIR, TEMPLATES_DIR)


def classify(root: str, paths: list[str]) -> Changes:
    """The changed paths in the preview's terms."""
    found = Changes()
    for path in paths:
        rel = relative(root, path)
        if rel is None:
            continue
        parts = rel.split("/")
        if rel == CONFIG_FILE:
            found.config = True
        elif parts[0] == TEMPLATES_DIR:
            found.templates = True
        elif parts[0] == RECORDS_DIR and not any(_skipped(part) for part in parts[1:]):
            if len(parts) > 1 and rel.endswith(RECORD_SUFFIXES):
                found.records.add(rel)
            else:
                # A folder (there now, or gone with whatever it held) or a file that is no
                # record; the preview looks for record files it knew or knows below it.
                found.folders.add(rel)
    return found


class Watcher:
    """A thread reporting each group of changes to `changed`; `problem` hears why it cannot watch."""

    def __init__(self, root: Path, changed: Callable[[Changes], None], problem: Callable[[str], None]) -> None:
        self.root = str(root.resolve())
        self.changed = changed
        self.problem = problem
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ensomhed-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(STOP_TIMEOUT_SECONDS)

    def _run(self) -> None:
        try:
            import watchfiles
        except ImportError:
            self.problem("watchfiles is not installed: pages are not rebuilt on changes (pip install watchfiles)")
            return
        root = self.root
        try:
            for group in watchfiles.watch(
                root,
                watch_filter=lambda _change, path: watched(root, path),
                stop_event=self._stop,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                raise_interrupt=False,
            ):
                changes = classify(root, sorted(path for _, path in group))
                if changes:
                    self.changed(changes)
        except Exception as exc:  # the watcher's own failure (the folder gone, no inotify watches left): said, not raised
            if not self._stop.is_set():
                self.problem(f"stopped watching {root} ({type(exc).__name__}: {exc}); pages are no longer rebuilt on changes")
