"""JSON Schema of the record format for editors, derived from the schema classes (never a second copy).

The schema is read by an editor's YAML language server (yaml-language-server, in VS Code's
YAML extension and others), which parses YAML 1.2 with the core schema (the extension's
default `yaml.yamlVersion: "1.2"`): `start: 14.00` is the number 14, `title: 2020` an integer,
`true` a boolean, and `yes`, `14:00`, `6,6` and `2022-08-29` are text. ensomhed instead reads
every scalar as text and lets the field decide what it means (yamldialect, fieldtypes). So
each value type is described here as what such an editor sees of the texts `check` accepts:
a time is a `14:00`/`14.00` string or one of the numbers `14.00` and `9.30` become, a text
field takes numbers and booleans too, a number may be a string with a decimal comma, and
so on. Where two texts become the same number (`14.00` and `14`), the schema accepts the
number; tests/test_schema_agreement.py lists these few cases.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from ensomhed_cli.format.schema import KINDS, Record

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo

    from ensomhed_cli.format.model import Model

# Keys pydantic adds to a field's schema that say nothing about what is valid.
_ANNOTATIONS = ("title", "description", "default", "examples")
_SCALARS = ["string", "number", "boolean"]
_END = r"(?![\s\S])"  # the end of the text; `$` in Python also matches before a final newline
_YEAR = "(19[0-9]{2}|2[01][0-9]{2})"  # the years a record can speak of (fieldtypes.FIRST_DATE…LAST_DATE)
_LEAP = "(19|20|21)(0[48]|[2468][048]|[13579][26])|2000"
_DAY = (
    f"({_YEAR}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))"
    f"|({_LEAP})-02-29)"
)
# A whole number written as text, at most 10^15 either way as check holds it (fieldtypes.
# bounded): 15 significant digits, or 10^15 itself; leading zeros and `_` between digits.
_LEADING = "(0(_?0)*_?)?"
_WHOLE = f"({_LEADING}[1-9](_?[0-9]){{0,14}}|{_LEADING}1(_?0){{15}}|0(_?0)*)"
_TIME_AS_NUMBER = "TimeWrittenWithADot"
_NULL = {"type": "null"}


def _ci(word: str) -> str:
    """A pattern that matches `word` in any case (JSON Schema patterns have no flags)."""
    return "".join(f"[{c.upper()}{c}]" for c in word)


def _text(pattern: str) -> dict[str, Any]:
    """Text as a field reads it: stripped of surrounding whitespace, then matched whole."""
    return {"type": "string", "pattern": rf"^\s*({pattern})\s*$"}


_MAGNITUDE = {"minimum": -(10**15), "maximum": 10**15}
_MANTISSA = r"([0-9]+(_[0-9]+)*([.,][0-9]+)?|[.,][0-9]+)"
_ZEROS = r"(0+(_0+)*([.,]0+)?|[.,]0+)"  # -0 and -0,0 are not below 0
_EXPONENT = r"([eE][-+]?[0-9]+)?"
_THOUSANDS = _text(r"[-+]?[0-9]{1,3}(\.[0-9]{3})+")
_INT_TEXT = rf"[-+]?{_WHOLE}(\.0+)?"
# A decimal written as text: bounded as a whole number is, a fraction only below 10^15. With
# an exponent (`1e3`) the size is not bounded here: a pattern cannot multiply (a known limit,
# tests/test_schema_agreement.py).
_DECIMAL = rf"({_LEADING}[1-9](_?[0-9]){{0,14}}([.,][0-9]+)?|{_LEADING}1(_?0){{15}}([.,]0+)?|0(_?0)*([.,][0-9]+)?|[.,][0-9]+)"
_NUMBER = {
    "anyOf": [
        {"type": "number", **_MAGNITUDE},
        {**_text(f"[-+]?{_DECIMAL}|[-+]?{_MANTISSA}[eE][-+]?[0-9]+"), "not": _THOUSANDS},
    ]
}
_INT = {"anyOf": [{"type": "integer", **_MAGNITUDE}, _text(_INT_TEXT)]}
_COUNT = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 10**15}, _text(rf"\+?{_WHOLE}(\.0+)?|-0+(\.0+)?")]}
_AMOUNT = {
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": 10**15},
        {**_text(rf"\+?{_DECIMAL}|\+?{_MANTISSA}[eE][-+]?[0-9]+|-{_ZEROS}{_EXPONENT}"), "not": _THOUSANDS},
    ]
}
# Fields a rule of check holds to 0 or more on their own (check/rules/plans.py); the
# schema says so, so an editor flags `amount: -5` as check does.
_NOT_NEGATIVE = {"Budget": {"amount": _AMOUNT}, "Reach": {"participants": _COUNT, "new_relations": _COUNT}, "Size": {"min": _COUNT}}
_BOOL_WORDS = "|".join(_ci(w) for w in ("true", "yes", "ja", "false", "no", "nej"))


def _editor_types() -> dict[str, dict[str, Any]]:
    """For each value type of fieldtypes, by its own JSON Schema: what an editor must accept."""
    from pydantic import TypeAdapter

    from ensomhed_cli.format import fieldtypes as ft

    time_ref = {"$ref": f"#/$defs/{_TIME_AS_NUMBER}"}
    types: list[tuple[Any, dict[str, Any]]] = [
        # Any scalar is text to ensomhed: `title: 2020`, `name: true`.
        (ft.Text, {"type": _SCALARS}),
        (ft.Markdown, {"type": _SCALARS}),
        (ft.RequiredText, {"type": _SCALARS, "pattern": r"\S"}),  # `pattern` only binds strings
        # `2020`, `007` and `true` are ids to ensomhed (plain digits and lower-case words).
        (ft.Slug, {"anyOf": [{"type": "string", "pattern": f"^[a-z0-9][a-z0-9-]*{_END}"}, {"type": "integer", "minimum": 0}, {"type": "boolean"}]}),
        (ft.GoalRef, _text("[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*")),
        (ft.Email, _text(r"[^@\s]+@[^@\s]+\.[^@\s]+")),
        (ft.Date, _text(_DAY)),
        # `2025` is a year, which YAML 1.2 reads as an integer.
        (ft.FlexDate, {"anyOf": [_text(f"{_DAY}|{_YEAR}-(0[1-9]|1[0-2])|{_YEAR}-[Qq][1-4]|{_YEAR}"), {"type": "integer", "minimum": 1900, "maximum": 2199}]}),
        (ft.Time, {"anyOf": [_text("([01]?[0-9]|2[0-3])[:.][0-5][0-9]"), time_ref]}),
        (ft.Int, _INT),
        # `6,6`: a Danish decimal comma, text to YAML; `400.000` (a thousands dot) is refused.
        (ft.Number, _NUMBER),
        # `7.1` and `7.10` are the number 7.1 to YAML 1.2, and the label 7.1 to ensomhed. An item is 1 or more.
        (
            ft.ItemNumber,
            {
                "anyOf": [
                    {"type": "number", "minimum": 1, "maximum": 10**15},
                    _text(r"\+?(?=[0-9_]*[1-9])[0-9]+(_[0-9]+)*|0*[1-9][0-9]*((\.[0-9]+)+|[a-z])"),
                ]
            },
        ),
        # true/false, yes/no and ja/nej in any case; YAML 1.2 reads only true/false as booleans.
        (ft.Bool, {"type": ["boolean", "string"], "pattern": rf"^\s*({_BOOL_WORDS})\s*$"}),
    ]
    table: dict[str, dict[str, Any]] = {}
    for annotated, editor in types:
        key = _canonical(TypeAdapter(annotated).json_schema())
        assert table.setdefault(key, editor) == editor, f"two value types share the JSON Schema {key}"
    return table


def _time_numbers() -> dict[str, Any]:
    """`start: 14.00` and `9.30` are times to ensomhed and the numbers 14.0 and 9.3 to YAML 1.2."""
    numbers = [float(f"{hour}.{minute:02d}") for hour in range(24) for minute in range(60)]
    return {
        "description": "A time written HH.MM, as an editor's YAML reads it: a number such as 14.0 or 9.3.",
        "type": "number",
        "enum": sorted(set(numbers)),
    }


def _canonical(schema: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in schema.items() if k not in _ANNOTATIONS}, sort_keys=True)


def _for_editors(node: Any, table: dict[str, dict[str, Any]]) -> Any:
    """`node` with each value type's schema replaced by what an editor must accept."""
    if isinstance(node, list):
        return [_for_editors(v, table) for v in node]
    if not isinstance(node, dict):
        return node
    notes = {k: node[k] for k in _ANNOTATIONS if k in node}
    editor = table.get(_canonical(node))
    if editor is None and set(node) - set(_ANNOTATIONS) == {"anyOf"} and _NULL in node["anyOf"]:
        # pydantic writes `ItemNumber | None` as one flat anyOf, the type's own and null.
        editor = table.get(_canonical({"anyOf": [s for s in node["anyOf"] if s != _NULL]}))
        editor = editor and {"anyOf": [editor, _NULL]}
    if editor is not None:
        return _flat({**editor, **notes})
    out = {}
    for key, value in node.items():
        if key in ("properties", "$defs"):  # names, not schemas
            out[key] = {name: _for_editors(v, table) for name, v in value.items()}
        else:
            out[key] = _for_editors(value, table)
    return _flat(out)


def _flat(schema: dict[str, Any]) -> dict[str, Any]:
    """anyOf [anyOf [a, b], c] is anyOf [a, b, c]: easier to read, and the same."""
    if "anyOf" not in schema:
        return schema
    members: list[Any] = []
    for member in schema["anyOf"]:
        members.extend(member["anyOf"] if isinstance(member, dict) and set(member) == {"anyOf"} else [member])
    return {**schema, "anyOf": members}


def _takes_nothing(field: FieldInfo) -> bool:
    """Whether the field takes an empty value (`attendees:`), as a list field does."""
    from pydantic import TypeAdapter, ValidationError

    from ensomhed_cli.format.model import field_type

    try:
        TypeAdapter(field_type(field)).validate_python(None)
    except ValidationError:
        return False
    return True


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    core = {k: v for k, v in schema.items() if k not in _ANNOTATIONS}
    notes = {k: v for k, v in schema.items() if k in _ANNOTATIONS}
    if isinstance(core.get("type"), str):
        return {**schema, "type": [core["type"], "null"]}
    if "anyOf" in core and len(core) == 1:
        return {**schema, "anyOf": [*core["anyOf"], _NULL]}
    return {"anyOf": [core, _NULL], **notes}


def _models() -> dict[str, type[Model]]:
    from ensomhed_cli.format.model import Model

    found: dict[str, type[Model]] = {}
    stack = list(Model.__subclasses__())
    while stack:
        cls = stack.pop()
        found.setdefault(cls.__name__, cls)
        stack.extend(cls.__subclasses__())
    return found


def _allow_empty_values(defs: dict[str, Any]) -> None:
    """A field that takes an empty value (a list, `extra`) says so: `null` to an editor."""
    models = _models()
    for name, schema in defs.items():
        model = models.get(name)
        if model is None:
            continue
        for field_name, field in model.model_fields.items():
            prop = schema.get("properties", {}).get(field.alias or field_name)
            if prop is None or _takes_nothing(field) is False:
                continue
            if prop.get("type") == "null" or _NULL in prop.get("anyOf", []):
                continue
            if "null" in (prop.get("type") or []):
                continue
            schema["properties"][field.alias or field_name] = _or_null(prop)


def _not_negative(defs: dict[str, Any]) -> None:
    for model, fields in _NOT_NEGATIVE.items():
        for name, editor in fields.items() if model in defs else ():
            prop = defs[model]["properties"][name]
            empty = [_NULL] if _NULL in prop.get("anyOf", []) else []
            prop["anyOf"] = [*editor["anyOf"], *empty]


def record_schema(kind: str | None = None) -> dict[str, Any]:
    """The schema of one kind, or of any record (dispatching on `kind`)."""
    from pydantic.json_schema import models_json_schema

    kinds = [kind] if kind else list(KINDS)
    models: list[tuple[type[Record], Literal["validation"]]] = [(KINDS[k], "validation") for k in kinds]
    refs, schema = models_json_schema(models, by_alias=True, ref_template="#/$defs/{model}")
    defs = _for_editors(schema.get("$defs", {}), _editor_types())
    _allow_empty_values(defs)
    _not_negative(defs)
    defs[_TIME_AS_NUMBER] = _time_numbers()
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if kind:
        ref = refs[(KINDS[kind], "validation")]["$ref"]
        name = ref.rsplit("/", 1)[-1]
        out.update(defs.pop(name))
        out["title"] = f"ensomhed {kind} record"
        out["$defs"] = defs
        return out
    out.update(
        {
            "title": "ensomhed record",
            "description": "A record of the ensomhed format: see docs/record-format.md.",
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": list(KINDS)}},
            "allOf": [
                {
                    "if": {"properties": {"kind": {"const": k}}, "required": ["kind"]},
                    "then": {"$ref": refs[(KINDS[k], "validation")]["$ref"]},
                }
                for k in KINDS
            ],
            "$defs": defs,
        }
    )
    return out
