"""The check cache: a cached check says exactly what a cold one says, and never serves a stale file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GENERATED_TODAY, generate
from ensomhed_cli.api import load
from ensomhed_cli.check import cache_store, parallel
from ensomhed_cli.check import incremental as checker

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def cache_everything(monkeypatch):
    # The test repositories are small; let them have a cache as a large one would.
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)


def outcome(result: checker.CheckResult) -> tuple:
    return result.diagnostics, result.counts, result.files


def age(root: Path, seconds: float = 10.0) -> None:
    """Date every file back, as if written a while ago (outside the cache's racy window)."""
    for path in root.rglob("*"):
        if path.is_file() and ".ensomhed-cache" not in path.parts:
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


def cold(root: Path) -> tuple:
    return outcome(checker.check(root, use_cache=False))


@pytest.fixture
def generated(tmp_path) -> Path:
    root = tmp_path / "gen"
    generate(root, 300, seed=7)
    age(root)
    return root


def broken(root: Path) -> None:
    """Put problems of every kind into a generated repository."""
    meeting = sorted((root / "records" / "meetings").rglob("*.md"))[0]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("status: held", "status: held\natendees: []", 1).replace("chair: p", "chair: nobody-p", 1), encoding="utf-8")
    (root / "records" / "people" / "p000").joinpath("p000001.yaml").unlink()
    (root / "records" / "initiatives" / "x.md").write_text(
        "---\nkind: initiative\ntitle: X\nstatus: active\ncategory: community\ngoals: [pl0000#nope]\n---\n", encoding="utf-8"
    )
    (root / "records" / "meetings" / "bilag.yaml").write_text(
        "kind: meeting\nbody: b00000\ndate: 2024-01-01\nstatus: planned\nitems:\n"
        "  - title: Bilag\n    attachments:\n      - {title: Notat, path: bilag/notat.pdf}\n",
        encoding="utf-8",
    )
    age(root)


def test_generated_repository_checks_clean(generated):
    result = checker.check(generated, use_cache=False, today=GENERATED_TODAY)
    assert result.diagnostics == []
    assert result.files == 300 and set(result.counts) == {"body", "person", "meeting", "plan", "initiative"}


@pytest.mark.parametrize("make_broken", [False, True])
def test_cached_check_equals_cold_check_on_generated_records(generated, make_broken):
    if make_broken:
        broken(generated)
    expected = cold(generated)
    first = checker.check(generated)
    assert first.parsed == 300 + (1 if make_broken else 0)
    assert (generated / ".ensomhed-cache" / "check.json").is_file()
    assert outcome(first) == expected
    second = checker.check(generated)  # the whole result, unchanged
    assert second.parsed == 0 and outcome(second) == expected
    (generated / ".ensomhed-cache" / "result.json").unlink()
    third = checker.check(generated)  # per-file entries, rules across records run again
    assert third.parsed == 0 and outcome(third) == expected
    # The loader (no cache at all) agrees too.
    _, loaded = load(generated)
    assert [(d.path, d.line, d.column, d.code, d.message) for d in loaded] == [
        (d.path, d.line, d.column, d.code, d.message) for d in third.diagnostics
    ]
    if make_broken:
        codes = {d.code for d in second.diagnostics}
        assert {"unknown-key", "unresolved-ref", "attachment-missing"} <= codes


def test_cached_check_equals_cold_check_on_bundled_records(tmp_path):
    root = tmp_path / "bundled"
    shutil.copytree(PROJECT / "records", root / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", root / "ensomhed.yaml")
    age(root)
    expected = cold(root)
    assert outcome(checker.check(root)) == expected
    again = checker.check(root)
    assert again.parsed == 0 and outcome(again) == expected
    # the warnings the seeds hold: six meetings they planned, now in the past
    assert [d.code for d in expected[0]] == ["planned-in-past"] * 6


def test_parallel_parsing_gives_the_serial_result(generated, monkeypatch):
    broken(generated)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10)
    assert outcome(checker.check(generated, use_cache=False, jobs=2)) == cold(generated)


def test_a_changed_file_is_never_served_from_the_cache(generated):
    checker.check(generated)
    person = generated / "records" / "people" / "p000" / "p000002.yaml"
    text = person.read_text(encoding="utf-8")
    # Same size, new content, written just now: inside the racy window the cache keeps nothing.
    person.write_text(text.replace("kind: person", "kind: persox"), encoding="utf-8")
    result = checker.check(generated)
    assert result.parsed >= 1
    assert [(d.line, d.column) for d in result.diagnostics if d.path == "records/people/p000/p000002.yaml"] == [(1, 7)]
    person.write_text(text, encoding="utf-8")
    assert outcome(checker.check(generated)) == cold(generated)


def test_same_size_change_after_the_cache_settled_is_seen(generated):
    checker.check(generated)
    checker.check(generated)
    person = generated / "records" / "people" / "p000" / "p000003.yaml"
    text = person.read_text(encoding="utf-8")
    st = person.stat()
    person.write_text(text.replace("kind: person", "kind: persoq"), encoding="utf-8")
    os.utime(person, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # one millisecond later, same size
    result = checker.check(generated)
    assert result.parsed == 1
    assert [(d.line, d.column) for d in result.diagnostics if d.path == "records/people/p000/p000003.yaml"] == [(1, 7)]


def test_a_deleted_file_is_never_served_from_the_cache(generated):
    checker.check(generated)
    checker.check(generated)
    chair = None
    meeting = sorted((generated / "records" / "meetings").rglob("*.md"))[0]
    for line in meeting.read_text(encoding="utf-8").splitlines():
        if line.startswith("chair: "):
            chair = line.split(": ")[1]
    (generated / "records" / "people" / chair[:4] / f"{chair}.yaml").unlink()
    result = checker.check(generated)
    assert result.files == 299
    assert any(d.code == "unresolved-ref" and f"`{chair}`" in d.message for d in result.diagnostics)
    assert outcome(result) == cold(generated)


def test_a_removed_attachment_is_seen_though_no_record_changed(generated):
    (generated / "bilag").mkdir()
    (generated / "bilag" / "notat.pdf").write_bytes(b"%PDF-1.4\n")
    broken(generated)
    first = checker.check(generated)
    assert not any(d.code == "attachment-missing" for d in first.diagnostics)
    checker.check(generated)
    (generated / "bilag" / "notat.pdf").unlink()
    result = checker.check(generated)
    assert any(d.code == "attachment-missing" for d in result.diagnostics)


def test_changed_settings_invalidate_the_cache(generated):
    checker.check(generated)
    checker.check(generated)
    config = generated / "ensomhed.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("pårørende, ", ""), encoding="utf-8")
    result = checker.check(generated)
    assert result.parsed == 300
    assert outcome(result) == cold(generated)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong-shape", "empty", "other-version"])
def test_a_corrupt_cache_is_rebuilt(generated, damage):
    expected = cold(generated)
    checker.check(generated)
    checker.check(generated)
    for name in ("check.json", "result.json"):
        path = generated / ".ensomhed-cache" / name
        text = path.read_text(encoding="utf-8")
        if damage == "truncate":
            path.write_text(text[: len(text) // 2], encoding="utf-8")
        elif damage == "garbage":
            path.write_bytes(b"\xff\xfe\x00garbage")
        elif damage == "wrong-shape":
            data = json.loads(text)
            if "files" in data and isinstance(data["files"], dict):
                data["files"] = {k: "x" for k in data["files"]}
            data["diagnostics"] = 5
            data["counts"] = []
            path.write_text(json.dumps(data), encoding="utf-8")
        elif damage == "empty":
            path.write_text("", encoding="utf-8")
        else:
            data = json.loads(text)
            data["format"] = -1
            path.write_text(json.dumps(data), encoding="utf-8")
    result = checker.check(generated)
    assert result.parsed == 300
    assert outcome(result) == expected
    json.loads((generated / ".ensomhed-cache" / "check.json").read_text(encoding="utf-8"))  # rewritten whole
    again = checker.check(generated)
    assert again.parsed == 0 and outcome(again) == expected


def test_no_cache_neither_reads_nor_writes(generated):
    checker.check(generated, use_cache=False)
    assert not (generated / ".ensomhed-cache").exists()


def test_a_repository_the_cache_cannot_be_written_to_is_checked_all_the_same(generated, monkeypatch):
    from ensomhed_cli import fsio

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fsio, "write_atomic", refuse)
    assert outcome(checker.check(generated)) == cold(generated)
    assert not (generated / ".ensomhed-cache" / "check.json").exists()


def test_a_cached_check_does_not_import_the_schema(generated):
    """The warm path stays light: no pydantic, no jinja2, no rich."""
    checker.check(generated)
    checker.check(generated)
    code = (
        "import sys; from pathlib import Path; from ensomhed_cli.check import incremental as checker;"
        f"r = checker.check(Path({str(generated)!r})); "
        "print(r.parsed, sorted(m for m in ('pydantic', 'jinja2', 'rich', 'babel', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "[]"]


def test_checks_running_at_once_leave_a_whole_cache(generated):
    """Four cold checks write the cache at the same moment; what is left is whole and right."""
    code = (
        "import sys; from pathlib import Path; from ensomhed_cli.check import incremental as checker;"
        "import datetime as dt; checker.CACHE_MIN_FILES = 0;"
        f"r = checker.check(Path({str(generated)!r}), jobs=1, today=dt.date.fromisoformat({GENERATED_TODAY.isoformat()!r}));"
        " print(len(r.diagnostics), r.parsed)"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert all(out == ["0", "300"] for out in outs)
    json.loads((generated / ".ensomhed-cache" / "check.json").read_text(encoding="utf-8"))
    assert [p.name for p in (generated / ".ensomhed-cache").iterdir() if p.name.startswith(".") and p.name != ".gitignore"] == []
    again = checker.check(generated)
    assert again.parsed == 0 and outcome(again) == cold(generated)


# --- a check after a few edits writes only what changed --------------------------------


def _edit(path: Path, marker: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(10 * 1e9)))


def test_a_few_changed_files_go_to_the_delta_and_check_json_stays_as_it_was(generated):
    cache = generated / ".ensomhed-cache"
    checker.check(generated)
    whole = (cache / "check.json").read_bytes()
    meetings = sorted((generated / "records" / "meetings").rglob("*.md"))
    _edit(meetings[0], "Rettet.")
    meetings[1].unlink()
    result = checker.check(generated)
    assert result.parsed == 1 and outcome(result) == cold(generated)
    assert (cache / "check.json").read_bytes() == whole
    delta = json.loads((cache / checker.DELTA_FILE).read_text(encoding="utf-8"))
    rel = lambda p: p.relative_to(generated).as_posix()  # noqa: E731
    assert set(delta["files"]) == {rel(meetings[0]), rel(meetings[1])} and delta["files"][rel(meetings[1])] is None
    (cache / checker.RESULT_FILE).unlink()  # the per-file cache is read: the delta applied, nothing parsed
    again = checker.check(generated)
    assert again.parsed == 0 and outcome(again) == cold(generated)


def test_the_delta_folds_into_check_json_when_it_grows(generated, monkeypatch):
    monkeypatch.setattr(cache_store, "DELTA_MIN_FILES", 3)
    monkeypatch.setattr(cache_store, "DELTA_SHARE", 1000)
    cache = generated / ".ensomhed-cache"
    checker.check(generated)
    meetings = sorted((generated / "records" / "meetings").rglob("*.md"))
    for n, meeting in enumerate(meetings[:3]):
        _edit(meeting, f"Rettet {n}.")
        checker.check(generated)
        assert (cache / checker.DELTA_FILE).is_file()  # three files differ from check.json: still a delta
    _edit(meetings[3], "Rettet 3.")
    result = checker.check(generated)
    assert not (cache / checker.DELTA_FILE).exists()  # four: check.json written whole
    assert result.parsed == 1 and outcome(result) == cold(generated)
    (cache / checker.RESULT_FILE).unlink()
    again = checker.check(generated)
    assert again.parsed == 0 and outcome(again) == cold(generated)


def test_a_delta_of_another_check_json_is_never_applied(generated):
    """A delta left beside a check.json written whole since (by another run, or one killed
    between the two writes) belongs to another generation: it is ignored."""
    cache = generated / ".ensomhed-cache"
    checker.check(generated)
    meetings = sorted((generated / "records" / "meetings").rglob("*.md"))
    _edit(meetings[0], "Rettet.")
    checker.check(generated)
    stale = (cache / checker.DELTA_FILE).read_bytes()
    data = json.loads((cache / "check.json").read_text(encoding="utf-8"))
    data["generation"] = "another"
    (cache / "check.json").write_text(json.dumps(data), encoding="utf-8")
    (cache / checker.DELTA_FILE).write_bytes(stale)
    (cache / checker.RESULT_FILE).unlink()  # else the last result is used whole, no cache read
    result = checker.check(generated)
    assert result.parsed == 1  # the edited file is parsed again: check.json had its old entry
    assert outcome(result) == cold(generated)


NOT_PROBLEMS = [5, ["x"], ["a.md", "1", 1, "error", "c", "m", None], ["a.md", 1, True, "error", "c", "m", None],
                ["a.md", 1, 1, "fatal", "c", "m", None], ["a.md", 1, 1, "error", "c", "m", 5], ["a.md", 1, 1, "error", "c", "m"]]


@pytest.mark.parametrize("place", ["settings", "entry", "result"])
@pytest.mark.parametrize("forged", NOT_PROBLEMS, ids=range(len(NOT_PROBLEMS)))
def test_a_cache_holding_what_is_not_a_problem_is_not_trusted(generated, place, forged):
    """A damaged or forged cache file whose problems are not as the cache writes them: the
    check judges it and answers as a cold one. (A number among the settings' problems
    stopped it with an internal error when no file had changed.)"""
    expected = cold(generated)
    checker.check(generated)
    checker.check(generated)
    cache = generated / ".ensomhed-cache"
    if place == "result":
        path = cache / checker.RESULT_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        data["diagnostics"].append(forged)
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path = cache / "check.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        if place == "settings":
            data["config"] = [forged]
        else:
            data["files"][sorted(data["files"])[0]][2] = [forged]
        path.write_text(json.dumps(data), encoding="utf-8")
        (cache / checker.RESULT_FILE).unlink()  # else the last result is used whole, no cache read
    result = checker.check(generated)
    assert outcome(result) == expected
    assert outcome(checker.check(generated)) == expected


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong-shape", "not-a-delta", "forged-entry"])
def test_a_damaged_delta_is_ignored(generated, damage):
    cache = generated / ".ensomhed-cache"
    checker.check(generated)
    meeting = sorted((generated / "records" / "meetings").rglob("*.md"))[0]
    _edit(meeting, "Rettet.")
    checker.check(generated)
    path = cache / checker.DELTA_FILE
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    rel = meeting.relative_to(generated).as_posix()
    if damage == "truncate":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "garbage":
        path.write_bytes(b"\xff\xfe\x00garbage")
    elif damage == "wrong-shape":
        data["files"] = {rel: "x"}
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "not-a-delta":
        data.pop("delta")
        path.write_text(json.dumps(data), encoding="utf-8")
    else:  # an entry for another size: the file's own stat says it is stale
        size, mtime, _, summary = data["files"][rel]
        data["files"][rel] = [size + 1, mtime, [], summary]
        path.write_text(json.dumps(data), encoding="utf-8")
    (cache / checker.RESULT_FILE).unlink()  # else the last result is used whole, no cache read
    result = checker.check(generated)
    assert result.parsed == 1
    assert outcome(result) == cold(generated)


@pytest.mark.parametrize("name", ["check.json", checker.DELTA_FILE, checker.RESULT_FILE])
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_a_cache_file_should_be_never_blocks_nor_breaks_the_check(generated, name):
    """A committed cache can hold a FIFO in a cache file's place: read, it would block the
    check for ever; written over, it would be refused. Neither: the check answers in full."""
    expected = cold(generated)
    checker.check(generated)
    path = generated / ".ensomhed-cache" / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    code = (
        "import sys; from pathlib import Path; from ensomhed_cli.check import incremental as checker;"
        "checker.CACHE_MIN_FILES = 0;"
        f"r = checker.check(Path({str(generated)!r})); print(len(r.diagnostics), r.files)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(expected[0])), str(expected[2])]
    assert outcome(checker.check(generated)) == expected
    assert path.is_fifo()  # left as it was, never written through


@pytest.mark.parametrize("name", ["check.json", checker.DELTA_FILE, checker.RESULT_FILE])
def test_a_folder_where_a_cache_file_should_be_is_left_and_the_check_answers_in_full(generated, name):
    expected = cold(generated)
    checker.check(generated)
    path = generated / ".ensomhed-cache" / name
    path.unlink(missing_ok=True)
    (path / "inni").mkdir(parents=True)
    meeting = sorted((generated / "records" / "meetings").rglob("*.md"))[0]
    for _ in range(2):  # after an edit too, with check.json written whole (every file new to it)
        assert outcome(checker.check(generated)) == expected
        meeting.write_text(meeting.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        age(generated)
        expected = cold(generated)
    assert (path / "inni").is_dir()
