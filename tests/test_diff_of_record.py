"""ensomhed diff on documents of record (format 1.2), against a real git repository: approved
minutes change only by an amendment (an error otherwise, `--strict` exits 1), and an agenda's
text changed after it was sent is a warning.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import BASE, write_repo
from test_diff import edit, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

M = "records/meetings/m.md"
APPROVED = """\
---
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: held
agenda_sent: 2024-02-26
minutes_approved: 2024-03-11
attendees: [anna, bo]
items:
  - number: 12
    title: Ensomhedsplanen
    type: decision
    recommendation: At planen godkendes.
    decision: Godkendt.
    votes:
      - {for: [anna], against: [bo]}
    actions:
      - {what: Sende planen, owners: [anna]}
  - number: 13
    title: Eventuelt
---
"""


@pytest.fixture
def approved(tmp_path):
    root = write_repo(tmp_path / "repo", {**BASE, M: APPROVED})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "referat godkendt")
    return root


def diff(cli, root, *args: str):
    return cli("diff", "--root", root, *args)


def findings(cli, root, lang: str = "da") -> list[tuple[str, str | None, str]]:
    result = diff(cli, root, "--format", "json", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    return [(c["type"], c["severity"], c["message"]) for r in report["records"] for c in r["changes"] if c["severity"]]


def test_a_changed_decision_in_approved_minutes_is_an_error(approved, cli):
    edit(approved, M, "    decision: Godkendt.", "    decision: Godkendt med ændringer.")
    assert findings(cli, approved) == [
        ("approved-minutes-changed", "error",
         "referatet blev godkendt den 11. marts 2024, men det, referatet siger, er ændret uden en rettelse (punkt 12: beslutning);"
         " skriv rettelsen under `amendments` med dato, hvad der er rettet og af hvem"),
    ]
    text = diff(cli, approved)
    assert text.exit_code == 0
    assert "    fejl: referatet blev godkendt den 11. marts 2024" in text.stdout
    assert diff(cli, approved, "--strict").exit_code == 1


def test_the_same_change_with_an_amendment_is_a_correction(approved, cli):
    edit(approved, M, "    decision: Godkendt.", "    decision: Godkendt med ændringer.")
    edit(approved, M, "attendees: [anna, bo]\n",
         "attendees: [anna, bo]\namendments:\n  - {date: 2024-03-20, text: Beslutningen på punkt 12 var gengivet forkert., by: anna}\n")
    assert findings(cli, approved) == []
    assert diff(cli, approved, "--strict").exit_code == 0
    text = diff(cli, approved).stdout
    assert "    Rettelse tilføjet (2024-03-20, Anna Hansen): Beslutningen på punkt 12 var gengivet forkert.\n" in text


@pytest.mark.parametrize(
    "old, new, touched",
    [
        ("votes:\n      - {for: [anna], against: [bo]}", "votes:\n      - {for: [anna, bo]}", "punkt 12: afstemninger"),
        ("attendees: [anna, bo]", "attendees: [anna]", "deltagere"),
        ("    decision: Godkendt.\n", "    decision: Godkendt.\n    absent: [bo]\n", "punkt 12: deltog ikke"),
        ("  - number: 13\n    title: Eventuelt\n", "", "punkt 13"),
    ],
    ids=["a-vote", "who-was-there", "absent-from-an-item", "an-item-removed"],
)
def test_what_the_minutes_say(approved, cli, old, new, touched):
    edit(approved, M, old, new)
    [(code, severity, message)] = [f for f in findings(cli, approved) if f[0] == "approved-minutes-changed"]
    assert severity == "error" and f"({touched})" in message


def test_an_item_removed_from_approved_minutes_changes_the_agenda_as_sent_too(approved, cli):
    edit(approved, M, "  - number: 13\n    title: Eventuelt\n", "")
    assert [(code, severity) for code, severity, _ in findings(cli, approved)] == [
        ("approved-minutes-changed", "error"),
        ("agenda-changed-after-sent", "warning"),
    ]


def test_a_follow_up_marked_done_is_no_change_to_the_minutes(approved, cli):
    edit(approved, M, "{what: Sende planen, owners: [anna]}", "{what: Sende planen, owners: [anna], status: done, done_on: 2024-04-02}")
    assert findings(cli, approved) == []


def test_agenda_text_changed_after_it_was_sent_is_a_warning(approved, cli):
    edit(approved, M, "    recommendation: At planen godkendes.", "    recommendation: At planen godkendes med to ændringer.")
    assert findings(cli, approved, "en") == [
        ("agenda-changed-after-sent", "warning",
         "the agenda was sent out on 26 February 2024, and its text has changed since (item 12: recommendation);"
         " the members read the text as sent"),
    ]
    assert diff(cli, approved, "--strict").exit_code == 0  # a warning, not an error
    md = diff(cli, approved, "--format", "md").stdout
    assert "  - **Advarsel:** dagsordenen blev sendt ud den 26. februar 2024" in md


def test_before_the_agenda_was_sent_and_the_minutes_approved_nothing_is_said(tmp_path, cli):
    draft = APPROVED.replace("agenda_sent: 2024-02-26\n", "").replace("minutes_approved: 2024-03-11\n", "")
    root = write_repo(tmp_path / "repo", {**BASE, M: draft})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "udkast")
    edit(root, M, "    decision: Godkendt.", "    decision: Godkendt med ændringer.")
    edit(root, M, "    recommendation: At planen godkendes.", "    recommendation: At planen godkendes nu.")
    assert findings(cli, root) == []
