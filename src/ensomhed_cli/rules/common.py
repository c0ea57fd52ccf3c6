"""Helpers shared by the rule modules."""

from __future__ import annotations

import datetime as dt

from ensomhed_cli.diagnostics import ERROR, Diagnostic
from ensomhed_cli.schema import Record


def at(record: Record, loc: tuple, code: str, message: str, *, severity: str = ERROR, at: str = "value") -> Diagnostic:
    """A diagnostic at a value (or its key) inside a record."""
    return record.locator.diagnostic(loc, code, message, severity=severity, at=at, record_id=record.id)


def hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")
