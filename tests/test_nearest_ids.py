"""A mistyped id gets the nearest ids wherever an id can be wrong: check, show, render,
actions --owner, list --where, new minutes. An id is written from a name, so a secretary
types part of it (`ole` for `ole-frimer`) or the name (`jørgen`): those come first, then
close spellings."""

from __future__ import annotations

import pytest

from ensomhed_cli.diagnostics import nearest, suggest

IDS = ["ole-frimer", "bo-berg", "jorgen-bjorn", "anne-bonnet", "2026-12-10-social-og-sundhed", "borgerraadgiver"]


@pytest.mark.parametrize(
    "typed, found",
    [
        ("ole", ["ole-frimer"]),  # a part of the id
        ("frimer", ["ole-frimer"]),
        ("bo", ["bo-berg"]),  # not `borgerraadgiver`: a part, not a prefix of a word
        ("Jørgen", ["jorgen-bjorn"]),  # ø as the id writes it, any case
        ("rasmussen", ["anne-bonnet"]),  # a word of the person's name
        ("2026-12-10-social-og-sundhe", ["2026-12-10-social-og-sundhed"]),  # a close spelling
        ("xyz", []),
        ("", []),
    ],
)
def test_nearest(typed, found):
    assert nearest(typed, IDS, labels={"anne-bonnet": "Anne Bonnet Rasmussen", "ole-frimer": "Ole Frimer"}) == found


def test_suggest_words_one_or_several_in_either_language():
    assert suggest("ole", IDS, "da") == " (mente du `ole-frimer`?)"
    assert suggest("social", ["2026-12-10-social-og-sundhed", "2026-12-14-social-og-sundhed"], "da") == (
        " (mente du `2026-12-10-social-og-sundhed` eller `2026-12-14-social-og-sundhed`?)"
    )
    assert suggest("social", ["a-social", "b-social"], "en") == " (did you mean `a-social` or `b-social`?)"
    assert suggest("atendees", ["attendees", "amendments", "absent"]) == " (mente du `attendees`?)"  # one spelling, Danish by default


FILES = {
    "records/people/ole-frimer.yaml": "kind: person\nname: Ole Frimer\n",
    "records/people/jorgen-bjorn.yaml": "kind: person\nname: Jørgen Bjørn Hansen\n",
    "records/meetings/2024-03-04-raadet.md": """
        ---
        kind: meeting
        body: aeldreraadet
        date: 2024-03-04
        status: held
        items:
          - title: Punkt
            decision: Godkendt.
            actions:
              - {what: Ring til foreningen, owners: [jorgen-bjorn]}
        ---
        """,
}


def test_check_suggests_the_id_of_a_part_or_a_name(cli, repo_factory):
    root = repo_factory({**FILES, "records/meetings/m2.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-05\nstatus: held\nchair: ole\nsecretary: hansen\n"})
    result = cli("check", "--root", root)
    assert "der er ingen person med id `ole` (mente du `ole-frimer`?)" in result.stderr
    assert "der er ingen person med id `hansen` (mente du `anna` eller `jorgen-bjorn`?)" in result.stderr  # both are Hansen


def test_show_render_actions_and_list_suggest_alike(cli, repo_factory):
    root = repo_factory(FILES)
    assert "(mente du `ole-frimer`?)" in cli("show", "ole", "--root", root).stderr
    assert "(mente du `2024-03-04-raadet`?)" in cli("render", "minutes", "2024-03-04-raadt", "--root", root).stderr
    result = cli("actions", "--owner", "jørgen", "--root", root)
    assert result.exit_code != 0 and "(mente du `jorgen-bjorn`?)" in result.stderr
    result = cli("list", "meetings", "--where", "body=aeldreradet", "--root", root)
    assert result.exit_code == 0
    assert "ensomhed: intet fundet med body=aeldreradet (mente du `aeldreraadet`?)" in result.stderr


@pytest.mark.parametrize("written, meant", [("møder", "meetings"), ("Moeder", "meetings"), ("indsatser", "initiatives"), ("udvalg", "bodies"), ("opfølgning", "actions")])
def test_a_kind_written_in_danish_is_told_its_name(cli, repo_factory, written, meant):
    result = cli("list", written, "--root", repo_factory({}))
    assert result.exit_code == 2 and f"ukendt slags `{written}`" in result.stderr and f"(mente du `{meant}`?)" in result.stderr
