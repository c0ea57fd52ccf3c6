"""What minutes of record say and publish (format 1.2): who took part in each item, a role
and a date said once, headings at their levels, no empty heading, follow-up actions only in
internal output unless the settings publish them, and corrections (Rettelser) at the end.

Each case writes a small repository, renders it through the CLI as a secretary would, and
reads the document back.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ensomhed_cli.format.daytext import names_day

PEOPLE = {
    "records/people/anna.yaml": "kind: person\nname: Anna Holm\nparty: Socialdemokratiet (A)\ntitle: formand for Social og Sundhed\n",
    "records/people/bo.yaml": "kind: person\nname: Bo Madsen\nparty: Venstre (V)\n",
    "records/people/cai.yaml": "kind: person\nname: Cai Berg\nparty: Enhedslisten (Ø)\n",
    "records/people/dina.yaml": "kind: person\nname: Dina Lund\nparty: Venstre (V)\n",
    "records/people/eva.yaml": "kind: person\nname: Eva Friis\ntitle: udvalgssekretær\norganisation: Sekretariatet\n",
    "records/bodies/udvalget.yaml": "kind: body\nname: Social og Sundhed\ntype: committee\n"
    "members: [{person: anna, role: formand}, bo, cai, dina]\n",
}

MEETING = """\
---
kind: meeting
body: udvalget
date: 2024-03-04
start: 15:00
end: 17:00
status: held
chair: anna
secretary: eva
minutes_approved: 2024-03-11
attendees:
  - anna
  - {person: bo, from_item: 121, arrived: "15:40"}
  - {person: cai, to_item: 123, left: "16:30"}
absent:
  - {person: dina, reason: ferie}
staff:
  - {person: eva, role: referent}
items:
  - number: 120
    title: Godkendelse af dagsorden
    type: decision
    decision: Godkendt.
  - number: 121
    title: Ensomhedsstrategi
    type: decision
    decision: Indstillingen blev godkendt.
    votes:
      - {for: [anna, bo], against: [cai]}
    statements:
      - {type: dissent, by: [cai], text: Ø kan ikke støtte strategien.}
    actions:
      - {what: Sende strategien i høring, owners: [eva], due: 2024-04-01}
  - number: 123
    title: Pulje til fællesspisning
    type: decision
    decision: Godkendt.
  - number: 124
    title: Madservice
    type: decision
    status: postponed
  - number: 125
    title: Tilskud til Café Stevnen
    type: decision
    decision: Godkendt.
    absent:
      - {person: bo, conflict_of_interest: true, reason: bestyrelsesmedlem}
  - number: 125.1
    title: Orientering om tilskuddets størrelse
    type: information
amendments:
  - {date: 2024-03-20, text: "I punkt 123 er beløbet rettet fra 40.000 kr. til 45.000 kr.", by: eva}
---
"""
M = "records/meetings/2024-03-04-udvalget.md"


@pytest.fixture
def root(repo_factory):
    return repo_factory({**PEOPLE, M: MEETING})


def render(cli, root, *args: str) -> str:
    result = cli("render", "minutes", "2024-03-04-udvalget", "--root", root, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def item_part(text: str, number: str, word: str = "Punkt") -> str:
    """An item's part of a Markdown referat, from its heading to the next item's."""
    after = re.split(rf"^#{{2,3}} {word} {re.escape(number)}: .*$", text, flags=re.M)[1]
    return re.split(rf"^#{{2,3}} {word} ", after, flags=re.M)[0]


def test_the_example_checks_clean(root, cli):
    assert cli("check", "--root", root, "--strict", "--today", "2024-06-01").exit_code == 0


def test_each_decision_says_who_was_not_there(root, cli):
    text = render(cli, root)
    assert "**Fraværende:** Dina Lund (V); Bo Madsen (V) – deltog fra punkt 121" in item_part(text, "120")
    item_121 = item_part(text, "121")
    assert "**Fraværende:** Dina Lund (V)\n" in item_121
    assert "Bo Madsen (V) kom kl. 15.40 og deltog fra dette punkt." in item_121
    item_123 = item_part(text, "123")
    assert "Cai Berg (Ø) forlod mødet kl. 16.30 efter dette punkt." in item_123
    item_125 = item_part(text, "125")
    assert "**Fraværende:** Dina Lund (V); Cai Berg (Ø) – forlod mødet kl. 16.30 efter punkt 123" in item_125
    assert "**Deltog ikke i behandlingen af punktet:** Bo Madsen (V) – inhabil, bestyrelsesmedlem" in item_125
    # a postponed item has no decision, and so no one listed under it
    assert "Fraværende" not in item_part(text, "124") and "Punktet blev udsat." in item_part(text, "124")


def test_english_minutes_say_it_in_english(root, cli):
    text = render(cli, root, "--lang", "en")
    assert "**Absent:** Dina Lund (V); Bo Madsen (V) – present from item 121" in item_part(text, "120", "Item")
    assert "Bo Madsen (V) arrived at 15:40 and took part from this item." in item_part(text, "121", "Item")
    assert "Cai Berg (Ø) left the meeting at 16:30 after this item." in item_part(text, "123", "Item")
    assert "**Took no part in this item:** Bo Madsen (V) – conflict of interest, bestyrelsesmedlem" in item_part(text, "125", "Item")
    assert "## Corrections" in text


def test_the_html_minutes_say_it_too(root, cli):
    html = render(cli, root, "--format", "html").replace("\xa0", " ")  # no break inside "kl. 16.30"
    assert "<p><strong>Fraværende:</strong> Dina Lund (V); Cai Berg (Ø) – forlod mødet kl. 16.30 efter punkt 123</p>" in html
    assert "<p>Cai Berg (Ø) forlod mødet kl. 16.30 efter dette punkt.</p>" in html
    # a sub-item's heading is one level below its item's, and its own headings below that
    assert '<h2 id="punkt-125-titel">' in html and '<h3 id="punkt-125.1-titel">' in html


def test_sub_items_are_headed_under_their_item(root, cli):
    text = render(cli, root)
    assert re.findall(r"^(#+) Punkt (125(?:\.1)?):", text, flags=re.M) == [("##", "125"), ("###", "125.1")]


def test_a_role_is_said_once(root, cli):
    text = render(cli, root)
    # the title says formand already; the referent is named above and not called so again
    assert "- Anna Holm (A, formand for Social og Sundhed)\n" in text
    assert "- Eva Friis (udvalgssekretær, Sekretariatet)\n" in text
    assert "- **Referent:** Eva Friis" in text
    assert "), formand" not in text and "), referent" not in text


def test_follow_up_actions_are_internal(root, cli):
    internal = render(cli, root)
    public = render(cli, root, "--public")
    assert "Sende strategien i høring" in internal and "### Opfølgning" in internal
    assert "Sende strategien i høring" not in public and "Opfølgning" not in public
    html = render(cli, root, "--public", "--format", "html")
    assert "Sende strategien i høring" not in html


def test_the_settings_may_publish_follow_up_actions(repo_factory, cli):
    root = repo_factory({**PEOPLE, M: MEETING, "ensomhed.yaml": "public:\n  actions: true\n"})
    assert "Sende strategien i høring" in render(cli, root, "--public")


def test_the_public_site_shows_no_follow_up(root, cli, tmp_path):
    out = tmp_path / "site"
    assert cli("build", "--root", root, "--public", "-o", out).exit_code == 0
    for page in out.rglob("*.html"):
        assert "Sende strategien i høring" not in page.read_text(encoding="utf-8"), page
    internal = tmp_path / "intern"
    assert cli("build", "--root", root, "-o", internal).exit_code == 0
    assert "Sende strategien i høring" in (internal / "index.html").read_text(encoding="utf-8")


def test_a_public_export_holds_no_follow_up(root, cli, tmp_path):
    out = tmp_path / "eksport"
    assert cli("export", str(out), "--root", root, "--public").exit_code == 0
    assert (out / "actions.csv").read_text(encoding="utf-8").splitlines()[1:] == []
    assert (out / "action_owners.csv").read_text(encoding="utf-8").splitlines()[1:] == []
    internal = tmp_path / "intern"
    assert cli("export", str(internal), "--root", root).exit_code == 0
    assert "Sende strategien i høring" in (internal / "actions.csv").read_text(encoding="utf-8")


def test_corrections_end_the_minutes(root, cli):
    text = render(cli, root)
    end = text.split("Referatet blev godkendt den 11. marts 2024.", 1)[1]
    assert "## Rettelser\n\n**Rettet den 20. marts 2024 af Eva Friis:**\n\nI punkt 123 er beløbet rettet fra 40.000 kr. til 45.000 kr." in end
    agenda = cli("render", "agenda", "2024-03-04-udvalget", "--root", root).stdout
    assert "Rettelser" not in agenda


def test_no_empty_heading_over_who_took_part(repo_factory, cli):
    body = {"records/bodies/raadet.yaml": "kind: body\nname: Rådet\ntype: advisory_council\n"}
    meeting = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\nabsent: [bo]\nstaff: [eva]\n"
    root = repo_factory({**PEOPLE, **body, "records/meetings/m.yaml": meeting})
    text = cli("render", "minutes", "m", "--root", root).stdout
    assert "Til stede" not in text
    assert "\n## Afbud\n\n- Bo Madsen (V)\n" in text and "\n## Fra forvaltningen deltog\n" in text
    html = cli("render", "minutes", "m", "--root", root, "--format", "html").stdout
    assert "Til stede" not in html and '<h2 id="deltagere">Afbud</h2>' in html


# --- a date is said once ---------------------------------------------------------------------

DAY = dt.date(2023, 2, 7)


@pytest.mark.parametrize(
    "title",
    [
        "Udsatterådet 7. februar 2023",
        "Udsatterådet den 7. feb. 2023",
        "Møde 07-02-2023",
        "Møde 7/2 2023",
        "Møde 7/2-2023",
        "Møde 7.2.2023",
        "Møde 07.02.23",
        "Møde 2023-02-07",
        "Council, February 7, 2023",
        "Council 7 February 2023",
        "Ekstraordinært møde 7. februar",
    ],
    ids=["long", "abbreviated", "dashes", "slash-space", "slash-dash", "dots", "dots-short-year", "iso", "english-us",
         "english", "no-year"],
)
def test_a_title_that_names_the_day(title):
    assert names_day(title, DAY)


@pytest.mark.parametrize(
    "title",
    [
        "Udsatterådet",
        "Udsatterådet 8. februar 2023",
        "Udsatterådet 7. marts 2023",
        "Budget 2023",
        "Møde 17. februar 2023",
        "Punkt 7 om februar-puljen 2024",
        "Møde 7/2 2024",
        "Ekstraordinært møde 7. februar 2024",
    ],
    ids=["no-date", "another-day", "another-month", "a-year-alone", "17th", "a-number-and-a-month-word", "another-year",
         "another-year-long"],
)
def test_a_title_that_does_not(title):
    assert not names_day(title, DAY)


def test_a_date_is_not_printed_twice_where_the_title_holds_it(repo_factory, cli):
    meeting = MEETING.replace("body: udvalget\n", "body: udvalget\ntitle: Social og Sundhed 4. marts 2024\n").replace(
        "    decision: Indstillingen blev godkendt.\n", "    decision: Indstillingen blev godkendt.\n    plans: [plan]\n"
    )
    plan = "kind: plan\ntitle: Ensomhedsplan\nowner: udvalget\nstatus: active\n"
    root = repo_factory({**PEOPLE, M: meeting, "records/plans/plan.yaml": plan})
    page = cli("render", "plan", "plan", "--root", root, "--today", "2024-06-01").stdout
    assert "### Social og Sundhed 4. marts 2024: Punkt 121" in page
    assert "4. marts 2024, 4. marts 2024" not in page
    actions = cli("actions", "--root", root, "--by", "owner", "--today", "2024-06-01").stdout
    assert "Social og Sundhed 4. marts 2024, item 121" in actions and "2024-03-04" not in actions


def test_a_reason_that_only_says_afbud_is_not_said_again(repo_factory, cli):
    body = {"records/bodies/raadet.yaml": "kind: body\nname: Rådet\ntype: advisory_council\n"}
    absent = "absent:\n  - {person: bo, reason: Afbud.}\n  - {person: eva, reason: ferie}\n"
    meeting = "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: held\n" + absent
    root = repo_factory({**PEOPLE, **body, "records/meetings/m.yaml": meeting})
    text = cli("render", "minutes", "m", "--root", root).stdout
    assert "\n## Afbud\n\n- Bo Madsen (V)\n- Eva Friis (udvalgssekretær, Sekretariatet) – ferie\n" in text
