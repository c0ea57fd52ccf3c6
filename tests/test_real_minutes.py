"""A record set written from real published Danish minutes (tests/fixtures/referat; its README
names the sources): it checks clean, renders to golden files in Danish and English, and the
referat holds what a committee secretary looks for before publishing it.

Regenerate the golden files with UPDATE_GOLDEN=1 and read them before committing.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path

import pytest

from ensomhed_cli.api import load, render_document
from ensomhed_cli.format.schema import Meeting

HERE = Path(__file__).parent
ROOT = HERE / "fixtures" / "referat"
GOLDEN = HERE / "golden" / "referat"
TODAY = dt.date(2022, 7, 1)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

EARLIER = "2022-05-04-social-og-sundhed"
LATER = "2022-06-08-social-og-sundhed"
MEETINGS = (EARLIER, LATER)

# (document, meeting, public, output, lang): both meetings' agenda and minutes in md and html,
# Danish and English, and the public minutes in Danish.
GOLDEN_CASES = [
    (document, meeting, False, output, lang)
    for document in ("agenda", "minutes")
    for meeting in MEETINGS
    for output in ("md", "html")
    for lang in ("da", "en")
] + [("minutes", meeting, True, output, "da") for meeting in MEETINGS for output in ("md", "html")]


def _golden_name(document, meeting, public, output, lang):
    return f"{document}__{meeting}__{'public' if public else 'internal'}__{lang}.{output}"


@pytest.fixture(scope="module")
def repo():
    repo, diagnostics = load(ROOT)
    assert diagnostics == []
    return repo


@pytest.fixture(scope="module")
def minutes(repo):
    """The Danish minutes in Markdown: minutes[(meeting, public)]."""
    return {
        (m, public): render_document(repo, "minutes", m, output="md", lang="da", public=public, today=TODAY)
        for m in MEETINGS
        for public in (False, True)
    }


# --- (a) the records check clean ----------------------------------------------------------


def test_fixture_loads_without_diagnostics():
    repo, diagnostics = load(ROOT)
    assert diagnostics == []
    assert [m.id for m in repo.meetings] == [EARLIER, LATER]
    assert repo.config.municipality == "Stevns Kommune"


def test_check_command_reports_no_errors_and_no_warnings(cli):
    result = cli("check", "--root", ROOT, "--no-cache", "--strict")
    assert result.exit_code == 0, result.stderr
    assert "error:" not in result.stderr and "warning:" not in result.stderr
    assert "2 møder): ingen problemer" in result.stderr
    assert not (ROOT / ".ensomhed-cache").exists()


# --- (b) golden files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "document, meeting, public, output, lang",
    GOLDEN_CASES,
    ids=[_golden_name(*case).replace(".", "-") for case in GOLDEN_CASES],
)
def test_golden_output(repo, document, meeting, public, output, lang):
    text = render_document(repo, document, meeting, output=output, lang=lang, public=public, today=TODAY)
    path = GOLDEN / _golden_name(document, meeting, public, output, lang)
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path.name}; run UPDATE_GOLDEN=1 .venv/bin/python -m pytest {__file__}"
    assert text == path.read_text(encoding="utf-8")


def test_no_stale_golden_files():
    expected = {_golden_name(*case) for case in GOLDEN_CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected


@pytest.mark.parametrize(
    "args, name",
    [
        (("minutes", LATER), _golden_name("minutes", LATER, False, "md", "da")),
        (("minutes", EARLIER, "--public", "--format", "html"), _golden_name("minutes", EARLIER, True, "html", "da")),
        (("agenda", LATER, "--lang", "en"), _golden_name("agenda", LATER, False, "md", "en")),
    ],
    ids=["minutes-md", "public-minutes-html", "agenda-en"],
)
def test_render_command_prints_the_golden_text(cli, args, name):
    result = cli("render", *args, "--root", ROOT, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / name).read_text(encoding="utf-8")


# --- (c) what a secretary checks ------------------------------------------------------------


def _items(text: str) -> dict[str, str]:
    """Each item's part of a Markdown document, by item number ("54", "56.1")."""
    body = text.split("\n---\n")[0]
    parts = re.split(r"^###? Punkt (\S+?): .*$", body, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def _people(text: str) -> dict[str, set[str]]:
    """The names that begin a line under Til stede, Afbud and Fraværende (not a substitute
    named later on an Afbud line)."""
    block = text.split("\n## Til stede\n", 1)[1].split("\n## ", 1)[0]
    groups = {"Til stede": block.split("\n### ", 1)[0]}
    for part in block.split("\n### ")[1:]:
        heading, _, rest = part.partition("\n")
        groups[heading.strip()] = rest
    return {
        heading: {re.split(r" \(| –|,", line[2:], maxsplit=1)[0].strip() for line in rest.splitlines() if line.startswith("- ")}
        for heading, rest in groups.items()
    }


def _line_with(text: str, label: str) -> list[str]:
    return [line for line in text.splitlines() if label in line]


def _flat(text: str) -> str:
    """Text as a reader sees it: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _closed_item(repo):
    meeting = repo.get(EARLIER)
    assert isinstance(meeting, Meeting)
    (item,) = [it for it in meeting.items if it.closed]
    return item


def _texts(item) -> list[str]:
    """Every text an item holds besides its number and title."""
    texts = [item.summary, item.description, item.economy, item.recommendation, item.decision]
    texts += [s.title for s in item.sections] + [s.text for s in item.sections]
    texts += [a.title for a in item.attachments] + [a.url for a in item.attachments]
    texts += [a.what for a in item.actions]
    texts += [v.motion for v in item.votes] + [s.text for s in item.statements]
    texts += [a.reason for a in item.absent]
    return [t for t in texts if t]


def _sentences(text: str) -> list[str]:
    """A text cut at paragraphs, list numbers and full stops, whitespace collapsed."""
    out = []
    for part in re.split(r"\n\s*\d+\.\s+|\n\s*\n", text):
        out += [s for s in re.split(r"(?<=\.)\s+", " ".join(part.split())) if len(s) >= 12]
    return out


def _closed_sentences(repo) -> list[str]:
    """The closed item's sentences, less boilerplate that open items share ("Forvaltningen indstiller, at")."""
    shared = {
        s
        for m in MEETINGS
        for it in repo.get(m).items
        if not it.closed
        for text in _texts(it) + [it.title]
        for s in _sentences(text)
    }
    return [s for text in _texts(_closed_item(repo)) for s in _sentences(text) if s not in shared]


@pytest.mark.parametrize("output", ["md", "html"])
def test_public_minutes_hold_nothing_of_the_closed_item_but_number_and_title(repo, output):
    item = _closed_item(repo)
    sentences = _closed_sentences(repo)
    assert len(sentences) >= 12

    def rendered(meeting, public):
        raw = render_document(repo, "minutes", meeting, output=output, public=public, today=TODAY)
        return _flat(raw) + "\n" + html.unescape(raw)  # the text as read, and the markup (links) as written

    internal = rendered(EARLIER, False)
    public = {m: rendered(m, True) for m in MEETINGS}
    # The sentences are real: the internal minutes hold every one of them.
    assert [s for s in sentences if s not in internal] == []
    for meeting, text in public.items():
        assert [s for s in sentences if s in text] == [], meeting
        for token in ("Tilbudsgiver", "84,6", "88,1", "sag.invalid", "Fortrolighed", "nærtstående", "standstill"):
            assert token not in text, (meeting, token)
    assert f"{item.number}: {item.title}" in public[EARLIER]
    # Not even as the earlier treatment of the open item on the same case.
    assert item.title not in public[LATER]
    # Nor in the public agendas.
    for meeting in MEETINGS:
        raw = render_document(repo, "agenda", meeting, output=output, public=True, today=TODAY)
        agenda = _flat(raw) + "\n" + html.unescape(raw)
        assert [s for s in sentences if s in agenda] == [], meeting
        assert "Tilbudsgiver" not in agenda, meeting


def test_public_minutes_say_the_item_is_closed(minutes):
    text = minutes[(EARLIER, True)]
    assert "Punkt 47: Nyt plejecenter – valg af totalentreprenør (Lukket punkt)" in text
    part = _items(text)["47"]
    assert "lukket" in part.lower()
    assert "Beslutning" not in part and "Afstemning" not in part and "inhabil" not in part


def test_later_item_shows_the_earlier_decision_under_tidligere_behandling(minutes, repo):
    earlier_decision = " ".join(repo.get(EARLIER).items[3].decision.split())
    for public in (False, True):
        part = _items(minutes[(LATER, public)])["54"]
        flat = " ".join(part.split())
        assert "Tidligere behandling" in flat
        assert "Beslutning i Udvalget for Social og Sundhed den 4. maj 2022" in flat
        assert earlier_decision in flat
        assert flat.index("Tidligere behandling") < flat.index(earlier_decision)
        # This meeting's own decision is another one, under its own date.
        assert "Beslutning i Udvalget for Social og Sundhed den 8. juni 2022" in flat
    # The postponed treatment shows as postponed.
    part = " ".join(_items(minutes[(LATER, False)])["53"].split())
    assert "Tidligere behandling" in part and "Punktet blev udsat." in part


def test_agenda_of_the_later_meeting_shows_the_earlier_treatment_but_no_decision_of_its_own(repo):
    agenda = render_document(repo, "agenda", LATER, output="md", today=TODAY)
    part = " ".join(_items(agenda)["54"].split())
    assert "Tidligere behandling" in part and "Beslutning i Udvalget for Social og Sundhed den 4. maj 2022" in part
    assert "Beslutning i Udvalget for Social og Sundhed den 8. juni 2022" not in part
    assert "Høringssvarene blev taget til efterretning." not in agenda
    assert "For stemte" not in agenda and "Mindretalsudtalelse" not in agenda


def test_votes_name_who_voted_for_against_and_abstained(minutes):
    part = _items(minutes[(LATER, False)])["54"]
    assert "Ændringsforslag fra Ida Mortensen (Ø)" in part
    (for_amendment, for_recommendation) = _line_with(part, "For stemte")
    assert "Ida Mortensen (Ø)" in for_amendment
    assert "A" in for_recommendation.split(":", 1)[-1] and "Karen Dahl (løsgænger)" in for_recommendation
    (against_amendment, against_recommendation) = _line_with(part, "Imod stemte")
    for name in ("Lone Kragh (A)", "Birthe Vang (A)", "Karen Dahl (løsgænger)"):
        assert name in against_amendment
    assert "Ida Mortensen" not in against_recommendation
    abstained = _line_with(part, "Undlod at stemme")
    assert len(abstained) == 2 and "Ida Mortensen (Ø)" in abstained[1]


def test_statements_are_minuted_as_mindretalsudtalelse_and_protokoltilfoersel(minutes):
    later = " ".join(_items(minutes[(LATER, False)])["54"].split())
    assert "Mindretalsudtalelse" in later and "Ida Mortensen (Ø)" in later
    assert "Enhedslisten kan ikke tiltræde, at indsatsen afgrænses til ældre" in later
    earlier = " ".join(_items(minutes[(EARLIER, True)])["43"].split())
    assert "Protokoltilførsel" in earlier and "Per Sandholm (V)" in earlier
    assert "merforbruget til vikarer bør finansieres inden for udvalgets egen ramme" in earlier


def test_the_inhabil_member_is_named_under_the_item_only(minutes):
    items = _items(minutes[(LATER, False)])
    lines = _line_with(items["52"], "inhabil")
    assert len(lines) == 1 and "Ida Mortensen" in lines[0] and "Deltog ikke i behandlingen af punktet" in lines[0]
    assert [n for n, part in items.items() if "inhabil" in part] == ["52"]


def test_nobody_is_listed_both_present_and_absent(minutes):
    expected = {
        EARLIER: ({"Lone Kragh", "Karen Dahl", "Per Sandholm", "Ida Mortensen", "Birthe Vang"}, {"Jens Holm"}, set()),
        LATER: ({"Lone Kragh", "Karen Dahl", "Ida Mortensen", "Birthe Vang"}, {"Jens Holm"}, {"Per Sandholm"}),
    }
    for meeting, (present, afbud, fravaerende) in expected.items():
        people = _people(minutes[(meeting, False)])
        assert people["Til stede"] == present, meeting
        assert people.get("Afbud", set()) == afbud, meeting
        assert people.get("Fraværende", set()) == fravaerende, meeting
        assert not people["Til stede"] & (people.get("Afbud", set()) | people.get("Fraværende", set()))


def test_the_substitute_is_named_with_the_member_sending_apologies(minutes):
    (line,) = _line_with(minutes[(EARLIER, False)], "- Jens Holm")
    assert "lovligt forfald" in line and "Birthe Vang" in line


def test_staff_are_listed_apart_from_the_members(minutes):
    people = _people(minutes[(LATER, False)])
    assert people["Fra forvaltningen deltog"] == {"Mette Lund", "Søren Bak"}


def test_partial_attendance_is_minuted(minutes):
    (came,) = _line_with(minutes[(EARLIER, False)], "- Ida Mortensen")
    assert "deltog fra punkt 43" in came and "15.40" in came
    (left,) = _line_with(minutes[(LATER, False)], "- Karen Dahl")
    assert "forlod mødet kl. 16.45 efter punkt 55" in left


def test_minutes_end_with_the_time_the_meeting_ended_and_when_they_were_approved(minutes):
    assert "Mødet sluttede kl. 17.45." in minutes[(EARLIER, False)]
    assert "Mødet sluttede kl. 17.15." in minutes[(LATER, True)]
    assert "Referatet blev godkendt den 10. juni 2022." in minutes[(LATER, False)]


def test_postponed_item_has_no_decision(minutes):
    part = _items(minutes[(EARLIER, False)])["45"]
    assert "Punktet blev udsat." in part and "Beslutning" not in part


def test_sub_items_follow_their_parent(minutes):
    order = list(_items(minutes[(LATER, False)]))
    assert order == ["51", "52", "53", "54", "55", "56", "56.1", "56.2", "57", "58"]
    # a sub-item is a section of its item: one heading level down, its own headings too
    text = minutes[(LATER, False)]
    assert re.findall(r"^(#+) Punkt 5[67](?:\.\d)?:", text, flags=re.M) == ["##", "###", "###", "##"]
    assert "\n#### Sagsfremstilling\n\nCenterchefen orienterede" in text


def test_attachments_are_numbered_and_linked(minutes):
    part = _items(minutes[(LATER, True)])["52"]
    for n in (1, 2, 3, 4):
        assert f"Bilag {n}" in part
    assert "https://stevns.dk/politik-demokrati-and-indflydelse/dagsordener-and-referater?agendaId=" in part


def test_follow_up_names_a_person_and_the_department_with_due_dates(minutes):
    part = _items(minutes[(LATER, False)])["54"]
    (department,) = _line_with(part, "Indsende ansøgningen til puljen")
    assert "Sundhed & Omsorg" in department and "30. juni 2022" in department
    (person,) = _line_with(part, "Orientere Ældrerådet og Stevns Udsatteråd")
    assert "Lone Kragh" in person and "31. august 2022" in person


def test_english_minutes_use_english_labels(repo):
    text = render_document(repo, "minutes", LATER, output="md", lang="en", today=TODAY)
    for label in ("Present", "Apologies", "Absent", "Earlier treatment", "Minority statement"):
        assert label in text, label
    for danish in ("Til stede", "Afbud", "Tidligere behandling", "For stemte", "Mødet sluttede"):
        assert danish not in text, danish
