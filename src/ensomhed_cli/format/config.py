"""ensomhed.yaml: the repository's settings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ensomhed_cli.format.fieldtypes import Bool, ListOf, Text, Url
from ensomhed_cli.format.schema import Model
from ensomhed_cli.paths import (
    CONFIG_FILE,
    RECORDS_DIR,
    TEMPLATES_DIR,
    RepositoryNotFound,
    find_root,
)

__all__ = ["CONFIG_FILE", "RECORDS_DIR", "TEMPLATES_DIR", "Config", "RepositoryNotFound", "Vocabularies", "find_root"]


class Vocabularies(Model):
    target_groups: ListOf[Text] | None = Field(
        None, description="When given, every initiative's target_groups must be among these."
    )
    partners: ListOf[Text] | None = Field(None, description="When given, every initiative's partners must be among these.")


class PublicOutput(Model):
    actions: Bool = Field(
        False,
        description="true: follow-up actions (opfølgning) appear in public output too; internal output always shows them."
        " Real referater do not publish who in the administration follows up what.",
    )


class Privacy(Model):
    allow: ListOf[Text] = Field(
        default_factory=list,
        description="Text that looks like personal data but is not, matched literally: the municipality's switchboard"
        " number, its own e-mail domain (@koege.dk), a P-number.",
    )


class Config(Model):
    """ensomhed.yaml: every key optional."""

    municipality: Text | None = Field(None, description="The municipality, shown in rendered output.")
    language: Literal["da", "en"] = Field("da", description="da or en: labels and dates in rendered output.")
    timezone: Text = Field("Europe/Copenhagen", description="IANA time zone for calendar export.")
    vocabularies: Vocabularies = Field(default_factory=Vocabularies, description="Allowed values for list fields.")
    public: PublicOutput = Field(default_factory=PublicOutput, description="What public output (--public) shows besides the open parts.")
    privacy: Privacy = Field(default_factory=Privacy, description="What the personal-data check lets pass.")
    accessibility_statement: Url | None = Field(
        None,
        description="The municipality's tilgængelighedserklæring (webtilgængelighedsloven § 4): every public page links to it"
        " in its footer.",
    )
    site_url: Url | None = Field(
        None,
        description="Where the public site is published (https://…/): links in a document that stands alone (a PDF sent by"
        " e-mail) to bilag and other pages are absolute under it.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            from ensomhed_cli.format.valueforms import unknown_time_zone

            raise unknown_time_zone(value) from None
        return value
