"""A repository held open for an editor: every file's problems, kept current one document at a time.

The language server (live/lsp_server.py) is a thin skin over this; nothing here knows of LSP.

The first load is `ensomhed check` (its entries kept in the index, parallel parsing), kept: each
record file's own problems and its summary. After that, a changed document is checked
from its text in memory (loader.process_text, the same pipeline as a file on disk), and
the rules across records (check/rules/across.py) run again only on what it touches: the
files that share its old or new id, those that refer to either, those whose unresolved
reference might now be suggested another id, the bodies (for parent cycles) and itself.
The rules are check's own functions, so every message is the one `check` gives.
"""

from __future__ import annotations

import bisect
import os
import stat
from pathlib import Path

from ensomhed_cli.check.incremental import check
from ensomhed_cli.check.loader import process_file, process_text
from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.check.references import reference_locations
from ensomhed_cli.check.rules.across import ACROSS_RULES, Index
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.diagnostics import ERROR, Diagnostic, sort_diagnostics
from ensomhed_cli.format.discovery import bulk, discover_named
from ensomhed_cli.format.rawfile import MAX_RECORD_BYTES, decode, read_regular_file
from ensomhed_cli.format.source import Locator
from ensomhed_cli.fsio import file_key
from ensomhed_cli.paths import RECORD_SUFFIXES, RECORDS_DIR

RULES = {rule.__name__: rule for rule in ACROSS_RULES}
_UNRESOLVED_RULES = ("check_references", "check_goal_references")  # whose messages suggest other ids


def record_rel(root: Path, path: Path) -> str | None:
    """`path` relative to root when it is (or would be) a record file there, else None.

    The folders are resolved, the name is not (as `check PATH` judges a file); a name in
    a folder discovery skips (`.git`, `_drafts`) is no record."""
    full = Path(os.path.abspath(path))
    try:
        rel = (full.parent.resolve() / full.name).relative_to(root).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None
    parts = rel.split("/")
    if parts[0] != RECORDS_DIR or len(parts) < 2 or not rel.endswith(RECORD_SUFFIXES):
        return None
    if any(part.startswith((".", "_")) for part in parts[1:]):
        return None
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return rel


def editor_text(text: str, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """An editor's text as check would read the same bytes from disk: its size limit, strict
    UTF-8 (a lone surrogate from JSON is no UTF-8), no BOM, LF line ends."""
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_RECORD_BYTES:
        message = f"the file is {len(raw) // 1024} KiB; a record is at most {MAX_RECORD_BYTES // 1024} KiB"
        return None, [Diagnostic(rel, 1, 1, ERROR, "too-large", message)]
    return decode(raw, rel)


def _identity(s: Summary | None) -> tuple | None:
    return None if s is None else (s.id, s.kind, s.valid)


def _record_stat(full: Path, root: Path) -> tuple[int, int] | None:
    """(size, mtime) of a record file discovery would read: a regular file, or a link to
    one inside the repository; None otherwise."""
    try:
        st = os.lstat(full)
        if stat.S_ISLNK(st.st_mode):
            target = full.resolve()
            if target != root and root not in target.parents:
                return None
            st = os.stat(full)
    except (OSError, RuntimeError):
        return None
    return file_key(st) if stat.S_ISREG(st.st_mode) else None


class _LiveIndex(Index):
    """check's Index over the workspace's maps, for some summaries only; open documents are
    located in their text in memory, not on disk."""

    def __init__(self, ws: Workspace, summaries: list[Summary]) -> None:
        self.summaries = summaries
        self.ctx = ws.ctx
        self.by_id = ws.by_id
        self.invalid = ws.invalid
        self.ids_of_kind = ws.ids_of_kind
        self._locators = {}
        self._reference_places = {}
        self.ws = ws

    def locator(self, path: str) -> Locator:
        text = self.ws.open.get(path)
        if text is None:
            return super().locator(path)
        if path not in self._locators:
            self._locators[path] = Locator(path, text=text)
        return self._locators[path]

    def reference_place(self, s: Summary, kinds: str, n: int) -> tuple:
        if s.path not in self._reference_places:
            file = self.ctx.root / Path(*s.path.split("/"))
            self._reference_places[s.path] = reference_locations(file, s.path, self.ws.open.get(s.path))
        return super().reference_place(s, kinds, n)


class Workspace:
    """One repository: its record files' problems, summaries and the open documents' texts."""

    def __init__(self, root: Path, *, jobs: int | None = None) -> None:
        self.root = root.resolve()
        self.ctx = Context(self.root)
        self.jobs = jobs
        self.summaries: dict[str, Summary] = {}  # path -> summary, for files that have one
        self.own: dict[str, list[Diagnostic]] = {}  # path -> the file's own problems
        self.found: dict[str, list[Diagnostic]] = {}  # path -> discovery's word on it (a skipped link)
        self.across: dict[str, dict[str, list[Diagnostic]]] = {}  # path -> rule -> problems
        self.on_disk: dict[str, tuple[int, int]] = {}  # record file -> (size, mtime) as last read
        self.open: dict[str, str] = {}  # path -> the editor's text (decoded), where it is open
        self.published: dict[str, list[Diagnostic]] = {}
        # The maps check's Index builds, kept current file by file.
        self.groups: dict[str, list[str]] = {}  # id -> paths with that id, in path order
        self.by_id: dict[str, Summary] = {}
        self.invalid: dict[str, str] = {}
        self.ids_of_kind: dict[str, list[str]] = {}
        self.referrers: dict[str, set[str]] = {}  # id -> paths whose references name it
        self.goal_referrers: dict[str, set[str]] = {}  # plan id -> paths naming one of its goals
        self.bodies: set[str] = set()
        self.unresolved: set[str] = set()  # paths with an unresolved reference

    # --- loading -----------------------------------------------------------------------

    def load(self) -> dict[str, list[Diagnostic]]:
        """Check the whole repository (with check's cache); every record file's problems."""
        from ensomhed_cli.query.index import Index

        entries: dict = {}
        kept = Index(only_on_disk=True)  # check's store, where it keeps one (a repository of 200 files or more)
        with bulk():
            try:
                check(self.root, jobs=self.jobs, index=kept, entries_out=entries)
            finally:
                kept.close()
            from ensomhed_cli.check.loader import load_config

            self.ctx = Context(self.root, load_config(self.root)[0])
            files, found = discover_named(self.root)
            for d in found:
                self.found.setdefault(d.path, []).append(d)
            for rel, _, _ in files:
                if rel not in entries:  # appeared between the two walks: read it now
                    self._read_disk(rel)
            for rel, (size, mtime, diags, summary) in entries.items():
                self.on_disk[rel] = (size, mtime)
                self.own[rel] = [Diagnostic(*d) for d in diags]
                if summary is not None:
                    self._add(Summary.from_json(summary))
            self._run(set(self.summaries))
        return self._changed(set(self.own) | set(self.found))

    def _read_disk(self, rel: str) -> None:
        full = self.root / Path(*rel.split("/"))
        result = process_file(full, rel, self.ctx)
        try:
            st = os.stat(full)
            self.on_disk[rel] = file_key(st)
        except OSError:
            self.on_disk[rel] = (-1, -1)
        self.own[rel] = result.diagnostics
        if result.summary is not None:
            self._add(result.summary)

    # --- the maps ------------------------------------------------------------------------

    def _add(self, s: Summary) -> None:
        self.summaries[s.path] = s
        bisect.insort(self.groups.setdefault(s.id, []), s.path)
        for ids in (s.refs or {}).values():
            for ref in ids:
                self.referrers.setdefault(ref, set()).add(s.path)
        for _, plan_id, _ in s.goal_refs:
            self.goal_referrers.setdefault(plan_id, set()).add(s.path)
        if s.kind == "body":
            self.bodies.add(s.path)
        if s.valid:
            self.ids_of_kind.setdefault(s.kind, []).append(s.id)
        self._settle(s.id)

    def _remove(self, path: str) -> Summary | None:
        s = self.summaries.pop(path, None)
        if s is None:
            return None
        self.groups[s.id].remove(path)
        for ids in (s.refs or {}).values():
            for ref in ids:
                self.referrers.get(ref, set()).discard(path)
        for _, plan_id, _ in s.goal_refs:
            self.goal_referrers.get(plan_id, set()).discard(path)
        self.bodies.discard(path)
        if s.valid:
            self.ids_of_kind[s.kind].remove(s.id)
        self._settle(s.id)
        return s

    def _settle(self, record_id: str) -> None:
        """by_id and invalid for one id: the first valid, and the first invalid, in path order."""
        group = [self.summaries[p] for p in self.groups.get(record_id, [])]
        first_valid = next((s for s in group if s.valid), None)
        first_invalid = next((s for s in group if not s.valid), None)
        for table, value in ((self.by_id, first_valid), (self.invalid, first_invalid and first_invalid.kind)):
            if value is None:
                table.pop(record_id, None)
            else:
                table[record_id] = value  # type: ignore[assignment]
        if not group:
            self.groups.pop(record_id, None)

    # --- changes -----------------------------------------------------------------------

    def update_text(self, rel: str, text: str) -> dict[str, list[Diagnostic]]:
        """The editor's text of a record file (open or changed); the files whose problems changed."""
        decoded, problems = editor_text(text, rel)
        if decoded is None:
            self.open[rel] = ""
            return self._replace(rel, problems, None)
        self.open[rel] = decoded
        with bulk():
            result = process_text(decoded, rel, self.ctx)
        return self._replace(rel, result.diagnostics, result.summary)

    def close(self, rel: str) -> dict[str, list[Diagnostic]]:
        """The editor closed the document: the file is as it is on disk again."""
        if self.open.pop(rel, None) is None:
            return {}
        return self._reread(rel)

    def rescan(self) -> dict[str, list[Diagnostic]]:
        """Files created, changed or deleted on disk (not through the editor): read again."""
        files, found = discover_named(self.root)
        self.found = {}
        for d in found:
            self.found.setdefault(d.path, []).append(d)
        now: dict[str, tuple[int, int]] = {}
        for rel, path, st in files:
            try:
                st = st or os.stat(path)
                now[rel] = file_key(st)
            except OSError:
                now[rel] = (-1, -1)
        changed: dict[str, list[Diagnostic]] = {}
        for rel in sorted(set(now) | set(self.on_disk)):
            if rel in self.open or now.get(rel) == self.on_disk.get(rel):
                continue
            changed.update(self._reread(rel, now.get(rel)))
        changed.update(self._changed(set(self.found) | set(self.published)))
        return changed

    def _reread(self, rel: str, stat: tuple[int, int] | None = None) -> dict[str, list[Diagnostic]]:
        full = self.root / Path(*rel.split("/"))
        stat = stat or _record_stat(full, self.root)
        if stat is None:  # gone, or no longer a file discovery would read
            self.on_disk.pop(rel, None)
            return self._replace(rel, None, None)
        result = process_file(full, rel, self.ctx)
        self.on_disk[rel] = stat
        return self._replace(rel, result.diagnostics, result.summary)

    def _replace(self, rel: str, own: list[Diagnostic] | None, summary: Summary | None) -> dict[str, list[Diagnostic]]:
        """A file's new own problems and summary (None, None: it is gone); the files touched."""
        old = self._remove(rel)
        if own is None:
            self.own.pop(rel, None)
        else:
            self.own[rel] = own
        if summary is not None:
            self._add(summary)
        touched = {rel} | self.bodies
        ids = {s.id for s in (old, summary) if s is not None}
        for record_id in ids:
            touched |= set(self.groups.get(record_id, ())) | self.referrers.get(record_id, set())
            touched |= self.goal_referrers.get(record_id, set())
        if _identity(old) != _identity(summary):
            # The ids of a kind changed: an unresolved reference to that kind may be told of another.
            kinds = {s.kind for s in (old, summary) if s is not None}
            for path in self.unresolved:
                written = self.summaries.get(path)
                wanted = set("|".join((written.refs or {}) if written else ()).split("|"))
                if wanted & kinds or (written and written.goal_refs and "plan" in kinds):
                    touched.add(path)
        return self._changed(self._run(touched))

    # --- the rules across records, on some files -----------------------------------------

    def _run(self, paths: set[str]) -> set[str]:
        """The rules across records again for these files (and, for ids, all who share theirs)."""
        grouped = set(paths)
        for path in paths:
            s = self.summaries.get(path)
            if s is not None:
                grouped.update(self.groups.get(s.id, ()))
        index = _LiveIndex(self, [])
        for name, rule in RULES.items():
            scope = grouped if name == "check_unique_ids" else paths
            for path in scope:
                self.across.get(path, {}).pop(name, None)
                if name in _UNRESOLVED_RULES and self.across.get(path, {}).keys().isdisjoint(_UNRESOLVED_RULES):
                    self.unresolved.discard(path)
            index.summaries = [self.summaries[p] for p in sorted(scope) if p in self.summaries]
            for d in rule(index):
                self.across.setdefault(d.path, {}).setdefault(name, []).append(d)
                if name in _UNRESOLVED_RULES and d.code == "unresolved-ref":
                    self.unresolved.add(d.path)
        return grouped

    def diagnostics(self, rel: str) -> list[Diagnostic]:
        """Every problem `check` reports at this file, as the files are now."""
        found = list(self.own.get(rel, [])) + self.found.get(rel, [])
        for problems in self.across.get(rel, {}).values():
            found.extend(problems)
        return sort_diagnostics(found)

    def _changed(self, paths: set[str]) -> dict[str, list[Diagnostic]]:
        out = {}
        for rel in paths:
            now = self.diagnostics(rel)
            if now != self.published.get(rel, []):
                out[rel] = now
            if now:
                self.published[rel] = now
            else:
                self.published.pop(rel, None)
        return out

    # --- reading -------------------------------------------------------------------------

    def text(self, rel: str) -> str | None:
        """The text of a record file: the editor's where open, else the file's (decoded)."""
        if rel in self.open:
            return self.open[rel]
        try:
            raw = read_regular_file(self.root / Path(*rel.split("/")))[0]
        except OSError:
            return None
        return decode(raw, rel)[0] if raw is not None else None

    def file_of(self, record_id: str) -> Summary | None:
        """The record with this id, as references resolve it (the first valid, else the first)."""
        found = self.by_id.get(record_id)
        if found is None and self.groups.get(record_id):
            found = self.summaries[self.groups[record_id][0]]
        return found

    def ids_of(self, kinds: str) -> list[Summary]:
        """The valid records of these kinds ("person|body"), each id once, by id."""
        out = {}
        for kind in kinds.split("|"):
            for record_id in self.ids_of_kind.get(kind, []):
                s = self.by_id.get(record_id)
                if s is not None and s.kind == kind:
                    out[record_id] = s
        return [out[k] for k in sorted(out)]
