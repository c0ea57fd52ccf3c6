"""`ensomhed diff` parses only the files that changed (and the few that name what changed).

Each case changes a real git repository and runs `ensomhed diff` (text in Danish, JSON
in English); the output must equal that of the full comparison, which parses every
file at both sides (snapshot() of files_at() and working_tree()). A spy on the parser
proves which files were read: never the people, bodies and meetings nothing changed
refers to.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import BASE, GIT_ENV, write_repo
from ensomhed_cli import api
from ensomhed_cli.check import incremental
from ensomhed_cli.diagnostics import messages_for
from ensomhed_cli.review import changed_only, gitrev
from ensomhed_cli.review import snapshot as snapshot_module
from ensomhed_cli.review.diff import compare
from ensomhed_cli.review.report import as_json, as_text
from ensomhed_cli.review.snapshot import snapshot, working_tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

M = "records/meetings/m.md"
MEETING = """\
---
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: planned
chair: anna
attendees: [anna, bo]
items:
  - title: Ensomhedsplanen
    type: discussion
    actions:
      - {what: Ring, owners: [carl]}
  - title: Eventuelt
---
"""
OTHER = "records/meetings/other.md"
OTHER_MEETING = "---\nkind: meeting\nbody: byraadet\ndate: 2024-02-01\nstatus: held\nattendees: [dorte]\n---\n"
# Records nothing that changes refers to: the diff must never parse them.
FILLER = {f"records/people/f{i:02}.yaml": f"kind: person\nname: Fyld {i}\n" for i in range(12)}
EXTRA = {
    M: MEETING,
    OTHER: OTHER_MEETING,
    "records/people/carl.yaml": "kind: person\nname: Carl Berg\n",
    "records/people/dorte.yaml": "kind: person\nname: Dorte Dahl\n",
    "records/bodies/byraadet.yaml": "kind: body\nname: Byrådet\ntype: council\n",
    **FILLER,
}
UNRELATED = {*FILLER, OTHER, "records/people/dorte.yaml", "records/bodies/byraadet.yaml", "records/plans/plan.yaml", "records/initiatives/cafe.yaml"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def settle(root: Path) -> None:
    """Every file an hour old: the check cache keeps only files that stopped changing."""
    past = time.time() - 3600
    for path in (root / "records").rglob("*"):
        os.utime(path, (past, past))


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository (records in a sub-folder), one commit, and a warm check cache."""
    monkeypatch.setattr(incremental, "CACHE_MIN_FILES", 0)
    top = tmp_path / "top"
    root = write_repo(top / "raad", {**BASE, **EXTRA})
    settle(root)
    (top / ".gitignore").write_text(".ensomhed-cache/\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "start")
    api.check(root, jobs=1)  # as `ensomhed check`: with the index, its one store
    assert (root / incremental.CACHE_DIR / incremental.INDEX_FILE).is_file()
    return top, root.resolve()


@pytest.fixture
def parsed(monkeypatch):
    """Which record files were parsed (path -> how many times), from when it is called."""
    seen: Counter[str] = Counter()
    real = snapshot_module.parse_text

    def spy(text, path, *args, **kwargs):
        seen[path] += 1
        return real(text, path, *args, **kwargs)

    def start() -> Counter[str]:
        monkeypatch.setattr(snapshot_module, "parse_text", spy)
        return seen

    return start


def full(root: Path, base: str, head: str | None):
    """The reference: every file parsed at both sides, once with its messages in each language."""
    sides = {}
    for lang in ("da", "en"):
        with messages_for(lang):
            sides[lang] = (snapshot(gitrev.files_at(root, base)), snapshot(gitrev.files_at(root, head) if head else working_tree(root)))
    return sides


def outputs(root: Path, base: str, head: str | None, sides) -> tuple[str, str]:
    """The diff as text in Danish and as JSON in English, of sides that are one pair or one per language."""
    da, en = (sides["da"], sides["en"]) if isinstance(sides, dict) else (sides, sides)
    name = head or "working tree"
    return as_text(compare(*da, "da", base, head), "da"), as_json(compare(*en, "en", base, head), base, name, "en")


def run(cli, root: Path, *revisions: str) -> tuple[str, str]:
    text = cli("diff", *revisions, "--root", root)
    as_en = cli("diff", *revisions, "--root", root, "--format", "json", "--lang", "en")
    assert text.exit_code == 0 and as_en.exit_code == 0, text.stderr + as_en.stderr
    return text.stdout, as_en.stdout.rstrip("\n")


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def status_changed(top: Path, root: Path) -> None:
    edit(root, M, "status: planned", "status: held")


def attendee_added(top: Path, root: Path) -> None:
    edit(root, M, "attendees: [anna, bo]", "attendees: [anna, bo, dorte]")


def meeting_named(top: Path, root: Path) -> None:
    # An id may name a meeting; one without a title is known by its body's name and its date.
    edit(root, M, "attendees: [anna, bo]", "attendees: [anna, bo, other]")


def meeting_added(top: Path, root: Path) -> None:
    write(root, "records/meetings/ny.md", "---\nkind: meeting\nbody: aeldreraadet\ndate: 2024-05-01\nstatus: planned\nattendees: [carl]\n---\n")


def person_removed(top: Path, root: Path) -> None:
    (root / "records/people/carl.yaml").unlink()


def person_moved(top: Path, root: Path) -> None:
    (root / "records/people/folk").mkdir()
    git(top, "mv", "raad/records/people/bo.yaml", "raad/records/people/folk/bo.yaml")


def renamed_and_referenced(top: Path, root: Path) -> None:
    # Anna's new name shows in the meeting's change; Bo, removed, keeps the old side's name.
    edit(root, "records/people/anna.yaml", "Anna Hansen", "Anna Hansen-Berg")
    (root / "records/people/bo.yaml").unlink()
    edit(root, M, "attendees: [anna, bo]", "attendees: [anna]")
    edit(root, M, "chair: anna", "chair: carl")


def body_renamed(top: Path, root: Path) -> None:
    # The meeting has no title: it is known by its body's name, the new one.
    edit(root, "records/bodies/aeldreraadet.yaml", "Ældrerådet", "Ældrerådet i Vejle")
    edit(root, M, "status: planned", "status: cancelled")


def errors_on_one_side(top: Path, root: Path) -> None:
    edit(root, M, "status: planned", "status: maybe\nfoo: [1, 2]")


def errors_on_the_other_side(top: Path, root: Path) -> None:
    edit(root, M, "status: planned", "status: maybe")
    git(top, "commit", "-qam", "broken")
    edit(root, M, "status: maybe", "status: held")


def same_id_twice(top: Path, root: Path) -> None:
    # A new file with Bo's id sorts before his: it is now the record `bo`.
    write(root, "records/people/a/bo.yaml", "kind: person\nname: Bo Anden\n")


def outside_records(top: Path, root: Path) -> None:
    (root / "README.md").write_text("# Rådet\n", encoding="utf-8")
    (top / "notes.txt").write_text("noter\n", encoding="utf-8")


def staged_and_unstaged(top: Path, root: Path) -> None:
    edit(root, M, "status: planned", "status: held")
    git(top, "add", "-A")
    edit(root, "records/people/carl.yaml", "Carl Berg", "Carl Bergmann")


def ignored_record(top: Path, root: Path) -> None:
    # git ignores it; the working tree holds it all the same.
    (top / ".gitignore").write_text(".ensomhed-cache/\nzz.yaml\n", encoding="utf-8")
    write(root, "records/people/zz.yaml", "kind: person\nname: Zenia Zahle\n")


def linked_record(top: Path, root: Path) -> None:
    (root / "records/people/link.yaml").symlink_to("carl.yaml")


def assumed_unchanged(top: Path, root: Path) -> None:
    # git is told not to look at the file; the diff must look all the same.
    git(top, "update-index", "--assume-unchanged", "raad/records/people/carl.yaml")
    edit(root, "records/people/carl.yaml", "Carl Berg", "Carl Bergmann")


CASES = {
    "status-changed": (status_changed, {M}),
    "attendee-added": (attendee_added, {M, "records/people/dorte.yaml"}),
    "meeting-named": (meeting_named, {M, OTHER, "records/bodies/byraadet.yaml"}),
    "meeting-added": (meeting_added, {"records/meetings/ny.md"}),
    "person-removed": (person_removed, {"records/people/carl.yaml"}),
    "person-moved": (person_moved, {"records/people/bo.yaml", "records/people/folk/bo.yaml"}),
    "renamed-and-referenced": (renamed_and_referenced, {M, "records/people/anna.yaml", "records/people/bo.yaml"}),
    "body-renamed": (body_renamed, {M, "records/bodies/aeldreraadet.yaml"}),
    "errors-on-one-side": (errors_on_one_side, {M}),
    "same-id-twice": (same_id_twice, {"records/people/a/bo.yaml", "records/people/bo.yaml"}),
    "outside-records": (outside_records, set()),
    "ignored-record": (ignored_record, {"records/people/zz.yaml"}),
    "linked-record": (linked_record, {"records/people/link.yaml"}),
    "assumed-unchanged": (assumed_unchanged, {"records/people/carl.yaml"}),
    "staged-and-unstaged": (staged_and_unstaged, {M, "records/people/carl.yaml"}),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_working_tree_diff_equals_the_full_comparison(repo, cli, parsed, case):
    top, root = repo
    change, must_read = CASES[case]
    change(top, root)
    expected = outputs(root, "HEAD", None, full(root, "HEAD", None))
    seen = parsed()
    assert run(cli, root) == expected
    assert must_read <= set(seen), seen
    assert not UNRELATED & set(seen) - must_read, seen


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_diff_between_commits_equals_the_full_comparison(repo, cli, parsed, case):
    top, root = repo
    change, must_read = CASES[case]
    change(top, root)
    git(top, "add", "-A")
    git(top, "commit", "-qm", "change", "--allow-empty")
    expected = outputs(root, "HEAD~1", "HEAD", full(root, "HEAD~1", "HEAD"))
    seen = parsed()
    assert run(cli, root, "HEAD~1", "HEAD") == expected
    assert not UNRELATED & set(seen) - must_read, seen


def test_the_changes_themselves(repo, cli):
    """Not only equal to the reference: the reference says what it should."""
    top, root = repo
    renamed_and_referenced(top, root)
    text, _ = run(cli, root)
    assert text == (
        '~ møde m "Ældrerådet, 2024-03-04" (records/meetings/m.md): ændret\n'
        "    Formand/ordstyrer: Anna Hansen-Berg → Carl Berg\n"
        "    Deltager fjernet: Bo Madsen\n"
        '~ person anna "Anna Hansen-Berg" (records/people/anna.yaml): ændret\n'
        "    Navn: Anna Hansen → Anna Hansen-Berg\n"
        '- person bo "Bo Madsen" (records/people/bo.yaml): fjernet\n'
    )


def test_a_record_with_errors_on_the_old_side(repo, cli, parsed):
    top, root = repo
    errors_on_the_other_side(top, root)
    expected = outputs(root, "HEAD", None, full(root, "HEAD", None))
    seen = parsed()
    assert run(cli, root) == expected
    # invalid at HEAD, valid now: said so, and not compared field by field
    assert '"type": "invalid"' in expected[1] and '"type": "text-changed"' in expected[1]
    assert "records/meetings/m.md: ugyldig i HEAD: 5:9: `status` skal være planned, held eller cancelled, ikke `maybe`" in expected[0]
    assert set(seen) == {M, "records/people/anna.yaml", "records/people/bo.yaml", "records/people/carl.yaml", "records/bodies/aeldreraadet.yaml"}


def test_each_changed_file_is_parsed_once_per_side(repo, cli, parsed):
    top, root = repo
    status_changed(top, root)
    seen = parsed()
    old, new = changed_only.snapshots(root, "HEAD", None)
    # The meeting, and the people and body it names (at both sides, once each).
    assert seen == Counter({M: 2, "records/people/anna.yaml": 2, "records/people/bo.yaml": 2,
                            "records/people/carl.yaml": 2, "records/bodies/aeldreraadet.yaml": 2})
    assert sorted(new.records) == [("body", "aeldreraadet"), ("meeting", "m"), ("person", "anna"), ("person", "bo"), ("person", "carl")]
    assert old.records[("meeting", "m")][1]["status"] == "planned" and new.records[("meeting", "m")][1]["status"] == "held"


def test_without_a_check_cache_every_unchanged_file_is_parsed_once(repo, cli, parsed):
    top, root = repo
    shutil.rmtree(root / incremental.CACHE_DIR)
    attendee_added(top, root)
    expected = outputs(root, "HEAD", None, full(root, "HEAD", None))
    seen = parsed()
    assert run(cli, root) == expected
    records = [p.relative_to(root).as_posix() for p in (root / "records").rglob("*.*")]
    # Twice each run (text, then JSON): once for its id, once more at the new side where it is named.
    assert all(seen[rel] >= 2 for rel in records)
    assert all(seen[rel] == 2 for rel in UNRELATED - {"records/people/dorte.yaml"})


def test_a_file_the_cache_is_wrong_about_falls_back_to_the_full_comparison(repo, cli, monkeypatch):
    top, root = repo
    attendee_added(top, root)
    real = changed_only._known_files

    def forged(where):
        files = real(where)
        files["records/people/dorte.yaml"] = (*files["records/people/dorte.yaml"][:3], "bo")  # it says dorte.yaml holds Bo
        return files

    monkeypatch.setattr(changed_only, "_known_files", forged)
    expected = outputs(root, "HEAD", None, full(root, "HEAD", None))
    old, new = changed_only.compared(root, "HEAD", None)
    assert outputs(root, "HEAD", None, (old, new)) == expected
    assert ("person", "f00") in new.records  # the full snapshots


def test_the_index_alone_tells_the_unchanged_files_ids(repo, cli, parsed):
    """The index the reading commands read is check's one store: nothing else is kept, nor read."""
    from ensomhed_cli.query.index import Index

    top, root = repo
    incremental.check(root, jobs=1, index=Index())
    assert sorted(p.name for p in (root / incremental.CACHE_DIR).iterdir()) == [".gitignore", incremental.INDEX_FILE]
    status_changed(top, root)
    expected = outputs(root, "HEAD", None, full(root, "HEAD", None))
    seen = parsed()
    assert run(cli, root) == expected
    assert set(seen) == {M, "records/people/anna.yaml", "records/people/bo.yaml", "records/people/carl.yaml", "records/bodies/aeldreraadet.yaml"}
