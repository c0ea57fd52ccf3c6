"""The rules of one body, plan or initiative (rules/plans.py), checked to the exact diagnostic.

Each case adds a record to the small valid repository of conftest.BASE and names every
diagnostic the whole repository must then give: path, line, column, severity, code and
full message. A rule is shown failing, passing and at its boundary (a group of exactly
size.min or size.max members, a budget of 0, two measurements on one day…).
"""

from __future__ import annotations

import pytest

from conftest import located

B = "records/bodies/g.yaml"
P = "records/plans/p.yaml"
INI = "records/initiatives/i.yaml"

BODY = "kind: body\nname: G\ntype: working_group\n"  # lines 1-3
PLAN = "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\n"  # lines 1-4
INITIATIVE = "kind: initiative\ntitle: I\nstatus: active\ncategory: community\n"  # lines 1-4

# Five more people, so that groups can be large without a duplicate member.
PEOPLE = {f"records/people/p{n}.yaml": f"kind: person\nname: P{n}\n" for n in range(1, 6)}


def err(path, line, column, code, message):
    return (path, line, column, "error", code, message)


def warn(path, line, column, code, message):
    return (path, line, column, "warning", code, message)


def found(check, files, **kwargs):
    _, diagnostics = check(files, **kwargs)
    return located(diagnostics)


def members(n):
    return "members:\n" + "".join(f"  - person: p{k}\n" for k in range(1, n + 1))


# --- bodies ----------------------------------------------------------------------------

BODIES = [
    ("size-min-below-zero", "size: {min: -1, max: 3}\n", [
        err(B, 4, 13, "invalid-value", "`size.min` skal være 0 eller mere"),
    ]),
    ("size-min-zero", "size: {min: 0, max: 3}\n", []),
    ("size-max-below-min", "size: {min: 4, max: 3}\n", [
        err(B, 4, 21, "invalid-range", "`size.max` (3) er mindre end `size.min` (4): det største antal medlemmer står i `max`, det mindste i `min`"),
    ]),
    ("size-max-below-min-with-members", "size: {min: 4, max: 3}\n" + members(3), [
        err(B, 4, 21, "invalid-range", "`size.max` (3) er mindre end `size.min` (4): det største antal medlemmer står i `max`, det mindste i `min`"),
    ]),
    ("size-min-below-zero-and-above-max", "size: {min: -1, max: -5}\n", [
        err(B, 4, 13, "invalid-value", "`size.min` skal være 0 eller mere"),
        err(B, 4, 22, "invalid-range", "`size.max` (-5) er mindre end `size.min` (-1): det største antal medlemmer står i `max`, det mindste i `min`"),
    ]),
    ("size-min-below-zero-with-members-in-range", "size: {min: -1, max: 2}\n" + members(2), [
        err(B, 4, 13, "invalid-value", "`size.min` skal være 0 eller mere"),
    ]),
    ("size-min-equals-max", "size: {min: 2, max: 2}\n" + members(2), []),
    ("size-without-members", "size: {min: 2, max: 4}\n", []),
    ("members-without-size", members(5), []),
    ("one-member-too-few", "size: {min: 2, max: 4}\n" + members(1), [
        err(B, 5, 1, "group-size", "1 medlem under `members`, men gruppen skal have 2–4 (`size`): ret listen over medlemmer eller `size`"),
    ]),
    ("exactly-size-min", "size: {min: 2, max: 4}\n" + members(2), []),
    ("between-min-and-max", "size: {min: 2, max: 4}\n" + members(3), []),
    ("exactly-size-max", "size: {min: 2, max: 4}\n" + members(4), []),
    ("one-member-too-many", "size: {min: 2, max: 4}\n" + members(5), [
        err(B, 5, 1, "group-size", "5 medlemmer under `members`, men gruppen skal have 2–4 (`size`): ret listen over medlemmer eller `size`"),
    ]),
    ("two-members-too-few", "size:\n  min: 3\n  max: 5\n" + members(2), [
        err(B, 7, 1, "group-size", "2 medlemmer under `members`, men gruppen skal have 3–5 (`size`): ret listen over medlemmer eller `size`"),
    ]),
    ("one-member-too-many-for-one", "size: {min: 1, max: 1}\n" + members(2), [
        err(B, 5, 1, "group-size", "2 medlemmer under `members`, men gruppen skal have 1–1 (`size`): ret listen over medlemmer eller `size`"),
    ]),
    ("duplicate-member", "members:\n  - person: anna\n  - {person: bo, role: formand}\n  - person: anna\n", [
        warn(B, 7, 13, "duplicate-member", "`anna` står to gange som medlem (også nr. 1 under `members`): slet den ene"),
    ]),
    ("member-three-times",
     "members:\n  - person: anna\n  - person: bo\n  - person: bo\n  - person: bo\n", [
         warn(B, 7, 13, "duplicate-member", "`bo` står to gange som medlem (også nr. 2 under `members`): slet den ene"),
         warn(B, 8, 13, "duplicate-member", "`bo` står to gange som medlem (også nr. 2 under `members`): slet den ene"),
     ]),
    ("duplicate-members-counted-in-the-size",
     "size: {min: 3, max: 3}\nmembers:\n  - person: anna\n  - person: bo\n  - person: anna\n  - person: p1\n", [
         err(B, 5, 1, "group-size", "4 medlemmer under `members`, men gruppen skal have 3–3 (`size`): ret listen over medlemmer eller `size`"),
         warn(B, 8, 13, "duplicate-member", "`anna` står to gange som medlem (også nr. 1 under `members`): slet den ene"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in BODIES], ids=[c[0] for c in BODIES])
def test_body_size_and_members(check, text, expected):
    assert found(check, {B: BODY + text, **PEOPLE}) == expected


# --- plans -----------------------------------------------------------------------------

PLANS = [
    # period
    ("period-ends-before-it-begins", "period: {from: 2025-01-01, to: 2024-12-31}\n", [
        err(P, 5, 32, "date-order", "planens periode slutter (2024-12-31), før den begynder (2025-01-01): ret `period`"),
    ]),
    ("period-of-one-day", "period: {from: 2025-01-01, to: 2025-01-01}\n", []),
    ("period-in-order", "period: {from: 2024-01-01, to: 2027-12-31}\n", []),
    # unique ids
    ("theme-id-used-twice", "themes:\n  - {id: t, title: A}\n  - {id: u, title: B}\n  - {id: t, title: C}\n", [
        err(P, 8, 10, "duplicate-id", "to temaer i denne plan har id `t`: giv hvert tema sit eget id"),
    ]),
    ("theme-id-used-three-times", "themes:\n  - {id: t, title: A}\n  - {id: t, title: B}\n  - {id: t, title: C}\n", [
        err(P, 7, 10, "duplicate-id", "to temaer i denne plan har id `t`: giv hvert tema sit eget id"),
        err(P, 8, 10, "duplicate-id", "to temaer i denne plan har id `t`: giv hvert tema sit eget id"),
    ]),
    ("goal-id-used-twice", "goals:\n  - {id: g, title: A}\n  - {id: g, title: B}\n", [
        err(P, 7, 10, "duplicate-id", "to mål i denne plan har id `g`: giv hvert mål sit eget id"),
    ]),
    ("milestone-id-used-twice", "milestones:\n  - {id: m, title: A}\n  - {id: m, title: B}\n", [
        err(P, 7, 10, "duplicate-id", "to milepæle i denne plan har id `m`: giv hver milepæl sit eget id"),
    ]),
    ("same-id-for-a-theme-a-goal-and-a-milestone",
     "themes:\n  - {id: x, title: A}\ngoals:\n  - {id: x, title: B, theme: x}\nmilestones:\n  - {id: x, title: C}\n", []),
    # goal themes
    ("goal-theme-unknown-with-a-suggestion",
     "themes:\n  - {id: faellesskab, title: A}\ngoals:\n  - {id: g, title: G, theme: faelleskab}\n", [
         err(P, 8, 30, "unresolved-ref", "planen har intet tema med id `faelleskab` (mente du `faellesskab`?)"),
     ]),
    ("goal-theme-unknown-without-a-suggestion",
     "themes:\n  - {id: faellesskab, title: A}\ngoals:\n  - {id: g, title: G, theme: bolig}\n", [
         err(P, 8, 30, "unresolved-ref", "planen har intet tema med id `bolig`"),
     ]),
    ("goal-theme-in-a-plan-without-themes", "goals:\n  - {id: g, title: G, theme: bolig}\n", [
        err(P, 6, 30, "unresolved-ref", "planen har intet tema med id `bolig`"),
    ]),
    ("goal-theme-known", "themes:\n  - {id: a, title: A}\n  - {id: b, title: B}\ngoals:\n  - {id: g, title: G, theme: b}\n", []),
    ("goal-without-theme", "themes:\n  - {id: a, title: A}\ngoals:\n  - {id: g, title: G}\n", []),
    # measurements
    ("measurements-out-of-order",
     "goals:\n  - id: g\n    title: G\n    measurements:\n"
     "      - {date: 2024-01-01, value: 5}\n      - {date: 2023-01-01, value: 6}\n", [
         err(P, 10, 16, "date-order", "målingerne (`measurements`) skal stå i datoorden, men 2023-01-01 kommer efter 2024-01-01"),
     ]),
    ("measurements-on-the-same-day",
     "goals:\n  - id: g\n    title: G\n    measurements:\n"
     "      - {date: 2024-01-01, value: 5}\n      - {date: 2024-01-01, value: 6}\n", []),
    ("measurements-a-day-apart",
     "goals:\n  - id: g\n    title: G\n    measurements:\n"
     "      - {date: 2024-01-01, value: 5}\n      - {date: 2024-01-02, value: 6}\n", []),
    ("third-measurement-before-the-second",
     "goals:\n  - id: g\n    title: G\n    measurements:\n"
     "      - {date: 2024-01-01, value: 5}\n      - {date: 2024-06-01, value: 6}\n"
     "      - {date: 2024-03-01, value: 7}\n", [
         err(P, 11, 16, "date-order", "målingerne (`measurements`) skal stå i datoorden, men 2024-03-01 kommer efter 2024-06-01"),
     ]),
    ("measurements-of-the-second-goal",
     "goals:\n  - {id: f, title: F}\n  - id: g\n    title: G\n    measurements:\n"
     "      - {date: 2024-02-01, value: 5}\n      - {date: 2024-01-01, value: 6}\n"
     "      - {date: 2023-01-01, value: 7}\n", [
         err(P, 11, 16, "date-order", "målingerne (`measurements`) skal stå i datoorden, men 2024-01-01 kommer efter 2024-02-01"),
         err(P, 12, 16, "date-order", "målingerne (`measurements`) skal stå i datoorden, men 2023-01-01 kommer efter 2024-01-01"),
     ]),
    # milestone dependencies
    ("milestone-depends-on-an-unknown-one-with-a-suggestion",
     "milestones:\n  - {id: temadag, title: A}\n  - {id: b, title: B, depends_on: [temadg]}\n", [
         err(P, 7, 36, "unresolved-ref", "planen har ingen milepæl med id `temadg` (mente du `temadag`?)"),
     ]),
    ("milestone-depends-on-an-unknown-one",
     "milestones:\n  - {id: temadag, title: A}\n  - {id: b, title: B, depends_on: [x, temadag]}\n", [
         err(P, 7, 36, "unresolved-ref", "planen har ingen milepæl med id `x`"),
     ]),
    ("milestone-depends-on-itself",
     "milestones:\n  - {id: a, title: A}\n  - {id: b, title: B, depends_on: [a, b]}\n", [
         err(P, 7, 39, "milestone-cycle", "milepælen `b` afhænger af sig selv: slet `b` fra dens `depends_on`"),
     ]),
    ("milestone-dated-before-its-dependency",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n  - {id: b, title: B, date: 2024-04-01, depends_on: [a]}\n", [
         err(P, 7, 29, "date-order", "milepælen `b` (2024-04-01) er dateret før `a` (2024-05-01), som den afhænger af (`depends_on`): ret en af datoerne"),
     ]),
    ("milestone-on-the-day-of-its-dependency",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n  - {id: b, title: B, date: 2024-05-01, depends_on: [a]}\n", []),
    ("milestone-after-its-dependency",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n  - {id: b, title: B, date: 2024-05-02, depends_on: [a]}\n", []),
    ("milestone-without-date-depends-on-a-dated-one",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n  - {id: b, title: B, depends_on: [a]}\n", []),
    ("dated-milestone-depends-on-one-without-date",
     "milestones:\n  - {id: a, title: A}\n  - {id: b, title: B, date: 2024-05-01, depends_on: [a]}\n", []),
    ("every-dependency-is-checked-after-a-bad-one",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n"
     "  - {id: b, title: B, date: 2024-04-01, depends_on: [x, b, a]}\n", [
         err(P, 7, 29, "date-order", "milepælen `b` (2024-04-01) er dateret før `a` (2024-05-01), som den afhænger af (`depends_on`): ret en af datoerne"),
         err(P, 7, 54, "unresolved-ref", "planen har ingen milepæl med id `x`"),
         err(P, 7, 57, "milestone-cycle", "milepælen `b` afhænger af sig selv: slet `b` fra dens `depends_on`"),
     ]),
    ("dependency-on-a-duplicate-id-means-the-first",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n  - {id: a, title: A2, date: 2024-01-01}\n"
     "  - {id: b, title: B, date: 2024-03-01, depends_on: [a]}\n", [
         err(P, 7, 10, "duplicate-id", "to milepæle i denne plan har id `a`: giv hver milepæl sit eget id"),
         err(P, 8, 29, "date-order", "milepælen `b` (2024-03-01) er dateret før `a` (2024-05-01), som den afhænger af (`depends_on`): ret en af datoerne"),
     ]),
    # milestone cycles
    ("two-milestones-in-a-circle",
     "milestones:\n  - {id: a, title: A, depends_on: [b]}\n  - {id: b, title: B, depends_on: [a]}\n", [
         err(P, 7, 36, "milestone-cycle", "milepælene afhænger af hinanden i ring (a → b → a): fjern en af afhængighederne under `depends_on`"),
     ]),
    ("three-milestones-in-a-circle",
     "milestones:\n  - {id: a, title: A, depends_on: [b]}\n  - {id: b, title: B, depends_on: [c]}\n"
     "  - {id: c, title: C, depends_on: [a]}\n", [
         err(P, 8, 36, "milestone-cycle", "milepælene afhænger af hinanden i ring (a → b → c → a): fjern en af afhængighederne under `depends_on`"),
     ]),
    ("circle-reached-from-outside-it",
     "milestones:\n  - {id: s, title: S, depends_on: [a]}\n  - {id: a, title: A, depends_on: [b]}\n"
     "  - {id: b, title: B, depends_on: [a]}\n", [
         err(P, 8, 36, "milestone-cycle", "milepælene afhænger af hinanden i ring (a → b → a): fjern en af afhængighederne under `depends_on`"),
     ]),
    ("circle-closed-by-a-later-dependency",
     "milestones:\n  - {id: a, title: A, depends_on: [x, a, b]}\n  - {id: b, title: B, depends_on: [c, a]}\n"
     "  - {id: c, title: C}\n", [
         err(P, 6, 36, "unresolved-ref", "planen har ingen milepæl med id `x`"),
         err(P, 6, 39, "milestone-cycle", "milepælen `a` afhænger af sig selv: slet `a` fra dens `depends_on`"),
         err(P, 7, 39, "milestone-cycle", "milepælene afhænger af hinanden i ring (a → b → a): fjern en af afhængighederne under `depends_on`"),
     ]),
    ("circle-reached-again-from-a-later-milestone",
     "milestones:\n  - {id: a, title: A, depends_on: [b]}\n  - {id: b, title: B, depends_on: [c]}\n"
     "  - {id: c, title: C, depends_on: [b]}\n  - {id: d, title: D, depends_on: [c]}\n", [
         err(P, 8, 36, "milestone-cycle", "milepælene afhænger af hinanden i ring (b → c → b): fjern en af afhængighederne under `depends_on`"),
     ]),
    ("diamond-is-no-circle",
     "milestones:\n  - {id: a, title: A, depends_on: [b, c]}\n  - {id: b, title: B, depends_on: [d]}\n"
     "  - {id: c, title: C, depends_on: [d]}\n  - {id: d, title: D}\n", []),
    ("chain-is-no-circle",
     "milestones:\n  - {id: c, title: C, depends_on: [b]}\n  - {id: b, title: B, depends_on: [a]}\n"
     "  - {id: a, title: A}\n", []),
    ("two-separate-circles",
     "milestones:\n  - {id: a, title: A, depends_on: [b]}\n  - {id: b, title: B, depends_on: [a]}\n"
     "  - {id: c, title: C, depends_on: [d]}\n  - {id: d, title: D, depends_on: [c]}\n", [
         err(P, 7, 36, "milestone-cycle", "milepælene afhænger af hinanden i ring (a → b → a): fjern en af afhængighederne under `depends_on`"),
         err(P, 9, 36, "milestone-cycle", "milepælene afhænger af hinanden i ring (c → d → c): fjern en af afhængighederne under `depends_on`"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in PLANS], ids=[c[0] for c in PLANS])
def test_plan_period_ids_goals_and_milestones(check, text, expected):
    assert found(check, {P: PLAN + text}) == expected


def test_every_problem_of_one_plan_in_place_and_order(check):
    text = PLAN + (
        "period: {from: 2027-01-01, to: 2024-01-01}\n"  # 5
        "themes:\n"  # 6
        "  - {id: t, title: A}\n"  # 7
        "  - {id: t, title: B}\n"  # 8
        "goals:\n"  # 9
        "  - {id: g, title: G, theme: u}\n"  # 10
        "  - id: g\n"  # 11
        "    title: H\n"  # 12
        "    measurements:\n"  # 13
        "      - {date: 2024-02-01, value: 1}\n"  # 14
        "      - {date: 2024-01-01, value: 2}\n"  # 15
        "milestones:\n"  # 16
        "  - {id: a, title: A, date: 2025-01-01, depends_on: [b, a]}\n"  # 17
        "  - {id: b, title: B, date: 2026-01-01, depends_on: [a, y]}\n"  # 18
    )
    assert found(check, {P: text}) == [
        err(P, 5, 32, "date-order", "planens periode slutter (2024-01-01), før den begynder (2027-01-01): ret `period`"),
        err(P, 8, 10, "duplicate-id", "to temaer i denne plan har id `t`: giv hvert tema sit eget id"),
        err(P, 10, 30, "unresolved-ref", "planen har intet tema med id `u`"),
        err(P, 11, 9, "duplicate-id", "to mål i denne plan har id `g`: giv hvert mål sit eget id"),
        err(P, 15, 16, "date-order", "målingerne (`measurements`) skal stå i datoorden, men 2024-01-01 kommer efter 2024-02-01"),
        err(P, 17, 29, "date-order", "milepælen `a` (2025-01-01) er dateret før `b` (2026-01-01), som den afhænger af (`depends_on`): ret en af datoerne"),
        err(P, 17, 57, "milestone-cycle", "milepælen `a` afhænger af sig selv: slet `a` fra dens `depends_on`"),
        err(P, 18, 54, "milestone-cycle", "milepælene afhænger af hinanden i ring (a → b → a): fjern en af afhængighederne under `depends_on`"),
        err(P, 18, 57, "unresolved-ref", "planen har ingen milepæl med id `y`"),
    ]


# --- initiatives -----------------------------------------------------------------------

VOCABULARIES = (
    "language: da\n"
    "vocabularies:\n"
    "  target_groups: [ældre der bor alene, plejehjemsbeboere]\n"
    "  partners: [Røde Kors, Ældre Sagen]\n"
)
PARTNERS_ONLY = "language: da\nvocabularies:\n  partners: [Røde Kors, Ældre Sagen]\n"

INITIATIVES = [
    ("ends-before-it-starts", "start: 2024-05-01\nend: 2024-04-30\n", [
        err(INI, 6, 6, "date-order", "indsatsen slutter (2024-04-30), før den begynder (2024-05-01): ret `start` eller `end`"),
    ]),
    ("ends-the-day-it-starts", "start: 2024-05-01\nend: 2024-05-01\n", []),
    ("start-without-end", "start: 2024-05-01\n", []),
    ("end-without-start", "end: 2024-05-01\n", []),
    ("negative-budget", "budget: {amount: -1}\n", [
        err(INI, 5, 18, "invalid-value", "et beløb i budgettet (`amount`) skal være 0 eller mere"),
    ]),
    ("budget-a-little-below-zero", "budget:\n  amount: -0.5\n  year: 2024\n", [
        err(INI, 6, 11, "invalid-value", "et beløb i budgettet (`amount`) skal være 0 eller mere"),
    ]),
    ("budget-of-zero", "budget: {amount: 0}\n", []),
    ("budget-above-zero", "budget: {amount: 250000, currency: DKK}\n", []),
    ("negative-participants", "reach:\n  - {date: 2024-01-01, participants: -1}\n", [
        err(INI, 6, 38, "invalid-value", "`participants` skal være 0 eller mere"),
    ]),
    ("negative-new-relations", "reach:\n  - {date: 2024-01-01, new_relations: -1}\n", [
        err(INI, 6, 39, "invalid-value", "`new_relations` skal være 0 eller mere"),
    ]),
    ("no-one-reached", "reach:\n  - {date: 2024-01-01, participants: 0, new_relations: 0}\n", []),
    ("more-new-relations-than-participants",
     "reach:\n  - {date: 2024-01-01, participants: 5, new_relations: 6}\n", [
         warn(INI, 6, 56, "reach-count", "6 nye relationer (`new_relations`) blandt kun 5 deltagere (`participants`): se tallene efter"),
     ]),
    ("as-many-new-relations-as-participants",
     "reach:\n  - {date: 2024-01-01, participants: 5, new_relations: 5}\n", []),
    ("new-relations-without-participants", "reach:\n  - {date: 2024-01-01, new_relations: 5}\n", []),
    ("participants-without-new-relations", "reach:\n  - {date: 2024-01-01, participants: 5}\n", []),
    ("both-counts-negative",
     "reach:\n  - {date: 2024-01-01, participants: -3, new_relations: -1}\n", [
         err(INI, 6, 38, "invalid-value", "`participants` skal være 0 eller mere"),
         err(INI, 6, 57, "invalid-value", "`new_relations` skal være 0 eller mere"),
     ]),
    ("one-new-relation-among-no-participant-is-said-in-the-singular",
     "reach:\n  - {date: 2024-01-01, participants: 0, new_relations: 1}\n", [
         warn(INI, 6, 56, "reach-count", "1 ny relation (`new_relations`) blandt kun 0 deltagere (`participants`): se tallene efter"),
     ]),
    ("one-participant",
     "reach:\n  - {date: 2024-01-01, participants: 1, new_relations: 2}\n", [
         warn(INI, 6, 56, "reach-count", "2 nye relationer (`new_relations`) blandt kun 1 deltager (`participants`): se tallene efter"),
     ]),
    ("problems-in-the-second-count",
     "reach:\n  - {date: 2024-01-01, participants: 5}\n  - {date: 2024-02-01, participants: 2, new_relations: 3}\n"
     "  - {date: 2024-03-01, participants: -2}\n", [
         warn(INI, 7, 56, "reach-count", "3 nye relationer (`new_relations`) blandt kun 2 deltagere (`participants`): se tallene efter"),
         err(INI, 8, 38, "invalid-value", "`participants` skal være 0 eller mere"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in INITIATIVES], ids=[c[0] for c in INITIATIVES])
def test_initiative_dates_budget_and_reach(check, text, expected):
    assert found(check, {INI: INITIATIVE + text}) == expected


VOCABULARY_CASES = [
    ("values-in-the-vocabularies", VOCABULARIES,
     "target_groups: [plejehjemsbeboere]\npartners: [Røde Kors, Ældre Sagen]\n", []),
    ("target-group-with-a-suggestion", VOCABULARIES,
     "target_groups: [ældre der bor alene, plejehjemsbeboer]\n", [
         err(INI, 5, 38, "vocabulary",
             "`plejehjemsbeboer` står ikke blandt målgrupperne i `vocabularies.target_groups` i ensomhed.yaml"
             " (mente du `plejehjemsbeboere`?): skriv et ord fra listen, eller føj ordet til listen"),
     ]),
    ("partner-without-a-suggestion", VOCABULARIES, "partners: [Røde Kors, kommunen]\n", [
        err(INI, 5, 23, "vocabulary", "`kommunen` står ikke blandt samarbejdspartnerne i `vocabularies.partners` i ensomhed.yaml: skriv et ord fra listen, eller føj ordet til listen"),
    ]),
    ("both-lists-checked", VOCABULARIES, "target_groups: [unge]\npartners: [Ældre Sagn]\n", [
        err(INI, 5, 17, "vocabulary", "`unge` står ikke blandt målgrupperne i `vocabularies.target_groups` i ensomhed.yaml: skriv et ord fra listen, eller føj ordet til listen"),
        err(INI, 6, 12, "vocabulary",
            "`Ældre Sagn` står ikke blandt samarbejdspartnerne i `vocabularies.partners` i ensomhed.yaml (mente du `Ældre Sagen`?): skriv et ord fra listen, eller føj ordet til listen"),
    ]),
    ("partners-checked-when-target-groups-are-free", PARTNERS_ONLY,
     "target_groups: [unge]\npartners: [kommunen]\n", [
         err(INI, 6, 12, "vocabulary", "`kommunen` står ikke blandt samarbejdspartnerne i `vocabularies.partners` i ensomhed.yaml: skriv et ord fra listen, eller føj ordet til listen"),
     ]),
    ("no-vocabularies", "language: da\n", "target_groups: [unge]\npartners: [kommunen]\n", []),
]


@pytest.mark.parametrize("config, text, expected", [c[1:] for c in VOCABULARY_CASES], ids=[c[0] for c in VOCABULARY_CASES])
def test_initiative_vocabularies(check, config, text, expected):
    assert found(check, {INI: INITIATIVE + text}, config=config) == expected


def test_every_problem_of_one_initiative_in_place_and_order(check):
    text = INITIATIVE + (
        "target_groups: [unge]\n"  # 5
        "start: 2024-05-02\n"  # 6
        "end: 2024-05-01\n"  # 7
        "budget: {amount: -100}\n"  # 8
        "reach:\n"  # 9
        "  - {date: 2024-01-01, participants: 1, new_relations: -2}\n"  # 10
        "  - {date: 2024-02-01, participants: 1, new_relations: 2}\n"  # 11
        "partners: [Røde Kors, Ældre Sagen, Mødestedet]\n"  # 12
    )
    assert found(check, {INI: text}, config=VOCABULARIES) == [
        err(INI, 5, 17, "vocabulary", "`unge` står ikke blandt målgrupperne i `vocabularies.target_groups` i ensomhed.yaml: skriv et ord fra listen, eller føj ordet til listen"),
        err(INI, 7, 6, "date-order", "indsatsen slutter (2024-05-01), før den begynder (2024-05-02): ret `start` eller `end`"),
        err(INI, 8, 18, "invalid-value", "et beløb i budgettet (`amount`) skal være 0 eller mere"),
        err(INI, 10, 56, "invalid-value", "`new_relations` skal være 0 eller mere"),
        warn(INI, 11, 56, "reach-count", "2 nye relationer (`new_relations`) blandt kun 1 deltager (`participants`): se tallene efter"),
        err(INI, 12, 36, "vocabulary", "`Mødestedet` står ikke blandt samarbejdspartnerne i `vocabularies.partners` i ensomhed.yaml: skriv et ord fra listen, eller føj ordet til listen"),
    ]


# --- the messages in English -------------------------------------------------------------

def test_every_rule_of_bodies_plans_and_initiatives_in_english(check):
    files = {
        "records/bodies/g.yaml": BODY + "size: {min: -1, max: -5}\n",
        "records/bodies/h.yaml": "kind: body\nname: H\ntype: working_group\nsize: {min: 4, max: 5}\nmembers: [anna, bo, anna]\n",
        P: PLAN + (
            "period: {from: 2025, to: 2024-06}\n"  # 5
            "themes:\n  - {id: t, title: T}\n  - {id: t, title: U}\n"  # 6-8
            "goals:\n"  # 9
            "  - {id: g, title: G, theme: tt, baseline: {value: 10}, target: {value: 5}, direction: increase}\n"  # 10
            "  - {id: g, title: G, target: {value: 5}}\n"  # 11
            "  - {id: h, title: H, baseline: {value: 5}, target: {value: 5},"
            " measurements: [{date: 2024-05-01, value: 1}, {date: 2024-01-01, value: 2}]}\n"  # 12
            "milestones:\n"  # 13
            "  - {id: a, title: A, date: 2024-05-01, depends_on: [a, b, x]}\n"  # 14
            "  - {id: a, title: A2}\n"  # 15
            "  - {id: b, title: B, date: 2024-06-01, depends_on: [c]}\n"  # 16
            "  - {id: c, title: C, depends_on: [b]}\n"  # 17
        ),
        INI: INITIATIVE + (
            "start: 2024-05-01\nend: 2024-01-01\n"  # 5-6
            "budget: [{amount: -1}]\n"  # 7
            "target_groups: [plejehjemsbeboer]\n"  # 8
            "partners: [kommunen]\n"  # 9
            "reach:\n"  # 10
            "  - {date: 2024-03-01, from: 2024-04-01, participants: -1, new_relations: -2}\n"  # 11
            "  - {date: 2024-06-01, from: 2024-02-01, participants: 1, new_relations: 2}\n"  # 12
            "  - {date: 2024-05-01, participants: 3, new_relations: 5}\n"  # 13
        ),
    }
    config = VOCABULARIES.replace("language: da", "language: en").replace("ældre der bor alene, ", "")
    H = "records/bodies/h.yaml"
    assert found(check, files, config=config) == [
        err(B, 4, 13, "invalid-value", "`size.min` must be 0 or more"),
        err(B, 4, 22, "invalid-range", "`size.max` (-5) is below `size.min` (-1)"),
        err(H, 5, 1, "group-size", "3 members, but the group is to have 4–5"),
        warn(H, 5, 21, "duplicate-member", "`anna` is listed as a member twice (also entry 1)"),
        err(INI, 6, 6, "date-order", "the initiative ends (2024-01-01) before it starts (2024-05-01)"),
        err(INI, 7, 19, "invalid-value", "a budget `amount` must be 0 or more"),
        err(INI, 8, 17, "vocabulary",
            "`plejehjemsbeboer` is not in `vocabularies.target_groups` of ensomhed.yaml (did you mean `plejehjemsbeboere`?)"),
        err(INI, 9, 12, "vocabulary", "`kommunen` is not in `vocabularies.partners` of ensomhed.yaml"),
        err(INI, 11, 30, "date-order", "the period counted begins (2024-04-01) after it ends (2024-03-01)"),
        err(INI, 11, 56, "invalid-value", "`participants` must be 0 or more"),
        err(INI, 11, 75, "invalid-value", "`new_relations` must be 0 or more"),
        err(INI, 12, 30, "reach-overlap",
            "the period from 2024-02-01 overlaps the one counted until 2024-03-01; each count covers its own period"),
        warn(INI, 12, 74, "reach-count", "2 new relations among 1 participant"),
        err(INI, 13, 12, "date-order", "reach entries are in date order, but 2024-05-01 comes after 2024-06-01"),
        warn(INI, 13, 56, "reach-count", "5 new relations among 3 participants"),
        err(P, 5, 26, "date-order", "the period ends (2024-06) before it begins (2025)"),
        err(P, 8, 10, "duplicate-id", "theme id `t` is used twice in this plan"),
        err(P, 10, 30, "unresolved-ref", "the plan has no theme `tt` (did you mean `t`?)"),
        err(P, 10, 88, "direction-conflict", "goal `g` says `increase`, but its target (5) is below its baseline (10)"),
        err(P, 11, 10, "duplicate-id", "goal id `g` is used twice in this plan"),
        err(P, 11, 23, "direction-needed",
            "goal `g` has a target that has no baseline; add `direction: increase` or `direction: decrease`"),
        err(P, 12, 45, "direction-needed",
            "goal `h` has a target that equals its baseline; add `direction: increase` or `direction: decrease`"),
        err(P, 12, 117, "date-order", "measurements are in date order, but 2024-01-01 comes after 2024-05-01"),
        err(P, 14, 29, "date-order", "milestone `a` (2024-05-01) is dated before `b` (2024-06-01), which it depends on"),
        err(P, 14, 54, "milestone-cycle", "milestone `a` depends on itself"),
        err(P, 14, 60, "unresolved-ref", "the plan has no milestone `x`"),
        err(P, 15, 10, "duplicate-id", "milestone id `a` is used twice in this plan"),
        err(P, 17, 36, "milestone-cycle", "milestones depend on each other in a circle: b → c → b"),
    ]
