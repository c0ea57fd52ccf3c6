"""The preview's HTTP server: what a request may ask for, and who may ask.

Only GET and HEAD, only paths the site has (the pages `build` would write, and the
attachments they link to); no folder listing, no file looked up by the name a request
gives. The Host header must name this server (127.0.0.1, localhost, ::1 or the --host
given, with its port), so a web page elsewhere cannot read the preview through DNS
rebinding. Every answer says not to be cached, sniffed or framed.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from ensomhed_cli.live.preview_html import ATTACHMENT_POLICY, EVENTS_PATH, content_security_policy

WILDCARDS = ("0.0.0.0", "::", "")
HEARTBEAT_SECONDS = 15.0
MAX_STREAMS = 64  # event streams open at once; each holds a thread
CHUNK = 1 << 16
PLAIN = {500: "The preview could not make this page; the terminal says why.\n", 503: "The preview is stopping.\n"}


@dataclass
class Answer:
    status: int
    page: Callable[[str], str] | None = None  # the HTML, given the nonce its script is to carry
    file: Path | None = None  # an attachment's file


class Site(Protocol):
    def answer(self, path: str) -> Answer: ...
    def said(self, message: str) -> None: ...


def site_path(target: str) -> str | None:
    """The path inside the site a request target asks for ("" for the site's root); None for a
    target no page can have: not a plain absolute path, `.` or `..` or an empty segment (as
    written or percent-encoded), a backslash, a NUL or bytes that are not UTF-8."""
    if not target.startswith("/") or target.startswith("//"):
        return None
    raw = target.split("?", 1)[0].split("#", 1)[0]
    try:
        path = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    if path == "/":
        return ""
    if any(c in path for c in "\x00\\") or any(ord(c) < 32 for c in path):
        return None
    parts = path[1:].split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    return "/".join(parts)


def host_allowed(header: str | None, bound: str, port: int) -> bool:
    """Whether the Host header names this server: a loopback name, the host it was started
    with, or (bound to every interface) any IP address or this machine's name; the port, if
    given, its own."""
    if not header:
        return False
    value = header.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return False
        given_port = rest[1:]
    else:
        name, _, given_port = value.partition(":")
    if given_port and given_port != str(port):
        return False
    names = {"127.0.0.1", "localhost", "::1", bound.strip("[]").lower()}
    if bound in WILDCARDS:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        if _is_address(name):
            return True
    return name in names


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, site: Site, streams: Callable[[int, float], int | None]) -> None:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
        self.address_family = infos[0][0]
        self.site = site
        self.bound = host
        self.wait_for_change = streams
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        super().__init__((host, port), PreviewHandler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        import sys

        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):
            self.site.said(f"could not answer a request: {type(exc).__name__}: {exc}")


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "ensomhed"
    sys_version = ""
    timeout = 30  # a client that sends nothing for this long is let go

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the name BaseHTTPRequestHandler gives it
        pass  # the preview's own messages go to stderr; requests are not listed

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.bound, self.server.port):
            return self._plain(403, "This preview answers only to its own address.\n", head)
        path = site_path(self.path)
        if path is None:
            return self._plain(404 if self.path.startswith("/") else 400, "Not found.\n", head)
        if "/" + path == EVENTS_PATH:
            return self._events(head)
        answer = self.server.site.answer(path)
        if answer.file is not None:
            return self._file(answer.file, head)
        if answer.page is None:
            return self._plain(answer.status, PLAIN.get(answer.status, "Not found.\n"), head)
        nonce = secrets.token_urlsafe(18)
        body = answer.page(nonce).encode("utf-8")
        self._head(answer.status, "text/html; charset=utf-8", len(body), {"Content-Security-Policy": content_security_policy(nonce)})
        if not head:
            self.wfile.write(body)

    def _head(self, status: int, content_type: str, length: int | None, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def _plain(self, status: int, text: str, head: bool) -> None:
        body = text.encode("utf-8")
        self._head(status, "text/plain; charset=utf-8", len(body), {"Content-Security-Policy": "default-src 'none'"})
        if not head:
            self.wfile.write(body)

    def _file(self, path: Path, head: bool) -> None:
        """An attachment, opened without following a link put in its place since it was checked."""
        import mimetypes

        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return self._plain(404, "Not found.\n", head)
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                return self._plain(404, "Not found.\n", head)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            # A sandbox: an HTML or SVG attachment runs no script on the preview's origin.
            self._head(200, kind, info.st_size, {"Content-Security-Policy": ATTACHMENT_POLICY})
            if not head:
                while chunk := file.read(CHUNK):
                    self.wfile.write(chunk)

    def _events(self, head: bool) -> None:
        """Server-Sent Events: the generation now, and again after every change."""
        if head:
            return self._head(200, "text/event-stream; charset=utf-8", None)
        if not self.server.streams.acquire(blocking=False):
            return self._plain(503, "Too many open pages.\n", head)
        try:
            self._head(200, "text/event-stream; charset=utf-8", None)
            seen = -1
            while True:
                generation = self.server.wait_for_change(seen, HEARTBEAT_SECONDS)
                if generation is None:
                    return
                if generation != seen:
                    self.wfile.write(f"retry: 1000\nevent: change\ndata: {generation}\n\n".encode())
                    seen = generation
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except OSError:  # the page was closed
            return
        finally:
            self.server.streams.release()
