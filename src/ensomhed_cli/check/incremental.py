"""`ensomhed check` at scale: each file's entry and the last result kept in the index, and parallel parsing.

Each file's own problems and summary depend only on the file and the settings: they are kept
in the index (check/kept.py) with the file's key, beside the rows the reading commands read,
all from one parse. When nothing changed (the same keys, attachments and day) the last result
is used whole; after a few edits that leave each file's summary as it was, it is amended by
those files alone; else the rules across records run again, unless their last findings hold.
Without an index (`--no-cache`) every file is parsed and nothing is kept. The index is data,
never trusted (query/index.py); each update is one transaction and counts a generation: a
result is amended, or its findings reused, only when nothing was stored since it was (a file
changed within its mtime tick is stored without its time, so it is read again).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ensomhed_cli.check import kept, parallel
from ensomhed_cli.check.fingerprint import cache_fingerprint, settings_language_light
from ensomhed_cli.check.kept import CACHE_DIR, INDEX_FILE, Entry, LastResult
from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.check.rules.across import attachment_paths, attachment_status, run_across_rules
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.diagnostics import WARNING, Diagnostic, say, sort_diagnostics
from ensomhed_cli.format.discovery import bulk, discover_named, template_problems
from ensomhed_cli.fsio import file_key

# Only light modules above: a check where the index has every file never imports
# the schema (pydantic) at all. The loader comes in when a file must be parsed.

RACY_SECONDS = 2.0  # a file changed this recently may change again within one mtime tick
CACHE_MIN_FILES = 200  # a smaller repository checks in a blink; no cache folder is made for it


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    parsed: int = 0  # files parsed in this run (the rest came from the index)


class IndexSink(Protocol):
    """The one store check keeps its entries and last result in, and fills besides: the index (query/index.py)."""

    payload: Callable  # record -> what the index keeps of it; run in the workers
    only_on_disk: bool  # used only where it is kept on disk: else not at all (a small repository)

    @property
    def stamp(self) -> str | None: ...  # the check stamp of the files as they were last stored

    def attach(self, cache_dir: Path | None, fingerprint: str) -> None: ...
    def known(self) -> dict[str, tuple[int, int]]: ...  # path -> key of every file held
    def entries(self, paths: Collection[str]) -> tuple[int, dict[str, Entry]]: ...  # (generation, entries)
    def all_entries(self) -> tuple[int, dict[str, Entry], list | None]: ...  # and the settings' own problems
    def last_result(self) -> LastResult | None: ...
    def store(self, stamp: str | None, parsed: list, gone: set[str], *, config: list | None = None, result: LastResult | None = None) -> None: ...


def check(root: Path, *, use_cache: bool = True, jobs: int | None = None, index: IndexSink | None = None,
          only: Collection[str] | None = None, entries_out: dict[str, Entry] | None = None, today: dt.date | None = None) -> CheckResult:  # fmt: skip
    """Check every record in the repository at root; every problem, sorted.

    With an index, what it holds of the files as they are is used, and the files it does not
    hold so are parsed (once, for both) and stored in it. With `only` (record paths relative
    to root, see scope.record_paths), the result speaks of those files alone (scope.concerning).
    With `entries_out`, it is filled with each record file's (size, mtime, diagnostics,
    summary) as JSON (for the language server). Dates are judged against `today` (default: the real one)."""
    # The collector paused: the entries and file lists are many small objects with no cycles.
    from ensomhed_cli.diagnostics import messages_for

    with bulk(), messages_for(settings_language_light(root)):
        return _check(root, use_cache, jobs, index, only, entries_out, today or dt.date.today())


@dataclass
class _Run:
    """One check's view of the repository: its files as they are now, and what the index holds of them."""

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
    known: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> key the index holds (read where needed)
    for_index: set[str] = field(default_factory=set)  # files the index does not hold as they are
    gone: set[str] = field(default_factory=set)  # files the index holds that are no more


def _check(root: Path, use_cache: bool, jobs: int | None, index: IndexSink | None, only: Collection[str] | None, entries_out: dict | None, today: dt.date) -> CheckResult:
    root = root.resolve()
    files, found = discover_named(root)
    run = _Run(root, today, jobs or os.cpu_count() or 1, files, found + template_problems(root), use_cache)
    _refuse_cache_link(run)
    _state_files(run)
    if index is not None and index.only_on_disk and not run.keep_cache:
        index = None  # kept for the reading commands, which keep no index of a repository this small either
    if index is None:
        return _full_check(run, None, None, only, entries_out)
    _plan_index(run, index)
    last = index.last_result()
    early = _from_last(run, last, index) if only is None and entries_out is None and last is not None else None
    return early if early is not None else _full_check(run, last, index, only, entries_out)


def _refuse_cache_link(run: _Run) -> None:
    if run.use_cache and os.path.islink(run.root / CACHE_DIR):
        # A committed link could point the cache anywhere: to forged results, or outside the repository.
        run.use_cache = False
        message = say(
            f"{CACHE_DIR} er et link, så check hverken læser eller gemmer sine mellemresultater der (fjern linket)",
            f"{CACHE_DIR} is a link; the cache is neither read nor written (remove the link)",
        )
        run.found.append(Diagnostic(CACHE_DIR, 1, 1, WARNING, "cache-link", message))


def _state_files(run: _Run) -> None:
    """Each file's key, the stamp of them all, and whether the index is kept on disk."""
    run.fingerprint = cache_fingerprint(run.root)
    run.keep_cache = run.use_cache and (len(run.files) >= CACHE_MIN_FILES or os.path.lexists(run.root / CACHE_DIR / INDEX_FILE))
    for rel, path, st in run.files:
        if st is None:  # a link inside the repository: compare what it points at
            try:
                st = os.stat(path)
            except OSError:
                run.unstated.append((path, rel))
                continue
        run.stats[rel] = file_key(st)
    if run.use_cache and not run.unstated:
        run.stamp = kept.stamp(run.fingerprint, run.stats, run.today)


def _plan_index(run: _Run, index: IndexSink) -> None:
    """Open the index; which files it must be given again, and which to forget."""
    index.attach(run.root / CACHE_DIR if run.keep_cache else None, run.fingerprint)
    if run.stamp is None or index.stamp != run.stamp:
        run.known = index.known()
        run.for_index = {rel for rel, stat in run.stats.items() if run.known.get(rel) != stat} | {rel for _, rel in run.unstated}
        run.gone = set(run.known) - set(run.stats) - run.for_index


def _from_last(run: _Run, last: LastResult, index: IndexSink) -> CheckResult | None:
    """The last result whole where nothing changed, or amended after a few edits; None: a full check."""
    if last.stamp == run.stamp and not run.for_index and not run.gone and kept.attachments_unchanged(last, run.root):
        if index.stamp != run.stamp:
            index.store(run.stamp, [], set(), result=last)
        return CheckResult(sort_diagnostics(last.own + last.across + run.found), last.files, last.counts, 0)
    if run.stamp is not None and not run.gone and 0 < len(run.for_index) <= kept.QUICK_MAX_FILES and run.for_index <= run.known.keys():
        return _after_edit(run, last, index)
    return None


def _after_edit(run: _Run, last: LastResult, index: IndexSink) -> CheckResult | None:
    """A check after a few edits, every file still there: the last result with the changed
    files' own problems replaced, when it was made from the entries the index holds (nothing
    stored since, made_here) and each changed file says the same to the rules across records."""
    changed = sorted(run.for_index)
    generation, before = index.entries(changed)
    as_held = all(before.get(rel, (None, None))[:2] == run.known[rel] for rel in changed)
    if generation != last.generation or not as_held or not kept.made_here(last, run.fingerprint, run.known, changed, run.today):
        return None
    from ensomhed_cli.check.loader import load_config

    config, _ = load_config(run.root)
    parsed: dict[str, Entry] = {}
    batch, keys = _parse(run, [(path, rel) for rel, path, _ in run.files if rel in run.for_index], Context(run.root, config, run.today), index, parsed)
    own = kept.amended_own(last, before, parsed, run.root)
    if own is None:
        return None
    # A file changed this very moment is stored without its time, and so is it in the result's
    # stamp: the next check reads it again and amends this result again.
    amended = LastResult(kept.stamp(run.fingerprint, {**run.known, **keys}, run.today), len(run.files), last.counts, last.attachments, own, last.across)
    index.store(run.stamp if all(mtime >= 0 for _, mtime in keys.values()) else None, batch, set(), result=amended)
    return CheckResult(sort_diagnostics(own + last.across + run.found), len(run.files), last.counts, len(parsed))


def _full_check(run: _Run, last: LastResult | None, index: IndexSink | None, only: Collection[str] | None, entries_out: dict[str, Entry] | None) -> CheckResult:
    """Every file from the index or parsed again, and the rules across records run or their last findings kept."""
    generation, cached, config_problems = index.all_entries() if index is not None else (-1, {}, None)
    entries, todo = _cached_or_todo(run, cached)
    ctx = Context(run.root, today=run.today)
    if todo or config_problems is None:
        from ensomhed_cli.check.loader import load_config

        config, problems = load_config(run.root)
        ctx = Context(run.root, config, run.today)
        config_problems = [kept.diag_to_json(d) for d in problems]
    batch, keys = _parse(run, todo, ctx, index, entries)
    own = [Diagnostic(*d) for d in config_problems]
    for rel in sorted(entries):
        own.extend(Diagnostic(*d) for d in entries[rel][2])
    reused = _reusable(run, last, generation, cached, entries, [rel for _, rel in todo])
    if reused is not None:
        across, counts, attachments = reused.across, reused.counts, reused.attachments
    else:
        across, counts, attachments = _across(entries, ctx)
    result = CheckResult(own + across, len(run.files), counts, len(todo))
    if index is not None:
        _store(run, index, last, bool(todo), batch, keys, config_problems, (counts, attachments, own, across))
    result.diagnostics = sort_diagnostics(own + across + run.found)
    if entries_out is not None:
        entries_out.update(entries)
    if only is not None:
        from ensomhed_cli.check.scope import narrow

        narrow(result, only, {rel: entries[rel][3] for rel in only if rel in entries})
    return result


def _cached_or_todo(run: _Run, cached: dict[str, Entry]) -> tuple[dict[str, Entry], list[tuple[str, str]]]:
    """The index's entries of the files as they are now, and (path, rel) of every file to parse again."""
    entries = {rel: entry for rel, stat in run.stats.items() if (entry := cached.get(rel)) is not None and (entry[0], entry[1]) == stat}
    return entries, list(run.unstated) + [(path, rel) for rel, path, _ in run.files if rel in run.stats and rel not in entries]


def _parse(run: _Run, todo: list[tuple[str, str]], ctx: Context, index: IndexSink | None, entries: dict[str, Entry]) -> tuple[list, dict]:
    """Parse the files to do into `entries`; their rows are stored as they come, but for the
    last batch, returned with the key each is stored under (no time where it may still change)."""
    batch: list = []
    keys: dict[str, tuple[int, int]] = {}
    if not todo:
        return batch, keys
    fresh = time.time_ns() - int(RACY_SECONDS * 1e9)  # a file changed after this may change again within its mtime tick
    for rel, diags, summary, made in parallel.parse_all(todo, ctx, run.jobs, index.payload if index is not None else None):
        size, mtime = run.stats.get(rel, (-1, -1))
        entries[rel] = (size, mtime, diags, summary)
        if index is None:
            continue
        keys[rel] = (size, mtime) if 0 <= mtime < fresh else (size, -1)
        batch.append((rel, *keys[rel], summary, made, diags))
        if len(batch) >= parallel.INDEX_BATCH:  # stored as they come: memory stays that of one batch
            index.store(None, batch, set())
            batch = []
    return batch, keys


def _store(run: _Run, index: IndexSink, last: LastResult | None, parsed: bool, batch: list, keys: dict, config: list, found: tuple) -> None:
    """The last batch, the files gone, the settings' problems and the result whole (counts,
    attachments, own, across) under the stamp of the keys stored; nothing where all is as stored."""
    made = None if run.stamp is None else kept.stamp(run.fingerprint, {**run.stats, **keys}, run.today)
    if parsed or run.gone or index.stamp != run.stamp or last is None or last.stamp != made:
        whole = LastResult(made, len(run.files), *found) if made is not None else None
        index.store(run.stamp if all(mtime >= 0 for _, mtime in keys.values()) else None, batch, run.gone, config=config, result=whole)


def _reusable(run: _Run, last: LastResult | None, generation: int, cached: dict, entries: dict[str, Entry], parsed: list[str]) -> LastResult | None:
    """The last result, when its findings across records hold for `entries` as they are: it was
    made from the entries read (nothing stored since; made_here), the same files are there and
    each file parsed again has the summary it had (across_holds). Else None: run the rules."""
    if last is None or last.generation != generation or entries.keys() != cached.keys():
        return None
    if not kept.made_here(last, run.fingerprint, {rel: (entry[0], entry[1]) for rel, entry in cached.items()}, parsed, run.today):
        return None
    if not kept.same_summaries(cached, {rel: entries[rel] for rel in parsed}) or not kept.across_holds(last, set(parsed), run.root):
        return None
    return last


def _across(entries: dict[str, Entry], ctx: Context) -> tuple[list[Diagnostic], dict[str, int], list[tuple[str, str]]]:
    """What the rules across records find, the count of valid records of each kind, and every attachment's status."""
    summaries = [Summary.from_json(data) for rel in sorted(entries) if (data := entries[rel][3]) is not None]
    counts: dict[str, int] = {}
    for s in summaries:
        if s.valid:
            counts[s.kind] = counts.get(s.kind, 0) + 1
    attachments = [(raw, attachment_status(ctx.root, raw)) for _, _, raw in attachment_paths(summaries)]
    return run_across_rules(summaries, ctx), counts, attachments
