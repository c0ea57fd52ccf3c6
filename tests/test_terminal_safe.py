"""Record text in a consultant's terminal is shown, never obeyed.

An ESC sequence in a record could clear the screen, set the window title, hide earlier
lines or make a hyperlink; a bidi override could show text in another order; Rich
markup in a table cell could style or link it. Each command that writes record text to
a terminal (check, show, list, query, summary, diff) shows such characters escaped.
"""

from __future__ import annotations

import re

import pytest

from ensomhed_cli.printable import printable
from test_diff import edit, gitrepo  # noqa: F401 - the fixture is used by name

# Written in YAML double quotes, where \e is ESC and \a is BEL.
NASTY_YAML = r'"\e[2J\e]0;pwned\a\e]8;;https://evil.example\aklik\e]8;;\a\u202eabc\x9b1m"'
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


@pytest.mark.parametrize(
    "text, shown",
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]8;;https://x\x07link", "\\x1b]8;;https://x\\x07link"),
        ("a\u202eb\u2066c", "a\\u202eb\\u2066c"),
        ("\x9b31m\x7f\x00", "\\x9b31m\\x7f\\x00"),
        ("æøå – Ældrerådet ✓", "æøå – Ældrerådet ✓"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("carriage\rreturn", "carriage\\rreturn"),
    ],
)
def test_printable_shows_control_characters_as_escapes(text, shown):
    assert printable(text) == shown


def test_one_line_also_shows_line_breaks_and_tabs():
    assert printable("a\nb\tc\rd", one_line=True) == "a\\nb\\tc\\rd"


def test_check_shows_record_text_escaped_one_problem_per_line(cli, repo_factory):
    root = repo_factory({"records/x.yaml": f"kind: {NASTY_YAML}\n"})
    result = cli("check", "--root", root)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("records/x.yaml")]
    assert line.startswith("records/x.yaml:1:7: error: ukendt slags post `\\x1b[2J\\x1b]0;pwned\\x07")
    assert not any(c in result.stderr for c in RAW)
    github = cli("check", "--root", root, "--format", "github")
    assert not any(c in github.stdout for c in RAW) and "\\x1b[2J" in github.stdout


def test_show_list_query_and_summary_escape_record_text(cli, repo_factory):
    root = repo_factory({"records/people/eve.yaml": f"kind: person\nname: {NASTY_YAML}\ntitle: '[link=file:///etc/passwd]se her[/link]'\n"})
    env = {"COLUMNS": "250"}
    outputs = {
        "show": cli("show", "eve", "--root", root, env=env),
        "list": cli("list", "people", "--root", root, env=env),
        "query": cli("query", "SELECT name, title FROM people WHERE id = 'eve'", "--root", root, env=env),
        "summary": cli("summary", "--root", root, env=env),
    }
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.stderr)
        assert not any(c in result.stdout for c in RAW), name
    for name in ("show", "list", "query"):
        assert "\\x1b[2J" in outputs[name].stdout, name
    # Rich markup in record text is shown as the text it is, not made a link.
    for name in ("list", "query"):
        assert "[link=file:///etc/passwd]se her[/link]" in outputs[name].stdout, name


def test_diff_text_escapes_record_text(gitrepo, cli):  # noqa: F811 - the fixture
    _, root = gitrepo
    edit(root, "records/meetings/m.md", "  - title: Eventuelt\n", f"  - title: Eventuelt\n  - title: {NASTY_YAML}\n")
    result = cli("diff", "--root", root)
    assert result.exit_code == 0, result.stderr
    assert "Punkt 3 tilføjet: \\x1b[2J\\x1b]0;pwned\\x07" in result.stdout
    assert not any(c in result.stdout for c in RAW)


def test_diff_markdown_for_a_pull_request_comment_runs_nothing_and_pings_no_one():
    from ensomhed_cli.review.diff import Change, RecordChange
    from ensomhed_cli.review.report import as_markdown

    hostile = "<!-- skjult --> ~~slettet~~ @kommunaldirektoer #12 <b>fed</b> [klik](javascript:x)"
    md = as_markdown(
        [RecordChange("meeting", "weird`id", hostile, "changed", "records/m.md", changes=[Change("field-changed", "title", hostile)])],
        "main", "feature`x",
    )
    # Every character that would start HTML, a comment, a link or a strike-through is escaped.
    assert re.search(r"(?<!\\)[<>\[\]~]", md) is None, md
    assert "@kommunaldirektoer" not in md and "#12" not in md
    assert "@&#8203;kommunaldirektoer" in md and "#&#8203;12" in md and "\\~\\~slettet\\~\\~" in md
    assert "`weird`id`" not in md and "(weird\\`id)" in md
    assert md.splitlines()[0] == "### Ændringer (main → feature\\`x)"
