"""The base of every class of the record format: unknown keys are errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo


class Model(BaseModel):
    # defer_build: a class's validator is made when it first validates, not at import. A
    # check after one edit validates one meeting and would otherwise build the validators of
    # every kind (a third of its time at 10,000 records). Work spread over forked workers
    # builds them first, once, in the parent (build_validators).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=False, defer_build=True)


def build_validators(*classes: type[BaseModel]) -> None:
    """Make the validators of these classes now: before forking, so that the workers share
    them instead of each building its own."""
    for cls in classes:
        if not cls.__pydantic_complete__:
            cls.model_rebuild()


def field_type(field: FieldInfo) -> Any:
    """A field's type with its metadata (constraints, validators), as a TypeAdapter takes it;
    made at run time, so a type form mypy cannot follow."""
    return Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
