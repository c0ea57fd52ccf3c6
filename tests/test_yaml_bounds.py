"""Aliases are bounded by what they expand to, not only by how many: in every command."""

from __future__ import annotations

from ensomhed_cli.diagnostics import messages_for
from ensomhed_cli.format.yamldialect import MAX_ALIAS_CHARS, parse_yaml

BIG = "x" * 700_000  # a third of the bound: four copies pass it, two do not


def aliased(copies: int) -> str:
    return f'kind: person\nname: Stor\nextra:\n  a: &a "{BIG}"\n  b: [{", ".join(["*a"] * copies)}]\n'


def test_a_few_large_values_aliased_a_few_times_are_refused():
    size = MAX_ALIAS_CHARS // 2**20
    assert parse_yaml(aliased(4)).problems == [
        (4, 6, "yaml-alias", f"henvisningerne (`*navn`) bliver til mere end {size} MiB tekst, når de foldes ud; så stor en post afvises"),
    ]
    with messages_for("en"):
        assert parse_yaml(aliased(4)).problems == [
            (4, 6, "yaml-alias", f"the references (`*name`) unfold into more than {size} MiB of text; a record this large is refused"),
        ]


def test_up_to_the_bound_aliases_are_fine():
    parsed = parse_yaml(aliased(2))
    assert parsed.problems == [] and parsed.data["extra"]["b"] == [BIG, BIG]


def test_no_command_copies_out_an_alias_expansion(cli, repo_factory):
    root = repo_factory({"records/people/stor.yaml": aliased(8)})
    check = cli("check", "--root", root)
    assert check.exit_code == 1
    assert "records/people/stor.yaml:4:6: error: henvisningerne (`*navn`) bliver til mere end 2 MiB tekst" in check.stderr
    for args in (("list", "people", "-f", "json"), ("show", "anna", "-f", "json"), ("query", "-f", "json", "SELECT * FROM people")):
        result = cli(*args, "--root", root)
        assert result.exit_code == 0, (args, result.stderr)
        assert len(result.stdout) < 10_000 and "xxxxxxxx" not in result.stdout, args


def test_the_text_bound_is_exact():
    half = "x" * (MAX_ALIAS_CHARS // 2)
    exactly = f'a: &a "{half}"\nb: [*a, *a]\n'  # the two copies expand to exactly the bound
    assert parse_yaml(exactly).problems == []
    past = f'a: &a "{half}x"\nb: [*a, *a]\n'
    assert [p[2] for p in parse_yaml(past).problems] == ["yaml-alias"]
