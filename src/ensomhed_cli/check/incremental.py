"""`ensomhed check` at scale: a per-file cache and parallel parsing.

Each file's own result (its problems and its summary) depends only on the file and
the settings, so it is cached, keyed by path, size and modification time, the tool's
version and the settings. When nothing changed at all (the same files, sizes and times,
the same attachment files) the last result is used whole, from a small file, without
reading the per-file cache. After a few edits that leave what the rules across records
see of each file as it was, the last result is amended by those files alone
(check/after_edit.py). Else the rules across records run again on every summary. A cold
run parses in parallel on all cores.

The cache is JSON, never pickle: a cache file that came with a repository is data,
not code. A cache that is missing, corrupt, truncated or from another version is
ignored and rebuilt. Writes are atomic, so two checks at once never leave a broken
cache, only the one written last.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ensomhed_cli.check import parallel
from ensomhed_cli.check.after_edit import amended_own, changed_files
from ensomhed_cli.check.cache_skim import skim as skim_cache

# CACHE_FILE, DELTA_FILE, RESULT_FILE: where the cache lives, for callers
from ensomhed_cli.check.cache_store import (  # noqa: F401
    CACHE_DIR,
    CACHE_FILE,
    CACHE_FORMAT,
    DELTA_FILE,
    Entry,
    Stored,
    cache_folder,
    read_cache,
    write_cache,
    write_delta,
)
from ensomhed_cli.check.fingerprint import cache_fingerprint, settings_language_light
from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.check.result_file import (  # noqa: F401
    RESULT_FILE,
    LastResult,
    attachments_unchanged,
    diag_to_json,
    made_here,
    read_last,
    reusable_across,
    write_last,
)
from ensomhed_cli.check.result_file import stamp as make_stamp
from ensomhed_cli.check.rules.across import attachment_paths, attachment_status, run_across_rules
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.diagnostics import WARNING, Diagnostic, say, sort_diagnostics
from ensomhed_cli.format.discovery import bulk, discover_named, template_problems
from ensomhed_cli.fsio import file_key

# Only light modules above: a check where the cache has every file never imports
# the schema (pydantic) at all. The loader comes in when a file must be parsed.

RACY_SECONDS = 2.0  # a file changed this recently may change again within one mtime tick
CACHE_MIN_FILES = 200  # a smaller repository checks in a blink; no cache folder is made for it


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    parsed: int = 0  # files parsed in this run (the rest came from the cache)




class IndexSink(Protocol):
    """What check fills besides its own cache: the index (query/index.py)."""

    payload: Callable  # record -> what the index keeps of it; run in the workers
    only_on_disk: bool  # filled only where it is kept on disk (the check's cache is): else not at all

    @property
    def stamp(self) -> str | None: ...  # read only: check compares it, store sets it

    def attach(self, cache_dir: Path | None, fingerprint: str) -> None: ...
    def known(self) -> dict[str, tuple[int, int]]: ...
    def store(self, stamp: str | None, parsed: list, gone: set[str]) -> None: ...


def check(
    root: Path,
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    index: IndexSink | None = None,
    only: Collection[str] | None = None,
    entries_out: dict[str, Entry] | None = None,
    today: dt.date | None = None,
) -> CheckResult:
    """Check every record in the repository at root; every problem, sorted.

    With an index, it is brought up to date in the same run: the files it does not
    hold as they are now are parsed (once, for both) and stored in it. With `only`
    (record paths relative to root, see scope.record_paths), the whole repository is
    still read, and the result speaks of those files alone (scope.concerning). With
    `entries_out`, it is filled with each record file's (size, mtime, diagnostics, summary)
    as JSON, for a caller that goes on from them (the language server, live/workspace.py).
    Dates are judged against `today` (default: the real one)."""
    # The collector paused throughout: the cache, the file list and the index's list are
    # hundreds of thousands of small objects with no cycles, and reading a 40 MB cache with
    # it running took three times as long (100,000 records).
    from ensomhed_cli.diagnostics import messages_for

    with bulk(), messages_for(settings_language_light(root)):
        return _check(root, use_cache, jobs, index, only, entries_out, today or dt.date.today())


@dataclass
class _Run:
    """One check's view of the repository: its files as they are now, and where its cache is."""

    root: Path
    today: dt.date
    jobs: int
    files: list
    found: list[Diagnostic]  # problems of the repository's layout (file names, templates)
    use_cache: bool
    fingerprint: str = ""
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> file key
    unstated: list[tuple[str, str]] = field(default_factory=list)  # (path, rel) of links that cannot be stated
    stamp: str | None = None  # every file's key and the day: None where one could not be stated
    keep_cache: bool = False
    for_index: set[str] = field(default_factory=set)  # files the index does not hold as they are
    gone: set[str] = field(default_factory=set)  # files the index holds that are no more

    @property
    def cache_path(self) -> Path:
        return self.root / CACHE_DIR / CACHE_FILE

    @property
    def result_path(self) -> Path:
        return self.root / CACHE_DIR / RESULT_FILE


def _check(
    root: Path,
    use_cache: bool,
    jobs: int | None,
    index: IndexSink | None,
    only: Collection[str] | None,
    entries_out: dict[str, Entry] | None,
    today: dt.date,
) -> CheckResult:
    root = root.resolve()
    files, found = discover_named(root)
    run = _Run(root, today, jobs or os.cpu_count() or 1, files, found + template_problems(root), use_cache)
    _refuse_cache_link(run)
    _state_files(run)
    if index is not None and index.only_on_disk and not run.keep_cache:
        index = None  # kept for the reading commands, which keep no index of a repository this small either
    _plan_index(run, index)
    last = read_last(run.result_path) if run.use_cache else None
    if only is None and entries_out is None and last is not None:
        early = _from_last(run, last, index)
        if early is not None:
            return early
    return _full_check(run, last, index, only, entries_out)


def _refuse_cache_link(run: _Run) -> None:
    if run.use_cache and os.path.islink(run.root / CACHE_DIR):
        # A committed link could point the cache anywhere: to results forged for this
        # repository, or to a folder outside it that would be written. Neither happens.
        run.use_cache = False
        message = say(
            f"{CACHE_DIR} er et link, så check hverken læser eller gemmer sine mellemresultater der (fjern linket)",
            f"{CACHE_DIR} is a link; the cache is neither read nor written (remove the link)",
        )
        run.found.append(Diagnostic(CACHE_DIR, 1, 1, WARNING, "cache-link", message))


def _state_files(run: _Run) -> None:
    """Each file's key, the stamp of them all, and whether a cache is kept."""
    run.fingerprint = cache_fingerprint(run.root)
    run.keep_cache = run.use_cache and (len(run.files) >= CACHE_MIN_FILES or run.cache_path.exists())
    for rel, path, st in run.files:
        if st is None:  # a link inside the repository: compare what it points at
            try:
                st = os.stat(path)
            except OSError:
                run.unstated.append((path, rel))
                continue
        run.stats[rel] = file_key(st)
    if run.use_cache and not run.unstated:
        run.stamp = make_stamp(run.fingerprint, run.stats, run.today)


def _plan_index(run: _Run, index: IndexSink | None) -> None:
    """Open the index; which files it must be given again, and which to forget."""
    if index is None:
        return
    index.attach(cache_folder(run.root) if run.keep_cache else None, run.fingerprint)
    if run.stamp is None or index.stamp != run.stamp:
        known = index.known()
        run.for_index = {rel for rel, stat in run.stats.items() if known.get(rel) != stat} | {rel for _, rel in run.unstated}
        run.gone = set(known) - set(run.stats) - run.for_index


def _from_last(run: _Run, last: LastResult, index: IndexSink | None) -> CheckResult | None:
    """The last result whole where nothing changed, or amended after a few edits; None: a full check."""
    if last.stamp == run.stamp and not run.for_index and not run.gone and attachments_unchanged(last, run.root):
        if index is not None and index.stamp != run.stamp:
            index.store(run.stamp, [], set())
        return CheckResult(sort_diagnostics(last.own + last.across + run.found), last.files, last.counts, 0)
    if run.keep_cache and run.stamp is not None and not run.gone:
        quick = _after_edit(run, last, index)
        if quick is not None:
            quick.diagnostics = sort_diagnostics(quick.diagnostics + run.found)
            return quick
    return None


def _full_check(
    run: _Run, last: LastResult | None, index: IndexSink | None, only: Collection[str] | None, entries_out: dict[str, Entry] | None
) -> CheckResult:
    """Every file from the cache or parsed again, and the rules across records run or their last findings kept."""
    stored = read_cache(run.cache_path, run.fingerprint) if run.use_cache else Stored({}, None)
    cached, config_problems = stored.files, stored.config
    entries, todo = _cached_or_todo(run, cached)
    ctx = Context(run.root, today=run.today)
    if todo or config_problems is None:
        from ensomhed_cli.check.loader import load_config

        config, problems = load_config(run.root)
        ctx = Context(run.root, config, run.today)
        config_problems = [diag_to_json(d) for d in problems]
    fresh = _racy_from()  # a file changed this very moment is kept without its time: parsed again next run
    batch, settled_all = _parse_todo(run, todo, ctx, index, entries, fresh)
    own = [Diagnostic(*d) for d in config_problems]
    for rel in sorted(entries):
        own.extend(Diagnostic(*d) for d in entries[rel][2])
    reused = reusable_across(last, stored.token, run.fingerprint, cached, entries, [rel for _, rel in todo], run.root, run.today)
    if reused is not None:
        across, counts, attachments = reused.across, reused.counts, reused.attachments
    else:
        across, counts, attachments = _across(entries, ctx)
    result = CheckResult(own + across, len(run.files), counts, len(todo))
    if index is not None and (run.for_index or run.gone or index.stamp != run.stamp):
        index.store(run.stamp if settled_all else None, batch, run.gone)
    if run.keep_cache:
        _save(run, stored, entries, bool(todo), config_problems, fresh, (counts, attachments, own, across))
    result.diagnostics = sort_diagnostics(own + across + run.found)
    if entries_out is not None:
        entries_out.update(entries)
    if only is not None:
        from ensomhed_cli.check.scope import narrow

        narrow(result, only, {rel: entries[rel][3] for rel in only if rel in entries})
    return result


def _cached_or_todo(run: _Run, cached: dict[str, Entry]) -> tuple[dict[str, Entry], list[tuple[str, str]]]:
    """The cache's entries of the files as they are now, and (path, rel) of every file to parse again."""
    entries: dict[str, Entry] = {}
    todo: list[tuple[str, str]] = list(run.unstated)
    for rel, path, _ in run.files:
        entry = cached.get(rel)
        if rel not in run.stats:
            continue
        if entry is not None and (entry[0], entry[1]) == run.stats[rel] and rel not in run.for_index:
            entries[rel] = entry
        else:
            todo.append((path, rel))
    return entries, todo


def _parse_todo(
    run: _Run, todo: list[tuple[str, str]], ctx: Context, index: IndexSink | None, entries: dict[str, Entry], fresh: int
) -> tuple[list, bool]:
    """Parse the files to do into `entries`; the index's rows of those it lacks are stored as
    they come, but for the last batch, returned with whether every one of them is settled."""
    batch: list = []
    settled_all = True
    if not todo:
        return batch, settled_all
    for rel, diags, summary, made in parallel.parse_all(todo, ctx, run.jobs, index.payload if index is not None and run.for_index else None):
        size, mtime = run.stats.get(rel, (-1, -1))
        entries[rel] = (size, mtime, diags, summary)
        if index is not None and rel in run.for_index:
            size, mtime = _settled((size, mtime), fresh)
            settled_all = settled_all and mtime >= 0
            batch.append((rel, size, mtime, summary, made))
            if len(batch) >= parallel.INDEX_BATCH:  # stored as they come: memory stays that of one batch
                index.store(None, batch, set())
                batch = []
    return batch, settled_all


def _across(entries: dict[str, Entry], ctx: Context) -> tuple[list[Diagnostic], dict[str, int], list[tuple[str, str]]]:
    """What the rules across records find, the count of valid records of each kind, and every attachment's status."""
    summaries = [Summary.from_json(data) for rel in sorted(entries) if (data := entries[rel][3]) is not None]
    counts: dict[str, int] = {}
    for s in summaries:
        if s.valid:
            counts[s.kind] = counts.get(s.kind, 0) + 1
    attachments = [(raw, attachment_status(ctx.root, raw)) for _, _, raw in attachment_paths(summaries)]
    return run_across_rules(summaries, ctx), counts, attachments


def _save(run: _Run, stored: Stored, entries: dict[str, Entry], parsed: bool, config_problems: list, fresh: int, found: tuple) -> None:
    """The per-file cache, and the result whole (counts, attachments, own, across) where every file's entry is settled."""
    settled = {rel: e for rel, e in entries.items() if 0 <= e[1] < fresh}
    token = stored.token
    if parsed or set(stored.files) != set(settled):
        token = write_cache(run.cache_path, run.fingerprint, settled, config_problems, stored)
    if run.stamp is not None and len(settled) == len(entries) == len(run.stats):
        write_last(run.result_path, LastResult(run.stamp, token, len(run.files), *found))


def _after_edit(run: _Run, last: LastResult, index: IndexSink | None) -> CheckResult | None:
    """A check after a few edits, the last result amended (check/after_edit.py); None where
    it takes a full check."""
    root, fingerprint, stamp, stats, files, for_index = run.root, run.fingerprint, run.stamp, run.stats, run.files, run.for_index
    if stamp is None:  # a file could not be stated: no result is kept to amend
        return None
    cache_path, result_path, today, jobs = run.cache_path, run.result_path, run.today, run.jobs
    skim = skim_cache(cache_path, fingerprint)
    if skim is None or skim.token is None or skim.token != last.cache:
        return None
    changed = changed_files(skim, stats)
    if changed is None or not for_index <= set(changed) or not made_here(last, fingerprint, skim.stats, changed, today):
        return None
    from ensomhed_cli.check.loader import load_config

    config, problems = load_config(root)
    wanted = set(changed)
    todo = [(path, rel) for rel, path, _ in files if rel in wanted]
    fresh = _racy_from()
    parsed: dict[str, Entry] = {}
    batch: list = []
    for rel, diags, summary, made in parallel.parse_all(todo, Context(root, config, today), jobs, index.payload if for_index else None):  # type: ignore[union-attr]
        parsed[rel] = (*stats[rel], diags, summary)
        if rel in for_index:
            batch.append((rel, *_settled(stats[rel], fresh), summary, made))
    own = amended_own(last, skim, parsed, root)
    if own is None:
        return None
    if index is not None and (for_index or index.stamp != stamp):
        index.store(stamp if all(mtime >= 0 for _, _, mtime, _, _ in batch) else None, batch, set())
    # A file changed this very moment leaves the cache as it was: the next check amends the same last result.
    if all(0 <= entry[1] < fresh for entry in parsed.values()):
        token = write_delta(cache_path, fingerprint, skim.generation, {**skim.delta, **parsed}, [diag_to_json(d) for d in problems])
        write_last(result_path, LastResult(stamp, token, len(files), last.counts, last.attachments, own, last.across))
    return CheckResult(own + last.across, len(files), last.counts, len(parsed))


def _racy_from() -> int:
    """The time (ns) after which a file may still change within its mtime tick."""
    return time.time_ns() - int(RACY_SECONDS * 1e9)


def _settled(stat: tuple[int, int], fresh: int) -> tuple[int, int]:
    size, mtime = stat
    return (size, mtime) if 0 <= mtime < fresh else (size, -1)
