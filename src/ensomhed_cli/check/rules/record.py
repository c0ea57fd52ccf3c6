"""The rules within one record, by kind: each `check_x(record, ctx) -> diagnostics`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
from ensomhed_cli.format.schema import Record
from ensomhed_cli.format.source import SourceDoc

RecordRule = Callable[[Record, Context], Iterable[Diagnostic]]

RECORD_RULES: dict[str, list[RecordRule]] = {
    "meeting": [check_meeting_times, check_meeting_people, check_meeting_status, check_record_dates, check_items, check_item_status, check_decisions_minuted, check_public_decision, check_attachment_fields,
                check_attendance, check_item_participation, check_outcome_fields],
    "plan": [check_plan],
    "initiative": [check_initiative],
    "body": [check_body],
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
    out: list[Diagnostic] = []
    for rule in RECORD_RULES[record.kind]:  # type: ignore[attr-defined]
        out.extend(rule(record, ctx))
    return out
