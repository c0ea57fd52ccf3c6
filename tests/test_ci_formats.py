"""`check --format github` and `--format gitlab`: annotations and reports that land on the right file."""

from __future__ import annotations

import json
import re
import subprocess

import jsonschema

from conftest import GIT_ENV, write_repo
from ensomhed_cli.diagnostics import ERROR, WARNING, Diagnostic, format_gitlab

# The fields GitLab reads from a Code Quality report (docs.gitlab.com, "Code Quality":
# "Code Quality report format"); a report without them is ignored.
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"], "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}

PROBLEMS = {
    "records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\natendees: [anna]\n",
    # a warning: a closed item first
    "records/w.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: planned\nitems:\n  - {title: L, closed: true}\n  - {title: E}\n",
}


def _nested(tmp_path, files=PROBLEMS):
    """A records repository in the sub-folder kommune/raad of a git repository."""
    from conftest import BASE

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=GIT_ENV)
    return write_repo(tmp_path / "kommune" / "raad", {**BASE, **files})


def test_github_annotations_name_files_from_the_git_root(tmp_path, cli):
    root = _nested(tmp_path)
    result = cli("check", "--root", root, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error file=kommune/raad/records/", "::warning file=kommune/raad/records/")) for line in lines)
    assert any(re.fullmatch(r"::error file=kommune/raad/records/m\.yaml,line=5,col=1::ukendt felt `atendees`.*", line) for line in lines)


def test_github_paths_at_the_git_root_and_outside_git_are_as_they_were(repo_factory, cli):
    root = repo_factory(PROBLEMS)
    assert "::error file=records/m.yaml,line=5" in cli("check", "--root", root, "--format", "github").stdout
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=GIT_ENV)
    assert "::error file=records/m.yaml,line=5" in cli("check", "--root", root, "--format", "github").stdout


def test_gitlab_writes_a_code_quality_report(tmp_path, cli):
    root = _nested(tmp_path)
    result = cli("check", "--root", root, "--format", "gitlab")
    assert result.exit_code == 1
    assert result.stderr == ""  # stdout is the report, redirected to a file: nothing else in it
    report = json.loads(result.stdout)
    jsonschema.validate(report, CODE_QUALITY)
    assert {(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"], i["check_name"]) for i in report} >= {
        ("kommune/raad/records/m.yaml", 5, "major", "unknown-key"),
    }
    assert any(i["severity"] == "minor" for i in report)  # a warning
    again = json.loads(cli("check", "--root", root, "--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in report]  # stable across runs


def test_gitlab_report_is_an_empty_array_when_clean(repo_factory, cli):
    result = cli("check", "--root", repo_factory({}), "--format", "gitlab")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_gitlab_fingerprints_are_unique_and_survive_a_moved_line():
    same = [Diagnostic("records/a.yaml", line, 1, ERROR, "unresolved-ref", "no person with id `x`") for line in (3, 7)]
    other = Diagnostic("records/b.yaml", 3, 1, WARNING, "closed-item", "w")
    first = json.loads(format_gitlab([*same, other], "sub/"))
    jsonschema.validate(first, CODE_QUALITY)
    assert len({i["fingerprint"] for i in first}) == 3
    assert first[2]["location"] == {"path": "sub/records/b.yaml", "lines": {"begin": 3}} and first[2]["severity"] == "minor"
    moved = json.loads(format_gitlab([Diagnostic("records/a.yaml", 4, 1, ERROR, "unresolved-ref", "no person with id `x`")], "sub/"))
    assert moved[0]["fingerprint"] == first[0]["fingerprint"]


def test_gitlab_report_shows_record_text_never_obeys_it():
    evil = Diagnostic("records/a.yaml", 1, 1, ERROR, "x", "bad \x1b]8;;http://evil\x07 and\nnew line")
    [item] = json.loads(format_gitlab([evil]))
    assert "\x1b" not in item["description"] and "\n" not in item["description"]
