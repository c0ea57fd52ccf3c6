"""query/jsontext.py writes exactly what json.dumps(value, ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import generate
from ensomhed_cli.api import load
from ensomhed_cli.query.jsontext import dumps_indented
from ensomhed_cli.query.record_tables import _list_rows


def stdlib(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x40)),  # control characters, quotes, backslashes
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.tuples(inner, inner), st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=40,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(VALUES)
def test_any_value_is_written_as_the_standard_library_writes_it(value):
    assert dumps_indented(value) == stdlib(value)


def test_what_the_standard_library_writes_its_own_way_is_left_to_it():
    """Keys that are not text, subclasses of the plain types, and the special floats."""

    class Text(str):
        pass

    for value in ({1: "a", None: 2, 1.5: 3, False: 4}, {"a": Text("x")}, [Text("y")], {"a": [math.nan, math.inf, -math.inf, -0.0]}, True, 0):
        assert dumps_indented(value) == stdlib(value)


def test_every_list_row_of_a_repository_is_the_standard_library_text(tmp_path):
    repo, _ = load(generate(tmp_path / "gen", 120, seed=5))
    rows = [row for record in repo.records for row in _list_rows(record)]
    assert len(rows) > 200
    for row in rows:
        text = row[4]
        assert json.loads(text) is not None
        assert text == "  " + stdlib(json.loads(text)).replace("\n", "\n  ")
