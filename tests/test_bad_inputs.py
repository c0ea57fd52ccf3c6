"""A corpus of bad records: each must be an error at the right file, line and column.

Every case adds one file to a small valid repository (conftest.BASE) and names the
problem it must produce. Lines are the file's own (front matter offset included).
"""

from __future__ import annotations

import pytest

M = "records/meetings/m.yaml"
MD = "records/meetings/m.md"

MEETING = """
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: held
"""

CASES = [
    # --- files -------------------------------------------------------------------
    ("not-utf8", {MD: b"---\nkind: person\nname: S\xf8ren\n---\n"}, MD, 3, 8, "encoding", "ikke gemt som UTF-8"),
    ("no-front-matter", {MD: "kind: person\nname: x\n"}, MD, 1, 1, "no-front-matter", "skal begynde med sine felter mellem to linjer med `---`"),
    ("unclosed-front-matter", {MD: "---\nkind: person\nname: x\n"}, MD, 1, 1, "unclosed-front-matter", "bliver aldrig afsluttet"),
    ("front-matter-list", {MD: "---\n- kind\n- person\n---\n"}, MD, 2, 1, "not-a-mapping", "en liste"),
    ("front-matter-empty", {MD: "---\n---\nText\n"}, MD, 1, 1, "not-a-mapping", "der står ingen felter mellem `---`-linjerne"),
    ("yaml-plain-text", {M: "just some words\n"}, M, 1, 1, "not-a-mapping", "kun tekst"),
    ("yaml-syntax", {MD: "---\nkind: person\nname: Punkt 1: x\n---\n"}, MD, 3, 14, "yaml-syntax", 'sæt hele værdien i anførselstegn: `name: "Punkt 1: x"`'),
    ("two-documents", {M: "kind: person\nname: a\n---\nkind: person\nname: b\n"}, M, 3, 1, "yaml-syntax", "en fil rummer kun én post"),
    ("duplicate-key", {M: MEETING + "status: planned\n"}, M, 5, 1, "duplicate-key", "første gang i linje 4"),
    ("tag", {M: "kind: person\nname: !!python/object:os.system x\n"}, M, 2, 7, "yaml-tag", "kan ikke bruges i en post"),
    ("alias-bomb", {M: "kind: person\nname: x\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"}, M, None, None, "yaml-alias", "når de foldes ud"),
    # --- kinds, keys and ids -------------------------------------------------------
    ("missing-kind", {M: "name: x\n"}, M, 1, 1, "missing-field", "`kind` mangler"),
    ("kind-is-a-list", {M: "kind: [meeting]\n"}, M, 1, 7, "invalid-value", "ikke en liste"),
    ("number-overflow", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\nbudget: {amount: 1e400}\n"}, M, 5, 18, "invalid-value", "for stort tal"),
    ("unknown-kind", {M: "kind: meting\n"}, M, 1, 7, "invalid-value", "mente du `meeting`"),
    ("unknown-key-suggestion", {M: MEETING + "atendees: [anna]\n"}, M, 5, 1, "unknown-key", "mente du `attendees`"),
    ("unknown-key-in-item", {M: MEETING + "items:\n  - title: x\n    desciption: y\n"}, M, 7, 5, "unknown-key", "mente du `description`"),
    ("bad-id", {M: "kind: person\nid: Anna_H\nname: x\n"}, M, 2, 5, "invalid-value", "kan ikke bruges som id"),
    ("bad-file-name-as-id", {"records/people/Anna Hansen.yaml": "kind: person\nname: x\n"}, "records/people/Anna Hansen.yaml", 1, 1, "invalid-id", "anna-hansen"),
    ("duplicate-id", {"records/people/anna2.yaml": "kind: person\nid: anna\nname: Anna igen\n"}, "records/people/anna2.yaml", 2, 5, "duplicate-id", "records/people/anna.yaml"),
    ("description-twice", {MD: "---\nkind: person\nname: x\ndescription: a\n---\nbody\n"}, MD, 4, 1, "duplicate-description", "behold den ene"),
    # --- values ----------------------------------------------------------------------
    ("missing-required", {M: "kind: meeting\nbody: aeldreraadet\nstatus: held\n"}, M, 1, 1, "missing-field", "feltet `date` mangler"),
    ("empty-required", {M: "kind: person\nname:\n"}, M, 2, 6, "missing-field", "`name` har ingen værdi"),
    ("bad-enum", {M: MEETING.replace("held", "afholdt")}, M, 4, 9, "invalid-value", "planned, held eller cancelled"),
    ("bad-date", {M: MEETING.replace("2024-03-04", "4/3/2024")}, M, 3, 7, "invalid-value", "ÅÅÅÅ-MM-DD: `2024-03-04`, ikke `4/3/2024`"),
    ("impossible-date", {M: MEETING.replace("2024-03-04", "2024-02-30")}, M, 3, 7, "invalid-value", "februar 2024 har 29 dage"),
    ("bad-time", {M: MEETING + "start: 25:00\n"}, M, 5, 8, "invalid-value", "TT:MM"),
    ("bad-bool", {M: MEETING + "items:\n  - title: x\n    closed: maybe\n"}, M, 7, 13, "invalid-value", "`true` eller `false`"),
    ("scalar-for-list", {M: MEETING + "attendees: anna\n"}, M, 5, 12, "invalid-type", "`[anna]`"),
    ("list-for-text", {M: "kind: person\nname: [a, b]\n"}, M, 2, 7, "invalid-value", "skal være tekst"),
    ("thousands-dot", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\nbudget: {amount: 400.000}\n"}, M, 5, 18, "invalid-value", "kan læses på to måder"),
    ("bad-email", {M: "kind: person\nname: x\nemail: anna.hansen\n"}, M, 3, 8, "invalid-value", "ikke en e-mailadresse"),
    ("bad-goal-ref-shape", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\ngoals: [plan]\n"}, M, 5, 9, "invalid-value", "PLAN-ID#MÅL-ID"),
    ("action-without-owner", {M: MEETING + "items:\n  - title: x\n    actions:\n      - what: ring\n"}, M, 8, 9, "missing-field", "`owners`"),
    # --- references --------------------------------------------------------------------
    ("unresolved-ref", {M: MEETING + "attendees: [anna, bent]\n"}, M, 5, 19, "unresolved-ref", "der er ingen person med id `bent`"),
    ("ref-suggestion", {M: MEETING + "chair: ana\n"}, M, 5, 8, "unresolved-ref", "mente du `anna`"),
    ("wrong-kind-ref", {M: MEETING.replace("body: aeldreraadet", "body: anna")}, M, 2, 7, "wrong-kind-ref", "er en person"),
    ("goal-ref-missing-goal", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\ngoals: [plan#faerre-ensome]\n"}, M, 5, 9, "unresolved-ref", "mente du `faerre-ensomme`"),
    ("goal-ref-missing-plan", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\ngoals: [plam#x]\n"}, M, 5, 9, "unresolved-ref", "der er ingen plan med id `plam`"),
    ("initiative-owner-wrong-kind", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\nowner: cafe\n"}, M, 5, 8, "wrong-kind-ref", "en person eller et råd/udvalg"),
    # --- meetings ----------------------------------------------------------------------
    ("end-before-start", {M: MEETING + "start: 16:00\nend: 14:00\n"}, M, 6, 6, "time-order", "slutter (14:00), før det begynder (16:00)"),
    ("item-outside-hours", {M: MEETING + "start: 14:00\nend: 16:00\nitems:\n  - title: x\n    start: 13:30\n"}, M, 9, 12, "time-outside", "før mødet begynder"),
    ("items-overlap", {M: MEETING + "items:\n  - title: a\n    start: 14:00\n    end: 14:30\n  - title: b\n    start: 14:15\n"}, M, 10, 12, "time-overlap", "før punkt 1 er slut"),
    ("present-and-absent", {M: MEETING + "attendees: [anna]\nabsent:\n  - person: anna\n    reason: syg\n"}, M, 7, 13, "present-and-absent", "både"),
    ("decision-on-planned", {M: MEETING.replace("held", "planned") + "items:\n  - title: x\n    decision: Godkendt\n"}, M, 7, 5, "decision-not-held", "kun et afholdt møde"),
    ("approved-before-held", {M: MEETING + "minutes_approved: 2024-03-01\n"}, M, 5, 19, "date-order", "før mødet blev holdt"),
    ("duplicate-item-number", {M: MEETING + "items:\n  - number: 24\n    title: a\n  - number: 24\n    title: b\n"}, M, 8, 13, "duplicate-number", "24"),
    ("done-on-open-action", {M: MEETING + "items:\n  - title: x\n    actions:\n      - what: ring\n        owners: [anna]\n        done_on: 2024-03-05\n"}, M, 10, 9, "done-not-done", "`open`"),
    ("attachment-missing", {M: MEETING + "items:\n  - title: x\n    attachments:\n      - {title: Bilag 1, path: bilag/mangler.pdf}\n"}, M, 8, 32, "attachment-missing", "findes ikke"),
    ("attachment-outside", {M: MEETING + "items:\n  - title: x\n    attachments:\n      - {title: Bilag 1, path: ../../etc/passwd}\n"}, M, 8, 32, "attachment-path", "uden for mappen med ensomhed.yaml"),
    ("attachment-url-scheme", {M: MEETING + "items:\n  - title: x\n    attachments:\n      - {title: Bilag 1, url: 'javascript:alert(1)'}\n"}, M, 8, 31, "invalid-url", "http"),
    # --- bodies, plans, initiatives ------------------------------------------------------
    ("group-size", {"records/bodies/g.yaml": "kind: body\nname: G\ntype: working_group\nsize: {min: 5, max: 7}\nmembers:\n  - person: anna\n"}, "records/bodies/g.yaml", 5, 1, "group-size", "5–7"),
    ("size-min-above-max", {"records/bodies/g.yaml": "kind: body\nname: G\ntype: working_group\nsize: {min: 7, max: 5}\n"}, "records/bodies/g.yaml", 4, 21, "invalid-range", "mindre end"),
    ("parent-cycle", {"records/bodies/x.yaml": "kind: body\nname: X\ntype: other\nparent: y\n", "records/bodies/y.yaml": "kind: body\nname: Y\ntype: other\nparent: x\n"}, "records/bodies/x.yaml", 4, 9, "parent-cycle", "x → y → x"),
    ("duplicate-theme-id", {"records/plans/p.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\nthemes:\n  - {id: t, title: A}\n  - {id: t, title: B}\n"}, "records/plans/p.yaml", 7, 10, "duplicate-id", "to temaer i denne plan har id `t`"),
    ("own-substitute", {M: MEETING + "absent:\n  - {person: anna, substitute: anna}\n"}, M, 6, 32, "invalid-value", "sin egen stedfortræder"),
    ("milestone-cycle", {"records/plans/p.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\nmilestones:\n  - id: a\n    title: A\n    depends_on: [b]\n  - id: b\n    title: B\n    depends_on: [a]\n"}, "records/plans/p.yaml", None, None, "milestone-cycle", "a → b → a"),
    ("milestone-date-order", {"records/plans/p.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\nmilestones:\n  - id: a\n    title: A\n    date: 2024-05-01\n  - id: b\n    title: B\n    date: 2024-04-01\n    depends_on: [a]\n"}, "records/plans/p.yaml", 11, 11, "date-order", "før `a`"),
    ("milestone-unknown-dep", {"records/plans/p.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\nmilestones:\n  - id: a\n    title: A\n    depends_on: [temadg]\n"}, "records/plans/p.yaml", 8, 18, "unresolved-ref", "ingen milepæl med id `temadg`"),
    ("measurements-order", {"records/plans/p.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\ngoals:\n  - id: g\n    title: G\n    measurements:\n      - {date: 2024-01-01, value: 5}\n      - {date: 2023-01-01, value: 6}\n"}, "records/plans/p.yaml", 10, 16, "date-order", "datoorden"),
    ("goal-unknown-theme", {"records/plans/p.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\ngoals:\n  - id: g\n    title: G\n    theme: fællesskab\n"}, "records/plans/p.yaml", None, None, "invalid-value", "kan ikke bruges som id"),
    ("period-reversed", {"records/plans/p.yaml": "kind: plan\ntitle: P\nowner: aeldreraadet\nstatus: draft\nperiod: {from: 2025-01-01, to: 2024-12-31}\n"}, "records/plans/p.yaml", 5, 32, "date-order", "før den begynder"),
    ("initiative-end-before-start", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\nstart: 2024-05-01\nend: 2024-01-01\n"}, M, 6, 6, "date-order", "før den begynder"),
    ("negative-reach", {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\nreach:\n  - date: 2024-01-01\n    participants: -3\n"}, M, 7, 19, "invalid-value", "0 eller mere"),
]

VOCAB_CONFIG = "vocabularies:\n  target_groups: [ældre der bor alene, plejehjemsbeboere]\n"


@pytest.mark.parametrize(
    "name, files, path, line, col, code, gist", CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_located(check, name, files, path, line, col, code, gist):
    repo, diagnostics = check(files)
    matching = [d for d in diagnostics if d.code == code and d.path == path]
    assert matching, f"no {code} at {path}; got:\n" + "\n".join(map(str, diagnostics))
    d = matching[0]
    assert d.severity == "error"
    assert gist in d.message
    if line is not None:
        assert (d.line, d.column) == (line, col), d
    # the rest of the repository is still checked and loaded
    assert repo.get("anna") is not None or name == "duplicate-id"


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


def test_vocabulary_is_enforced_when_given(check):
    files = {M: "kind: initiative\ntitle: x\nstatus: active\ncategory: community\ntarget_groups: [ældre der bor alene, plejehjemsbeboer]\n"}
    _, diagnostics = check(files, config=VOCAB_CONFIG)
    [d] = diagnostics
    assert (d.path, d.line, d.column, d.code) == (M, 5, 38, "vocabulary")
    assert "mente du `plejehjemsbeboere`" in d.message


def test_bad_config_is_located(check):
    _, diagnostics = check({}, config="language: dk\ntimezone: Europe/Kbh\nmunicipalty: X\n")
    got = {(d.path, d.line, d.code) for d in diagnostics}
    assert got == {
        ("ensomhed.yaml", 1, "invalid-value"),
        ("ensomhed.yaml", 2, "invalid-value"),
        ("ensomhed.yaml", 3, "unknown-key"),
    }


def test_every_problem_in_every_file_in_one_run(check):
    files = {
        "records/a.yaml": "kind: person\nnavn: x\n",
        "records/b.md": "no front matter\n",
        "records/c.yaml": MEETING + "attendees: [nobody]\nstart: 9:00\nend: 8:00\n",
    }
    _, diagnostics = check(files)
    paths = {d.path for d in diagnostics}
    assert paths == {"records/a.yaml", "records/b.md", "records/c.yaml"}
    assert {d.code for d in diagnostics if d.path == "records/c.yaml"} == {"unresolved-ref", "time-order"}


def test_broken_record_does_not_cascade_into_unresolved_refs(check):
    files = {
        "records/people/anna.yaml": "kind: person\nname: Anna\ntitel: konsulent\n",
        M: MEETING + "attendees: [anna]\n",
    }
    _, diagnostics = check(files)
    assert [(d.path, d.code) for d in diagnostics] == [("records/people/anna.yaml", "unknown-key")]


def test_every_rule_function_is_run():
    import inspect

    from ensomhed_cli.check.rules import (
        across,
        closed_parts,
        meetings,
        minutes,
        personal_data,
        plans,
        record,
    )

    defined = {
        name
        for module in (meetings, minutes, plans, across, closed_parts, personal_data)
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("check_") and fn.__module__ == module.__name__
    }
    listed = {rule.__name__ for group in record.RECORD_RULES.values() for rule in group}
    listed |= {rule.__name__ for rule in across.ACROSS_RULES}
    listed |= {rule.__name__ for rule in record.TEXT_RULES}
    assert defined == listed


def test_warnings_for_doubtful_but_possible_records(check):
    files = {
        "records/bodies/g.yaml": "kind: body\nname: G\ntype: working_group\nmembers:\n  - person: anna\n  - person: anna\n",
        "records/initiatives/r.yaml": "kind: initiative\ntitle: R\nstatus: active\ncategory: community\nreach:\n  - {date: 2024-01-01, participants: 5, new_relations: 9}\n",
    }
    _, diagnostics = check(files)
    assert [(d.path, d.line, d.severity, d.code) for d in diagnostics] == [
        ("records/bodies/g.yaml", 6, "warning", "duplicate-member"),
        ("records/initiatives/r.yaml", 6, "warning", "reach-count"),
    ]
