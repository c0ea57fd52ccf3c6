"""`ensomhed lsp`: completion, hover, definition, references and symbols, asked as an editor asks."""

from __future__ import annotations

import pytest

from conftest import BASE, write_repo
from test_lsp_client import Client

MEETING = "records/meetings/2024-05-01.md"
MEETING_TEXT = """\
---
kind: meeting
body: aeldreraadet
date: 2024-05-01
status: held
chair: anna
attendees:
  - bo
items:
  - title: Velkomst
    presenters: [anna]
  - number: 7
    title: Budget 2025
    actions:
      - what: Ring til foreningerne
        owners: [bo]
---
Referatet følger.
"""


@pytest.fixture
def client(tmp_path):
    repo = write_repo(tmp_path / "repo", {**BASE, MEETING: MEETING_TEXT})
    c = Client(repo)
    c.open(MEETING)
    yield c
    c.kill()


def _complete(client: Client, line: int, char: int, text: str | None = None) -> dict[str, dict]:
    if text is not None:
        client.change(MEETING, text)
    answer = client.result("textDocument/completion", client.at(MEETING, line, char))
    return {item["label"]: item for item in (answer or {"items": []})["items"]}


def test_completion_offers_the_keys_of_the_records_kind_with_their_descriptions(client):
    text = MEETING_TEXT.replace("chair: anna\n", "chair: anna\nlo\n")
    items = _complete(client, 6, 2, text)
    assert {"location", "mode", "secretary", "minutes_approved"} <= set(items)
    assert items["location"]["documentation"]["value"] == "Mødested."
    assert items["location"]["textEdit"] == {"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 2}}, "newText": "location: "}


def test_completion_offers_nested_keys_of_an_item_and_of_an_action(client):
    text = MEETING_TEXT.replace("    presenters: [anna]\n", "    presenters: [anna]\n    ca\n")
    items = _complete(client, 11, 6, text)
    assert {"case", "decision", "actions", "votes", "closed"} <= set(items)
    assert "body" not in items
    text = MEETING_TEXT.replace("        owners: [bo]\n", "        owners: [bo]\n        d\n")
    items = _complete(client, 16, 9, text)
    assert set(items) == {"what", "owners", "due", "status", "done_on"}


def test_completion_offers_enumerated_values(client):
    items = _complete(client, 4, 8)
    assert set(items) == {"planned", "held", "cancelled"}
    text = MEETING_TEXT.replace("chair: anna\n", "chair: anna\nmode: \n")
    assert set(_complete(client, 6, 6, text)) == {"in_person", "online", "hybrid"}


def test_completion_offers_ids_of_the_kinds_a_field_takes(client):
    assert set(_complete(client, 2, 6)) == {"aeldreraadet"}  # body: bodies
    people = _complete(client, 5, 7)  # chair: people
    assert set(people) == {"anna", "bo"}
    assert people["anna"]["detail"] == "Anna Hansen (person)"
    assert set(_complete(client, 15, 17)) == {"anna", "bo", "aeldreraadet"}  # owners: people and bodies
    assert set(_complete(client, 7, 4)) >= {"anna", "bo", "person", "from_item"}  # an attendee: an id or {person, …}


def test_no_completion_in_a_markdown_records_body(client):
    assert _complete(client, 18, 3) == {}


def test_hover_shows_a_referenced_records_name_kind_and_status(client):
    hover = client.result("textDocument/hover", client.at(MEETING, 2, 9))
    assert hover["contents"]["value"].startswith("**Ældrerådet** (body, active)")
    assert hover["range"] == {"start": {"line": 2, "character": 6}, "end": {"line": 2, "character": 18}}
    hover = client.result("textDocument/hover", client.at(MEETING, 1, 1))
    assert hover["contents"]["value"] == "`meeting`: what this record is."


def test_hover_on_a_meeting_shows_its_date_and_body(tmp_path):
    repo = write_repo(tmp_path / "repo", {**BASE, MEETING: MEETING_TEXT, "records/p.yaml": "kind: person\nname: P\n"})
    c = Client(repo)
    try:
        body = "kind: body\nname: Gruppen\ntype: working_group\nplan: plan\n"
        c.open("records/bodies/gruppen.yaml", body)
        hover = c.result("textDocument/hover", c.at("records/bodies/gruppen.yaml", 3, 7))
        assert hover["contents"]["value"].startswith("**Ensomhedsplan 2024-2027** (plan, active)")
        c.open("records/x.yaml", "kind: initiative\ntitle: X\nstatus: active\ncategory: community\nplans: [plan]\n")
        assert c.result("textDocument/hover", c.at("records/x.yaml", 4, 3))["contents"]["value"] == "Plans the initiative serves."
    finally:
        c.kill()


def test_definition_goes_to_the_referenced_records_file(client):
    found = client.result("textDocument/definition", client.at(MEETING, 15, 18))
    assert found == [{"uri": client.uri("records/people/bo.yaml"), "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}}]
    assert client.result("textDocument/definition", client.at(MEETING, 9, 12)) is None  # a title is no reference


def test_references_of_a_record_are_every_place_it_is_named(client):
    params = {**client.at("records/people/bo.yaml", 0, 0), "context": {"includeDeclaration": False}}
    found = client.result("textDocument/references", params)
    assert sorted((f["uri"], f["range"]["start"]["line"], f["range"]["start"]["character"], f["range"]["end"]["character"]) for f in found) == [
        (client.uri(MEETING), 7, 4, 6),
        (client.uri(MEETING), 15, 17, 19),
    ]
    params = {**client.at(MEETING, 5, 8), "context": {"includeDeclaration": True}}  # from a reference to anna
    found = client.result("textDocument/references", params)
    assert [(f["uri"].rsplit("/", 1)[1], f["range"]["start"]["line"]) for f in found] == [("anna.yaml", 0), ("2024-05-01.md", 5), ("2024-05-01.md", 10)]


def test_document_symbols_are_the_items_with_numbers_and_their_actions(client):
    found = client.result("textDocument/documentSymbol", {"textDocument": {"uri": client.uri(MEETING)}})
    assert [s["name"] for s in found] == ["1. Velkomst", "7. Budget 2025"]
    assert found[1]["range"] == {"start": {"line": 11, "character": 4}, "end": {"line": 15, "character": 20}}
    assert found[1]["selectionRange"] == {"start": {"line": 12, "character": 11}, "end": {"line": 12, "character": 22}}
    assert [c["name"] for c in found[1]["children"]] == ["Ring til foreningerne"]


def test_document_symbols_of_a_plan_are_its_goals_and_milestones(client):
    found = client.result("textDocument/documentSymbol", {"textDocument": {"uri": client.uri("records/plans/plan.yaml")}})
    assert [s["name"] for s in found] == ["faerre-ensomme: Færre ensomme ældre", "a: Start"]


def test_completion_follows_format_1_2(client):
    """The keys of a meeting of record, and the ids an amendment's author and a bare member take."""
    text = MEETING_TEXT.replace("chair: anna\n", "chair: anna\nam\n")
    items = _complete(client, 6, 2, text)
    assert {"amendments", "agenda_sent"} <= set(items)
    text = MEETING_TEXT.replace("chair: anna\n", "chair: anna\namendments:\n  - by: \n")
    assert set(_complete(client, 7, 8, text)) == {"anna", "bo"}
    assert {"person", "role"} <= set(_complete_in(client, "records/bodies/raad.yaml", "kind: body\nname: R\ntype: other\nmembers:\n  - \n", 4, 4))
    assert {"anna", "bo"} <= set(_complete_in(client, "records/bodies/raad.yaml", "kind: body\nname: R\ntype: other\nmembers:\n  - \n", 4, 4))


def _complete_in(client: Client, rel: str, text: str, line: int, char: int) -> dict[str, dict]:
    client.open(rel, text)
    answer = client.result("textDocument/completion", client.at(rel, line, char))
    return {item["label"]: item for item in (answer or {"items": []})["items"]}
