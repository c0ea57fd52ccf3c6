"""A check after each edit says exactly what a check with no cache says, whichever way it
took: the last result amended (check/incremental.py, _after_edit), the rules across records
reused or run again, or every entry the index holds read. A seeded walk of edits of every kind, then checks of
which way an edit takes."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import GENERATED_TODAY, generate
from ensomhed_cli.check import incremental as checker
from test_cache import age, kept, outcome, rows, store

CACHE = checker.CACHE_DIR


@pytest.fixture(autouse=True)
def cache_everything(monkeypatch):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)


@pytest.fixture
def ways(monkeypatch):
    """Which way each check went: every entry the index holds read ("whole"), the rules across
    records run ("rules"), the last result amended ("amended")."""
    seen: list[str] = []
    for name, label in (("_cached_or_todo", "whole"), ("run_across_rules", "rules")):
        real = getattr(checker, name)

        def spy(*args, real=real, label=label, **kwargs):
            seen.append(label)
            return real(*args, **kwargs)

        monkeypatch.setattr(checker, name, spy)
    real_after = checker._after_edit

    def after(*args, **kwargs):
        result = real_after(*args, **kwargs)
        if result is not None:
            seen.append("amended")
        return result

    monkeypatch.setattr(checker, "_after_edit", after)
    return seen


def settle(path: Path, seconds: float = 30.0) -> None:
    """Date a file back, out of the cache's racy window; each call a little later than the last."""
    settle.clock = getattr(settle, "clock", 0) + 1
    st = path.stat()
    mtime = st.st_mtime_ns - int(seconds * 1e9) + settle.clock * 1000
    os.utime(path, ns=(mtime, mtime))


@pytest.fixture
def repo(tmp_path) -> Path:
    root = generate(tmp_path / "walk", 120, seed=11)
    age(root)
    return root


def meetings(root: Path) -> list[Path]:
    return sorted((root / "records" / "meetings").rglob("*.md"))


def rewrite(path: Path, text: str, *, settled: bool = True) -> None:
    path.write_text(text, encoding="utf-8")
    if settled:
        settle(path)


# Each edit changes the repository in one way a person does; some keep every summary.
def edit_body(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    rewrite(path, path.read_text(encoding="utf-8") + f"\nEn linje mere {rng.random()}.\n")


def edit_item_title(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    rewrite(path, path.read_text(encoding="utf-8").replace('  - title: "', f'  - title: "{rng.randint(1, 9)} ', 1))


def shift_lines(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    rewrite(path, path.read_text(encoding="utf-8").replace("---\n", "---\n# en kommentar\n", 1))


def unknown_key(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    rewrite(path, path.read_text(encoding="utf-8").replace("status: ", "statsu: x\nstatus: ", 1))


def break_reference(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    rewrite(path, path.read_text(encoding="utf-8").replace("chair: p", "chair: ghost-p", 1))


def missing_attachment(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    text = path.read_text(encoding="utf-8")
    rewrite(path, text.replace("    type: ", "    attachments:\n      - {title: Bilag, path: bilag/notat.pdf}\n    type: ", 1))


def toggle_attachment_file(root: Path, rng: random.Random) -> None:
    file = root / "bilag" / "notat.pdf"
    if file.exists():
        file.unlink()
    else:
        file.parent.mkdir(exist_ok=True)
        file.write_bytes(b"%PDF-1.4\n")
        settle(file)


def duplicate_person(root: Path, rng: random.Random) -> None:
    people = sorted((root / "records" / "people").rglob("*.yaml"))
    source = rng.choice(people)
    target = source.with_name(f"kopi-{rng.randint(0, 10**6)}.yaml")
    shutil.copy(source, target)
    rewrite(target, target.read_text(encoding="utf-8").replace("kind: person", f"kind: person\nid: {source.stem}", 1))


def delete_record(root: Path, rng: random.Random) -> None:
    rng.choice(meetings(root)).unlink()


def same_size(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    text = path.read_text(encoding="utf-8")
    rewrite(path, text.replace("status: held", "status: hxld", 1) if "status: held" in text else text.replace("status: hxld", "status: held", 1))


def touch(root: Path, rng: random.Random) -> None:
    settle(rng.choice(meetings(root)))


def racy_body(root: Path, rng: random.Random) -> None:
    path = rng.choice(meetings(root))
    rewrite(path, path.read_text(encoding="utf-8") + "\nLige nu.\n", settled=False)


EDITS = [
    edit_body,
    edit_item_title,
    shift_lines,
    unknown_key,
    break_reference,
    missing_attachment,
    toggle_attachment_file,
    duplicate_person,
    delete_record,
    same_size,
    touch,
    racy_body,
]


@pytest.mark.parametrize("seed", range(4))
def test_every_check_of_a_walk_of_edits_says_what_a_cold_check_says(repo, ways, seed):
    rng = random.Random(seed)
    kept(repo)
    taken = set()
    for step in range(40):
        edit = rng.choice(EDITS)
        for _ in range(rng.choice([1, 1, 1, 2])):
            edit(repo, rng)
        expected = outcome(checker.check(repo, use_cache=False))
        ways.clear()
        assert outcome(kept(repo)) == expected, (step, edit.__name__)
        taken.update(ways)
        assert outcome(kept(repo)) == expected, (step, edit.__name__, "again")
    assert {"amended", "rules", "whole"} <= taken  # the walk went every way


def checked_twice(repo: Path) -> None:
    """A check, and one more: the cache and last result then agree with the files."""
    kept(repo)
    kept(repo)


def test_a_body_edit_amends_the_last_result_without_reading_the_cache_whole(repo, ways):
    checked_twice(repo)
    edit_body(repo, random.Random(1))
    ways.clear()
    result = kept(repo)
    assert ways == ["amended"] and result.parsed == 1
    assert outcome(result) == outcome(checker.check(repo, use_cache=False))


def test_an_edit_that_leaves_the_vocabulary_is_told_by_an_amended_result(repo, ways):
    """A rule that reads the settings (an initiative's partners against the vocabulary) runs
    on the edited file: the amended result says what a check with no cache says."""
    assert "partners: [" in (repo / "ensomhed.yaml").read_text(encoding="utf-8")  # the generator's vocabulary
    checked_twice(repo)
    initiative = sorted((repo / "records" / "initiatives").rglob("*.md"))[0]
    text = initiative.read_text(encoding="utf-8")
    rewrite(initiative, re.sub(r"(?m)^partners: \[.*\]$", "partners: [Ukendt Forening]", text, count=1))
    ways.clear()
    result = kept(repo)
    assert ways == ["amended"] and result.parsed == 1
    assert any(d.code == "vocabulary" and d.path.endswith(initiative.name) for d in result.diagnostics)
    assert outcome(result) == outcome(checker.check(repo, use_cache=False))


def test_an_amended_result_replaces_the_changed_files_own_problems(repo, ways):
    path = meetings(repo)[3]
    rewrite(path, path.read_text(encoding="utf-8").replace("status: ", "statsu: x\nstatus: ", 1))
    checked_twice(repo)
    rel = path.relative_to(repo).as_posix()
    # the unknown key moves two lines down: its problem must move with it, not stay or double
    rewrite(path, path.read_text(encoding="utf-8").replace("statsu: x\n", "# a\n# b\nstatsu: x\n", 1))
    ways.clear()
    result = kept(repo)
    assert "amended" in ways
    assert outcome(result) == outcome(checker.check(repo, use_cache=False))
    assert len([d for d in result.diagnostics if d.path == rel and d.code == "unknown-key"]) == 1


@pytest.mark.parametrize("edit", [break_reference, duplicate_person, delete_record, toggle_attachment_file])
def test_an_edit_that_changes_what_the_rules_across_records_see_runs_them(repo, ways, edit):
    missing_attachment(repo, random.Random(2))
    checked_twice(repo)
    edit(repo, random.Random(3))
    if edit is toggle_attachment_file:
        edit_body(repo, random.Random(4))  # and a record edit that would otherwise amend
    ways.clear()
    result = kept(repo)
    assert "rules" in ways and "amended" not in ways
    assert outcome(result) == outcome(checker.check(repo, use_cache=False))


def test_an_edit_at_a_file_with_a_problem_across_records_runs_the_rules(repo, ways):
    path = meetings(repo)[5]
    rewrite(path, path.read_text(encoding="utf-8").replace("chair: p", "chair: ghost-p", 1))
    checked_twice(repo)
    rewrite(path, path.read_text(encoding="utf-8").replace("---\n", "---\n# en linje foran\n", 1))
    ways.clear()
    result = kept(repo)
    assert "rules" in ways and "amended" not in ways
    [problem] = [d for d in result.diagnostics if d.code == "unresolved-ref"]
    assert outcome(result) == outcome(checker.check(repo, use_cache=False))
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].startswith("chair: ghost-p")


def test_a_racy_edit_leaves_the_cache_and_the_next_check_amends_again(repo, ways):
    checked_twice(repo)
    before = rows(repo)
    racy_body(repo, random.Random(5))
    expected = outcome(checker.check(repo, use_cache=False))
    for _ in range(2):
        ways.clear()
        assert outcome(kept(repo)) == expected
        assert ways == ["amended"]
        after = rows(repo)
        changed = {p for p in after if after[p] != before[p]}
        assert len(changed) == 1 and after.keys() == before.keys()  # the other rows as they were
        [path] = changed
        assert after[path][1] == -1  # stored without its time: read again, the result amended again


def test_an_edit_that_moves_a_line_another_files_problem_names_runs_the_rules(repo, ways):
    people = sorted((repo / "records" / "people").rglob("*.yaml"))
    first = people[0]
    rewrite(first, first.read_text(encoding="utf-8").replace("kind: person", f"kind: person\nid: {first.stem}", 1))
    copy = first.with_name("zz-kopi.yaml")
    rewrite(copy, first.read_text(encoding="utf-8"))
    checked_twice(repo)
    # the copy's problem names the line of the first file's id; that line moves, the copy does not change
    rewrite(first, "# en kommentar\n" + first.read_text(encoding="utf-8"))
    ways.clear()
    result = kept(repo)
    assert "rules" in ways and "amended" not in ways
    [problem] = [d for d in result.diagnostics if d.code == "duplicate-id"]
    assert f"{first.relative_to(repo).as_posix()}:3" in problem.message
    assert outcome(result) == outcome(checker.check(repo, use_cache=False))


@pytest.mark.parametrize("records", [20, 120])
def test_a_result_committed_with_the_repository_is_never_amended_nor_reused(tmp_path, records, ways):
    """A pull request can commit .ensomhed-cache/ whole: an index with every file's true entry
    and a last result of the same generation, saying there is no problem across records.
    On a fresh checkout every file's time is new: nothing of that result may stand."""
    root = generate(tmp_path / "pr", records, seed=5)
    broken = meetings(root)[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("chair: p", "chair: ghost-p", 1), encoding="utf-8")
    age(root)
    kept(root, today=GENERATED_TODAY)
    kept(root, today=GENERATED_TODAY)
    with store(root) as conn:  # the forged result: as this machine would have stored it, current
        forged = json.loads(conn.execute("SELECT value FROM _meta WHERE key = 'result'").fetchone()[0])
        assert [d[4] for d in forged["across"]] == ["unresolved-ref"]
        assert conn.execute("SELECT value FROM _meta WHERE key = 'result_at'").fetchone() == conn.execute("SELECT value FROM _meta WHERE key = 'generation'").fetchone()
        forged["across"] = []
        conn.execute("UPDATE _meta SET value = ? WHERE key = 'result'", (json.dumps(forged),))
    for path in root.rglob("*"):  # the checkout: every file written anew, at a time no one knew
        if path.is_file() and CACHE not in path.parts:
            path.write_bytes(path.read_bytes())
    age(root)
    ways.clear()
    found = kept(root, today=GENERATED_TODAY)
    assert "rules" in ways and "amended" not in ways
    assert [d.code for d in found.diagnostics] == ["unresolved-ref"]
