"""The rules of the record format that span fields and records.

Two kinds of rule, each a plain function:

- RECORD_RULES[kind]: `check_x(record, ctx) -> diagnostics`, the rules within one
  record (times in order, nobody both present and absent, milestones acyclic…);
- ACROSS_RULES: `check_x(index) -> diagnostics`, the rules between records, run on
  their summaries (ids unique, references resolve, attachment files exist).

Adding a rule is adding a function to one of the lists, and a test for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ensomhed_cli.diagnostics import Diagnostic
from ensomhed_cli.rules.across import ACROSS_RULES, Index, run_across_rules
from ensomhed_cli.rules.common import Context
from ensomhed_cli.rules.meetings import (
    check_attachment_fields,
    check_items,
    check_meeting_people,
    check_meeting_status,
    check_meeting_times,
)
from ensomhed_cli.rules.plans import check_body, check_initiative, check_plan
from ensomhed_cli.schema import Record
from ensomhed_cli.summary import Summary

RecordRule = Callable[[Record, Context], Iterable[Diagnostic]]
AcrossRule = Callable[[Index], Iterable[Diagnostic]]

RECORD_RULES: dict[str, list[RecordRule]] = {
    "meeting": [check_meeting_times, check_meeting_people, check_meeting_status, check_items, check_attachment_fields],
    "plan": [check_plan],
    "initiative": [check_initiative],
    "body": [check_body],
    "person": [],
}



def run_record_rules(record: Record, ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in RECORD_RULES[record.kind]:  # type: ignore[attr-defined]
        out.extend(rule(record, ctx))
    return out


__all__ = ["ACROSS_RULES", "RECORD_RULES", "Context", "Index", "run_across_rules", "run_record_rules", "Summary"]
