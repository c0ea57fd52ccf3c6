"""The rules of the record format that span fields and records.

Each rule is a plain function `check_x(repo) -> iterable of Diagnostic`, listed in
RULES in the order they run. Adding a rule is adding a function and a test for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ensomhed_cli.diagnostics import Diagnostic
from ensomhed_cli.repository import Repository
from ensomhed_cli.rules.meetings import (
    check_attachments,
    check_items,
    check_meeting_people,
    check_meeting_status,
    check_meeting_times,
)
from ensomhed_cli.rules.plans import check_bodies, check_initiatives, check_plans
from ensomhed_cli.rules.references import check_goal_references, check_references, check_unique_ids

Rule = Callable[[Repository], Iterable[Diagnostic]]

RULES: list[Rule] = [
    check_unique_ids,
    check_references,
    check_goal_references,
    check_bodies,
    check_meeting_times,
    check_meeting_people,
    check_meeting_status,
    check_items,
    check_attachments,
    check_plans,
    check_initiatives,
]


def run_rules(repo: Repository) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in RULES:
        out.extend(rule(repo))
    return out
