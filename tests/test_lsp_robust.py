"""`ensomhed lsp` against hostile documents and messages: it answers errors as data and keeps running."""

from __future__ import annotations

import pytest

from conftest import BASE, write_repo
from test_lsp_client import Client

REL = "records/people/x.yaml"


@pytest.fixture
def client(tmp_path):
    c = Client(write_repo(tmp_path / "repo", dict(BASE)))
    yield c
    c.kill()


def _still_answers(client: Client) -> None:
    hover = client.result("textDocument/hover", client.at("records/plans/plan.yaml", 2, 9))
    assert hover["contents"]["value"].startswith("**Ældrerådet**")


@pytest.mark.parametrize(
    "text, code",
    [
        ("kind: person\nname: [unclosed\n", None),  # invalid YAML
        ("kind: person\nname: \x00\x01binary\xff\n", None),  # control characters
        ("kind: person\nname: " + "[" * 5000 + "\n", "too-deep"),  # deep nesting
        ("kind: person\nname: x\n" + "a" * (3 * 1024 * 1024), "too-large"),  # past a record's size
        ("kind: person\nname: \ud800\n", "encoding"),  # a lone surrogate is no UTF-8
        ("", None),
        ("- a\n- b\n", "not-a-mapping"),
    ],
    # Short ids: pytest puts a test's id in the environment (PYTEST_CURRENT_TEST), and a
    # 3 MB one is more than a process started meanwhile may be given (E2BIG).
    ids=["invalid-yaml", "control-characters", "deep-nesting", "too-large", "lone-surrogate", "empty", "not-a-mapping"],
)
def test_a_hostile_document_gets_diagnostics_and_the_server_goes_on(client, text, code):
    mark = client.mark()
    client.open(REL, text)
    found = client.diagnostics(REL, mark)
    assert found and all(d["severity"] == 1 for d in found)
    if code:
        assert code in [d["code"] for d in found]
    for line, char in ((0, 0), (1, 7), (1, 500), (99, 3)):  # every request on it is answered
        client.result("textDocument/completion", client.at(REL, line, char))
        client.result("textDocument/hover", client.at(REL, line, char))
    client.result("textDocument/documentSymbol", {"textDocument": {"uri": client.uri(REL)}})
    _still_answers(client)


def test_half_typed_documents_never_break_completion(client):
    text = "kind: meeting\nitems:\n  - title: x\n    actions:\n      - owners: [a, \n  - - - \n    : : [\n"
    client.open("records/m.yaml", text)
    for line, piece in enumerate(text.split("\n")):
        for char in range(len(piece) + 1):
            client.result("textDocument/completion", client.at("records/m.yaml", line, char))
    _still_answers(client)


def test_a_bad_request_gets_an_error_and_the_server_keeps_running(client):
    assert client.request("ensomhed/nonsense", {})["error"]["code"] == -32601  # method not found
    assert "error" in client.request("textDocument/hover", {"textDocument": 7})  # params of the wrong shape
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    client.send_raw(b"Content-Length: 4\r\n\r\nnull")
    client.send_raw(b"X-Nonsense: " + b"x" * 100_000 + b"\r\n")
    _still_answers(client)


def test_a_message_larger_than_any_record_ends_the_session_instead_of_being_read(client):
    client.send_raw(b"Content-Length: 99999999999\r\n\r\n")
    assert client.proc.wait(timeout=60) == 1
    assert "too large" in client.proc.stderr.read().decode()


def test_the_server_ends_with_0_after_shutdown_and_exit(client):
    assert client.close() == 0


def test_exit_without_shutdown_ends_with_1(client):
    client.notify("exit")
    assert client.proc.wait(timeout=60) == 1


def test_the_server_ends_when_stdin_closes(client):
    client.proc.stdin.close()
    assert client.proc.wait(timeout=60) == 0


def test_a_document_outside_records_gets_nothing_and_outside_the_repository_too(client, tmp_path):
    (tmp_path / "repo" / "notes.yaml").write_text("kind: nonsense\n", encoding="utf-8")
    mark = client.mark()
    client.open("notes.yaml")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("kind: nonsense\n", encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": outside.as_uri(), "languageId": "yaml", "version": 1, "text": "x: ["}})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "yaml", "version": 1, "text": "x"}})
    client.settle()
    assert not [m for m in client.notifications[mark:] if m["method"] == "textDocument/publishDiagnostics"]
    assert client.result("textDocument/completion", client.at("notes.yaml", 0, 6)) is None
    _still_answers(client)
