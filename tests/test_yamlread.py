"""The YAML dialect: text stays text, and nothing in a file can surprise or hurt."""

from ensomhed_cli.yamlread import MAX_ALIAS_VISITS, parse_yaml


def codes(parsed):
    return [p[2] for p in parsed.problems]


def test_scalars_stay_text_and_null_is_none():
    parsed = parse_yaml("start: 14:00\nanswer: NO\nyear: 2020\nflag: yes\nempty:\ntilde: ~\nquoted: 'null'\n")
    assert parsed.problems == []
    assert parsed.data == {
        "start": "14:00",
        "answer": "NO",
        "year": "2020",
        "flag": "yes",
        "empty": None,
        "tilde": None,
        "quoted": "null",
    }


def test_positions_are_kept_per_value_path_with_line_offset():
    text = "title: Ældrerådets møde\nitems:\n  - title: Velkomst\n    start: 14:00\n"
    parsed = parse_yaml(text, line_offset=1)
    assert parsed.positions[("title",)] == (2, 1, 2, 8)
    assert parsed.positions[("items", 0)][2:] == (4, 5)
    assert parsed.positions[("items", 0, "start")] == (5, 5, 5, 12)


def test_columns_count_characters_not_bytes():
    parsed = parse_yaml("a: {æøå: 1, b: 2}\n")
    assert parsed.positions[("a", "b")][:2] == (1, 13)


def test_duplicate_key_is_an_error_at_the_second_key():
    parsed = parse_yaml("title: a\nstatus: held\ntitle: b\n")
    assert parsed.problems[0][:3] == (3, 1, "duplicate-key")
    assert "line 1" in parsed.problems[0][3]


def test_tags_are_refused():
    parsed = parse_yaml("x: !!python/object:os.system echo\ny: !foo bar\n")
    assert codes(parsed) == ["yaml-tag", "yaml-tag"]


def test_alias_bomb_is_bounded():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    parsed = parse_yaml("\n".join(lines) + "\n")
    assert "yaml-alias" in codes(parsed)
    assert str(MAX_ALIAS_VISITS) in parsed.problems[0][3]


def test_small_aliases_are_allowed():
    parsed = parse_yaml("base: &b [anna, bo]\nattendees: *b\n")
    assert parsed.problems == []
    assert parsed.data["attendees"] == ["anna", "bo"]


def test_recursive_alias_is_an_error():
    parsed = parse_yaml("a: &a [*a]\n")
    assert parsed.problems  # libyaml or our builder refuses it; never a hang


def test_deep_flow_nesting_is_refused_before_parsing():
    parsed = parse_yaml("x: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert codes(parsed) == ["too-deep"]


def test_deep_block_nesting_is_refused():
    text = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v\n"
    parsed = parse_yaml(text)
    assert codes(parsed) == ["too-deep"]


def test_syntax_error_is_located_and_explained():
    parsed = parse_yaml("title: Punkt 1: Kvalificering\n", line_offset=1)
    line, col, code, message = parsed.problems[0]
    assert (line, code) == (2, "yaml-syntax")
    assert "quotes" in message


def test_tab_indentation_gets_a_hint():
    parsed = parse_yaml("items:\n\t- title: x\n")
    assert "tabs" in parsed.problems[0][3]


def test_merge_keys_are_refused():
    parsed = parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n")
    assert codes(parsed) == ["yaml-merge"]


def test_complex_keys_are_refused():
    parsed = parse_yaml("? [a, b]\n: c\n")
    assert codes(parsed) == ["yaml-key"]


# Found by the fuzz run (fuzz/FINDINGS.md): libyaml counts NEL, LS and PS as line
# breaks, editors do not, so its line numbers ran past the end of such a file.
def test_yaml_only_line_breaks_do_not_shift_lines():
    parsed = parse_yaml("kind:\u2028 person\n*a", 0)
    [(line, col, code, _)] = parsed.problems
    assert (line, col, code) == (2, 3, "yaml-syntax")
    parsed = parse_yaml("kind: per\x85s", 0)
    assert [(p[0], p[2]) for p in parsed.problems] == [(1, "yaml-syntax")]


def test_positions_after_a_pasted_line_separator_are_the_editors():
    pasted = parse_yaml('name: "Anna\u2028Hansen"\ntitle: konsulent\nitems: [a, b]\n', 4)
    plain = parse_yaml('name: "Anna  Hansen"\ntitle: konsulent\nitems: [a, b]\n', 4)
    assert pasted.problems == []
    assert pasted.positions[("title",)] == plain.positions[("title",)] == (6, 1, 6, 8)
    assert pasted.positions[("items", 1)] == plain.positions[("items", 1)]
