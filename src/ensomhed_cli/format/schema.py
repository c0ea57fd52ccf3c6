"""The record format, declared once: one class per kind, a description per field.

This is the record format as code. Validation, the JSON Schema for editors and the
field reference in docs/record-format.md (format/reference.py) all come from these classes. Rules that span
fields or records (times in order, references resolve…) live in rules/
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr

from ensomhed_cli.format.fieldtypes import (
    Date,
    Email,
    FlexDate,
    GoalRef,
    Int,
    ListOf,
    Markdown,
    Number,
    RequiredText,
    Slug,
    Text,
    Time,
    none_as_empty_dict,
)
from ensomhed_cli.format.meeting_parts import (
    AbsenceEntry,
    Amendment,
    AttendeeEntry,
    Item,
    StaffEntry,
    person_entry,
)
from ensomhed_cli.format.model import Model, build_validators

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
ITEM_TYPES = ("decision", "information", "discussion")
PLAN_STATUSES = ("draft", "consultation", "approved", "active", "completed", "archived")
INITIATIVE_STATUSES = ("proposed", "planned", "active", "paused", "completed", "stopped")
CATEGORIES = ("outreach", "preventive", "ongoing_contact", "community", "experience")


# --- parts ---------------------------------------------------------------------------


class Member(Model):
    person: Slug = Field(description="The member: id of a person record.")
    role: Text | None = Field(None, description="formand, leder, medarbejder, konsulent, frivilligrepræsentant…")


MemberEntry = Annotated[Member, BeforeValidator(person_entry, json_schema_input_type=Slug | Member)]


class Size(Model):
    min: Int = Field(description="Fewest members the group may have.")
    max: Int = Field(description="Most members the group may have.")


class Period(Model):
    from_: FlexDate = Field(alias="from", description="First day of the period; or a month YYYY-MM, quarter YYYY-Qn or year YYYY.")
    to: FlexDate = Field(description="Last day of the period; or a month, quarter or year.")


class Theme(Model):
    id: Slug = Field(description="Unique in the plan.")
    title: RequiredText = Field(description="The theme's title.")
    focus: Markdown | None = Field(None, description="Fokus.")
    policies: ListOf[Text] = Field(default_factory=list, description="Samspil med politik: the policies the theme serves.")
    priorities: ListOf[Markdown] = Field(default_factory=list, description="Prioriteret indsats.")
    collaborates_with: ListOf[Text] = Field(default_factory=list, description="Samarbejde på tværs: other centres and partners.")


class Measure(Model):
    value: Number = Field(description="The figure.")
    date: Date | None = Field(None, description="When it held or is to hold.")


class Measurement(Model):
    date: Date = Field(description="When it was measured; measurements are in date order.")
    value: Number = Field(description="The figure measured.")
    note: Text | None = Field(None, description="Source or remark.")


GOAL_STATUSES = ("not_started", "on_track", "at_risk", "off_track", "achieved")


class Goal(Model):
    id: Slug = Field(description="Unique in the plan; referred to as PLAN-ID#GOAL-ID.")
    title: RequiredText = Field(description="The goal as the plan words it.")
    theme: Slug | None = Field(None, description="Id of a theme in the same plan.")
    indicator: Text | None = Field(None, description="What is measured.")
    unit: Text | None = Field(None, description="Unit of the figures (pct., personer, kr.…).")
    baseline: Measure | None = Field(None, description="Where we started.")
    target: Measure | None = Field(None, description="Where we want to be.")
    measurements: ListOf[Measurement] = Field(default_factory=list, description="Figures measured along the way, in date order.")
    direction: Literal["increase", "decrease"] | None = Field(
        None, description="increase or decrease: which way is better; inferred from baseline and target, needed where they are equal or missing."
    )
    status: Literal[GOAL_STATUSES] | None = Field(  # type: ignore[valid-type]
        None, description="The consultant's assessment: not_started, on_track, at_risk, off_track or achieved."
    )
    status_note: Markdown | None = Field(None, description="How far we are, in words.")


class Milestone(Model):
    id: Slug = Field(description="Unique in the plan.")
    title: RequiredText = Field(description="The milestone's title.")
    date: FlexDate | None = Field(None, description="When it happens or happened: a day, or a month YYYY-MM, quarter YYYY-Qn or year YYYY.")
    status: Literal["planned", "done", "cancelled"] = Field("planned", description="planned, done or cancelled.")
    depends_on: ListOf[Slug] = Field(default_factory=list, description="Ids of milestones in the same plan that come first.")
    participants: ListOf[Text] = Field(default_factory=list, description="Who takes part.")
    description: Markdown | None = Field(None, description="What happens.")


class Budget(Model):
    amount: Number = Field(description="Amount, 0 or more.")
    currency: Text = Field("DKK", description="Currency code; DKK unless given.")
    year: Int | None = Field(None, description="Budget year.")
    source: Text | None = Field(None, description="Who pays: kommune, a pulje, a fond…")


def _one_as_list(value: Any) -> Any:
    """A single mapping written where a list is allowed means a list of one; nothing, none."""
    if value is None:
        return []
    return [value] if isinstance(value, dict) else value


BudgetLines = Annotated[
    list[Budget], BeforeValidator(_one_as_list, json_schema_input_type=Budget | list[Budget])
]


class Reach(Model):
    from_: Date | None = Field(
        None, alias="from", description="First day of the period counted; defaults to the day after the previous entry's date."
    )
    date: Date = Field(description="When it was counted: the last day of the period.")
    participants: Int | None = Field(None, description="How many took part (0 or more).")
    new_relations: Int | None = Field(None, description="How many we really helped to new relations (0 or more).")
    note: Text | None = Field(None, description="Remark.")


# --- records -------------------------------------------------------------------------


class Record(Model):
    """Fields every record has."""

    id: Slug | None = Field(None, description="Unique id; defaults to the file name without extension.")
    tags: ListOf[Text] = Field(default_factory=list, description="Free tags.")
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

    kind: Literal["body"] = Field(description="`body`: what this record is.")
    name: RequiredText = Field(description="The body's name.")
    type: Literal[BODY_TYPES] = Field(  # type: ignore[valid-type]
        description="council, committee, advisory_council, management, department, working_group, reference_group or other."
    )
    parent: Slug | None = Field(None, description="The body this one belongs under.")
    plan: Slug | None = Field(None, description="The plan a group works for.")
    members: ListOf[MemberEntry] = Field(
        default_factory=list, description="Members: ids of person records, or {person, role} with the role in the body."
    )
    size: Size | None = Field(None, description="The member count must fall inside min and max.")
    composition: ListOf[Text] = Field(
        [], description="Sammensætning: the roles the group is to be made of, before members are named."
    )
    commission: Markdown | None = Field(None, description="Kommissorium.")
    status: Literal["active", "closed"] = Field("active", description="active or closed.")


class Person(Record):
    """A person who takes part: member, presenter, owner of an action."""

    kind: Literal["person"] = Field(description="`person`: what this record is.")
    name: RequiredText = Field(description="Full name.")
    title: Text | None = Field(None, description="Stilling: kontorchef, konsulent…")
    organisation: Text | None = Field(None, description="Where the person works or comes from.")
    email: Email | None = Field(None, description="E-mail address.")
    party: Text | None = Field(None, description="An elected member's party, e.g. Socialdemokratiet (A).")


class Meeting(Record):
    """Møde: the agenda before, the minutes after."""

    kind: Literal["meeting"] = Field(description="`meeting`: what this record is.")
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
    attendees: ListOf[AttendeeEntry] = Field(
        default_factory=list,
        description="Who takes part: ids of person records, or {person, from_item, to_item, arrived, left, note} for part of the meeting.",
    )
    absent: ListOf[AbsenceEntry] = Field(
        [], description="Afbud: ids of person records, or {person, reason, substitute}."
    )
    staff: ListOf[StaffEntry] = Field(
        default_factory=list, description="Fra forvaltningen deltog: officials present who are not members; ids or {person, role}."
    )
    guests: ListOf[Text] = Field(default_factory=list, description="Guests with no person record.")
    items: ListOf[Item] = Field(default_factory=list, description="Dagsordenspunkter, in order.")
    minutes_approved: Date | None = Field(None, description="When the minutes were approved; only on a held meeting.")
    agenda_sent: Date | None = Field(
        None,
        description="When the dagsorden was sent out; not after the meeting day. The agenda is then rendered as it stood"
        " at the last commit on or before that day (the dagsorden as sent).",
    )
    amendments: ListOf[Amendment] = Field(
        default_factory=list,
        description="Rettelser: {date, text, by}, corrections made after the minutes were approved; shown at the end of the minutes.",
    )

    @property
    def attendee_ids(self) -> list[str]:
        return [a.person for a in self.attendees]


class Plan(Record):
    """Ensomhedsplan, strategi, kontrakt or procesplan."""

    kind: Literal["plan"] = Field(description="`plan`: what this record is.")
    title: RequiredText = Field(description="The plan's title.")
    owner: Slug = Field(description="The body that owns the plan.")
    status: Literal[PLAN_STATUSES] = Field(  # type: ignore[valid-type]
        description="draft, consultation, approved, active, completed or archived."
    )
    period: Period | None = Field(None, description="{from, to}: the period the plan covers.")
    approved_by: Slug | None = Field(None, description="The body that approved it.")
    approved_on: Date | None = Field(None, description="When it was approved.")
    vision: Markdown | None = Field(None, description="Vision or purpose.")
    principles: ListOf[Text] = Field(default_factory=list, description="Principles the work follows.")
    themes: ListOf[Theme] = Field(default_factory=list, description="Themes with focus and priorities.")
    goals: ListOf[Goal] = Field(default_factory=list, description="Goals with baseline, target and measurements.")
    milestones: ListOf[Milestone] = Field(default_factory=list, description="The process plan.")


class Initiative(Record):
    """Indsats: an activity or offer against loneliness."""

    kind: Literal["initiative"] = Field(description="`initiative`: what this record is.")
    title: RequiredText = Field(description="The initiative's title.")
    status: Literal[INITIATIVE_STATUSES] = Field(  # type: ignore[valid-type]
        description="proposed, planned, active, paused, completed or stopped."
    )
    category: Literal[CATEGORIES] = Field(  # type: ignore[valid-type]
        description="outreach (opsøgende), preventive (forebyggende), ongoing_contact (løbende kontakt med relationer),"
        " community (fællesskabsaktivitet) or experience (oplevelse)."
    )
    plans: ListOf[Slug] = Field(default_factory=list, description="Plans the initiative serves.")
    goals: ListOf[GoalRef] = Field(default_factory=list, description="Goals it works towards: PLAN-ID#GOAL-ID.")
    owner: Slug | None = Field(None, description="Who is responsible: a person or a body.")
    proposed_by: Slug | None = Field(None, description="The body that proposed it.")
    target_groups: ListOf[Text] = Field(default_factory=list, description="Målgrupper.")
    partners: ListOf[Text] = Field(default_factory=list, description="Samarbejdspartnere.")
    start: FlexDate | None = Field(None, description="First day; or a month YYYY-MM, quarter YYYY-Qn or year YYYY.")
    end: FlexDate | None = Field(None, description="Last day, not before start; or a month, quarter or year.")
    budget: BudgetLines = Field(
        default_factory=list,
        description="{amount, currency, year, source}, or a list of them for several years or funders (kommune, pulje, fond).",
    )
    reach: ListOf[Reach] = Field(default_factory=list, description="How many took part and found new relations, by date.")


KINDS: dict[str, type[Record]] = {
    "body": Body,
    "person": Person,
    "meeting": Meeting,
    "plan": Plan,
    "initiative": Initiative,
}


def build_all_validators() -> None:
    """Every kind's validator and the settings', made now (see model.build_validators)."""
    from ensomhed_cli.format.config import Config

    build_validators(*KINDS.values(), Config)
