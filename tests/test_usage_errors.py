"""Usage errors (Click's) in ensomhed's form and the repository's language: one line
`ensomhed: fejl: …`, the usage, where the help is; exit 2; no box."""

from __future__ import annotations

import pytest

CASES = [
    (["check", "--bogus"], "ukendt tilvalg --bogus (mulige: --jobs, --verbose)", "No such option"),
    (["check", "--jobs", "x"], "ugyldig værdi for `--jobs` / `-j`: `x` er ikke et helt tal", "Invalid value for '--jobs' / '-j': 'x' is not a valid int"),
    (["list", "--format", "xml", "meetings"], "ugyldig værdi for `--format` / `-f`: `xml` er ikke en af `table`, `json`, `csv`",
     "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv'."),
    (["list"], "argumentet `kind` mangler", "Missing argument '"),
    (["list", "meetings", "mere"], "uventet ekstra argument: mere", "Got unexpected extra argument"),
    (["chek"], "ukendt kommando `chek` (mente du `check` eller `schema`?)", "No such command 'chek'."),
    (["calendar", "--body"], "tilvalget --body skal have en værdi", "Option '--body' requires an argument."),
]


@pytest.mark.parametrize("args, da, en", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_is_one_line_in_the_repositorys_language(cli, repo_factory, monkeypatch, args, da, en):
    for language, said in (("da", f"ensomhed: fejl: {da}"), ("en", f"ensomhed: error: {en}")):
        root = repo_factory({}, config=f"language: {language}\n")
        monkeypatch.chdir(root)
        result = cli(*args)
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        if language == "en":  # Click's own words, which differ a little between its versions
            assert lines[0].startswith(said), result.stderr
        else:
            assert lines[0] == said, result.stderr
        assert "╭" not in result.stderr and "Traceback" not in result.stderr
        if len(lines) > 1:
            assert lines[1].startswith("Brug: ensomhed" if language == "da" else "Usage: ensomhed")
            assert lines[-1].startswith("Se `ensomhed" if language == "da" else "See `ensomhed")


def test_lang_on_the_command_line_wins(cli, repo_factory, monkeypatch):
    monkeypatch.chdir(repo_factory({}, config="language: da\n"))
    result = cli("--lang", "en", "check", "--bogus")
    assert result.stderr.startswith("ensomhed: error: No such option") and "--bogus" in result.stderr.splitlines()[0]


def test_an_argument_with_control_characters_is_shown_not_run(cli, repo_factory, monkeypatch):
    monkeypatch.chdir(repo_factory({}))
    result = cli("check", "--x\x1b[2J\x07")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "ensomhed: fejl: ukendt tilvalg --x\\x1b[2J\\x07" and "\x1b" not in result.stderr
