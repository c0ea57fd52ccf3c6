"""The pages of the last build, kept in the index: `build` renders again only pages whose inputs changed.

A page's key is a digest of everything its text can depend on: the tool's version,
the settings, the templates (the repository's and the built-in ones), how it is built
(output, language, public, the day), which pages the site has (it links to them), and
each file the page reads as the index knows it (path, size and modification time),
with the state of the attachments those files name. The files a page reads are those
`render` loads (query/index_load.py), and for an agenda or minutes in a site every
meeting of the same body too (the page links to the one before and after). The index
page reads everything and is always rendered.

Keyed on file times, as `check` is: a cache that came with a repository (committed to
it, or forged) cannot match the times of a fresh checkout, so it is never used there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from ensomhed_cli import __version__
from ensomhed_cli.check.attachments import attachment_file
from ensomhed_cli.format.discovery import discover_templates
from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_load import BulkClosure, needed_files

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _templates_digest(root: Path) -> str:
    digest = hashlib.sha256()
    found = discover_templates(root)[0]
    builtin = {p.name: p for p in sorted(BUILTIN_TEMPLATES.iterdir()) if p.is_file()}
    for origin, templates in (("repository", found), ("built-in", builtin)):
        for name in sorted(templates):
            try:
                raw, _, _ = read_regular_file(templates[name])
            except OSError:
                raw = None
            digest.update(f"{origin}/{name}\0".encode())
            digest.update(b"-" if raw is None else hashlib.sha256(raw).digest())
    return digest.hexdigest()


class PageCache:
    """Keys and stored texts of one build's pages."""

    def __init__(self, index: Index, root: Path, settings: dict, page_paths: Iterable[str]) -> None:
        self.index = index
        self.root = root
        self.today = dt.date.fromisoformat(settings["today"])
        self.closure = BulkClosure(index)
        self.stats = {path: (size, mtime) for path, size, mtime in index.execute("SELECT path, size, mtime FROM _files")}
        self.attachments: dict[str, list[str]] = {}
        for path, attachment in index.execute("SELECT _path, path FROM t_attachments WHERE path IS NOT NULL"):
            self.attachments.setdefault(path, []).append(attachment)
        key = index.execute("SELECT value FROM _meta WHERE key = 'key'").fetchone()
        base = {
            "version": __version__,
            "index": key[0] if key else None,
            "templates": _templates_digest(root),
            "settings": settings,
            "pages": hashlib.sha256("\n".join(sorted(page_paths)).encode()).hexdigest(),
        }
        self.base = json.dumps(base, sort_keys=True)
        self.variant = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]
        self._attachment_states: dict[str, tuple] = {}
        self._tokens: dict[str, str] = {}  # path -> what a key says of the file, made once per build
        self.stored = dict(index.execute("SELECT page, key FROM _pages WHERE variant = ?", (self.variant,)))

    def key(self, document: str, record_id: str | None) -> str | None:
        """The page's key; None for a page that is always rendered (the index, or one that reads
        a file changed so recently that its time cannot be trusted yet)."""
        if document == "index" or record_id is None:
            return None
        files = needed_files(self.closure, document, record_id, self.today)
        if files is None:
            return None
        if document in ("agenda", "minutes"):
            body = self.closure.body_at.get(self.closure.names.first[record_id][2], "")
            files |= {path for _, path in self.closure.meetings_of.get(body, [])}
        tokens = []
        for path in sorted(files):
            token = self._tokens.get(path)
            if token is None:
                size, mtime = self.stats.get(path, (-1, -1))
                states = [self._attachment_state(a) for a in self.attachments.get(path, [])]
                # The file as the index knows it; empty while its time cannot be trusted yet.
                token = self._tokens[path] = json.dumps([path, size, mtime, states], default=str) if mtime >= 0 else ""
            if not token:
                return None
            tokens.append(token)
        return hashlib.sha256("\n".join([self.base, document, record_id, *tokens]).encode()).hexdigest()

    def _attachment_state(self, path: str) -> tuple:
        """Whether an attachment is published, and as which file (attachment_file), once per build."""
        if path not in self._attachment_states:
            self._attachment_states[path] = (path, *attachment_file(self.root, path))
        return self._attachment_states[path]

    def get(self, page: str, key: str) -> tuple[str, list[str]] | None:
        if self.stored.get(page) != key:
            return None
        row = self.index.execute(
            "SELECT text, attachments FROM _pages WHERE variant = ? AND page = ? AND key = ?", (self.variant, page, key)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def put(self, rendered: list[tuple[str, str, str, list[str]]], kept: Iterable[str]) -> None:
        """Keep (page, key, text, attachments) of the pages rendered for the next build; of the
        others, those `kept` (reused) stay and the rest (no longer built) go."""
        self.index.store_pages(self.variant, [(p, k, t, json.dumps(sorted(a))) for p, k, t, a in rendered], {p for p, *_ in rendered} | set(kept))
