"""`ensomhed check PATH...`: the given files' problems, references resolved against every record."""

from __future__ import annotations

import pytest

BROKEN = {
    # a meeting that refers to records elsewhere, one of them missing
    "records/meetings/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: held\nattendees: [anna, ghost]\n",
    # a problem in another file, which a check of m.yaml does not speak of
    "records/people/eve.yaml": "kind: person\nname: Eve\nbogus: 1\n",
}


def test_only_the_given_files_are_reported(repo_factory, cli):
    root = repo_factory(BROKEN)
    result = cli("check", "--root", root, root / "records/meetings/m.yaml")
    assert result.exit_code == 1
    assert "records/meetings/m.yaml:5:19: error: der er ingen person med id `ghost`" in result.stderr
    assert "eve.yaml" not in result.stderr
    assert "ensomhed: 1 fil tjekket (1 møde): 1 fejl, 0 advarsler" in result.stderr


def test_a_reference_to_a_record_elsewhere_resolves(repo_factory, cli):
    root = repo_factory(BROKEN)
    result = cli("check", "--root", root, root / "records/initiatives/cafe.yaml", root / "records/plans/plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert "ensomhed: 2 filer tjekket (1 plan, 1 indsats): ingen problemer" in result.stderr


def test_paths_are_relative_to_the_working_directory(repo_factory, cli, monkeypatch):
    root = repo_factory(BROKEN)
    monkeypatch.chdir(root / "records" / "people")
    result = cli("check", "eve.yaml", "../meetings/m.yaml")
    assert result.exit_code == 1
    assert "records/people/eve.yaml:3:1: error: ukendt felt `bogus`" in result.stderr
    assert "records/meetings/m.yaml:5:19" in result.stderr
    monkeypatch.chdir(root.parent)  # outside the repository: found from the file
    result = cli("check", "repo/records/people/anna.yaml")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    "given, says",
    [
        ("../outside.yaml", "ligger ikke i projektmappen"),
        ("ensomhed.yaml", "ikke en postfil"),
        ("records/people/notes.txt", "ikke en postfil"),
        ("records/people/nobody.yaml", "filen findes ikke"),
        ("records/people", "ikke en postfil"),
        ("records/people/../../../repo/records/people/anna.yaml", None),  # inside after all
    ],
)
def test_a_path_that_is_not_a_record_file_is_a_usage_error(repo_factory, cli, monkeypatch, given, says):
    root = repo_factory({"records/people/notes.txt": "x"})
    (root.parent / "outside.yaml").write_text("kind: person\nname: X\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = cli("check", given)
    if says is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ensomhed: fejl: {given}: {says}")
    assert "Traceback" not in result.stderr


def test_a_link_out_of_the_repository_is_not_followed(repo_factory, cli, tmp_path):
    root = repo_factory({})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("kind: person\nname: X\n", encoding="utf-8")
    (root / "records" / "linked").symlink_to(elsewhere)
    result = cli("check", "--root", root, root / "records/linked/x.yaml")
    assert result.exit_code == 2 and "ligger ikke i projektmappen" in result.stderr


def test_problems_of_the_repository_that_concern_the_file_are_reported(repo_factory, cli):
    root = repo_factory(
        {"records/people/zz-anna.yaml": "kind: person\nid: anna\nname: Anna igen\n"},
        config="language: da\nbogus: 1\n",
    )
    # anna.yaml is first with the id `anna`: the problem is reported at the other file, and concerns both
    result = cli("check", "--root", root, root / "records/people/anna.yaml")
    assert result.exit_code == 1
    assert "records/people/zz-anna.yaml:2:5: error: id'et `anna` bruges allerede i records/people/anna.yaml:" in result.stderr
    assert "ensomhed.yaml:2:1: error: ukendt felt `bogus`" in result.stderr
    unrelated = cli("check", "--root", root, root / "records/people/bo.yaml")
    assert "bruges allerede" not in unrelated.stderr


def test_the_whole_repository_is_checked_without_paths(repo_factory, cli):
    result = cli("check", "--root", repo_factory(BROKEN))
    assert "eve.yaml" in result.stderr and "ghost" in result.stderr
    assert "7 filer tjekket" in result.stderr
