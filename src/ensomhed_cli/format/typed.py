"""From a parsed mapping to a typed record, with schema errors as located diagnostics."""

from __future__ import annotations

import re
import types
import typing
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ensomhed_cli.diagnostics import Diagnostic, say, suggest
from ensomhed_cli.format.fieldtypes import REQUIRED_PATTERN, SLUG_RE, shape, slugify
from ensomhed_cli.format.model import field_type
from ensomhed_cli.format.schema import KINDS, Record
from ensomhed_cli.format.source import Locator, SourceDoc
from ensomhed_cli.format.valueforms import not_an_id

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo
    from pydantic_core import ErrorDetails


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
    kinds, kinds_da = ", ".join(KINDS), _either(list(KINDS))
    if kind is None:
        where = ("kind",) if "kind" in data else ()
        message = say(
            f"`kind` mangler: skriv, hvad slags post det er, fx `kind: meeting` ({kinds_da})",
            f"missing `kind`: say what this record is, e.g. `kind: meeting` ({kinds})",
        )
        return None, None, [loc.diagnostic(where, "missing-field", message, at="key")]
    if not isinstance(kind, str) or kind not in KINDS:
        if not isinstance(kind, str):
            message = say(f"`kind` skal være {kinds_da}, ikke {shape(kind)}", f"`kind` must be one of {kinds}, not {shape(kind)}")
            return None, None, [loc.diagnostic(("kind",), "invalid-value", message)]
        message = say(f"ukendt slags post `{kind}`: skriv {kinds_da}", f"unknown kind `{kind}`; expected one of {kinds}")
        return None, None, [loc.diagnostic(("kind",), "invalid-value", message + suggest(kind, KINDS))]
    diagnostics: list[Diagnostic] = []
    values = dict(data)
    if doc.body is not None and doc.body.strip():
        if values.get("description") is not None:
            diagnostics.append(
                loc.diagnostic(
                    ("description",),
                    "duplicate-description",
                    say(
                        "`description` står både blandt felterne mellem `---`-linjerne og som tekst under dem; behold den ene",
                        "`description` is given among the fields between the `---` lines and as the text below them; keep one",
                    ),
                    at="key",
                )
            )
        else:
            values["description"] = doc.body.strip("\n")
    if values.get("id") is None:
        stem = PurePosixPath(doc.path).stem
        if not SLUG_RE.fullmatch(stem):
            slug = slugify(stem) or "mit-id"
            message = say(
                f"filnavnet `{stem}` kan ikke bruges som id: tilføj `id: {slug}`, eller giv filen et navn med kun små"
                " bogstaver a-z, tal og bindestreger",
                f"the file name `{stem}` is not a valid id; add `id: {slug}` or rename the file (lower-case a-z, digits and hyphens)",
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
        return say("posten", "record")
    name = names[-1]
    if path and isinstance(path[-1], int):
        return say(f"`{name}` nr. {path[-1] + 1}", f"`{name}` item {path[-1] + 1}")
    return f"`{name}`"


def _either(options: list[str]) -> str:
    """Danish `a, b eller c`."""
    return options[0] if len(options) == 1 else f"{', '.join(options[:-1])} eller {options[-1]}"


def _message(err: ErrorDetails, model: type[BaseModel], path: tuple) -> tuple[str, str, str]:
    kind = err["type"]
    field = _field_name(path)
    value = err.get("input")
    if kind == "missing":
        form, da, en = _placeholder(model, path)
        return "missing-field", say(f"feltet {field} mangler: tilføj `{form}`{da}", f"missing required field {field}: add `{form}`{en}"), "value"
    if kind == "extra_forbidden":
        return "unknown-key", _unknown_key(str(path[-1]), model, path), "key"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        if value is None:
            return "missing-field", say(
                f"{field} har ingen værdi: skriv {_either(options)}", f"{field} has no value; expected one of {', '.join(options)}"
            ), "value"
        return (
            "invalid-value",
            say(f"{field} skal være {_either(options)}, ikke {shape(value)}", f"{field} must be one of {', '.join(options)}, not {shape(value)}")
            + suggest(value, options),
            "value",
        )
    if kind == "list_type":
        return "invalid-type", _not_a_list(model, path, field, value), "value"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        entry = model_at(model, path)
        form = _form(entry, value) if entry is not None else say("{navn: værdi}", "{key: value}")
        return "invalid-type", say(
            f"{field} skal være en gruppe felter (`navn: værdi`), ikke {shape(value)}: skriv fx `{form}`",
            f"{field} must be a group of `key: value` lines, not {shape(value)}; write e.g. `{form}`",
        ), "value"
    if kind == "empty" or (kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == REQUIRED_PATTERN):
        return "missing-field", say(f"{field} skal udfyldes", f"{field} must not be empty"), "value"
    if value is None and kind != "string_pattern_mismatch":
        name = path[-1] if path and isinstance(path[-1], str) else "…"
        return "missing-field", say(
            f"{field} har ingen værdi: skriv den efter `{name}:`", f"{field} has no value; write it after `{name}:`"
        ), "value"
    if kind == "string_type":
        hint = say("; er `[` eller `- ` en del af teksten, så sæt hele teksten i anførselstegn",
                   "; if `[` or `- ` is part of the text, put all of it in quotes") if isinstance(value, list) else ""
        return "invalid-value", say(f"{field} skal være tekst, ikke {shape(value)}", f"{field}: expected text, got {shape(value)}") + hint, "value"
    if kind == "string_pattern_mismatch":
        return "invalid-value", f"{field}: {not_an_id(str(value), slugify(str(value)) or 'mit-id')}", "value"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "invalid-value", say(
            f"{field}: skriv et helt tal, fx `12`, ikke {shape(value)}", f"{field}: expected a whole number, got {shape(value)}"
        ), "value"
    return "invalid-value", f"{field}: {err['msg']}", "value"


def _placeholder(model: type[BaseModel], path: tuple) -> tuple[str, str, str]:
    """A missing field's line as it is to be added (`date: ÅÅÅÅ-MM-DD`), and the values it may have."""
    from ensomhed_cli.format import fieldtypes

    name = str(path[-1]) if path else "…"
    owner = model_at(model, path[:-1])
    found = next((f for n, f in (owner.model_fields.items() if owner else ()) if name in (n, f.alias)), None)
    parsers = {getattr(m, "func", None) for m in (found.metadata if found else ())}
    if parsers & {fieldtypes.parse_date, fieldtypes.parse_period_date}:
        return say(f"{name}: ÅÅÅÅ-MM-DD", f"{name}: YYYY-MM-DD"), "", ""
    if fieldtypes.parse_time in parsers:
        return say(f"{name}: TT:MM", f"{name}: HH:MM"), "", ""
    options = [str(o) for o in typing.get_args(_unwrap(found.annotation))] if found and typing.get_origin(_unwrap(found.annotation)) is typing.Literal else []
    if options:
        return f"{name}: …", f" ({_either(options)})", f" ({', '.join(options)})"
    return f"{name}: …", "", ""


def _unknown_key(name: str, model: type[BaseModel], path: tuple) -> str:
    owner = model_at(model, path[:-1])
    known = _field_names(owner) if owner else []
    hint = suggest(name, known)
    if not hint and known:
        hint = say(f"; her kan stå: {', '.join(known)}", f"; known keys here: {', '.join(known)}")
    return say(f"ukendt felt `{name}`", f"unknown key `{name}`") + hint


def _not_a_list(model: type[BaseModel], path: tuple, field: str, value: Any) -> str:
    """A list field written as one value: the list it would be, or one entry written right."""
    entry = model_at(model, path)
    if isinstance(value, str) and _takes_as_entry(model, path, value):
        shown = _flow_value(value)
        return say(
            f"{field} skal være en liste, ikke {shape(value)}: skriv `[{shown}]` eller én `- {shown}`-linje pr. punkt",
            f"{field} must be a list, not {shape(value)}; write a list, e.g. `[{shown}]` or one `- {shown}` line per entry",
        )
    if entry is not None:  # a list of groups of fields, where `[value]` would be wrong in turn
        form = _form(entry, value)
        return say(
            f"{field} skal være en liste, ikke {shape(value)}: skriv én `- {form}`-linje pr. punkt",
            f"{field} must be a list, not {shape(value)}; write one `- {form}` line per entry",
        )
    return say(f"{field} skal være en liste, ikke {shape(value)}", f"{field} must be a list, not {shape(value)}")


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
        TypeAdapter(field_type(field)).validate_python([value])
    except ValidationError:
        return False
    return True


def _form(model: type[BaseModel], value: Any) -> str:
    """A group of fields written right for a value written alone: `{title: Punkt uden titel}`,
    `{what: ring, owners: …}`. The value goes in the first required field that takes it; the
    other required fields stand as `…` (the first field, where none is required)."""
    fields = [(f.alias or n, f) for n, f in model.model_fields.items()]
    keys = [(k, f) for k, f in fields if f.is_required()]
    placed = None
    if not keys:  # no field is required: the first one shows the form, without guessing the value's place
        keys = fields[:1]
    elif isinstance(value, str) and value.strip():
        placed = next((k for k, f in keys if _accepts(f, value)), None)
    parts = [f"{k}: {_flow_value(value) if k == placed else '…'}" for k, _ in keys]
    return "{" + ", ".join(parts) + "}"


def _accepts(field: FieldInfo, value: str) -> bool:
    try:
        TypeAdapter(field_type(field)).validate_python(value)
    except ValidationError:
        return False
    return True


def _flow_value(value: str) -> str:
    """A value as it may stand inside `[…]` or `{…}`: quoted where a character there means something."""
    from ensomhed_cli.format.yamlmarks import quoted

    text = value.strip()
    return quoted(text) if re.search(r"[,:\[\]{}#&*!|>'\"%@`]", text) or text[:1] in "-?" else text


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
