"""Helpers shared by the rule modules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ensomhed_cli.diagnostics import ERROR, Diagnostic

if TYPE_CHECKING:  # the rules across records run without the schema being imported
    from ensomhed_cli.format.schema import Record


@dataclass
class Context:
    """What rules may know besides the record: the settings and where the repository is."""

    root: Path
    config: Any = None  # config.Config; None where no rule needs it (across records)


def at(record: Record, loc: tuple, code: str, message: str, *, severity: str = ERROR, at: str = "value") -> Diagnostic:
    """A diagnostic at a value (or its key) inside a record."""
    return record.locator.diagnostic(loc, code, message, severity=severity, at=at, record_id=record.id)


def hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")
