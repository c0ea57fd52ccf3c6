"""ensomhed new and ensomhed init: valid records, conventional paths, never clobbering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ensomhed_cli.api import load
from ensomhed_cli.authoring.new import to_yaml
from ensomhed_cli.format.yamldialect import parse_yaml


def test_new_meeting_at_its_conventional_path(repo_factory, cli):
    root = repo_factory({})
    result = cli("new", "meeting", "--root", root, "--body", "aeldreraadet", "--date", "2025-03-04", "--start", "14:00", "--end", "16:00", "--attendees", "anna,bo", "--text", "Ekstra møde.")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "records/meetings/2025/2025-03-04-aeldreraadet.md"
    repo, diagnostics = load(root, today=dt.date(2025, 3, 1))  # before the planned meeting
    assert diagnostics == []
    meeting = repo.get("2025-03-04-aeldreraadet")
    assert meeting.status == "planned" and meeting.attendee_ids == ["anna", "bo"]
    assert meeting.start.isoformat() == "14:00:00" and meeting.description == "Ekstra møde."


def test_new_slug_from_danish_title(repo_factory, cli):
    root = repo_factory({})
    result = cli("new", "initiative", "--root", root, "--title", "Fællesspisning på Åbyhøj plejehjem", "--category", "community", "--plans", "plan", "--budget.amount", "450000", "--budget.year", "2025")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "records/initiatives/faellesspisning-paa-aabyhoej-plejehjem.md"
    repo, diagnostics = load(root)
    assert diagnostics == []
    record = repo.get("faellesspisning-paa-aabyhoej-plejehjem")
    assert record.budget[0].amount == 450000 and record.status == "proposed"


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("Jürgen Müßig", "records/people/jurgen-mussig.yaml"),
        ("Élodie Côté", "records/people/elodie-cote.yaml"),
        ("Łukasz Żółć", "records/people/lukasz-zolc.yaml"),
        ("Ørsted Ärzte Öl", "records/people/oersted-aerzte-oel.yaml"),
        ("Ayşe Yılmaz", "records/people/ayse-yilmaz.yaml"),
        ("Sofie 🙂 Holm", "records/people/sofie-holm.yaml"),
    ],
)
def test_new_keeps_names_from_other_languages_readable(repo_factory, cli, name, path):
    root = repo_factory({})
    result = cli("new", "person", "--root", root, "--name", name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == path
    repo, diagnostics = load(root)
    assert diagnostics == [] and repo.get(Path(path).stem).name == name


def test_new_never_overwrites(repo_factory, cli):
    root = repo_factory({})
    target = root / "records/people/anna-hansen.yaml"
    target.write_text("kind: person\nname: Anna Hansen\nid: anna-h\n", encoding="utf-8")
    before = target.read_bytes()
    result = cli("new", "person", "--root", root, "--name", "Anna Hansen")
    assert result.exit_code == 1
    assert "findes allerede" in result.stderr
    assert target.read_bytes() == before


def test_new_refuses_an_id_in_use(repo_factory, cli):
    root = repo_factory({})
    result = cli("new", "person", "--root", root, "--name", "X", "--id", "anna")
    assert result.exit_code == 1 and "er allerede brugt" in result.stderr


def test_new_checks_before_writing(repo_factory, cli):
    root = repo_factory({})
    bad_ref = cli("new", "meeting", "--root", root, "--body", "raadet", "--date", "2025-03-04")
    assert bad_ref.exit_code == 1 and "der er intet råd/udvalg med id `raadet`" in bad_ref.stderr
    bad_value = cli("new", "meeting", "--root", root, "--body", "aeldreraadet", "--date", "4/3/2025")
    assert bad_value.exit_code == 2 and "ÅÅÅÅ-MM-DD" in bad_value.stderr
    unknown = cli("new", "meeting", "--root", root, "--bodyy", "x")
    assert unknown.exit_code == 2 and "mente du `body`" in unknown.stderr
    missing = cli("new", "plan", "--root", root, "--title", "P")
    assert missing.exit_code == 2 and "owner" in missing.stderr
    assert not (root / "records/meetings").exists() and not (root / "records/plans/p.md").exists()
    assert cli("new", "moede", "--root", root).exit_code == 2


def test_yaml_writer_round_trips():
    data = {"kind": "meeting", "title": "Møde: ekstra # 2", "start": "14:00", "attendees": ["anna", "b: c"], "period": {"from": "2025-01-01"}, "note": "linje 1\nlinje 2"}
    parsed = parse_yaml(to_yaml(data))
    assert parsed.problems == []
    assert parsed.data == data


def test_init_makes_a_repository_that_checks_clean(tmp_path, cli):
    target = tmp_path / "ny"
    result = cli("init", target)
    assert result.exit_code == 0
    for rel in ("ensomhed.yaml", ".gitignore", "templates/README.md", ".pre-commit-config.yaml", ".github/workflows/ensomhed.yml"):
        assert (target / rel).is_file(), rel
    repo, diagnostics = load(target)
    assert diagnostics == []
    assert repo.records == []  # the examples are skipped: nothing of them is published
    assert ".ensomhed-cache/" in (target / ".gitignore").read_text()
    checked = cli("check", "--root", target)
    assert checked.exit_code == 0
    assert (target / ".git").is_dir() and "er et nyt git-repository" in result.stderr
    built = cli("build", "--root", target, "-o", tmp_path / "site")
    assert built.exit_code == 0 and "Ældrerådet" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # moved up into records/, the examples are a repository that checks clean
    import shutil

    shutil.copytree(target / "records" / "_eksempler", target / "records", dirs_exist_ok=True)
    shutil.rmtree(target / "records" / "_eksempler")
    repo, diagnostics = load(target)
    assert diagnostics == []
    assert {r.kind for r in repo.records} == {"body", "person", "meeting", "plan", "initiative"}


def test_init_without_examples_and_inside_a_git_repository(tmp_path, cli):
    outer = tmp_path / "kommune"
    (outer / ".git").mkdir(parents=True)
    result = cli("init", outer / "ensomhed", "--no-examples")
    assert result.exit_code == 0, result.stderr
    assert not (outer / "ensomhed" / "records").exists() and not (outer / "ensomhed" / ".git").exists()
    assert "ligger i git-repositoriet" in result.stderr


def test_init_refuses_to_write_over_files(tmp_path, cli):
    target = tmp_path / "ny"
    target.mkdir()
    (target / "ensomhed.yaml").write_text("municipality: Min Kommune\n", encoding="utf-8")
    result = cli("init", target)
    assert result.exit_code == 1 and "findes allerede" in result.stderr
    assert (target / "ensomhed.yaml").read_text() == "municipality: Min Kommune\n"
    assert not (target / "records").exists()


def test_project_offers_a_pre_commit_hook():
    import yaml

    from conftest import PROJECT

    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "ensomhed-check" and hooks[0]["entry"] == "ensomhed check"
    assert Path(PROJECT / ".pre-commit-hooks.yaml").exists()


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and ".ensomhed-cache" not in p.parts}


def test_new_refuses_an_id_that_is_not_a_slug_and_writes_nothing(repo_factory, cli):
    root = repo_factory({})
    before = _files(root)
    for bad in ("../../.github/workflows/ci", "a/b", "..", "Anna", "-x", "x.md", "x\ny"):
        result = cli("new", "person", "--root", root, "--name", "Eve", "--id", bad)
        assert result.exit_code == 2, (bad, result.stdout)
        assert f"ensomhed: fejl: --id {bad!r} er ikke et gyldigt id: små bogstaver a-z, tal og bindestreger" in result.stderr
        assert result.stdout == ""
    assert _files(root) == before
    assert not (root / ".github").exists() and not (root.parent / ".github").exists()


def test_new_person_takes_the_id_from_the_name_not_the_job_title(repo_factory, cli):
    root = repo_factory({})
    result = cli("new", "person", "--root", root, "--name", "Xenia Ørum", "--title", "konsulent")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "records/people/xenia-oerum.yaml"
    assert load(root)[0].get("xenia-oerum").title == "konsulent"
