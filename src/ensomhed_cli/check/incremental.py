"""`ensomhed check` at scale: a per-file cache and parallel parsing.

Each file's own result (its problems and its summary) depends only on the file and
the settings, so it is cached, keyed by path, size and modification time, the tool's
version and the settings. The rules across records run again on the summaries
whenever any file changed. When nothing changed at all (the same files, sizes and
times, the same attachment files) the last result is used whole, from a small file,
without reading the per-file cache. A cold run parses in parallel on all cores.

The cache is JSON, never pickle: a cache file that came with a repository is data,
not code. A cache that is missing, corrupt, truncated or from another version is
ignored and rebuilt. Writes are atomic, so two checks at once never leave a broken
cache, only the one written last.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ensomhed_cli import __version__
from ensomhed_cli.check.cache_store import (  # noqa: F401 - CACHE_FILE, DELTA_FILE: where the cache lives, for callers
    CACHE_DIR,
    CACHE_FILE,
    CACHE_FORMAT,
    DELTA_FILE,
    Entry,
    Stored,
    cache_folder,
    read_cache,
    read_json,
    write_cache,
)
from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.check.rules.across import attachment_paths, attachment_status, run_across_rules
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.diagnostics import WARNING, Diagnostic, sort_diagnostics
from ensomhed_cli.format.discovery import bulk, discover_named, template_problems
from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.paths import CONFIG_FILE

# Only light modules above: a check where the cache has every file never imports
# the schema (pydantic) at all. The loader comes in when a file must be parsed.

RESULT_FILE = "result.json"  # the whole result of the last check, for a run where nothing changed
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




def _diag_to_json(d: Diagnostic) -> list:
    return [d.path, d.line, d.column, d.severity, d.code, d.message, d.record_id]


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256(f"{__version__}/{CACHE_FORMAT}".encode())
    try:  # never read blindly: ensomhed.yaml may be a FIFO or a link to /dev/zero
        raw, _, _ = read_regular_file(root / CONFIG_FILE)
    except OSError:
        raw = None
    digest.update(b"-" if raw is None else raw)
    return digest.hexdigest()


def _stamp(fingerprint: str, stats: dict[str, tuple[int, int]]) -> str:
    """One digest of the settings and every file's path, size and mtime."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update("\n".join(f"{rel}\t{size}\t{mtime}" for rel, (size, mtime) in sorted(stats.items())).encode())
    return digest.hexdigest()


def _read_result(path: Path, stamp: str, root: Path) -> CheckResult | None:
    """The last result, when it was made from exactly these files; else None."""
    try:
        data = read_json(path)
        if data.get("format") != CACHE_FORMAT or data.get("stamp") != stamp:
            return None
        # Whether an attachment exists is part of the result, yet no record changes with it.
        if any(attachment_status(root, raw) != status for raw, status in data["attachments"]):
            return None
        diagnostics = [Diagnostic(*d) for d in data["diagnostics"]]
        counts = {str(k): int(v) for k, v in data["counts"].items()}
        return CheckResult(diagnostics, int(data["files"]), counts, 0)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_result(path: Path, stamp: str, result: CheckResult, attachments: list[tuple[str, str]]) -> None:
    from ensomhed_cli.fsio import WriteRefused, write_atomic

    payload = {
        "format": CACHE_FORMAT,
        "stamp": stamp,
        "files": result.files,
        "counts": result.counts,
        "attachments": attachments,
        "diagnostics": [_diag_to_json(d) for d in result.diagnostics],
    }
    try:
        write_atomic(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")), within=path.parent.parent)
    except (OSError, WriteRefused):  # a read-only folder, or a FIFO or folder in the file's place
        pass


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
            out.append((rel, [_diag_to_json(d) for d in result.diagnostics], summary, made))
    return out


def _parse_all(todo: list[tuple[str, str]], ctx: Context, jobs: int, payload: Callable | None) -> Iterator[Parsed]:
    """Each file's result as it comes (in chunks from the workers): a caller that stores them
    as they come never holds every payload at once."""
    config_json = ctx.config.model_dump_json()
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        from ensomhed_cli.workers import fork_context

        context = fork_context()
        if context is not None:
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
    stamp: str | None

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
) -> CheckResult:
    """Check every record in the repository at root; every problem, sorted.

    With an index, it is brought up to date in the same run: the files it does not
    hold as they are now are parsed (once, for both) and stored in it. With `only`
    (record paths relative to root, see scope.record_paths), the whole repository is
    still read, and the result speaks of those files alone (scope.concerning). With
    `entries_out`, it is filled with each record file's (size, mtime, diagnostics, summary)
    as JSON, for a caller that goes on from them (the language server, live/workspace.py)."""
    # The collector paused throughout: the cache, the file list and the index's list are
    # hundreds of thousands of small objects with no cycles, and reading a 40 MB cache with
    # it running took three times as long (100,000 records).
    with bulk():
        return _check(root, use_cache, jobs, index, only, entries_out)


def _check(
    root: Path,
    use_cache: bool,
    jobs: int | None,
    index: IndexSink | None,
    only: Collection[str] | None,
    entries_out: dict[str, Entry] | None,
) -> CheckResult:
    root = root.resolve()
    jobs = jobs or os.cpu_count() or 1
    files, found = discover_named(root)
    found += template_problems(root)
    if use_cache and os.path.islink(root / CACHE_DIR):
        # A committed link could point the cache anywhere: to results forged for this
        # repository, or to a folder outside it that would be written. Neither happens.
        use_cache = False
        message = f"{CACHE_DIR} is a link; the cache is neither read nor written (remove the link)"
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
        stats[rel] = (st.st_size, st.st_mtime_ns)
    stamp = _stamp(fingerprint, stats) if use_cache and not unstated else None
    for_index: set[str] = set()  # files the index does not hold as they are
    gone: set[str] = set()
    if index is not None:
        index.attach(cache_folder(root) if keep_cache else None, fingerprint)
        if stamp is None or index.stamp != stamp:
            known = index.known()
            for_index = {rel for rel, stat in stats.items() if known.get(rel) != stat} | {rel for _, rel in unstated}
            gone = set(known) - set(stats) - for_index
    if stamp is not None and not for_index and not gone and only is None and entries_out is None:
        last = _read_result(result_path, stamp, root)
        if last is not None:
            last.diagnostics = sort_diagnostics(last.diagnostics + found)
            if index is not None and index.stamp != stamp:
                index.store(stamp, [], set())
            return last

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
    ctx = Context(root)
    if todo or config_problems is None:
        from ensomhed_cli.check.loader import load_config

        config, problems = load_config(root)
        ctx = Context(root, config)
        config_problems = [_diag_to_json(d) for d in problems]
    own = [Diagnostic(*d) for d in config_problems]
    # A file changed this very moment is kept without its time: parsed again next run.
    fresh = time.time_ns() - int(RACY_SECONDS * 1e9)
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
    summaries: list[Summary] = []
    counts: dict[str, int] = {}
    for rel in sorted(entries):
        _, _, diags, summary = entries[rel]
        own.extend(Diagnostic(*d) for d in diags)
        if summary is not None:
            s = Summary.from_json(summary)
            summaries.append(s)
            if s.valid:
                counts[s.kind] = counts.get(s.kind, 0) + 1
    own.extend(run_across_rules(summaries, ctx))
    result = CheckResult(own, len(files), counts, len(todo))
    if index is not None and (for_index or gone or index.stamp != stamp):
        index.store(stamp if settled_all else None, batch, gone)
    if keep_cache:
        settled = {rel: e for rel, e in entries.items() if 0 <= e[1] < fresh}
        if todo or set(cached) != set(settled):
            write_cache(cache_path, fingerprint, settled, config_problems, stored)
        if stamp is not None and len(settled) == len(entries) == len(stats):
            attachments = [(raw, attachment_status(root, raw)) for _, _, raw in attachment_paths(summaries)]
            _write_result(result_path, stamp, result, attachments)
    result.diagnostics = sort_diagnostics(own + found)
    if entries_out is not None:
        entries_out.update(entries)
    if only is not None:
        _narrow(result, only, entries)
    return result


def _narrow(result: CheckResult, only: Collection[str], entries: dict[str, Entry]) -> None:
    """The result of the whole repository, told of the files in `only` alone."""
    from ensomhed_cli.check.scope import concerning

    summaries = [Summary.from_json(entries[rel][3]) for rel in only if rel in entries and entries[rel][3] is not None]
    result.diagnostics = concerning(result.diagnostics, set(only), {s.id for s in summaries})
    result.files = len(only)
    result.counts = {}
    for s in summaries:
        if s.valid:
            result.counts[s.kind] = result.counts.get(s.kind, 0) + 1


def _settled(stat: tuple[int, int], fresh: int) -> tuple[int, int]:
    size, mtime = stat
    return (size, mtime) if 0 <= mtime < fresh else (size, -1)
