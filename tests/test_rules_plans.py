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
        err(B, 4, 13, "invalid-value", "`size.min` must be 0 or more"),
    ]),
    ("size-min-zero", "size: {min: 0, max: 3}\n", []),
    ("size-max-below-min", "size: {min: 4, max: 3}\n", [
        err(B, 4, 21, "invalid-range", "`size.max` (3) is below `size.min` (4)"),
    ]),
    ("size-max-below-min-with-members", "size: {min: 4, max: 3}\n" + members(3), [
        err(B, 4, 21, "invalid-range", "`size.max` (3) is below `size.min` (4)"),
    ]),
    ("size-min-below-zero-and-above-max", "size: {min: -1, max: -5}\n", [
        err(B, 4, 13, "invalid-value", "`size.min` must be 0 or more"),
        err(B, 4, 22, "invalid-range", "`size.max` (-5) is below `size.min` (-1)"),
    ]),
    ("size-min-below-zero-with-members-in-range", "size: {min: -1, max: 2}\n" + members(2), [
        err(B, 4, 13, "invalid-value", "`size.min` must be 0 or more"),
    ]),
    ("size-min-equals-max", "size: {min: 2, max: 2}\n" + members(2), []),
    ("size-without-members", "size: {min: 2, max: 4}\n", []),
    ("members-without-size", members(5), []),
    ("one-member-too-few", "size: {min: 2, max: 4}\n" + members(1), [
        err(B, 5, 1, "group-size", "1 member, but the group is to have 2–4"),
    ]),
    ("exactly-size-min", "size: {min: 2, max: 4}\n" + members(2), []),
    ("between-min-and-max", "size: {min: 2, max: 4}\n" + members(3), []),
    ("exactly-size-max", "size: {min: 2, max: 4}\n" + members(4), []),
    ("one-member-too-many", "size: {min: 2, max: 4}\n" + members(5), [
        err(B, 5, 1, "group-size", "5 members, but the group is to have 2–4"),
    ]),
    ("two-members-too-few", "size:\n  min: 3\n  max: 5\n" + members(2), [
        err(B, 7, 1, "group-size", "2 members, but the group is to have 3–5"),
    ]),
    ("one-member-too-many-for-one", "size: {min: 1, max: 1}\n" + members(2), [
        err(B, 5, 1, "group-size", "2 members, but the group is to have 1–1"),
    ]),
    ("duplicate-member", "members:\n  - person: anna\n  - {person: bo, role: formand}\n  - person: anna\n", [
        warn(B, 7, 13, "duplicate-member", "`anna` is listed as a member twice (also entry 1)"),
    ]),
    ("member-three-times",
     "members:\n  - person: anna\n  - person: bo\n  - person: bo\n  - person: bo\n", [
         warn(B, 7, 13, "duplicate-member", "`bo` is listed as a member twice (also entry 2)"),
         warn(B, 8, 13, "duplicate-member", "`bo` is listed as a member twice (also entry 2)"),
     ]),
    ("duplicate-members-counted-in-the-size",
     "size: {min: 3, max: 3}\nmembers:\n  - person: anna\n  - person: bo\n  - person: anna\n  - person: p1\n", [
         err(B, 5, 1, "group-size", "4 members, but the group is to have 3–3"),
         warn(B, 8, 13, "duplicate-member", "`anna` is listed as a member twice (also entry 1)"),
     ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in BODIES], ids=[c[0] for c in BODIES])
def test_body_size_and_members(check, text, expected):
    assert found(check, {B: BODY + text, **PEOPLE}) == expected


# --- plans -----------------------------------------------------------------------------

PLANS = [
    # period
    ("period-ends-before-it-begins", "period: {from: 2025-01-01, to: 2024-12-31}\n", [
        err(P, 5, 32, "date-order", "the period ends (2024-12-31) before it begins (2025-01-01)"),
    ]),
    ("period-of-one-day", "period: {from: 2025-01-01, to: 2025-01-01}\n", []),
    ("period-in-order", "period: {from: 2024-01-01, to: 2027-12-31}\n", []),
    # unique ids
    ("theme-id-used-twice", "themes:\n  - {id: t, title: A}\n  - {id: u, title: B}\n  - {id: t, title: C}\n", [
        err(P, 8, 10, "duplicate-id", "theme id `t` is used twice in this plan"),
    ]),
    ("theme-id-used-three-times", "themes:\n  - {id: t, title: A}\n  - {id: t, title: B}\n  - {id: t, title: C}\n", [
        err(P, 7, 10, "duplicate-id", "theme id `t` is used twice in this plan"),
        err(P, 8, 10, "duplicate-id", "theme id `t` is used twice in this plan"),
    ]),
    ("goal-id-used-twice", "goals:\n  - {id: g, title: A}\n  - {id: g, title: B}\n", [
        err(P, 7, 10, "duplicate-id", "goal id `g` is used twice in this plan"),
    ]),
    ("milestone-id-used-twice", "milestones:\n  - {id: m, title: A}\n  - {id: m, title: B}\n", [
        err(P, 7, 10, "duplicate-id", "milestone id `m` is used twice in this plan"),
    ]),
    ("same-id-for-a-theme-a-goal-and-a-milestone",
     "themes:\n  - {id: x, title: A}\ngoals:\n  - {id: x, title: B, theme: x}\nmilestones:\n  - {id: x, title: C}\n", []),
    # goal themes
    ("goal-theme-unknown-with-a-suggestion",
     "themes:\n  - {id: faellesskab, title: A}\ngoals:\n  - {id: g, title: G, theme: faelleskab}\n", [
         err(P, 8, 30, "unresolved-ref", "the plan has no theme `faelleskab` (did you mean `faellesskab`?)"),
     ]),
    ("goal-theme-unknown-without-a-suggestion",
     "themes:\n  - {id: faellesskab, title: A}\ngoals:\n  - {id: g, title: G, theme: bolig}\n", [
         err(P, 8, 30, "unresolved-ref", "the plan has no theme `bolig`"),
     ]),
    ("goal-theme-in-a-plan-without-themes", "goals:\n  - {id: g, title: G, theme: bolig}\n", [
        err(P, 6, 30, "unresolved-ref", "the plan has no theme `bolig`"),
    ]),
    ("goal-theme-known", "themes:\n  - {id: a, title: A}\n  - {id: b, title: B}\ngoals:\n  - {id: g, title: G, theme: b}\n", []),
    ("goal-without-theme", "themes:\n  - {id: a, title: A}\ngoals:\n  - {id: g, title: G}\n", []),
    # measurements
    ("measurements-out-of-order",
     "goals:\n  - id: g\n    title: G\n    measurements:\n"
     "      - {date: 2024-01-01, value: 5}\n      - {date: 2023-01-01, value: 6}\n", [
         err(P, 10, 16, "date-order", "measurements are in date order, but 2023-01-01 comes after 2024-01-01"),
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
         err(P, 11, 16, "date-order", "measurements are in date order, but 2024-03-01 comes after 2024-06-01"),
     ]),
    ("measurements-of-the-second-goal",
     "goals:\n  - {id: f, title: F}\n  - id: g\n    title: G\n    measurements:\n"
     "      - {date: 2024-02-01, value: 5}\n      - {date: 2024-01-01, value: 6}\n"
     "      - {date: 2023-01-01, value: 7}\n", [
         err(P, 11, 16, "date-order", "measurements are in date order, but 2024-01-01 comes after 2024-02-01"),
         err(P, 12, 16, "date-order", "measurements are in date order, but 2023-01-01 comes after 2024-01-01"),
     ]),
    # milestone dependencies
    ("milestone-depends-on-an-unknown-one-with-a-suggestion",
     "milestones:\n  - {id: temadag, title: A}\n  - {id: b, title: B, depends_on: [temadg]}\n", [
         err(P, 7, 36, "unresolved-ref", "the plan has no milestone `temadg` (did you mean `temadag`?)"),
     ]),
    ("milestone-depends-on-an-unknown-one",
     "milestones:\n  - {id: temadag, title: A}\n  - {id: b, title: B, depends_on: [x, temadag]}\n", [
         err(P, 7, 36, "unresolved-ref", "the plan has no milestone `x`"),
     ]),
    ("milestone-depends-on-itself",
     "milestones:\n  - {id: a, title: A}\n  - {id: b, title: B, depends_on: [a, b]}\n", [
         err(P, 7, 39, "milestone-cycle", "milestone `b` depends on itself"),
     ]),
    ("milestone-dated-before-its-dependency",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n  - {id: b, title: B, date: 2024-04-01, depends_on: [a]}\n", [
         err(P, 7, 29, "date-order", "milestone `b` (2024-04-01) is dated before `a` (2024-05-01), which it depends on"),
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
         err(P, 7, 29, "date-order", "milestone `b` (2024-04-01) is dated before `a` (2024-05-01), which it depends on"),
         err(P, 7, 54, "unresolved-ref", "the plan has no milestone `x`"),
         err(P, 7, 57, "milestone-cycle", "milestone `b` depends on itself"),
     ]),
    ("dependency-on-a-duplicate-id-means-the-first",
     "milestones:\n  - {id: a, title: A, date: 2024-05-01}\n  - {id: a, title: A2, date: 2024-01-01}\n"
     "  - {id: b, title: B, date: 2024-03-01, depends_on: [a]}\n", [
         err(P, 7, 10, "duplicate-id", "milestone id `a` is used twice in this plan"),
         err(P, 8, 29, "date-order", "milestone `b` (2024-03-01) is dated before `a` (2024-05-01), which it depends on"),
     ]),
    # milestone cycles
    ("two-milestones-in-a-circle",
     "milestones:\n  - {id: a, title: A, depends_on: [b]}\n  - {id: b, title: B, depends_on: [a]}\n", [
         err(P, 7, 36, "milestone-cycle", "milestones depend on each other in a circle: a → b → a"),
     ]),
    ("three-milestones-in-a-circle",
     "milestones:\n  - {id: a, title: A, depends_on: [b]}\n  - {id: b, title: B, depends_on: [c]}\n"
     "  - {id: c, title: C, depends_on: [a]}\n", [
         err(P, 8, 36, "milestone-cycle", "milestones depend on each other in a circle: a → b → c → a"),
     ]),
    ("circle-reached-from-outside-it",
     "milestones:\n  - {id: s, title: S, depends_on: [a]}\n  - {id: a, title: A, depends_on: [b]}\n"
     "  - {id: b, title: B, depends_on: [a]}\n", [
         err(P, 8, 36, "milestone-cycle", "milestones depend on each other in a circle: a → b → a"),
     ]),
    ("circle-closed-by-a-later-dependency",
     "milestones:\n  - {id: a, title: A, depends_on: [x, a, b]}\n  - {id: b, title: B, depends_on: [c, a]}\n"
     "  - {id: c, title: C}\n", [
         err(P, 6, 36, "unresolved-ref", "the plan has no milestone `x`"),
         err(P, 6, 39, "milestone-cycle", "milestone `a` depends on itself"),
         err(P, 7, 39, "milestone-cycle", "milestones depend on each other in a circle: a → b → a"),
     ]),
    ("circle-reached-again-from-a-later-milestone",
     "milestones:\n  - {id: a, title: A, depends_on: [b]}\n  - {id: b, title: B, depends_on: [c]}\n"
     "  - {id: c, title: C, depends_on: [b]}\n  - {id: d, title: D, depends_on: [c]}\n", [
         err(P, 8, 36, "milestone-cycle", "milestones depend on each other in a circle: b → c → b"),
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
         err(P, 7, 36, "milestone-cycle", "milestones depend on each other in a circle: a → b → a"),
         err(P, 9, 36, "milestone-cycle", "milestones depend on each other in a circle: c → d → c"),
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
        err(P, 5, 32, "date-order", "the period ends (2024-01-01) before it begins (2027-01-01)"),
        err(P, 8, 10, "duplicate-id", "theme id `t` is used twice in this plan"),
        err(P, 10, 30, "unresolved-ref", "the plan has no theme `u`"),
        err(P, 11, 9, "duplicate-id", "goal id `g` is used twice in this plan"),
        err(P, 15, 16, "date-order", "measurements are in date order, but 2024-01-01 comes after 2024-02-01"),
        err(P, 17, 29, "date-order", "milestone `a` (2025-01-01) is dated before `b` (2026-01-01), which it depends on"),
        err(P, 17, 57, "milestone-cycle", "milestone `a` depends on itself"),
        err(P, 18, 54, "milestone-cycle", "milestones depend on each other in a circle: a → b → a"),
        err(P, 18, 57, "unresolved-ref", "the plan has no milestone `y`"),
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
        err(INI, 6, 6, "date-order", "the initiative ends (2024-04-30) before it starts (2024-05-01)"),
    ]),
    ("ends-the-day-it-starts", "start: 2024-05-01\nend: 2024-05-01\n", []),
    ("start-without-end", "start: 2024-05-01\n", []),
    ("end-without-start", "end: 2024-05-01\n", []),
    ("negative-budget", "budget: {amount: -1}\n", [
        err(INI, 5, 18, "invalid-value", "a budget `amount` is 0 or more"),
    ]),
    ("budget-a-little-below-zero", "budget:\n  amount: -0.5\n  year: 2024\n", [
        err(INI, 6, 11, "invalid-value", "a budget `amount` is 0 or more"),
    ]),
    ("budget-of-zero", "budget: {amount: 0}\n", []),
    ("budget-above-zero", "budget: {amount: 250000, currency: DKK}\n", []),
    ("negative-participants", "reach:\n  - {date: 2024-01-01, participants: -1}\n", [
        err(INI, 6, 38, "invalid-value", "`participants` is 0 or more"),
    ]),
    ("negative-new-relations", "reach:\n  - {date: 2024-01-01, new_relations: -1}\n", [
        err(INI, 6, 39, "invalid-value", "`new_relations` is 0 or more"),
    ]),
    ("no-one-reached", "reach:\n  - {date: 2024-01-01, participants: 0, new_relations: 0}\n", []),
    ("more-new-relations-than-participants",
     "reach:\n  - {date: 2024-01-01, participants: 5, new_relations: 6}\n", [
         warn(INI, 6, 56, "reach-count", "6 new relations among 5 participants"),
     ]),
    ("as-many-new-relations-as-participants",
     "reach:\n  - {date: 2024-01-01, participants: 5, new_relations: 5}\n", []),
    ("new-relations-without-participants", "reach:\n  - {date: 2024-01-01, new_relations: 5}\n", []),
    ("participants-without-new-relations", "reach:\n  - {date: 2024-01-01, participants: 5}\n", []),
    ("both-counts-negative",
     "reach:\n  - {date: 2024-01-01, participants: -3, new_relations: -1}\n", [
         err(INI, 6, 38, "invalid-value", "`participants` is 0 or more"),
         err(INI, 6, 57, "invalid-value", "`new_relations` is 0 or more"),
     ]),
    ("one-new-relation-among-no-participant-is-said-in-the-singular",
     "reach:\n  - {date: 2024-01-01, participants: 0, new_relations: 1}\n", [
         warn(INI, 6, 56, "reach-count", "1 new relation among 0 participants"),
     ]),
    ("one-participant",
     "reach:\n  - {date: 2024-01-01, participants: 1, new_relations: 2}\n", [
         warn(INI, 6, 56, "reach-count", "2 new relations among 1 participant"),
     ]),
    ("problems-in-the-second-count",
     "reach:\n  - {date: 2024-01-01, participants: 5}\n  - {date: 2024-02-01, participants: 2, new_relations: 3}\n"
     "  - {date: 2024-03-01, participants: -2}\n", [
         warn(INI, 7, 56, "reach-count", "3 new relations among 2 participants"),
         err(INI, 8, 38, "invalid-value", "`participants` is 0 or more"),
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
             "`plejehjemsbeboer` is not in `vocabularies.target_groups` of ensomhed.yaml"
             " (did you mean `plejehjemsbeboere`?)"),
     ]),
    ("partner-without-a-suggestion", VOCABULARIES, "partners: [Røde Kors, kommunen]\n", [
        err(INI, 5, 23, "vocabulary", "`kommunen` is not in `vocabularies.partners` of ensomhed.yaml"),
    ]),
    ("both-lists-checked", VOCABULARIES, "target_groups: [unge]\npartners: [Ældre Sagn]\n", [
        err(INI, 5, 17, "vocabulary", "`unge` is not in `vocabularies.target_groups` of ensomhed.yaml"),
        err(INI, 6, 12, "vocabulary",
            "`Ældre Sagn` is not in `vocabularies.partners` of ensomhed.yaml (did you mean `Ældre Sagen`?)"),
    ]),
    ("partners-checked-when-target-groups-are-free", PARTNERS_ONLY,
     "target_groups: [unge]\npartners: [kommunen]\n", [
         err(INI, 6, 12, "vocabulary", "`kommunen` is not in `vocabularies.partners` of ensomhed.yaml"),
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
        err(INI, 5, 17, "vocabulary", "`unge` is not in `vocabularies.target_groups` of ensomhed.yaml"),
        err(INI, 7, 6, "date-order", "the initiative ends (2024-05-01) before it starts (2024-05-02)"),
        err(INI, 8, 18, "invalid-value", "a budget `amount` is 0 or more"),
        err(INI, 10, 56, "invalid-value", "`new_relations` is 0 or more"),
        warn(INI, 11, 56, "reach-count", "2 new relations among 1 participant"),
        err(INI, 12, 36, "vocabulary", "`Mødestedet` is not in `vocabularies.partners` of ensomhed.yaml"),
    ]
