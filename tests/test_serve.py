"""`ensomhed serve`: the real server as a subprocess, a real HTTP client and real file changes."""

from __future__ import annotations

import html
import http.client
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import PROJECT

START_SECONDS = 60  # generous: only to end a hung test, never a measure
CHANGE_SECONDS = 30
SCRIPT = re.compile(r'<script nonce="([^"]+)">.*?</script>\n', re.S)
OVERLAY_START = '<section id="ensomhed-errors"'
OVERLAY = re.compile(r'<section id="ensomhed-errors".*?</section>\n', re.S)

MEETING = """---
kind: meeting
title: Møde om TITLE
body: aeldreraadet
date: 2024-03-01
status: held
items:
  - number: 1
    title: TITLE
    decision: Godkendt.
  - number: 2
    title: Lukket sag
    closed: true
    summary: HEMMELIG-OPLYSNING
    attachments: [{title: Fortroligt bilag, path: bilag/lukket.pdf}]
  - number: 3
    title: Åben sag
    attachments: [{title: Åbent bilag, path: bilag/aaben.pdf}]
---
"""
AGENDA = "agenda/2024-03-01-aeldreraadet.html"
MEETING_FILE = "records/meetings/2024-03-01-aeldreraadet.md"


def meeting(title: str) -> str:
    return MEETING.replace("TITLE", title)


class Served:
    """`ensomhed serve --port 0` as a subprocess; its URL read from stderr."""

    def __init__(self, root: Path, *args: str, tmp: Path | None = None, env: dict | None = None) -> None:
        self.root = root
        self.tmp = tmp
        environment = {**os.environ, **(env or {})}
        if tmp is not None:
            tmp.mkdir(exist_ok=True)
            environment["TMPDIR"] = str(tmp)
        command = [sys.executable, "-m", "ensomhed_cli", "serve", "--root", str(root), *(args or ("--port", "0"))]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = ""
        deadline = time.monotonic() + START_SECONDS
        while not self.url and time.monotonic() < deadline and self.proc.poll() is None:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            found = re.search(r"(?:serving|viser) (http://\S+/) — Ctrl-C (?:stops|stopper)", line)
            self.url = found.group(1) if found else ""
        self.port = int(self.url.rsplit(":", 1)[1].strip("/")) if self.url else 0

    def _read(self) -> None:
        for line in self.proc.stderr:  # type: ignore[union-attr]
            self.said.append(line)
            self.lines.put(line)

    def get(self, path: str) -> tuple[int, dict, str]:
        """A page through urllib.request: (status, headers, text)."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=START_SECONDS) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")

    def raw(self, target: str, host: str | None = "default") -> tuple[int, bytes]:
        """A request sent exactly as written (no client tidies the path), with this Host header (None: none)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=START_SECONDS)
        conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", f"127.0.0.1:{self.port}" if host == "default" else host)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, body

    def wait_for(self, path: str, condition, seconds: float = CHANGE_SECONDS) -> str:
        """The page once the condition holds of its text; fails after the deadline."""
        deadline = time.monotonic() + seconds
        text = ""
        while time.monotonic() < deadline:
            status, _, text = self.get(path)
            if condition(status, text):
                return text
            time.sleep(0.05)
        raise AssertionError(f"{path} never changed as expected; last seen:\n{text[:3000]}\nstderr: {''.join(self.said)}")

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=START_SECONDS)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()


@pytest.fixture
def serve():
    started: list[Served] = []

    def start(root: Path, *args: str, **kwargs) -> Served:
        served = Served(root, *args, **kwargs)
        started.append(served)
        assert served.url, "".join(served.said)
        return served

    yield start
    for served in started:
        served.stop()


@pytest.fixture
def meeting_repo(repo_factory):
    root = repo_factory({MEETING_FILE: meeting("Første titel")})
    (root / "bilag").mkdir()
    (root / "bilag" / "lukket.pdf").write_bytes(b"%PDF fortroligt")
    (root / "bilag" / "aaben.pdf").write_bytes(b"%PDF aabent")
    (root / "bilag" / "ikke-linket.pdf").write_bytes(b"%PDF ikke linket")
    return root


def bare(text: str) -> str:
    """The page without what the preview adds: the site's page as build writes it."""
    return SCRIPT.sub("", text)


def write_atomically(path: Path, text: str) -> None:
    """As editors save: a temporary file beside it, renamed over it."""
    temporary = path.parent / f".{path.name}.tmp{os.getpid()}"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# --- the site -----------------------------------------------------------------------------------


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_every_page_and_attachment_is_the_one_build_writes(tmp_path, serve, cli, public):
    root = tmp_path / "example"
    shutil.copytree(PROJECT / "records", root / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", root)
    flags = ["--public"] if public else []
    assert cli("build", "--root", root, "-o", tmp_path / "site", *flags).exit_code == 0
    served = serve(root, "--port", "0", *flags)
    files = [p for p in sorted((tmp_path / "site").rglob("*")) if p.is_file() and p.name != ".ensomhed-site"]
    assert len(files) >= 20
    for path in files:
        rel = path.relative_to(tmp_path / "site").as_posix()
        status, headers, text = served.get(urllib.request.quote(rel))
        assert status == 200, rel
        nonce = SCRIPT.search(text).group(1)
        assert f"script-src 'nonce-{nonce}'" in headers["Content-Security-Policy"]
        assert bare(text) == path.read_text(encoding="utf-8"), rel
        assert "<script" not in path.read_text(encoding="utf-8")  # the built site is unchanged
    assert bare(served.get("/")[2]) == (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_an_edit_shows_on_the_page_and_the_index_and_tells_open_pages(meeting_repo, serve):
    served = serve(meeting_repo)
    assert "Første titel" in served.get(AGENDA)[2]
    events = http.client.HTTPConnection("127.0.0.1", served.port, timeout=START_SECONDS)
    events.request("GET", "/__ensomhed/events")
    stream = events.getresponse()
    assert stream.headers["Content-Type"].startswith("text/event-stream")
    first = _next_generation(stream)
    (meeting_repo / MEETING_FILE).write_text(meeting("Anden titel"), encoding="utf-8")
    assert _next_generation(stream) > first
    text = served.wait_for(AGENDA, lambda status, text: "Anden titel" in text)
    assert "Første titel" not in text and OVERLAY_START not in text
    served.wait_for("index.html", lambda status, text: "Anden titel" in text)
    events.close()


def _next_generation(stream) -> int:
    """The generation the next change event says (the server says something every 15 seconds)."""
    deadline = time.monotonic() + CHANGE_SECONDS
    while time.monotonic() < deadline:
        line = stream.fp.readline().decode()
        assert line, "the event stream ended"
        if line.startswith("data: "):
            return int(line[6:])
    raise AssertionError("no change event came")


def test_atomic_saves_renames_and_deletes(meeting_repo, serve):
    served = serve(meeting_repo)
    assert served.get(AGENDA)[0] == 200
    write_atomically(meeting_repo / MEETING_FILE, meeting("Gemt atomisk"))
    served.wait_for(AGENDA, lambda status, text: "Gemt atomisk" in text)
    # A renamed file is another record (its id is its name): the old page goes, the new one comes.
    os.rename(meeting_repo / MEETING_FILE, meeting_repo / "records/meetings/2024-03-01-flyttet.md")
    served.wait_for(AGENDA, lambda status, text: status == 404)
    served.wait_for("agenda/2024-03-01-flyttet.html", lambda status, text: "Gemt atomisk" in text)
    # A renamed folder is reported alone, without its files: a file edited while its folder
    # was away is not taken for the one last shown when the folder comes back.
    os.rename(meeting_repo / "records/meetings", meeting_repo / "records/moeder")
    (meeting_repo / "records/moeder/2024-03-01-flyttet.md").write_text(meeting("I ny mappe"), encoding="utf-8")
    os.rename(meeting_repo / "records/moeder", meeting_repo / "records/meetings")
    served.wait_for("agenda/2024-03-01-flyttet.html", lambda status, text: "I ny mappe" in text)
    (meeting_repo / "records/meetings/2024-03-01-flyttet.md").unlink()
    served.wait_for("agenda/2024-03-01-flyttet.html", lambda status, text: status == 404)
    served.wait_for("index.html", lambda status, text: "2024-03-01-flyttet" not in text)


def test_errors_show_above_the_last_good_page_until_fixed(meeting_repo, serve, cli):
    served = serve(meeting_repo)
    assert "Første titel" in served.get(AGENDA)[2]
    assert "Første titel" in served.get("index.html")[2]
    # Written half-way: the front matter is not closed, and the new title is in it.
    (meeting_repo / MEETING_FILE).write_text(meeting("Halvt skrevet").split("  - number: 2")[0], encoding="utf-8")
    text = served.wait_for(AGENDA, lambda status, text: OVERLAY_START in text)
    overlay = OVERLAY.search(text).group(0)
    shown = [html.unescape(line) for line in re.findall(r"<li><code>(.*?)</code></li>", overlay)]
    printed = cli("check", "--root", meeting_repo).output.splitlines()
    assert shown and set(shown) <= set(printed)
    assert any(line.startswith(f"{MEETING_FILE}:") and ": error: " in line for line in shown)
    assert 'tabindex="-1"' in overlay and "Fejl i posterne" in overlay
    page = OVERLAY.sub("", bare(text))
    assert "Første titel" in page and "Halvt skrevet" not in page  # the last good version beneath
    assert "seneste udgave uden fejl" in overlay
    index = served.wait_for("index.html", lambda status, text: OVERLAY_START in text)
    assert "Første titel" in index  # the broken record as it last was
    (meeting_repo / MEETING_FILE).write_text(meeting("Rettet titel"), encoding="utf-8")
    text = served.wait_for(AGENDA, lambda status, text: "Rettet titel" in text)
    assert OVERLAY_START not in text
    assert OVERLAY_START not in served.wait_for("index.html", lambda status, text: "Rettet titel" in text)


def test_a_page_with_errors_and_no_good_version_shows_the_errors(meeting_repo, serve):
    (meeting_repo / MEETING_FILE).write_text(meeting("Fra start").replace("status: held", "status: afholdt"), encoding="utf-8")
    served = serve(meeting_repo)
    status, _, text = served.get(AGENDA)
    assert status == 404  # not a valid meeting: the site has no such page yet
    assert "Fra start" not in served.get("index.html")[2]
    assert f"{MEETING_FILE}:6:9: error: `status` skal være planned, held eller cancelled" in html.unescape(served.get("index.html")[2])
    (meeting_repo / MEETING_FILE).write_text(meeting("Nu gyldig"), encoding="utf-8")
    served.wait_for(AGENDA, lambda status, text: "Nu gyldig" in text and OVERLAY_START not in text)


def test_template_changes_and_template_errors(meeting_repo, serve):
    served = serve(meeting_repo)
    assert served.get(AGENDA)[0] == 200
    templates = meeting_repo / "templates"
    templates.mkdir()
    (templates / "agenda.html.j2").write_text('{% extends "_layout.html.j2" %}{% block main %}<h1>Egen skabelon</h1>{% endblock %}\n')
    served.wait_for(AGENDA, lambda status, text: "Egen skabelon" in text)
    (templates / "agenda.html.j2").write_text('{% extends "_layout.html.j2" %}{% block main %}<h1>Ændret skabelon</h1>{% endblock %}\n')
    served.wait_for(AGENDA, lambda status, text: "Ændret skabelon" in text)
    (templates / "agenda.html.j2").write_text("{% if %}\n")
    text = served.wait_for(AGENDA, lambda status, text: OVERLAY_START in text)
    assert "templates/agenda.html.j2:1:" in html.unescape(OVERLAY.search(text).group(0))
    assert "Ændret skabelon" in text  # the last good version beneath
    (templates / "agenda.html.j2").unlink()
    served.wait_for(AGENDA, lambda status, text: "Første titel" in text and OVERLAY_START not in text)


def test_public_serves_no_closed_item_nor_its_attachment(meeting_repo, serve):
    internal = serve(meeting_repo)
    text = internal.get(AGENDA)[2]
    assert "HEMMELIG-OPLYSNING" in text and "attachments/bilag/lukket.pdf" in text
    assert internal.get("attachments/bilag/lukket.pdf")[0] == 200
    assert internal.stop() == 0
    public = serve(meeting_repo, "--public", "--port", "0")
    text = public.get(AGENDA)[2]
    assert "HEMMELIG-OPLYSNING" not in text and "lukket.pdf" not in text and "Lukket sag" in text
    status, headers, body = public.get("attachments/bilag/aaben.pdf")
    assert (status, body) == (200, "%PDF aabent") and "sandbox" in headers["Content-Security-Policy"]
    assert public.get("attachments/bilag/lukket.pdf")[0] == 404
    assert public.get("attachments/bilag/ikke-linket.pdf")[0] == 404
    # An item closed while the preview runs: its attachment is gone with it, before the page is asked for again.
    (meeting_repo / MEETING_FILE).write_text(meeting("Første titel").replace("title: Åben sag", "title: Åben sag\n    closed: true"), encoding="utf-8")
    public.wait_for("attachments/bilag/aaben.pdf", lambda status, text: status == 404)
    assert "aaben.pdf" not in public.get(AGENDA)[2]
    # An error's message may quote a record: the public view says where and what kind alone.
    (meeting_repo / MEETING_FILE).write_text(meeting("Første titel").replace("status: held", "status: HEMMELIG-STATUS"), encoding="utf-8")
    text = public.wait_for(AGENDA, lambda status, text: OVERLAY_START in text)
    assert f"{MEETING_FILE}:6:9: error: invalid-value" in OVERLAY.search(text).group(0) or f"{MEETING_FILE}:6:9: error: " in text
    assert "HEMMELIG" not in text and "Lukket sag" in text


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_it_cleanly_with_pages_open(meeting_repo, serve, tmp_path, sig):
    served = serve(meeting_repo, tmp=tmp_path / "tmp")
    assert served.get(AGENDA)[0] == 200
    events = socket.create_connection(("127.0.0.1", served.port), timeout=START_SECONDS)
    events.sendall(f"GET /__ensomhed/events HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n\r\n".encode())
    received = b""
    while b"event: change" not in received:
        chunk = events.recv(4096)
        assert chunk, received
        received += chunk
    assert served.stop(sig) == 0
    while chunk := events.recv(4096):  # the open page's stream is closed: it ends
        pass
    events.close()
    # Jinja keeps the built-in templates' compiled code in the user's own cache folder, on purpose.
    assert [p.name for p in (tmp_path / "tmp").iterdir() if not p.name.startswith("_jinja2-cache")] == []
    assert sorted(p.name for p in meeting_repo.iterdir() if p.name != ".ensomhed-cache") == ["bilag", "ensomhed.yaml", "records"]
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", served.port), timeout=5).close()


def test_a_port_in_use_is_a_clear_error(meeting_repo):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "ensomhed_cli", "serve", "--port", str(port), "--root", str(meeting_repo)],
            capture_output=True, text=True, timeout=START_SECONDS,
        )
    assert result.returncode == 2
    assert result.stderr == f"ensomhed: fejl: port {port} på 127.0.0.1 er optaget; giv en anden med --port, eller --port 0 for en ledig\n"


def test_another_interface_is_served_only_when_asked_and_with_a_warning(meeting_repo, serve):
    served = serve(meeting_repo, "--host", "0.0.0.0", "--port", "0")
    assert "den interne udgave, lukkede punkter med, kan ses fra netværket" in "".join(served.said)
    assert served.get(AGENDA)[0] == 200
    quiet = serve(meeting_repo, "--port", "0")
    assert quiet.url.startswith("http://127.0.0.1:") and "advarsel" not in "".join(quiet.said)


def test_a_repository_with_an_index_file_is_checked_beside_the_pages(tmp_path, serve):
    """From 200 files the index is a file: the check runs on a thread of its own, beside the pages."""
    from conftest import Clock, generate

    root = generate(tmp_path / "big", 300, seed=3, clock=Clock())
    record = next(p for p in sorted((root / "records").rglob("*.md")) if "\n  - title: \"" in p.read_text(encoding="utf-8"))
    page = f"agenda/{record.stem}.html"
    original = record.read_text(encoding="utf-8")
    served = serve(root)
    assert served.get(page)[0] == 200
    assert (root / ".ensomhed-cache" / "index.sqlite").is_file()
    record.write_text(original.replace('\n  - title: "', '\n  - title: "Rettet punkt ', 1), encoding="utf-8")
    served.wait_for(page, lambda status, text: "Rettet punkt" in text and OVERLAY_START not in text)
    record.write_text(original.replace("kind: meeting", "kind: meeting\nstatus: nej", 1), encoding="utf-8")
    text = served.wait_for(page, lambda status, text: OVERLAY_START in text and f"{record.relative_to(root).as_posix()}:" in text)
    assert "Rettet punkt" in OVERLAY.sub("", bare(text))  # the last good version beneath
    record.write_text(original.replace('\n  - title: "', '\n  - title: "Igen rettet ', 1), encoding="utf-8")
    served.wait_for(page, lambda status, text: "Igen rettet" in text and OVERLAY_START not in text)
    # A person the page names, written half-way: the page keeps the name as it last was, from
    # the moment the change is heard (not only once the check of the whole repository is done).
    presenter = re.search(r"presenters: \[(p\d+)", original).group(1)
    person = next((root / "records" / "people").rglob(f"{presenter}.yaml"))
    name = re.search(r"name: (.+)", person.read_text(encoding="utf-8")).group(1)
    assert name in served.get(page)[2]
    person.write_text("kind: person\nname: [", encoding="utf-8")
    text = served.wait_for(page, lambda status, text: OVERLAY_START in text)
    assert name in text
    person.write_text(f"kind: person\nname: {name} Jr.\n", encoding="utf-8")
    served.wait_for(page, lambda status, text: f"{name} Jr." in text and OVERLAY_START not in text)
    # A new record has a page once the check (on its own thread) has put it in the index.
    (record.parent / "2030-01-01-nyt-moede.md").write_text(original.replace('\n  - title: "', '\n  - title: "Nyt møde ', 1), encoding="utf-8")
    served.wait_for("agenda/2030-01-01-nyt-moede.html", lambda status, text: status == 200 and "Nyt møde" in text)
