"""The rule for references takes a fast path (a set of the ids each set of kinds may name);
it must say exactly what a reference-by-reference walk says, on any repository."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ensomhed_cli.check.record_summary import Summary, kind_in
from ensomhed_cli.check.rules.across import Index, check_references
from ensomhed_cli.check.rules.common import Context

KINDS = ["person", "body", "meeting", "plan"]
REF_KINDS = ["person", "body", "person|body", "plan", "meeting"]
IDS = ["a", "b", "c", "d", "e"]


class PlainIndex(Index):
    """An index that reports a problem as plain data instead of reading the file for its place."""

    def reference_place(self, s, kinds, n):
        return (kinds, n)

    def at(self, s, loc, code, message, **_):
        return (s.path, loc, code, message)


def walked(index: PlainIndex) -> list:
    """The rule as a plain walk over every reference: the oracle."""
    out = []
    for s in index.summaries:
        for kinds, ids in (s.refs or {}).items():
            for n, ref in enumerate(ids):
                target = index.by_id.get(ref)
                if target is not None and kind_in(target.kind, kinds):
                    continue
                if target is None and kind_in(index.invalid.get(ref), kinds):
                    continue
                code = "unresolved-ref" if target is None else "wrong-kind-ref"
                out.append((s.path, (kinds, n), code, ref))
    return out


summaries = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.sampled_from(IDS),
        st.booleans(),
        st.dictionaries(
            st.sampled_from(REF_KINDS), st.lists(st.sampled_from(IDS), max_size=4), max_size=3
        ),
    ),
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(summaries)
def test_the_fast_path_says_what_the_walk_says(rows):
    made = [
        Summary(f"records/r{n}.md", kind, rid, valid, True, refs=refs)
        for n, (kind, rid, valid, refs) in enumerate(rows)
    ]
    index = PlainIndex(made, Context(Path(".")))
    found = [
        (path, loc, code, message.split("`")[1])
        for path, loc, code, message in check_references(index)
    ]
    assert found == walked(index)


def test_an_id_of_two_kinds_resolves_to_its_first_record_only():
    # `x` is a person first and a body after: a reference to a body named x is to a person
    made = [
        Summary("records/a.md", "person", "x", True, True),
        Summary("records/b.md", "body", "x", True, True),
        Summary("records/c.md", "meeting", "m", True, True, refs={"body": ["x"], "person": ["x"]}),
    ]
    found = list(check_references(PlainIndex(made, Context(Path(".")))))
    assert [(code, loc) for _, loc, code, _ in found] == [("wrong-kind-ref", ("body", 0))]
