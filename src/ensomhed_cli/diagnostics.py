"""Diagnostics are data: a location, a severity, a code and a message.

Every stage of loading returns its results together with a list of these;
nothing is raised for a problem in a record. Formatting is separate.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass

from ensomhed_cli.printable import printable

# --- the language of the messages ----------------------------------------------------------
# Danish unless the repository's settings say `language: en`; `--lang` overrides it for the
# whole command (a process-wide setting: one command per process, set anew by each run).
# Loading a repository says its language for as long as it loads (messages_for), so the
# library speaks the repository's language without the CLI; the rules' Context does too.

_override: str | None = None
_current: ContextVar[str] = ContextVar("ensomhed_message_lang", default="da")


def set_language_override(lang: str | None) -> None:
    """--lang: every message of this command in `lang` (None: the repository's own)."""
    global _override
    _override = lang if lang in ("da", "en") else None


def language_override() -> str | None:
    return _override


def set_repository_language(lang: str) -> None:
    """A command's repository found: its language for the rest of the command (the CLI; the
    app's callback sets Danish again at the start of each command)."""
    _current.set("en" if lang == "en" else "da")


def message_lang() -> str:
    """"da" or "en": the language messages are written in now."""
    return _override or _current.get()


@contextmanager
def messages_for(lang: str) -> Iterator[None]:
    """The repository's language for the messages made inside the block (unless overridden)."""
    token = _current.set("en" if lang == "en" else "da")
    try:
        yield
    finally:
        _current.reset(token)


def say(da: str, en: str) -> str:
    """A message in the language of the messages now: Danish, or English."""
    return en if message_lang() == "en" else da


_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae", " ": "-"})
_PARTS = re.compile(r"[-_#. ]+")


def nearest(word: str, choices: Iterable[str], *, labels: Mapping[str, str] | None = None, n: int = 3, spellings: int = 1) -> list[str]:
    """The choices nearest a word that is none of them, best first, at most n.

    An id is written from a name, so a secretary types part of it: a choice one of whose
    parts is the word (`ole` → `ole-frimer`, `frimer` → `ole-frimer`, `jørgen` →
    `jorgen-bjorn`), or whose label (a person's name) has it as a word, comes first; then
    the closest spellings, `spellings` of them (`atendees` → `attendees`). Case is ignored."""
    typed = str(word).strip().casefold()
    folded = typed.translate(_FOLD)
    if not typed:
        return []
    choices = list(dict.fromkeys(str(c) for c in choices))
    def close(c: str) -> float:
        return difflib.SequenceMatcher(None, folded, c.casefold()).ratio()

    parts = [c for c in choices if folded in _PARTS.split(c.casefold()) or c.casefold().startswith(folded + "-")]
    for choice, label in (labels or {}).items():
        words = _PARTS.split(str(label).casefold().translate(_FOLD))
        if choice in choices and choice not in parts and (folded in words or str(label).casefold().translate(_FOLD) == folded):
            parts.append(choice)
    by_case = {c.casefold(): c for c in choices}
    spelled = [by_case[m] for m in difflib.get_close_matches(typed, list(by_case), n=spellings, cutoff=0.6)]
    spelled += [by_case[m] for m in difflib.get_close_matches(folded, list(by_case), n=spellings, cutoff=0.6)]
    return list(dict.fromkeys(sorted(parts, key=close, reverse=True) + spelled))[:n]


def suggest(word: str, choices: Iterable[str], lang: str | None = None, *, labels: Mapping[str, str] | None = None) -> str:
    """' (did you mean `x`?)' when a choice is near (nearest), else ''; in Danish ' (mente du
    `x`?)'; several: ' (mente du `x`, `y` eller `z`?)'."""
    return did_you_mean(nearest(word, choices, labels=labels), lang)


def did_you_mean(found: list[str], lang: str | None = None) -> str:
    """The nearest ids as suggest words them, in `lang` (default: the messages'); '' for none."""
    if not found:
        return ""
    lang = lang or message_lang()
    quoted = [f"`{f}`" for f in found]
    if lang == "da":
        listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} eller {quoted[-1]}"
        return f" (mente du {listed}?)"
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f" (did you mean {listed}?)"


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
