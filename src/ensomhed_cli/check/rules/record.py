"""The rules within one record, by kind: each `check_x(record, ctx) -> diagnostics`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
from ensomhed_cli.check.rules.plans import check_body, check_initiative, check_plan
from ensomhed_cli.diagnostics import Diagnostic
from ensomhed_cli.format.schema import Record

RecordRule = Callable[[Record, Context], Iterable[Diagnostic]]

RECORD_RULES: dict[str, list[RecordRule]] = {
    "meeting": [check_meeting_times, check_meeting_people, check_meeting_status, check_record_dates, check_items, check_item_status, check_decisions_minuted, check_attachment_fields,
                check_attendance, check_item_participation, check_outcome_fields],
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
