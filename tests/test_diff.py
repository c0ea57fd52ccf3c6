"""ensomhed diff against a real git repository built in tmp_path."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BASE, GIT_ENV, write_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MEETING = """\
---
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: planned
attendees: [anna]
items:
  - title: Ensomhedsplanen
    type: discussion
  - title: Eventuelt
---
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def gitrepo(tmp_path):
    """A git repository whose records live in a sub-folder, with one commit."""
    top = tmp_path / "top"
    root = write_repo(top / "aeldreraad", {**{k: v for k, v in BASE.items()}, "records/meetings/m.md": MEETING})
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "start")
    return top, root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_diff(cli, root, *args):
    result = cli("diff", *args, "--root", root, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def changes_of(report, record_id):
    [record] = [r for r in report["records"] if r["id"] == record_id]
    return record


def test_no_changes_reports_nothing(gitrepo, cli):
    _, root = gitrepo
    assert run_diff(cli, root)["records"] == []
    text = cli("diff", "--root", root)
    assert text.stdout == "" and "ingen ændringer" in text.stderr


def test_status_decision_action_attendee_and_item(gitrepo, cli):
    _, root = gitrepo
    edit(root, "records/meetings/m.md", "status: planned", "status: held")
    edit(root, "records/meetings/m.md", "attendees: [anna]", "attendees: [anna, bo]")
    edit(
        root,
        "records/meetings/m.md",
        "    type: discussion\n",
        "    type: discussion\n    decision: Rådet bakker op.\n    actions:\n      - {what: Sende høringssvar, owners: [anna], due: 2024-04-01}\n",
    )
    edit(root, "records/meetings/m.md", "  - title: Eventuelt\n", "  - title: Eventuelt\n  - title: Nyt punkt\n")
    record = changes_of(run_diff(cli, root), "m")
    assert record["change"] == "changed"
    types = [c["type"] for c in record["changes"]]
    assert types == ["status-changed", "attendee-added", "item-added", "decision-added", "action-opened"]
    assert [(c["type"], c["field"], c["message"], c["old"], c["new"]) for c in record["changes"]] == [
        ("status-changed", "status", "Status: planlagt → afholdt", "planned", "held"),
        ("attendee-added", "attendees[bo]", "Deltager tilføjet: Bo Madsen", None, "bo"),
        ("item-added", "items[3]", "Punkt 3 tilføjet: Nyt punkt", None, record["changes"][2]["new"]),
        ("decision-added", "items[1].decision", "Beslutning på punkt 1 (Ensomhedsplanen): Rådet bakker op.", None, "Rådet bakker op."),
        ("action-opened", "items[1].actions", "Ny opfølgning på punkt 1: Sende høringssvar (Anna Hansen; frist 2024-04-01)", None,
         {"what": "Sende høringssvar", "owners": ["anna"], "due": "2024-04-01", "status": "open", "done_on": None}),
    ]
    assert record["changes"][2]["new"]["title"] == "Nyt punkt"
    english = changes_of(run_diff(cli, root, "--lang", "en"), "m")
    assert [c["message"] for c in english["changes"]] == [
        "Status: planned → held",
        "Attendee added: Bo Madsen",
        "Item 3 added: Nyt punkt",
        "Decision on item 1 (Ensomhedsplanen): Rådet bakker op.",
        "Action opened on item 1: Sende høringssvar (Anna Hansen; due 2024-04-01)",
    ]
    assert [(c["type"], c["field"], c["old"], c["new"]) for c in english["changes"]] == [
        (c["type"], c["field"], c["old"], c["new"]) for c in record["changes"]
    ]


def test_decision_changed_and_action_closed_between_commits(gitrepo, cli):
    top, root = gitrepo
    edit(root, "records/meetings/m.md", "status: planned", "status: held")
    edit(root, "records/meetings/m.md", "    type: discussion\n", "    type: discussion\n    decision: Udsat.\n    actions:\n      - {what: Ring, owners: [anna]}\n")
    git(top, "commit", "-qam", "held")
    edit(root, "records/meetings/m.md", "decision: Udsat.", "decision: Godkendt.")
    edit(root, "records/meetings/m.md", "{what: Ring, owners: [anna]}", "{what: Ring, owners: [anna], status: done, done_on: 2024-03-10}")
    git(top, "commit", "-qam", "done")
    record = changes_of(run_diff(cli, root, "HEAD~1", "HEAD"), "m")
    assert [c["type"] for c in record["changes"]] == ["decision-changed", "action-closed"]
    assert record["changes"][1]["message"] == "Opfølgning på punkt 1 udført den 2024-03-10: Ring (åben → udført)"
    # the whole way from the first commit
    first = changes_of(run_diff(cli, root, "HEAD~2", "HEAD"), "m")
    assert [c["type"] for c in first["changes"]] == ["status-changed", "decision-added", "action-added"]


def test_record_added_removed_and_moved(gitrepo, cli):
    top, root = gitrepo
    (root / "records/initiatives/cafe.yaml").unlink()
    (root / "records/initiatives/ny.md").write_text("---\nkind: initiative\ntitle: Ny indsats\nstatus: planned\ncategory: outreach\n---\n", encoding="utf-8")
    (root / "records/people/folk").mkdir()
    git(top, "mv", "aeldreraad/records/people/bo.yaml", "aeldreraad/records/people/folk/bo.yaml")
    report = run_diff(cli, root)
    summary = {(r["id"], r["change"]) for r in report["records"]}
    assert summary == {("cafe", "removed"), ("ny", "added"), ("bo", "changed")}
    moved = changes_of(report, "bo")
    assert [c["type"] for c in moved["changes"]] == ["moved"]
    assert moved["old_path"] == "records/people/bo.yaml" and moved["path"] == "records/people/folk/bo.yaml"


def test_goal_target_and_measurement(gitrepo, cli):
    _, root = gitrepo
    edit(root, "records/plans/plan.yaml", "    title: Færre ensomme ældre\n", "    title: Færre ensomme ældre\n    target: {value: 5}\n    measurements:\n      - {date: 2024-01-01, value: 7}\n")
    record = changes_of(run_diff(cli, root), "plan")
    assert [c["type"] for c in record["changes"]] == ["goal-target-changed", "measurement-added"]
    assert [c["message"] for c in record["changes"]] == [
        "Målsætning for mål faerre-ensomme: intet → 5",
        "Mål faerre-ensomme: ny måling 2024-01-01: 7",
    ]


def test_markdown_and_text_formats(gitrepo, cli):
    _, root = gitrepo
    edit(root, "records/meetings/m.md", "status: planned", "status: cancelled")
    md = cli("diff", "--root", root, "--format", "md").stdout
    assert md.splitlines()[:5] == [
        "### Ændringer (HEAD → arbejdsmappen)", "", "#### Møder", "", "- **Ældrerådet, 2024-03-04** (`m`) ændret",
    ]
    assert "  - Status: planlagt → aflyst" in md
    text = cli("diff", "--root", root).stdout
    assert text.splitlines() == ['~ møde m "Ældrerådet, 2024-03-04" (records/meetings/m.md): ændret', "    Status: planlagt → aflyst"]
    md = cli("diff", "--root", root, "--format", "md", "--lang", "en").stdout
    assert md.splitlines()[:5] == [
        "### Changes to the records (HEAD → working tree)", "", "#### Meetings", "", "- **Ældrerådet, 2024-03-04** (`m`) changed",
    ]
    assert "  - Status: planned → cancelled" in md
    text = cli("diff", "--root", root, "--lang", "en").stdout
    assert text.splitlines() == ['~ meeting m "Ældrerådet, 2024-03-04" (records/meetings/m.md): changed', "    Status: planned → cancelled"]


def test_untracked_records_are_included(gitrepo, cli):
    _, root = gitrepo
    (root / "records/people/ny.yaml").write_text("kind: person\nname: Ny Person\n", encoding="utf-8")
    assert {(r["id"], r["change"]) for r in run_diff(cli, root)["records"]} == {("ny", "added")}


def test_unknown_revision_is_a_clear_error(gitrepo, cli):
    _, root = gitrepo
    result = cli("diff", "nope", "--root", root)
    assert result.exit_code == 2
    assert "revisionen `nope` findes ikke" in result.stderr


def test_not_a_git_repository(repo_factory, cli):
    result = cli("diff", "--root", repo_factory({}))
    assert result.exit_code == 2 and "ligger ikke i et git-repository" in result.stderr


# --- languages ---------------------------------------------------------------------------------


def test_json_says_which_language_its_messages_are_in(gitrepo, cli):
    _, root = gitrepo
    edit(root, "records/meetings/m.md", "status: planned", "status: held")
    danish, english = run_diff(cli, root), run_diff(cli, root, "--lang", "en")
    assert (danish["lang"], english["lang"]) == ("da", "en")
    assert (danish["head"], english["head"]) == ("working tree", "working tree")
    assert changes_of(danish, "m")["changes"] == [
        {"type": "status-changed", "field": "status", "message": "Status: planlagt → afholdt", "old": "planned", "new": "held", "severity": None},
    ]
    assert changes_of(english, "m")["changes"] == [
        {"type": "status-changed", "field": "status", "message": "Status: planned → held", "old": "planned", "new": "held", "severity": None},
    ]


def test_no_changes_in_markdown_in_both_languages(gitrepo, cli):
    _, root = gitrepo
    assert cli("diff", "--root", root, "--format", "md").stdout == "Ingen ændringer mellem `HEAD` og `arbejdsmappen`.\n"
    assert cli("diff", "--root", root, "--format", "md", "--lang", "en").stdout == "No changes to the records between `HEAD` and `working tree`.\n"
    assert cli("diff", "HEAD", "HEAD", "--root", root, "--format", "md").stdout == "Ingen ændringer mellem `HEAD` og `HEAD`.\n"


def test_an_unknown_language_is_a_usage_error(gitrepo, cli):
    _, root = gitrepo
    result = cli("diff", "--root", root, "--lang", "de")
    assert result.exit_code == 2 and "de" in result.stderr


# --- format 1.1 between commits ----------------------------------------------------------------

MINUTES_BEFORE = """\
---
kind: meeting
body: aeldreraadet
date: 2024-03-04
start: '14:00'
status: held
attendees: [anna, bo]
items:
  - number: 7
    title: Budget
  - number: 8
    title: Høring
  - number: 9
    title: Eventuelt
---
"""

MINUTES_AFTER = """\
---
kind: meeting
body: aeldreraadet
date: 2024-03-04
start: '14:00'
end: '16:30'
status: held
attendees: [anna, {person: bo, from_item: 8}]
absent: [{person: carl, notice: false}]
staff: [{person: dora, role: referent}]
items:
  - number: 7
    title: Budget
    summary: Budget for 2025.
    economy: 50.000 kr. af puljen.
    authority: aeldreraadet
    sections: [{title: Lovgrundlag, text: Serviceloven.}]
    decision: Anbefalet.
    votes: [{for: [anna, A], against: [V]}]
    statements: [{type: dissent, by: [V], text: Imod.}, {type: protocol_note, by: [bo], text: Til protokol.}]
    absent: [{person: bo, conflict_of_interest: true}]
    actions: [{what: Send til byrådet, owners: [center]}]
  - number: '8.1'
    title: Høring
    status: postponed
  - number: 9
    title: Eventuelt
    status: withdrawn
---
"""


@pytest.fixture
def minutes(gitrepo):
    """The meeting written to format 1.0, committed, then its minutes in format 1.1, committed."""
    top, root = gitrepo
    extra = {
        "records/people/carl.yaml": "kind: person\nname: Carl Berg\n",
        "records/people/dora.yaml": "kind: person\nname: Dora Lund\n",
        "records/bodies/center.yaml": "kind: body\nname: Center for Sundhed og Omsorg\ntype: department\n",
    }
    for rel, text in extra.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "records/meetings/m.md").write_text(MINUTES_BEFORE, encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "agenda")
    (root / "records/meetings/m.md").write_text(MINUTES_AFTER, encoding="utf-8")
    git(top, "commit", "-qam", "minutes")
    return top, root


def test_minutes_in_format_1_1_between_commits(minutes, cli):
    _, root = minutes
    report = run_diff(cli, root, "HEAD~1", "HEAD")
    assert [r["id"] for r in report["records"]] == ["m"]
    found = [(c["type"], c["field"], c["message"], c["old"], c["new"]) for c in changes_of(report, "m")["changes"]]
    assert found == [
        ("meeting-end-changed", "end", "Mødet sluttede kl. 16.30", None, "16:30"),
        ("attendance-changed", "attendees[bo]", "Bo Madsen deltog fra punkt 8", "bo",
         {"person": "bo", "from_item": 8, "to_item": None, "arrived": None, "left": None, "note": None}),
        ("absence-added", "absent[carl]", "Carl Berg fraværende", None, {"person": "carl", "reason": None, "substitute": None, "notice": False}),
        ("staff-added", "staff[dora]", "Fra forvaltningen deltog: Dora Lund (referent)", None, {"person": "dora", "role": "referent"}),
        ("summary-added", "items[7].summary", "Resume på punkt 7 (Budget): Budget for 2025.", None, "Budget for 2025."),
        ("section-added", "items[7].sections", "Punkt 7: afsnit tilføjet: Lovgrundlag", None, {"title": "Lovgrundlag", "text": "Serviceloven.", "closed": False}),
        ("economy-added", "items[7].economy", "Økonomi på punkt 7 (Budget): 50.000 kr. af puljen.", None, "50.000 kr. af puljen."),
        ("authority-changed", "items[7].authority", "Beslutningskompetence på punkt 7: Ældrerådet", None, "Ældrerådet"),
        ("decision-added", "items[7].decision", "Beslutning på punkt 7 (Budget): Anbefalet.", None, "Anbefalet."),
        ("vote-added", "items[7].votes", "Punkt 7: afstemning tilføjet (for: Anna Hansen, A; imod: V)", None,
         {"motion": None, "for": ["anna", "A"], "against": ["V"], "abstained": []}),
        ("statement-added", "items[7].statements", "Punkt 7: mindretalsudtalelse tilføjet (V)", None, {"type": "dissent", "by": ["V"], "text": "Imod."}),
        ("statement-added", "items[7].statements", "Punkt 7: protokoltilførsel tilføjet (Bo Madsen)", None,
         {"type": "protocol_note", "by": ["bo"], "text": "Til protokol."}),
        ("item-absence-added", "items[7].absent[bo]", "Punkt 7: Bo Madsen inhabil", None, {"person": "bo", "reason": None, "conflict_of_interest": True}),
        ("action-opened", "items[7].actions", "Ny opfølgning på punkt 7: Send til byrådet (Center for Sundhed og Omsorg)", None,
         {"what": "Send til byrådet", "owners": ["center"], "due": None, "status": "open", "done_on": None}),
        ("item-renumbered", "items[8.1].number", "Punkt 8 er nu punkt 8.1: Høring", 8, "8.1"),
        ("item-status-changed", "items[8.1].status", "Punkt 8.1 (Høring) udsat", "treated", "postponed"),
        ("item-status-changed", "items[9].status", "Punkt 9 (Eventuelt) taget af dagsordenen", "treated", "withdrawn"),
    ]
    english = changes_of(run_diff(cli, root, "HEAD~1", "HEAD", "--lang", "en"), "m")["changes"]
    assert [(c["type"], c["field"], c["old"], c["new"]) for c in english] == [(t, f, o, n) for t, f, _, o, n in found]
    assert [c["message"] for c in english] == [
        "The meeting ended at 16:30",
        "Bo Madsen present from item 8",
        "Carl Berg absent without notice",
        "Staff added: Dora Lund (referent)",
        "Summary on item 7 (Budget): Budget for 2025.",
        "Item 7: section added: Lovgrundlag",
        "Finances on item 7 (Budget): 50.000 kr. af puljen.",
        "Item 7 decided by: Ældrerådet",
        "Decision on item 7 (Budget): Anbefalet.",
        "Item 7: vote added (for: Anna Hansen, A; against: V)",
        "Item 7: minority statement added (V)",
        "Item 7: note to the minutes added (Bo Madsen)",
        "Item 7: Bo Madsen had a conflict of interest",
        "Action opened on item 7: Send til byrådet (Center for Sundhed og Omsorg)",
        "Item 8 is now item 8.1: Høring",
        "Item 8.1 (Høring) postponed",
        "Item 9 (Eventuelt) withdrawn from the agenda",
    ]


def test_minutes_in_format_1_1_back_again(minutes, cli):
    """From the minutes back to the agenda: every addition is named as removed."""
    _, root = minutes
    report = run_diff(cli, root, "HEAD", "HEAD~1")
    assert [(c["type"], c["message"]) for c in changes_of(report, "m")["changes"]] == [
        ("meeting-end-changed", "Mødets sluttidspunkt fjernet (var kl. 16.30)"),
        ("attendance-changed", "Bo Madsen deltog i hele mødet"),
        ("absence-removed", "Fravær fjernet: Carl Berg"),
        ("staff-removed", "Fjernet fra forvaltningens deltagere: Dora Lund"),
        ("summary-removed", "Resume fjernet fra punkt 7 (Budget)"),
        ("section-removed", "Punkt 7: afsnit fjernet: Lovgrundlag"),
        ("economy-removed", "Økonomi fjernet fra punkt 7 (Budget)"),
        ("authority-changed", "Beslutningskompetence på punkt 7 fjernet (var Ældrerådet)"),
        ("decision-removed", "Beslutning fjernet fra punkt 7 (Budget)"),
        ("vote-removed", "Punkt 7: afstemning fjernet"),
        ("statement-removed", "Punkt 7: mindretalsudtalelse fjernet (V)"),
        ("statement-removed", "Punkt 7: protokoltilførsel fjernet (Bo Madsen)"),
        ("item-absence-removed", "Punkt 7: Bo Madsen deltog alligevel"),
        ("action-removed", "Opfølgning fjernet fra punkt 7: Send til byrådet"),
        ("item-renumbered", "Punkt 8.1 er nu punkt 8: Høring"),
        ("item-status-changed", "Punkt 8 (Høring) behandlet (var udsat)"),
        ("item-status-changed", "Punkt 9 (Eventuelt) behandlet (var taget af dagsordenen)"),
    ]


def test_minutes_in_markdown_for_a_pull_request(minutes, cli):
    _, root = minutes
    md = cli("diff", "HEAD~1", "HEAD", "--root", root, "--format", "md").stdout
    assert md.splitlines()[:7] == [
        "### Ændringer (HEAD\\~1 → HEAD)",
        "",
        "#### Møder",
        "",
        "- **Ældrerådet, 2024-03-04** (`m`) ændret",
        "  - Mødet sluttede kl. 16.30",
        "  - Bo Madsen deltog fra punkt 8",
    ]


def test_goal_assessment_budget_lines_and_reach_periods_between_commits(gitrepo, cli):
    top, root = gitrepo
    edit(root, "records/plans/plan.yaml", "    title: Færre ensomme ældre\n", "    title: Færre ensomme ældre\n    status: on_track\n")
    edit(root, "records/initiatives/cafe.yaml", "category: community\n", "category: community\nbudget: {amount: 100000, year: 2025}\nreach:\n  - {date: 2024-06-01, participants: 10}\n")
    git(top, "commit", "-qam", "status")
    edit(root, "records/plans/plan.yaml", "    status: on_track\n", "    status: at_risk\n    direction: decrease\n")
    edit(root, "records/initiatives/cafe.yaml", "budget: {amount: 100000, year: 2025}\n",
         "budget:\n  - {amount: 120000, year: 2025}\n  - {amount: 40000, year: 2025, source: Socialstyrelsens pulje}\n")
    edit(root, "records/initiatives/cafe.yaml", "  - {date: 2024-06-01, participants: 10}\n",
         "  - {from: 2024-03-01, date: 2024-06-01, participants: 10}\n  - {date: 2024-09-01, participants: 12, new_relations: 4}\n")
    report = run_diff(cli, root)
    assert [(c["type"], c["field"], c["message"], c["old"], c["new"]) for c in changes_of(report, "plan")["changes"]] == [
        ("goal-direction-changed", "goals[faerre-ensomme].direction", "Mål faerre-ensomme: retning ikke angivet → fald", None, "decrease"),
        ("goal-status-changed", "goals[faerre-ensomme].status", "Mål faerre-ensomme: vurdering på rette spor → i risiko", "on_track", "at_risk"),
    ]
    line = {"amount": 40000, "currency": "DKK", "year": 2025, "source": "Socialstyrelsens pulje"}
    assert [(c["type"], c["field"], c["message"], c["old"], c["new"]) for c in changes_of(report, "cafe")["changes"]] == [
        ("budget-line-changed", "budget[2025]", "Budget 2025: 100.000 DKK → 120.000 DKK",
         {"amount": 100000, "currency": "DKK", "year": 2025, "source": None}, {"amount": 120000, "currency": "DKK", "year": 2025, "source": None}),
        ("budget-line-added", "budget[2025/Socialstyrelsens pulje]", "Budget 2025 (Socialstyrelsens pulje) tilføjet: 40.000 DKK", None, line),
        ("reach-from-changed", "reach[2024-06-01].from", "Rækkevidde 2024-06-01: periodens start ikke angivet → 2024-03-01", None, "2024-03-01"),
        ("reach-added", "reach[2024-09-01]", "Rækkevidde 2024-09-01: 12 deltagere, 4 nye relationer", None,
         {"from": None, "date": "2024-09-01", "participants": 12, "new_relations": 4, "note": None}),
    ]
    english = run_diff(cli, root, "--lang", "en")
    assert [c["message"] for c in changes_of(english, "plan")["changes"]] == [
        "Goal faerre-ensomme: direction not given → decrease",
        "Goal faerre-ensomme: assessment on track → at risk",
    ]
    assert [c["message"] for c in changes_of(english, "cafe")["changes"]] == [
        "Budget 2025: 100,000 DKK → 120,000 DKK",
        "Budget 2025 (Socialstyrelsens pulje) added: 40,000 DKK",
        "Reach 2024-06-01: period start not given → 2024-03-01",
        "Reach 2024-09-01: 12 participants, 4 new relations",
    ]


def test_an_attendee_rewritten_as_a_mapping_is_no_change(gitrepo, cli):
    """`anna` and `{person: anna}` are the same attendee: the diff has nothing to say."""
    _, root = gitrepo
    edit(root, "records/meetings/m.md", "attendees: [anna]", "attendees: [{person: anna}]")
    assert run_diff(cli, root)["records"] == []


LONG_OLD = (
    "Udvalget godkendte handleplanen mod ensomhed 2027-2030 med de tre spor: opsporing, fællesskaber og frivillighed."
    " Forvaltningen følger op på planen hvert halve år med en status til udvalget."
)
LONG_NEW = LONG_OLD.replace("tre spor", "fire spor").replace("frivillighed.", "frivillighed samt en indsats for yngre ensomme.")


def test_a_changed_decision_shows_what_it_was_and_is(gitrepo, cli):
    """Short: before and after, whole. Long: a word diff of what changed, with context."""
    top, root = gitrepo
    edit(root, "records/meetings/m.md", "status: planned", "status: held")
    edit(root, "records/meetings/m.md", "    type: discussion\n", f"    type: discussion\n    decision: Udsat.\n    summary: \"{LONG_OLD}\"\n")
    git(top, "commit", "-qam", "held")
    edit(root, "records/meetings/m.md", "decision: Udsat.", "decision: Godkendt med bemærkninger.")
    edit(root, "records/meetings/m.md", f"summary: \"{LONG_OLD}\"", f"summary: \"{LONG_NEW}\"")
    text = cli("diff", "--root", root).stdout.splitlines()
    at = text.index("    Beslutning på punkt 1 (Ensomhedsplanen) ændret")
    assert text[at + 1 : at + 3] == ["      før: Udsat.", "      nu: Godkendt med bemærkninger."]
    at = text.index("    Resume på punkt 1 (Ensomhedsplanen) ændret")
    assert text[at + 1] == (
        "      … handleplanen mod ensomhed 2027-2030 med de [-tre-] {+fire+} spor: opsporing, fællesskaber og"
        " [-frivillighed.-] {+frivillighed samt en indsats for yngre ensomme.+} Forvaltningen følger op på planen hvert …"
    )
    md = cli("diff", "--root", root, "--format", "md", "--lang", "en").stdout
    assert "    - before: Udsat.\n    - after: Godkendt med bemærkninger.\n" in md
    assert "de ~~tre~~ **fire** spor" in md
    # JSON keeps both texts whole, for scripts
    [change] = [c for c in changes_of(run_diff(cli, root), "m")["changes"] if c["type"] == "summary-changed"]
    assert (change["old"], change["new"]) == (LONG_OLD, LONG_NEW)


def test_record_text_in_a_word_diff_is_never_markup(gitrepo, cli):
    top, root = gitrepo
    edit(root, "records/meetings/m.md", "status: planned", "status: held")
    edit(root, "records/meetings/m.md", "    type: discussion\n", "    type: discussion\n    decision: Udsat.\n")
    git(top, "commit", "-qam", "held")
    edit(root, "records/meetings/m.md", "decision: Udsat.", "decision: '**Godkendt** <script>x</script> @alle ~~ikke~~'")
    md = cli("diff", "--root", root, "--format", "md").stdout
    assert "<script>" not in md and "@alle" not in md and "~~ikke" not in md
    assert "**Godkendt**" not in md
