"""The messages of the format layer in plain words, in Danish and in English.

A person who writes a record makes the same few syntax mistakes: a list entry without
`- `, a line indented one space off, a tab, a quote never closed, `key: value: more`,
a title with a colon. Each is checked here through `check` as a secretary meets it, in a
Danish repository and in an English one: the message names the problem in plain words
(no "mapping", "scalar", "indicator", "block collection") and shows the line written
right, with the file's own words.
"""

from __future__ import annotations

import re

import pytest

from ensomhed_cli.api import load

MEETING = "records/meetings/m.md"
JARGON = re.compile(r"mapping|scalar|indicator|block collection|block mapping|flow sequence|simple key|token|invalid YAML", re.IGNORECASE)


def problems(repo_factory, front: str, lang: str) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of the problems `check` finds in a meeting whose front matter is `front`."""
    root = repo_factory({MEETING: f"---\n{front}---\n"}, config=f"language: {lang}\n")
    return [(d.line, d.column, d.code, d.message) for d in load(root)[1] if d.path == MEETING]


HEAD = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\n"

# (name, front matter, line, column, words in Danish, words in English): each message holds all its words.
MISTAKES = [
    (
        "missing-dash",
        HEAD + "attendees:\n  - anna\n  bo\ntitle: Møde\n",
        9, 1,
        ["linje 8 mangler `- ` foran", "et punkt i listen skal begynde med `- `", "som punktet i linje 7", "skriv `- bo`"],
        ["line 8 has no `- ` in front", "an entry of the list must start with `- `", "like the entry on line 7", "write `- bo`"],
    ),
    (
        "missing-dash-before-a-field",
        HEAD + "items:\n  - title: Velkomst\n  title: Budget\n",
        8, 3,
        ["et nyt punkt i listen skal begynde med `- ` lige under de andre punkters `-` (som i linje 7)", "skriv `- title: Budget`",
         "hører linjen i stedet til punktet i linje 7, så ryk den ind, så den står lige under `title:` der"],
        ["a new entry of the list must start with `- `, right below the `-` of the other entries (as on line 7)",
         "write `- title: Budget`", "if the line belongs to the entry on line 7 instead, indent it to stand right below `title:` there"],
    ),
    (
        "indented-one-space-short",
        HEAD + "items:\n  - title: Velkomst\n   type: information\n",
        8, 4,
        ["`type:` står ikke lige under felterne i punktet i linje 7", "så `type:` står lige under `title:` (4 mellemrum inde)"],
        ["`type:` does not stand right below the fields of the entry on line 7", "so that `type:` stands right below `title:` (4 spaces in)"],
    ),
    (
        "indented-too-far",
        HEAD + "location: Rådhuset\n  mode: hybrid\n",
        7, 7,
        ["`mode:` er rykket længere ind end `location: Rådhuset` i linje 6", "læses derfor som en del af værdien der",
         "ryk linjen ud, så `mode:` står lige under `location:`"],
        ["`mode:` is indented further than `location: Rådhuset` on line 6", "so it is read as part of that value",
         "move the line out so that `mode:` stands right below `location:`"],
    ),
    (
        "indented-between-levels",
        HEAD + "items:\n    - title: Velkomst\n  location: Rådhuset\n",
        8, 3,
        ["`location:` står ikke lige under nogen af felterne over", "lige under `title:` (linje 7) eller `items:` (linje 6)"],
        ["`location:` does not stand right below any of the fields above", "right below `title:` (line 7) or `items:` (line 6)"],
    ),
    (
        "tab",
        HEAD + "items:\n\t- title: Velkomst\n",
        7, 1,
        ["tabulatortegn (tab) i indrykningen", "ryk ind med mellemrum i stedet"],
        ["a tab in the indentation", "indent with spaces instead"],
    ),
    (
        "unclosed-quote",
        HEAD + 'title: "Møde om budget\nlocation: Rådhuset\n',
        7, 19,  # where the front matter ends: the quote is named by its line
        ['anførselstegnet " i linje 6 bliver aldrig lukket', 'sæt også et " til sidst i værdien', '`title: "Møde om budget"`'],
        ['the quote " on line 6 is never closed', 'put a " at the end of the value too', '`title: "Møde om budget"`'],
    ),
    (
        "text-after-the-closing-quote",
        HEAD + 'title: "Ældrerådet" holder møde\n',
        6, 21,
        ["værdien begynder med et anførselstegn", "teksten fortsætter efter det", "sæt hele teksten i anførselstegn",
         "`title: '\"Ældrerådet\" holder møde'`"],
        ["the value starts with a quote", "the text goes on after it", "put the whole text in quotes",
         "`title: '\"Ældrerådet\" holder møde'`"],
    ),
    (
        "an-apostrophe-inside-single-quotes",
        HEAD + "title: 'Anne's møde'\n",
        6, 14,
        ["anførselstegnet ' inde i teksten afslutter værdien for tidligt", "skriv den som `title: \"Anne's møde\"`"],
        ["the quote ' inside the text ends the value too early", "write it as `title: \"Anne's møde\"`"],
    ),
    (
        "key-value-more",
        HEAD + "location: Rådhuset: mødelokale 2\n",
        6, 19,
        ["værdien af `location` indeholder et kolon med mellemrum efter (`: `)", "læses resten som et nyt felt",
         "sæt hele værdien i anførselstegn", '`location: "Rådhuset: mødelokale 2"`'],
        ["the value of `location` holds a colon followed by a space (`: `)", "the rest is read as a new field",
         "put the whole value in quotes", '`location: "Rådhuset: mødelokale 2"`'],
    ),
    (
        "colon-in-an-item-title",
        HEAD + "items:\n  - title: Orientering: budget 2025\n",
        7, 23,
        ["værdien af `title`", "sæt hele værdien i anførselstegn", '`- title: "Orientering: budget 2025"`'],
        ["the value of `title`", "put the whole value in quotes", '`- title: "Orientering: budget 2025"`'],
    ),
    (
        "no-space-after-the-colon",
        HEAD + "location:Rådhuset\nmode: hybrid\n",
        7, 1,
        ["der skal være et mellemrum efter kolonet i linje 6", "skriv `location: Rådhuset`"],
        ["a field needs a space after its colon on line 6", "write `location: Rådhuset`"],
    ),
    (
        "a-list-never-closed",
        HEAD + "attendees: [anna, bo\nlocation: Rådhuset\n",
        7, 9,
        ["listen, der begynder med `[` i linje 6, bliver ikke lukket med `]`", "`attendees: [anna, bo]`"],
        ["the list that starts with `[` on line 6 is not closed with `]`", "`attendees: [anna, bo]`"],
    ),
    (
        "a-list-entry-where-a-value-is",
        HEAD + "location: Rådhuset\n- anna\n",
        7, 1,
        ["`anna` er skrevet som et punkt i en liste (`- `), men `location` i linje 6 har allerede en værdi",
         "skriv `location:` alene på linjen og punkterne under den"],
        ["`anna` is written as an entry of a list (`- `), but `location` on line 6 already has a value",
         "write `location:` alone on its line and the entries below it"],
    ),
    (
        "a-value-starting-with-a-star",
        HEAD + "location: *Rådhuset\n",
        6, 13,
        ["`*` først i en værdi betyder en henvisning til en anden værdi i filen", '`location: "*Rådhuset"`'],
        ["`*` at the start of a value means a reference to another value in the file", '`location: "*Rådhuset"`'],
    ),
]


@pytest.mark.parametrize(("front", "line", "column", "da", "en"), [pytest.param(*m[1:], id=m[0]) for m in MISTAKES])
def test_a_syntax_mistake_is_explained_with_the_line_written_right(repo_factory, front, line, column, da, en):
    for lang, words in (("da", da), ("en", en)):
        found = problems(repo_factory, front, lang)
        assert [(p[0], p[1], p[2]) for p in found] == [(line, column, "yaml-syntax")], (lang, found)
        message = found[0][3]
        for word in words:
            assert word in message, (lang, word, message)
        assert not JARGON.search(message), (lang, message)


@pytest.mark.parametrize(
    ("front", "da", "en"),
    [
        pytest.param(HEAD + "date: 2024-03-05\n", "feltet `date` står to gange (første gang i linje 4): slet det ene; ellers gælder kun det sidste",
                     "the field `date` is given twice (first on line 4): delete one; otherwise only the last would count", id="duplicate-key"),
        pytest.param(HEAD + "location: !sal Rådhuset\n",
                     '`!sal` først i en værdi er et mærke, der siger, hvad slags værdi det er, og det kan ikke bruges i en post:'
                     ' er det tekst, så sæt hele værdien i anførselstegn: `"!sal Rådhuset"`',
                     '`!sal` at the start of a value is a tag saying what kind of value it is, which a record cannot use:'
                     ' if it is text, put the whole value in quotes: `"!sal Rådhuset"`', id="tag"),
        pytest.param("base: &b {kind: meeting}\n<<: *b\n",
                     "`<<` (at flette værdier ind fra et andet sted i filen) kan ikke bruges i en post: skriv værdierne ud",
                     "`<<` (merging in values from elsewhere in the file) cannot be used in a record: write the values out", id="merge"),
    ],
)
def test_what_the_file_may_not_hold_is_said_in_both_languages(repo_factory, front, da, en):
    for lang, message in (("da", da), ("en", en)):
        found = problems(repo_factory, front, lang)
        assert message in [p[3] for p in found], (lang, found)


def test_lang_en_on_the_command_line_speaks_english_in_a_danish_repository(repo_factory, cli):
    root = repo_factory({MEETING: "---\n" + HEAD + "location: Rådhuset: mødelokale 2\n---\n"})
    danish = cli("check", "--root", root)
    assert f"{MEETING}:6:19: error: værdien af `location` indeholder et kolon" in danish.stderr
    english = cli("--lang", "en", "check", "--root", root, "--no-cache")
    assert f"{MEETING}:6:19: error: the value of `location` holds a colon" in english.stderr


# --- values of the wrong form: the right form, with the value written -------------------------

VALUES = [
    # (name, line replaced, replaced by, line added, line, column, Danish, English)
    ("a-danish-date", "date: 2024-03-04\n", "date: 4/3/2024\n", "", 4, 7,
     "`date`: skriv datoen som ÅÅÅÅ-MM-DD: `2024-03-04`, ikke `4/3/2024`",
     "`date`: write the date as YYYY-MM-DD: `2024-03-04`, not `4/3/2024`"),
    ("a-date-in-words", "date: 2024-03-04\n", "date: 4. marts 2024\n", "", 4, 7,
     "`date`: skriv datoen som ÅÅÅÅ-MM-DD: `2024-03-04`, ikke `4. marts 2024`",
     "`date`: write the date as YYYY-MM-DD: `2024-03-04`, not `4. marts 2024`"),
    ("no-such-day", "date: 2024-03-04\n", "date: 2023-02-29\n", "", 4, 7,
     "`date`: `2023-02-29` er ikke en dato, der findes: februar 2023 har 28 dage",
     "`date`: `2023-02-29` is not a real date: February 2023 has 28 days"),
    ("a-time-with-kl", "", "", "start: kl. 14\n", 6, 8,
     "`start`: skriv klokkeslættet som TT:MM (24-timers ur): `14:00`, ikke `kl. 14`",
     "`start`: write the time as HH:MM (24-hour clock): `14:00`, not `kl. 14`"),
    ("one-attendee-written-alone", "", "", "attendees: anna\n", 6, 12,
     "`attendees` skal være en liste, ikke `anna`: skriv `[anna]` eller én `- anna`-linje pr. punkt",
     "`attendees` must be a list, not `anna`; write a list, e.g. `[anna]` or one `- anna` line per entry"),
    ("an-item-written-as-its-title", "", "", "items:\n  - Godkendelse af dagsorden\n", 7, 5,
     "`items` nr. 1 skal være en gruppe felter (`navn: værdi`), ikke `Godkendelse af dagsorden`: skriv fx `{title: Godkendelse af dagsorden}`",
     "`items` item 1 must be a group of `key: value` lines, not `Godkendelse af dagsorden`; write e.g. `{title: Godkendelse af dagsorden}`"),
    ("a-status-in-danish", "status: held\n", "status: afholdt\n", "", 5, 9,
     "`status` skal være planned, held eller cancelled, ikke `afholdt`",
     "`status` must be one of planned, held, cancelled, not `afholdt`"),
    ("a-misspelt-field", "", "", "atendees: [anna]\n", 6, 1,
     "ukendt felt `atendees` (mente du `attendees`?)",
     "unknown key `atendees` (did you mean `attendees`?)"),
    ("a-missing-field", "date: 2024-03-04\n", "", "", 2, 1,
     "feltet `date` mangler: tilføj `date: ÅÅÅÅ-MM-DD`",
     "missing required field `date`: add `date: YYYY-MM-DD`"),
]


@pytest.mark.parametrize(("old", "new", "extra", "line", "column", "da", "en"), [pytest.param(*v[1:], id=v[0]) for v in VALUES])
def test_a_value_of_the_wrong_form_is_shown_in_the_right_one(repo_factory, old, new, extra, line, column, da, en):
    front = (HEAD.replace(old, new) if old else HEAD) + extra
    for lang, message in (("da", da), ("en", en)):
        found = problems(repo_factory, front, lang)
        assert (line, column, message) in [(p[0], p[1], p[3]) for p in found], (lang, found)
        assert not JARGON.search(message)


@pytest.mark.parametrize(
    "settings",
    ["language: en\n", "language: 'en'  # English\n", 'municipality: X\nlanguage: "en"\n', "language: da\n", "",
     "vocabularies:\n  language: en\n", "{language: en}\n", "\ufefflanguage: en\n", "language: dk\n", "language: [en]\n"],
)
def test_a_check_reads_the_language_as_the_settings_say_it_without_the_yaml_parser_where_it_can(tmp_path, settings):
    from ensomhed_cli.check.fingerprint import settings_language_light
    from ensomhed_cli.check.rules.common import settings_language

    (tmp_path / "ensomhed.yaml").write_text(settings, encoding="utf-8")
    assert settings_language_light(tmp_path) == settings_language(tmp_path)
