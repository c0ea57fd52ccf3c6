"""A plan's status report tells the truth as of its date (issue 16): goals that moved away from
or past their target, the consultant's assessment in words and with a symbol, milestones overdue,
due and done, the coming meetings of the plan's bodies, reach periods counted once, budget per
year and per source; and each initiative's own page, linked from the plan and from items.

Every case is a real repository written with repo_factory and rendered through the CLI or the
ContextBuilder; the texts are asserted exactly, in Danish and in English.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ensomhed_cli.api import load
from ensomhed_cli.render.context import ContextBuilder
from ensomhed_cli.render.site import build_site

FILES = {
    "records/bodies/gruppe.yaml": """
        kind: body
        name: Arbejdsgruppen for besøg
        type: working_group
        plan: plan
        """,
    "records/bodies/andet.yaml": """
        kind: body
        name: Et andet udvalg
        type: committee
        """,
    "records/plans/plan.yaml": """
        kind: plan
        title: Ensomhedsplan 2024-2027
        owner: aeldreraadet
        status: active
        period: {from: 2024-01-01, to: 2027-12-31}
        goals:
          - id: ned
            title: Færre ensomme ældre
            unit: pct.
            baseline: {value: 10, date: 2022-01-01}
            target: {value: 6, date: 2027-12-31}
            status: off_track
            measurements:
              - {date: 2023-01-01, value: 9}
              - {date: 2024-06-01, value: 11, note: Sundhedsprofilen}
          - id: op
            title: Flere i foreningslivet
            unit: personer
            baseline: {value: 100}
            target: {value: 200}
            status: achieved
            measurements: [{date: 2024-05-01, value: 250}]
          - id: praecis
            title: Flere deltagere i alt
            unit: personer
            baseline: {value: 0}
            target: {value: 1333}
            status: on_track
            measurements: [{date: 2024-09-01, value: 1333}]
          - id: indbyggere
            title: Vi bor 32.000 indbyggere i kommunen i 2030
            unit: indbyggere
            direction: increase
            target: {value: 32000, date: 2030-01-01}
            status: at_risk
            measurements: [{date: 2024-01-01, value: 30700}]
          - id: uden
            title: Et mål uden målinger
            baseline: {value: 1}
            target: {value: 2}
            status: not_started
        milestones:
          - {id: start, title: Opstart, date: 2024-01-15, status: done}
          - {id: evaluering, title: Midtvejsevaluering, date: 2024-11-30}
          - {id: kvartal, title: Kvartalsrapport, date: 2024-Q4}
          - {id: seminar, title: Seminar, date: 2025-01-31}
          - {id: senere, title: Slutevaluering, date: 2025-06}
          - {id: efter, title: Temadag, date: 2025-01-10, status: done}
          - {id: aflyst, title: Aflyst møde, date: 2024-12-01, status: cancelled}
        """,
    "records/initiatives/cafe.yaml": """
        kind: initiative
        title: Café for ældre der bor alene i landdistrikterne
        status: active
        category: community
        plans: [plan]
        budget:
          - {amount: 200000, year: 2024, source: kommune}
          - {amount: 250000, year: 2025, source: kommune}
          - {amount: 100000, year: 2024, source: Ældrepuljen}
        reach:
          - {from: 2024-01-01, date: 2024-03-31, participants: 1000, new_relations: 10, note: Første kvartal}
          - {date: 2024-06-30, participants: 333, new_relations: 5}
          - {date: 2025-03-31, participants: 50}
        """,
    "records/initiatives/besoeg.yaml": """
        kind: initiative
        title: Besøgsvenner
        status: planned
        category: outreach
        goals: ['plan#ned']
        budget: {amount: 50000}
        """,
    "records/meetings/m1.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2024-06-01
        status: held
        items:
          - title: Status på planen
            plans: [plan]
            initiatives: [cafe]
            decision: Ældrerådet tog orienteringen til efterretning.
            actions:
              - {what: Skriv til foreningerne, owners: [anna], due: 2024-12-01, status: done, done_on: 2025-01-05}
              - {what: Allerede gjort, owners: [bo], status: done, done_on: 2024-07-01}
          - title: Hemmelig sag om caféen
            closed: true
            initiatives: [cafe]
            decision: Lukket beslutning.
        """,
    "records/meetings/m2.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2025-02-01
        status: held
        items:
          - title: Ny status
            plans: [plan]
            decision: Senere beslutning.
        """,
    "records/meetings/m3.yaml": """
        kind: meeting
        body: gruppe
        date: 2025-01-15
        start: "16:00"
        end: "18:00"
        location: Rådhuset
        status: planned
        """,
    "records/meetings/m4.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2025-01-10
        status: cancelled
        """,
    "records/meetings/m5.yaml": """
        kind: meeting
        body: andet
        date: 2025-01-20
        status: planned
        """,
}

AS_OF = "2024-12-31"

STATUS_DA = """## Status pr. 31. december 2024

| Mål | Seneste måling | Fremdrift | Vurdering |
|---|---|---|---|
| Færre ensomme ældre | 11 pct. (1. juni 2024) | gået tilbage: 25 pct. længere fra målet | ▼ ikke på rette vej |
| Flere i foreningslivet | 250 personer (1. maj 2024) | målet er nået og overskredet | ✓ nået |
| Flere deltagere i alt | 1.333 personer (1. september 2024) | målet er nået | ▲ på rette vej |
| Vi bor 32.000 indbyggere i kommunen i 2030 | 30.700 indbyggere (1. januar 2024) | 1.300 indbyggere fra målet | ● i risiko |
| Et mål uden målinger | ingen måling endnu |  | ○ ikke startet |

**Overskredne milepæle:** Midtvejsevaluering (30. november 2024).

**Milepæle de næste 6 uger:** Kvartalsrapport (4. kvartal 2024); Temadag (10. januar 2025); Seminar (31. januar 2025).

**Udførte milepæle:** Opstart (15. januar 2024).

| Indsats | Deltagere | Nye relationer | Budget |
|---|---|---|---|
| Besøgsvenner | ikke opgjort | ikke opgjort | 50.000 kr. |
| Café for ældre der bor alene i landdistrikterne | 1.333 | 15 | 200.000 kr. (2024, kommune); 250.000 kr. (2025, kommune); 100.000 kr. (2024, Ældrepuljen) |
| **I alt** | **1.333** | **15** | |

**Budget pr. år:** 2024: 300.000 kr.; 2025: 250.000 kr.; ikke angivet: 50.000 kr.

**Budget pr. finansieringskilde:** kommune: 450.000 kr.; Ældrepuljen: 100.000 kr.; ikke angivet: 50.000 kr.

**Kommende møder:**

- Arbejdsgruppen for besøg, onsdag den 15. januar 2025, kl. 16.00–18.00, Rådhuset
- Ældrerådet, lørdag den 1. februar 2025

"""

STATUS_EN = """## Status as of 31 December 2024

| Goal | Latest measurement | Progress | Assessment |
|---|---|---|---|
| Færre ensomme ældre | 11% (1 June 2024) | moved back: 25% further from the target | ▼ off track |
| Flere i foreningslivet | 250 personer (1 May 2024) | target reached and passed | ✓ achieved |
| Flere deltagere i alt | 1,333 personer (1 September 2024) | target reached | ▲ on track |
| Vi bor 32.000 indbyggere i kommunen i 2030 | 30,700 indbyggere (1 January 2024) | 1,300 indbyggere from the target | ● at risk |
| Et mål uden målinger | no measurement yet |  | ○ not started |

**Overdue milestones:** Midtvejsevaluering (30 November 2024).

**Milestones in the next 6 weeks:** Kvartalsrapport (Q4 2024); Temadag (10 January 2025); Seminar (31 January 2025).

**Milestones done:** Opstart (15 January 2024).

| Initiative | Participants | New relations | Budget |
|---|---|---|---|
| Besøgsvenner | not counted | not counted | DKK 50,000 |
| Café for ældre der bor alene i landdistrikterne | 1,333 | 15 | DKK 200,000 (2024, kommune); DKK 250,000 (2025, kommune); DKK 100,000 (2024, Ældrepuljen) |
| **Total** | **1,333** | **15** | |

**Budget by year:** 2024: DKK 300,000; 2025: DKK 250,000; not given: DKK 50,000

**Budget by source:** kommune: DKK 450,000; Ældrepuljen: DKK 100,000; not given: DKK 50,000

**Coming meetings:**

- Arbejdsgruppen for besøg, Wednesday 15 January 2025, 16:00–18:00, Rådhuset
- Ældrerådet, Saturday 1 February 2025

"""


def status_section(markdown: str) -> str:
    """The report's status section: from its heading to the next second-level heading."""
    return re.search(r"^## Status.*?(?=^## )", markdown, re.S | re.M).group(0)


@pytest.fixture
def repo(repo_factory):
    # Checked on the day the report is made, its meetings in 2025 are still to come; the one
    # already marked held (m2, whose decision a report as of a later day shows) is the only problem.
    repository, diagnostics = load(repo_factory(FILES), today=dt.date.fromisoformat(AS_OF))
    assert [(d.code, d.path) for d in diagnostics] == [("held-in-future", "records/meetings/m2.yaml")]
    return repository


def plan_on(repo, day: dt.date, lang: str = "da", **kwargs):
    return ContextBuilder(repo, lang, today=day, **kwargs).plan(repo.get("plan"))["plan"]


# --- the status section through the CLI ----------------------------------------------------


def test_the_status_section_in_danish(repo_factory, cli):
    result = cli("render", "plan", "plan", "--root", repo_factory(FILES), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    # Goals below their baseline, past, at and short of their target; milestones overdue,
    # due within 6 weeks (a quarter at its end; one done only after the date) and done;
    # cumulative reach counted once per period; meetings after the date, the cancelled
    # one and another body's left out; the meeting held later was still to come.
    assert status_section(result.stdout) == STATUS_DA


def test_the_status_section_in_english(repo_factory, cli):
    result = cli("render", "plan", "plan", "--root", repo_factory(FILES), "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert status_section(result.stdout) == STATUS_EN


def test_as_of_and_today_name_the_same_day(repo_factory, cli):
    root = repo_factory(FILES)
    same = cli("render", "plan", "plan", "--root", root, "--as-of", AS_OF, "--today", AS_OF)
    assert same.exit_code == 0 and "## Status pr. 31. december 2024\n" in same.stdout
    today = cli("render", "plan", "plan", "--root", root, "--today", AS_OF)
    assert status_section(today.stdout) == STATUS_DA
    differ = cli("render", "plan", "plan", "--root", root, "--as-of", AS_OF, "--today", "2025-01-01")
    assert differ.exit_code == 2
    assert differ.stderr == "ensomhed: fejl: --as-of 2024-12-31 og --today 2025-01-01 nævner to forskellige dage; giv kun den ene\n"
    bad = cli("render", "plan", "plan", "--root", root, "--as-of", "31-12-2024")
    assert (bad.exit_code, bad.stderr) == (2, "ensomhed: fejl: --as-of 31-12-2024: skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-03-04\n")


def test_the_status_date_defaults_to_today(repo_factory, cli):
    from ensomhed_cli.render.i18n import Formatter

    result = cli("render", "plan", "plan", "--root", repo_factory(FILES))
    assert f"## Status pr. {Formatter('da').date(dt.date.today())}\n" in result.stdout


# --- as of an earlier date ---------------------------------------------------------------


def test_an_earlier_date_knows_only_what_was_known_then(repo):
    plan = plan_on(repo, dt.date(2023, 12, 31))
    goals = {g["id"]: (g["latest_text"], g["progress"], g["progress_text"]) for g in plan["goals"]}
    assert goals == {
        "ned": ("9 pct. (1. januar 2023)", 0.25, "25 pct. af vejen"),
        "op": ("ingen måling endnu", None, ""),
        "praecis": ("ingen måling endnu", None, ""),
        "indbyggere": ("ingen måling endnu", None, ""),
        "uden": ("ingen måling endnu", None, ""),
    }
    assert [g["measurements"] for g in plan["goals"]][0] == [
        {"date": "2023-01-01", "date_text": "1. januar 2023", "value": 9, "value_text": "9 pct.", "note": None}
    ]
    assert (plan["milestones_overdue"], plan["milestones_done"]) == ([], [])
    # Opstart is marked done, but on 15 January 2024: on the date it was still due, within 6 weeks.
    assert [(m["title"], m["state_label"]) for m in plan["milestones_due"]] == [("Opstart", "planlagt")]
    assert [(i["title"], i["reach"], i["reach_total"]["participants_text"]) for i in plan["initiatives"]] == [
        ("Besøgsvenner", [], "ikke opgjort"),
        ("Café for ældre der bor alene i landdistrikterne", [], "ikke opgjort"),
    ]
    assert plan["reach_total"] == {"participants": None, "new_relations": None, "participants_text": "ikke opgjort", "new_relations_text": "ikke opgjort"}
    assert (plan["decisions"], plan["open_actions"]) == ([], [])
    assert [(m["id"], m["date_text"]) for m in plan["coming_meetings"]] == [
        ("m1", "lørdag den 1. juni 2024"),
        ("m3", "onsdag den 15. januar 2025"),
        ("m2", "lørdag den 1. februar 2025"),
    ]
    assert plan["as_of_text"] == "Status pr. 31. december 2023"


def test_a_quarter_is_overdue_only_after_its_last_day(repo):
    on_the_day = plan_on(repo, dt.date(2024, 12, 31))
    assert [m["id"] for m in on_the_day["milestones_overdue"]] == ["evaluering"]
    day_after = plan_on(repo, dt.date(2025, 1, 1))
    assert [(m["id"], m["state_label"]) for m in day_after["milestones_overdue"]] == [
        ("evaluering", "overskredet"),
        ("kvartal", "overskredet"),
    ]


MILESTONE_STATES = [
    # date of the report, {milestone: state}
    ("2024-12-31", {"start": "done", "evaluering": "overdue", "kvartal": "due", "seminar": "due", "senere": "later", "efter": "due", "aflyst": "cancelled"}),
    # Six weeks after 20 December 2024 is 31 January 2025: the seminar is due that day, not after.
    ("2024-12-20", {"start": "done", "evaluering": "overdue", "kvartal": "due", "seminar": "due", "senere": "later", "efter": "due", "aflyst": "cancelled"}),
    ("2024-12-19", {"start": "done", "evaluering": "overdue", "kvartal": "due", "seminar": "later", "senere": "later", "efter": "due", "aflyst": "cancelled"}),
    # Temadag was marked done; it is done from its date on.
    ("2025-01-10", {"start": "done", "evaluering": "overdue", "kvartal": "overdue", "seminar": "due", "senere": "later", "efter": "done", "aflyst": "cancelled"}),
    ("2024-01-14", {"start": "due", "evaluering": "later", "kvartal": "later", "seminar": "later", "senere": "later", "efter": "later", "aflyst": "cancelled"}),
]


@pytest.mark.parametrize("day, states", MILESTONE_STATES, ids=[case[0] for case in MILESTONE_STATES])
def test_milestone_states_on_the_date(repo, day, states):
    plan = plan_on(repo, dt.date.fromisoformat(day))
    assert {m["id"]: m["state"] for m in plan["milestones"]} == states


def test_an_action_done_after_the_date_was_open_then(repo):
    before = plan_on(repo, dt.date(2024, 12, 31))
    assert [(a["what"], a["status"], a["status_label"], a["overdue"], a["done_on"]) for a in before["open_actions"]] == [
        ("Skriv til foreningerne", "open", "åben", True, None),
    ]
    after = plan_on(repo, dt.date(2025, 1, 5))
    assert after["open_actions"] == []
    assert [d["item"]["title"] for d in after["decisions"]] == ["Status på planen", "Hemmelig sag om caféen"]
    later = plan_on(repo, dt.date(2025, 2, 1))
    assert [d["item"]["title"] for d in later["decisions"]] == ["Status på planen", "Hemmelig sag om caféen", "Ny status"]


def test_an_action_due_in_a_month_done_later_is_overdue_only_after_the_month(repo_factory):
    files = dict(FILES)
    files["records/meetings/m1.yaml"] = files["records/meetings/m1.yaml"].replace("due: 2024-12-01", "due: 2024-12")
    repository, _ = load(repo_factory(files))
    within = plan_on(repository, dt.date(2024, 12, 10))["open_actions"]
    assert [(a["what"], a["due_text"], a["overdue"]) for a in within] == [("Skriv til foreningerne", "december 2024", False)]
    after = plan_on(repository, dt.date(2025, 1, 1))["open_actions"]
    assert [(a["what"], a["overdue"]) for a in after] == [("Skriv til foreningerne", True)]


def test_coming_meetings_are_the_plan_bodies_next_five(repo_factory):
    many = {f"records/meetings/n{n}.yaml": f"kind: meeting\nbody: gruppe\ndate: 2025-03-0{n}\nstatus: planned\n" for n in range(1, 7)}
    repository, _ = load(repo_factory({**FILES, **many}))
    plan = plan_on(repository, dt.date(2025, 2, 1))
    assert [m["id"] for m in plan["coming_meetings"]] == ["n1", "n2", "n3", "n4", "n5"]
    assert plan["coming_meetings"][0] == {
        "id": "n1",
        "title": "Arbejdsgruppen for besøg",
        "body": {"id": "gruppe", "name": "Arbejdsgruppen for besøg", "href": None},
        "date": "2025-03-01",
        "date_text": "lørdag den 1. marts 2025",
        "title_date": "Arbejdsgruppen for besøg, lørdag den 1. marts 2025",
        "time_text": "",
        "location": None,
        "decided": False,
        "href": None,
    }


# --- goals ------------------------------------------------------------------------------------


PROGRESS = [
    # baseline, target, latest, direction, progress_text (da), progress_text (en)
    (10, 6, 10.48, None, "gået tilbage: 12 pct. længere fra målet", "moved back: 12% further from the target"),
    (10, 6, 10.0004, None, "gået tilbage: 1 pct. længere fra målet", "moved back: 1% further from the target"),
    (10, 6, 9.9996, None, "0 pct. af vejen", "0% of the way"),
    (0, 1000, 999, None, "99 pct. af vejen", "99% of the way"),  # never rounded up to the target
    (0, 1000, 1000, None, "målet er nået", "target reached"),
    (0, 1000, 2500, None, "målet er nået og overskredet", "target reached and passed"),
    (5, 5, 4, "decrease", "målet er nået og overskredet", "target reached and passed"),  # equal: the direction says
    (5, 5, 5, "increase", "målet er nået", "target reached"),
    (5, 5, 6.5, "decrease", "1,5 fra målet", "1.5 from the target"),
    (None, 1333, 1000, "increase", "333 fra målet", "333 from the target"),
    # a target a hair from the baseline: a share past what digits can say (found by hypothesis)
    (0, -4.7843275892925077e-237, 1, None, "gået tilbage: 2,09E238 pct. længere fra målet", "moved back: 2.09E238% further from the target"),
]


@pytest.mark.parametrize(
    "baseline, target, latest, direction, da, en", PROGRESS, ids=[f"case{n}" for n in range(len(PROGRESS))]
)
def test_progress_in_words(repo_factory, baseline, target, latest, direction, da, en):
    goal = {"id": "g", "title": "G", "target": {"value": target}, "measurements": [{"date": "2024-01-01", "value": latest}]}
    if baseline is not None:
        goal["baseline"] = {"value": baseline}
    if direction:
        goal["direction"] = direction
    import json

    plan = f"kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: active\ngoals: [{json.dumps(goal)}]\n"
    repository, diagnostics = load(repo_factory({"records/plans/plan.yaml": plan}))
    assert [d.message for d in diagnostics] == []
    for lang, text in (("da", da), ("en", en)):
        assert plan_on(repository, dt.date(2024, 6, 1), lang)["goals"][0]["progress_text"] == text


def test_the_bar_is_clamped_but_the_share_is_not(repo):
    goals = {g["id"]: (g["progress"], g["progress_bar"]) for g in plan_on(repo, dt.date(2024, 12, 31))["goals"]}
    assert goals["ned"] == (-0.25, 0.0)
    assert goals["op"] == (1.5, 1.0)
    assert goals["praecis"] == (1.0, 1.0)


def test_goal_assessment_in_words_with_a_symbol_in_html(repo_factory, cli):
    result = cli("render", "plan", "plan", "--root", repo_factory(FILES), "--as-of", AS_OF, "--format", "html")
    html = result.stdout
    assert '<td><span aria-hidden="true">▼</span> ikke på rette vej</td>' in html
    assert '<dt>Vurdering</dt><dd><span aria-hidden="true">✓</span> nået</dd>' in html
    # The bar is hidden from screen readers: the words beside it carry the progress.
    assert (
        '<dt>Fremdrift</dt><dd>gået tilbage: 25\u00a0pct. længere fra målet<div class="progress" aria-hidden="true">'
        '<span style="width: 0%"></span></div></dd>'
    ) in html
    assert '<dt>Seneste måling</dt><dd>ingen måling endnu</dd>' in html
    # Each goal chart is described by the table of its figures, which is on the page.
    assert 'aria-describedby="maal-ned-tal"' in html and '<table id="maal-ned-tal">' in html
    assert '<tr><th scope="row">1.\u00a0juni\u00a02024</th><td>11\u00a0pct.</td><td>Sundhedsprofilen</td></tr>' in html


# --- initiative pages ---------------------------------------------------------------------------


INITIATIVE_MD = """# Café for ældre der bor alene i landdistrikterne

*Status pr. 31. december 2024*

- **Status:** aktiv
- **Kategori:** fællesskabsaktivitet
- **Planer:** Ensomhedsplan 2024-2027

## Rækkevidde

| Periode | Deltagere | Nye relationer | Bemærkning |
|---|---|---|---|
| 1. januar 2024 – 31. marts 2024 | 1.000 | 10 | Første kvartal |
| 1. april 2024 – 30. juni 2024 | 333 | 5 |  |
| **I alt** | **1.333** | **15** | |

## Budget

| År | Kilde | Budget |
|---|---|---|
| 2024 | kommune | 200.000 kr. |
| 2025 | kommune | 250.000 kr. |
| 2024 | Ældrepuljen | 100.000 kr. |

**Budget pr. år:** 2024: 300.000 kr.; 2025: 250.000 kr.

**Budget pr. finansieringskilde:** kommune: 450.000 kr.; Ældrepuljen: 100.000 kr.

## Møder og beslutninger

### Ældrerådet, 1. juni 2024: Punkt 1 Status på planen

**Beslutning:**

Ældrerådet tog orienteringen til efterretning.
"""


def test_an_initiative_page_in_markdown(repo_factory, cli):
    root = repo_factory(FILES)
    result = cli("render", "initiative", "cafe", "--root", root, "--as-of", AS_OF, "--public")
    assert result.exit_code == 0, result.stderr
    # The public page leaves out the closed item that names the initiative.
    assert result.stdout.startswith(INITIATIVE_MD + "\n---\n")
    internal = cli("render", "initiative", "cafe", "--root", root, "--as-of", AS_OF).stdout
    assert "### Ældrerådet, 1. juni 2024: Punkt 2 Hemmelig sag om caféen\n\n**Beslutning:**\n\nLukket beslutning.\n" in internal


def test_an_initiative_with_nothing_counted_in_english(repo_factory, cli):
    result = cli("render", "initiative", "besoeg", "--root", repo_factory(FILES), "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "## Goals it serves\n\n- Færre ensomme ældre (Ensomhedsplan 2024-2027)\n" in text
    assert "## Reach\n\nReach: not counted.\n" in text
    assert "| not given | not given | DKK 50,000 |" in text
    assert "## Meetings and decisions\n\nNo meeting has treated the initiative yet.\n" in text


def test_an_unknown_initiative(repo_factory, cli):
    result = cli("render", "initiative", "cafee", "--root", repo_factory(FILES))
    assert result.exit_code == 1
    assert result.stderr == "ensomhed: fejl: der er ingen indsats med id `cafee` (mente du `cafe`?)\n"


def test_the_site_links_plans_initiatives_and_minutes(repo, tmp_path):
    build_site(repo, tmp_path / "site", public=True, today=dt.date(2024, 12, 31))
    site = tmp_path / "site"
    plan = (site / "plans" / "plan.html").read_text(encoding="utf-8")
    assert '<a href="../initiatives/cafe.html">Café for ældre der bor alene i landdistrikterne</a>' in plan
    page = (site / "initiatives" / "cafe.html").read_text(encoding="utf-8")
    assert '<dt>Planer</dt><dd><a href="../plans/plan.html">Ensomhedsplan 2024-2027</a></dd>' in page
    assert '<h3><a href="../minutes/m1.html#punkt-1">Ældrerådet, 1.\u00a0juni\u00a02024</a>: Punkt 1 Status på planen</h3>' in page
    assert "Hemmelig" not in page and "Lukket beslutning" not in page
    besoeg = (site / "initiatives" / "besoeg.html").read_text(encoding="utf-8")
    assert '<li><a href="../plans/plan.html#maal-ned">Færre ensomme ældre</a> <span class="meta">(Ensomhedsplan 2024-2027)</span></li>' in besoeg
    # The reach chart is described by the table of the same figures on the page.
    assert 'aria-describedby="raekkevidde-tal"' in page and '<table id="raekkevidde-tal">' in page


def test_items_name_their_initiatives_with_a_link_in_a_site(repo):
    builder = ContextBuilder(repo, "da", today=dt.date(2024, 12, 31), link=lambda kind, rid: f"{kind}/{rid}")
    item = builder.meeting(repo.get("m1"), "minutes")["meeting"]["items"][0]
    assert item["initiatives"] == [{"id": "cafe", "name": "Café for ældre der bor alene i landdistrikterne", "href": "initiative/cafe"}]
