"""`ensomhed serve` as an attacker sees it: paths out of the site, other Host headers, hostile templates."""

from __future__ import annotations

import socket

import pytest

from test_serve import AGENDA, MEETING_FILE, SCRIPT, meeting, serve  # noqa: F401 - serve is a fixture

SECRET = "HEMMELIGT-INDHOLD-42"


@pytest.fixture
def secret_repo(repo_factory):
    """A repository whose every file outside the site holds the secret."""
    root = repo_factory({MEETING_FILE: meeting("Åbent punkt"), "records/people/hemmelig.yaml": f"kind: person\nname: {SECRET}\n"})
    with (root / "ensomhed.yaml").open("a", encoding="utf-8") as config:
        config.write(f"# {SECRET}\n")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(SECRET)
    (root / ".ensomhed-cache").mkdir()
    (root / ".ensomhed-cache" / "notes").write_text(SECRET)
    (root / "bilag").mkdir()
    (root / "bilag" / "aaben.pdf").write_text("%PDF linked")
    (root / "bilag" / "lukket.pdf").write_text("%PDF linked")
    (root / "bilag" / "hemmelig.txt").write_text(SECRET)
    (root / "bilag" / "link.pdf").symlink_to(root / "ensomhed.yaml")
    return root


TRAVERSALS = [
    "/../ensomhed.yaml",
    "/%2e%2e/ensomhed.yaml",
    "/%2E%2E/%2e%2e/ensomhed.yaml",
    "/agenda/../../ensomhed.yaml",
    "/agenda/%2e%2e/%2e%2e/ensomhed.yaml",
    "/..%2fensomhed.yaml",
    "/%252e%252e/ensomhed.yaml",
    "/..\\ensomhed.yaml",
    "/ensomhed.yaml",
    "/records/people/hemmelig.yaml",
    "/records/",
    "/.git/config",
    "/.ensomhed-cache/notes",
    "/.ensomhed-cache/index.sqlite",
    "/agenda/",
    "/agenda",
    "//etc/passwd",
    "/etc/passwd",
    "/attachments/../ensomhed.yaml",
    "/attachments/attachments/../ensomhed.yaml",
    "/attachments/attachments/%2e%2e/records/people/hemmelig.yaml",
    "/attachments/%2e%2e/ensomhed.yaml",
    "/attachments/records/people/hemmelig.yaml",
    "/attachments/bilag/hemmelig.txt",
    "/attachments/bilag/link.pdf",
    "/attachments/.git/config",
    "/attachments//etc/passwd",
    "/attachments/%2fetc/passwd",
    "/index.html%00.yaml",
    "/%00",
    "/agenda/2024-03-01-aeldreraadet.html%00",
    "/%ff%fe",
    "http://127.0.0.1/ensomhed.yaml",
    "ensomhed.yaml",
    "*",
]


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_nothing_outside_the_site_is_served(secret_repo, serve, public):  # noqa: F811
    served = serve(secret_repo, "--port", "0", *(["--public"] if public else []))
    assert served.raw(f"/{AGENDA}")[0] == 200
    assert served.raw("/attachments/bilag/aaben.pdf") == (200, b"%PDF linked")
    for target in TRAVERSALS:
        status, body = served.raw(target)
        assert status in (400, 403, 404), target
        assert SECRET.encode() not in body, target
        assert b"kind:" not in body and b"[core]" not in body, target


def test_only_its_own_host_names_are_answered(secret_repo, serve):  # noqa: F811
    served = serve(secret_repo)
    port = served.port
    for host in (f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}"):
        assert served.raw(f"/{AGENDA}", host=host)[0] == 200, host
    # DNS rebinding: a name the attacker controls, pointed at 127.0.0.1.
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "127.0.0.1.evil.example", "localhost.", "", " ", "[::1", "10.0.0.1", None):
        status, body = served.raw(f"/{AGENDA}", host=host)
        assert status == 403, host
        assert b"Ensomhedsplan" not in body and b"aeldreraadet" not in body, host
    status, body = served.raw("/__ensomhed/events", host="evil.example")
    assert status == 403


def test_other_methods_are_refused(secret_repo, serve):  # noqa: F811
    served = serve(secret_repo)
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as conn:
        conn.sendall(f"POST /{AGENDA} HTTP/1.0\r\nHost: 127.0.0.1:{served.port}\r\nContent-Length: 0\r\n\r\n".encode())
        answer = b""
        while chunk := conn.recv(4096):
            answer += chunk
    assert answer.split(b"\r\n", 1)[0].split()[1] == b"501"


def test_a_template_runs_no_script_in_the_preview(secret_repo, serve):  # noqa: F811
    (secret_repo / "templates").mkdir()
    (secret_repo / "templates" / "agenda.html.j2").write_text(
        '{% extends "_layout.html.j2" %}{% block main %}<script>fetch("/")</script><h1>x</h1>{% endblock %}\n'
    )
    served = serve(secret_repo)
    status, headers, text = served.get(AGENDA)
    policy = headers["Content-Security-Policy"]
    nonce = SCRIPT.search(text).group(1)
    assert f"script-src 'nonce-{nonce}'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>fetch" in text  # there, and not allowed to run: it has no nonce
    assert served.get(AGENDA)[2].count(nonce) == 0  # a fresh nonce for every answer
    status, headers, _ = served.get("attachments/bilag/aaben.pdf")
    assert status == 200 and headers["Content-Security-Policy"].startswith("sandbox")
    assert headers["X-Content-Type-Options"] == "nosniff"
