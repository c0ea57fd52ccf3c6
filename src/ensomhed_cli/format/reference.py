"""docs/record-format.md, written from the schema classes so that it cannot drift from them.

    python -m ensomhed_cli.format.reference > docs/record-format.md

Every kind, field, type, default and allowed value comes from format/schema.py (and the
parts in meeting_parts.py and config.py); the prose around them is here. The examples
are checked by tests/test_docs_current.py, so they stay records that `check` accepts.
"""

from __future__ import annotations

import sys
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ensomhed_cli.format import fieldtypes as ft
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.schema import KINDS, Record

# What each value type is called in the tables, and what it accepts.
VALUE_TYPES: list[tuple[Any, str, str]] = [
    (ft.Text, "text", "Any value, read as text: `title: 2020` is the text \"2020\", `name: NO` the text \"NO\"."),
    (ft.RequiredText, "text (not empty)", "Text with at least one character that is not a space."),
    (ft.Markdown, "Markdown", "Text rendered as Markdown, usually a `|` block. Raw HTML in it is shown as text."),
    (ft.Slug, "id", "An id: lower-case letters a-z, digits and hyphens, starting with a letter or digit (`aeldreraadet`, `2024-plan`)."),
    (ft.GoalRef, "goal id", "A goal of a plan, written `PLAN-ID#GOAL-ID`."),
    (ft.Email, "e-mail", "An e-mail address, `navn@kommune.dk`."),
    (ft.Date, "date", "A day, `YYYY-MM-DD` (`2022-08-29`), between the years 1900 and 2199."),
    (ft.FlexDate, "date or period", "A day `YYYY-MM-DD`, or (format 1.1) a month `YYYY-MM` (\"marts 2025\"), a quarter `YYYY-Qn` (\"2. kvartal 2025\") or a year `YYYY`. Ordering and \"overdue\" use the end of the period."),
    (ft.Time, "time", "`HH:MM`, 24-hour, or `HH.MM` as Danish documents write it: `14:00`, `14.00`, `9.30`. Quoted or not."),
    (ft.Int, "whole number", "`12`, `-3`, `1_000`; at most 10^15 either way."),
    (ft.Number, "number", "`450000`, `6.6`, or with a Danish decimal comma `6,6`. A dot as a thousands separator (`400.000`) is an error: YAML would read it as 400. At most 10^15 either way."),
    (ft.ItemNumber, "item number", "An item's number, 1 or more (`4`), or (format 1.1) a sub-item's label: `4.1`, `4.1.2`, `4a`. A label's leading number orders it."),
    (ft.Bool, "yes/no", "`true`/`false`, `yes`/`no` or `ja`/`nej`, in any case."),
]
# Fields added by format 1.1: (class, field). tests/test_docs_current.py holds that each exists.
FORMAT_1_1 = {
    ("Person", "party"), ("Meeting", "staff"), ("Attendee", "from_item"), ("Attendee", "to_item"), ("Attendee", "arrived"),
    ("Attendee", "left"), ("Attendee", "note"), ("Absence", "notice"), ("Item", "summary"), ("Item", "sections"),
    ("Item", "economy"), ("Item", "authority"), ("Item", "status"), ("Item", "votes"), ("Item", "statements"),
    ("Item", "absent"), ("Goal", "direction"), ("Goal", "status"), ("Budget", "source"), ("Reach", "from"),
}
# Fields this project adds to the format: (class, field).
PROJECT_ADDITIONS = {("Record", "description"), ("Body", "composition")}
KIND_TITLES = {
    "body": "a committee, council, team or working group (udvalg, råd, arbejdsgruppe)",
    "person": "someone who takes part",
    "meeting": "møde: the dagsorden before, the referat after",
    "plan": "ensomhedsplan, strategi, kontrakt or procesplan",
    "initiative": "indsats",
}

EXAMPLES = {
    "body": """\
kind: body
name: Ældrerådet
type: advisory_council
members:
  - {person: anna-hansen, role: formand}
  - {person: bo-madsen}
size: {min: 2, max: 11}
commission: |
  Ældrerådet rådgiver byrådet om forhold for ældre.
""",
    "person": """\
kind: person
name: Anna Hansen
title: konsulent
organisation: Social Omsorg
email: anna.hansen@kommune.dk
party: Socialdemokratiet (A)
""",
    "meeting": """\
kind: meeting
body: aeldreraadet
date: 2022-08-29
start: 16.00
end: "18:30"
location: Rådhuset, mødelokale 2
status: held
attendees:
  - anna-hansen
  - {person: bo-madsen, from_item: 24}
absent:
  - {person: carl-nielsen, reason: Ferie}
staff: [{person: eva-lund, role: referent}]
items:
  - number: 24
    title: Ensomhedsplanen
    type: discussion
    case: 22/1234
    presenters: [anna-hansen]
    plans: [ensomhedsplan-2024]
    decision: Rådet drøftede planen og bakker op om den.
    votes:
      - {motion: Indstillingen, for: [A, V], against: [O], abstained: []}
    actions:
      - {what: Sende høringssvar, owners: [anna-hansen], due: 2022-09}
  - number: 24.1
    title: Fordeling af puljen
    closed: ja
    absent: [{person: bo-madsen, conflict_of_interest: true}]
  - {number: 25, title: Madservice, status: postponed}
""",
    "plan": """\
kind: plan
title: Ensomhedsplan 2024-2025
owner: aeldreraadet
status: active
period: {from: 2024, to: 2025-Q4}
vision: Færre ældre er ufrivilligt ensomme.
themes:
  - {id: faellesskaber, title: Fællesskaber, priorities: [Besøgsvenner]}
goals:
  - id: faerre-ensomme
    title: Færre ældre føler sig ensomme
    theme: faellesskaber
    unit: pct.
    baseline: {value: "6,6", date: 2023-01-01}
    target: {value: 5, date: 2025-12-31}
    direction: decrease
    status: on_track
    measurements: [{date: 2024-06-30, value: 6.1, note: Sundhedsprofilen}]
milestones:
  - {id: hoering, title: Høring, date: 2024-09, status: done}
  - {id: vedtagelse, title: Vedtagelse, date: 2024-Q4, depends_on: [hoering]}
""",
    "initiative": """\
kind: initiative
title: Besøgsvenner
status: active
category: ongoing_contact
plans: [ensomhedsplan-2024]
goals: [ensomhedsplan-2024#faerre-ensomme]
owner: anna-hansen
target_groups: [ældre der bor alene]
partners: [frivillige]
start: 2024-03
budget:
  - {amount: 250000, year: 2024, source: kommune}
  - {amount: "75000,50", year: 2025, source: pulje}
reach:
  - {date: 2024-06-30, participants: 12, new_relations: 4}
  - {from: 2024-07-01, date: 2024-12-31, participants: 9}
""",
}

INTRO = """\
# The record format

<!-- Generated from the schema (src/ensomhed_cli/format/schema.py) by
     `python -m ensomhed_cli.format.reference > docs/record-format.md`. Do not edit by hand. -->

What `ensomhed` reads, and what `ensomhed check` accepts. Keys are English; content (titles,
decisions, notes) is usually Danish, and the Danish terms of the documents are given where a
field holds one. Records written to this page are accepted; a record that breaks it gets a
clear error at its file, line and column. `ensomhed schema` prints the same format as a JSON
Schema for editors.

## The repository

```
ensomhed.yaml        # marks the root; settings (below)
records/             # every record, in any sub-folders
templates/           # optional: the repository's own Jinja templates, replacing the built-in ones
```

`ensomhed` finds the root by walking up from the working directory to the first
`ensomhed.yaml`, the way git finds `.git`, or takes `--root PATH`. Every `*.md`, `*.yaml` and
`*.yml` file under `records/` is one record. A folder or file whose name starts with `.` or
`_` is skipped.

## A record

A `.md` record is YAML front matter between `---` lines, then a Markdown body: the record's
`description`. A `.yaml` or `.yml` record is the same mapping with no body. Files are UTF-8; a
BOM and CRLF line ends are accepted.

Records are read with a YAML dialect built for people:

- Every value is read as text first; the field then decides what the text means. `start:
  14:00` is the time 14:00 (plain YAML 1.1 reads 840), `name: NO` is the text "NO", `title:
  2020` the text "2020".
- A key given twice is an error (plain YAML keeps the last one without saying so).
- Tags (`!!python/object`, `!foo`) and merge keys (`<<`) are refused. Aliases are allowed but
  may expand to at most 10,000 values.
- An empty value (`attendees:`), `~` and `null` are no value: an empty list where a list is
  expected, an error where a value is required.
"""

OUTRO = """\
## Errors

Every problem is reported as `PATH:LINE:COL: error: MESSAGE` (or `warning:`), where PATH is
relative to the repository root and LINE:COL point at the offending key or value. An unknown
key is an error, with a suggestion when a known key is close (`atendees` → did you mean
`attendees`?). One bad record never stops the others from being checked: every problem in the
repository is reported in one run. `ensomhed check` exits 0 when there are no errors, 1 when
there are errors, and 2 when it could not run (no repository found, bad arguments).

Besides the types on this page, `check` holds the rules between fields and records: ids are
unique in the repository and every reference names a record of the right kind; a meeting's
`end` is after its `start`, its items run in order inside its hours; nobody is both present
and absent; only a held meeting has decisions, votes, statements and approved minutes; item
numbers and labels are unique in a meeting; theme, goal and milestone ids are unique in their
plan, milestone dependencies have no cycles, measurements are in date order; periods run
forwards; budgets and reach are not negative; `vocabularies` in `ensomhed.yaml` are followed.
"""


def _plain(annotation: Any) -> tuple[Any, list[Any]]:
    """The annotation without Annotated wrappers, and the metadata they carried."""
    meta: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        meta.extend(typing.get_args(annotation)[1:])
        annotation = typing.get_args(annotation)[0]
    return annotation, meta


def _value_type_name(annotation: Any) -> str | None:
    for known, name, _ in VALUE_TYPES:
        if annotation is known or annotation == known:
            return name
    return None


def type_name(annotation: Any, refs: list[type[BaseModel]]) -> str:
    """How a field's type reads in the tables; the parts it names are appended to `refs`."""
    name = _value_type_name(annotation)
    if name:
        return name
    plain, meta = _plain(annotation)
    origin = typing.get_origin(plain)
    if origin is Literal:
        return " ".join(f"`{v}`" for v in typing.get_args(plain))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(plain) if a is not type(None)]
        return " or ".join(type_name(a, refs) for a in options)
    if origin is list:
        inner = type_name(typing.get_args(plain)[0], refs)
        for m in meta:  # a mapping written where a list is allowed (a budget line)
            if getattr(m, "json_schema_input_type", PydanticUndefined) not in (PydanticUndefined, Any):
                return f"{inner}, or a list of them"
        return f"list of {inner}"
    if origin is dict:
        return "mapping (free)"
    if isinstance(plain, type) and issubclass(plain, BaseModel):
        if plain not in refs:
            refs.append(plain)
        entry = _entry_input(meta)
        return f"id, or [{plain.__name__.lower()}](#{_anchor(plain)})" if entry else f"[{plain.__name__.lower()}](#{_anchor(plain)})"
    return getattr(plain, "__name__", str(plain))


def _entry_input(meta: list[Any]) -> bool:
    """An entry that may be written as just a person's id (AbsenceEntry and the like)."""
    return any(getattr(m, "json_schema_input_type", PydanticUndefined) not in (PydanticUndefined, Any) for m in meta)


def _anchor(model: type[BaseModel]) -> str:
    return f"part-{model.__name__.lower()}"


def _rule(field: Any) -> str:
    if field.is_required():
        return "required"
    default = field.get_default(call_default_factory=True)
    if default in (None, [], {}):
        return "optional"
    if isinstance(default, bool):
        default = "true" if default else "false"
    return f"optional, default `{default}`"


def field_table(model: type[BaseModel], refs: list[type[BaseModel]], *, own_only: bool = False) -> list[str]:
    rows = ["| field | type | rule | what it holds |", "|---|---|---|---|"]
    inherited = set(Record.model_fields) if own_only else set()
    for name, field in model.model_fields.items():
        if name in inherited:
            continue
        key = field.alias or name
        note = ""
        if (model.__name__, key) in FORMAT_1_1:
            note = " *(format 1.1)*"
        elif (model.__name__, key) in PROJECT_ADDITIONS or ("Record", key) in PROJECT_ADDITIONS and model is Record:
            note = " *(added by ensomhed)*"
        annotation = Any if field.annotation is None else typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        description = (field.description or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{key}` | {type_name(annotation, refs)} | {_rule(field)} | {description}{note} |")
    return rows


def _example(kind: str) -> list[str]:
    return ["Example:", "", "```yaml", EXAMPLES[kind].rstrip("\n"), "```", ""]


def render() -> str:
    out = [INTRO]
    out += ["## Value types", "", "| type | written |", "|---|---|"]
    out += [f"| {name} | {text} |" for _, name, text in VALUE_TYPES]
    out += ["", "A field that is `optional` may be left out or left empty. A list of ids may also be written",
            "as one id per `- ` line or in brackets: `attendees: [anna-hansen, bo-madsen]`.", ""]
    refs: list[type[BaseModel]] = []
    out += ["## Fields every record has", ""] + field_table(Record, refs) + [""]
    out += ["`kind` says which of the kinds below a record is, and is required: "
            + ", ".join(f"`{k}`" for k in KINDS) + ".", ""]
    for kind, model in KINDS.items():
        out += [f"## {kind} — {KIND_TITLES[kind]}", "", (model.__doc__ or "").strip(), ""]
        out += field_table(model, refs, own_only=True) + [""] + _example(kind)
    out += ["## Parts of records", "", "The mappings that the fields above hold, in the order they are first named.", ""]
    done: set[type[BaseModel]] = set()
    while len(done) < len(refs):
        part = next(r for r in refs if r not in done)
        done.add(part)
        out += [f'<a id="{_anchor(part)}"></a>', "", f"### {part.__name__.lower()}", ""] + field_table(part, refs) + [""]
    out += ["## Additions in format 1.1", "",
            "Format 1.1 lets a record hold what real Danish dagsordener, referater and status reports",
            "hold; everything of format 1.0 stays valid. Its fields are marked *(format 1.1)* above:", ""]
    out += [f"- `{cls.lower()}.{name}`" for cls, name in sorted(FORMAT_1_1)]
    out += ["", "and a milestone's `date`, an action's `due`, an initiative's `start` and `end` and a plan's",
            "`period` may be a month, quarter or year; an item's `number` may be a label (`7.1`, `2a`); an",
            "attendee, an absence, a staff member and an item absence may be a mapping as well as an id;",
            "an action's `owners` may name bodies; a `budget` may be a list. When a meeting lists no",
            "`attendees`, the members of its body count as present, except those in `absent`.", ""]
    config_refs: list[type[BaseModel]] = []
    out += ["## ensomhed.yaml", "", "The repository's settings. Every key is optional.", ""]
    out += field_table(Config, config_refs) + [""]
    for part in config_refs:
        out += [f'<a id="{_anchor(part)}"></a>', "", f"### {part.__name__.lower()}", ""] + field_table(part, []) + [""]
    out += ["Example:", "", "```yaml", "municipality: Hedensted Kommune", "language: da",
            "timezone: Europe/Copenhagen", "vocabularies:", "  target_groups: [plejehjemsbeboere, ældre der bor alene]",
            "  partners: [frivillige, foreninger]", "```", "", OUTRO]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
