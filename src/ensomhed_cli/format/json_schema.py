"""JSON Schema of the record format, derived from the schema classes (never a second copy)."""

from __future__ import annotations

from typing import Any

from ensomhed_cli.format.schema import KINDS

SCHEMA_ID = "https://ensomhed.invalid/schema/record.json"


def record_schema(kind: str | None = None) -> dict[str, Any]:
    """The schema of one kind, or of any record (dispatching on `kind`)."""
    from pydantic.json_schema import models_json_schema

    kinds = [kind] if kind else list(KINDS)
    models = [(KINDS[k], "validation") for k in kinds]
    refs, schema = models_json_schema(models, by_alias=True, ref_template="#/$defs/{model}")
    defs = schema.get("$defs", {})
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
            "description": "A record of the ensomhed format: see record-format.md.",
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
