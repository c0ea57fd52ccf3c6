"""The pages of the last build, kept in the index: `build` renders again only pages whose inputs changed.

A page's key is a digest of everything its text can depend on: the tool's version,
the settings, the templates (the repository's and the built-in ones), how it is built
(output, language, public, the day), and each file the page reads: its own record's
file as the index knows it (path, size and modification time), and the others by what a
page of another record shows of them (render/site_state.py: all of a record but a
meeting's description), each with the state of the attachments it names. The files a
page reads are those `render` loads (query/index_load.py) and, for an agenda or minutes,
the body's meetings just before and after it (render/page_reads.py). The index page reads every file: it is
rendered again unless the last build's state says that nothing it shows changed
(render/site_state.py), which is also what spares a rebuild keying every page again.

Which pages the site has is not in the key: a page links only to pages of records whose
files it reads (tests/test_build_incremental.py holds that for every page), and whether
such a record has a page (an agenda, minutes once held) is in what the key says of its
file. A meeting added renders its own pages and those that now read it, not every page.

Keyed on file times, as `check` is: a cache that came with a repository (committed to
it, or forged) cannot match the times of a fresh checkout, so it is never used there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path

from ensomhed_cli.check.attachments import attachment_file, site_path
from ensomhed_cli.codestamp import code_stamp
from ensomhed_cli.format.discovery import discover_templates
from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.query.index import Index, SiteState
from ensomhed_cli.query.index_load import BulkClosure, Closure, rows_in
from ensomhed_cli.render import site_state
from ensomhed_cli.render.as_sent import sent_commits
from ensomhed_cli.render.page_reads import page_reads
from ensomhed_cli.render.site import Page

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BULK_KEYS = 300  # keying more pages than this reads the index's maps whole (BulkClosure)


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

    def __init__(self, index: Index, root: Path, settings: dict) -> None:
        self.index = index
        self.root = root
        self.today = dt.date.fromisoformat(settings["today"])
        self.stats = {path: (size, mtime) for path, size, mtime in index.execute("SELECT path, size, mtime FROM _files")}
        self.attachments: dict[str, list[str]] = {}
        for path, attachment in index.execute("SELECT _path, path FROM t_attachments WHERE path IS NOT NULL"):
            self.attachments.setdefault(path, []).append(attachment)
        key = index.execute("SELECT value FROM _meta WHERE key = 'key'").fetchone()
        base = {
            "code": code_stamp(),
            "index": key[0] if key else None,
            "templates": _templates_digest(root),
            "settings": settings,
        }
        self.base = json.dumps(base, sort_keys=True)
        self.variant = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]
        self.index_key = hashlib.sha256(f"{self.base}\nindex".encode()).hexdigest()
        # An agenda with agenda_sent shows its file as it stood at a commit (render/as_sent.py):
        # which commit is part of what a key says of the file, so a commit made that day counts.
        sent = [(path, dt.date.fromisoformat(day)) for path, day in index.execute("SELECT _path, agenda_sent FROM t_meetings WHERE agenda_sent IS NOT NULL")]
        commits = sent_commits(root, sent, settings.get("timezone", "Europe/Copenhagen")) if sent else {}
        self.sent = {path: commits.get(path, "-") for path, _ in sent}  # "-": no commit (yet); shown as it is today
        self._attachment_states: dict[str, tuple] = {}
        self._tokens: dict[str, str] = {}  # path -> what a key says of the file, made once per build
        self._cited_tokens: dict[str, str] = {}  # the same for a page of another record
        self.stored = dict(index.execute("SELECT page, key FROM _pages WHERE variant = ?", (self.variant,)))
        self.closure: Closure | None = None
        self.reads: dict[str, set[str] | None] = {}  # page -> the files it reads, for the pages keyed in this build
        self.cited: dict[str, str] = {}  # file -> what a page of another record shows of it (site_state.shown)
        # the files as this build saw them, (path, token, shape, shown, cited), and whether they are every file (SiteState)
        self._state: tuple[list[tuple[str, str, str, str, str]], bool] = ([], True)
        self._after: int | None = None

    def plan(self, pages: list[Page]) -> tuple[set[int], dict[int, str | None]]:
        """Which pages stand as the last build made them (their indices), and the keys of the
        others (None: always rendered). Keys are made only for the pages that read a file
        changed since the last build, unless the last build's state cannot tell."""
        tokens = {path: self._token(path) for path in self.stats}
        last = site_state.last_build(self.index, self.variant)
        self._after = last.generation if last else None
        if last is not None and last.base == self.base and set(last.files) == set(tokens):
            # A token is empty while the file's time cannot be trusted: changed, every time.
            changed = sorted(path for path, token in tokens.items() if not token or last.files[path].token != token)
            index_path = next((page.rel for page in pages if page.record_id is None), None)
            shapes = site_state.shapes(self.index, changed)
            if all(shapes[path] == last.files[path].shape for path in changed):
                shown = site_state.shown(self.index, changed)
                self._state = ([(path, tokens[path], shapes[path], *shown[path]) for path in changed], False)
                self.cited = {path: state.cited for path, state in last.files.items()} | {path: s[1] for path, s in shown.items()}
                stale = site_state.pages_reading(self.index, self.variant, changed)
                if stale is None:
                    stale = {page.rel for page in pages}
                if any(shown[path][0] != last.files[path].shown for path in changed) and index_path:
                    stale.add(index_path)
                kept = {i for i, page in enumerate(pages) if page.rel not in stale and self.stored.get(page.rel)}
                # A few pages ask the index; many (after a pull, say) read its maps once.
                self.closure = BulkClosure(self.index) if len(pages) - len(kept) > BULK_KEYS else Closure(self.index)
                return kept, {i: self.key(page) for i, page in enumerate(pages) if i not in kept}
        shapes, shown = self._states_anew(tokens, last)
        self._state = ([(path, token, shapes.get(path, ""), *shown.get(path, ("", ""))) for path, token in tokens.items()], True)
        self.cited = {path: s[1] for path, s in shown.items()}
        self.closure = BulkClosure(self.index)
        return set(), {i: self.key(page) for i, page in enumerate(pages)}

    def _states_anew(self, tokens: dict[str, str], last: site_state.LastBuild | None) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """Every file's shape and what pages show of it. A file the last build of the same base
        saw with the same token is as it was then (both are made from the file's rows alone):
        after a meeting is added, only its own are made."""
        if last is None or last.base != self.base:
            return site_state.shapes(self.index, None), site_state.shown(self.index, None)
        same = {path for path, token in tokens.items() if token and path in last.files and last.files[path].token == token}
        anew = sorted(set(tokens) - same)
        shapes = {path: last.files[path].shape for path in same} | site_state.shapes(self.index, anew)
        shown = {path: (last.files[path].shown, last.files[path].cited) for path in same} | site_state.shown(self.index, anew)
        return shapes, shown

    def key(self, page: Page) -> str | None:
        """The page's key; None for a page that is always rendered (one that reads a file
        changed so recently that its time cannot be trusted yet)."""
        if page.record_id is None:
            self.reads[page.rel] = None
            return self.index_key
        assert self.closure is not None, "plan() first"
        files = self.reads[page.rel] = page_reads(self.closure, page, self.today)
        if files is None:
            return None
        own = self.closure.path(page.record_id)
        tokens = [self._token(path) if path == own else self._cited_token(path) for path in sorted(files)]
        if not all(tokens):
            return None
        return hashlib.sha256("\n".join([self.base, page.document, page.record_id, *tokens]).encode()).hexdigest()

    def needed(self, pages: Iterable[Page]) -> set[str] | None:
        """The files these pages (keyed in this build) read; None when one reads every file."""
        files: set[str] = set()
        for page in pages:
            reads = self.reads.get(page.rel)
            if reads is None:
                return None
            files |= reads
        return files

    def _token(self, path: str) -> str:
        """What a key says of the file as the index knows it; empty while its time cannot be trusted yet."""
        token = self._tokens.get(path)
        if token is None:
            size, mtime = self.stats.get(path, (-1, -1))
            said = f"{encode_basestring(path)}\0{size}\0{mtime}\0{self._attachments_said(path)}"
            if path in self.sent:
                said += f"\0sent\0{self.sent[path]}"
            token = self._tokens[path] = said if mtime >= 0 else ""
        return token

    def _cited_token(self, path: str) -> str:
        """What a key of a page of another record says of the file: what such a page shows of
        its record (render/site_state.py), and its attachments; empty while its time cannot be
        trusted yet, the file's own token where there is no record."""
        token = self._cited_tokens.get(path)
        if token is None:
            token = own = self._token(path)
            cited = self.cited.get(path)
            if own and cited:
                token = f"{encode_basestring(path)}\0cited\0{cited}\0{self._attachments_said(path)}"
            self._cited_tokens[path] = token
        return token

    def _attachments_said(self, path: str) -> str:
        """The state of each attachment the file names, as a key says it ("" for none)."""
        states = [self._attachment_state(a) for a in self.attachments.get(path, [])]
        return json.dumps(states, default=str) if states else ""

    def _attachment_state(self, path: str) -> tuple:
        """Whether an attachment is published, as which file (attachment_file) and where on
        the site (site_path), once per build."""
        if path not in self._attachment_states:
            status, rel = attachment_file(self.root, path)
            self._attachment_states[path] = (path, status, rel, rel and site_path(self.root, rel))
        return self._attachment_states[path]

    def unchanged(self, page: str, key: str) -> bool:
        """Whether a page keyed again has the key its stored text was made with (never the
        index page: its key says only that the base is the same)."""
        return key != self.index_key and self.stored.get(page) == key

    def kept(self, pages: Iterable[str]) -> dict[str, tuple[str, list[str]]]:
        """The digest and attachments of the pages that stand as the last build made them."""
        wanted = set(pages)
        found: dict[str, tuple[str, list[str]]] = {}
        for page, sha, attachments in self.index.execute("SELECT page, digest, attachments FROM _pages WHERE variant = ?", (self.variant,)):
            if page in wanted:
                found[page] = (sha, [] if attachments == "[]" else json.loads(attachments))
        return found

    def texts(self, pages: Iterable[str]) -> dict[str, str]:
        """The stored texts of these pages."""
        sql = "SELECT page, text FROM _pages WHERE variant = '" + self.variant + "' AND page IN ({})"
        return dict(rows_in(self.index, sql, pages))

    def put(self, rendered: list[tuple[str, str, str, list[str], str]], current: Iterable[str]) -> None:
        """Keep (page, key, text, attachments, digest) of the pages rendered for the next build, and
        what this build was made of; of the others, the `current` pages stay and the rest
        (no longer built) go."""
        files, whole = self._state
        reads = {page: sorted(paths) for page, paths in self.reads.items() if paths is not None}
        current = set(current)
        pages = [(p, k, t, json.dumps(sorted(a)), sha) for p, k, t, a, sha in rendered]
        self.index.store_pages(self.variant, SiteState(pages, current, set(self.stored) - current, reads, files, whole, self.base, self._after))
