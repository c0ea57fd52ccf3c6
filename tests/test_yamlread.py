"""The YAML dialect: text stays text, and nothing in a file can surprise or hurt.

`parse_yaml` is called directly. Every problem is checked whole (line, column, code
and message), every position exactly, every bound at its limit and one past it.
"""

from __future__ import annotations

import re

import pytest

from ensomhed_cli.diagnostics import messages_for
from ensomhed_cli.format import yamldialect
from ensomhed_cli.format.yamldialect import MAX_ALIAS_VISITS, MAX_DEPTH, MAX_FLOW_DEPTH, parse_yaml

BOTH = pytest.mark.parametrize("positions", [True, False], ids=["positions", "fast-path"])

# The messages in Danish, the language of the messages outside a repository that says en
# (test_messages_format.py has them in English too).
TOO_DEEP = f"værdierne ligger i mere end {MAX_DEPTH} niveauer inden i hinanden"
BRACKETS = f"der er mere end {MAX_FLOW_DEPTH} niveauer af klammer (`[`, `{{`) inden i hinanden"
ALIASES = f"henvisningerne (`*navn`) bliver til mere end {MAX_ALIAS_VISITS} værdier, når de foldes ud; så stor en post afvises"
RECURSIVE = "en henvisning (`*navn`) peger på en værdi, der selv indeholder henvisningen"
KEY = "et felts navn skal være almindelig tekst, ikke en liste eller en gruppe felter"
MERGE = "`<<` (at flette værdier ind fra et andet sted i filen) kan ikke bruges i en post: skriv værdierne ud"


def twice(key, first):
    return f"feltet `{key}` står to gange (første gang i linje {first}): slet det ene; ellers gælder kun det sidste"


def tag_of_text(tag, value):
    return (
        f"`{tag}` først i en værdi er et mærke, der siger, hvad slags værdi det er, og det kan ikke bruges i en post:"
        f' er det tekst, så sæt hele værdien i anførselstegn: `"{tag} {value}"`'
    )


def tag(tag):
    return f"`{tag}` er et mærke, der siger, hvad slags værdi det er, og det kan ikke bruges i en post: slet det"


def test_the_bounds_are_the_documented_ones():
    assert (MAX_DEPTH, MAX_ALIAS_VISITS, MAX_FLOW_DEPTH) == (48, 10_000, 200)


# --- scalars -------------------------------------------------------------------------


@BOTH
def test_scalars_stay_text_and_plain_nulls_are_none(positions):
    text = (
        "start: 14:00\nanswer: NO\nyear: 2020\nflag: yes\nempty:\ntilde: ~\nnull: null\n"
        "Null: Null\nNULL: NULL\nnUll: nUll\nnone: none\nsq: 'null'\ndq: \"~\"\nblank: ''\n"
        "literal: |\n  ~\n"
    )
    parsed = parse_yaml(text, positions=positions)
    assert parsed.problems == []
    assert parsed.data == {
        "start": "14:00",
        "answer": "NO",
        "year": "2020",
        "flag": "yes",
        "empty": None,
        "tilde": None,
        "null": None,
        "Null": None,
        "NULL": None,
        "nUll": "nUll",
        "none": "none",
        "sq": "null",
        "dq": "~",
        "blank": "",
        "literal": "~\n",
    }


@BOTH
def test_null_rules_hold_in_lists_too(positions):
    parsed = parse_yaml("- ~\n- '~'\n- null\n-\n- x\n- \"\"\n", positions=positions)
    assert (parsed.data, parsed.problems) == ([None, "~", None, None, "x", ""], [])


@pytest.mark.parametrize(
    ("text", "data", "positions"),
    [
        ("hello", "hello", {(): (1, 1, 1, 1)}),
        ("null", None, {(): (1, 1, 1, 1)}),
        ("'null'", "null", {(): (1, 1, 1, 1)}),
        ("", None, {}),
        ("# only a comment\n", None, {}),
        ("[a, b]", ["a", "b"], {(): (1, 1, 1, 1), (0,): (1, 2, 1, 2), (1,): (1, 5, 1, 5)}),
    ],
    ids=["text", "null", "quoted-null", "empty", "comment", "list"],
)
def test_a_document_need_not_be_a_mapping(text, data, positions):
    parsed = parse_yaml(text)
    assert (parsed.data, parsed.positions, parsed.problems) == (data, positions, [])


# --- positions -----------------------------------------------------------------------

RECORD = "title: Møde\nitems:\n  - title: Velkomst\n    start: 14:00\n  - [a, {b: c}]\n"


def record_positions(shift):
    """RECORD's positions, its lines shifted by `shift`."""
    raw = {
        (): (1, 1, 1, 1),
        ("title",): (1, 1, 1, 8),
        ("items",): (2, 1, 3, 3),
        ("items", 0): (3, 5, 3, 5),
        ("items", 0, "title"): (3, 5, 3, 12),
        ("items", 0, "start"): (4, 5, 4, 12),
        ("items", 1): (5, 5, 5, 5),
        ("items", 1, 0): (5, 6, 5, 6),
        ("items", 1, 1): (5, 9, 5, 9),
        ("items", 1, 1, "b"): (5, 10, 5, 13),
    }
    return {path: (kl + shift, kc, vl + shift, vc) for path, (kl, kc, vl, vc) in raw.items()}


@pytest.mark.parametrize("offset", [0, 3])
def test_positions_are_key_and_value_per_path_shifted_by_the_line_offset(offset):
    parsed = parse_yaml(RECORD, offset)
    assert parsed.problems == []
    assert parsed.data == {"title": "Møde", "items": [{"title": "Velkomst", "start": "14:00"}, ["a", {"b": "c"}]]}
    assert parsed.positions == record_positions(offset)


def test_positions_are_kept_by_default_and_the_offset_defaults_to_zero():
    assert parse_yaml(RECORD).positions == record_positions(0)


def test_the_fast_path_keeps_no_positions_but_the_same_data():
    fast = parse_yaml(RECORD, 3, positions=False)
    assert (fast.data, fast.positions, fast.problems) == (parse_yaml(RECORD).data, {}, [])


def test_columns_count_characters_not_bytes():
    parsed = parse_yaml("a: {æøå: 1, b: 2}\n")
    assert parsed.positions[("a", "æøå")] == (1, 5, 1, 10)
    assert parsed.positions[("a", "b")] == (1, 13, 1, 16)


@pytest.mark.parametrize(
    "text",
    ["a: b\r\nc:\r\n  - d\r\n", "a: b\rc:\r  - d\r", "\ufeffa: b\nc:\n  - d\n"],
    ids=["crlf", "cr", "bom"],
)
def test_crlf_cr_and_a_bom_do_not_move_positions(text):
    parsed = parse_yaml(text, 1)
    assert parsed.data == {"a": "b", "c": ["d"]}
    assert parsed.positions == {(): (2, 1, 2, 1), ("a",): (2, 1, 2, 4), ("c",): (3, 1, 4, 3), ("c", 0): (4, 5, 4, 5)}


# --- NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR -------------------------------------------
# libyaml counts them as line breaks, editors do not (found by the fuzz run,
# fuzz/FINDINGS.md): positions and problems are given in the editor's lines.


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
@pytest.mark.parametrize("offset", [0, 4])
def test_a_yaml_only_break_is_not_a_line_for_positions(brk, offset):
    parsed = parse_yaml(f"a: x{brk}b: y\r\nc: z\rd: w{brk}e: [v]\n", offset)
    assert parsed.problems == []
    assert parsed.data == {"a": "x", "b": "y", "c": "z", "d": "w", "e": ["v"]}
    assert parsed.positions == {
        (): (1 + offset, 1, 1 + offset, 1),
        ("a",): (1 + offset, 1, 1 + offset, 4),
        ("b",): (1 + offset, 6, 1 + offset, 9),
        ("c",): (2 + offset, 1, 2 + offset, 4),
        ("d",): (3 + offset, 1, 3 + offset, 4),
        ("e",): (3 + offset, 6, 3 + offset, 9),
        ("e", 0): (3 + offset, 10, 3 + offset, 10),
    }


def test_positions_after_a_pasted_line_separator_are_the_editors():
    pasted = parse_yaml('name: "Anna\u2028Hansen"\ntitle: konsulent\nitems: [a, b]\n', 4)
    plain = parse_yaml('name: "Anna  Hansen"\ntitle: konsulent\nitems: [a, b]\n', 4)
    assert pasted.problems == plain.problems == []
    assert pasted.data == {"name": "Anna\u2028Hansen", "title": "konsulent", "items": ["a", "b"]}
    assert pasted.positions == plain.positions == {
        (): (5, 1, 5, 1),
        ("name",): (5, 1, 5, 7),
        ("title",): (6, 1, 6, 8),
        ("items",): (7, 1, 7, 8),
        ("items", 0): (7, 9, 7, 9),
        ("items", 1): (7, 12, 7, 12),
    }


def test_a_builder_problem_after_a_yaml_only_break_is_on_the_editors_line():
    parsed = parse_yaml("a: 1\x85b: 2\nc: 3\x85a: 4\n", 2)
    assert parsed.problems == [
        (4, 6, "duplicate-key", twice("a", 3))
    ]
    assert parsed.data == {"a": "1", "b": "2", "c": "3"}


# --- keys ------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", [0, 2])
def test_duplicate_key_is_an_error_at_the_second_key_and_the_first_value_stays(offset):
    parsed = parse_yaml("top:\n    x: 1\n    y: 2\n    y: 3\n    z: 4\n", offset)
    assert parsed.problems == [
        (
            4 + offset,
            5,
            "duplicate-key",
            twice("y", 3 + offset),
        )
    ]
    assert parsed.data == {"top": {"x": "1", "y": "2", "z": "4"}}
    assert parsed.positions[("top", "y")] == (3 + offset, 5, 3 + offset, 8)
    assert parsed.positions[("top", "z")] == (5 + offset, 5, 5 + offset, 8)


def test_duplicate_key_in_the_fast_path():
    parsed = parse_yaml("a: 1\nb: 2\nb: 3\nc: 4\n", positions=False)
    assert parsed.problems == [
        (3, 1, "duplicate-key", twice("b", 2))
    ]
    assert parsed.data == {"a": "1", "b": "2", "c": "4"}


@BOTH
def test_merge_keys_are_refused_but_a_quoted_double_angle_is_a_key(positions):
    parsed = parse_yaml('a: 1\n<<: {b: 2}\nc: 3\n"<<": 4\n', 1, positions=positions)
    assert parsed.problems == [(3, 1, "yaml-merge", MERGE)]
    assert parsed.data == {"a": "1", "c": "3", "<<": "4"}


def test_a_merge_key_with_an_alias_is_refused():
    parsed = parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n")
    assert parsed.problems == [(3, 3, "yaml-merge", MERGE)]
    assert parsed.data == {"a": {"x": "1"}, "b": {"y": "2"}}


@BOTH
def test_list_mapping_and_tagged_keys_are_refused_and_the_next_keys_kept(positions):
    text = "? [a, b]\n: c\nd: 1\n? {e: f}\n: g\nh: 2\n!k i: j\nk: 3\n"
    parsed = parse_yaml(text, 10, positions=positions)
    assert parsed.problems == [(11, 3, "yaml-key", KEY), (14, 3, "yaml-key", KEY), (17, 1, "yaml-key", KEY)]
    assert parsed.data == {"d": "1", "h": "2", "k": "3"}


def test_a_str_tagged_key_is_plain_text():
    assert parse_yaml("!!str a: b\n").data == {"a": "b"}


# --- tags ------------------------------------------------------------------------------


@BOTH
def test_a_tagged_scalar_is_refused_and_becomes_none(positions):
    parsed = parse_yaml("x: !!python/object:os.system echo\ny: !foo bar\nz: ok\n", 1, positions=positions)
    assert parsed.problems == [
        (2, 4, "yaml-tag", tag_of_text("!!python/object:os.system", "echo")),  # as it was written
        (3, 4, "yaml-tag", tag_of_text("!foo", "bar")),
    ]
    assert parsed.data == {"x": None, "y": None, "z": "ok"}


@BOTH
def test_a_tagged_list_or_mapping_is_refused_but_still_read(positions):
    text = "x: !foo [a]\ny: !!set {a}\nz: !!str [b]\nw: !!seq {k: v}\n"
    parsed = parse_yaml(text, positions=positions)
    assert parsed.problems == [
        (1, 4, "yaml-tag", tag("!foo")),
        (2, 4, "yaml-tag", tag("!!set")),
        (3, 4, "yaml-tag", tag("!!str")),
        (4, 4, "yaml-tag", tag("!!seq")),
    ]
    assert parsed.data == {"x": ["a"], "y": {"a": None}, "z": ["b"], "w": {"k": "v"}}


@BOTH
def test_the_tags_of_the_own_kind_are_allowed(positions):
    parsed = parse_yaml("z: !!str s\nw: !!map {k: v}\nv: !!seq [q]\n", positions=positions)
    assert (parsed.data, parsed.problems) == ({"z": "s", "w": {"k": "v"}, "v": ["q"]}, [])


def test_a_tagged_root_is_refused():
    parsed = parse_yaml("!!seq {a: b}\n", 2)
    assert parsed.problems == [(3, 1, "yaml-tag", tag("!!seq"))]
    assert parsed.data == {"a": "b"}
    assert parsed.positions == {(): (3, 1, 3, 1), ("a",): (3, 8, 3, 11)}


# --- aliases -----------------------------------------------------------------------------


@BOTH
def test_small_aliases_are_allowed_and_located_at_their_anchor(positions):
    parsed = parse_yaml("a: &a x\nb: *a\nc: [*a, *a]\nd: &d {k: v}\ne: *d\nf: *d\n", positions=positions)
    assert parsed.problems == []
    assert parsed.data == {"a": "x", "b": "x", "c": ["x", "x"], "d": {"k": "v"}, "e": {"k": "v"}, "f": {"k": "v"}}
    if positions:
        assert parsed.positions == {
            (): (1, 1, 1, 1),
            ("a",): (1, 1, 1, 4),
            ("b",): (2, 1, 1, 4),
            ("c",): (3, 1, 3, 4),
            ("c", 0): (1, 4, 1, 4),
            ("c", 1): (1, 4, 1, 4),
            ("d",): (4, 1, 4, 4),
            ("d", "k"): (4, 8, 4, 11),
            ("e",): (5, 1, 4, 4),
            ("e", "k"): (4, 8, 4, 11),
            ("f",): (6, 1, 4, 4),
            ("f", "k"): (4, 8, 4, 11),
        }


@BOTH
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: &a [*a]\n", (1, 4)),
        ("a: &a {b: *a}\n", (1, 4)),
        ("a: 1\nb: &b\n  c: [x, *b]\n", (2, 4)),
    ],
    ids=["list-in-itself", "mapping-in-itself", "deeper"],
)
def test_a_recursive_alias_is_refused(text, where, positions):
    parsed = parse_yaml(text, 5, positions=positions)
    assert parsed.problems == [(where[0] + 5, where[1], "yaml-alias", RECURSIVE)]
    assert parsed.data is None


def aliases(count, in_mapping):
    """A document re-visiting one anchored value `count` times."""
    if in_mapping:
        return "base: &s x\n" + "".join(f"k{i}: *s\n" for i in range(count))
    return "base: &s x\nlist: [" + ", ".join(["*s"] * count) + "]\n"


@BOTH
@pytest.mark.parametrize("in_mapping", [True, False], ids=["mapping", "list"])
def test_alias_visits_are_allowed_up_to_the_bound(in_mapping, positions):
    parsed = parse_yaml(aliases(MAX_ALIAS_VISITS, in_mapping), 2, positions=positions)
    assert parsed.problems == []
    if in_mapping:
        assert parsed.data == {"base": "x", **{f"k{i}": "x" for i in range(MAX_ALIAS_VISITS)}}
    else:
        assert parsed.data == {"base": "x", "list": ["x"] * MAX_ALIAS_VISITS}


@BOTH
@pytest.mark.parametrize("in_mapping", [True, False], ids=["mapping", "list"])
def test_one_alias_visit_past_the_bound_is_refused(in_mapping, positions):
    parsed = parse_yaml(aliases(MAX_ALIAS_VISITS + 1, in_mapping), 2, positions=positions)
    assert parsed.problems == [(3, 7, "yaml-alias", ALIASES)]
    assert parsed.data is None


def test_an_alias_bomb_is_stopped_early():
    lines = ["a: &a [x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}]")
    parsed = parse_yaml("\n".join(lines) + "\n")
    assert parsed.problems == [(1, 4, "yaml-alias", ALIASES)]
    assert parsed.data is None


def test_an_alias_visit_counts_the_whole_value_it_repeats():
    # 99 items + the list itself = 100 visits per alias: 100 aliases are exactly the bound.
    base = "base: &l [" + ", ".join(["x"] * 99) + "]\n"
    at_bound = parse_yaml(base + "list: [" + ", ".join(["*l"] * 100) + "]\n")
    assert at_bound.problems == []
    assert len(at_bound.data["list"]) == 100
    past = parse_yaml(base + "s: &s y\nlist: [" + ", ".join(["*l"] * 100) + ", *s]\n")
    assert past.problems == [(2, 4, "yaml-alias", ALIASES)]


# --- nesting -----------------------------------------------------------------------------


def nested_lists(count):
    value = []
    for _ in range(count - 1):
        value = [value]
    return value


def nested_mappings(count):
    value = "v"
    for _ in range(count):
        value = {"a": value}
    return value


@BOTH
def test_nesting_up_to_the_bound_is_allowed(positions):
    lists = parse_yaml("x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", 1, positions=positions)
    assert (lists.data, lists.problems) == ({"x": nested_lists(MAX_DEPTH - 1)}, [])
    mappings = parse_yaml("{a: " * MAX_DEPTH + "v" + "}" * MAX_DEPTH + "\n", 1, positions=positions)
    assert (mappings.data, mappings.problems) == (nested_mappings(MAX_DEPTH), [])
    root = parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH, 1, positions=positions)
    assert (root.data, root.problems) == (nested_lists(MAX_DEPTH), [])


@BOTH
@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("x: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", 51),
        ("{a: " * (MAX_DEPTH + 1) + "v" + "}" * (MAX_DEPTH + 1) + "\n", 193),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), 49),
    ],
    ids=["lists", "mappings", "root-list"],
)
def test_one_level_past_the_bound_is_refused_at_that_value(text, column, positions):
    parsed = parse_yaml(text, 1, positions=positions)
    assert parsed.problems == [(2, column, "too-deep", TOO_DEEP)]
    assert parsed.data is None


def test_deep_block_nesting_is_refused():
    text = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v\n"
    assert parse_yaml(text).problems == [(49, 97, "too-deep", TOO_DEEP)]


# --- bracket nesting, checked before libyaml sees the text ------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: b\nX: y\nx: " + "[" * 201 + "]" * 201 + "\n", 3, 204),
        ("{a: " * 201 + "v" + "}" * 201, 1, 801),
        ("[{" * 101, 1, 201),
        ("[" * 100 + "X" + "[" * 101, 1, 202),
        ("[[]" * 201, 1, 599),
        ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, 204),
    ],
    ids=["lists-on-line-3", "mappings", "mixed", "letters-between", "net-one-per-three", "huge"],
)
@pytest.mark.parametrize("offset", [0, 4])
def test_bracket_nesting_past_the_bound_is_refused_at_the_bracket(text, line, column, offset):
    parsed = parse_yaml(text, offset)
    assert parsed.problems == [(line + offset, column, "too-deep", BRACKETS)]
    assert (parsed.data, parsed.positions) == (None, {})


def test_bracket_nesting_at_the_bound_is_left_to_the_value_depth_check():
    parsed = parse_yaml("a: []\nb: " + "[" * 200 + "]" * 200 + "\n")
    assert parsed.problems == [(2, 51, "too-deep", TOO_DEEP)]


@pytest.mark.parametrize("pair", ["[]", "{}"], ids=["lists", "mappings"])
def test_closed_brackets_do_not_add_up(pair):
    parsed = parse_yaml(f"- {pair}\n" * 201)
    assert parsed.problems == []
    assert parsed.data == [[] if pair == "[]" else {}] * 201


# --- syntax errors -------------------------------------------------------------------------

def case(name, text, line, column, da, en):
    return pytest.param(text, line, column, da, en, id=name)


# Each message in Danish and English; ⟨n⟩ is line n of the text, shifted with it where it is part of a file.
SYNTAX = [
    # the mapping-values hint: text containing ': '
    case('colon-in-text', 'title: Punkt 1: Kvalificering\n', 1, 15,
         'værdien af `title` indeholder et kolon med mellemrum efter (`: `), og så læses resten som et nyt felt: sæt hele værdien i anførselstegn: `title: "Punkt 1: Kvalificering"`',
         'the value of `title` holds a colon followed by a space (`: `), so the rest is read as a new field: put the whole value in quotes: `title: "Punkt 1: Kvalificering"`'),
    # tabs: a tab before the problem's column on its line
    case('tab-indent', 'items:\n\t- title: x\n', 2, 1,
         'der står et tabulatortegn (tab) i indrykningen: ryk ind med mellemrum i stedet, fx to mellemrum pr. niveau',
         'there is a tab in the indentation: indent with spaces instead, e.g. two spaces per level'),
    case('tab-on-line-1', '\ta: b\n', 1, 1,
         'der står et tabulatortegn (tab) i indrykningen: ryk ind med mellemrum i stedet, fx to mellemrum pr. niveau',
         'there is a tab in the indentation: indent with spaces instead, e.g. two spaces per level'),
    case('tab-on-last-line', 'a: b\n\tc: d', 2, 1,
         'der står et tabulatortegn (tab) i indrykningen: ryk ind med mellemrum i stedet, fx to mellemrum pr. niveau',
         'there is a tab in the indentation: indent with spaces instead, e.g. two spaces per level'),
    case('tab-at-the-column', '- a\n-\tb: c\n', 2, 2,
         'der står et tabulatortegn (tab) i indrykningen: ryk ind med mellemrum i stedet, fx to mellemrum pr. niveau',
         'there is a tab in the indentation: indent with spaces instead, e.g. two spaces per level'),
    # a tab on the line, but after the problem's column: not the tab's explanation
    case('tab-after-the-column', 'a: b\n-\tc\n', 2, 1,
         '`c` er skrevet som et punkt i en liste (`- `), men `a` i linje ⟨1⟩ har allerede en værdi: skal det være en liste, så skriv `a:` alene på linjen og punkterne under den, fx `  - c`',
         '`c` is written as an entry of a list (`- `), but `a` on line ⟨1⟩ already has a value: for a list, write `a:` alone on its line and the entries below it, e.g. `  - c`'),
    # a tab on another line: not the tab's explanation
    case('tab-on-another-line', 'a: b\nc\td\ne: f\n', 3, 1,
         'linje ⟨2⟩ (`c\td`) er hverken et felt (`navn: værdi`) eller et punkt i en liste (`- …`): skriv fx `c\td: …`; er det fortsættelsen af teksten i linjen over, så ryk den længere ind end feltets navn',
         "line ⟨2⟩ (`c\td`) is neither a field (`name: value`) nor an entry of a list (`- …`): write e.g. `c\td: …`; if it goes on with the text of the line above, indent it further than the field's name"),
    # a line that is no `key: value`: the line is named (the problem is found on the next)
    case('no-colon', 'a: b\nc\nd: e\n', 3, 1,
         'linje ⟨2⟩ (`c`) er hverken et felt (`navn: værdi`) eller et punkt i en liste (`- …`): skriv fx `c: …`; er det fortsættelsen af teksten i linjen over, så ryk den længere ind end feltets navn',
         "line ⟨2⟩ (`c`) is neither a field (`name: value`) nor an entry of a list (`- …`): write e.g. `c: …`; if it goes on with the text of the line above, indent it further than the field's name"),
    case('no-colon-crlf', 'a: b\r\nc\r\nd: e\r\n', 3, 1,
         'linje ⟨2⟩ (`c`) er hverken et felt (`navn: værdi`) eller et punkt i en liste (`- …`): skriv fx `c: …`; er det fortsættelsen af teksten i linjen over, så ryk den længere ind end feltets navn',
         "line ⟨2⟩ (`c`) is neither a field (`name: value`) nor an entry of a list (`- …`): write e.g. `c: …`; if it goes on with the text of the line above, indent it further than the field's name"),
    case('no-colon-cr', 'a: b\rc\rd: e\n', 3, 1,
         'linje ⟨2⟩ (`c`) er hverken et felt (`navn: værdi`) eller et punkt i en liste (`- …`): skriv fx `c: …`; er det fortsættelsen af teksten i linjen over, så ryk den længere ind end feltets navn',
         "line ⟨2⟩ (`c`) is neither a field (`name: value`) nor an entry of a list (`- …`): write e.g. `c: …`; if it goes on with the text of the line above, indent it further than the field's name"),
    # a value starting with * or !: quote it
    case('undefined-alias', 'a: *x\n', 1, 4,
         '`*` først i en værdi betyder en henvisning til en anden værdi i filen: er det tekst, så sæt den i anførselstegn: `a: "*x"`',
         '`*` at the start of a value means a reference to another value in the file: if it is text, put it in quotes: `a: "*x"`'),
    case('undefined-tag-handle', 'a: !x!y b\n', 1, 4,
         '`!` først i en værdi betyder et mærke, der siger, hvad slags værdi det er: er det tekst, så sæt den i anførselstegn: `a: "!x!y b"`',
         '`!` at the start of a value means a tag saying what kind of value it is: if it is text, put it in quotes: `a: "!x!y b"`'),
    # the rest: the line where the unclosed part began
    case('open-quote', "a: 'b", 1, 6,
         "anførselstegnet ' i linje ⟨1⟩ bliver aldrig lukket: sæt også et ' til sidst i værdien: `a: 'b'`",
         "the quote ' on line ⟨1⟩ is never closed: put a ' at the end of the value too: `a: 'b'`"),
    case('open-quote-line-break', "a: 'b\n", 2, 1,
         "anførselstegnet ' i linje ⟨1⟩ bliver aldrig lukket: sæt også et ' til sidst i værdien: `a: 'b'`",
         "the quote ' on line ⟨1⟩ is never closed: put a ' at the end of the value too: `a: 'b'`"),
    # at the end of a text without a final line break libyaml counts one line more,
    # and (outside NEL / LS / PS texts) that line is reported as it is
    case('open-list-at-the-end', 'a: [b', 2, 1,
         'listen, der begynder med `[` i linje ⟨1⟩, bliver ikke lukket med `]`: skriv hele listen på én linje med komma mellem punkterne: `a: [b]`; et punkt med `,`, `:` eller `]` sættes i anførselstegn',
         'the list that starts with `[` on line ⟨1⟩ is not closed with `]`: write the whole list on one line with commas between the entries: `a: [b]`; an entry holding `,`, `:` or `]` goes in quotes'),
    case('no-colon-at-the-end', 'a: b\nc: d\ne', 4, 1,
         'linje ⟨3⟩ (`e`) er hverken et felt (`navn: værdi`) eller et punkt i en liste (`- …`): skriv fx `e: …`; er det fortsættelsen af teksten i linjen over, så ryk den længere ind end feltets navn',
         "line ⟨3⟩ (`e`) is neither a field (`name: value`) nor an entry of a list (`- …`): write e.g. `e: …`; if it goes on with the text of the line above, indent it further than the field's name"),
    case('open-list', 'a: [b, c\n', 2, 1,
         'listen, der begynder med `[` i linje ⟨1⟩, bliver ikke lukket med `]`: skriv hele listen på én linje med komma mellem punkterne: `a: [b, c]`; et punkt med `,`, `:` eller `]` sættes i anførselstegn',
         'the list that starts with `[` on line ⟨1⟩ is not closed with `]`: write the whole list on one line with commas between the entries: `a: [b, c]`; an entry holding `,`, `:` or `]` goes in quotes'),
    case('two-documents', 'a: b\n---\nc: d\n', 2, 1,
         'en linje med `---` eller `...` afslutter posten, men der står mere efter den: en fil rummer kun én post, så fjern linjen (eller flyt resten til en fil for sig)',
         'a line `---` or `...` ends the record, but more follows it: a file holds one record only, so remove the line (or move the rest to a file of its own)'),
    case('duplicate-anchor', 'a: &x b\nc: &x d\n', 2, 4,
         'navnet `&x` er givet to gange (første gang i linje ⟨1⟩): giv værdierne hvert sit navn; er `&` en del af teksten, så sæt værdien i anførselstegn',
         'the name `&x` is given twice (first on line ⟨1⟩): give the values a name each; if the `&` is part of the text, put the value in quotes'),
    case('bad-indent', 'a:\n  b: c\n d: e\n', 3, 2,
         '`d:` står ikke lige under nogen af felterne over: ryk linjen, så `d:` står lige under `b:` (linje ⟨2⟩) eller `a:` (linje ⟨1⟩), alt efter hvor det hører til',
         '`d:` does not stand right below any of the fields above: indent the line so that `d:` stands right below `b:` (line ⟨2⟩) or `a:` (line ⟨1⟩), whichever it belongs with'),
    # NEL / LS / PS: the editor's lines, in the location and in the context
    case('nel-colon-in-text', 'a: x\x85b: c: d\n', 1, 10,
         'værdien af `a` indeholder et kolon med mellemrum efter (`: `), og så læses resten som et nyt felt: sæt hele værdien i anførselstegn: `a: "x\x85b: c: d"`',
         'the value of `a` holds a colon followed by a space (`: `), so the rest is read as a new field: put the whole value in quotes: `a: "x\x85b: c: d"`'),
    case('nel-context-line', 'a: b\x85c: d\nitems: [x, y\n', 3, 1,
         'listen, der begynder med `[` i linje ⟨2⟩, bliver ikke lukket med `]`: skriv hele listen på én linje med komma mellem punkterne: `items: [x, y]`; et punkt med `,`, `:` eller `]` sættes i anførselstegn',
         'the list that starts with `[` on line ⟨2⟩ is not closed with `]`: write the whole list on one line with commas between the entries: `items: [x, y]`; an entry holding `,`, `:` or `]` goes in quotes'),
    case('ls-at-the-end', 'a: b\u2028c: d\nitems: [x, y', 2, 13,
         'listen, der begynder med `[` i linje ⟨2⟩, bliver ikke lukket med `]`: skriv hele listen på én linje med komma mellem punkterne: `items: [x, y]`; et punkt med `,`, `:` eller `]` sættes i anførselstegn',
         'the list that starts with `[` on line ⟨2⟩ is not closed with `]`: write the whole list on one line with commas between the entries: `items: [x, y]`; an entry holding `,`, `:` or `]` goes in quotes'),
    case('nel-open-quote', "x: 'a\x85b", 1, 8,
         "anførselstegnet ' i linje ⟨1⟩ bliver aldrig lukket: sæt også et ' til sidst i værdien: `x: 'a\x85b'`",
         "the quote ' on line ⟨1⟩ is never closed: put a ' at the end of the value too: `x: 'a\x85b'`"),
    case('ps-tab-indent', 'a: 1\u2029b:\n\t- c\n', 2, 1,
         'der står et tabulatortegn (tab) i indrykningen: ryk ind med mellemrum i stedet, fx to mellemrum pr. niveau',
         'there is a tab in the indentation: indent with spaces instead, e.g. two spaces per level'),
]


def lines_shifted(message, offset):
    return re.sub(r"⟨(\d+)⟩", lambda m: str(int(m[1]) + offset), message)


@pytest.mark.parametrize(("text", "line", "column", "da", "en"), SYNTAX)
@pytest.mark.parametrize("offset", [0, 7])
def test_a_syntax_error_is_located_and_explained(text, line, column, da, en, offset):
    for lang, message in (("da", da), ("en", en)):
        with messages_for(lang):
            parsed = parse_yaml(text, offset)
        assert parsed.problems == [(line + offset, column, "yaml-syntax", lines_shifted(message, offset))]
        assert (parsed.data, parsed.positions) == (None, {})


def test_a_syntax_error_in_the_fast_path_is_located_the_same():
    parsed = parse_yaml("a: b\nc\nd: e\n", 1, positions=False)
    assert parsed.problems == [
        (4, 1, "yaml-syntax", "linje 3 (`c`) er hverken et felt (`navn: værdi`) eller et punkt i en liste (`- …`): skriv fx `c: …`;"
         " er det fortsættelsen af teksten i linjen over, så ryk den længere ind end feltets navn")
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("\x01", 1, 1, 0x01),
        ("a: b\nc: d\ne: f\x01g\n", 3, 5, 0x01),
        ("æøå: b\nc: d\x01e\n", 2, 5, 0x01),
        ("navn: Søren\x01\n", 1, 12, 0x01),
        ("a: 😀😀\x7f\n", 1, 6, 0x7F),
        ("a: b\r\nc: d\x7f\r\n", 2, 5, 0x7F),
        ("a: 1\n\x1b", 2, 1, 0x1B),
    ],
    ids=["alone", "line-3", "after-danish-letters", "after-a-danish-name", "after-emoji", "crlf", "at-the-end"],
)
@pytest.mark.parametrize("offset", [0, 2])
def test_a_control_character_is_named_and_located(text, line, column, code, offset):
    parsed = parse_yaml(text, offset)
    assert parsed.problems == [
        (line + offset, column, "yaml-syntax", f"tegnet U+{code:04X} er et usynligt styretegn, som ikke må stå i en post: slet det"
         " (det kommer ofte med, når tekst kopieres fra et andet program)")
    ]
    assert parsed.data is None


def test_a_recursion_error_while_parsing_becomes_a_too_deep_problem(monkeypatch):
    class Exhausted(yamldialect._Loader):
        def get_single_node(self):
            raise RecursionError

    monkeypatch.setattr(yamldialect, "_Loader", Exhausted)
    parsed = parse_yaml("a: b\n", 3)
    assert parsed.problems == [(4, 1, "too-deep", "værdierne ligger i for mange niveauer inden i hinanden")]
    assert (parsed.data, parsed.positions) == (None, {})
