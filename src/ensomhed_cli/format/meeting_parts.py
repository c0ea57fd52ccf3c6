"""The parts of a meeting record: the people around it and its items, declared once.

Part of the record format (see schema.py, which declares the records themselves).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from ensomhed_cli.format.fieldtypes import (
    Bool,
    Date,
    FlexDate,
    ItemNumber,
    ListOf,
    Markdown,
    RequiredText,
    Slug,
    Text,
    Time,
)
from ensomhed_cli.format.model import Model


def person_entry(value: Any) -> Any:
    """A list entry written as just a person's id means {person: id}."""
    return {"person": value} if isinstance(value, str) else value


class Absence(Model):
    person: Slug = Field(description="Who was absent: id of a person record.")
    reason: Text | None = Field(None, description="Why, if it is to be minuted.")
    substitute: Slug | None = Field(None, description="Stedfortræder: id of a person record.")
    notice: Bool = Field(True, description="true: afbud, apologies were sent (the default); false: fraværende, absent without notice.")


AbsenceEntry = Annotated[Absence, BeforeValidator(person_entry, json_schema_input_type=Slug | Absence)]


class Attendee(Model):
    person: Slug = Field(description="Who took part: id of a person record.")
    from_item: ItemNumber | None = Field(None, description="Came for this item and the ones after it (deltog fra punkt 3).")
    to_item: ItemNumber | None = Field(None, description="Left after this item (forlod mødet efter punkt 6).")
    arrived: Time | None = Field(None, description="HH:MM: when they came, if after the start.")
    left: Time | None = Field(None, description="HH:MM: when they left, if before the end.")
    note: Text | None = Field(None, description="Remark for the minutes, e.g. deltog online.")


AttendeeEntry = Annotated[Attendee, BeforeValidator(person_entry, json_schema_input_type=Slug | Attendee)]


class Staff(Model):
    person: Slug = Field(description="An official who took part without being a member: id of a person record.")
    role: Text | None = Field(None, description="What they were there as: referent, sagsbehandler, direktør…")


StaffEntry = Annotated[Staff, BeforeValidator(person_entry, json_schema_input_type=Slug | Staff)]


class Attachment(Model):
    title: RequiredText = Field(description="Bilagets titel.")
    path: Text | None = Field(None, description="File relative to the repository root; must exist inside it.")
    url: Text | None = Field(None, description="Web address of the attachment (http or https).")
    closed: Bool = Field(False, description="Lukket bilag: public output says \"Lukket bilag\", without its title or file.")


class Action(Model):
    what: RequiredText = Field(description="What is to be done (opfølgning).")
    owners: ListOf[Slug] = Field(
        description="Who follows up, at least one: ids of person records, or of a body such as the department that follows up."
    )
    due: FlexDate | None = Field(None, description="Deadline: a day, or a month YYYY-MM (\"marts 2025\"), quarter YYYY-Qn or year YYYY; overdue after its end.")
    status: Literal["open", "done", "dropped"] = Field("open", description="open, done or dropped.")
    done_on: Date | None = Field(None, description="When it was done; only when status is done.")


class Amendment(Model):
    date: Date = Field(description="When the correction was made; on or after the day the minutes were approved.")
    text: Markdown = Field(description="What was corrected, and why, as the minutes are to say it.")
    by: Slug | None = Field(None, description="Who made the correction: id of a person record.")


class Section(Model):
    title: RequiredText = Field(description="The section's heading: Lovgrundlag, Høring, Kommunikation…")
    text: Markdown | None = Field(None, description="The section's text.")
    closed: Bool = Field(False, description="A closed part of an open item: left out of public output, which says that something was left out.")


VOTERS_DOC = "ids of person records, or text such as party letters (A, V)"

# An item's agenda text: what the members received when the dagsorden was sent out, and so
# what is not changed unsaid after `agenda_sent` (review/of_record.py, render/as_sent.py).
AGENDA_TEXT_FIELDS = ("title", "summary", "description", "sections", "economy", "recommendation", "attachments")


class Vote(Model):
    motion: Text | None = Field(None, description="What was put to the vote; the recommendation where left out.")
    for_: ListOf[Text] = Field(default_factory=list, alias="for", description=f"For stemte: {VOTERS_DOC}.")
    against: ListOf[Text] = Field(default_factory=list, description=f"Imod stemte: {VOTERS_DOC}.")
    abstained: ListOf[Text] = Field(default_factory=list, description=f"Undlod at stemme: {VOTERS_DOC}.")


class Statement(Model):
    type: Literal["dissent", "protocol_note"] = Field(
        description="dissent (mindretalsudtalelse) or protocol_note (protokoltilførsel)."
    )
    by: ListOf[Text] = Field(description=f"Whose statement, at least one: {VOTERS_DOC}.")
    text: Markdown = Field(description="The statement as it is to be minuted.")


class ItemAbsence(Model):
    person: Slug = Field(description="Who took no part in the item: id of a person record.")
    reason: Text | None = Field(None, description="Why, if it is to be minuted.")
    conflict_of_interest: Bool = Field(False, description="true: inhabil, left the item for conflict of interest.")


ItemAbsenceEntry = Annotated[ItemAbsence, BeforeValidator(person_entry, json_schema_input_type=Slug | ItemAbsence)]


class Item(Model):
    number: ItemNumber | None = Field(
        None, description="Punktnummer (4), or a sub-item's label (4.1, 4a); defaults to the item's position. Unique in the meeting."
    )
    title: RequiredText = Field(description="The item's title.")
    type: Literal["decision", "information", "discussion"] | None = Field(
        None, description="decision (beslutning), information (orientering) or discussion (drøftelse)."
    )
    case: Text | None = Field(None, description="Sagsnummer.")
    start: Time | None = Field(None, description="HH:MM; inside the meeting's hours.")
    end: Time | None = Field(None, description="HH:MM; after start.")
    presenters: ListOf[Slug] = Field(default_factory=list, description="Who presents the item: ids of person records.")
    summary: Markdown | None = Field(None, description="Resume: shown before the description.")
    description: Markdown | None = Field(None, description="Sagsfremstilling.")
    sections: ListOf[Section] = Field(default_factory=list, description="Further headed parts, in order: {title, text}.")
    economy: Markdown | None = Field(None, description="Økonomi.")
    authority: Slug | None = Field(None, description="Beslutningskompetence: the body that decides (id of a body record).")
    recommendation: Markdown | None = Field(None, description="Indstilling.")
    decision: Markdown | None = Field(None, description="Beslutning; only on a held meeting.")
    public_decision: Markdown | None = Field(
        None,
        description="Only on a closed item of a held meeting: the decision as it may be published (kommunestyrelsesloven § 8,"
        " stk. 7); public output shows it as the item's decision, never the closed text.",
    )
    attachments: ListOf[Attachment] = Field(default_factory=list, description="Bilag.")
    closed: Bool = Field(False, description="Lukket punkt: only number and title appear in public output.")
    status: Literal["treated", "postponed", "withdrawn"] = Field(
        "treated", description="treated (the default), postponed (udsat) or withdrawn (taget af dagsordenen); only a treated item has a decision."
    )
    votes: ListOf[Vote] = Field(default_factory=list, description="Afstemning: {motion, for, against, abstained}; only on a held meeting.")
    statements: ListOf[Statement] = Field(
        default_factory=list, description="Mindretalsudtalelse and protokoltilførsel: {type, by, text}; only on a held meeting."
    )
    absent: ListOf[ItemAbsenceEntry] = Field(
        default_factory=list, description="Who took no part in this item: ids, or {person, reason, conflict_of_interest} (inhabil)."
    )
    initiatives: ListOf[Slug] = Field(default_factory=list, description="Initiatives the item concerns.")
    plans: ListOf[Slug] = Field(default_factory=list, description="Plans the item concerns.")
    actions: ListOf[Action] = Field(default_factory=list, description="Follow-up actions decided under the item.")
