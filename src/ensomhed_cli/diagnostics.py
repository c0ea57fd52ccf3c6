"""Diagnostics are data: a location, a severity, a code and a message.

Every stage of loading returns its results together with a list of these;
nothing is raised for a problem in a record. Formatting is separate.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from ensomhed_cli.printable import printable


def suggest(word: str, choices: Iterable[str], lang: str = "en") -> str:
    """' (did you mean `x`?)' when a choice is close, else ''; in Danish ' (mente du `x`?)'."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    if not matches:
        return ""
    return f" (mente du `{matches[0]}`?)" if lang == "da" else f" (did you mean `{matches[0]}`?)"


ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    severity: str  # ERROR or WARNING
    code: str  # stable, kebab-case: "unknown-key", "unresolved-ref", …
    message: str
    record_id: str | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.severity != ERROR, self.code, self.message)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by place, duplicates removed (an alias can report one node twice)."""
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


def strict(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """--strict: every warning becomes an error."""
    return [
        Diagnostic(d.path, d.line, d.column, ERROR, d.code, d.message, d.record_id)
        if d.severity == WARNING
        else d
        for d in diagnostics
    ]


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for d in diagnostics:
        if d.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def format_text(d: Diagnostic) -> str:
    """PATH:LINE:COL: SEVERITY: MESSAGE on one line, with record text shown, never obeyed."""
    return f"{printable(d.path, one_line=True)}:{d.line}:{d.column}: {d.severity}: {printable(d.message, one_line=True)}"


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = []
    for d in diagnostics:
        item = asdict(d)
        item.pop("record_id")
        item["record"] = d.record_id
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


def _github_escape(value: str, *, property_value: bool = False) -> str:
    # The escaping GitHub's toolkit applies to workflow command data and properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(d: Diagnostic, prefix: str = "") -> str:
    """A workflow command; `prefix` leads from the git root to the repository root ("sub/")."""
    command = "error" if d.severity == ERROR else "warning"
    props = ",".join(
        [
            f"file={_github_escape(printable(prefix + d.path), property_value=True)}",
            f"line={d.line}",
            f"col={d.column}",
        ]
    )
    return f"::{command} {props}::{_github_escape(printable(d.message))}"


GITLAB_SEVERITY = {ERROR: "major", WARNING: "minor"}


def format_gitlab(diagnostics: Iterable[Diagnostic], prefix: str = "") -> str:
    """A GitLab Code Quality report (a JSON array), paths from the git root.

    The fingerprint is what GitLab compares between the base and the merge request: it
    leaves the line out, so a problem that only moved is not new, and counts equal
    problems in one file, so that each has its own."""
    seen: dict[tuple[str, str, str], int] = {}
    items = []
    for d in diagnostics:
        path = prefix + d.path
        key = (path, d.code, d.message)
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8", "surrogateescape")).hexdigest()
        items.append(
            {
                "description": printable(d.message, one_line=True),
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": GITLAB_SEVERITY.get(d.severity, "info"),
                "location": {"path": printable(path, one_line=True), "lines": {"begin": d.line}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2)
