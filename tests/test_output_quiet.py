"""-q says nothing but errors, -v also what was done; before the command or after it."""

from __future__ import annotations

import pytest

MEETING = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: Punkt\n    decision: Ja.\n"


@pytest.fixture
def repo(repo_factory):
    return repo_factory({"records/meetings/2024-03-04-raad.yaml": MEETING})


@pytest.mark.parametrize("where", ["before", "after"])
def test_build_quiet_says_nothing_and_verbose_names_every_file(cli, repo, tmp_path, where):
    def build(option: str | None, out: str):
        args = ["build", "--root", repo, "-o", tmp_path / out]
        if option:
            args = [option, *args] if where == "before" else [*args, option]
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        return result.stderr.splitlines()

    normal, quiet, verbose = build(None, "a"), build("-q", "b"), build("--verbose", "c")
    assert quiet == []
    assert len(normal) == 1 and normal[0].startswith("ensomhed: skrev ") and normal[0].endswith(" filer i " + str(tmp_path / "a"))
    written = sorted(p for p in (tmp_path / "c").rglob("*") if p.is_file() and p.name != ".ensomhed-site")  # but its marker
    assert f"ensomhed: skrev {tmp_path / 'c' / 'minutes' / '2024-03-04-raad.html'}" in verbose
    assert sorted(line.removeprefix("ensomhed: skrev ") for line in verbose[:-1]) == sorted(map(str, written))
    assert verbose[-1] == normal[0].replace(str(tmp_path / "a"), str(tmp_path / "c"))


def test_build_quiet_still_reports_errors(cli, repo_factory, tmp_path):
    root = repo_factory({"records/people/x.yaml": "kind: person\n"})
    result = cli("-q", "build", "--root", root, "-o", tmp_path / "site")
    assert result.exit_code == 1
    assert "x.yaml:1:1: error:" in result.stderr and "intet er bygget" in result.stderr


def test_quiet_and_verbose_together_is_a_usage_error(cli, repo):
    result = cli("-q", "-v", "build", "--root", repo)
    assert result.exit_code == 2 and "vælg én af dem" in result.stderr


def test_a_run_after_a_verbose_one_is_normal_again(cli, repo, tmp_path):
    """The options are set anew on every run (the tests, an API user, run many in one process)."""
    cli("-v", "build", "--root", repo, "-o", tmp_path / "a")
    assert len(cli("build", "--root", repo, "-o", tmp_path / "b").stderr.splitlines()) == 1
