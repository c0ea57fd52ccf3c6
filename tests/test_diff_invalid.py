"""`diff` where a record has errors at one revision or both: said as such, with the first
error, never a comparison of a typed record with one as written (every default a change)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BASE, GIT_ENV, write_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

M = "records/meetings/m.md"
MEETING = """\
---
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: held
chair: anna
attendees: [anna]
items:
  - number: 7
    title: Ensomhedsplanen
    decision: Godkendt.
---
"""
BROKEN_STATUS = ("status: held", "status: maybe")
STATUS_ERROR = "5:9: `status` skal være planned, held eller cancelled, ikke `maybe`"
STATUS_ERROR_EN = "5:9: `status` must be one of planned, held, cancelled, not `maybe`"  # --lang en: the error too


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    root = write_repo(tmp_path / "r", {**BASE, M: MEETING})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit(root: Path) -> None:
    git(root, "commit", "-qam", "next")


def diff(cli, root, *args):
    result = cli("diff", *args, "--root", root)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_record_that_gets_an_error_is_said_to_have_it_at_that_revision(cli, repo):
    edit(repo, M, *BROKEN_STATUS)
    edit(repo, M, "attendees: [anna]", "attendees: [anna, bo]")
    commit(repo)
    assert diff(cli, repo, "HEAD~1", "HEAD") == (
        '~ møde m "Ældrerådet, 2024-03-04" (records/meetings/m.md): ændret\n'
        f"    {M}: ugyldig i HEAD: {STATUS_ERROR}\n"
        "    Filen er ændret; den sammenlignes ikke felt for felt, så længe den har fejl\n"
    )
    assert diff(cli, repo, "HEAD~1", "HEAD", "--lang", "en") == (
        '~ meeting m "Ældrerådet, 2024-03-04" (records/meetings/m.md): changed\n'
        f"    {M}: invalid at HEAD: {STATUS_ERROR_EN}\n"
        "    The file changed; it is not compared field by field while it has errors\n"
    )
    # the other way round: the error is at the older revision
    assert f"    {M}: ugyldig i HEAD: {STATUS_ERROR}\n" in diff(cli, repo, "HEAD", "HEAD~1")
    report = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "-f", "json", "--lang", "en"))
    [record] = report["records"]
    assert [(c["type"], c["field"], c["new"]) for c in record["changes"]] == [("invalid", M, STATUS_ERROR_EN), ("text-changed", "", None)]


def test_an_error_in_the_working_tree_and_a_fixed_one(cli, repo):
    edit(repo, M, *BROKEN_STATUS)
    assert f"    {M}: ugyldig i arbejdsmappen: {STATUS_ERROR}\n" in diff(cli, repo)
    assert f"    {M}: invalid in the working tree: {STATUS_ERROR_EN}\n" in diff(cli, repo, "--lang", "en")
    commit(repo)
    edit(repo, M, "status: maybe", "status: held")
    assert diff(cli, repo) == (
        '~ møde m "Ældrerådet, 2024-03-04" (records/meetings/m.md): ændret\n'
        f"    {M}: ugyldig i HEAD: {STATUS_ERROR}\n"
        "    Filen er ændret; den sammenlignes ikke felt for felt, så længe den har fejl\n"
    )


def test_a_record_that_can_no_longer_be_read_is_changed_not_removed(cli, repo):
    (repo / "records/people/bo.yaml").write_text("kind: person\nname: [Bo\n", encoding="utf-8")
    out = diff(cli, repo)
    assert out.startswith(
        '~ person bo "Bo Madsen" (records/people/bo.yaml): ændret\n    records/people/bo.yaml: ugyldig i arbejdsmappen: 3:1:'
        " listen, der begynder med `[` i linje 2, bliver ikke lukket med `]`"
    )
    assert "fjernet" not in out


def test_a_new_file_with_no_record_that_can_be_read(cli, repo):
    (repo / "records/people/ny.yaml").write_bytes(b"kind: person\nname: B\xf8rge\n")  # Latin-1, not UTF-8
    out = diff(cli, repo)
    assert out.startswith("! fil records/people/ny.yaml: har fejl\n    records/people/ny.yaml: ugyldig i arbejdsmappen: 2:")
    md = cli("diff", "--root", repo, "-f", "md", "--lang", "en").stdout
    assert "#### Files with errors" in md and "has errors" in md


def test_errors_at_both_sides_said_once_and_compared_as_written(cli, repo):
    edit(repo, M, *BROKEN_STATUS)
    commit(repo)
    assert diff(cli, repo) == ""  # unchanged: nothing to say
    edit(repo, M, "attendees: [anna]", "attendees: [anna, bo]")
    assert diff(cli, repo) == (
        '~ møde m "Ældrerådet, 2024-03-04" (records/meetings/m.md): ændret\n'
        f"    {M}: ugyldig i arbejdsmappen: {STATUS_ERROR}\n"
        "    Deltager tilføjet: Bo Madsen\n"
    )


def test_an_unchanged_file_with_errors_is_not_mentioned(cli, repo):
    (repo / "records/people/ny.yaml").write_text("kind: person\n", encoding="utf-8")  # no name
    git(repo, "add", "-A")
    commit(repo)
    edit(repo, M, "status: held", "status: cancelled")
    out = diff(cli, repo)
    assert "ny.yaml" not in out and "Status: afholdt → aflyst" in out


def test_the_full_comparison_leaves_out_a_file_with_errors_that_did_not_change():
    from ensomhed_cli.diagnostics import messages_for
    from ensomhed_cli.review.diff import compare
    from ensomhed_cli.review.snapshot import snapshot

    files = {"records/people/ny.yaml": b"kind: person\n", "records/people/x.yaml": b"kind: person\nname: [\n"}
    assert compare(snapshot(files), snapshot(dict(files))) == []
    with messages_for("en"):  # the snapshots' own messages in English, as an English repository's
        changed = compare(snapshot(files), snapshot({**files, "records/people/x.yaml": b"kind: person\nname: [X\n"}), "en", "a", "b")
    unclosed = "the list that starts with `[` on line 2 is not closed with `]`: write the whole list on one line with commas between the entries"
    assert [(rc.kind, rc.change, [c.message for c in rc.changes]) for rc in changed] == [
        ("file", "invalid", [
            f"records/people/x.yaml: invalid at a: 3:1: {unclosed}: `name: [anna, bo]`; an entry holding `,`, `:` or `]` goes in quotes",
            f"records/people/x.yaml: invalid at b: 3:1: {unclosed}: `name: [X]`; an entry holding `,`, `:` or `]` goes in quotes",
        ])
    ]
