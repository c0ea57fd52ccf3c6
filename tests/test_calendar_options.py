"""`ensomhed calendar --body … --public`: one committee's calendar, and a calendar to publish.

Every calendar is read back by both parsers (tests/calendar_parsers.py).
"""

from __future__ import annotations

import pytest

from calendar_parsers import read_both
from ensomhed_cli.query.ical import calendar_files

RAADET = "kind: body\nname: Rådet\ntype: advisory_council\n"
GRUPPEN = "kind: body\nname: Arbejdsgruppen\ntype: working_group\nplan: planen\n"


def meeting(body: str, day: str, items: str = "") -> str:
    return f"kind: meeting\nbody: {body}\ndate: {day}\nstart: 10:00\nstatus: planned\n{items}"


def plan(owner: str, milestone: str, day: str) -> str:
    return f"kind: plan\ntitle: Plan {milestone}\nowner: {owner}\nstatus: active\nmilestones:\n  - {{id: m, title: {milestone}, date: {day}}}\n"


FILES = {
    "records/bodies/raadet.yaml": RAADET,
    "records/bodies/gruppen.yaml": GRUPPEN,
    "records/meetings/a.yaml": meeting("aeldreraadet", "2024-03-04"),
    "records/meetings/b.yaml": meeting("raadet", "2024-03-05"),
    "records/meetings/c.yaml": meeting("gruppen", "2024-03-06"),
    "records/plans/aeldre.yaml": plan("aeldreraadet", "Ældrerådets milepæl", "2024-06-01"),
    "records/plans/raad.yaml": plan("raadet", "Rådets milepæl", "2024-07-01"),
    "records/plans/planen.yaml": plan("aeldreraadet", "Gruppens milepæl", "2024-08-01"),
}


def events(cli, root, *args: str) -> list[dict]:
    result = cli("calendar", "--root", root, *args)
    assert result.exit_code == 0, result.stderr
    return read_both(result.stdout_bytes)


def summaries(found: list[dict]) -> list[str]:
    return [e["summary"] for e in found]


def test_without_body_every_meeting_and_milestone(repo_factory, cli):
    found = summaries(events(cli, repo_factory(FILES)))
    assert found == ["Ældrerådet", "Rådet", "Arbejdsgruppen", "Ældrerådets milepæl (Plan Ældrerådets milepæl)",
                     "Gruppens milepæl (Plan Gruppens milepæl)", "Rådets milepæl (Plan Rådets milepæl)"]


def test_a_bodys_calendar_has_its_meetings_and_its_plans_milestones(repo_factory, cli):
    root = repo_factory(FILES)
    assert summaries(events(cli, root, "--body", "raadet")) == ["Rådet", "Rådets milepæl (Plan Rådets milepæl)"]
    # a working group follows the plan it works under (its `plan`), not the plans of its owner
    assert summaries(events(cli, root, "--body", "gruppen")) == ["Arbejdsgruppen", "Gruppens milepæl (Plan Gruppens milepæl)"]
    both = summaries(events(cli, root, "--body", "raadet", "--body", "gruppen", "--body", "raadet"))
    assert both == ["Rådet", "Arbejdsgruppen", "Gruppens milepæl (Plan Gruppens milepæl)", "Rådets milepæl (Plan Rådets milepæl)"]


def test_a_bodys_calendar_keeps_its_uids(repo_factory, cli):
    root = repo_factory(FILES)
    every = {e["summary"]: e["uid"] for e in events(cli, root)}
    assert {e["summary"]: e["uid"] for e in events(cli, root, "--body", "raadet")}.items() <= every.items()


@pytest.mark.parametrize(
    "language,message",
    [
        ("da", "ensomhed: fejl: der er intet råd eller udvalg med id `raadt` (mente du `raadet`?)\n"),
        ("en", "ensomhed: error: no body with id `raadt` (did you mean `raadet`?)\n"),
    ],
)
def test_an_unknown_body_names_the_nearest(repo_factory, cli, tmp_path, language, message):
    root = repo_factory(FILES, config=f"language: {language}\n")
    result = cli("calendar", "--root", root, "--body", "raadet", "--body", "raadt", "-o", tmp_path / "k.ics")
    assert (result.exit_code, result.stderr, result.stdout) == (1, message, "")
    assert not (tmp_path / "k.ics").exists()
    far = cli("calendar", "--root", root, "--body", "xyz")
    assert far.exit_code == 1 and "`xyz`" in far.stderr and "?" not in far.stderr


CLOSED = """\
items:
  - title: Budget
  - title: Personalesag om en medarbejder
    closed: true
"""


def test_public_lists_a_closed_item_by_its_number_only(repo_factory, cli):
    root = repo_factory({**FILES, "records/meetings/b.yaml": meeting("raadet", "2024-03-05", CLOSED)})
    [public] = events(cli, root, "--body", "raadet", "--public")[:1]
    [committee] = events(cli, root, "--body", "raadet")[:1]
    assert public["description"] == "Rådet\n1. Budget\n2. Lukket punkt"
    assert committee["description"] == "Rådet\n1. Budget\n2. Personalesag om en medarbejder"
    assert public["uid"] == committee["uid"]


def test_closed_text_never_goes_into_a_calendar(repo_factory, cli):
    described = FILES["records/plans/raad.yaml"].replace(
        "date: 2024-07-01}", "date: 2024-07-01, description: \"Temadag.\\n\\n::: lukket\\nOplægsholderen koster 60.000 kr.\\n:::\\n\"}"
    )
    root = repo_factory({**FILES, "records/plans/raad.yaml": described})
    for args in ([], ["--public"]):
        [milestone] = [e for e in events(cli, root, "--body", "raadet", *args) if e["categories"] == ["Milepæl"]]
        assert "Temadag." in milestone["description"] and "[lukket tekst udeladt]" in milestone["description"]
        assert "60.000" not in milestone["description"]


LEAK = "items:\n  - title: Jens Hansen kan kontaktes på 23 45 67 89.\n"


@pytest.mark.parametrize("args", [[], ["--public"]], ids=["committee", "public"])
def test_personal_data_stops_a_calendar_that_would_hold_it(repo_factory, cli, tmp_path, args):
    root = repo_factory({**FILES, "records/meetings/b.yaml": meeting("raadet", "2024-03-05", LEAK)})
    result = cli("calendar", "--root", root, *args, "-o", tmp_path / "k.ics")
    assert result.exit_code == 1 and "fund af personoplysninger i det, der skulle offentliggøres" in result.stderr
    assert "records/meetings/b.yaml:7:" in result.stderr and not (tmp_path / "k.ics").exists()
    # another body's calendar does not hold that meeting, and is made
    assert summaries(events(cli, root, "--body", "gruppen", *args)) == ["Arbejdsgruppen", "Gruppens milepæl (Plan Gruppens milepæl)"]


def test_a_calendar_is_made_from_its_meetings_plans_and_bodies(repo_factory):
    from ensomhed_cli.api import load

    repo, _ = load(repo_factory(FILES))
    assert calendar_files(repo, ["gruppen"]) == {"records/meetings/c.yaml", "records/plans/planen.yaml", "records/bodies/gruppen.yaml"}
    assert "records/people/anna.yaml" not in calendar_files(repo)


def test_the_vtimezone_is_rrules_only(repo_factory, cli):
    result = cli("calendar", "--root", repo_factory(FILES))
    assert b"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" in result.stdout_bytes
    assert b"RDATE" not in result.stdout_bytes
    assert result.stdout_bytes.count(b"BEGIN:STANDARD") == result.stdout_bytes.count(b"BEGIN:DAYLIGHT") == 1


def test_the_help_names_the_options(cli):
    result = cli("calendar", "--help")
    assert result.exit_code == 0
    assert "--body" in result.stdout and "--public" in result.stdout and "SEQUENCE" in result.stdout


def test_the_shell_completes_body_ids(repo_factory):
    from types import SimpleNamespace

    from ensomhed_cli.cli.completion import COMPLETERS

    ctx = SimpleNamespace(params={"root": str(repo_factory(FILES))}, args=[])
    assert sorted(COMPLETERS["calendar", "body"](ctx, None, "")) == ["aeldreraadet", "gruppen", "raadet"]
    assert COMPLETERS["calendar", "body"](ctx, None, "g") == ["gruppen"]
