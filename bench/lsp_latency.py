#!/usr/bin/env python3
"""How fast `ensomhed lsp` answers an edit: a didChange to its publishDiagnostics.

    python bench/lsp_latency.py [--records 10000] [--repo PATH] [--runs 21]

Generates a repository (bench/generate.py) unless --repo is given, starts the server as
an editor would (a subprocess speaking JSON-RPC on stdin and stdout) and prints:

- the first load, cold (no .ensomhed-cache) and warm (check's cache in place): from
  `initialize` to the answer of the first request after `initialized`;
- the median time from a didChange of a meeting record (its `body:` changed to an id
  that does not exist, and back, in turn) to the diagnostics published for it.

The target (issue 19): diagnostics within 200 ms at 10,000 records after the first load.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Server:
    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ensomhed_cli", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root
        )
        self.root = root
        self.lock = threading.Condition()
        self.messages: list[tuple[float, dict]] = []
        self.number = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line.strip() == b"":
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(out.read(length))
            with self.lock:
                if "method" in message and "id" in message:  # a request of the server's: say yes
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                self.messages.append((time.perf_counter(), message))
                self.lock.notify_all()

    def send(self, message: dict) -> float:
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def wait(self, test, start: int = 0) -> tuple[float, dict]:
        with self.lock:
            while True:
                for at, message in self.messages[start:]:
                    if test(message):
                        return at, message
                if self.proc.poll() is not None or not self.lock.wait(600):
                    raise SystemExit("the server stopped or went silent")

    def request(self, method: str, params: dict) -> tuple[float, dict]:
        self.number += 1
        number = self.number
        self.send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == number and "method" not in m)

    def notify(self, method: str, params: dict) -> float:
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def stop(self) -> None:
        self.request("shutdown", {})
        self.notify("exit", {})
        self.proc.wait(60)


def first_load(root: Path, meeting: Path) -> tuple[Server, float]:
    server = Server(root)
    start = time.perf_counter()
    server.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
    server.notify("initialized", {})
    done, _ = server.request("textDocument/documentSymbol", {"textDocument": {"uri": meeting.as_uri()}})
    return server, done - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repo", type=Path, help="an existing repository (default: one generated)")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    scratch = None
    if args.repo:
        root = args.repo.resolve()
    else:
        sys.path.insert(0, str(HERE))
        from generate import generate

        scratch = Path(tempfile.mkdtemp(prefix="ensomhed-lsp-bench-"))
        root = scratch / "repo"
        generate(root, args.records, seed=1)
    try:
        meetings = sorted((root / "records").rglob("*.md"))
        meeting = next(p for p in meetings if "\nkind: meeting" in p.read_text(encoding="utf-8"))
        files = sum(1 for _ in (root / "records").rglob("*.*"))
        shutil.rmtree(root / ".ensomhed-cache", ignore_errors=True)
        server, cold = first_load(root, meeting)
        server.stop()
        server, warm = first_load(root, meeting)
        text = meeting.read_text(encoding="utf-8")
        body_line = next(line for line in text.split("\n") if line.startswith("body:"))
        uri = meeting.as_uri()
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        times = []
        for run in range(args.runs):
            broken = run % 2 == 0
            new = text.replace(body_line, f"body: no-such-body-{run}" if broken else body_line, 1)
            with server.lock:
                mark = len(server.messages)
            sent = server.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": run + 2}, "contentChanges": [{"text": new}]},
            )
            got, message = server.wait(
                lambda m, want=broken: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and bool(m["params"]["diagnostics"]) == want,
                mark,
            )
            times.append((got - sent) * 1000)
        server.stop()
        print(f"repository: {files} record files ({root})")
        print(f"first load, cold (no cache):  {cold:.2f} s")
        print(f"first load, warm (cache):     {warm:.2f} s")
        print(f"didChange -> publishDiagnostics, one meeting, median of {len(times)}: {statistics.median(times):.1f} ms"
              f" (min {min(times):.1f}, max {max(times):.1f})")
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
