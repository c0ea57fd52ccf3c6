"""render and build through the CLI: streams, files, exit codes."""

from __future__ import annotations

import json

from conftest import PROJECT

MEETING = "2023-02-07-udsatteraadet"


def test_render_to_stdout(cli):
    result = cli("render", "minutes", MEETING, "--root", PROJECT)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Referat: Møde i Udsatterådet")


def test_render_english_html_to_file(cli, tmp_path):
    target = tmp_path / "out" / "minutes.html"
    result = cli("render", "minutes", MEETING, "--root", PROJECT, "--format", "html", "--lang", "en", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Minutes: Møde i Udsatterådet" in text
    assert not list(target.parent.glob(".*.tmp"))


def test_render_public_hides_closed_item(cli):
    internal = cli("render", "agenda", "2020-10-23-raadmandsmoede", "--root", PROJECT).stdout
    public = cli("render", "agenda", "2020-10-23-raadmandsmoede", "--root", PROJECT, "--public").stdout
    assert "Jakob Søgaard Clausen" in internal
    assert "Jakob Søgaard Clausen" not in public and "Punkt 2: Lukket punkt" in public


def test_render_plan(cli):
    result = cli("render", "plan", "kontrakt-center-pleje-og-omsorg-2019-2020", "--root", PROJECT)
    assert result.exit_code == 0 and "## Mål" in result.stdout


def test_render_unknown_id_exits_1(cli):
    result = cli("render", "agenda", "nope", "--root", PROJECT)
    assert result.exit_code == 1
    assert "der er intet møde med id `nope`" in result.stderr


def test_render_bad_arguments_exit_2(cli):
    assert cli("render", "dagsorden", MEETING, "--root", PROJECT).exit_code == 2
    assert cli("render", "agenda", MEETING, "--root", PROJECT, "--lang", "de").exit_code == 2
    assert cli("render", "agenda", MEETING, "--root", PROJECT, "--today", "igår").exit_code == 2


def test_render_refuses_to_write_into_records(cli, repo_factory):
    root = repo_factory({"records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: planned\n"})
    target = root / "records" / "dagsorden.md"
    result = cli("render", "agenda", "m", "--root", root, "-o", target)
    assert result.exit_code == 1 and "ligger i mappen med posterne" in result.stderr
    assert not target.exists()


def test_render_record_with_errors_exits_1(cli, repo_factory):
    root = repo_factory({"records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: planned\nitems:\n  - titel: x\n"})
    result = cli("render", "agenda", "m", "--root", root)
    assert result.exit_code == 1
    assert "records/m.yaml:6:5: error: ukendt felt `titel`" in result.stderr


def test_render_template_problem_is_located(cli, repo_factory):
    root = repo_factory(
        {
            "records/m.yaml": "kind: meeting\nbody: aeldreraadet\ndate: 2024-01-01\nstatus: planned\n",
            "templates/agenda.md.j2": "# {{ meeting.title }}\n{{ meeting.nope }}\n",
        }
    )
    result = cli("render", "agenda", "m", "--root", root)
    assert result.exit_code == 1
    assert result.stderr.startswith("templates/agenda.md.j2:2:1: error: the template uses something that is not in its context")


def test_build_writes_site(cli, tmp_path):
    out = tmp_path / "site"
    result = cli("build", "--root", PROJECT, "-o", out, "--public")
    assert result.exit_code == 0
    assert (out / "index.html").exists() and (out / "minutes" / f"{MEETING}.html").exists()
    assert "skrev" in result.stderr


def test_build_markdown(cli, tmp_path):
    out = tmp_path / "md"
    assert cli("build", "--root", PROJECT, "-o", out, "--format", "md").exit_code == 0
    assert (out / "index.md").read_text(encoding="utf-8").startswith("# Oversigt")


def test_build_with_errors_writes_nothing(cli, repo_factory, tmp_path):
    root = repo_factory({"records/bad.yaml": "kind: person\n"})
    out = tmp_path / "site"
    result = cli("build", "--root", root, "-o", out)
    assert result.exit_code == 1
    assert "records/bad.yaml:1:1: error: feltet `name` mangler: tilføj `name: …`" in result.stderr
    assert not out.exists()


def test_a_public_build_over_an_internal_one_leaves_nothing_closed_behind(cli, tmp_path):
    """The folder is replaced whole: a page or attachment only the internal build had is gone."""
    out = tmp_path / "site"
    assert cli("build", "--root", PROJECT, "-o", out).exit_code == 0
    (out / "minutes" / "stale-closed-item.html").write_text("lukket punkt", encoding="utf-8")
    (out / "attachments").mkdir(exist_ok=True)
    (out / "attachments" / "lukket.pdf").write_text("%PDF lukket", encoding="utf-8")
    internal = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    result = cli("build", "--root", PROJECT, "-o", out, "--public")
    assert result.exit_code == 0, result.stderr
    public = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    assert not (out / "minutes" / "stale-closed-item.html").exists()
    assert not (out / "attachments" / "lukket.pdf").exists()
    assert public <= internal and json.loads((out / ".ensomhed-site").read_text())["public"] is True
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left beside it


def test_build_refuses_a_folder_it_did_not_make_unless_forced(cli, tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "vigtig.txt").write_text("noget andet", encoding="utf-8")
    result = cli("build", "--root", PROJECT, "-o", out)
    assert result.exit_code == 1
    assert f"ensomhed: fejl: {out} indeholder filer, som ensomhed ikke har skrevet (der er ingen .ensomhed-site)" in result.stderr
    assert [p.name for p in out.iterdir()] == ["vigtig.txt"]
    assert cli("build", "--root", PROJECT, "-o", out, "--force").exit_code == 0
    assert not (out / "vigtig.txt").exists() and (out / "index.html").exists()


def test_an_empty_or_new_folder_needs_no_force(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    assert cli("build", "--root", PROJECT, "-o", tmp_path / "empty").exit_code == 0
    assert cli("build", "--root", PROJECT, "-o", tmp_path / "new" / "site").exit_code == 0


def test_an_internal_build_never_silently_replaces_a_public_site(cli, tmp_path):
    out = tmp_path / "site"
    assert cli("build", "--root", PROJECT, "-o", out, "--public").exit_code == 0
    before = (out / "index.html").read_bytes()
    result = cli("build", "--root", PROJECT, "-o", out)
    assert result.exit_code == 1
    assert f"ensomhed: fejl: {out} indeholder en offentlig udgave (siden); en intern bygning ville erstatte den med lukkede punkter" in result.stderr
    assert (out / "index.html").read_bytes() == before
    assert cli("build", "--root", PROJECT, "-o", out, "--force").exit_code == 0
    assert json.loads((out / ".ensomhed-site").read_text())["public"] is False


def test_build_into_a_link_is_refused(cli, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "real")
    result = cli("build", "--root", PROJECT, "-o", tmp_path / "site", "--force")
    assert result.exit_code == 1 and "er et symbolsk link" in result.stderr
    assert list((tmp_path / "real").iterdir()) == []


PLANNED = "2023-04-27-udsatteraadet"


def test_minutes_of_a_meeting_not_held_are_refused_unless_a_draft(cli):
    result = cli("render", "minutes", PLANNED, "--root", PROJECT)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"ensomhed: fejl: mødet `{PLANNED}` er `planned` (planlagt), ikke `held` (afholdt): det har intet referat endnu; giv --draft for et udkast\n"
    )
    md = cli("render", "minutes", PLANNED, "--root", PROJECT, "--draft")
    assert md.exit_code == 0, md.stderr
    assert md.stdout.splitlines()[:3] == ["# Referat: Møde i Udsatterådet", "", "**Udkast: referatet er ikke endeligt**"]
    html = cli("render", "minutes", PLANNED, "--root", PROJECT, "--draft", "-f", "html", "--lang", "en").stdout
    assert "<title>Draft: Minutes: Møde i Udsatterådet" in html
    assert '<p class="draft" role="note">Draft: these minutes are not final</p>' in html
    assert '@top-center { content: "Draft";' in html  # on every printed page


def test_an_agenda_says_who_will_present_and_the_minutes_who_presented(cli):
    agenda = cli("render", "agenda", MEETING, "--root", PROJECT).stdout
    assert "- **Fremlægges af:**" in agenda and "Fremlagt af" not in agenda
    minutes = cli("render", "minutes", MEETING, "--root", PROJECT).stdout
    assert "- **Fremlagt af:**" in minutes and "Fremlægges af" not in minutes
    english = cli("render", "agenda", MEETING, "--root", PROJECT, "--lang", "en").stdout
    assert "- **To be presented by:**" in english
    assert "- **Presented by:**" in cli("render", "minutes", MEETING, "--root", PROJECT, "--lang", "en").stdout


def test_an_agenda_says_a_meeting_is_cancelled_but_not_that_it_is_planned(cli, repo_factory):
    meeting = "kind: meeting\nbody: aeldreraadet\ndate: 2025-03-04\nstatus: {status}\nitems:\n  - title: Punkt\n"
    root = repo_factory({"records/meetings/p.yaml": meeting.format(status="planned"), "records/meetings/c.yaml": meeting.format(status="cancelled")})
    planned = cli("render", "agenda", "p", "--root", root).stdout
    cancelled = cli("render", "agenda", "c", "--root", root).stdout
    assert "Status" not in planned and "planlagt" not in planned
    assert "- **Status:** aflyst" in cancelled
    html = cli("render", "agenda", "c", "--root", root, "-f", "html").stdout
    assert "<dt>Status</dt><dd>aflyst</dd>" in html


def test_minutes_say_who_decided_when_and_end_with_when_the_meeting_ended_and_was_approved(cli, repo_factory):
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2022-08-29\nstart: 16:00\nend: 17:45\nstatus: held\n"
        "minutes_approved: 2022-09-05\nitems:\n  - title: Planen\n    decision: Godkendt.\n"
    )
    root = repo_factory({"records/meetings/m.yaml": meeting})
    md = cli("render", "minutes", "m", "--root", root).stdout
    assert "### Beslutning i Ældrerådet den 29. august 2022\n\nGodkendt." in md
    assert "\nMødet sluttede kl. 17.45. Referatet blev godkendt den 5. september 2022.\n\n---\n" in md
    assert "Referatet er godkendt" not in md  # said once, at the end
    html = cli("render", "minutes", "m", "--root", root, "-f", "html", "--lang", "en").stdout
    assert "<h3 class=\"decision-heading\">Decision of Ældrerådet on 29\u00a0August\u00a02022</h3>" in html
    assert '<p class="closing">The meeting ended at 17:45. The minutes were approved on 5\u00a0September\u00a02022.</p>' in html
    agenda = cli("render", "agenda", "m", "--root", root).stdout
    assert "sluttede" not in agenda and "godkendt den" not in agenda


RAAD = """
kind: body
name: Ældrerådet
type: advisory_council
members:
  - {person: anna, role: formand}
  - {person: bo}
  - {person: carl, role: næstformand}
"""
PEOPLE = {
    "records/people/anna.yaml": "kind: person\nname: Anna Hansen\ntitle: formand\norganisation: Ældre Sagen\n",
    "records/people/bo.yaml": "kind: person\nname: Bo Madsen\n",
    "records/people/carl.yaml": "kind: person\nname: Carl Nielsen\ntitle: konsulent\n",
}


def test_minutes_without_attendees_show_the_members_present_but_never_the_absent(cli, repo_factory):
    meeting = "kind: meeting\nbody: raad\ndate: 2024-03-04\nstatus: held\nabsent:\n  - {person: bo, reason: Ferie}\n"
    root = repo_factory({"records/bodies/raad.yaml": RAAD, "records/meetings/m.yaml": meeting, **PEOPLE}, base=False)
    md = cli("render", "minutes", "m", "--root", root).stdout
    present = md.split("## Til stede\n\n", 1)[1].split("\n\n", 1)[0]
    assert present.splitlines() == [
        "- Anna Hansen (Ældre Sagen), formand",  # the role said once
        "- Carl Nielsen (konsulent), næstformand",
    ]
    assert md.count("Bo Madsen") == 1 and "- Bo Madsen – Ferie" in md
    html = cli("render", "minutes", "m", "--root", root, "-f", "html").stdout
    assert "<li>Anna Hansen (Ældre Sagen), formand</li>" in html and html.count("Bo Madsen") == 1


def test_an_agenda_lists_the_members_with_their_roles_said_once(cli, repo_factory):
    meeting = "kind: meeting\nbody: raad\ndate: 2024-03-04\nstatus: planned\n"
    root = repo_factory({"records/bodies/raad.yaml": RAAD, "records/meetings/m.yaml": meeting, **PEOPLE}, base=False)
    md = cli("render", "agenda", "m", "--root", root).stdout
    assert "- Anna Hansen (Ældre Sagen), formand\n- Bo Madsen\n- Carl Nielsen (konsulent), næstformand\n" in md
    assert "(formand), formand" not in md and "formand, Ældre Sagen), formand" not in md


def test_afbud_and_fravaerende_apart_officials_present_and_party_letters(cli, repo_factory):
    people = {
        **PEOPLE,
        "records/people/dorte.yaml": "kind: person\nname: Dorte Lund\nparty: Socialdemokratiet (A)\n",
        "records/people/erik.yaml": "kind: person\nname: Erik Holm\nparty: Lokallisten\n",
        "records/people/fie.yaml": "kind: person\nname: Fie Berg\ntitle: centerchef\n",
    }
    meeting = (
        "kind: meeting\nbody: raad\ndate: 2024-03-04\nstatus: held\nattendees: [anna, dorte, erik]\n"
        "absent:\n  - {person: bo, reason: Ferie}\n  - {person: carl, notice: false}\n"
        "staff:\n  - {person: fie, role: referent}\n"
    )
    root = repo_factory({"records/bodies/raad.yaml": RAAD, "records/meetings/m.yaml": meeting, **people}, base=False)
    md = cli("render", "minutes", "m", "--root", root).stdout
    assert "- Dorte Lund (A)\n- Erik Holm (Lokallisten)\n" in md
    assert "### Afbud\n\n- Bo Madsen – Ferie\n" in md
    assert "### Fraværende\n\n- Carl Nielsen (konsulent)\n" in md
    assert "### Fra forvaltningen deltog\n\n- Fie Berg (centerchef), referent\n" in md
    html = cli("render", "minutes", "m", "--root", root, "-f", "html", "--lang", "en").stdout
    assert "<h3>Absent</h3>" in html and "<h3>From the administration</h3>" in html
    found = cli("query", "-f", "json", "--root", root, "SELECT a.person, a.notice, s.person AS staff FROM absences a, staff s ORDER BY 1").stdout
    assert json.loads(found) == [{"person": "bo", "notice": 1, "staff": "fie"}, {"person": "carl", "notice": 0, "staff": "fie"}]
    assert cli("check", "--root", root).exit_code == 0


def test_staff_must_be_people(cli, repo_factory):
    meeting = "kind: meeting\nbody: raad\ndate: 2024-03-04\nstatus: held\nstaff: [nogen]\n"
    root = repo_factory({"records/bodies/raad.yaml": RAAD, "records/meetings/m.yaml": meeting, **PEOPLE}, base=False)
    result = cli("check", "--root", root)
    assert result.exit_code == 1
    assert "records/meetings/m.yaml:5:9: error: der er ingen person med id `nogen`" in result.stderr


def test_a_postponed_or_withdrawn_item_says_so_and_has_no_decision(cli, repo_factory):
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n"
        "  - title: Budget\n    status: postponed\n"
        "  - title: Navnesag\n    status: withdrawn\n"
        "  - title: Planen\n    decision: Godkendt.\n"
    )
    root = repo_factory({"records/meetings/m.yaml": meeting})
    assert cli("check", "--root", root).exit_code == 0
    md = cli("render", "minutes", "m", "--root", root).stdout
    assert "## Punkt 1: Budget\n\n**Punktet blev udsat.**\n" in md
    assert "## Punkt 2: Navnesag\n\n**Punktet blev taget af dagsordenen.**\n" in md
    html = cli("render", "minutes", "m", "--root", root, "-f", "html", "--lang", "en").stdout
    assert '<p class="outcome"><strong>The item was postponed.</strong></p>' in html
    rows = json.loads(cli("query", "-f", "json", "--root", root, "SELECT number, status FROM items ORDER BY number").stdout)
    assert rows == [{"number": 1, "status": "postponed"}, {"number": 2, "status": "withdrawn"}, {"number": 3, "status": "treated"}]


def test_a_decision_on_a_postponed_item_is_a_located_error(cli, repo_factory):
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n"
        "  - title: Budget\n    status: postponed\n    decision: Vedtaget.\n"
        "  - title: Navnesag\n    status: withdrawn\n    decision: Vedtaget.\n"
        "  - title: Planen\n    status: treated\n    decision: Godkendt.\n"
    )
    root = repo_factory({"records/meetings/m.yaml": meeting})
    result = cli("check", "--root", root)
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("records/")] == [
        "records/meetings/m.yaml:8:5: error: punkt 1 er `postponed` (udsat) og har derfor ingen beslutning: slet `decision`, eller sæt punktets `status: treated` (behandlet)",
        "records/meetings/m.yaml:11:5: error: punkt 2 er `withdrawn` (taget af dagsordenen) og har derfor ingen beslutning: slet `decision`, eller sæt punktets `status: treated` (behandlet)",
    ]


def test_an_item_as_real_minutes_set_it_resume_sections_economy_and_authority(cli, repo_factory):
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n"
        "  - title: Ensomhedsplanen\n"
        "    summary: Planen *fremlægges*.\n"
        "    description: Baggrunden.\n"
        "    sections:\n      - {title: Lovgrundlag, text: Serviceloven § 79.}\n      - {title: '# Høring'}\n"
        "    economy: Udgiften er 400.000 kr.\n"
        "    authority: aeldreraadet\n"
        "    recommendation: At planen godkendes.\n"
        "    decision: Godkendt.\n"
    )
    root = repo_factory({"records/meetings/m.yaml": meeting})
    assert cli("check", "--root", root).exit_code == 0
    md = cli("render", "minutes", "m", "--root", root).stdout
    order = ["### Resume", "### Sagsfremstilling", "### Lovgrundlag", "### \\# Høring", "### Økonomi",
             "### Beslutningskompetence\n\nÆldrerådet", "### Indstilling", "### Beslutning i Ældrerådet"]
    places = [md.index(heading) for heading in order]
    assert places == sorted(places), md
    html = cli("render", "minutes", "m", "--root", root, "-f", "html", "--lang", "en").stdout
    assert "<h3>Summary</h3>" in html and "<h3>Finances</h3>" in html and "<h3>Decided by</h3>" in html
    assert '<h3 lang="da"># Høring</h3>' in html  # record text in Danish on an English page


def test_an_authority_must_be_a_body(cli, repo_factory):
    meeting = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: x\n    authority: anna\n"
    result = cli("check", "--root", repo_factory({"records/meetings/m.yaml": meeting}))
    assert result.exit_code == 1
    assert "records/meetings/m.yaml:7:16: error: `anna` er en person (records/people/anna.yaml), men her skal stå et råd/udvalg" in result.stderr


def test_an_action_may_be_owned_by_a_body(cli, repo_factory):
    meeting = (
        "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\nitems:\n"
        "  - title: Planen\n    decision: Godkendt.\n    actions:\n"
        "      - {what: Sende planen i høring, owners: [forvaltningen, anna], due: 2024-04-01}\n"
    )
    body = "kind: body\nname: Social og Sundhed\ntype: department\n"
    root = repo_factory({"records/meetings/m.yaml": meeting, "records/bodies/forvaltningen.yaml": body})
    check = cli("check", "--root", root)
    assert check.exit_code == 0, check.stderr
    md = cli("render", "minutes", "m", "--root", root).stdout
    assert "| Sende planen i høring | Social og Sundhed, Anna Hansen | 1. april 2024 | åben |" in md
    by_body = json.loads(cli("actions", "--root", root, "-f", "json", "--owner", "Social og Sundhed").stdout)
    assert [a["what"] for a in by_body] == ["Sende planen i høring"]
    assert by_body[0]["owner_names"] == ["Social og Sundhed", "Anna Hansen"]
    plan = cli("actions", "--root", root, "--owner", "nobody")
    assert plan.exit_code != 0 and "der er ingen person eller noget råd/udvalg med id eller navn `nobody`" in plan.stderr
