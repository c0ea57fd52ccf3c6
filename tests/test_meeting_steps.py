"""`new minutes` and `new item`: the secretary's steps, made in the meeting's own file.

Every byte the step does not need to change stays as written (comments, quoting, blank
lines, CRLF, a byte-order mark); the result is checked before it is written; a step that
does not apply leaves the file untouched and says why, in the repository's language.
"""

from __future__ import annotations

import pytest

from conftest import write_repo
from ensomhed_cli.check.loader import load

M = "records/meetings/2024-03-04-raadet.md"
CONFIG = "language: da\n"
BODY = """\
kind: body
name: Ældrerådet
type: advisory_council
members:
  - {person: anna, role: formand}
  - bo
  - cai
"""
PEOPLE = {f"records/people/{p}.yaml": f"kind: person\nname: {name}\n" for p, name in [("anna", "Anna Holm"), ("bo", "Bo Berg"), ("cai", "Cai Dahl"), ("ulla-sand", "Ulla Sand")]}

AGENDA = """\
---
kind: meeting
body: raadet   # Ældrerådet
date: 2024-03-04
start: "14:00"
status: planned     # sæt til held efter mødet
agenda_sent: 2024-02-26
absent:
  - {person: cai, reason: ferie}

# Dagsorden
items:
  - number: 12
    title: "Godkendelse af dagsorden"
    type: decision

  - number: 13
    title: Orientering fra formanden
    type: information
    description: |
      Formanden orienterer.

  - number: 14
    title: Budget 2025
    type: decision
    recommendation: |
      Administrationen indstiller, at budgettet godkendes.
    # bilag kommer senere
  - number: 15
    title: Udsat sag
    type: decision
    status: postponed
---
Referent: Lene.
"""


@pytest.fixture
def meeting_repo(tmp_path):
    def make(text: str | bytes = AGENDA, config: str = CONFIG):
        files = {"records/bodies/raadet.yaml": BODY, **PEOPLE, M: text}
        root = tmp_path / "repo"
        write_repo(root, {k: v for k, v in files.items() if k != M}, config)
        (root / M).parent.mkdir(parents=True, exist_ok=True)
        (root / M).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return root

    return make


def test_new_minutes_changes_only_what_it_must(meeting_repo, cli):
    root = meeting_repo()
    result = cli("new", "minutes", "2024-03-04-raadet", "--root", root, "--today", "2024-03-04")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{M}\n"
    assert (root / M).read_text(encoding="utf-8") == AGENDA.replace(
        "status: planned     # sæt til held efter mødet\n", "status: held     # sæt til held efter mødet\n"
    ).replace(
        "  - {person: cai, reason: ferie}\n",
        "  - {person: cai, reason: ferie}\nattendees:\n  - anna\n  - bo\n",
    ).replace(
        '    title: "Godkendelse af dagsorden"\n    type: decision\n',
        '    title: "Godkendelse af dagsorden"\n    type: decision\n    decision:\n',
    ).replace(
        "      Administrationen indstiller, at budgettet godkendes.\n",
        "      Administrationen indstiller, at budgettet godkendes.\n    decision:\n",
    )
    assert "ensomhed: skriv beslutningen under punkt 12, 14" in result.stderr
    # what is left for the secretary is what `check` reports: the two decisions, nothing else
    _, diagnostics = load(root, today=__import__("datetime").date(2024, 3, 4))
    assert sorted((d.code, d.line) for d in diagnostics) == [("missing-decision", 19), ("missing-decision", 32)]


def test_new_minutes_keeps_crlf_a_byte_order_mark_and_written_attendees(meeting_repo, cli):
    text = AGENDA.replace("absent:\n  - {person: cai, reason: ferie}\n", "attendees: [anna, cai]\n")
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    root = meeting_repo(raw)
    assert cli("new", "minutes", "2024-03-04-raadet", "--root", root, "--today", "2024-03-05").exit_code == 0
    after = (root / M).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    assert after.count(b"attendees") == 1 and b"attendees: [anna, cai]\r\n" in after  # the secretary's own list stays
    assert after.replace(b"status: held", b"status: planned").replace(b"    decision:\r\n", b"") == raw


def test_an_empty_attendees_list_is_filled_in_its_place(meeting_repo, cli):
    root = meeting_repo(AGENDA.replace("absent:\n  - {person: cai, reason: ferie}\n", "attendees: []\n"))
    assert cli("new", "minutes", "2024-03-04-raadet", "--root", root, "--today", "2024-03-04").exit_code == 0
    assert "agenda_sent: 2024-02-26\nattendees:\n  - anna\n  - bo\n  - cai\n\n# Dagsorden\n" in (root / M).read_text(encoding="utf-8")


def test_a_yaml_meeting_without_status_or_items(meeting_repo, cli, tmp_path):
    root = meeting_repo()
    (root / M).unlink()
    path = root / "records/meetings/2024-03-04-raadet.yaml"
    path.write_text("kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: planned", encoding="utf-8")  # no final newline
    assert cli("new", "minutes", "2024-03-04-raadet", "--root", root, "--today", "2024-03-04").exit_code == 0
    # lines are added at the end, and the file still ends as it did: without a newline
    assert path.read_text(encoding="utf-8") == "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\nattendees:\n  - anna\n  - bo\n  - cai"
    assert cli("new", "item", "2024-03-04-raadet", "--root", root, "--title", "Eventuelt").exit_code == 0
    assert path.read_text(encoding="utf-8").endswith("  - cai\nitems:\n  - title: Eventuelt")


@pytest.mark.parametrize(
    "change, why",
    [
        (("status: planned     # sæt til held efter mødet", "status: held"), "er `held`, ikke `planned`"),
        (("status: planned     # sæt til held efter mødet", "status: cancelled"), "er `cancelled`, ikke `planned`"),
        (("date: 2024-03-04", "date: 2099-03-04"), "efter i dag"),
        (("items:\n  - number: 12", "items: [{number: 11, title: a, type: decision}]\nx:\n  - number: 12"), "har fejl"),
    ],
    ids=["held", "cancelled", "in-the-future", "invalid"],
)
def test_new_minutes_refuses_and_leaves_the_file_untouched(meeting_repo, cli, change, why):
    root = meeting_repo(AGENDA.replace(*change))
    before = (root / M).read_bytes()
    result = cli("new", "minutes", "2024-03-04-raadet", "--root", root, "--today", "2024-03-05")
    assert result.exit_code == 1
    assert why in result.stderr and "Traceback" not in result.stderr
    assert (root / M).read_bytes() == before


def test_an_unknown_meeting_gets_the_nearest_id(meeting_repo, cli):
    root = meeting_repo()
    result = cli("new", "minutes", "2024-03-04-raadt", "--root", root)
    assert result.exit_code == 1
    assert "der er intet møde med id `2024-03-04-raadt` (mente du `2024-03-04-raadet`?)" in result.stderr


def test_new_item_is_numbered_after_the_last_and_placed_by_its_number(meeting_repo, cli):
    root = meeting_repo()
    result = cli("new", "item", "2024-03-04-raadet", "--root", root, "--title", "Eventuelt: nyt fra sekretariatet", "--type", "orientering")
    assert result.exit_code == 0, result.stderr
    assert "ensomhed: punkt 16: Eventuelt: nyt fra sekretariatet" in result.stderr
    text = (root / M).read_text(encoding="utf-8")
    assert text.endswith('    status: postponed\n  - number: 16\n    title: "Eventuelt: nyt fra sekretariatet"\n    type: information\n---\nReferent: Lene.\n')
    result = cli("new", "item", "2024-03-04-raadet", "--root", root, "--title", "Tilskud", "--number", "13.1", "--closed", "--type", "decision")
    assert result.exit_code == 0, result.stderr
    text = (root / M).read_text(encoding="utf-8")
    assert "      Formanden orienterer.\n  - number: 13.1\n    title: Tilskud\n    type: decision\n    closed: true\n\n  - number: 14\n" in text
    repo, diagnostics = load(root, today=__import__("datetime").date(2024, 3, 1))
    assert [str(i.number) for i in repo.get("2024-03-04-raadet").items] == ["12", "13", "13.1", "14", "15", "16"]
    assert diagnostics == []


@pytest.mark.parametrize(
    "args, why",
    [
        (["--title", "x", "--number", "13"], "har allerede et punkt 13"),
        (["--title", "x", "--number", "1\n  kind: person"], "et punktnummer er et tal"),
        (["--title", "x", "--type", "beslutnig"], "(mente du `beslutning`?)"),
        (["--title", "  "], "et punkt skal have en titel"),
    ],
)
def test_new_item_refuses_what_would_be_wrong(meeting_repo, cli, args, why):
    root = meeting_repo()
    before = (root / M).read_bytes()
    result = cli("new", "item", "2024-03-04-raadet", "--root", root, *args)
    assert result.exit_code == 1, result.stderr
    assert why in result.stderr
    assert (root / M).read_bytes() == before


def test_a_title_cannot_write_yaml_of_its_own(meeting_repo, cli):
    """Record text from the command line is written as one quoted value, whatever it holds."""
    root = meeting_repo()
    hostile = 'x"\n    closed: false\n  - title: "injected\r\x85\u2028: {a: b} # c'
    result = cli("new", "item", "2024-03-04-raadet", "--root", root, "--title", hostile)
    assert result.exit_code == 0, result.stderr
    repo, _ = load(root, today=__import__("datetime").date(2024, 3, 1))
    items = repo.get("2024-03-04-raadet").items
    assert len(items) == 5 and items[-1].title == hostile.strip()


def test_items_on_one_line_are_refused_with_the_way_out(meeting_repo, cli):
    text = AGENDA.split("# Dagsorden")[0] + "items: [{title: a, type: decision}]\n---\n"
    root = meeting_repo(text)
    result = cli("new", "item", "2024-03-04-raadet", "--root", root, "--title", "b")
    assert result.exit_code == 1
    assert "`items` er skrevet på én linje" in result.stderr


def test_an_item_on_held_minutes_gets_its_decision_line_and_approved_minutes_get_none(meeting_repo, cli):
    held = AGENDA.replace("status: planned     # sæt til held efter mødet", "status: held").replace("    status: postponed\n", "    status: postponed\n")
    held = held.replace("    type: decision\n\n", "    type: decision\n    decision: Godkendt.\n\n").replace(
        "    # bilag kommer senere\n", "    decision: Godkendt.\n"
    )
    root = meeting_repo(held)
    assert cli("new", "item", "2024-03-04-raadet", "--root", root, "--title", "Eftersendt punkt", "--type", "decision").exit_code == 0
    assert (root / M).read_text(encoding="utf-8").endswith("  - number: 16\n    title: Eftersendt punkt\n    type: decision\n    decision:\n---\nReferent: Lene.\n")
    root = meeting_repo(held.replace("agenda_sent: 2024-02-26\n", "agenda_sent: 2024-02-26\nminutes_approved: 2024-04-01\n"))
    result = cli("new", "item", "2024-03-04-raadet", "--root", root, "--title", "For sent")
    assert result.exit_code == 1 and "ændres kun med en rettelse" in result.stderr


def test_messages_follow_the_repositorys_language(meeting_repo, cli):
    root = meeting_repo(config="language: en\n")
    result = cli("new", "minutes", "2024-03-04-raadt", "--root", root)
    assert "there is no meeting with id `2024-03-04-raadt` (did you mean `2024-03-04-raadet`?)" in result.stderr
    result = cli("new", "minutes", "2024-03-04-raadet", "--root", root, "--today", "2024-03-04")
    assert result.exit_code == 0 and "ensomhed: write the decision under item 12, 14" in result.stderr


def test_new_body_takes_its_members(meeting_repo, cli):
    root = meeting_repo()
    result = cli("new", "body", "--root", root, "--name", "Netværket", "--type", "working_group", "--member", "anna", "--member", "bo,ulla-sand")
    assert result.exit_code == 0, result.stderr
    assert (root / "records/bodies/netvaerket.md").read_text(encoding="utf-8") == (
        "---\nkind: body\nname: Netværket\ntype: working_group\nmembers: [anna, bo, ulla-sand]\n---\n"
    )
    result = cli("new", "body", "--root", root, "--name", "Andet", "--type", "working_group", "--member", "ula-sand")
    assert result.exit_code == 1 and "ula-sand" in result.stderr and "ulla-sand" in result.stderr
    assert not (root / "records/bodies/andet.md").exists()
