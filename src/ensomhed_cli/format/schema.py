"""The record format, declared once: one class per kind, a description per field.

This is ../shared/record-format.md as code. Validation, the JSON Schema for editors
and the field reference in the docs all come from these classes. Rules that span
fields or records (times in order, references resolve…) live in rules/
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from ensomhed_cli.format.fieldtypes import (
    Bool,
    Date,
    Email,
    GoalRef,
    Int,
    ItemNumber,
    Markdown,
    Number,
    RequiredText,
    Slug,
    Text,
    Time,
    list_of,
    none_as_empty_dict,
)

BODY_TYPES = (
    "council",
    "committee",
    "advisory_council",
    "management",
    "department",
    "working_group",
    "reference_group",
    "other",
)
MEETING_STATUSES = ("planned", "held", "cancelled")
ITEM_TYPES = ("decision", "information", "discussion")
ACTION_STATUSES = ("open", "done", "dropped")
PLAN_STATUSES = ("draft", "consultation", "approved", "active", "completed", "archived")
MILESTONE_STATUSES = ("planned", "done", "cancelled")
INITIATIVE_STATUSES = ("proposed", "planned", "active", "paused", "completed", "stopped")
CATEGORIES = ("outreach", "preventive", "ongoing_contact", "community", "experience")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=False)


# --- parts ---------------------------------------------------------------------------


class Member(Model):
    person: Slug = Field(description="The member: id of a person record.")
    role: Text | None = Field(None, description="formand, leder, medarbejder, konsulent, frivilligrepræsentant…")


class Size(Model):
    min: Int = Field(description="Fewest members the group may have.")
    max: Int = Field(description="Most members the group may have.")


def _person_entry(value: Any) -> Any:
    """A list entry written as just a person's id means {person: id}."""
    return {"person": value} if isinstance(value, str) else value


class Absence(Model):
    person: Slug = Field(description="Who was absent: id of a person record.")
    reason: Text | None = Field(None, description="Why, if it is to be minuted.")
    substitute: Slug | None = Field(None, description="Stedfortræder: id of a person record.")
    notice: Bool = Field(True, description="true: afbud, apologies were sent (the default); false: fraværende, absent without notice.")


AbsenceEntry = Annotated[Absence, BeforeValidator(_person_entry, json_schema_input_type=Slug | Absence)]


class Attendee(Model):
    person: Slug = Field(description="Who took part: id of a person record.")
    from_item: ItemNumber | None = Field(None, description="Came for this item and the ones after it (deltog fra punkt 3).")
    to_item: ItemNumber | None = Field(None, description="Left after this item (forlod mødet efter punkt 6).")
    arrived: Time | None = Field(None, description="HH:MM: when they came, if after the start.")
    left: Time | None = Field(None, description="HH:MM: when they left, if before the end.")
    note: Text | None = Field(None, description="Remark for the minutes, e.g. deltog online.")


AttendeeEntry = Annotated[Attendee, BeforeValidator(_person_entry, json_schema_input_type=Slug | Attendee)]


class Staff(Model):
    person: Slug = Field(description="An official who took part without being a member: id of a person record.")
    role: Text | None = Field(None, description="What they were there as: referent, sagsbehandler, direktør…")


StaffEntry = Annotated[Staff, BeforeValidator(_person_entry, json_schema_input_type=Slug | Staff)]


class Attachment(Model):
    title: RequiredText = Field(description="Bilagets titel.")
    path: Text | None = Field(None, description="File relative to the repository root; must exist inside it.")
    url: Text | None = Field(None, description="Web address of the attachment (http or https).")


class Action(Model):
    what: RequiredText = Field(description="What is to be done (opfølgning).")
    owners: list_of(Slug) = Field(
        description="Who follows up, at least one: ids of person records, or of a body such as the department that follows up."
    )
    due: Date | None = Field(None, description="Deadline.")
    status: Literal["open", "done", "dropped"] = Field("open", description="open, done or dropped.")
    done_on: Date | None = Field(None, description="When it was done; only when status is done.")


class Section(Model):
    title: RequiredText = Field(description="The section's heading: Lovgrundlag, Høring, Kommunikation…")
    text: Markdown | None = Field(None, description="The section's text.")


VOTERS_DOC = "ids of person records, or text such as party letters (A, V)"


class Vote(Model):
    motion: Text | None = Field(None, description="What was put to the vote; the recommendation where left out.")
    for_: list_of(Text) = Field(default_factory=list, alias="for", description=f"For stemte: {VOTERS_DOC}.")
    against: list_of(Text) = Field(default_factory=list, description=f"Imod stemte: {VOTERS_DOC}.")
    abstained: list_of(Text) = Field(default_factory=list, description=f"Undlod at stemme: {VOTERS_DOC}.")


class Statement(Model):
    type: Literal["dissent", "protocol_note"] = Field(
        description="dissent (mindretalsudtalelse) or protocol_note (protokoltilførsel)."
    )
    by: list_of(Text) = Field(description=f"Whose statement, at least one: {VOTERS_DOC}.")
    text: Markdown = Field(description="The statement as it is to be minuted.")


class ItemAbsence(Model):
    person: Slug = Field(description="Who took no part in the item: id of a person record.")
    reason: Text | None = Field(None, description="Why, if it is to be minuted.")
    conflict_of_interest: Bool = Field(False, description="true: inhabil, left the item for conflict of interest.")


ItemAbsenceEntry = Annotated[ItemAbsence, BeforeValidator(_person_entry, json_schema_input_type=Slug | ItemAbsence)]


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
    presenters: list_of(Slug) = Field(default_factory=list, description="Who presents the item: ids of person records.")
    summary: Markdown | None = Field(None, description="Resume: shown before the description.")
    description: Markdown | None = Field(None, description="Sagsfremstilling.")
    sections: list_of(Section) = Field(default_factory=list, description="Further headed parts, in order: {title, text}.")
    economy: Markdown | None = Field(None, description="Økonomi.")
    authority: Slug | None = Field(None, description="Beslutningskompetence: the body that decides (id of a body record).")
    recommendation: Markdown | None = Field(None, description="Indstilling.")
    decision: Markdown | None = Field(None, description="Beslutning; only on a held meeting.")
    attachments: list_of(Attachment) = Field(default_factory=list, description="Bilag.")
    closed: Bool = Field(False, description="Lukket punkt: only number and title appear in public output.")
    status: Literal["treated", "postponed", "withdrawn"] = Field(
        "treated", description="treated (the default), postponed (udsat) or withdrawn (taget af dagsordenen); only a treated item has a decision."
    )
    votes: list_of(Vote) = Field(default_factory=list, description="Afstemning: {motion, for, against, abstained}; only on a held meeting.")
    statements: list_of(Statement) = Field(
        default_factory=list, description="Mindretalsudtalelse and protokoltilførsel: {type, by, text}; only on a held meeting."
    )
    absent: list_of(ItemAbsenceEntry) = Field(
        default_factory=list, description="Who took no part in this item: ids, or {person, reason, conflict_of_interest} (inhabil)."
    )
    initiatives: list_of(Slug) = Field(default_factory=list, description="Initiatives the item concerns.")
    plans: list_of(Slug) = Field(default_factory=list, description="Plans the item concerns.")
    actions: list_of(Action) = Field(default_factory=list, description="Follow-up actions decided under the item.")


class Period(Model):
    from_: Date = Field(alias="from", description="First day of the period.")
    to: Date = Field(description="Last day of the period.")


class Theme(Model):
    id: Slug = Field(description="Unique in the plan.")
    title: RequiredText = Field(description="The theme's title.")
    focus: Markdown | None = Field(None, description="Fokus.")
    policies: list_of(Text) = Field(default_factory=list, description="Samspil med politik: the policies the theme serves.")
    priorities: list_of(Markdown) = Field(default_factory=list, description="Prioriteret indsats.")
    collaborates_with: list_of(Text) = Field(default_factory=list, description="Samarbejde på tværs: other centres and partners.")


class Measure(Model):
    value: Number = Field(description="The figure.")
    date: Date | None = Field(None, description="When it held or is to hold.")


class Measurement(Model):
    date: Date = Field(description="When it was measured; measurements are in date order.")
    value: Number = Field(description="The figure measured.")
    note: Text | None = Field(None, description="Source or remark.")


class Goal(Model):
    id: Slug = Field(description="Unique in the plan; referred to as PLAN-ID#GOAL-ID.")
    title: RequiredText = Field(description="The goal as the plan words it.")
    theme: Slug | None = Field(None, description="Id of a theme in the same plan.")
    indicator: Text | None = Field(None, description="What is measured.")
    unit: Text | None = Field(None, description="Unit of the figures (pct., personer, kr.…).")
    baseline: Measure | None = Field(None, description="Where we started.")
    target: Measure | None = Field(None, description="Where we want to be.")
    measurements: list_of(Measurement) = Field(default_factory=list, description="Figures measured along the way, in date order.")
    status_note: Markdown | None = Field(None, description="How far we are, in words.")


class Milestone(Model):
    id: Slug = Field(description="Unique in the plan.")
    title: RequiredText = Field(description="The milestone's title.")
    date: Date | None = Field(None, description="When it happens or happened.")
    status: Literal["planned", "done", "cancelled"] = Field("planned", description="planned, done or cancelled.")
    depends_on: list_of(Slug) = Field(default_factory=list, description="Ids of milestones in the same plan that come first.")
    participants: list_of(Text) = Field(default_factory=list, description="Who takes part.")
    description: Markdown | None = Field(None, description="What happens.")


class Budget(Model):
    amount: Number = Field(description="Amount, 0 or more.")
    currency: Text = Field("DKK", description="Currency code; DKK unless given.")
    year: Int | None = Field(None, description="Budget year.")


class Reach(Model):
    date: Date = Field(description="When it was counted.")
    participants: Int | None = Field(None, description="How many took part (0 or more).")
    new_relations: Int | None = Field(None, description="How many we really helped to new relations (0 or more).")
    note: Text | None = Field(None, description="Remark.")


# --- records -------------------------------------------------------------------------


class Record(Model):
    """Fields every record has."""

    id: Slug | None = Field(None, description="Unique id; defaults to the file name without extension.")
    tags: list_of(Text) = Field(default_factory=list, description="Free tags.")
    extra: Annotated[dict[str, Any], BeforeValidator(none_as_empty_dict)] = Field(
        default_factory=dict, description="Free data the command ignores."
    )
    description: Markdown | None = Field(
        None, description="The record's free description; in a .md record the body after the front matter."
    )

    _path: str = PrivateAttr("")
    _locator: Any = PrivateAttr(None)

    @property
    def path(self) -> str:
        """The file, relative to the repository root."""
        return self._path

    @property
    def locator(self) -> Any:
        return self._locator

    @property
    def label(self) -> str:
        """A human name for the record."""
        for attr in ("name", "title"):
            value = getattr(self, attr, None)
            if value:
                return str(value)
        return self.id or ""


class Body(Record):
    """A committee, council, team or working group."""

    kind: Literal["body"] = Field(description="body")
    name: RequiredText = Field(description="The body's name.")
    type: Literal[BODY_TYPES] = Field(  # type: ignore[valid-type]
        description="council, committee, advisory_council, management, department, working_group, reference_group or other."
    )
    parent: Slug | None = Field(None, description="The body this one belongs under.")
    plan: Slug | None = Field(None, description="The plan a group works for.")
    members: list_of(Member) = Field(default_factory=list, description="Members with their roles.")
    size: Size | None = Field(None, description="The member count must fall inside min and max.")
    composition: list_of(Text) = Field(
        [], description="Sammensætning: the roles the group is to be made of, before members are named."
    )
    commission: Markdown | None = Field(None, description="Kommissorium.")
    status: Literal["active", "closed"] = Field("active", description="active or closed.")


class Person(Record):
    """A person who takes part: member, presenter, owner of an action."""

    kind: Literal["person"] = Field(description="person")
    name: RequiredText = Field(description="Full name.")
    title: Text | None = Field(None, description="Stilling: kontorchef, konsulent…")
    organisation: Text | None = Field(None, description="Where the person works or comes from.")
    email: Email | None = Field(None, description="E-mail address.")
    party: Text | None = Field(None, description="An elected member's party, e.g. Socialdemokratiet (A).")


class Meeting(Record):
    """Møde: the agenda before, the minutes after."""

    kind: Literal["meeting"] = Field(description="meeting")
    body: Slug = Field(description="Who meets: id of a body record.")
    title: Text | None = Field(None, description="Defaults to the body's name.")
    date: Date = Field(description="The meeting day.")
    start: Time | None = Field(None, description="HH:MM.")
    end: Time | None = Field(None, description="HH:MM; after start.")
    location: Text | None = Field(None, description="Mødested.")
    mode: Literal["in_person", "online", "hybrid"] | None = Field(None, description="in_person, online or hybrid.")
    status: Literal["planned", "held", "cancelled"] = Field(description="planned, held or cancelled.")
    chair: Slug | None = Field(None, description="Ordstyrer or formand: id of a person record.")
    secretary: Slug | None = Field(None, description="Referent: id of a person record.")
    attendees: list_of(AttendeeEntry) = Field(
        default_factory=list,
        description="Who takes part: ids of person records, or {person, from_item, to_item, arrived, left, note} for part of the meeting.",
    )
    absent: list_of(AbsenceEntry) = Field(
        [], description="Afbud: ids of person records, or {person, reason, substitute}."
    )
    staff: list_of(StaffEntry) = Field(
        default_factory=list, description="Fra forvaltningen deltog: officials present who are not members; ids or {person, role}."
    )
    guests: list_of(Text) = Field(default_factory=list, description="Guests with no person record.")
    items: list_of(Item) = Field(default_factory=list, description="Dagsordenspunkter, in order.")
    minutes_approved: Date | None = Field(None, description="When the minutes were approved; only on a held meeting.")

    @property
    def attendee_ids(self) -> list[str]:
        return [a.person for a in self.attendees]

    @property
    def datetime_start(self) -> dt.datetime | None:
        return dt.datetime.combine(self.date, self.start) if self.start else None


class Plan(Record):
    """Ensomhedsplan, strategi, kontrakt or procesplan."""

    kind: Literal["plan"] = Field(description="plan")
    title: RequiredText = Field(description="The plan's title.")
    owner: Slug = Field(description="The body that owns the plan.")
    status: Literal[PLAN_STATUSES] = Field(  # type: ignore[valid-type]
        description="draft, consultation, approved, active, completed or archived."
    )
    period: Period | None = Field(None, description="{from, to}: the period the plan covers.")
    approved_by: Slug | None = Field(None, description="The body that approved it.")
    approved_on: Date | None = Field(None, description="When it was approved.")
    vision: Markdown | None = Field(None, description="Vision or purpose.")
    principles: list_of(Text) = Field(default_factory=list, description="Principles the work follows.")
    themes: list_of(Theme) = Field(default_factory=list, description="Themes with focus and priorities.")
    goals: list_of(Goal) = Field(default_factory=list, description="Goals with baseline, target and measurements.")
    milestones: list_of(Milestone) = Field(default_factory=list, description="The process plan.")


class Initiative(Record):
    """Indsats: an activity or offer against loneliness."""

    kind: Literal["initiative"] = Field(description="initiative")
    title: RequiredText = Field(description="The initiative's title.")
    status: Literal[INITIATIVE_STATUSES] = Field(  # type: ignore[valid-type]
        description="proposed, planned, active, paused, completed or stopped."
    )
    category: Literal[CATEGORIES] = Field(  # type: ignore[valid-type]
        description="outreach (opsøgende), preventive (forebyggende), ongoing_contact (løbende kontakt med relationer),"
        " community (fællesskabsaktivitet) or experience (oplevelse)."
    )
    plans: list_of(Slug) = Field(default_factory=list, description="Plans the initiative serves.")
    goals: list_of(GoalRef) = Field(default_factory=list, description="Goals it works towards: PLAN-ID#GOAL-ID.")
    owner: Slug | None = Field(None, description="Who is responsible: a person or a body.")
    proposed_by: Slug | None = Field(None, description="The body that proposed it.")
    target_groups: list_of(Text) = Field(default_factory=list, description="Målgrupper.")
    partners: list_of(Text) = Field(default_factory=list, description="Samarbejdspartnere.")
    start: Date | None = Field(None, description="First day.")
    end: Date | None = Field(None, description="Last day; not before start.")
    budget: Budget | None = Field(None, description="{amount, currency, year}.")
    reach: list_of(Reach) = Field(default_factory=list, description="How many took part and found new relations, by date.")


KINDS: dict[str, type[Record]] = {
    "body": Body,
    "person": Person,
    "meeting": Meeting,
    "plan": Plan,
    "initiative": Initiative,
}
