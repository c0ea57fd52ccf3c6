"""The rules within one record, by kind: each `check_x(record, ctx) -> diagnostics`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from ensomhed_cli.check.rules.closed_parts import check_closed_fences, check_public_decision
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.meetings import (
    check_attachment_fields,
    check_decisions_minuted,
    check_item_status,
    check_items,
    check_meeting_people,
    check_meeting_status,
    check_meeting_times,
    check_record_dates,
)
from ensomhed_cli.check.rules.minutes import (
    check_attendance,
    check_item_participation,
    check_outcome_fields,
)
from ensomhed_cli.check.rules.personal_data import check_personal_data
from ensomhed_cli.check.rules.plans import check_body, check_initiative, check_plan
from ensomhed_cli.diagnostics import Diagnostic
from ensomhed_cli.format.schema import Body, Initiative, Meeting, Plan, Record
from ensomhed_cli.format.source import SourceDoc

_R = TypeVar("_R", bound=Record)
# The rules of one kind of record, each taking a record of that kind.
Rules = Sequence[Callable[[_R, Context], Iterable[Diagnostic]]]

MEETING_RULES: Rules[Meeting] = [
    check_meeting_times, check_meeting_people, check_meeting_status, check_record_dates, check_items, check_item_status, check_decisions_minuted, check_public_decision, check_attachment_fields,
    check_attendance, check_item_participation, check_outcome_fields,
]
PLAN_RULES: Rules[Plan] = [check_plan]
INITIATIVE_RULES: Rules[Initiative] = [check_initiative]
BODY_RULES: Rules[Body] = [check_body]
# Every kind's rules, by kind; run_record_rules picks the list by the record's class, which its kind names.
RECORD_RULES: dict[str, Rules[Any]] = {
    "meeting": MEETING_RULES,
    "plan": PLAN_RULES,
    "initiative": INITIATIVE_RULES,
    "body": BODY_RULES,
    "person": [],
}


# The rules of a record as written (its parsed mapping and Markdown body, not the typed
# record): they judge a record with schema errors too. Each `check_x(doc, ctx) -> diagnostics`.
TEXT_RULES: list[Callable[[SourceDoc, Context], list[Diagnostic]]] = [check_personal_data, check_closed_fences]


def run_text_rules(doc: SourceDoc, ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in TEXT_RULES:
        out.extend(rule(doc, ctx))
    return out


def run_record_rules(record: Record, ctx: Context) -> list[Diagnostic]:
    """RECORD_RULES of the record's kind, in order."""
    if isinstance(record, Meeting):
        return _run(MEETING_RULES, record, ctx)
    if isinstance(record, Plan):
        return _run(PLAN_RULES, record, ctx)
    if isinstance(record, Initiative):
        return _run(INITIATIVE_RULES, record, ctx)
    if isinstance(record, Body):
        return _run(BODY_RULES, record, ctx)
    return []  # a person: no rules within it


def _run(rules: Rules[_R], record: _R, ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in rules:
        out.extend(rule(record, ctx))
    return out
