"""`ensomhed lsp`: diagnostics as an editor sees them, over JSON-RPC with the server as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import BASE, write_repo
from test_lsp_client import Client

MEETING = "records/meetings/2099-03-01-raadet.yaml"
MEETING_TEXT = """\
kind: meeting
body: aeldreraadet
date: 2099-03-01
status: planned
chair: annna
items:
  - title: Første punkt
    presenters: [bo]
    actions:
      - {what: Ring, owners: [aeldreraadet, anna]}
"""


@pytest.fixture
def repo(tmp_path):
    return write_repo(tmp_path / "repo", {**BASE, MEETING: MEETING_TEXT})


@pytest.fixture
def client(repo):
    c = Client(repo)
    yield c
    c.kill()


def test_an_opened_record_shows_checks_problem_at_its_place(client):
    mark = client.mark()
    client.open(MEETING)
    found = client.diagnostics(MEETING, mark)
    assert found == [
        {
            "range": {"start": {"line": 4, "character": 7}, "end": {"line": 4, "character": 12}},
            "message": "der er ingen person med id `annna` (mente du `anna`?)",
            "severity": 1,
            "code": "unresolved-ref",
            "source": "ensomhed",
        }
    ]
    mark = client.mark()
    client.change(MEETING, edit=((4, 7), (4, 12), "anna"))  # an incremental change
    assert client.diagnostics(MEETING, mark) == []


def test_the_editors_text_is_checked_not_the_file_on_disk(client, repo):
    client.open(MEETING)
    mark = client.mark()
    client.change(MEETING, MEETING_TEXT.replace("status: planned", "status: plannd").replace("annna", "anna"))
    found = client.diagnostics(MEETING, mark)
    assert [d["range"] for d in found] == [{"start": {"line": 3, "character": 8}, "end": {"line": 3, "character": 14}}]
    assert "plannd" in found[0]["message"]
    assert (repo / MEETING).read_text(encoding="utf-8") == MEETING_TEXT  # nothing written


def test_columns_are_utf16_units_after_danish_letters_and_emoji(client):
    line = 'items: [{title: "Æblegrød 😀 og øl", presenters: [annna]}]'
    text = MEETING_TEXT.split("items:")[0].replace("annna", "anna") + line + "\n"
    mark = client.mark()
    client.open(MEETING, text)
    found = client.diagnostics(MEETING, mark)
    at = line.index("annna")  # in code points: Æ, ø and each letter count one
    assert [d["range"] for d in found] == [
        {"start": {"line": 5, "character": at + 1}, "end": {"line": 5, "character": at + 1 + 5}}  # the emoji counts two
    ]
    assert found[0]["message"] == "der er ingen person med id `annna` (mente du `anna`?)"


def test_a_deleted_person_shows_where_it_is_used_and_coming_back_clears_it(client, repo):
    client.open(MEETING)
    bo = repo / "records/people/bo.yaml"
    saved = bo.read_text(encoding="utf-8")
    bo.unlink()
    mark = client.mark()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": bo.as_uri(), "type": 3}]})
    found = client.diagnostics(MEETING, mark, lambda ds: any("`bo`" in d["message"] for d in ds))
    assert {"range": {"start": {"line": 7, "character": 17}, "end": {"line": 7, "character": 19}}, "message": "der er ingen person med id `bo`"} in [
        {"range": d["range"], "message": d["message"]} for d in found
    ]
    bo.write_text(saved, encoding="utf-8")
    mark = client.mark()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": bo.as_uri(), "type": 1}]})
    found = client.diagnostics(MEETING, mark, lambda ds: not any("`bo`" in d["message"] for d in ds))
    assert [d["code"] for d in found] == ["unresolved-ref"]  # annna alone is left


def test_renaming_a_persons_id_in_the_editor_breaks_the_meeting_that_uses_it_unopened(client, repo):
    (repo / MEETING).write_text(MEETING_TEXT.replace("annna", "anna"), encoding="utf-8")  # no other problem in it
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": client.uri(MEETING), "type": 2}]})
    client.settle()
    mark = client.mark()
    client.open("records/people/bo.yaml")
    client.change("records/people/bo.yaml", "kind: person\nid: boo\nname: Bo Madsen\n")
    found = client.diagnostics(MEETING, mark)
    assert [d["message"] for d in found] == ["der er ingen person med id `bo` (mente du `boo`?)"]
    mark = client.mark()
    client.change("records/people/bo.yaml", "kind: person\nname: Bo Madsen\n")
    assert client.diagnostics(MEETING, mark) == []


def test_an_id_made_duplicate_is_reported_as_check_reports_it(client):
    new = "records/people/zz-anna.yaml"
    mark = client.mark()
    client.open(new, "kind: person\nid: anna\nname: Anden Anna\n")
    found = client.diagnostics(new, mark)
    assert [(d["range"]["start"], d["message"]) for d in found] == [
        ({"line": 1, "character": 4}, "id'et `anna` bruges allerede i records/people/anna.yaml:1; et id må kun bruges af én post: giv denne post et andet id")
    ]
    mark = client.mark()
    client.change(new, "kind: person\nid: anna-2\nname: Anden Anna\n")
    assert client.diagnostics(new, mark) == []


def test_closing_a_document_goes_back_to_the_file_on_disk(client):
    client.open(MEETING)
    mark = client.mark()
    client.change(MEETING, MEETING_TEXT.replace("annna", "anna"))
    assert client.diagnostics(MEETING, mark) == []
    mark = client.mark()
    client.notify("textDocument/didClose", {"textDocument": {"uri": client.uri(MEETING)}})
    assert [d["code"] for d in client.diagnostics(MEETING, mark)] == ["unresolved-ref"]


def _as_check(client: Client, repo, published: dict[str, list[dict]]) -> list[tuple]:
    """The server's diagnostics in check's terms: 1-based lines and code-point columns."""
    out = []
    for rel, found in published.items():
        lines = (repo / rel).read_text(encoding="utf-8").split("\n")
        for d in found:
            line, units = d["range"]["start"]["line"], d["range"]["start"]["character"]
            text, col = lines[line], 0
            while units > 0:
                units -= 2 if ord(text[col]) > 0xFFFF else 1
                col += 1
            severity = "error" if d["severity"] == 1 else "warning"
            out.append((rel, line + 1, col + 1, severity, d["code"], d["message"]))
    return sorted(out)


def test_after_a_series_of_saved_edits_the_server_says_what_check_says(client, repo):
    edits = [
        ("records/zz/anna.yaml", "kind: body\nid: anna\nname: Anna-gruppen\ntype: other\n"),  # a body sharing a person's id
        ("records/people/bo.yaml", "kind: person\nid: bo-m\nname: Bo Madsen\n"),  # breaks the meeting
        ("records/people/zz-bo.yaml", "kind: person\nid: anna\nname: 😀 Ånna\ntitle: [x\n"),  # a duplicate with a YAML error
        ("records/initiatives/cafe.yaml", "kind: initiative\ntitle: Café\nstatus: active\ncategory: community\nplans: [plan]\ngoals: [plan#faerre-ensome, nowhere#x]\nowner: bo\n"),
        (MEETING, MEETING_TEXT.replace("annna", "bo-m").replace("presenters: [bo]", "presenters: [bo-m, plan]")),
        ("records/people/zz-bo.yaml", "kind: person\nid: anna\nname: Ånna\n"),
        ("records/plans/plan.yaml", (repo / "records/plans/plan.yaml").read_text(encoding="utf-8").replace("owner: aeldreraadet", "owner: anna")),
    ]
    published: dict[str, list[dict]] = {}
    for rel, text in edits:
        if rel not in client.versions:
            client.open(rel, text)
        else:
            client.change(rel, text)
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
        client.notify("textDocument/didSave", {"textDocument": {"uri": client.uri(rel)}})
    # A request is answered after every notification before it: all is published by then.
    client.result("textDocument/documentSymbol", {"textDocument": {"uri": client.uri(MEETING)}})
    for message in client.notifications:
        if message["method"] == "textDocument/publishDiagnostics":
            rel = message["params"]["uri"][len(repo.as_uri()) + 1 :]
            published[rel] = message["params"]["diagnostics"]
    run = subprocess.run(
        [sys.executable, "-m", "ensomhed_cli", "check", "--no-cache", "--format", "json"], cwd=repo, capture_output=True, text=True
    )
    expected = sorted(
        (d["path"], d["line"], d["column"], d["severity"], d["code"], d["message"]) for d in json.loads(run.stdout) if d["path"].startswith("records/")
    )
    assert len(expected) >= 6
    assert _as_check(client, repo, published) == expected


def test_a_markdown_records_front_matter_is_checked(client, repo):
    rel = "records/meetings/2099-04-01.md"
    text = textwrap.dedent(
        """\
        ---
        kind: meeting
        body: aeldreraadet
        date: 2099-04-01
        status: planned
        secretary: nobody
        ---
        # Referat

        secretary: nobody
        """
    )
    mark = client.mark()
    client.open(rel, text)
    found = client.diagnostics(rel, mark)
    assert [(d["range"]["start"]["line"], d["range"]["start"]["character"], d["message"]) for d in found] == [
        (5, 11, "der er ingen person med id `nobody`")
    ]
