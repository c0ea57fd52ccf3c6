#!/usr/bin/env python3
"""How fast `ensomhed serve` shows an edit: a record saved to its page, fetched over HTTP, showing it.

    python bench/serve_latency.py [--records 10000] [--repo PATH] [--edits 9]

Generates a repository (bench/generate.py, seed 1) into a temporary folder, or copies
--repo there (the bench edits records; the one given is never written), starts
`ensomhed serve --port 0` as a subprocess and prints:

- the first page after start, cold (no .ensomhed-cache: the first check parses every
  file) and warm (check's cache in place): from starting the process to a meeting's
  agenda page fetched over HTTP;
- the median, fastest and slowest time from saving an edit to a meeting record (its
  first item's title changed; written as editors save, a temporary file renamed over
  it) to its agenda page, fetched again and again over HTTP, showing the edit;
- the index page, which lists every record: the first time, and after an edit.

The target (issue 19): a rebuilt preview page within 500 ms at 10,000 records.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MS = 500


class Served:
    def __init__(self, root: Path) -> None:
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ensomhed_cli", "serve", "--port", "0", "--root", str(root)], stderr=subprocess.PIPE, text=True
        )
        line = self.proc.stderr.readline()  # type: ignore[union-attr]
        found = re.search(r"(?:serving|viser) (http://\S+/)", line)  # its first line, in English or Danish
        if not found:
            self.proc.kill()  # never left behind serving a folder the bench removes
            raise SystemExit(f"serve did not start: {line}")
        self.url = found.group(1)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=600) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)


def save(path: Path, text: str) -> None:
    """As editors save: a temporary file beside the record, renamed over it."""
    temporary = path.parent / f".{path.name}.bench"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def first_page(root: Path, page: str) -> float:
    served = Served(root)
    try:
        served.get(page)
        return time.perf_counter() - served.started
    finally:
        served.stop()


def edits(root: Path, record: Path, page: str, count: int) -> tuple[list[float], float, float]:
    """(seconds from each save to the page showing it, the index page the first time, after an edit)."""
    original = record.read_text(encoding="utf-8")
    served = Served(root)
    try:
        served.get(page)
        started = time.perf_counter()
        served.get("index.html")
        index_first = time.perf_counter() - started
        times = []
        for n in range(count):
            marker = f"Bench-rettelse-{n}"
            edited = re.sub(r'(\n  - title: ")', rf"\1{marker} ", original, count=1)
            time.sleep(1.0)  # the last edit settled (its check done): each is timed alone
            started = time.perf_counter()
            save(record, edited)
            while marker not in served.get(page):
                pass
            times.append(time.perf_counter() - started)
        marker = "Bench-rettelse-index"
        save(record, re.sub(r"\nbody: ", f"\ntitle: {marker}\nbody: ", original, count=1))
        started = time.perf_counter()
        while marker not in served.get("index.html"):
            pass
        index_after = time.perf_counter() - started
        return times, index_first, index_after
    finally:
        served.stop()
        record.write_text(original, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000, help="records to generate (default 10000)")
    parser.add_argument("--repo", type=Path, help="time a copy of this repository instead")
    parser.add_argument("--edits", type=int, default=9, help="edits to time (default 9)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ensomhed-serve-bench-") as work:
        root = Path(work) / "repo"
        if args.repo:
            shutil.copytree(args.repo, root, ignore=shutil.ignore_patterns(".git", ".ensomhed-cache"))
        else:
            sys.path.insert(0, str(HERE))
            import generate

            generate.generate(root, args.records, seed=1)
        time.sleep(2.5)  # check caches no file changed within 2 s (RACY_SECONDS): let them all settle
        meetings = sorted((root / "records").rglob("*.md"))
        record = next(p for p in meetings[len(meetings) // 2 :] if "kind: meeting" in p.read_text(encoding="utf-8") and "\n  - title: " in p.read_text(encoding="utf-8"))
        page = f"agenda/{record.stem}.html"
        files = sum(1 for _ in (root / "records").rglob("*") if _.is_file())
        print(f"ensomhed serve at {files} record files ({page})")
        cold = first_page(root, page)
        warm = first_page(root, page)
        print(f"  first page after start   cold {cold * 1000:8.0f} ms   warm {warm * 1000:8.0f} ms")
        times, index_first, index_after = edits(root, record, page, args.edits)
        median = statistics.median(times)
        print(
            f"  edit to page shown       median {median * 1000:6.0f} ms   fastest {min(times) * 1000:.0f} ms   "
            f"slowest {max(times) * 1000:.0f} ms   ({len(times)} edits)"
        )
        print(f"  index page               first {index_first * 1000:7.0f} ms   after an edit {index_after * 1000:.0f} ms")
        print(f"  target: a rebuilt page within {TARGET_MS} ms: {'met' if median * 1000 <= TARGET_MS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
