"""From a parsed mapping to a typed record, with schema errors as located diagnostics."""

from __future__ import annotations

import re
import types
import typing
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ensomhed_cli.diagnostics import Diagnostic, suggest
from ensomhed_cli.format.fieldtypes import REQUIRED_PATTERN, SLUG_RE, shape, slugify
from ensomhed_cli.format.schema import KINDS, Record
from ensomhed_cli.format.source import Locator, SourceDoc


def build_record(doc: SourceDoc) -> tuple[Record | None, list[Diagnostic]]:
    """Validate a parsed file against its kind's schema."""
    record, _, diagnostics = build_record_or_partial(doc, partial=False)
    return record, diagnostics


def build_record_or_partial(doc: SourceDoc, *, partial: bool = True) -> tuple[Record | None, Any, list[Diagnostic]]:
    """(record, None, problems) for a valid record; (None, what can still be judged of it
    (format/partial.py) or None, problems) for one that failed the schema."""
    values, model, diagnostics = _prepared(doc)
    if values is None or model is None:
        return None, None, diagnostics
    loc = doc.locator
    try:
        record = model.model_validate(values)
    except ValidationError as exc:
        record_id = values["id"] if isinstance(values["id"], str) else None
        diagnostics.extend(translate_errors(exc, model, loc, record_id))
        if not partial:
            return None, None, diagnostics
        from ensomhed_cli.format.partial import build_partial

        return None, build_partial(values, model, loc), diagnostics
    record._path = doc.path
    record._locator = loc
    for i, item in enumerate(getattr(record, "items", None) or []):
        if item.number is None:
            item.number = i + 1
    return record, None, diagnostics


def _prepared(doc: SourceDoc) -> tuple[dict | None, type[Record] | None, list[Diagnostic]]:
    """The mapping to validate (its id and description filled in) and its kind's class, or
    the problems that stop it from being validated at all."""
    data, loc = doc.data, doc.locator
    if data is None:
        return None, None, []
    kind = data.get("kind")
    if kind is None:
        where = ("kind",) if "kind" in data else ()
        message = f"missing `kind`: say what this record is ({', '.join(KINDS)})"
        return None, None, [loc.diagnostic(where, "missing-field", message, at="key")]
    if not isinstance(kind, str) or kind not in KINDS:
        if not isinstance(kind, str):
            message = f"`kind` must be one of {', '.join(KINDS)}, not a list or mapping"
            return None, None, [loc.diagnostic(("kind",), "invalid-value", message)]
        message = f"unknown kind `{kind}`; expected one of {', '.join(KINDS)}{suggest(kind, KINDS)}"
        return None, None, [loc.diagnostic(("kind",), "invalid-value", message)]
    diagnostics: list[Diagnostic] = []
    values = dict(data)
    if doc.body is not None and doc.body.strip():
        if values.get("description") is not None:
            diagnostics.append(
                loc.diagnostic(
                    ("description",),
                    "duplicate-description",
                    "`description` is given in the front matter and as the Markdown body; keep one",
                    at="key",
                )
            )
        else:
            values["description"] = doc.body.strip("\n")
    if values.get("id") is None:
        stem = PurePosixPath(doc.path).stem
        if not SLUG_RE.fullmatch(stem):
            message = (
                f"the file name `{stem}` is not a valid id; add `id: {slugify(stem) or 'mit-id'}`"
                " or rename the file (lower-case a-z, digits and hyphens)"
            )
            diagnostics.append(loc.diagnostic((), "invalid-id", message, at="key"))
            return None, None, diagnostics
        values["id"] = stem
    return values, KINDS[kind], diagnostics


# --- pydantic errors in the words of the record format -----------------------------------


def translate_errors(exc: ValidationError, model: type[BaseModel], loc: Locator, record_id: str | None) -> list[Diagnostic]:
    out = []
    for err in exc.errors(include_url=False):
        path = tuple(err["loc"])
        code, message, at = _message(err, model, path)
        out.append(loc.diagnostic(path, code, message, at=at, record_id=record_id))
    return out


def _field_name(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return "record"
    name = names[-1]
    if path and isinstance(path[-1], int):
        return f"`{name}` item {path[-1] + 1}"
    return f"`{name}`"


def _message(err: dict, model: type[BaseModel], path: tuple) -> tuple[str, str, str]:
    kind = err["type"]
    field = _field_name(path)
    value = err.get("input")
    if kind == "missing":
        return "missing-field", f"missing required field {field}", "value"
    if kind == "extra_forbidden":
        name = str(path[-1])
        owner = model_at(model, path[:-1])
        known = _field_names(owner) if owner else []
        hint = suggest(name, known)
        if not hint and known:
            hint = f"; known keys here: {', '.join(known)}"
        return "unknown-key", f"unknown key `{name}`{hint}", "key"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        if value is None:
            return "missing-field", f"{field} has no value; expected one of {', '.join(options)}", "value"
        return (
            "invalid-value",
            f"{field} must be one of {', '.join(options)}, not {shape(value)}{suggest(value, options)}",
            "value",
        )
    if kind == "list_type":
        hint = ""
        entry = model_at(model, path)
        if isinstance(value, str) and _takes_as_entry(model, path, value):
            hint = f"; write a list, e.g. `[{value}]` or one `- {value}` line per entry"
        elif entry is not None:  # a list of mappings, where `[value]` would be wrong in turn
            hint = f"; write one `- {{{_example_keys(entry)}}}` line per entry"
        return "invalid-type", f"{field} must be a list, not {shape(value)}{hint}", "value"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "invalid-type", f"{field} must be a mapping of `key: value` lines, not {shape(value)}", "value"
    if kind == "empty":
        return "missing-field", f"{field} must not be empty", "value"
    if kind == "string_type":
        if value is None:
            return "missing-field", f"{field} has no value", "value"
        return "invalid-value", f"{field}: expected text, got {shape(value)}", "value"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern")
        if pattern == REQUIRED_PATTERN:
            return "missing-field", f"{field} must not be empty", "value"
        return (
            "invalid-value",
            f"{field}: `{value}` is not a valid id: use lower-case letters a-z, digits and hyphens, e.g. `{slugify(str(value)) or 'mit-id'}`",
            "value",
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if value is None:
            return "missing-field", f"{field} has no value", "value"
        return "invalid-value", f"{field}: expected a whole number, got {shape(value)}", "value"
    if kind in ("text", "date", "time", "int", "number", "bool", "slug", "goal-ref", "email", "url"):
        if value is None:
            return "missing-field", f"{field} has no value", "value"
        return "invalid-value", f"{field}: {err['msg']}", "value"
    return "invalid-value", f"{field}: {err['msg']}", "value"


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _unwrap(annotation: Any) -> Any:
    """The model class inside Annotated/Optional/list annotations, if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _takes_as_entry(model: type[BaseModel], path: tuple, value: str) -> bool:
    """Whether `[value]` is what the list field at `path` accepts (a person's id is a
    `{person: id}` entry), so the hint may say so."""
    owner = model_at(model, path[:-1]) if path and isinstance(path[-1], str) else None
    field = owner.model_fields.get(path[-1]) if owner else None
    if field is None:
        field = next((f for f in (owner.model_fields.values() if owner else ()) if f.alias == path[-1]), None)
    if field is None:
        return True  # as before: a list of text is the common case
    try:
        TypeAdapter(typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation).validate_python([value])
    except ValidationError:
        return False
    return True


def _example_keys(model: type[BaseModel]) -> str:
    """"amount: …" for a list of budget lines: the required keys, or the first key."""
    keys = [f.alias or n for n, f in model.model_fields.items() if f.is_required()] or [
        next(f.alias or n for n, f in model.model_fields.items())
    ]
    return ", ".join(f"{key}: …" for key in keys)


def model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` inside `model`."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        fields = {(f.alias or n): f for n, f in current.model_fields.items()}
        if part not in fields:
            return None
        current = _unwrap(fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None
