"""Tables for people and for scripts: piped, plain tab-separated rows that grep can trust;
on a terminal, a drawn table of the first screens and how many more there are."""

from __future__ import annotations

import pytest

from ensomhed_cli.cli import common

MEETING = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-{day:02d}\nstatus: planned\ntitle: {title}\n"
LONG_ID = "2024-03-01-et-meget-langt-moede-id-som-en-smal-tabel-ville-dele-over-flere-linjer"


@pytest.fixture
def many(repo_factory):
    files = {f"records/meetings/m{n:03d}.yaml": MEETING.format(day=n % 28 + 1, title=f"Møde {n}") for n in range(250)}
    files[f"records/meetings/{LONG_ID}.yaml"] = MEETING.format(day=1, title='"Tab\\there, line\\nbreak, \\e[31mred"')
    return repo_factory(files)


def test_piped_rows_are_one_line_each_with_every_id_whole(cli, many):
    result = cli("list", "meetings", "--root", many)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "id\tdate\tstart\tbody\ttitle\tstatus\titems"
    assert len(lines) == 1 + 251  # a header and a row per meeting: no count, no "more"
    assert all(line.count("\t") == 6 for line in lines)
    row = next(line for line in lines if line.startswith(LONG_ID + "\t"))
    # record text keeps to its cell and its line; an escape sequence is shown, not obeyed
    assert row.split("\t")[4] == "Tab\\there, line\\nbreak, \\x1b[31mred"


def test_a_terminal_gets_a_drawn_table_of_the_first_screens(cli, many, monkeypatch):
    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    result = cli("--color", "never", "list", "meetings", "--root", many)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "┃ id" in out and "┃ dato" in out and "┃ titel" in out  # drawn, in the repository's language
    assert "planlagt" in out and "planned" not in out
    assert "51 flere: brug --format csv, eller send uddata videre, for at få alle rækker" in out
    assert out.rstrip().endswith("251 møder")
    assert "m000" in out and "\x1b[31m" not in out


def test_a_terminal_table_in_english_and_counted_right(cli, repo_factory, monkeypatch):
    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    root = repo_factory({"records/meetings/m.yaml": MEETING.format(day=1, title="Et møde")}, config="language: en\n")
    out = cli("--color", "never", "list", "meetings", "--root", root).stdout
    assert "┃ date" in out and "planned" in out and out.rstrip().endswith("1 meeting")


@pytest.mark.parametrize("columns", ["80", "120"])
def test_a_terminal_table_never_splits_an_id(cli, repo_factory, monkeypatch, columns):
    """Ids and dates keep whole; titles wrap instead."""
    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", columns)
    title = "Dialogmøde om handleplanen mod ensomhed og den fremtidige organisering af frivilligindsatsen i kommunen"
    files = {f"records/meetings/2026-12-{d}-social-og-sundhed.yaml": MEETING.format(day=d, title=title).replace("aeldreraadet", "social-og-sundhedsudvalget") for d in (10, 14)}
    files["records/bodies/social-og-sundhedsudvalget.yaml"] = "kind: body\nname: Social- og Sundhedsudvalget\ntype: committee\n"
    root = repo_factory(files)
    out = cli("--color", "never", "list", "meetings", "--root", root).stdout
    for d in (10, 14):
        assert f"2026-12-{d}-social-og-sundhed" in out, out
    assert "social-og-sundhedsudvalget" in out
    assert max(len(line) for line in out.splitlines()) <= int(columns)


def test_query_and_actions_by_owner_are_plain_rows_when_piped(cli, repo_factory):
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: a\n    decision: Ja.\n"
        "    actions:\n      - {what: Ring, owners: [anna, bo], due: 2024-04-01}\n"
    )
    root = repo_factory({"records/meetings/m.yaml": meeting})
    query = cli("query", "--root", root, "SELECT id, date FROM meetings")
    assert query.stdout == "id\tdate\nm\t2024-03-04\n"
    grouped = cli("actions", "--root", root, "--by", "owner", "--today", "2024-05-01").stdout.splitlines()
    assert grouped == [
        "owner\twhat\tdue\tstatus\tdecision",
        "Anna Hansen\tRing\t2024-04-01 (overdue)\topen\tÆldrerådet 2024-03-04, item 1: a",
        "Bo Madsen\tRing\t2024-04-01 (overdue)\topen\tÆldrerådet 2024-03-04, item 1: a",
    ]


def test_the_summary_never_splits_an_id_at_80_columns(cli, monkeypatch):
    from pathlib import Path

    monkeypatch.setenv("COLUMNS", "80")
    result = cli("summary", "--root", Path(__file__).resolve().parent.parent)
    assert result.exit_code == 0, result.stderr
    for wanted in ("sundheds-og-omsorgsudvalget", "udvalget-for-social-omsorg", "socialforvaltningen-koebenhavn"):
        assert wanted in result.stdout
