"""ensomhed diff against a real git repository built in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BASE, write_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}

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
    assert text.stdout == "" and "no changes" in text.stderr


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
    messages = [c["message"] for c in record["changes"]]
    assert messages[0] == "status: planned → held"
    assert messages[1] == "attendee added: Bo Madsen"
    assert messages[2] == "item 3 added: Nyt punkt"
    assert messages[4] == "action opened on item 1: Sende høringssvar (Anna Hansen; due 2024-04-01)"


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
    assert record["changes"][1]["message"].startswith("action done on 2024-03-10: Ring")
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
    assert record["changes"][1]["message"] == "goal faerre-ensomme: new measurement 2024-01-01: 7"


def test_markdown_and_text_formats(gitrepo, cli):
    _, root = gitrepo
    edit(root, "records/meetings/m.md", "status: planned", "status: cancelled")
    md = cli("diff", "--root", root, "--format", "md").stdout
    assert md.startswith("### Changes to the records (HEAD → working tree)")
    assert "#### Meetings" in md and "- **Ældrerådet, 2024-03-04** (`m`) changed" in md
    assert "  - status: planned → cancelled" in md
    text = cli("diff", "--root", root).stdout
    assert text.splitlines()[1] == "    status: planned → cancelled"


def test_untracked_records_are_included(gitrepo, cli):
    _, root = gitrepo
    (root / "records/people/ny.yaml").write_text("kind: person\nname: Ny Person\n", encoding="utf-8")
    assert {(r["id"], r["change"]) for r in run_diff(cli, root)["records"]} == {("ny", "added")}


def test_unknown_revision_is_a_clear_error(gitrepo, cli):
    _, root = gitrepo
    result = cli("diff", "nope", "--root", root)
    assert result.exit_code == 2
    assert "the revision `nope` does not exist" in result.stderr


def test_not_a_git_repository(repo_factory, cli):
    result = cli("diff", "--root", repo_factory({}))
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr
