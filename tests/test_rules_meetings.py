"""The rules of one meeting (rules/meetings.py), checked to the exact diagnostic.

Each case adds one meeting to the small valid repository of conftest.BASE and names
every diagnostic the whole repository must then give: path, line, column, severity,
code and full message. A rule is shown failing, passing and at its boundary (equal
times, a number of 1, minutes approved on the meeting day…).
"""

from __future__ import annotations

import pytest

from conftest import located

M = "records/meetings/m.yaml"

HELD = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\n"  # lines 1-4
# A planned meeting is in the future: one dated before today is warned of (planned-in-past).
PLANNED = HELD.replace("held", "planned").replace("2024", "2099")
CANCELLED = HELD.replace("held", "cancelled")

BOTH = "et bilag har enten en `path` (en fil i mappen) eller en `url` (en webadresse), hverken begge dele eller ingen af dem"


def err(line, column, code, message):
    return (M, line, column, "error", code, message)


def warn(line, column, code, message):
    return (M, line, column, "warning", code, message)


def found(check, text, extra_files=None):
    _, diagnostics = check({M: text, **(extra_files or {})})
    return located(diagnostics)


# --- times -----------------------------------------------------------------------------

TIMES = [
    ("meeting-ends-before-it-starts", HELD + "start: 16:00\nend: 14:00\n", [
        err(6, 6, "time-order", "mødet slutter (14:00), før det begynder (16:00): `end` skal være senere end `start`"),
    ]),
    ("meeting-ends-when-it-starts", HELD + "start: 14:00\nend: 14:00\n", [
        err(6, 6, "time-order", "mødet slutter (14:00), før det begynder (14:00): `end` skal være senere end `start`"),
    ]),
    ("meeting-of-one-minute", HELD + "start: 14:00\nend: 14:01\n", []),
    ("meeting-with-start-only", HELD + "start: 14:00\n", []),
    ("meeting-with-end-only", HELD + "end: 14:00\n", []),
    ("items-not-held-against-wrong-hours",
     HELD + "start: 16:00\nend: 14:00\nitems:\n  - title: a\n    start: 13:00\n    end: 17:00\n", [
         err(6, 6, "time-order", "mødet slutter (14:00), før det begynder (16:00): `end` skal være senere end `start`"),
     ]),
    ("item-ends-before-it-starts", HELD + "items:\n  - title: a\n    start: 15:00\n    end: 14:30\n", [
        err(8, 10, "time-order", "punkt 1 slutter (14:30), før det begynder (15:00): punktets `end` skal være senere end dets `start`"),
    ]),
    ("item-ends-when-it-starts", HELD + "items:\n  - title: a\n    start: 15:00\n    end: 15:00\n", [
        err(8, 10, "time-order", "punkt 1 slutter (15:00), før det begynder (15:00): punktets `end` skal være senere end dets `start`"),
    ]),
    ("item-label-is-its-number", HELD + "items:\n  - number: 7\n    title: a\n    start: 15:00\n    end: 14:00\n", [
        err(9, 10, "time-order", "punkt 7 slutter (14:00), før det begynder (15:00): punktets `end` skal være senere end dets `start`"),
    ]),
    ("item-of-one-minute", HELD + "items:\n  - title: a\n    start: 15:00\n    end: 15:01\n", []),
    ("items-exactly-filling-the-meeting",
     HELD + "start: 14:00\nend: 16:00\nitems:\n  - title: a\n    start: 14:00\n    end: 15:00\n"
     "  - title: b\n    start: 15:00\n    end: 16:00\n", []),
    ("items-outside-the-hours",
     HELD + "start: 14:00\nend: 16:00\nitems:\n"
     "  - title: a\n    start: 13:59\n    end: 16:01\n"  # lines 8-10
     "  - title: b\n    start: 16:30\n"  # lines 11-12
     "  - title: c\n    end: 13:00\n",  # lines 13-14
     [
         err(9, 12, "time-outside", "punkt 1 begynder kl. 13:59, før mødet begynder (14:00): ret punktets `start` eller mødets `start`"),
         err(10, 10, "time-outside", "punkt 1 slutter kl. 16:01, efter mødet slutter (16:00): ret punktets `end` eller mødets `end`"),
         err(12, 12, "time-outside", "punkt 2 begynder kl. 16:30, efter mødet slutter (16:00): ret punktets `start` eller mødets `end`"),
         err(14, 10, "time-outside", "punkt 3 slutter kl. 13:00, før mødet begynder (14:00): ret punktets `end` eller mødets `start`"),
     ]),
    ("item-with-end-only-after-the-hours",
     HELD + "start: 14:00\nend: 16:00\nitems:\n  - title: a\n    end: 16:30\n", [
         err(9, 10, "time-outside", "punkt 1 slutter kl. 16:30, efter mødet slutter (16:00): ret punktets `end` eller mødets `end`"),
     ]),
    ("item-before-a-meeting-with-start-only",
     HELD + "start: 14:00\nitems:\n  - title: a\n    start: 13:00\n    end: 23:00\n", [
         err(8, 12, "time-outside", "punkt 1 begynder kl. 13:00, før mødet begynder (14:00): ret punktets `start` eller mødets `start`"),
     ]),
    ("item-after-a-meeting-with-end-only",
     HELD + "end: 16:00\nitems:\n  - title: a\n    start: 06:00\n    end: 17:00\n", [
         err(9, 10, "time-outside", "punkt 1 slutter kl. 17:00, efter mødet slutter (16:00): ret punktets `end` eller mødets `end`"),
     ]),
    ("items-overlap",
     HELD + "items:\n  - title: a\n    start: 14:00\n    end: 14:30\n  - title: b\n    start: 14:15\n", [
         err(10, 12, "time-overlap", "punkt 2 begynder kl. 14:15, før punkt 1 er slut (14:30); punkterne behandles efter hinanden i den rækkefølge, de står: ret tiderne"),
     ]),
    ("item-starts-as-the-last-ends",
     HELD + "items:\n  - title: a\n    start: 14:00\n    end: 14:30\n  - title: b\n    start: 14:30\n", []),
    ("overlap-across-an-item-without-times",
     HELD + "items:\n  - number: 4\n    title: a\n    start: 14:00\n    end: 14:30\n"
     "  - number: 5\n    title: b\n  - number: 6\n    title: c\n    start: 14:20\n    end: 14:40\n", [
         err(14, 12, "time-overlap", "punkt 6 begynder kl. 14:20, før punkt 4 er slut (14:30); punkterne behandles efter hinanden i den rækkefølge, de står: ret tiderne"),
     ]),
    ("overlap-with-an-item-that-has-a-start-only",
     HELD + "items:\n  - title: a\n    start: 14:00\n  - title: b\n    start: 13:50\n", [
         err(9, 12, "time-overlap", "punkt 2 begynder kl. 13:50, før punkt 1 er slut (14:00); punkterne behandles efter hinanden i den rækkefølge, de står: ret tiderne"),
     ]),
    ("overlap-with-an-item-that-has-an-end-only",
     HELD + "items:\n  - title: a\n    end: 14:10\n  - title: b\n    start: 14:00\n", [
         err(9, 12, "time-overlap", "punkt 2 begynder kl. 14:00, før punkt 1 er slut (14:10); punkterne behandles efter hinanden i den rækkefølge, de står: ret tiderne"),
     ]),
    ("item-without-start-is-not-an-overlap",
     HELD + "items:\n  - title: a\n    start: 14:00\n    end: 14:30\n  - title: b\n    end: 14:45\n", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in TIMES], ids=[c[0] for c in TIMES])
def test_meeting_and_item_times(check, text, expected):
    assert found(check, text) == expected


# --- people ----------------------------------------------------------------------------

PEOPLE = [
    ("attendee-listed-twice", HELD + "attendees: [anna, bo, anna]\n", [
        warn(5, 23, "duplicate-person", "`anna` står to gange blandt de fremmødte (`attendees`): slet den ene"),
    ]),
    ("attendees-each-once", HELD + "attendees: [anna, bo]\nabsent: []\n", []),
    ("present-and-absent-names-the-first-entry",
     HELD + "attendees: [bo, anna, anna]\nabsent:\n  - person: anna\n    reason: ferie\n", [
         warn(5, 23, "duplicate-person", "`anna` står to gange blandt de fremmødte (`attendees`): slet den ene"),
         err(7, 13, "present-and-absent", "`anna` står både blandt de fremmødte (`attendees`, nr. 2) og de fraværende (`absent`): en person er enten til stede eller fraværende, så slet personen det ene sted"),
     ]),
    ("present-and-absent-first-entry", HELD + "attendees: [anna]\nabsent: [anna]\n", [
        err(6, 10, "present-and-absent", "`anna` står både blandt de fremmødte (`attendees`, nr. 1) og de fraværende (`absent`): en person er enten til stede eller fraværende, så slet personen det ene sted"),
    ]),
    ("absent-listed-twice", HELD + "absent: [anna, bo, anna]\n", [
        warn(5, 20, "duplicate-person", "`anna` står to gange blandt de fraværende (`absent`): slet den ene"),
    ]),
    ("absent-and-attending-different-people", HELD + "attendees: [anna]\nabsent: [bo]\n", []),
    ("own-substitute", HELD + "absent:\n  - {person: anna, substitute: anna}\n", [
        err(6, 32, "invalid-value", "en person kan ikke være sin egen stedfortræder: skriv stedfortræderens id i `substitute`, eller slet `substitute`"),
    ]),
    ("someone-else-as-substitute", HELD + "absent:\n  - {person: anna, substitute: bo}\n", []),
    ("absence-with-a-reason-only", HELD + "absent:\n  - {person: anna, reason: ferie}\n", []),
    ("several-problems-with-people",
     HELD + "attendees: [anna, anna]\nabsent:\n  - {person: anna, substitute: anna}\n  - {person: anna}\n", [
         warn(5, 19, "duplicate-person", "`anna` står to gange blandt de fremmødte (`attendees`): slet den ene"),
         err(7, 14, "present-and-absent", "`anna` står både blandt de fremmødte (`attendees`, nr. 1) og de fraværende (`absent`): en person er enten til stede eller fraværende, så slet personen det ene sted"),
         err(7, 32, "invalid-value", "en person kan ikke være sin egen stedfortræder: skriv stedfortræderens id i `substitute`, eller slet `substitute`"),
         err(8, 14, "present-and-absent", "`anna` står både blandt de fremmødte (`attendees`, nr. 1) og de fraværende (`absent`): en person er enten til stede eller fraværende, så slet personen det ene sted"),
         warn(8, 14, "duplicate-person", "`anna` står to gange blandt de fraværende (`absent`): slet den ene"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in PEOPLE], ids=[c[0] for c in PEOPLE])
def test_attendees_and_absences(check, text, expected):
    assert found(check, text) == expected


# --- status ----------------------------------------------------------------------------

STATUS = [
    ("decision-on-a-planned-meeting", PLANNED + "items:\n  - title: a\n  - title: b\n    decision: Godkendt\n", [
        err(8, 5, "decision-not-held",
            "punkt 2 har en beslutning (`decision`), men mødet er `planned` (planlagt); kun et afholdt møde har beslutninger: slet `decision`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
    ]),
    ("decision-on-a-cancelled-meeting", CANCELLED + "items:\n  - number: 3\n    title: a\n    decision: Godkendt\n", [
        err(8, 5, "decision-not-held",
            "punkt 3 har en beslutning (`decision`), men mødet er `cancelled` (aflyst); kun et afholdt møde har beslutninger: slet `decision`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
    ]),
    ("decision-on-a-held-meeting", HELD + "items:\n  - title: a\n    decision: Godkendt\n", []),
    ("planned-meeting-without-decisions", PLANNED + "items:\n  - title: a\n", []),
    ("minutes-approved-on-a-planned-meeting", PLANNED + "minutes_approved: 2024-03-05\n", [
        err(5, 1, "approved-not-held",
            "`minutes_approved` (referatet godkendt) er udfyldt, men mødet er `planned` (planlagt); kun et afholdt møde har et referat: slet `minutes_approved`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
    ]),
    ("minutes-approved-on-a-cancelled-meeting", CANCELLED + "minutes_approved: 2024-03-01\n", [
        err(5, 1, "approved-not-held",
            "`minutes_approved` (referatet godkendt) er udfyldt, men mødet er `cancelled` (aflyst); kun et afholdt møde har et referat: slet `minutes_approved`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
    ]),
    ("minutes-approved-before-the-meeting", HELD + "minutes_approved: 2024-03-03\n", [
        err(5, 19, "date-order", "referatet er godkendt (2024-03-03), før mødet blev holdt (2024-03-04): ret `minutes_approved` eller `date`"),
    ]),
    ("minutes-approved-on-the-meeting-day", HELD + "minutes_approved: 2024-03-04\n", []),
    ("minutes-approved-after-the-meeting", HELD + "minutes_approved: 2024-03-11\n", []),
    ("decisions-and-minutes-on-a-planned-meeting",
     PLANNED + "minutes_approved: 2024-03-01\nitems:\n  - title: a\n    decision: x\n  - title: b\n    decision: y\n", [
         err(5, 1, "approved-not-held",
             "`minutes_approved` (referatet godkendt) er udfyldt, men mødet er `planned` (planlagt); kun et afholdt møde har et referat: slet `minutes_approved`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
         err(8, 5, "decision-not-held",
             "punkt 1 har en beslutning (`decision`), men mødet er `planned` (planlagt); kun et afholdt møde har beslutninger: slet `decision`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
         err(10, 5, "decision-not-held",
             "punkt 2 har en beslutning (`decision`), men mødet er `planned` (planlagt); kun et afholdt møde har beslutninger: slet `decision`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in STATUS], ids=[c[0] for c in STATUS])
def test_what_only_a_held_meeting_has(check, text, expected):
    assert found(check, text) == expected


# --- items and actions -----------------------------------------------------------------

ITEMS = [
    ("item-number-used-twice",
     HELD + "items:\n  - number: 24\n    title: a\n  - number: 25\n    title: b\n  - number: 24\n    title: c\n", [
         err(10, 13, "duplicate-number", "punktnummer 24 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
     ]),
    ("item-number-clashes-with-a-default-number",
     HELD + "items:\n  - title: a\n  - number: 1\n    title: b\n", [
         err(7, 13, "duplicate-number", "punktnummer 1 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
     ]),
    ("default-number-clashes-with-a-given-number",
     HELD + "items:\n  - number: 2\n    title: a\n  - title: b\n", [
         err(8, 5, "duplicate-number", "punktnummer 2 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
     ]),
    ("item-number-zero", HELD + "items:\n  - number: 0\n    title: a\n", [
        err(6, 13, "invalid-value", "et punkts `number` skal være 1 eller mere"),
    ]),
    ("item-number-negative", HELD + "items:\n  - number: -1\n    title: a\n", [
        err(6, 13, "invalid-value", "et punkts `number` skal være 1 eller mere"),
    ]),
    ("item-number-one", HELD + "items:\n  - number: 1\n    title: a\n", []),
    ("item-number-zero-twice", HELD + "items:\n  - number: 0\n    title: a\n  - number: 0\n    title: b\n", [
        err(6, 13, "invalid-value", "et punkts `number` skal være 1 eller mere"),
        err(8, 13, "duplicate-number", "punktnummer 0 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
    ]),
    # Where closed items stand is the secretary's choice (format 1.2): real agendas put them
    # first, last or between open ones, and no order is warned of.
    ("closed-items-before-an-open-one",
     HELD + "items:\n  - title: a\n    closed: true\n  - title: b\n    closed: true\n  - title: c\n  - title: d\n", []),
    ("closed-and-open-items-alternate",
     HELD + "items:\n  - title: a\n    closed: true\n  - title: b\n  - title: c\n    closed: true\n  - title: d\n", []),
    ("closed-items-last",
     HELD + "items:\n  - title: a\n  - title: b\n    closed: true\n  - title: c\n    closed: true\n", []),
    ("action-with-no-owner",
     HELD + "items:\n  - title: a\n    actions:\n      - what: ring\n        owners: []\n", [
         err(9, 9, "missing-field", "et opfølgningspunkt skal have mindst én ansvarlig: skriv en persons eller et råd/udvalgs id i `owners`"),
     ]),
    ("done-on-an-open-action",
     HELD + "items:\n  - title: a\n    actions:\n      - what: ring\n        owners: [anna]\n        done_on: 2024-03-05\n", [
         err(10, 9, "done-not-done", "`done_on` (udført den) er udfyldt, men opfølgningspunktet er `open` (åben): sæt `status: done` (udført), eller slet `done_on`"),
     ]),
    ("done-on-a-dropped-action",
     HELD + "items:\n  - title: a\n    actions:\n      - what: ring\n        owners: [anna]\n"
     "        status: dropped\n        done_on: 2024-03-05\n", [
         err(11, 9, "done-not-done", "`done_on` (udført den) er udfyldt, men opfølgningspunktet er `dropped` (opgivet): sæt `status: done` (udført), eller slet `done_on`"),
     ]),
    ("done-on-a-done-action",
     HELD + "items:\n  - title: a\n    actions:\n      - what: ring\n        owners: [anna]\n"
     "        status: done\n        done_on: 2024-03-05\n", []),
    ("done-action-without-a-day",
     HELD + "items:\n  - title: a\n    actions:\n      - what: ring\n        owners: [anna, bo]\n        status: done\n", []),
    ("several-actions-in-several-items",
     HELD + "items:\n  - title: a\n  - title: b\n    actions:\n      - what: ring\n        owners: [anna]\n"
     "      - what: skriv\n        owners: []\n        done_on: 2024-03-05\n", [
         err(12, 9, "missing-field", "et opfølgningspunkt skal have mindst én ansvarlig: skriv en persons eller et råd/udvalgs id i `owners`"),
         err(13, 9, "done-not-done", "`done_on` (udført den) er udfyldt, men opfølgningspunktet er `open` (åben): sæt `status: done` (udført), eller slet `done_on`"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in ITEMS], ids=[c[0] for c in ITEMS])
def test_item_numbers_order_and_actions(check, text, expected):
    assert found(check, text) == expected


# --- attachments -----------------------------------------------------------------------

ATTACHED = {"bilag/a.pdf": "pdf\n"}

ATTACHMENTS = [
    ("path-and-url", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, path: bilag/a.pdf, url: 'https://x.dk'}\n", [
        err(8, 9, "attachment-target", BOTH),
    ]),
    ("neither-path-nor-url", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B}\n", [
        err(8, 9, "attachment-target", BOTH),
    ]),
    ("path-only", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, path: bilag/a.pdf}\n", []),
    ("http-url", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, url: 'http://x.dk/b.pdf'}\n", []),
    ("https-url", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, url: 'https://x.dk/b.pdf'}\n", []),
    ("mailto-url", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, url: 'mailto:a@x.dk'}\n", []),
    ("url-scheme-in-capitals-and-spaces",
     HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, url: '  HTTPS://x.dk/b.pdf '}\n", []),
    ("ftp-url", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, url: 'ftp://x.dk/b.pdf'}\n", [
        err(8, 25, "invalid-url", "`ftp://x.dk/b.pdf` er ikke en adresse, der begynder med https:, http: eller mailto:"),
    ]),
    ("url-without-scheme", HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, url: x.dk/b.pdf}\n", [
        err(8, 25, "invalid-url", "`x.dk/b.pdf` er ikke en adresse, der begynder med https:, http: eller mailto:"),
    ]),
    ("several-attachments-in-several-items",
     HELD + "items:\n  - title: a\n    attachments:\n      - {title: B, url: 'https://x.dk'}\n"
     "  - title: b\n    attachments:\n      - {title: C, url: 'javascript:alert(1)'}\n      - {title: D}\n", [
         err(11, 25, "invalid-url", "`javascript:alert(1)` er ikke en adresse, der begynder med https:, http: eller mailto:"),
         err(12, 9, "attachment-target", BOTH),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in ATTACHMENTS], ids=[c[0] for c in ATTACHMENTS])
def test_attachment_path_or_url(check, text, expected):
    assert found(check, text, ATTACHED) == expected


# --- one record, many problems -----------------------------------------------------------

EVERY_PROBLEM = PLANNED + (
        "start: 14:00\n"  # 5
        "end: 16:00\n"  # 6
        "attendees: [anna, bo, bo]\n"  # 7
        "absent:\n"  # 8
        "  - {person: anna, substitute: anna}\n"  # 9
        "minutes_approved: 2024-03-01\n"  # 10
        "items:\n"  # 11
        "  - number: 2\n"  # 12
        "    title: a\n"  # 13
        "    closed: true\n"  # 14
        "    start: 13:30\n"  # 15
        "    end: 14:30\n"  # 16
        "    decision: x\n"  # 17
        "  - number: 2\n"  # 18
        "    title: b\n"  # 19
        "    start: 14:20\n"  # 20
        "    end: 14:10\n"  # 21
        "    attachments:\n"  # 22
        "      - {title: B, url: 'file:///etc/passwd'}\n"  # 23
        "    actions:\n"  # 24
        "      - {what: ring, owners: [], done_on: 2024-03-05}\n"  # 25
)


def test_every_problem_of_one_meeting_in_place_and_order(check):
    assert found(check, EVERY_PROBLEM) == [
        warn(7, 23, "duplicate-person", "`bo` står to gange blandt de fremmødte (`attendees`): slet den ene"),
        err(9, 14, "present-and-absent", "`anna` står både blandt de fremmødte (`attendees`, nr. 1) og de fraværende (`absent`): en person er enten til stede eller fraværende, så slet personen det ene sted"),
        err(9, 32, "invalid-value", "en person kan ikke være sin egen stedfortræder: skriv stedfortræderens id i `substitute`, eller slet `substitute`"),
        err(10, 1, "approved-not-held",
            "`minutes_approved` (referatet godkendt) er udfyldt, men mødet er `planned` (planlagt); kun et afholdt møde har et referat: slet `minutes_approved`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
        err(15, 12, "time-outside", "punkt 2 begynder kl. 13:30, før mødet begynder (14:00): ret punktets `start` eller mødets `start`"),
        err(17, 5, "decision-not-held",
            "punkt 2 har en beslutning (`decision`), men mødet er `planned` (planlagt); kun et afholdt møde har beslutninger: slet `decision`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt"),
        err(18, 13, "duplicate-number", "punktnummer 2 er brugt to gange på dette møde (også af det 1. punkt på listen): giv hvert punkt sit eget `number`"),
        err(20, 12, "time-overlap", "punkt 2 begynder kl. 14:20, før punkt 2 er slut (14:30); punkterne behandles efter hinanden i den rækkefølge, de står: ret tiderne"),
        err(21, 10, "time-order", "punkt 2 slutter (14:10), før det begynder (14:20): punktets `end` skal være senere end dets `start`"),
        err(23, 25, "invalid-url", "`file:///etc/passwd` er ikke en adresse, der begynder med https:, http: eller mailto:"),
        err(25, 22, "missing-field", "et opfølgningspunkt skal have mindst én ansvarlig: skriv en persons eller et råd/udvalgs id i `owners`"),
        err(25, 34, "done-not-done", "`done_on` (udført den) er udfyldt, men opfølgningspunktet er `open` (åben): sæt `status: done` (udført), eller slet `done_on`"),
    ]


# --- the messages in English -------------------------------------------------------------

def test_every_problem_of_one_meeting_in_english_where_the_repository_is_english(check):
    _, diagnostics = check({M: EVERY_PROBLEM}, config="language: en\n")
    assert located(diagnostics) == [
        warn(7, 23, "duplicate-person", "`bo` is listed twice in `attendees`"),
        err(9, 14, "present-and-absent", "`anna` is both in `attendees` (entry 1) and in `absent`"),
        err(9, 32, "invalid-value", "a person cannot be their own substitute"),
        err(10, 1, "approved-not-held",
            "`minutes_approved` is set, but the meeting is `planned`; only a held meeting has minutes"),
        err(15, 12, "time-outside", "item 2 starts at 13:30, before the meeting starts (14:00)"),
        err(17, 5, "decision-not-held",
            "item 2 has a decision, but the meeting is `planned`; only a held meeting has decisions"),
        err(18, 13, "duplicate-number", "item number 2 is used twice in this meeting (also item 1 in the list)"),
        err(20, 12, "time-overlap", "item 2 starts at 14:20, before item 2 is over (14:30); items run in order"),
        err(21, 10, "time-order", "item 2 ends (14:10) before it starts (14:20)"),
        err(23, 25, "invalid-url", "`file:///etc/passwd` is not an https, http or mailto address"),
        err(25, 22, "missing-field", "an action needs at least one owner"),
        err(25, 34, "done-not-done", "`done_on` is set, but the action is `open`"),
    ]


def test_the_other_meeting_rules_in_english(check):
    text = HELD + (
        "start: 16:00\n"  # 5
        "end: 14:00\n"  # 6
        "absent: [bo, bo]\n"  # 7
        "minutes_approved: 2024-03-03\n"  # 8
        "items:\n"  # 9
        "  - number: 0\n"  # 10
        "    title: a\n"  # 11
        "    status: withdrawn\n"  # 12
        "    decision: x\n"  # 13
        "    attachments:\n"  # 14
        "      - {title: B}\n"  # 15
    )
    _, diagnostics = check({M: text}, config="language: en\n")
    assert located(diagnostics) == [
        err(6, 6, "time-order", "the meeting ends (14:00) before it starts (16:00)"),
        warn(7, 14, "duplicate-person", "`bo` is listed twice in `absent`"),
        err(8, 19, "date-order", "the minutes are approved (2024-03-03) before the meeting was held (2024-03-04)"),
        err(10, 13, "invalid-value", "an item `number` must be 1 or more"),
        err(13, 5, "decision-not-treated", "item 0 is `withdrawn`; a postponed or withdrawn item has no decision"),
        err(15, 9, "attachment-target", "an attachment has either a `path` or a `url`, not both or neither"),
    ]


def test_the_language_of_the_messages_follows_lang_over_the_settings(check):
    """--lang en (set for the whole command) speaks English in a Danish repository, and
    --lang da Danish in an English one."""
    from ensomhed_cli.diagnostics import set_language_override

    text = HELD + "start: 16:00\nend: 14:00\n"
    try:
        set_language_override("en")
        _, diagnostics = check({M: text})
        assert [d.message for d in diagnostics] == ["the meeting ends (14:00) before it starts (16:00)"]
        set_language_override("da")
        _, diagnostics = check({M: text}, config="language: en\n")
        assert [d.message for d in diagnostics] == [
            "mødet slutter (14:00), før det begynder (16:00): `end` skal være senere end `start`"
        ]
    finally:
        set_language_override(None)
