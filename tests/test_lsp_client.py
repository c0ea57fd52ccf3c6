"""A minimal LSP client for the tests: `ensomhed lsp` as a subprocess, JSON-RPC framed by
Content-Length on its stdin and stdout, as an editor speaks it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import PROJECT

TIMEOUT = 60.0  # only against a hang; nothing is timed


class Client:
    def __init__(self, root: Path, *args: str, initialize: bool = True, capabilities: dict | None = None) -> None:
        env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ensomhed_cli", "lsp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=root,
            env=env,
        )
        self.root = root
        self.next_id = 0
        self.responses: dict[int, dict] = {}
        self.notifications: list[dict] = []
        self.requests: list[dict] = []  # from the server (client/registerCapability …)
        self.arrived = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.versions: dict[str, int] = {}
        if initialize:
            self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities or {}})
            self.notify("initialized", {})
            self.settle()

    # --- the wire --------------------------------------------------------------------------

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.arrived:
                        self.arrived.notify_all()
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            with self.arrived:
                if "id" in message and "method" in message:
                    self.requests.append(message)
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                elif "id" in message:
                    self.responses[message["id"]] = message
                else:
                    self.notifications.append(message)
                self.arrived.notify_all()

    def wait_for(self, condition, what: str = "a message"):
        deadline = time.monotonic() + TIMEOUT
        with self.arrived:
            while True:
                found = condition()
                if found:
                    return found
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not found):
                    raise AssertionError(f"no {what}; stderr: {self.stderr_so_far()}")
                self.arrived.wait(min(left, 1.0))

    def stderr_so_far(self) -> str:
        return "" if self.proc.poll() is None else self.proc.stderr.read().decode("utf-8", "replace")[-3000:]

    def request(self, method: str, params: dict | None = None) -> dict:
        """The whole response (result or error)."""
        self.next_id += 1
        number = self.next_id
        self.send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        return self.wait_for(lambda: self.responses.get(number), f"answer to {method}")

    def result(self, method: str, params: dict | None = None):
        answer = self.request(method, params)
        assert "error" not in answer, answer
        return answer["result"]

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def settle(self) -> None:
        """Wait until every message sent so far is handled: the server answers in order."""
        self.result("textDocument/hover", {"textDocument": {"uri": (self.root / "ensomhed.yaml").as_uri()}, "position": {"line": 0, "character": 0}})

    # --- documents -------------------------------------------------------------------------

    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()

    def mark(self) -> int:
        """A point in the notifications: diagnostics published after it are waited for."""
        with self.arrived:
            return len(self.notifications)

    def diagnostics(self, rel: str, after: int = 0, condition=None) -> list[dict]:
        """The diagnostics last published for a file after `mark`, once `condition` holds of them."""
        uri = self.uri(rel)

        def latest():
            found = None
            for message in self.notifications[after:]:
                if message["method"] == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                    found = message["params"]["diagnostics"]
            if found is not None and (condition is None or condition(found)):
                return [found]
            return None

        return self.wait_for(latest, f"diagnostics for {rel}")[0]

    def open(self, rel: str, text: str | None = None) -> str:
        text = (self.root / rel).read_text(encoding="utf-8") if text is None else text
        language = "markdown" if rel.endswith(".md") else "yaml"
        self.versions[rel] = 1
        self.notify("textDocument/didOpen", {"textDocument": {"uri": self.uri(rel), "languageId": language, "version": 1, "text": text}})
        self.settle()
        return text

    def change(self, rel: str, text: str | None = None, *, edit: tuple | None = None) -> None:
        """The whole new text, or one edit ((line, char), (line, char), new text) in UTF-16 units."""
        self.versions[rel] += 1
        if edit is not None:
            (l1, c1), (l2, c2), new = edit
            change = {"range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}, "text": new}
        else:
            change = {"text": text}
        params = {"textDocument": {"uri": self.uri(rel), "version": self.versions[rel]}, "contentChanges": [change]}
        self.notify("textDocument/didChange", params)

    def at(self, rel: str, line: int, character: int) -> dict:
        return {"textDocument": {"uri": self.uri(rel)}, "position": {"line": line, "character": character}}

    def close(self) -> int:
        """shutdown and exit, as an editor ends the session; the exit status."""
        if self.proc.poll() is None:
            self.result("shutdown")
            self.notify("exit")
        try:
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                try:
                    stream.close()
                except OSError:
                    pass

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
