"""No input breaks the loader: mutated records give a clean result or located errors."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ensomhed_cli.format.source import decode, parse_text
from ensomhed_cli.format.typed import build_record
from test_good_records import FULL_MEETING

YAML_BITS = [": ", "\n", "- ", "  ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "? ", "---\n", "...\n",
             "'", '"', "|\n", ">\n", "#", "\t", "<<<<<<< HEAD\n", "=======\n", ">>>>>>> x\n", "\x00", "\ufeff",
             "14:00", "NO", "~", "99999999999999999999999999", "1e400", "kind: meeting\n", "items:\n"]


def _located(doc_path, diagnostics, text):
    lines = text.count("\n") + 2
    assert diagnostics, "nothing to check: the caller asserts only where there are diagnostics"
    for d in diagnostics:
        assert d.path == doc_path
        assert 1 <= d.line <= lines and d.column >= 1, d
        assert d.severity in ("error", "warning") and d.message


def _run(text: str, path: str = "records/x.md"):
    """A record, or located errors that say why there is none: never neither."""
    doc = parse_text(text, path)
    record, built = build_record(doc)
    diagnostics = doc.diagnostics + built
    errors = [d for d in diagnostics if d.severity == "error"]
    if record is None:
        assert errors, "no record was built, so there must be an error saying why"
    if diagnostics:
        _located(path, diagnostics, text)
    return record, diagnostics


mutations = st.one_of(
    st.tuples(st.just("truncate"), st.integers(0, len(FULL_MEETING))),
    st.tuples(st.just("insert"), st.integers(0, len(FULL_MEETING)), st.sampled_from(YAML_BITS)),
    st.tuples(st.just("delete"), st.integers(0, len(FULL_MEETING)), st.integers(1, 40)),
    st.tuples(st.just("splice"), st.integers(0, len(FULL_MEETING)), st.integers(0, len(FULL_MEETING))),
)


def _mutate(text: str, ops) -> str:
    for op in ops:
        if op[0] == "truncate":
            text = text[: op[1]]
        elif op[0] == "insert":
            text = text[: op[1]] + op[2] + text[op[1] :]
        elif op[0] == "delete":
            text = text[: op[1]] + text[op[1] + op[2] :]
        else:
            a, b = sorted(op[1:])
            text = text[:a] + text[b:] + text[a:b]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations, min_size=1, max_size=6))
def test_mutated_meeting_never_raises(ops):
    _run(_mutate(FULL_MEETING, ops))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(YAML_BITS + list("abc:-_ 0129\n")), max_size=120).map("".join))
def test_yaml_shaped_noise_never_raises(text):
    _run(text, "records/x.yaml")
    _run("---\n" + text + "\n---\n", "records/x.md")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw):
    text, problems = decode(raw, "records/x.yaml")
    if text is None:
        assert problems and problems[0].code == "encoding"
    else:
        _run(text, "records/x.yaml")


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.one_of(st.none(), st.text(max_size=5)), lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3), max_leaves=20))
def test_any_mapping_shape_becomes_diagnostics(value):
    import yaml

    for kind in ("meeting", "plan", value):
        text = yaml.safe_dump({"kind": kind, "items": value, "goals": value, "id": value, "date": value}, allow_unicode=True)
        record, diagnostics = _run(text, "records/x.yaml")
        # A meeting without body and status, a plan without title: never a valid record.
        assert record is None and diagnostics


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations, min_size=1, max_size=6))
def test_a_mutated_meeting_is_judged_in_part_without_raising(ops):
    """The whole per-file pipeline, the rules on what the schema accepted of a broken record
    included (format/partial.py): never an exception, every problem at a place in the file."""
    from pathlib import Path

    from ensomhed_cli.check.loader import process_text
    from ensomhed_cli.check.rules.common import Context
    from ensomhed_cli.format.config import Config

    text = _mutate(FULL_MEETING, ops)
    result = process_text(text, "records/x.md", Context(Path("/nonexistent"), Config()))
    if result.diagnostics:
        _located("records/x.md", result.diagnostics, text)
    if result.record is None:
        assert any(d.severity == "error" for d in result.diagnostics)
    if result.summary is not None and result.summary.facts:
        for loc, _ in result.summary.facts.get("voters", []):
            assert loc.startswith("items.")
