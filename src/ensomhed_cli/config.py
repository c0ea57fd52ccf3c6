"""The repository: finding its root and reading ensomhed.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from ensomhed_cli.fieldtypes import Text, list_of
from ensomhed_cli.schema import Model

CONFIG_FILE = "ensomhed.yaml"
RECORDS_DIR = "records"
TEMPLATES_DIR = "templates"


class RepositoryNotFound(Exception):
    """No ensomhed.yaml above the working directory, or --root is not a repository."""


class Vocabularies(Model):
    target_groups: list_of(Text) | None = Field(
        None, description="When given, every initiative's target_groups must be among these."
    )
    partners: list_of(Text) | None = Field(None, description="When given, every initiative's partners must be among these.")


class Config(Model):
    """ensomhed.yaml: every key optional."""

    municipality: Text | None = Field(None, description="The municipality, shown in rendered output.")
    language: Literal["da", "en"] = Field("da", description="da or en: labels and dates in rendered output.")
    timezone: Text = Field("Europe/Copenhagen", description="IANA time zone for calendar export.")
    vocabularies: Vocabularies = Field(default_factory=Vocabularies, description="Allowed values for list fields.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"`{value}` is not a known time zone (e.g. Europe/Copenhagen)") from None
        return value


def find_root(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The repository root: --root if given, else the nearest folder up with ensomhed.yaml."""
    if explicit is not None:
        root = explicit.expanduser()
        if not root.is_dir():
            raise RepositoryNotFound(f"--root {explicit}: no such folder")
        if not (root / CONFIG_FILE).is_file() and not (root / RECORDS_DIR).is_dir():
            raise RepositoryNotFound(f"--root {explicit}: no {CONFIG_FILE} and no {RECORDS_DIR}/ folder there")
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise RepositoryNotFound(
        f"no {CONFIG_FILE} found in {here} or any folder above it;"
        " run the command inside a records repository, give --root PATH, or create one with `ensomhed init`"
    )
