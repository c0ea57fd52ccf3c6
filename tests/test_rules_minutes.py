"""Format 1.1 minutes, checked to the exact diagnostic: partial attendance, who took part in an
item, votes and statements (rules/minutes.py), item labels (rules/meetings.py and ItemNumber
in format/fieldtypes.py), the references the new fields make, and the JSON Schema of them.

Each case adds one meeting to the small valid repository of conftest.BASE and names every
diagnostic the whole repository must then give: path, line, column, severity, code and full
message. A rule is shown failing, passing and at its boundary (from_item equal to to_item,
arriving exactly at the start, voting on the very item someone came for…).
"""

from __future__ import annotations

import json

import pytest

from conftest import located
from ensomhed_cli.format.fieldtypes import item_order, item_parent, parse_item_number

M = "records/meetings/m.yaml"

HELD = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\n"  # lines 1-4
# A planned meeting is in the future: one dated before today is warned of (planned-in-past).
PLANNED = HELD.replace("held", "planned").replace("2024", "2099")
CANCELLED = HELD.replace("held", "cancelled")
HOURS = "start: 14:00\nend: 16:00\n"  # lines 5-6
ITEMS3 = "items:\n  - {number: 1, title: a}\n  - {number: 2, title: b}\n  - {number: 3, title: c}\n"
LABELS = (
    "items:\n  - {number: 7, title: a}\n  - {number: 7.1, title: b}\n"
    "  - {number: 7.2, title: c}\n  - {number: 7.10, title: d}\n"
)
LETTERS = "items:\n  - {number: 2, title: a}\n  - {number: 2a, title: b}\n  - {number: 2b, title: c}\n"

LABEL_MESSAGE = "skriv punktets nummer (`4`) eller et underpunkts nummer (`4.1` eller `4a`), ikke `{}`"
NEAR_LABEL = "skriv nummeret som `{}`, ikke `{}`"  # a label written nearly right is shown written right
ALREADY_ABSENT = "`{}` er fraværende fra hele mødet; skriv kun en person under punktets `absent`, når personen var til stede"


def err(line, column, code, message):
    return (M, line, column, "error", code, message)


def warn(line, column, code, message):
    return (M, line, column, "warning", code, message)


def found(check, text, extra_files=None):
    _, diagnostics = check({M: text, **(extra_files or {})})
    return located(diagnostics)


def attending(entries, items=ITEMS3, hours=HOURS):
    """A held meeting whose first attendee is on line 8 (line 6 without hours, 7 with one)."""
    return HELD + hours + "attendees:\n" + entries + items


# --- partial attendance: from_item, to_item, arrived, left --------------------------------

ATTENDANCE = [
    ("from-item-not-an-item", attending("  - {person: anna, from_item: 4}\n"), [
        err(8, 31, "unknown-item", "`from_item: 4` er ikke et punkt på dette møde (punkterne er: 1, 2, 3)"),
    ]),
    ("to-item-not-an-item", attending("  - {person: anna, to_item: 0}\n"), [
        err(8, 29, "unknown-item", "`to_item: 0` er ikke et punkt på dette møde (punkterne er: 1, 2, 3)"),
    ]),
    ("from-item-in-a-meeting-without-items", attending("  - {person: anna, from_item: 1}\n", items=""), [
        err(8, 31, "unknown-item", "`from_item: 1` er ikke et punkt på dette møde (punkterne er: ingen)"),
    ]),
    ("items-numbered-by-position", attending("  - {person: anna, from_item: 2}\n", items="items:\n  - title: a\n  - title: b\n"), []),
    ("second-attendee-checked", attending("  - anna\n  - {person: bo, from_item: 5}\n"), [
        err(9, 29, "unknown-item", "`from_item: 5` er ikke et punkt på dette møde (punkterne er: 1, 2, 3)"),
    ]),
    ("from-the-first-to-the-last-item", attending("  - {person: anna, from_item: 1, to_item: 3}\n"), []),
    ("from-and-to-the-same-item", attending("  - {person: anna, from_item: 2, to_item: 2}\n"), []),
    ("leaves-before-coming", attending("  - {person: anna, from_item: 3, to_item: 2}\n"), [
        err(8, 43, "item-order", "`anna` går efter punkt 2, før personen kommer til punkt 3: ret `from_item` eller `to_item`"),
    ]),
    ("unknown-from-item-is-still-ordered", attending("  - {person: anna, from_item: 9, to_item: 2}\n"), [
        err(8, 31, "unknown-item", "`from_item: 9` er ikke et punkt på dette møde (punkterne er: 1, 2, 3)"),
        err(8, 43, "item-order", "`anna` går efter punkt 2, før personen kommer til punkt 9: ret `from_item` eller `to_item`"),
    ]),
    # labels: 7.10 is its own item, after 7.2; a label is compared as written
    ("label-of-the-meeting", attending("  - {person: anna, from_item: 7.1, to_item: 7.10}\n", items=LABELS), []),
    ("label-ten-is-not-label-one", attending("  - {person: anna, from_item: 7.10}\n", items=LABELS.replace("  - {number: 7.10, title: d}\n", "")), [
        err(8, 31, "unknown-item", "`from_item: 7.10` er ikke et punkt på dette møde (punkterne er: 7, 7.1, 7.2)"),
    ]),
    ("label-not-in-the-meeting", attending("  - {person: anna, to_item: 7.3}\n", items=LABELS), [
        err(8, 29, "unknown-item", "`to_item: 7.3` er ikke et punkt på dette møde (punkterne er: 7, 7.1, 7.2, 7.10)"),
    ]),
    ("quoted-number-is-the-number", attending("  - {person: anna, from_item: '7'}\n", items=LABELS), []),
    ("from-7-2-to-7-10-is-in-order", attending("  - {person: anna, from_item: 7.2, to_item: 7.10}\n", items=LABELS), []),
    ("from-7-10-to-7-2-is-not", attending("  - {person: anna, from_item: 7.10, to_item: 7.2}\n", items=LABELS), [
        err(8, 46, "item-order", "`anna` går efter punkt 7.2, før personen kommer til punkt 7.10: ret `from_item` eller `to_item`"),
    ]),
    ("from-an-item-to-its-sub-item", attending("  - {person: anna, from_item: 7, to_item: 7.1}\n", items=LABELS), []),
    ("from-a-sub-item-to-its-parent", attending("  - {person: anna, from_item: 7.1, to_item: 7}\n", items=LABELS), [
        err(8, 45, "item-order", "`anna` går efter punkt 7, før personen kommer til punkt 7.1: ret `from_item` eller `to_item`"),
    ]),
    ("from-2b-to-2a", attending("  - {person: anna, from_item: 2b, to_item: 2a}\n", items=LETTERS), [
        err(8, 44, "item-order", "`anna` går efter punkt 2a, før personen kommer til punkt 2b: ret `from_item` eller `to_item`"),
    ]),
    ("from-2a-to-2b", attending("  - {person: anna, from_item: 2a, to_item: 2b}\n", items=LETTERS), []),
    # times
    ("left-before-arriving", attending("  - {person: anna, arrived: 15:00, left: 14:30}\n"), [
        err(8, 42, "time-order", "`anna` går (14:30), før personen kommer (15:00): ret `arrived` eller `left`"),
    ]),
    ("left-when-arriving", attending("  - {person: anna, arrived: 15:00, left: 15:00}\n"), [
        err(8, 42, "time-order", "`anna` går (15:00), før personen kommer (15:00): ret `arrived` eller `left`"),
    ]),
    ("times-with-a-dot", attending("  - {person: anna, arrived: 15.30, left: 14.45}\n"), [
        err(8, 42, "time-order", "`anna` går (14:45), før personen kommer (15:30): ret `arrived` eller `left`"),
    ]),
    ("there-for-one-minute", attending("  - {person: anna, arrived: 15:00, left: 15:01}\n"), []),
    ("arrived-at-the-start-left-at-the-end", attending("  - {person: anna, arrived: 14:00, left: 16:00}\n"), []),
    ("arrived-before-the-start", attending("  - {person: anna, arrived: 13:59}\n"), [
        warn(8, 29, "time-outside", "`anna` kommer kl. 13:59, uden for mødets tid (14:00–16:00): ret `arrived` eller mødets tider (`start` og `end`)"),
    ]),
    ("left-after-the-end", attending("  - {person: anna, left: 16:01}\n"), [
        warn(8, 26, "time-outside", "`anna` går kl. 16:01, uden for mødets tid (14:00–16:00): ret `left` eller mødets tider (`start` og `end`)"),
    ]),
    ("arrived-after-the-end", attending("  - {person: anna, arrived: 16:30}\n"), [
        warn(8, 29, "time-outside", "`anna` kommer kl. 16:30, uden for mødets tid (14:00–16:00): ret `arrived` eller mødets tider (`start` og `end`)"),
    ]),
    ("left-before-the-start", attending("  - {person: anna, left: 13:00}\n"), [
        warn(8, 26, "time-outside", "`anna` går kl. 13:00, uden for mødets tid (14:00–16:00): ret `left` eller mødets tider (`start` og `end`)"),
    ]),
    ("backwards-and-outside", attending("  - {person: anna, arrived: 16:30, left: 13:30}\n"), [
        warn(8, 29, "time-outside", "`anna` kommer kl. 16:30, uden for mødets tid (14:00–16:00): ret `arrived` eller mødets tider (`start` og `end`)"),
        err(8, 42, "time-order", "`anna` går (13:30), før personen kommer (16:30): ret `arrived` eller `left`"),
        warn(8, 42, "time-outside", "`anna` går kl. 13:30, uden for mødets tid (14:00–16:00): ret `left` eller mødets tider (`start` og `end`)"),
    ]),
    ("meeting-without-hours", attending("  - {person: anna, arrived: 06:00, left: 23:00}\n", hours=""), []),
    ("meeting-with-a-start-only", attending("  - {person: anna, arrived: 13:00, left: 23:00}\n", hours="start: 14:00\n"), [
        warn(7, 29, "time-outside", "`anna` kommer kl. 13:00, uden for mødets tid (14:00–?): ret `arrived` eller mødets tider (`start` og `end`)"),
    ]),
    ("meeting-with-an-end-only", attending("  - {person: anna, arrived: 06:00, left: 16:30}\n", hours="end: 16:00\n"), [
        warn(7, 42, "time-outside", "`anna` går kl. 16:30, uden for mødets tid (?–16:00): ret `left` eller mødets tider (`start` og `end`)"),
    ]),
    ("block-style-attendee",
     attending("  - person: bo\n    from_item: 3\n    to_item: 2\n    arrived: 15:00\n    left: 14:30\n    note: online\n"), [
         err(10, 14, "item-order", "`bo` går efter punkt 2, før personen kommer til punkt 3: ret `from_item` eller `to_item`"),
         err(12, 11, "time-order", "`bo` går (14:30), før personen kommer (15:00): ret `arrived` eller `left`"),
     ]),
    ("whole-attendance-in-words", attending("  - {person: anna, from_item: 2, arrived: 14:30, note: deltog online}\n  - bo\n"), []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in ATTENDANCE], ids=[c[0] for c in ATTENDANCE])
def test_partial_attendance(check, text, expected):
    assert found(check, text) == expected


def test_attendee_times_not_held_against_wrong_hours(check):
    text = attending("  - {person: anna, arrived: 15:00}\n", hours="start: 16:00\nend: 14:00\n")
    assert found(check, text) == [
        err(6, 6, "time-order", "mødet slutter (14:00), før det begynder (16:00): `end` skal være senere end `start`"),
    ]


# --- who took part in an item: item absences, votes, statements ----------------------------

PARTICIPATION = [
    # item absences
    ("item-absence-of-someone-absent-from-the-meeting",
     HELD + "absent: [bo]\nitems:\n  - title: a\n    absent: [bo]\n", [
         warn(8, 14, "already-absent", ALREADY_ABSENT.format("bo")),
     ]),
    ("item-absence-listed-twice", HELD + "items:\n  - title: a\n    absent: [anna, bo, anna]\n", [
        warn(7, 24, "duplicate-person", "`anna` står to gange i punktets `absent`"),
    ]),
    ("item-absences-in-two-items", HELD + "items:\n  - title: a\n    absent: [anna]\n  - title: b\n    absent: [anna]\n", []),
    ("item-absence-of-someone-else-than-the-absent", HELD + "absent: [bo]\nitems:\n  - title: a\n    absent: [anna]\n", []),
    # votes
    ("vote-with-nobody", HELD + "items:\n  - title: a\n    votes:\n      - {motion: Indstillingen}\n", [
        err(8, 9, "empty-vote", "en afstemning skal have nogen under `for`, `against` eller `abstained`"),
    ]),
    ("vote-with-empty-sides", HELD + "items:\n  - title: a\n    votes:\n      - {for: [], against: [], abstained: []}\n", [
        err(8, 9, "empty-vote", "en afstemning skal have nogen under `for`, `against` eller `abstained`"),
    ]),
    ("vote-with-abstentions-only", HELD + "items:\n  - title: a\n    votes:\n      - {abstained: [A]}\n", []),
    ("second-vote-empty",
     HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna]}\n      - motion: Ændringsforslaget\n", [
         err(9, 9, "empty-vote", "en afstemning skal have nogen under `for`, `against` eller `abstained`"),
     ]),
    ("voter-on-two-sides", HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna, A], against: [bo, anna]}\n", [
        err(8, 40, "voted-twice", "`anna` står både under `for` og `against` i samme afstemning"),
    ]),
    ("voter-twice-on-one-side", HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna, anna]}\n", [
        err(8, 22, "voted-twice", "`anna` står to gange under `for` i samme afstemning"),
    ]),
    # A party's letters on two sides is a split group, which minutes do write.
    ("party-letter-for-and-abstaining", HELD + "items:\n  - title: a\n    votes:\n      - {for: [A], abstained: [A]}\n", []),
    ("same-voter-in-two-votes",
     HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna], against: [bo]}\n      - {for: [bo], against: [anna]}\n", []),
    ("voter-absent-from-the-meeting",
     HELD + "absent: [bo]\nitems:\n  - title: a\n    votes:\n      - {for: [anna], against: [bo]}\n", [
         err(9, 33, "absent-and-voting", "`bo` stemmer om punkt 1, men er fraværende fra mødet"),
     ]),
    ("voter-absent-from-the-meeting-without-notice",
     HELD + "absent:\n  - {person: bo, notice: false}\nitems:\n  - title: a\n    votes:\n      - {abstained: [bo]}\n", [
         err(10, 22, "absent-and-voting", "`bo` stemmer om punkt 1, men er fraværende fra mødet"),
     ]),
    ("voter-absent-from-the-item",
     HELD + "items:\n  - title: a\n    absent: [bo]\n    votes:\n      - {for: [anna], against: [bo]}\n", [
         err(9, 33, "absent-and-voting", "`bo` stemmer om punkt 1, men er fraværende under punktet"),
     ]),
    ("voter-inhabil",
     HELD + "items:\n  - number: 4\n    title: a\n    absent:\n"
     "      - {person: bo, conflict_of_interest: true, reason: Bestyrelsesmedlem}\n"
     "    votes:\n      - {for: [anna], abstained: [bo]}\n", [
         err(11, 35, "absent-and-voting", "`bo` stemmer om punkt 4, men er inhabil"),
     ]),
    ("absent-from-another-item-votes-here",
     HELD + "items:\n  - title: a\n    absent: [bo]\n  - title: b\n    votes:\n      - {for: [anna], against: [bo]}\n", []),
    ("absent-voter-on-two-sides-is-one-error-each",
     HELD + "absent: [bo]\nitems:\n  - title: a\n    votes:\n      - {for: [bo], against: [bo]}\n", [
         err(9, 16, "absent-and-voting", "`bo` stemmer om punkt 1, men er fraværende fra mødet"),
         err(9, 31, "voted-twice", "`bo` står både under `for` og `against` i samme afstemning"),
     ]),
    ("party-letters-are-not-people",
     HELD + "absent: [bo]\nitems:\n  - title: a\n    absent: [anna]\n"
     "    votes:\n      - {for: [A, Venstre (V)], against: [Ø]}\n", []),
    # came late, left early
    ("voting-before-coming",
     HELD + "attendees:\n  - anna\n  - {person: bo, from_item: 2}\nitems:\n"
     "  - title: a\n    votes:\n      - {for: [anna, bo]}\n"
     "  - title: b\n    votes:\n      - {for: [anna, bo]}\n", [
         err(11, 22, "absent-and-voting", "`bo` stemmer om punkt 1, men er først til stede fra punkt 2"),
     ]),
    ("voting-after-leaving",
     HELD + "attendees:\n  - anna\n  - {person: bo, to_item: 1}\nitems:\n"
     "  - title: a\n    votes:\n      - {for: [anna, bo]}\n"
     "  - title: b\n    votes:\n      - {for: [anna, bo]}\n", [
         err(14, 22, "absent-and-voting", "`bo` stemmer om punkt 2, men er gået efter punkt 1"),
     ]),
    ("voting-on-the-items-attended-from-and-to",
     HELD + "attendees:\n  - {person: bo, from_item: 2, to_item: 2}\nitems:\n"
     "  - title: a\n  - title: b\n    votes:\n      - {for: [bo]}\n  - title: c\n", []),
    ("gone-after-7-2-votes-on-7-10",
     HELD + "attendees:\n  - {person: bo, to_item: 7.2}\nitems:\n"
     "  - number: 7.2\n    title: a\n    votes:\n      - {for: [bo]}\n"
     "  - number: 7.10\n    title: b\n    votes:\n      - {for: [bo]}\n", [
         err(15, 16, "absent-and-voting", "`bo` stemmer om punkt 7.10, men er gået efter punkt 7.2"),
     ]),
    ("present-from-7-10-votes-on-7-2",
     HELD + "attendees:\n  - {person: bo, from_item: 7.10}\nitems:\n"
     "  - number: 7.2\n    title: a\n    votes:\n      - {for: [bo]}\n"
     "  - number: 7.10\n    title: b\n    votes:\n      - {for: [bo]}\n", [
         err(11, 16, "absent-and-voting", "`bo` stemmer om punkt 7.2, men er først til stede fra punkt 7.10"),
     ]),
    ("present-from-2a-votes-on-2a-and-2b",
     HELD + "attendees:\n  - {person: bo, from_item: 2a}\n" + LETTERS.replace("title: a}", "title: a, votes: [{for: [bo]}]}")
     .replace("title: b}", "title: b, votes: [{for: [bo]}]}").replace("title: c}", "title: c, votes: [{for: [bo]}]}"), [
         err(8, 42, "absent-and-voting", "`bo` stemmer om punkt 2, men er først til stede fra punkt 2a"),
     ]),
    # statements
    ("statement-by-someone-absent",
     HELD + "absent: [bo]\nitems:\n  - title: a\n    statements:\n"
     "      - {type: dissent, by: [anna, bo], text: Mindretallet kan ikke tiltræde indstillingen.}\n", [
         err(9, 36, "absent-and-voting", "`bo` står bag en udtalelse til punkt 1, men er fraværende fra mødet"),
     ]),
    ("statement-by-someone-inhabil",
     HELD + "items:\n  - title: a\n    absent:\n      - {person: anna, conflict_of_interest: true}\n"
     "    statements:\n      - {type: protocol_note, by: [anna], text: x}\n", [
         err(10, 36, "absent-and-voting", "`anna` står bag en udtalelse til punkt 1, men er inhabil"),
     ]),
    ("statement-before-coming",
     HELD + "attendees:\n  - {person: anna, from_item: 2}\nitems:\n  - title: a\n    statements:\n"
     "      - {type: dissent, by: [anna], text: x}\n  - title: b\n", [
         err(10, 30, "absent-and-voting", "`anna` står bag en udtalelse til punkt 1, men er først til stede fra punkt 2"),
     ]),
    ("statement-by-nobody",
     HELD + "items:\n  - title: a\n    statements:\n      - type: protocol_note\n        by: []\n        text: x\n", [
         err(9, 9, "missing-field", "en udtalelse skal have mindst én under `by`"),
     ]),
    ("statement-by-parties",
     HELD + "absent: [bo]\nitems:\n  - title: a\n    statements:\n"
     "      - {type: dissent, by: [Socialdemokratiet (A), V], text: x}\n", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in PARTICIPATION], ids=[c[0] for c in PARTICIPATION])
def test_item_participation(check, text, expected):
    assert found(check, text) == expected


def test_absent_from_the_meeting_stays_the_reason(check):
    text = HELD + "absent: [bo]\nitems:\n  - title: a\n    absent: [bo]\n    votes:\n      - {for: [anna], against: [bo]}\n"
    assert found(check, text) == [
        warn(8, 14, "already-absent", ALREADY_ABSENT.format("bo")),
        err(10, 33, "absent-and-voting", "`bo` stemmer om punkt 1, men er fraværende fra mødet"),
    ]


def test_inhabil_is_not_lost_to_a_duplicate_entry(check):
    text = (
        HELD + "items:\n  - title: a\n    absent:\n      - {person: bo, conflict_of_interest: true}\n      - bo\n"
        "    votes:\n      - {for: [anna], against: [bo]}\n"
    )
    assert found(check, text) == [
        warn(9, 9, "duplicate-person", "`bo` står to gange i punktets `absent`"),
        err(11, 33, "absent-and-voting", "`bo` stemmer om punkt 1, men er inhabil"),
    ]


# --- votes and statements belong to a held meeting and a treated item -----------------------

OUTCOMES = [
    ("votes-on-a-planned-meeting", PLANNED + "items:\n  - title: a\n    votes:\n      - {for: [A]}\n", [
        err(7, 5, "votes-not-held", "punkt 1 har afstemninger (`votes`), men mødet er `planned` (planlagt); kun et afholdt møde har afstemninger: slet `votes`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
    ]),
    ("statements-on-a-cancelled-meeting",
     CANCELLED + "items:\n  - number: 2\n    title: a\n    statements:\n      - {type: dissent, by: [V], text: x}\n", [
         err(8, 5, "statements-not-held",
             "punkt 2 har udtalelser (`statements`), men mødet er `cancelled` (aflyst); kun et afholdt møde har udtalelser: slet `statements`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
     ]),
    ("empty-votes-and-statements-on-a-planned-meeting",
     PLANNED + "items:\n  - title: a\n    votes: []\n    statements:\n", []),
    ("votes-and-statements-on-a-postponed-item",
     HELD + "items:\n  - number: 3\n    title: a\n    status: postponed\n    votes:\n      - {for: [A]}\n"
     "    statements:\n      - {type: protocol_note, by: [V], text: x}\n", [
         err(9, 5, "decision-not-treated", "punkt 3 er `postponed` (udsat) og har derfor ingen afstemninger: slet `votes`, eller sæt punktets `status: treated` (behandlet)"),
         err(11, 5, "decision-not-treated", "punkt 3 er `postponed` (udsat) og har derfor ingen udtalelser: slet `statements`, eller sæt punktets `status: treated` (behandlet)"),
     ]),
    ("statements-on-a-withdrawn-item",
     HELD + "items:\n  - title: a\n    status: withdrawn\n    statements:\n      - {type: dissent, by: [V], text: x}\n", [
         err(8, 5, "decision-not-treated", "punkt 1 er `withdrawn` (taget af dagsordenen) og har derfor ingen udtalelser: slet `statements`, eller sæt punktets `status: treated` (behandlet)"),
     ]),
    ("votes-on-an-item-said-to-be-treated",
     HELD + "items:\n  - title: a\n    status: treated\n    votes:\n      - {for: [A]}\n", []),
    ("postponed-item-on-a-planned-meeting-is-one-error",
     PLANNED + "items:\n  - title: a\n    status: postponed\n    votes:\n      - {for: [A]}\n", [
         err(8, 5, "votes-not-held", "punkt 1 har afstemninger (`votes`), men mødet er `planned` (planlagt); kun et afholdt møde har afstemninger: slet `votes`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
     ]),
    ("postponed-item-without-outcome", HELD + "items:\n  - title: a\n    status: postponed\n", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in OUTCOMES], ids=[c[0] for c in OUTCOMES])
def test_votes_and_statements_only_where_decided(check, text, expected):
    assert found(check, text) == expected


# --- item labels: 7.1, 2a ----------------------------------------------------------------

LABEL_RULES = [
    ("quoted-seven-and-seven", HELD + "items:\n  - number: \"7\"\n    title: a\n  - number: 7\n    title: b\n", [
        err(8, 13, "duplicate-number", "punktnummer 7 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
    ]),
    ("leading-zero-is-the-same-number", HELD + "items:\n  - number: 7\n    title: a\n  - number: 07\n    title: b\n", [
        err(8, 13, "duplicate-number", "punktnummer 7 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
    ]),
    ("label-quoted-and-plain", HELD + "items:\n  - number: 7.1\n    title: a\n  - number: '7.1'\n    title: b\n", [
        err(8, 13, "duplicate-number", "punktnummer 7.1 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
    ]),
    ("letter-label-twice",
     HELD + "items:\n  - number: 2\n    title: a\n  - number: 2a\n    title: b\n  - number: 2a\n    title: c\n", [
         err(10, 13, "duplicate-number", "punktnummer 2a er brugt to gange på dette møde (også af det 2. punkt på listen): giv hvert punkt sit eget `number`"),
     ]),
    ("seven-one-and-seven-ten", HELD + LABELS, []),
    ("parent-and-letters", HELD + LETTERS, []),
    ("deep-label", HELD + "items:\n  - {number: 7.1, title: a}\n  - {number: 7.1.2, title: b}\n", []),
    ("label-leading-zero", HELD + "items:\n  - number: 0.1\n    title: a\n", [
        err(6, 13, "invalid-value", "et punkts `number` skal være 1 eller mere"),
    ]),
    ("letter-label-leading-zero", HELD + "items:\n  - number: 0a\n    title: a\n", [
        err(6, 13, "invalid-value", "et punkts `number` skal være 1 eller mere"),
    ]),
    ("label-leading-one", HELD + "items:\n  - number: 1.1\n    title: a\n  - number: 1a\n    title: b\n", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in LABEL_RULES], ids=[c[0] for c in LABEL_RULES])
def test_item_labels(check, text, expected):
    assert found(check, text) == expected


BAD_LABELS = ["7.", "7A", "2A", "7.1a", "a", "2ab", "7,1", "1.5e3", ".1", "7..1", "7 a", "-1.1", "7.1.", "ø1"]
MEANT = {"7.": "7", "7A": "7a", "2A": "2a", "7,1": "7.1", "7 a": "7a", "7.1.": "7.1"}


@pytest.mark.parametrize("label", BAD_LABELS, ids=[f"label-{i}" for i in range(len(BAD_LABELS))])
def test_bad_item_labels_are_refused(check, label):
    text = HELD + f"items:\n  - number: {label}\n    title: a\n"
    said = NEAR_LABEL.format(MEANT[label], label) if label in MEANT else LABEL_MESSAGE.format(label)
    assert found(check, text) == [err(6, 13, "invalid-value", "`number`: " + said)]


def test_bad_labels_in_attendance_are_refused(check):
    text = HELD + "attendees:\n  - {person: anna, from_item: 7A}\n  - {person: bo, to_item: 2.}\nitems:\n  - title: a\n"
    assert found(check, text) == [
        err(6, 31, "invalid-value", "`from_item`: " + NEAR_LABEL.format("7a", "7A")),
        err(7, 27, "invalid-value", "`to_item`: " + NEAR_LABEL.format("2", "2.")),
    ]


def test_parse_item_number():
    assert parse_item_number(7) == 7
    assert parse_item_number(" 7 ") == 7
    assert parse_item_number("007") == 7
    assert parse_item_number("7.10") == "7.10"
    assert parse_item_number("7.1.2") == "7.1.2"
    assert parse_item_number("2a") == "2a"
    for bad in (True, "7.", "2A", "x", "7.1a"):
        with pytest.raises(ValueError):
            parse_item_number(bad)


def test_item_order_puts_a_parent_before_its_sub_items():
    written = ["8", "7.10", 2, "7.2", "2b", 7, "7.1.2", "2a", "7.1", 1]
    numbers = [parse_item_number(n) for n in written]
    assert sorted(numbers, key=item_order) == [1, 2, "2a", "2b", 7, "7.1", "7.1.2", "7.2", "7.10", 8]


def test_item_parent():
    assert [item_parent(n) for n in (7, "7.1", "7.10", "7.1.2", "2a", None, "bad")] == [None, 7, 7, "7.1", 2, None, None]


# --- references made by the new fields ---------------------------------------------------

REFERENCES = [
    ("voter-id-not-a-person", HELD + "items:\n  - title: a\n    votes:\n      - {for: [ana, A]}\n", [
        err(8, 16, "unresolved-ref", "der er ingen person med id `ana` (mente du `anna`?)"),
    ]),
    ("voter-id-against", HELD + "items:\n  - title: a\n    votes:\n      - {for: [A], against: [sf]}\n", [
        err(8, 30, "unresolved-ref", "der er ingen person med id `sf`"),
    ]),
    ("voters-as-written", HELD + "items:\n  - title: a\n    votes:\n"
     "      - {for: [A, Venstre (V), Anna Hansen], against: [Ø], abstained: [SF]}\n", []),
    ("voters-who-are-people", HELD + "items:\n  - title: a\n    votes:\n      - {for: [anna], against: [bo]}\n", []),
    ("voter-id-of-a-body", HELD + "items:\n  - title: a\n    votes:\n      - {for: [aeldreraadet]}\n", [
        err(8, 16, "wrong-kind-ref", "`aeldreraadet` er et råd/udvalg (records/bodies/aeldreraadet.yaml), men her skal stå en person"),
    ]),
    ("statement-by-an-id", HELD + "items:\n  - title: a\n    statements:\n"
     "      - {type: dissent, by: [sf, Socialdemokratiet (A)], text: x}\n", [
         err(8, 30, "unresolved-ref", "der er ingen person med id `sf`"),
     ]),
    ("item-absences-as-ids-and-objects", HELD + "items:\n  - title: a\n    absent:\n"
     "      - fie\n      - {person: gustav, conflict_of_interest: true}\n      - {person: anna, reason: ferie}\n", [
         err(8, 9, "unresolved-ref", "der er ingen person med id `fie`"),
         err(9, 18, "unresolved-ref", "der er ingen person med id `gustav`"),
     ]),
    ("attendee-object", HELD + "attendees:\n  - {person: carl, note: online}\n  - {person: anna, from_item: 1}\n"
     "items:\n  - title: a\n", [
         err(6, 14, "unresolved-ref", "der er ingen person med id `carl`"),
     ]),
    ("staff-as-ids-and-objects", HELD + "staff:\n  - carl\n  - {person: dorte, role: referent}\n  - {person: anna}\n", [
        err(6, 5, "unresolved-ref", "der er ingen person med id `carl`"),
        err(7, 14, "unresolved-ref", "der er ingen person med id `dorte`"),
    ]),
    ("absent-without-notice", HELD + "absent:\n  - {person: erik, notice: false}\n  - {person: bo, notice: false}\n", [
        err(6, 14, "unresolved-ref", "der er ingen person med id `erik`"),
    ]),
    ("authority-not-a-body", HELD + "items:\n  - title: a\n    authority: byraadet\n", [
        err(7, 16, "unresolved-ref", "der er intet råd/udvalg med id `byraadet` (mente du `aeldreraadet`?)"),
    ]),
    ("authority-a-person", HELD + "items:\n  - title: a\n    authority: anna\n", [
        err(7, 16, "wrong-kind-ref", "`anna` er en person (records/people/anna.yaml), men her skal stå et råd/udvalg"),
    ]),
    ("authority-a-body", HELD + "items:\n  - title: a\n    authority: aeldreraadet\n", []),
    ("action-owned-by-a-body-and-a-person",
     HELD + "items:\n  - title: a\n    actions:\n      - {what: Følg op, owners: [aeldreraadet, anna]}\n", []),
    ("action-owned-by-a-plan",
     HELD + "items:\n  - title: a\n    actions:\n      - {what: Følg op, owners: [plan]}\n", [
         err(8, 34, "wrong-kind-ref", "`plan` er en plan (records/plans/plan.yaml), men her skal stå en person eller et råd/udvalg"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in REFERENCES], ids=[c[0] for c in REFERENCES])
def test_references_of_the_new_fields(check, text, expected):
    assert found(check, text) == expected


def test_wrong_kind_names_an_initiative_with_an(check):
    text = HELD + "items:\n  - title: a\n    absent:\n      - {person: cafe}\n"
    assert found(check, text) == [
        err(8, 18, "wrong-kind-ref", "`cafe` er en indsats (records/initiatives/cafe.yaml), men her skal stå en person"),
    ]


# --- the new meeting fields in the record's own words -----------------------------------------

SCHEMA_ERRORS = [
    ("attendee-key-misspelt", HELD + "attendees:\n  - {person: anna, form_item: 2}\n", [
        err(6, 20, "unknown-key", "ukendt felt `form_item` (mente du `from_item`?)"),
    ]),
    ("attendee-time-not-a-time", HELD + "attendees:\n  - {person: anna, arrived: 25:00}\n", [
        err(6, 29, "invalid-value", "`arrived`: skriv klokkeslættet som TT:MM (24-timers ur), fx `14:30`, ikke `25:00`"),
    ]),
    ("item-status-in-danish", HELD + "items:\n  - title: a\n    status: udsat\n", [
        err(7, 13, "invalid-value", "`status` skal være treated, postponed eller withdrawn, ikke `udsat`"),
    ]),
    ("statement-type-in-danish", HELD + "items:\n  - title: a\n    statements:\n      - {type: mindretal, by: [V], text: x}\n", [
        err(8, 16, "invalid-value", "`type` skal være dissent eller protocol_note, ikke `mindretal`"),
    ]),
    ("statement-without-by", HELD + "items:\n  - title: a\n    statements:\n      - {type: dissent, text: x}\n", [
        err(8, 9, "missing-field", "feltet `by` mangler: tilføj `by: …`"),
    ]),
    ("vote-side-in-danish", HELD + "items:\n  - title: a\n    votes:\n      - {for: [A], imod: [V]}\n", [
        err(8, 20, "unknown-key", "ukendt felt `imod`; her kan stå: motion, for, against, abstained"),
    ]),
    ("voters-not-a-list", HELD + "items:\n  - title: a\n    votes:\n      - {for: anna}\n", [
        err(8, 15, "invalid-type", "`for` skal være en liste, ikke `anna`: skriv `[anna]` eller én `- anna`-linje pr. punkt"),
    ]),
    ("inhabil-not-a-bool", HELD + "items:\n  - title: a\n    absent:\n      - {person: anna, conflict_of_interest: maybe}\n", [
        err(8, 46, "invalid-value", "`conflict_of_interest`: skriv `true` eller `false` (eller `ja` eller `nej`), ikke `maybe`"),
    ]),
    ("notice-in-danish", HELD + "absent:\n  - {person: anna, notice: nej}\n", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in SCHEMA_ERRORS], ids=[c[0] for c in SCHEMA_ERRORS])
def test_new_meeting_fields_refused_in_place(check, text, expected):
    assert found(check, text) == expected


# --- the JSON Schema editors use ----------------------------------------------------------


@pytest.fixture(scope="module")
def meeting_schema():
    from typer.testing import CliRunner

    from ensomhed_cli.cli.application import app

    result = CliRunner().invoke(app, ["schema", "meeting"], catch_exceptions=False)
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def meeting_validator(meeting_schema):
    jsonschema = pytest.importorskip("jsonschema")
    return jsonschema.Draft202012Validator(meeting_schema)


BASE_MEETING = {"kind": "meeting", "body": "aeldreraadet", "date": "2024-03-04", "status": "held"}


def test_schema_holds_the_new_meeting_fields(meeting_schema):
    defs = meeting_schema["$defs"]
    number = defs["Item"]["properties"]["number"]["anyOf"]
    assert {"type": "number", "minimum": 1, "maximum": 10**15} in number  # 4, and 7.1 as YAML 1.2 reads it
    assert [s["type"] for s in number] == ["number", "string", "null"]
    assert set(defs["Attendee"]["properties"]) == {"person", "from_item", "to_item", "arrived", "left", "note"}
    assert {"$ref": "#/$defs/Attendee"} in meeting_schema["properties"]["attendees"]["items"]["anyOf"]
    assert {"staff", "end", "absent"} <= set(meeting_schema["properties"])
    assert "boolean" in defs["Absence"]["properties"]["notice"]["type"]  # and ja/nej, yes/no as text
    assert {"summary", "sections", "economy", "authority", "status", "votes", "statements", "absent"} <= set(defs["Item"]["properties"])
    assert defs["Item"]["properties"]["status"]["enum"] == ["treated", "postponed", "withdrawn"]
    assert set(defs["Vote"]["properties"]) == {"motion", "for", "against", "abstained"}
    assert defs["Statement"]["properties"]["type"]["enum"] == ["dissent", "protocol_note"]
    assert set(defs["Statement"]["required"]) == {"type", "by", "text"}
    assert set(defs["ItemAbsence"]["properties"]) == {"person", "reason", "conflict_of_interest"}


def test_schema_accepts_full_minutes(meeting_validator):
    meeting = {
        **BASE_MEETING,
        "start": "14:00",
        "end": "16.30",
        "attendees": ["anna", {"person": "bo", "from_item": 2, "to_item": "7.1", "arrived": "14:20", "left": "16:00", "note": "online"}],
        "absent": [{"person": "carl", "notice": False}],
        "staff": ["dorte", {"person": "erik", "role": "referent"}],
        "items": [
            {"number": 2, "title": "a", "summary": "S", "economy": "E", "authority": "aeldreraadet",
             "sections": [{"title": "Lovgrundlag", "text": "x"}]},
            {"number": "2a", "title": "b", "status": "postponed"},
            {"number": "7.1", "title": "c", "absent": ["anna", {"person": "bo", "conflict_of_interest": True}],
             "votes": [{"motion": "m", "for": ["anna", "A"], "against": ["Venstre (V)"], "abstained": []}],
             "statements": [{"type": "protocol_note", "by": ["V"], "text": "t"}]},
        ],
    }
    assert [e.message for e in meeting_validator.iter_errors(meeting)] == []


@pytest.mark.parametrize(
    "number",
    ["7.", "7A", "a", "7.1a", 0, -1, True],
    ids=["trailing-dot", "capital-letter", "letter-only", "label-and-letter", "zero", "negative", "boolean"],
)
def test_schema_refuses_bad_item_numbers(meeting_validator, number):
    assert not meeting_validator.is_valid({**BASE_MEETING, "items": [{"number": number, "title": "a"}]})


@pytest.mark.parametrize(
    "part",
    [
        {"attendees": [{"person": "anna", "form_item": 2}]},
        {"attendees": [{"person": "anna", "arrived": "25:00"}]},
        {"items": [{"title": "a", "votes": [{"imod": ["V"]}]}]},
        {"items": [{"title": "a", "statements": [{"type": "dissent", "text": "x"}]}]},
        {"items": [{"title": "a", "statements": [{"type": "mindretal", "by": ["V"], "text": "x"}]}]},
        {"items": [{"title": "a", "status": "udsat"}]},
        {"items": [{"title": "a", "absent": [{"person": "Anna"}]}]},
    ],
    ids=["attendee-key", "attendee-time", "vote-key", "statement-without-by", "statement-type", "item-status", "item-absent-not-an-id"],
)
def test_schema_refuses_bad_minutes(meeting_validator, part):
    assert not meeting_validator.is_valid({**BASE_MEETING, **part})


# What an editor's YAML 1.2 parser makes of `number: 7.1`, `number: 7.10` and `from_item: 7.1`,
# which `ensomhed check` accepts as labels (see test_item_labels): the schema accepts them too.
YAML12_NUMBERS = [
    ("plain-label-read-as-a-float", {"items": [{"number": 7.1, "title": "a"}]}),
    ("label-seven-ten-read-as-a-float", {"items": [{"number": 7.10, "title": "a"}]}),
    ("from-item-read-as-a-float", {"attendees": [{"person": "anna", "from_item": 7.1}], "items": [{"number": "7.1", "title": "a"}]}),
]


@pytest.mark.parametrize("part", [c[1] for c in YAML12_NUMBERS], ids=[c[0] for c in YAML12_NUMBERS])
def test_schema_accepts_labels_as_an_editor_reads_them(meeting_validator, part):
    assert [e.message for e in meeting_validator.iter_errors({**BASE_MEETING, **part})] == []


def test_schema_accepts_a_quoted_whole_number(meeting_validator):
    part = {"items": [{"number": "7", "title": "a"}], "attendees": [{"person": "anna", "to_item": "7"}]}
    assert [e.message for e in meeting_validator.iter_errors({**BASE_MEETING, **part})] == []


LIST_HINTS = [
    # Where `[value]` is a valid entry the hint says so; for a list of groups of fields it shows one,
    # the value in the first required field that takes it.
    ("attendees", "attendees: anna\n", "`attendees` skal være en liste, ikke `anna`: skriv `[anna]` eller én `- anna`-linje pr. punkt",
     "`attendees` must be a list, not `anna`; write a list, e.g. `[anna]` or one `- anna` line per entry"),
    ("votes", "items:\n  - title: a\n    votes: 5\n", "`votes` skal være en liste, ikke `5`: skriv én `- {motion: …}`-linje pr. punkt",
     "`votes` must be a list, not `5`; write one `- {motion: …}` line per entry"),
    ("actions", "items:\n  - title: a\n    actions: ring\n",
     "`actions` skal være en liste, ikke `ring`: skriv én `- {what: ring, owners: …}`-linje pr. punkt",
     "`actions` must be a list, not `ring`; write one `- {what: ring, owners: …}` line per entry"),
]


@pytest.mark.parametrize("field, text, da, en", LIST_HINTS, ids=[h[0] for h in LIST_HINTS])
def test_a_scalar_for_a_list_is_told_the_shape_of_an_entry(check, field, text, da, en):
    for config, message in (("language: da\n", da), ("language: en\n", en)):
        _, diagnostics = check({"records/meetings/m.yaml": HELD + text}, config=config)
        assert [(d.code, d.message) for d in diagnostics] == [("invalid-type", message)]


# --- the messages in English -------------------------------------------------------------

def test_every_minutes_rule_in_english_where_the_repository_is_english(check):
    text = HELD + HOURS + (
        "attendees:\n"  # 7
        "  - {person: anna, from_item: 2, to_item: 1}\n"  # 8
        "  - {person: bo, arrived: '15:00', left: '14:30'}\n"  # 9
        "  - {person: anna, to_item: 9, arrived: '13:00'}\n"  # 10
        "absent: [cai]\n"  # 11
        "items:\n"  # 12
        "  - number: 1\n"  # 13
        "    title: a\n"  # 14
        "    absent: [cai, bo, bo]\n"  # 15
        "    votes:\n"  # 16
        "      - {}\n"  # 17
        "      - {for: [bo, bo], against: [anna, cai], abstained: [anna]}\n"  # 18
        "    statements:\n"  # 19
        "      - {type: dissent, by: [], text: x}\n"  # 20
        "      - {type: dissent, by: [bo], text: x}\n"  # 21
        "  - number: 2\n"  # 22
        "    title: b\n"  # 23
        "    status: postponed\n"  # 24
        "    votes:\n"  # 25
        "      - {for: [anna]}\n"  # 26
    )
    _, diagnostics = check({M: text, "records/people/cai.yaml": "kind: person\nname: Cai Berg\n"}, config="language: en\n")
    assert located(diagnostics) == [
        err(8, 43, "item-order", "`anna` leaves after item 1, before coming for item 2"),
        err(9, 42, "time-order", "`bo` leaves (14:30) before arriving (15:00)"),
        warn(10, 14, "duplicate-person", "`anna` is listed twice in `attendees`"),
        err(10, 29, "unknown-item", "`to_item: 9` is not an item of this meeting (items: 1, 2)"),
        warn(10, 41, "time-outside", "`anna` arrived at 13:00, outside the meeting's hours (14:00–16:00)"),
        warn(15, 14, "already-absent", "`cai` is absent from the whole meeting; list them under the item only if they were there"),
        warn(15, 23, "duplicate-person", "`bo` is listed twice in the item's `absent`"),
        err(17, 9, "empty-vote", "a vote needs someone in `for`, `against` or `abstained`"),
        err(18, 16, "absent-and-voting", "`bo` votes on item 1, but is absent from the item"),
        err(18, 20, "voted-twice", "`bo` is in `for` twice in the same vote"),
        err(18, 35, "absent-and-voting", "`anna` votes on item 1, but is only present from item 2"),
        err(18, 41, "absent-and-voting", "`cai` votes on item 1, but is absent from the meeting"),
        err(18, 59, "voted-twice", "`anna` is in `against` and in `abstained` of the same vote"),
        err(20, 25, "missing-field", "a statement needs at least one in `by`"),
        err(21, 30, "absent-and-voting", "`bo` makes a statement on item 1, but is absent from the item"),
        err(25, 5, "decision-not-treated", "item 2 is `postponed`; a postponed or withdrawn item has no votes"),
        err(26, 16, "absent-and-voting", "`anna` votes on item 2, but is gone after item 1"),
    ]


def test_votes_and_statements_of_a_meeting_not_held_in_english(check):
    text = PLANNED + "items:\n  - title: a\n    votes:\n      - {for: [anna]}\n    statements:\n      - {type: dissent, by: [bo], text: x}\n"
    _, diagnostics = check({M: text}, config="language: en\n")
    assert located(diagnostics) == [
        err(7, 5, "votes-not-held", "item 1 has votes, but the meeting is `planned`; only a held meeting has votes"),
        err(9, 5, "statements-not-held", "item 1 has statements, but the meeting is `planned`; only a held meeting has statements"),
    ]
