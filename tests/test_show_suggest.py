"""`show` of an id that is not there names the nearest ids, at most five, best first."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "wanted, message",
    [
        ("anan", "der er ingen post med id `anan` (mente du `anna`?)"),
        ("ANNA", "der er ingen post med id `ANNA` (mente du `anna`?)"),  # case is no obstacle
        ("aeldreradet", "der er ingen post med id `aeldreradet` (mente du `aeldreraadet`?)"),
        ("plan#faerre-ensome", "(mente du `plan#faerre-ensomme`?)"),  # a nested id: among the goals
        ("zzzz", "der er ingen post med id `zzzz`\n"),
        ("a\x1b[31m", "der er ingen post med id `a\\x1b[31m`"),  # the argument shown, never a terminal escape
    ],
)
def test_an_unknown_id_suggests_the_nearest(cli, repo_factory, wanted, message):
    root = repo_factory({})
    result = cli("show", wanted, "--root", root)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr


def test_at_most_five_suggestions_best_first(cli, repo_factory):
    people = {f"records/people/p{n}.yaml": f"kind: person\nid: moede-{n}\nname: P {n}\n" for n in range(2, 10)}
    root = repo_factory({**people, "records/people/x.yaml": "kind: person\nid: moede-11\nname: X\n"})
    result = cli("show", "moede-1", "--root", root)
    assert result.exit_code == 1
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("ensomhed: fejl: der er ingen post med id `moede-1` (mente du `moede-11`, ")
    assert line.count("`moede-") == 1 + 5 and line.endswith("?)")
    assert ", " in line and " eller `moede-" in line


def test_an_id_with_errors_says_so_rather_than_suggest(cli, repo_factory):
    root = repo_factory({"records/people/bad.yaml": "kind: person\nid: carl\n"})  # no name
    result = cli("show", "carl", "--root", root)
    assert result.exit_code == 1 and "der er ingen post med id `carl` (den har fejl; kør `ensomhed check`)" in result.stderr
