"""Writing new records and new repositories: `ensomhed new` and `ensomhed init`.

A new record is built from field values, checked exactly as `ensomhed check` would
check it (schema, references, rules) before anything is written, and written
atomically at its conventional path. An existing file is never replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ensomhed_cli.check.references import summarize
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.check.rules.across import run_across_rules
from ensomhed_cli.check.rules.common import Context, kind_da
from ensomhed_cli.check.rules.record import run_record_rules
from ensomhed_cli.diagnostics import ERROR, Diagnostic, say, suggest
from ensomhed_cli.format.config import RECORDS_DIR
from ensomhed_cli.format.fieldtypes import SLUG_RE, slugify
from ensomhed_cli.format.schema import KINDS
from ensomhed_cli.format.source import parse_text
from ensomhed_cli.format.typed import build_record
from ensomhed_cli.fsio import write_atomic

DEFAULTS = {"meeting": {"status": "planned"}, "plan": {"status": "draft"}, "initiative": {"status": "proposed"}}
FOLDERS = {"meeting": "meetings", "plan": "plans", "initiative": "initiatives", "body": "bodies", "person": "people"}
NOT_FROM_OPTIONS = {"kind", "extra", "items", "themes", "goals", "milestones", "members", "absent", "reach", "attachments"}


class AuthoringError(Exception):
    """The arguments cannot make a record (exit 2), or the record would be wrong (exit 1)."""

    def __init__(self, message: str, exit_code: int = 2, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.diagnostics = diagnostics or []


def _is_list(annotation: Any) -> bool:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))
    return typing.get_origin(annotation) is list


def fields_from_options(kind: str, options: list[tuple[str, str]]) -> dict[str, Any]:
    """--field value pairs to a record mapping; lists by repetition or commas, nesting by dots."""
    if kind not in KINDS:
        raise AuthoringError(say(f"ukendt slags `{kind}`; skriv en af {', '.join(KINDS)}{suggest(kind, KINDS)}",
                                 f"unknown kind `{kind}`; expected one of {', '.join(KINDS)}{suggest(kind, KINDS)}"))
    model = KINDS[kind]
    known = {(f.alias or n): f for n, f in model.model_fields.items()}
    data: dict[str, Any] = {}
    for name, value in options:
        key, _, sub = name.partition(".")
        key = key.replace("-", "_")
        if kind == "body" and key in ("member", "members") and not sub:  # --member ID, repeated: bare ids
            data.setdefault("members", []).extend(v.strip() for v in value.split(",") if v.strip())
            continue
        if key not in known or key in NOT_FROM_OPTIONS:
            if key in NOT_FROM_OPTIONS and key in known:
                raise AuthoringError(say(f"--{name}: `{key}` skrives i selve filen; opret posten, og ret den så",
                                         f"--{name}: `{key}` is written in the file itself; create the record, then edit it"))
            options_known = sorted(k for k in known if k not in NOT_FROM_OPTIONS)
            raise AuthoringError(say(f"{kind_da(kind)} har intet felt `{key}`{suggest(key, options_known)}; felterne er: {', '.join(options_known)}",
                                     f"a {kind} has no field `{key}`{suggest(key, options_known)}; fields: {', '.join(options_known)}"))
        if sub:
            nested = data.setdefault(key, {})
            if not isinstance(nested, dict):
                raise AuthoringError(say(f"--{name}: `{key}` er givet både hel og i dele", f"--{name}: `{key}` is given both whole and in parts"))
            nested[sub] = value
        elif _is_list(known[key].annotation):
            data.setdefault(key, []).extend(v.strip() for v in value.split(",") if v.strip())
        else:
            if key in data:
                raise AuthoringError(say(f"--{name} er givet to gange", f"--{name} is given twice"))
            data[key] = value
    for key, value in DEFAULTS.get(kind, {}).items():
        data.setdefault(key, value)
    return data


# --- a small YAML writer: plain where safe, JSON-quoted otherwise -------------------------

_PLAIN = re.compile(r"[A-Za-z0-9ÆØÅæøåÉéÜüÖöÄä(][^:#\n\"'{}\[\],&*!|>%@`]*")


_TIME = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")


def _scalar(value: Any) -> str:
    text = str(value)
    if _TIME.fullmatch(text):
        return text  # ensomhed reads 14:00 as the time, and YAML 1.2 as text
    if _PLAIN.fullmatch(text) and text == text.strip() and not text.endswith(":"):
        return text
    return json.dumps(text, ensure_ascii=False)


def to_yaml(data: dict[str, Any], indent: int = 0) -> str:
    pad = " " * indent
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.append(to_yaml(value, indent + 2).rstrip("\n"))
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{pad}{key}: |" + ("" if value.endswith("\n") else "-"))
            lines.extend(f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n"))
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


@dataclass
class NewRecord:
    path: Path
    rel: str
    text: str
    record_id: str
    warnings: list[Diagnostic] = field(default_factory=list)


def plan_record(repo: Repository, kind: str, data: dict[str, Any], body: str | None = None) -> NewRecord:
    """Build, place and check a new record; nothing is written here."""
    data = {"kind": kind, **data}
    record_id = data.pop("id", None)
    if record_id is None:
        record_id = _default_id(kind, data)
    if not record_id:
        raise AuthoringError(say(f"kan ikke lave et id til den nye {kind}; giv --id", f"cannot make an id for the new {kind}; give --id"))
    # The id names the file: it must be a slug before any path is made of it.
    if not SLUG_RE.fullmatch(record_id):
        example = slugify(record_id) or "anna-hansen"
        raise AuthoringError(
            say(
                f"--id {record_id!r} er ikke et gyldigt id: små bogstaver a-z, tal og bindestreger, begyndende med et bogstav eller tal (fx `{example}`)",
                f"--id {record_id!r} is not a valid id: lower-case letters, digits and hyphens, starting with a letter or digit (for example `{example}`)",
            )
        )
    rel = _conventional_path(kind, record_id, data)
    # The file is named after the id, so the id need not be written; fields in schema order.
    order = list(KINDS[kind].model_fields)
    data = dict(sorted(data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
    if rel.endswith(".md"):
        text = "---\n" + to_yaml(data) + "---\n" + (f"{body.strip()}\n" if body and body.strip() else "")
    else:
        if body and body.strip():
            data["description"] = body.strip() + "\n"
        text = to_yaml(data)
    doc = parse_text(text, rel)
    record, problems = build_record(doc)
    problems = doc.diagnostics + problems
    if record is None or any(p.severity == ERROR for p in problems):
        raise AuthoringError(_explain(problems, say("den nye post ville ikke være gyldig", "the new record would not be valid")), 2, problems)
    if record_id in repo.by_id or record_id in repo.invalid:
        raise AuthoringError(say(f"id'et `{record_id}` er allerede brugt; giv et andet med --id", f"the id `{record_id}` is already used; give another with --id"), 1)
    ctx = Context(repo.root, repo.config)
    summaries = [*repo.summaries, summarize(record, has_id_key=False)]
    mine = run_record_rules(record, ctx) + [d for d in run_across_rules(summaries, ctx) if d.path == rel]
    errors = [d for d in mine if d.severity == ERROR]
    if errors:
        raise AuthoringError(_explain(errors, say("den nye post passer ikke med de andre poster", "the new record does not fit the repository")), 1, errors)
    path = repo.root / Path(*Path(rel).parts)
    return NewRecord(path, rel, text, record_id, [d for d in mine if d.severity != ERROR])


def _explain(problems: Iterable[Diagnostic], lead: str) -> str:
    details = "; ".join(p.message for p in problems)
    return f"{lead}: {details}"


def _default_id(kind: str, data: dict[str, Any]) -> str:
    if kind == "meeting":
        date = str(data.get("date") or "")
        return slugify(f"{date}-{data.get('body') or data.get('title') or ''}")
    # A person's `title` is their job ("konsulent"): the name says who it is.
    return slugify(str(data.get("name") or data.get("title") or ""))


def _conventional_path(kind: str, record_id: str, data: dict[str, Any]) -> str:
    folder = f"{RECORDS_DIR}/{FOLDERS[kind]}"
    if kind == "meeting":
        match = re.match(r"(\d{4})-\d{2}-\d{2}$", str(data.get("date") or ""))
        year = match.group(1) if match else str(dt.date.today().year)
        folder += f"/{year}"
    suffix = ".yaml" if kind == "person" else ".md"
    return f"{folder}/{record_id}{suffix}"


def write_record(new: NewRecord, root: Path) -> None:
    """Write the new record; an existing file is an error and stays untouched."""
    write_atomic(new.path, new.text, exclusive=True, within=root)



def option_fields(kind: str) -> list[tuple[str, bool, str | None]]:
    """(field, required, default) of each field `new` takes as --FIELD for a kind, in schema
    order, required ones first; a required field with a default need not be given."""
    model = KINDS[kind]
    fields = [(f.alias or n, f.is_required()) for n, f in model.model_fields.items() if (f.alias or n) not in NOT_FROM_OPTIONS]
    if kind == "body":
        fields.append(("member", False))  # --member ID, repeated: the body's members
    defaults = DEFAULTS.get(kind, {})
    found = [(name, required and name not in defaults, defaults.get(name)) for name, required in fields]
    return sorted(found, key=lambda entry: not entry[1])


def fields_help(width: int = 76) -> str:
    """The fields of every kind, as `new --help` lists them (cli/commands/new.py keeps a copy,
    so that help does not load the schema; a test holds the two equal)."""
    import textwrap

    lines = ["Fields of each kind (* must be given, = the default):", ""]
    for kind in FOLDERS:
        words = [f"*{name}" if required else (f"{name}={default}" if default else name) for name, required, default in option_fields(kind)]
        lines += textwrap.wrap(" ".join(words), width, initial_indent=f"  {kind:<12}", subsequent_indent=" " * 14, break_on_hyphens=False)
    return "\n".join(lines)
