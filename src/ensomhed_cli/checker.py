"""`ensomhed check` at scale: a per-file cache and parallel parsing.

Each file's own result (its problems and its summary) depends only on the file and
the settings, so it is cached, keyed by path, size and modification time, the tool's
version and the settings. The rules across records always run again, on the
summaries. A cold run parses in parallel on all cores.

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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ensomhed_cli import __version__
from ensomhed_cli.diagnostics import Diagnostic, sort_diagnostics
from ensomhed_cli.files import discover_named
from ensomhed_cli.paths import CONFIG_FILE
from ensomhed_cli.rules.across import run_across_rules
from ensomhed_cli.rules.common import Context
from ensomhed_cli.summary import Summary

# Only light modules above: a check where the cache has every file never imports
# the schema (pydantic) at all. The loader comes in when a file must be parsed.

CACHE_DIR = ".ensomhed-cache"
CACHE_FILE = "check.json"
CACHE_FORMAT = 1
PARALLEL_MIN_FILES = 400  # below this, starting workers costs more than it saves
RACY_SECONDS = 2.0
CACHE_MIN_FILES = 200  # a smaller repository checks in a blink; no cache folder is made for it  # a file changed this recently may change again within one mtime tick


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    parsed: int = 0  # files parsed in this run (the rest came from the cache)


Entry = tuple[int, int, list, list | None]  # size, mtime_ns, diagnostics, summary


def _diag_to_json(d: Diagnostic) -> list:
    return [d.path, d.line, d.column, d.severity, d.code, d.message, d.record_id]


@contextmanager
def _paused_gc() -> Iterator[None]:
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256(f"{__version__}/{CACHE_FORMAT}".encode())
    try:
        digest.update((root / CONFIG_FILE).read_bytes())
    except OSError:
        digest.update(b"-")
    return digest.hexdigest()


def _read_cache(path: Path, fingerprint: str) -> tuple[dict[str, Entry], list | None]:
    """(files, the settings' own problems) from the cache; empty when it cannot be trusted."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != CACHE_FORMAT or data.get("fingerprint") != fingerprint:
            return {}, None
        files, config_problems = data["files"], data["config"]
        if not isinstance(files, dict) or not isinstance(config_problems, list):
            return {}, None
        for entry in files.values():
            size, mtime, diags, summary = entry
            if not (isinstance(size, int) and isinstance(mtime, int) and isinstance(diags, list)):
                return {}, None
        return files, config_problems
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, None


def _write_cache(path: Path, fingerprint: str, entries: dict[str, Entry], config_problems: list) -> None:
    from ensomhed_cli.fsio import write_atomic

    payload = json.dumps(
        {"format": CACHE_FORMAT, "fingerprint": fingerprint, "config": config_problems, "files": entries},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    try:
        path.parent.mkdir(exist_ok=True)
        gitignore = path.parent / ".gitignore"
        if not gitignore.exists():
            write_atomic(gitignore, "*\n")
        write_atomic(path, payload)
    except OSError:
        pass  # a read-only repository is checked all the same, only without a cache


def _process_chunk(args: tuple[Path, str, list[tuple[str, str]]]) -> list[tuple[str, list, list | None]]:
    """Worker: parse and check a chunk of files; only plain data goes back."""
    root, config_json, chunk = args
    from ensomhed_cli.config import Config
    from ensomhed_cli.loader import bulk, process_file

    ctx = Context(root, Config.model_validate_json(config_json))
    out = []
    with bulk():
        for path, rel in chunk:
            result = process_file(Path(path), rel, ctx)
            summary = result.summary.to_json() if result.summary else None
            out.append((rel, [_diag_to_json(d) for d in result.diagnostics], summary))
    return out


def _parse_all(todo: list[tuple[Path, str]], ctx: Context, jobs: int) -> list[tuple[str, list, list | None]]:
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform: one process is still correct
            context = None
        if context is not None:
            size = max(50, len(todo) // (jobs * 4))
            chunks = [
                (ctx.root, ctx.config.model_dump_json(), [(str(p), r) for p, r in todo[i : i + size]])
                for i in range(0, len(todo), size)
            ]
            with context.Pool(jobs) as pool:
                return [item for part in pool.imap(_process_chunk, chunks) for item in part]
    return _process_chunk((ctx.root, ctx.config.model_dump_json(), [(str(p), r) for p, r in todo]))


def check(root: Path, *, use_cache: bool = True, jobs: int | None = None) -> CheckResult:
    """Check every record in the repository at root; every problem, sorted."""
    root = root.resolve()
    jobs = jobs or os.cpu_count() or 1
    files, found = discover_named(root)
    fingerprint = _fingerprint(root)
    cache_path = root / CACHE_DIR / CACHE_FILE
    cached, config_problems = _read_cache(cache_path, fingerprint) if use_cache else ({}, None)
    entries: dict[str, Entry] = {}
    todo: list[tuple[Path, str]] = []
    stats: dict[str, tuple[int, int]] = {}
    for rel, path in files:
        try:
            st = path.stat()
        except OSError:
            todo.append((path, rel))
            continue
        stats[rel] = (st.st_size, st.st_mtime_ns)
        entry = cached.get(rel)
        if entry is not None and entry[0] == st.st_size and entry[1] == st.st_mtime_ns:
            entries[rel] = entry
        else:
            todo.append((path, rel))
    ctx = Context(root)
    if todo or config_problems is None:
        from ensomhed_cli.loader import load_config

        config, problems = load_config(root)
        ctx = Context(root, config)
        config_problems = [_diag_to_json(d) for d in problems]
    diagnostics = [Diagnostic(*d) for d in config_problems] + found
    with _paused_gc():
        for rel, diags, summary in _parse_all(todo, ctx, jobs) if todo else []:
            size, mtime = stats.get(rel, (-1, -1))
            entries[rel] = (size, mtime, diags, summary)
        summaries: list[Summary] = []
        counts: dict[str, int] = {}
        for rel in sorted(entries):
            _, _, diags, summary = entries[rel]
            diagnostics.extend(Diagnostic(*d) for d in diags)
            if summary is not None:
                s = Summary.from_json(summary)
                summaries.append(s)
                if s.valid:
                    counts[s.kind] = counts.get(s.kind, 0) + 1
        diagnostics.extend(run_across_rules(summaries, ctx))
    if use_cache and (todo or set(cached) != set(entries)):
        fresh = time.time_ns() - int(RACY_SECONDS * 1e9)
        if len(files) >= CACHE_MIN_FILES or cache_path.exists():
            _write_cache(cache_path, fingerprint, {rel: e for rel, e in entries.items() if 0 <= e[1] < fresh}, config_problems)
    return CheckResult(sort_diagnostics(diagnostics), len(files), counts, len(todo))
