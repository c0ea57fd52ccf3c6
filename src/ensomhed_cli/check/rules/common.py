"""Helpers shared by the rule modules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ensomhed_cli.diagnostics import ERROR, Diagnostic

if TYPE_CHECKING:  # the rules across records run without the schema being imported
    from ensomhed_cli.format.schema import Record


@dataclass
class Context:
    """What rules may know besides the record: the settings, where the repository is, and
    the day it is checked on (a held meeting is not in the future)."""

    root: Path
    config: Any = None  # config.Config; None where no rule needs it (across records)
    today: dt.date = field(default_factory=dt.date.today)
    _lang: str | None = field(default=None, repr=False)

    @property
    def lang(self) -> str:
        """The language of the messages: --lang where given, else the settings' `language`,
        Danish unless it says en. Where the settings were not loaded (a check whose files all
        came from the cache), only that key is read, without the schema."""
        from ensomhed_cli.diagnostics import language_override

        if language_override():
            return language_override()  # type: ignore[return-value]
        if self.config is not None:
            return self.config.language
        if self._lang is None:
            self._lang = settings_language(self.root)
        return self._lang

    def say(self, da: str, en: str) -> str:
        """A message in the repository's language."""
        return en if self.lang == "en" else da


def settings_language(root: Path) -> str:
    from ensomhed_cli.format.source import read_record
    from ensomhed_cli.paths import CONFIG_FILE

    file = root / CONFIG_FILE
    if not file.is_file() or file.is_symlink():  # a broken or odd ensomhed.yaml is reported by load_config
        return "da"
    data = read_record(file, CONFIG_FILE, allow_empty=True).data
    return "en" if isinstance(data, dict) and data.get("language") == "en" else "da"


def at(record: Record, loc: tuple, code: str, message: str, *, severity: str = ERROR, at: str = "value") -> Diagnostic:
    """A diagnostic at a value (or its key) inside a record."""
    return record.locator.diagnostic(loc, code, message, severity=severity, at=at, record_id=record.id)


def hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")
