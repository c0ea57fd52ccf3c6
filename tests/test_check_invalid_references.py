"""A record with errors of its own still has its references checked: every problem in one run."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT, located
from ensomhed_cli.api import load
from ensomhed_cli.check import incremental
from ensomhed_cli.check.references import references, written_references
from ensomhed_cli.format.source import read_record

# Each record has a schema error (an unknown key `bogus`) and one broken reference, on the
# line given, at the column where the message's id is written.
CASES = {
    "meeting body": ("kind: meeting\nbody: nobody-here\ndate: 2024-01-01\nstatus: planned\nbogus: 1\n", 2, "der er intet råd/udvalg med id `nobody-here`"),
    "attendee as id": ("kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\nbogus: 1\nattendees: [anna, ghost]\n", 6, "der er ingen person med id `ghost`"),
    "attendee as mapping": (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\nbogus: 1\nattendees:\n  - {person: ghost, from_item: 2}\n",
        7,
        "der er ingen person med id `ghost`",
    ),
    "substitute": (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\nbogus: 1\nabsent:\n  - {person: anna, substitute: ghost}\n",
        7,
        "der er ingen person med id `ghost`",
    ),
    "item presenter": (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: planned\nitems:\n  - title: A\n    bogus: 1\n    presenters: [ghost]\n",
        8,
        "der er ingen person med id `ghost`",
    ),
    "action owner": (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\nitems:\n  - title: A\n    actions:\n      - {what: X, owners: [ghost], bogus: 1}\n",
        8,
        "der er ingen person eller noget råd/udvalg med id `ghost`",
    ),
    "voter": (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\nbogus: 1\nitems:\n  - title: A\n    votes:\n      - {for: [anna, ghost, A]}\n",
        9,
        "der er ingen person med id `ghost`",
    ),
    "initiative plan": ("kind: initiative\ntitle: X\nstatus: active\ncategory: community\nbogus: 1\nplans: [plan, nix]\n", 6, "der er ingen plan med id `nix`"),
    "initiative goal": (
        "kind: initiative\ntitle: X\nstatus: active\ncategory: community\nbogus: 1\ngoals: [plan#ingen]\n",
        6,
        "planen `plan` har intet mål med id `ingen`",
    ),
    "plan owner": ("kind: plan\ntitle: P\nstatus: active\nowner: ghost-body\nbogus: 1\n", 4, "der er intet råd/udvalg med id `ghost-body`"),
    "body member": ("kind: body\nname: B\ntype: advisory_council\nbogus: 1\nmembers:\n  - {person: ghost}\n", 6, "der er ingen person med id `ghost`"),
}


@pytest.mark.parametrize("text, line, message", CASES.values(), ids=CASES.keys())
def test_a_broken_reference_is_reported_beside_a_schema_error(repo_factory, text, line, message):
    written = text.splitlines()[line - 1]
    ids = re.findall(r"`([^`]+)`", message)
    column = min(written.index(i) for i in ids if i in written) + 1
    root = repo_factory({"records/x/broken.yaml": text})
    _, diagnostics = load(root)
    found = [d for d in located(diagnostics) if d[0] == "records/x/broken.yaml"]
    codes = [d[4] for d in found]
    assert "unknown-key" in codes, found
    assert ("records/x/broken.yaml", line, column, "error", "unresolved-ref", message) in found, found
    assert codes.count("unresolved-ref") == 1, found  # the good references in it resolve


def test_check_reports_both_and_the_cache_follows_the_fix(repo_factory, cli, monkeypatch):
    monkeypatch.setattr(incremental, "CACHE_MIN_FILES", 0)
    text, _, _ = CASES["attendee as id"]
    root = repo_factory({"records/x/broken.yaml": text})
    for _ in range(2):  # cold, then from the cache
        result = cli("check", "--root", root)
        assert result.exit_code == 1
        assert "records/x/broken.yaml:5:1: error: ukendt felt `bogus`" in result.stderr
        assert "records/x/broken.yaml:6:19: error: der er ingen person med id `ghost`" in result.stderr
    (root / "records/people/ghost.yaml").write_text("kind: person\nname: Ghost\n", encoding="utf-8")
    result = cli("check", "--root", root)  # the other file is new: the broken one is not parsed again
    assert "ghost" not in result.stderr and "ukendt felt `bogus`" in result.stderr
    (root / "records/people/ghost.yaml").unlink()
    assert "der er ingen person med id `ghost`" in cli("check", "--root", root).stderr


def test_a_reference_in_a_value_the_schema_rejects_is_reported_once(repo_factory):
    # `body: [a]` is not an id: the schema says so, and no reference is made up from it
    root = repo_factory({"records/x/m.yaml": "kind: meeting\nbody: [a]\ndate: 2024-01-01\nstatus: planned\n"})
    _, diagnostics = load(root)
    assert [d.code for d in diagnostics if d.path == "records/x/m.yaml"] == ["invalid-value"]


def _record_files():
    for base in (PROJECT / "records", PROJECT / "tests" / "fixtures"):
        for path in sorted(base.rglob("*")):
            if path.suffix in (".md", ".yaml", ".yml") and path.is_file():
                yield path


def test_the_written_walk_finds_what_the_typed_walk_finds_on_every_valid_record():
    from ensomhed_cli.format.typed import build_record

    seen = 0
    for path in _record_files():
        doc = read_record(path, path.name)
        record, _ = build_record(doc)
        if record is None:
            continue
        typed = [(loc, ref, "|".join(k.__name__.lower() for k in kinds)) for loc, ref, kinds in references(record)]
        written = list(written_references(record.kind, doc.data))
        assert written == typed, path
        seen += bool(typed)
    assert seen >= 10
