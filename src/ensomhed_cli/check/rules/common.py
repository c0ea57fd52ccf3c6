"""Helpers shared by the rule modules."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ensomhed_cli.diagnostics import ERROR, Diagnostic
from ensomhed_cli.format.danish_words import STATUS_WORDS_DA

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
    """"en" where ensomhed.yaml says `language: en`, else "da"."""
    from ensomhed_cli.paths import CONFIG_FILE

    file = root / CONFIG_FILE
    if not file.is_file() or file.is_symlink():  # a broken or odd ensomhed.yaml is reported by load_config
        return "da"
    quick = _language_as_written(file)
    if quick is not None:
        return quick
    from ensomhed_cli.format.source import read_record

    data = read_record(file, CONFIG_FILE, allow_empty=True).data
    return "en" if isinstance(data, dict) and data.get("language") == "en" else "da"


# A top-level `language: en` as settings write it, quoted or not, a comment after it allowed.
_LANGUAGE_LINE = re.compile(r"""language[ \t]*:[ \t]*(["']?)([A-Za-z_-]*)\1[ \t]*(?:#.*)?""")


def _language_as_written(file: Path) -> str | None:
    """The language of settings that name it once, on a line of its own, or none at all, read
    without YAML: a check from the cache stays light. None where only YAML can tell."""
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if "language" not in text:
        return "da"
    if text.count("language") > 1:
        return None
    for line in text.splitlines():
        found = _LANGUAGE_LINE.fullmatch(line)
        if found:
            return "en" if found[2] == "en" else "da"
    return None


def at(record: Record, loc: tuple, code: str, message: str, *, severity: str = ERROR, at: str = "value") -> Diagnostic:
    """A diagnostic at a value (or its key) inside a record."""
    return record.locator.diagnostic(loc, code, message, severity=severity, at=at, record_id=record.id)


def hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


# --- words of the Danish messages --------------------------------------------------------------

# The Danish word for a value as written, said after it: "`planned` (planlagt)".
VALUE_DA = STATUS_WORDS_DA

# A kind of record in Danish, with its article: ("en", "person"), ("et", "råd/udvalg").
KIND_DA = {
    "person": ("en", "person"),
    "body": ("et", "råd/udvalg"),
    "meeting": ("et", "møde"),
    "plan": ("en", "plan"),
    "initiative": ("en", "indsats"),
}


def value_da(value: object) -> str:
    """A value as written, in backticks, with its Danish word where it has one: "`held` (afholdt)"."""
    word = VALUE_DA.get(str(value))
    return f"`{value}` ({word})" if word else f"`{value}`"


def kind_da(kind: str) -> str:
    """A kind with its Danish article: en person, et råd/udvalg; an unknown kind as it is written."""
    article, noun = KIND_DA.get(kind, ("", kind))
    return f"{article} {noun}".strip()


def kinds_da(kinds: list[str]) -> str:
    """Kinds a reference may name, in Danish: en person eller et råd/udvalg."""
    return " eller ".join(kind_da(k) for k in kinds)


def no_kinds_da(kinds: list[str]) -> str:
    """What is not there, in Danish: ingen person eller noget råd/udvalg; intet møde."""
    out = []
    for n, kind in enumerate(kinds):
        article, noun = KIND_DA.get(kind, ("en", kind))
        neuter = article == "et"
        word = ("intet" if neuter else "ingen") if n == 0 else ("noget" if neuter else "nogen")
        out.append(f"{word} {noun}")
    return " eller ".join(out)
