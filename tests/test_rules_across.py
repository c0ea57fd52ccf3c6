"""The rules across records (rules/across.py), checked to the exact diagnostic in Danish and in
English: ids unique, references that resolve to a record of the right kind, goals of plans,
parents without a circle, attachment files, votes by members, meeting dates against today.

One repository holds a problem of every kind; conftest.BASE is its valid part.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import located, plain_id
from ensomhed_cli.api import load

M = "records/meetings/m.yaml"
INI = "records/initiatives/i.yaml"
DAY = dt.date(2024, 6, 1)
BROKEN = "records/people/broken.yaml"  # a record with an error of its own (the loader's), and an id

FILES = {
    "records/people/zz-anna.yaml": "kind: person\nid: anna\nname: Anna igen\n",
    BROKEN: "kind: person\nid: dup\nname: Dup\nbogus: 1\n",
    "records/people/zz-dup.yaml": "kind: person\nid: dup\nname: Dup\n",
    "records/bodies/x.yaml": "kind: body\nname: X\ntype: other\nparent: y\nmembers: [anna]\n",
    "records/bodies/y.yaml": "kind: body\nname: Y\ntype: other\nparent: x\n",
    INI: "kind: initiative\ntitle: I\nstatus: active\ncategory: community\nowner: cafe\ngoals: [plan#faerre-ensome, nowhere#x, cafe#x]\n",
    M: (
        "kind: meeting\nbody: anna\ndate: 2099-03-04\nstatus: held\n"  # 1-4
        "chair: ana\n"  # 5
        "items:\n"  # 6
        "  - title: a\n"  # 7
        "    actions:\n      - {what: ring, owners: [aeldreraadett]}\n"  # 8-9
        "    attachments:\n"  # 10
        "      - {title: A, path: ''}\n"  # 11
        "      - {title: B, path: /etc/passwd}\n"  # 12
        "      - {title: C, path: ../x.pdf}\n"  # 13
        "      - {title: D, path: .git/config}\n"  # 14
        "      - {title: E, path: bilag/mangler.pdf}\n"  # 15
        "      - {title: F, path: bilag}\n"  # 16
    ),
    "records/meetings/n.yaml": "kind: meeting\nbody: x\ndate: 2024-03-04\nstatus: planned\n",
    "records/meetings/v.yaml": "kind: meeting\nbody: x\ndate: 2024-03-04\nstatus: held\nitems:\n  - title: a\n    votes:\n      - {for: [anna, bo]}\n",
    "bilag/f.pdf": "pdf\n",
    ".git/config": "x\n",
}


def err(path, line, column, code, message):
    return (path, line, column, "error", code, message)


def warn(path, line, column, code, message):
    return (path, line, column, "warning", code, message)


DANISH = [
    err("records/bodies/x.yaml", 4, 9, "parent-cycle",
        "`parent` går i ring: x → y → x; et råd/udvalg kan ikke ligge under sig selv: ret `parent` i et af dem"),
    err("records/bodies/y.yaml", 4, 9, "parent-cycle",
        "`parent` går i ring: y → x → y; et råd/udvalg kan ikke ligge under sig selv: ret `parent` i et af dem"),
    err(INI, 5, 8, "wrong-kind-ref",
        "`cafe` er en indsats (records/initiatives/cafe.yaml), men her skal stå en person eller et råd/udvalg"),
    err(INI, 6, 9, "unresolved-ref", "planen `plan` har intet mål med id `faerre-ensome` (mente du `faerre-ensomme`?)"),
    err(INI, 6, 29, "unresolved-ref", "der er ingen plan med id `nowhere`"),
    err(INI, 6, 40, "unresolved-ref", "`cafe` er en indsats, ikke en plan"),
    err(M, 2, 7, "wrong-kind-ref", "`anna` er en person (records/people/anna.yaml), men her skal stå et råd/udvalg"),
    err(M, 4, 9, "held-in-future",
        "mødet er markeret som afholdt (`held`), men er dateret 2099-03-04, efter i dag (2024-06-01);"
        " et møde, der ikke er holdt endnu, er `planned`"),
    err(M, 5, 8, "unresolved-ref", "der er ingen person med id `ana` (mente du `anna`?)"),
    err(M, 9, 31, "unresolved-ref",
        "der er ingen person eller noget råd/udvalg med id `aeldreraadett` (mente du `aeldreraadet`?)"),
    err(M, 11, 26, "attachment-path", "bilagets `path` er tom: skriv stien til filen"),
    err(M, 12, 26, "attachment-path",
        "`/etc/passwd` er en fuld sti: skriv stien fra mappen med ensomhed.yaml, fx bilag/plan.pdf"),
    err(M, 13, 26, "attachment-path",
        "`../x.pdf` peger uden for mappen med ensomhed.yaml: læg filen ind i mappen, og skriv stien derfra"),
    err(M, 14, 26, "attachment-path",
        "`.git/config` må ikke bruges som bilag, for den offentliggøres aldrig (en fil eller mappe, hvis navn begynder"
        " med punktum, som .git, eller en post under records/): læg bilaget i en anden mappe"),
    err(M, 15, 26, "attachment-missing",
        "bilaget `bilag/mangler.pdf` findes ikke (stien regnes fra mappen med ensomhed.yaml): ret stien, eller læg filen der"),
    err(M, 16, 26, "attachment-path", "`bilag` er ikke en almindelig fil (men fx en mappe): skriv stien til selve filen"),
    warn("records/meetings/n.yaml", 4, 9, "planned-in-past",
         "mødet er dateret 2024-03-04, før i dag, men står stadig som `planned`: blev det holdt (`held`) eller aflyst (`cancelled`)?"),
    err("records/meetings/v.yaml", 8, 22, "vote-by-non-member",
        "`bo` stemmer, men er ikke medlem af X og ikke stedfortræder for et medlem med afbud (medlemmer: anna)"),
    err("records/people/zz-anna.yaml", 2, 5, "duplicate-id",
        "id'et `anna` bruges allerede i records/people/anna.yaml:1; et id må kun bruges af én post: giv denne post et andet id"),
    err("records/people/zz-dup.yaml", 2, 5, "duplicate-id",
        "id'et `dup` bruges også i records/people/broken.yaml:2 (en fil med sine egne fejl): giv hver post sit eget id"),
]

ENGLISH = [
    err("records/bodies/x.yaml", 4, 9, "parent-cycle", "`parent` goes round in a circle: x → y → x"),
    err("records/bodies/y.yaml", 4, 9, "parent-cycle", "`parent` goes round in a circle: y → x → y"),
    err(INI, 5, 8, "wrong-kind-ref",
        "`cafe` is an initiative (records/initiatives/cafe.yaml), but a person or body is expected here"),
    err(INI, 6, 9, "unresolved-ref", "the plan `plan` has no goal `faerre-ensome` (did you mean `faerre-ensomme`?)"),
    err(INI, 6, 29, "unresolved-ref", "no plan with id `nowhere`"),
    err(INI, 6, 40, "unresolved-ref", "`cafe` is an initiative, not a plan"),
    err(M, 2, 7, "wrong-kind-ref", "`anna` is a person (records/people/anna.yaml), but a body is expected here"),
    err(M, 4, 9, "held-in-future",
        "the meeting is marked `held`, but is dated 2099-03-04, after today (2024-06-01); a meeting not yet held is `planned`"),
    err(M, 5, 8, "unresolved-ref", "no person with id `ana` (did you mean `anna`?)"),
    err(M, 9, 31, "unresolved-ref", "no person or body with id `aeldreraadett` (did you mean `aeldreraadet`?)"),
    err(M, 11, 26, "attachment-path", "the attachment `path` is empty"),
    err(M, 12, 26, "attachment-path", "`/etc/passwd` is absolute; give the path relative to the repository root"),
    err(M, 13, 26, "attachment-path", "`../x.pdf` points outside the repository"),
    err(M, 14, 26, "attachment-path",
        "`.git/config` is private to the repository (a dotfile or dot-folder such as .git, or a raw record"
        " under records/); it is never published"),
    err(M, 15, 26, "attachment-missing",
        "the attachment `bilag/mangler.pdf` does not exist (paths are relative to the repository root)"),
    err(M, 16, 26, "attachment-path", "`bilag` is not a regular file (a folder, FIFO or device)"),
    warn("records/meetings/n.yaml", 4, 9, "planned-in-past",
         "the meeting is dated 2024-03-04, before today, but is still `planned`: was it held (`held`) or cancelled (`cancelled`)?"),
    err("records/meetings/v.yaml", 8, 22, "vote-by-non-member",
        "`bo` votes, but is neither a member of X nor a substitute for an absent member (members: anna)"),
    err("records/people/zz-anna.yaml", 2, 5, "duplicate-id",
        "the id `anna` is already used by records/people/anna.yaml:1; ids are unique in the repository"),
    err("records/people/zz-dup.yaml", 2, 5, "duplicate-id",
        "the id `dup` is also used by records/people/broken.yaml:2 (a record with errors of its own)"),
]


@pytest.mark.parametrize("config, expected", [("language: da\n", DANISH), ("language: en\n", ENGLISH)], ids=["da", "en"])
def test_every_rule_across_records_in_the_repositorys_language(repo_factory, config, expected):
    root = repo_factory(FILES, config=config)
    (root / "bilag").mkdir(exist_ok=True)
    _, diagnostics = load(root, today=DAY)
    assert [d for d in located(diagnostics) if d[0] != BROKEN] == expected


def test_a_repository_without_settings_is_spoken_to_in_danish(repo_factory):
    root = repo_factory({"records/people/zz-anna.yaml": FILES["records/people/zz-anna.yaml"]}, config=None)
    _, diagnostics = load(root, today=DAY)
    assert [d.message for d in diagnostics if d.code == "duplicate-id"] == [DANISH[-2][-1]]


SETTINGS = [
    ("language: en\n", "en"),
    ("language: da\n", "da"),
    ("municipality: Køge Kommune\nlanguage: 'en'  # the consultants read English\n", "en"),
    ('\ufefflanguage : "en"\r\ntimezone: Europe/Copenhagen\r\n', "en"),
    ("municipality: Køge Kommune\n", "da"),
    ("", "da"),
    ("language: EN\n", "da"),  # not a language of the settings: Danish, as the schema's default
    ("{language: en}\n", "en"),  # flow style: read as YAML
    ("language: en\nlanguage: da\n", "en"),  # twice: as the YAML reader reads it (and reports it)
    ("vocabularies:\n  language: [en]\n", "da"),  # not the top-level key
    ("language: [en\n", "da"),  # broken YAML: Danish
]


@pytest.mark.parametrize("text, lang", SETTINGS, ids=[plain_id(repr(s[0])) for s in SETTINGS])
def test_the_language_of_the_settings_as_yaml_reads_it(tmp_path, text, lang):
    from ensomhed_cli.check.rules.common import settings_language
    from ensomhed_cli.format.source import read_record

    (tmp_path / "ensomhed.yaml").write_text(text, encoding="utf-8", newline="")
    assert settings_language(tmp_path) == lang
    data = read_record(tmp_path / "ensomhed.yaml", "ensomhed.yaml", allow_empty=True).data
    as_yaml = "en" if isinstance(data, dict) and data.get("language") == "en" else "da"
    assert as_yaml == lang
