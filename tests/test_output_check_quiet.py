"""`check -q` prints only errors and no summary; `check -v` also says how many files were parsed."""

from __future__ import annotations

import pytest

FILES = {
    "records/people/x.yaml": "kind: person\n",  # an error: no name
    # a warning: a closed item before an open one
    "records/meetings/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: planned\nitems:\n  - {title: a, closed: true}\n  - {title: b}\n",
}


@pytest.mark.parametrize("where", ["before", "after"])
def test_check_quiet_prints_only_errors_and_verbose_says_what_was_parsed(cli, repo_factory, where):
    root = repo_factory(FILES)

    def check(option):
        args = ["check", "--root", root]
        args = ([option, *args] if where == "before" else [*args, option]) if option else args
        result = cli(*args)
        assert result.exit_code == 1
        return result.stderr.splitlines()

    normal, quiet, verbose = check(None), check("-q"), check("-v")
    assert any(": warning: " in line for line in normal) and normal[-1].startswith("ensomhed: ")
    assert quiet == [line for line in normal if ": error: " in line] != []  # no warnings, no summary
    assert verbose[:-2] == normal[:-1] and verbose[-1] == normal[-1]
    assert verbose[-2].startswith("ensomhed: ") and " filer læst" in verbose[-2]
