"""Parsing and checking many files at once: in chunks, on every core where there are enough of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ensomhed_cli.check.kept import diag_to_json
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.format.discovery import bulk

PARALLEL_MIN_FILES = 400  # below this, starting workers costs more than it saves
INDEX_BATCH = 1000  # files parsed for the index are stored this many at a time


Parsed = tuple[str, list, list | None, dict | None]  # path, diagnostics, summary, index payload


def process_chunk(args: tuple[Path, str, list[tuple[str, str]], Callable | None]) -> list[Parsed]:
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


def parse_all(todo: list[tuple[str, str]], ctx: Context, jobs: int, payload: Callable | None) -> Iterator[Parsed]:
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
                for part in pool.imap(process_chunk, chunks):
                    yield from part
            return
    for i in range(0, len(todo), INDEX_BATCH):
        yield from process_chunk((ctx.root, config_json, todo[i : i + INDEX_BATCH], payload))
