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
import hashlib
import os
import re
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ensomhed_cli.check.after_edit import amended_own, changed_files
from ensomhed_cli.check.cache_skim import skim as skim_cache
from ensomhed_cli.check.cache_store import (  # noqa: F401 - CACHE_FILE, DELTA_FILE: where the cache lives, for callers
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
from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.check.result_file import (  # noqa: F401 - RESULT_FILE: where the last result lives, for callers
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
from ensomhed_cli.codestamp import code_stamp
from ensomhed_cli.diagnostics import WARNING, Diagnostic, say, sort_diagnostics
from ensomhed_cli.format.discovery import bulk, discover_named, template_problems
from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.fsio import file_key
from ensomhed_cli.paths import CONFIG_FILE

# Only light modules above: a check where the cache has every file never imports
# the schema (pydantic) at all. The loader comes in when a file must be parsed.

PARALLEL_MIN_FILES = 400  # below this, starting workers costs more than it saves
INDEX_BATCH = 1000  # files parsed for the index are stored this many at a time
RACY_SECONDS = 2.0  # a file changed this recently may change again within one mtime tick
CACHE_MIN_FILES = 200  # a smaller repository checks in a blink; no cache folder is made for it


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    parsed: int = 0  # files parsed in this run (the rest came from the cache)




_LANGUAGE_LINE = re.compile(r"^language:[ \t]*(['\"]?)(da|en)\1[ \t]*(#.*)?$", re.MULTILINE)


def _settings_language(root: Path) -> str:
    """The settings' `language` (rules.common.settings_language), read without the YAML parser
    where it is the plain line it nearly always is: a check from the cache stays light."""
    file = root / CONFIG_FILE
    try:
        raw = None if os.path.islink(file) else read_regular_file(file)[0]
    except OSError:
        raw = None
    text = raw.decode("utf-8", "replace") if raw is not None else ""
    if "language" not in text:
        return "da"
    found = _LANGUAGE_LINE.search(text)
    if found:
        return found[2]
    from ensomhed_cli.check.rules.common import settings_language

    return settings_language(root)


def _fingerprint(root: Path, lang: str | None = None) -> str:
    from ensomhed_cli.diagnostics import language_override

    # The messages are kept in the language they were made in: another one (--lang) is another
    # cache. Named from the repository, not the caller's moment, so every reader agrees (diff).
    lang = lang or language_override() or _settings_language(root)
    digest = hashlib.sha256(f"{code_stamp()}/{CACHE_FORMAT}/{lang}".encode())
    try:  # never read blindly: ensomhed.yaml may be a FIFO or a link to /dev/zero
        raw, _, _ = read_regular_file(root / CONFIG_FILE)
    except OSError:
        raw = None
    digest.update(b"-" if raw is None else raw)
    return digest.hexdigest()


Parsed = tuple[str, list, list | None, dict | None]  # path, diagnostics, summary, index payload


def _process_chunk(args: tuple[Path, str, list[tuple[str, str]], Callable | None]) -> list[Parsed]:
    """Worker: parse and check a chunk of files; only plain data goes back (and, for the
    index, what `payload` makes of each valid record)."""
    root, config_json, chunk, payload = args
    from ensomhed_cli.check.loader import process_file
    from ensomhed_cli.format.config import Config

    ctx = Context(root, Config.model_validate_json(config_json))
    out = []
    with bulk():
        for path, rel in chunk:
            result = process_file(Path(path), rel, ctx)
            summary = result.summary.to_json() if result.summary else None
            made = payload(result.record) if payload is not None and result.record is not None else None
            out.append((rel, [diag_to_json(d) for d in result.diagnostics], summary, made))
    return out


def _parse_all(todo: list[tuple[str, str]], ctx: Context, jobs: int, payload: Callable | None) -> Iterator[Parsed]:
    """Each file's result as it comes (in chunks from the workers): a caller that stores them
    as they come never holds every payload at once."""
    config_json = ctx.config.model_dump_json()
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        from ensomhed_cli.workers import fork_context

        context = fork_context()
        if context is not None:
            from ensomhed_cli.format.schema import build_all_validators

            build_all_validators()
            size = max(50, len(todo) // (jobs * 4))
            if payload is not None:  # a chunk's payloads come back whole: keep them one batch large
                size = min(size, INDEX_BATCH // 2)
            chunks = [(ctx.root, config_json, todo[i : i + size], payload) for i in range(0, len(todo), size)]
            with context.Pool(jobs) as pool:
                for part in pool.imap(_process_chunk, chunks):
                    yield from part
            return
    for i in range(0, len(todo), INDEX_BATCH):
        yield from _process_chunk((ctx.root, config_json, todo[i : i + INDEX_BATCH], payload))


class IndexSink(Protocol):
    """What check fills besides its own cache: the index (query/index.py)."""

    payload: Callable  # record -> what the index keeps of it; run in the workers

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

    with bulk(), messages_for(_settings_language(root)):
        return _check(root, use_cache, jobs, index, only, entries_out, today or dt.date.today())


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
    jobs = jobs or os.cpu_count() or 1
    files, found = discover_named(root)
    found += template_problems(root)
    if use_cache and os.path.islink(root / CACHE_DIR):
        # A committed link could point the cache anywhere: to results forged for this
        # repository, or to a folder outside it that would be written. Neither happens.
        use_cache = False
        message = say(
            f"{CACHE_DIR} er et link, så check hverken læser eller gemmer sine mellemresultater der (fjern linket)",
            f"{CACHE_DIR} is a link; the cache is neither read nor written (remove the link)",
        )
        found.append(Diagnostic(CACHE_DIR, 1, 1, WARNING, "cache-link", message))
    fingerprint = _fingerprint(root)
    cache_path = root / CACHE_DIR / CACHE_FILE
    result_path = root / CACHE_DIR / RESULT_FILE
    keep_cache = use_cache and (len(files) >= CACHE_MIN_FILES or cache_path.exists())
    stats: dict[str, tuple[int, int]] = {}
    unstated: list[tuple[str, str]] = []
    for rel, path, st in files:
        if st is None:  # a link inside the repository: compare what it points at
            try:
                st = os.stat(path)
            except OSError:
                unstated.append((path, rel))
                continue
        stats[rel] = file_key(st)
    stamp = make_stamp(fingerprint, stats, today) if use_cache and not unstated else None
    for_index: set[str] = set()  # files the index does not hold as they are
    gone: set[str] = set()
    if index is not None:
        index.attach(cache_folder(root) if keep_cache else None, fingerprint)
        if stamp is None or index.stamp != stamp:
            known = index.known()
            for_index = {rel for rel, stat in stats.items() if known.get(rel) != stat} | {rel for _, rel in unstated}
            gone = set(known) - set(stats) - for_index
    last = read_last(result_path) if use_cache else None
    if last is not None and last.stamp == stamp and not for_index and not gone and only is None and entries_out is None:
        if attachments_unchanged(last, root):
            if index is not None and index.stamp != stamp:
                index.store(stamp, [], set())
            return CheckResult(sort_diagnostics(last.own + last.across + found), last.files, last.counts, 0)
    if last is not None and keep_cache and stamp is not None and not gone and only is None and entries_out is None:
        quick = _after_edit(root, fingerprint, stamp, stats, files, last, for_index, index, jobs, cache_path, result_path, today)
        if quick is not None:
            quick.diagnostics = sort_diagnostics(quick.diagnostics + found)
            return quick

    stored = read_cache(cache_path, fingerprint) if use_cache else Stored({}, None)
    cached, config_problems = stored.files, stored.config
    entries: dict[str, Entry] = {}
    todo: list[tuple[str, str]] = list(unstated)
    for rel, path, _ in files:
        if rel not in stats:
            continue
        entry = cached.get(rel)
        size, mtime = stats[rel]
        if entry is not None and entry[0] == size and entry[1] == mtime and rel not in for_index:
            entries[rel] = entry
        else:
            todo.append((path, rel))
    ctx = Context(root, today=today)
    if todo or config_problems is None:
        from ensomhed_cli.check.loader import load_config

        config, problems = load_config(root)
        ctx = Context(root, config, today)
        config_problems = [diag_to_json(d) for d in problems]
    own = [Diagnostic(*d) for d in config_problems]
    # A file changed this very moment is kept without its time: parsed again next run.
    fresh = _racy_from()
    batch: list = []
    settled_all = True
    for rel, diags, summary, made in _parse_all(todo, ctx, jobs, index.payload if for_index else None) if todo else []:  # type: ignore[union-attr]
        size, mtime = stats.get(rel, (-1, -1))
        entries[rel] = (size, mtime, diags, summary)
        if rel in for_index:
            size, mtime = _settled((size, mtime), fresh)
            settled_all = settled_all and mtime >= 0
            batch.append((rel, size, mtime, summary, made))
            if len(batch) >= INDEX_BATCH:  # stored as they come: memory stays that of one batch
                index.store(None, batch, set())  # type: ignore[union-attr]
                batch = []
    for rel in sorted(entries):
        own.extend(Diagnostic(*d) for d in entries[rel][2])
    reused = reusable_across(last, stored.token, fingerprint, cached, entries, [rel for _, rel in todo], root, today)
    if reused is not None:
        across, counts, attachments = reused.across, reused.counts, reused.attachments
    else:
        summaries = [Summary.from_json(data) for rel in sorted(entries) if (data := entries[rel][3]) is not None]
        counts = {}
        for s in summaries:
            if s.valid:
                counts[s.kind] = counts.get(s.kind, 0) + 1
        across = run_across_rules(summaries, ctx)
        attachments = [(raw, attachment_status(root, raw)) for _, _, raw in attachment_paths(summaries)]
    result = CheckResult(own + across, len(files), counts, len(todo))
    if index is not None and (for_index or gone or index.stamp != stamp):
        index.store(stamp if settled_all else None, batch, gone)
    if keep_cache:
        settled = {rel: e for rel, e in entries.items() if 0 <= e[1] < fresh}
        token = stored.token
        if todo or set(cached) != set(settled):
            token = write_cache(cache_path, fingerprint, settled, config_problems, stored)
        if stamp is not None and len(settled) == len(entries) == len(stats):
            write_last(result_path, LastResult(stamp, token, len(files), counts, attachments, own, across))
    result.diagnostics = sort_diagnostics(own + across + found)
    if entries_out is not None:
        entries_out.update(entries)
    if only is not None:
        _narrow(result, only, entries)
    return result


def _after_edit(
    root: Path,
    fingerprint: str,
    stamp: str,
    stats: dict[str, tuple[int, int]],
    files: list,
    last: LastResult,
    for_index: set[str],
    index: IndexSink | None,
    jobs: int,
    cache_path: Path,
    result_path: Path,
    today: dt.date,
) -> CheckResult | None:
    """A check after a few edits, the last result amended (check/after_edit.py); None where
    it takes a full check."""
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
    for rel, diags, summary, made in _parse_all(todo, Context(root, config, today), jobs, index.payload if for_index else None):  # type: ignore[union-attr]
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


def _narrow(result: CheckResult, only: Collection[str], entries: dict[str, Entry]) -> None:
    """The result of the whole repository, told of the files in `only` alone."""
    from ensomhed_cli.check.scope import concerning

    summaries = [Summary.from_json(data) for rel in only if rel in entries and (data := entries[rel][3]) is not None]
    result.diagnostics = concerning(result.diagnostics, set(only), {s.id for s in summaries})
    result.files = len(only)
    result.counts = {}
    for s in summaries:
        if s.valid:
            result.counts[s.kind] = result.counts.get(s.kind, 0) + 1


def _racy_from() -> int:
    """The time (ns) after which a file may still change within its mtime tick."""
    return time.time_ns() - int(RACY_SECONDS * 1e9)


def _settled(stat: tuple[int, int], fresh: int) -> tuple[int, int]:
    size, mtime = stat
    return (size, mtime) if 0 <= mtime < fresh else (size, -1)
