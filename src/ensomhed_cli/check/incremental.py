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
from dataclasses import dataclass, field
from pathlib import Path

from ensomhed_cli import __version__
from ensomhed_cli.check.record_summary import Summary
from ensomhed_cli.check.rules.across import attachment_paths, attachment_status, run_across_rules
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.diagnostics import WARNING, Diagnostic, sort_diagnostics
from ensomhed_cli.format.discovery import bulk, discover_named, template_problems
from ensomhed_cli.format.rawfile import read_regular_file
from ensomhed_cli.paths import CONFIG_FILE

# Only light modules above: a check where the cache has every file never imports
# the schema (pydantic) at all. The loader comes in when a file must be parsed.

CACHE_DIR = ".ensomhed-cache"
CACHE_FILE = "check.json"
CACHE_FORMAT = 3  # 3: the first fields of format 1.1 (party, staff, notice, item status and parts, body owners)
RESULT_FILE = "result.json"  # the whole result of the last check, for a run where nothing changed
PARALLEL_MIN_FILES = 400  # below this, starting workers costs more than it saves
RACY_SECONDS = 2.0  # a file changed this recently may change again within one mtime tick
CACHE_MIN_FILES = 200  # a smaller repository checks in a blink; no cache folder is made for it


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    parsed: int = 0  # files parsed in this run (the rest came from the cache)


Entry = tuple[int, int, list, list | None]  # size, mtime_ns, diagnostics, summary


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


def _stamp(fingerprint: str, stats: dict[str, tuple[int, int]]) -> str:
    """One digest of the settings and every file's path, size and mtime."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update("\n".join(f"{rel}\t{size}\t{mtime}" for rel, (size, mtime) in sorted(stats.items())).encode())
    return digest.hexdigest()


def _read_result(path: Path, stamp: str, root: Path) -> CheckResult | None:
    """The last result, when it was made from exactly these files; else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
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
    from ensomhed_cli.fsio import write_atomic

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
    except OSError:
        pass


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
            write_atomic(gitignore, "*\n", within=path.parent.parent)
        write_atomic(path, payload, within=path.parent.parent)
    except OSError:
        pass  # a read-only repository is checked all the same, only without a cache


def _process_chunk(args: tuple[Path, str, list[tuple[str, str]]]) -> list[tuple[str, list, list | None]]:
    """Worker: parse and check a chunk of files; only plain data goes back."""
    root, config_json, chunk = args
    from ensomhed_cli.check.loader import process_file
    from ensomhed_cli.format.config import Config

    ctx = Context(root, Config.model_validate_json(config_json))
    out = []
    with bulk():
        for path, rel in chunk:
            result = process_file(Path(path), rel, ctx)
            summary = result.summary.to_json() if result.summary else None
            out.append((rel, [_diag_to_json(d) for d in result.diagnostics], summary))
    return out


def _parse_all(todo: list[tuple[str, str]], ctx: Context, jobs: int) -> list[tuple[str, list, list | None]]:
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform: one process is still correct
            context = None
        if context is not None:
            size = max(50, len(todo) // (jobs * 4))
            chunks = [
                (ctx.root, ctx.config.model_dump_json(), todo[i : i + size])
                for i in range(0, len(todo), size)
            ]
            with context.Pool(jobs) as pool:
                return [item for part in pool.imap(_process_chunk, chunks) for item in part]
    return _process_chunk((ctx.root, ctx.config.model_dump_json(), todo))


def check(root: Path, *, use_cache: bool = True, jobs: int | None = None) -> CheckResult:
    """Check every record in the repository at root; every problem, sorted."""
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
    if stamp is not None:
        last = _read_result(result_path, stamp, root)
        if last is not None:
            last.diagnostics = sort_diagnostics(last.diagnostics + found)
            return last

    cached, config_problems = _read_cache(cache_path, fingerprint) if use_cache else ({}, None)
    entries: dict[str, Entry] = {}
    todo: list[tuple[str, str]] = list(unstated)
    for rel, path, _ in files:
        if rel not in stats:
            continue
        entry = cached.get(rel)
        size, mtime = stats[rel]
        if entry is not None and entry[0] == size and entry[1] == mtime:
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
    with bulk():
        for rel, diags, summary in _parse_all(todo, ctx, jobs) if todo else []:
            size, mtime = stats.get(rel, (-1, -1))
            entries[rel] = (size, mtime, diags, summary)
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
    if use_cache and (len(files) >= CACHE_MIN_FILES or cache_path.exists()):
        fresh = time.time_ns() - int(RACY_SECONDS * 1e9)
        settled = {rel: e for rel, e in entries.items() if 0 <= e[1] < fresh}
        if todo or set(cached) != set(settled):
            _write_cache(cache_path, fingerprint, settled, config_problems)
        if stamp is not None and len(settled) == len(entries) == len(stats):
            attachments = [(raw, attachment_status(root, raw)) for _, _, raw in attachment_paths(summaries)]
            _write_result(result_path, stamp, result, attachments)
    result.diagnostics = sort_diagnostics(own + found)
    return result
