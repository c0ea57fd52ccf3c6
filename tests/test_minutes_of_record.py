"""Minutes of record (format 1.2), checked to the exact diagnostic: votes only by members
present for the item, a decision on every treated decision item of a held meeting, a held
meeting not in the future and a planned one not in the past, and every problem of a record
in one run (a schema error in one part never hides a rule's finding in another).

Each case adds files to the small valid repository of conftest.BASE and names every
diagnostic the whole repository gives, checked on a fixed day (DAY).
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import located
from ensomhed_cli.api import load

M = "records/meetings/m.yaml"
DAY = dt.date(2024, 6, 1)  # "today" for every case

HELD = "kind: meeting\nbody: udvalget\ndate: 2024-03-04\nstatus: held\n"  # lines 1-4
# A committee of three; bo is its formand, written as a bare id and with a role.
COMMITTEE = {
    "records/bodies/udvalget.yaml": "kind: body\nname: Udvalget\ntype: committee\nmembers: [anna, {person: bo, role: formand}, cai]\n",
    "records/people/cai.yaml": "kind: person\nname: Cai Berg\n",
    "records/people/dina.yaml": "kind: person\nname: Dina Holm\ntitle: udvalgssekretær\n",
}

NOT_A_MEMBER = (
    "`{}` stemmer, men er ikke medlem af Udvalget og ikke stedfortræder for et medlem med afbud"
    " (medlemmer: anna, bo, cai)"
)
MISSING = (
    "punkt {} er et beslutningspunkt på et afholdt møde, men referatet siger ikke, hvad der blev besluttet:"
    " skriv beslutningen i `decision`, eller sæt `status: postponed` (udsat) eller `withdrawn` (taget af dagsordenen)"
)


def err(line, column, code, message, path=M):
    return (path, line, column, "error", code, message)


def warn(line, column, code, message, path=M):
    return (path, line, column, "warning", code, message)


@pytest.fixture
def found(repo_factory):
    def run(text: str, extra: dict | None = None, today: dt.date = DAY) -> list[tuple]:
        _, diagnostics = load(repo_factory({**COMMITTEE, M: text, **(extra or {})}), today=today)
        return located(diagnostics)

    return run


# --- votes only by members present for the item --------------------------------------------

VOTES = [
    ("members-vote", HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna, bo], against: [cai]}\n", []),
    ("a-non-member-votes", HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna], against: [dina]}\n", [
        err(8, 33, "vote-by-non-member", NOT_A_MEMBER.format("dina")),
    ]),
    ("an-official-votes",
     HELD + "staff: [{person: dina, role: referent}]\nitems:\n  - title: a\n    votes:\n      - {for: [anna, dina]}\n", [
         err(9, 22, "absent-and-voting", "`dina` stemmer om punkt 1, men er fra forvaltningen (`staff`), ikke medlem"),
     ]),
    ("the-substitute-of-an-absent-member-votes",
     HELD + "absent:\n  - {person: cai, substitute: dina}\nitems:\n  - title: a\n    votes:\n      - {for: [anna, dina]}\n", []),
    ("the-absent-member-votes-beside-the-substitute",
     HELD + "absent:\n  - {person: cai, substitute: dina}\nitems:\n  - title: a\n    votes:\n      - {for: [cai, dina]}\n", [
         err(10, 16, "absent-and-voting", "`cai` stemmer om punkt 1, men er fraværende fra mødet"),
     ]),
    ("a-member-not-among-the-listed-attendees",
     HELD + "attendees: [anna, bo]\nitems:\n  - title: a\n    votes:\n      - {for: [anna, bo], abstained: [cai]}\n", [
         err(9, 39, "absent-and-voting", "`cai` stemmer om punkt 1, men er ikke blandt de fremmødte (`attendees`)"),
     ]),
    ("a-statement-by-a-member-not-listed",
     HELD + "attendees: [anna, bo]\nitems:\n  - title: a\n    statements:\n      - {type: dissent, by: [cai], text: x}\n", [
         err(9, 30, "absent-and-voting", "`cai` står bag en udtalelse til punkt 1, men er ikke blandt de fremmødte (`attendees`)"),
     ]),
    ("parties-vote", HELD + "items:\n  - title: a\n    votes:\n      - {for: [A, V], against: [Ø]}\n", []),
    ("voting-twice", HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna], against: [anna]}\n", [
        err(8, 33, "voted-twice", "`anna` står både under `for` og `against` i samme afstemning"),
    ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in VOTES], ids=[c[0] for c in VOTES])
def test_votes_only_by_members_present(found, text, expected):
    got = [d for d in found(text) if d[4] != "unresolved-ref"]
    assert got == expected


def test_a_voter_who_is_no_person_is_an_unresolved_reference_not_a_non_member(found):
    text = HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna], against: [caj]}\n"
    assert found(text) == [err(8, 33, "unresolved-ref", "der er ingen person med id `caj` (mente du `cai`?)")]


def test_a_body_without_members_judges_no_membership(found):
    text = HELD.replace("udvalget", "raadet") + "items:\n  - title: a\n    votes:\n      - {for: [dina]}\n"
    assert found(text, {"records/bodies/raadet.yaml": "kind: body\nname: Rådet\ntype: committee\n"}) == []


def test_a_member_who_leaves_the_body_makes_the_vote_wrong(found):
    """The rule reads the body: a change there is judged at the meeting."""
    text = HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna, cai]}\n"
    body = {"records/bodies/udvalget.yaml": "kind: body\nname: Udvalget\ntype: committee\nmembers: [anna, bo]\n"}
    assert found(text, body) == [
        err(8, 22, "vote-by-non-member",
            "`cai` stemmer, men er ikke medlem af Udvalget og ikke stedfortræder for et medlem med afbud (medlemmer: anna, bo)"),
    ]


def test_messages_in_english_where_the_repository_is_english(found):
    text = HELD + "staff: [dina]\nitems:\n  - title: a\n    type: decision\n    votes:\n      - {for: [anna, dina]}\n"
    assert found(text, {"ensomhed.yaml": "language: en\n"}) == [
        err(8, 11, "missing-decision",
            "item 1 is a decision item of a held meeting, but the minutes do not say what was decided:"
            " write it in `decision`, or set `status: postponed` or `withdrawn`"),
        err(10, 22, "absent-and-voting", "`dina` votes on item 1, but is an official (`staff`), not a member"),
    ]


# --- a decision on every treated decision item of a held meeting -------------------------------

DECISIONS = [
    ("decision-item-without-decision", HELD + "items:\n  - number: 5\n    title: a\n    type: decision\n", [
        err(8, 11, "missing-decision", MISSING.format(5)),
    ]),
    ("decision-item-with-an-empty-decision", HELD + "items:\n  - title: a\n    type: decision\n    decision:\n", [
        err(8, 5, "missing-decision", MISSING.format(1)),
    ]),
    ("decision-item-with-blank-decision", HELD + "items:\n  - title: a\n    type: decision\n    decision: '  '\n", [
        err(8, 5, "missing-decision", MISSING.format(1)),
    ]),
    ("closed-decision-item-without-decision", HELD + "items:\n  - title: a\n    type: decision\n    closed: true\n", [
        err(7, 11, "missing-decision", MISSING.format(1)),
    ]),
    ("decision-item-decided", HELD + "items:\n  - title: a\n    type: decision\n    decision: Godkendt.\n", []),
    ("postponed-decision-item", HELD + "items:\n  - title: a\n    type: decision\n    status: postponed\n", []),
    ("withdrawn-decision-item", HELD + "items:\n  - title: a\n    type: decision\n    status: withdrawn\n", []),
    ("information-item-without-decision", HELD + "items:\n  - title: a\n    type: information\n", []),
    ("item-without-type", HELD + "items:\n  - title: a\n", []),
    ("planned-meeting-decision-item", HELD.replace("held", "planned").replace("2024-03-04", "2024-07-01")
     + "items:\n  - title: a\n    type: decision\n", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in DECISIONS], ids=[c[0] for c in DECISIONS])
def test_a_held_meeting_says_what_was_decided(found, text, expected):
    assert found(text) == expected


# --- a held meeting is not in the future; a planned one not in the past --------------------------

DATES = [
    ("held-yesterday", HELD.replace("2024-03-04", "2024-05-31"), []),
    ("held-today", HELD.replace("2024-03-04", "2024-06-01"), []),
    ("held-tomorrow", HELD.replace("2024-03-04", "2024-06-02"), [
        err(4, 9, "held-in-future",
            "mødet er markeret som afholdt (`held`), men er dateret 2024-06-02, efter i dag (2024-06-01);"
            " et møde, der ikke er holdt endnu, er `planned`"),
    ]),
    ("planned-yesterday", HELD.replace("held", "planned").replace("2024-03-04", "2024-05-31"), [
        warn(4, 9, "planned-in-past",
             "mødet er dateret 2024-05-31, før i dag, men står stadig som `planned`: blev det holdt (`held`) eller aflyst (`cancelled`)?"),
    ]),
    ("planned-today", HELD.replace("held", "planned").replace("2024-03-04", "2024-06-01"), []),
    ("cancelled-in-the-past", HELD.replace("held", "cancelled"), []),
    ("cancelled-in-the-future", HELD.replace("held", "cancelled").replace("2024-03-04", "2025-01-01"), []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_dates_of_held_and_planned_meetings(found, text, expected):
    assert found(text) == expected


def test_the_day_moves_and_the_cached_check_follows(repo_factory):
    """The per-file cache keeps no day: a result made yesterday is not reused today."""
    from ensomhed_cli.check import incremental as checker

    root = repo_factory({**COMMITTEE, M: HELD.replace("2024-03-04", "2024-06-02")})
    before = checker.check(root, today=DAY)
    after = checker.check(root, today=DAY + dt.timedelta(days=1))
    again = checker.check(root, today=DAY)
    assert [d.code for d in before.diagnostics] == ["held-in-future"] == [d.code for d in again.diagnostics]
    assert after.diagnostics == []


def test_check_takes_the_day_on_the_command_line(repo_factory, cli):
    root = repo_factory({**COMMITTEE, M: HELD.replace("2024-03-04", "2024-06-02")})
    assert cli("check", "--root", root, "--today", "2024-06-01").exit_code == 1
    assert cli("check", "--root", root, "--today", "2024-06-02").exit_code == 0
    assert cli("check", "--root", root, "--today", "1. juni").exit_code == 2


# --- every problem in one run -----------------------------------------------------------------


def test_a_schema_error_in_one_item_hides_no_rule_error_in_another(found):
    text = HELD + (
        "items:\n"  # 5
        "  - title: a\n"  # 6
        "    tittel: b\n"  # 7: unknown key
        "    type: decision\n"  # 8: this item's rules are not judged
        "  - title: c\n"  # 9
        "    type: decision\n"  # 10: no decision
        "    votes:\n"  # 11
        "      - {for: [anna, dina]}\n"  # 12: not a member
    )
    assert found(text) == [
        err(7, 5, "unknown-key", "ukendt felt `tittel` (mente du `title`?)"),
        err(10, 11, "missing-decision", MISSING.format(2)),
        err(12, 22, "vote-by-non-member", NOT_A_MEMBER.format("dina")),
    ]


def test_an_unreadable_item_is_left_out_and_the_places_after_it_stay_right(found):
    text = HELD + (
        "items:\n"  # 5
        "  - Punkt uden titel\n"  # 6: a text, not a mapping
        "  - title: b\n"  # 7
        "    absent: [bo]\n"  # 8
        "    votes:\n"  # 9
        "      - {for: [anna, bo]}\n"  # 10: bo took no part
    )
    assert found(text) == [
        err(6, 5, "invalid-type", "`items` nr. 1 skal være en gruppe felter (`navn: værdi`), ikke `Punkt uden titel`: skriv fx `{title: Punkt uden titel}`"),
        err(10, 22, "absent-and-voting", "`bo` stemmer om punkt 2, men er fraværende under punktet"),
    ]


def test_a_wrong_field_of_the_meeting_hides_nothing_in_its_items(found):
    text = HELD + (
        "location: [Rådhuset]\n"  # 5: a list, not text
        "attendees: [anna, bo]\n"  # 6
        "items:\n"  # 7
        "  - title: a\n"  # 8
        "    votes:\n"  # 9
        "      - {for: [anna, cai]}\n"  # 10: cai is not among the attendees
    )
    assert found(text) == [
        err(5, 11, "invalid-value", "`location` skal være tekst, ikke en liste; er `[` eller `- ` en del af teksten, så sæt hele teksten i anførselstegn"),
        err(10, 22, "absent-and-voting", "`cai` stemmer om punkt 1, men er ikke blandt de fremmødte (`attendees`)"),
    ]


def test_an_item_without_a_number_it_can_read_makes_no_false_item_errors(found):
    text = HELD + (
        "attendees:\n"  # 5
        "  - anna\n"  # 6
        "  - {person: bo, from_item: 7}\n"  # 7
        "items:\n"  # 8
        "  - number: syv\n"  # 9: not a number
        "    title: a\n"  # 10
        "  - number: 8\n"  # 11
        "    title: b\n"  # 12
        "    votes:\n"  # 13
        "      - {for: [anna, dina]}\n"  # 14
    )
    assert found(text) == [
        err(9, 13, "invalid-value", "`number`: skriv punktets nummer (`4`) eller et underpunkts nummer (`4.1` eller `4a`), ikke `syv`"),
        err(14, 22, "absent-and-voting", "`dina` stemmer om punkt 8, men er ikke blandt de fremmødte (`attendees`)"),
    ]


def test_a_wrong_required_field_of_the_record_leaves_nothing_to_judge(found):
    text = "kind: meeting\nbody: udvalget\ndate: 4. marts\nstatus: held\nitems:\n  - title: a\n    type: decision\n"
    assert [d[4] for d in found(text)] == ["invalid-value"]


def test_a_record_with_errors_is_still_not_rendered(repo_factory):
    root = repo_factory({**COMMITTEE, M: HELD + "items:\n  - title: a\n    tittel: b\n"})
    repo, _ = load(root, today=DAY)
    assert repo.get("m") is None


# --- a body's members may be bare ids ---------------------------------------------------------


def test_bare_member_ids_are_members_and_references(repo_factory):
    root = repo_factory({**COMMITTEE, "records/bodies/udvalget.yaml": "kind: body\nname: Udvalget\ntype: committee\nmembers: [anna, ghost]\n"})
    repo, diagnostics = load(root, today=DAY)
    assert located(diagnostics) == [
        ("records/bodies/udvalget.yaml", 4, 17, "error", "unresolved-ref", "der er ingen person med id `ghost`"),
    ]


def test_members_shorthand_and_mapping_read_alike(repo_factory):
    root = repo_factory(COMMITTEE)
    repo, diagnostics = load(root, today=DAY)
    assert diagnostics == []
    assert [(m.person, m.role) for m in repo.get("udvalget").members] == [("anna", None), ("bo", "formand"), ("cai", None)]


# --- the agenda is sent before the meeting; corrections follow approved minutes -------------------

APPROVED = HELD + "minutes_approved: 2024-03-10\n"  # line 5
RECORD_DATES = [
    ("agenda-sent-a-week-before", HELD + "agenda_sent: 2024-02-26\n", []),
    ("agenda-sent-on-the-day", HELD + "agenda_sent: 2024-03-04\n", []),
    ("agenda-sent-after-the-meeting", HELD + "agenda_sent: 2024-03-05\n", [
        err(5, 14, "date-order", "dagsordenen er sendt ud (2024-03-05) efter mødet (2024-03-04); `agenda_sent` er senest mødedagen"),
    ]),
    ("amendment-after-approval",
     APPROVED + "amendments:\n  - {date: 2024-04-02, text: Navnet rettet., by: dina}\n", []),
    ("amendment-on-the-day-of-approval",
     APPROVED + "amendments:\n  - {date: 2024-03-10, text: Navnet rettet.}\n", []),
    ("amendment-before-approval",
     APPROVED + "amendments:\n  - {date: 2024-03-09, text: Navnet rettet.}\n", [
         err(7, 12, "date-order", "rettelsen er dateret 2024-03-09, før referatet blev godkendt (2024-03-10)"),
     ]),
    ("amendment-of-minutes-not-approved",
     HELD + "amendments:\n  - {date: 2024-03-09, text: Navnet rettet.}\n", [
         err(5, 1, "amendment-not-approved",
             "`amendments` er rettelser til et godkendt referat, men referatet er ikke godkendt (`minutes_approved`);"
             " ret referatet direkte, indtil det er godkendt"),
     ]),
    ("amendment-by-no-one-known",
     APPROVED + "amendments:\n  - {date: 2024-04-02, text: Navnet rettet., by: dinna}\n", [
         err(7, 50, "unresolved-ref", "der er ingen person med id `dinna` (mente du `dina`?)"),
     ]),
    ("amendment-without-text", APPROVED + "amendments:\n  - {date: 2024-04-02}\n", [
        err(7, 5, "missing-field", "feltet `text` mangler: tilføj `text: …`"),
    ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in RECORD_DATES], ids=[c[0] for c in RECORD_DATES])
def test_agenda_sent_and_amendments(found, text, expected):
    assert found(text) == expected


def test_a_wrong_statement_hides_no_vote_of_the_same_item(found):
    text = HELD + (
        "staff: [dina]\n"  # 5
        "items:\n"  # 6
        "  - title: a\n"  # 7
        "    votes:\n"  # 8
        "      - {for: [anna, dina]}\n"  # 9: an official votes
        "    statements:\n"  # 10
        "      - {type: dissent, by: [cai], text: Vi finder, at planen mangler noget.}\n"  # 11: a comma in flow style
    )
    assert [(d[1], d[4]) for d in found(text)] == [(9, "absent-and-voting"), (11, "unknown-key")]


def test_an_attendee_that_cannot_be_read_leaves_who_was_present_unjudged(found):
    text = HELD + (
        "attendees:\n"  # 5
        "  - anna\n"  # 6
        "  - {persn: bo}\n"  # 7: not readable: was bo there?
        "items:\n"  # 8
        "  - title: a\n"  # 9
        "    type: decision\n"  # 10: no decision, judged all the same
        "    votes:\n"  # 11
        "      - {for: [anna, bo]}\n"  # 12: bo's vote is not judged
    )
    assert [(d[1], d[4]) for d in found(text)] == [(7, "missing-field"), (7, "unknown-key"), (10, "missing-decision")]
