"""Follow-up as work is assigned: `actions --by owner` and the site's index group open
actions by owner (a person or a body) and say which decision each came from."""

from __future__ import annotations

import json

MEETING = """
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: held
items:
  - title: Handleplan
    decision: Godkendt.
    actions:
      - {what: Skriv handleplanen, owners: [forvaltningen, anna], due: 2024-Q2}
      - {what: Ring til foreningerne, owners: [bo], due: 2024-12-01}
      - {what: Allerede gjort, owners: [anna], status: done, done_on: 2024-03-10}
  - number: 2
    title: Personsag
    closed: true
    decision: Bevilget.
    actions:
      - {what: Hemmelig opfølgning, owners: [anna]}
"""

FILES = {
    "records/meetings/m.yaml": MEETING,
    "records/bodies/forvaltningen.yaml": "kind: body\nname: Social og Sundhed\ntype: department\n",
}


def test_actions_by_owner_stand_under_each_owner_by_name(repo_factory, cli):
    root = repo_factory(FILES)
    result = cli("actions", "--root", root, "--by", "owner", "--today", "2024-07-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["owner_name"], r["what"]) for r in rows] == [
        ("Anna Hansen", "Skriv handleplanen"),
        ("Anna Hansen", "Hemmelig opfølgning"),
        ("Bo Madsen", "Ring til foreningerne"),
        ("Social og Sundhed", "Skriv handleplanen"),
    ]
    assert [r["owner"] for r in rows] == ["anna", "anna", "bo", "forvaltningen"]
    # Each row says which decision it came from.
    assert [(r["meeting"], r["date"], r["item"], r["item_title"]) for r in rows][:3] == [
        ("m", "2024-03-04", 1, "Handleplan"),
        ("m", "2024-03-04", 2, "Personsag"),
        ("m", "2024-03-04", 1, "Handleplan"),
    ]


def test_actions_by_owner_table_names_owner_decision_and_overdue_in_words(repo_factory, cli):
    people = {"records/people/anna.yaml": "kind: person\nname: '[bold]Anna[/bold] Hansen'\n"}
    root = repo_factory({**FILES, **people})
    result = cli("actions", "--root", root, "--by", "owner", "--today", "2024-07-01")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "[bold]Anna[/bold] Hansen" in out  # the owner's name as written, not Rich markup
    assert out.index("[bold]Anna") < out.index("Bo Madsen") < out.index("Social og Sundhed")
    assert "(overdue)" in out and "item 2: Personsag" in out


def test_overdue_is_said_in_the_plain_actions_table(repo_factory, cli):
    root = repo_factory(FILES)
    late = cli("actions", "--root", root, "--today", "2024-07-01", "--owner", "bo").stdout
    assert "(overdue)" not in late
    assert "(overdue)" in cli("actions", "--root", root, "--today", "2024-12-02", "--owner", "bo").stdout


def _index(tmp_path, root, cli, *extra):
    out = tmp_path / "site"
    result = cli("build", "--root", root, "-o", out, "--today", "2024-07-01", *extra)
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def test_the_site_index_groups_open_follow_up_by_owner_with_its_decision(tmp_path, repo_factory, cli):
    root = repo_factory(FILES)
    out = _index(tmp_path, root, cli)
    index = (out / "index.html").read_text(encoding="utf-8")
    section = index[index.index("Åbne opfølgningspunkter efter ansvarlig") :]
    headings = [line for line in section.splitlines() if line.startswith("<h3")]
    assert [h.split(">")[1].split("<")[0] for h in headings] == [
        "Anna Hansen (2)",
        "Bo Madsen (1)",
        "Social og Sundhed (1)",
    ]
    assert "Allerede gjort" not in section  # done: not open
    link = '<a href="minutes/m.html#punkt-1">Beslutning i Ældrerådet den 4.\u00a0marts\u00a02024, punkt 1: Handleplan</a>'
    assert link in section
    assert "2.\u00a0kvartal\u00a02024 (overskredet)" in section  # 2024-Q2 ended: said in words, not colour alone
    minutes = (out / "minutes" / "m.html").read_text(encoding="utf-8")
    assert 'id="punkt-1"' in minutes


def test_public_index_shows_no_follow_up_of_a_closed_item(tmp_path, repo_factory, cli):
    root = repo_factory(FILES)
    internal = (_index(tmp_path, root, cli) / "index.html").read_text(encoding="utf-8")
    assert "Hemmelig opfølgning" in internal
    public = (_index(tmp_path, root, cli, "--public") / "index.html").read_text(encoding="utf-8")
    # real referater publish no follow-up: none at all unless the settings say so
    assert "Hemmelig opfølgning" not in public and "Personsag" not in public and "Anna Hansen (1)" not in public
    published = repo_factory({**FILES, "ensomhed.yaml": "public:\n  actions: true\n"})
    public = (_index(tmp_path / "published", published, cli, "--public") / "index.html").read_text(encoding="utf-8")
    assert "Hemmelig opfølgning" not in public and "Personsag" not in public
    assert "Anna Hansen (1)" in public


def test_markdown_minutes_hold_the_anchor_the_index_links_to(tmp_path, repo_factory, cli):
    root = repo_factory(FILES)
    out = _index(tmp_path, root, cli, "--format", "md")
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "(<minutes/m.md#punkt-1>)" in index
    assert '<a id="punkt-1"></a>' in (out / "minutes" / "m.md").read_text(encoding="utf-8")
