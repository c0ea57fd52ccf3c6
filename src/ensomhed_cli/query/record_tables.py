"""One record as the index holds it: its rows in the SQL tables and in `list`, its label and references.

Everything here depends on the record alone, so it is worked out once per file, when
the file changes (in the worker that parses it) and kept in the index. What depends on
other records too (a meeting's title from its body's name, who was present from the
body's members) is a view in the index (query/index_schema.py), never stored here.
Only plain values: a payload crosses processes and lands in SQLite.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ensomhed_cli.check.record_summary import loc_text
from ensomhed_cli.check.references import VOTE_SIDES, is_person_ref, references
from ensomhed_cli.check.rules.plans import inferred_direction
from ensomhed_cli.format.fieldtypes import item_parent
from ensomhed_cli.format.schema import Body, Initiative, Meeting, Person, Plan, Record
from ensomhed_cli.query.jsontext import dumps_indented
from ensomhed_cli.query.present import table_fields
from ensomhed_cli.query.rows import (
    action_rows,
    goal_rows,
    item_rows,
    milestone_rows,
    plain,
    record_row,
)

SEP = "\x01"  # between the parts of a sort key: below every character a key part holds


def meeting_key(meeting: Meeting) -> str:
    """Meetings in date order: date, start (none first), id, then file, as Repository.meetings."""
    return SEP.join([meeting.date.isoformat(), plain(meeting.start) or "00:00", meeting.id or "", meeting.path or ""])


def id_key(record: Record) -> str:
    """Other records by id, then file: as `list` sorts them."""
    return SEP.join([record.id or "", record.path or ""])


def payload(record: Record) -> dict[str, Any]:
    """What the index keeps of one valid record (see query/index.py)."""
    tables: list[tuple[str, str, tuple]] = []
    path = record.path or ""
    # Tables keyed like table_rows orders them: a meeting's rows in meeting order, the rest in file order.
    key = meeting_key(record) if isinstance(record, Meeting) else path
    for table, row in _table_rows(record):
        tables.append((table, path if table == "tags" else key, row))
    listed = _list_rows(record)
    return {
        "id": record.id,
        "kind": record.kind,  # type: ignore[attr-defined]
        "label": record.label,
        "tables": tables,
        "rows": listed,
        "refs": json.dumps([[loc_text(loc), ref] for loc, ref, _ in references(record)], ensure_ascii=False),
        "targets": sorted(_targets(record)),
        "roster": sorted(_roster_only(record)),
        # The whole record, validated again when read (index_load.records_from_index): a
        # document's records come from here rather than from parsing their files.
        "record": record.model_dump_json(by_alias=True),
    }


# Where a meeting names who took part; a meeting shown only as a decision or a date (on a
# plan's or an initiative's page, as an item's history) needs none of these people.
ROSTER_FIELDS = frozenset({"chair", "secretary", "attendees", "absent", "staff"})


def _roster_only(record: Record) -> set[str]:
    """The ids a meeting names only as who took part, nowhere in its items."""
    roster: set[str] = set()
    elsewhere: set[str] = set()
    for loc, ref, _ in references(record):
        (roster if isinstance(record, Meeting) and loc[0] in ROSTER_FIELDS else elsewhere).add(ref)
    return roster - elsewhere


def _targets(record: Record) -> set[str]:
    """Every id the record refers to, a plan whose goal it names included."""
    found = {ref for _, ref, _ in references(record)}
    if isinstance(record, Initiative):
        found.update(ref.partition("#")[0] for ref in record.goals)
    return found


def _dumps(kind: str, row: dict) -> tuple[str, str, str]:
    """The row as `list --format json` writes it inside its list (indented one level, so the
    output is these texts joined); in brief, what a table of the kind shows (a meeting's
    items only counted); and the keys the brief does not hold whole."""
    text = "  " + dumps_indented(row).replace("\n", "\n  ")
    shown = table_fields(kind)
    counted = [k for k, v in row.items() if isinstance(v, list) and any(isinstance(x, dict) for x in v)]
    brief = {k: len(v) if k in counted else v for k, v in row.items() if k in shown}
    partial = [k for k in row if k not in brief or k in counted]
    return text, json.dumps(brief, ensure_ascii=False, separators=(",", ":")), ",".join(partial)


def _list_rows(record: Record) -> list[tuple]:
    """(list kind, row id, sort key, the last day an action is due, the row as JSON, in
    brief, the keys shortened) for `list`: see _dumps."""
    dumped = plain(record)
    if isinstance(record, Meeting):
        key = meeting_key(record)
        out = [("meetings", record.id, key, None, *_dumps("meetings", record_row(record, dumped)))]
        out += [("items", row["id"], key, None, *_dumps("items", row)) for row in item_rows(record, dumped)]
        dues = [plain(_last_day(a.due)) for item in record.items for a in item.actions]
        for row, due in zip(action_rows(record, dt.date.min, dumped), dues, strict=True):
            row.pop("overdue")  # depends on the day it is asked; added when read
            out.append(("actions", row["id"], key, due, *_dumps("actions", row)))
        return out
    key = id_key(record)
    kind = {Plan: "plans", Initiative: "initiatives", Body: "bodies", Person: "people"}[type(record)]
    out = [(kind, record.id, key, None, *_dumps(kind, record_row(record, dumped)))]
    if isinstance(record, Plan):
        out += [("goals", row["id"], key, None, *_dumps("goals", row)) for row in goal_rows(record, dumped)]
        out += [("milestones", row["id"], key, None, *_dumps("milestones", row)) for row in milestone_rows(record, dumped)]
    return out


def _last_day(value: dt.date | None) -> dt.date | None:
    """The day after which a due date is passed: a period's last day (a PeriodDate is that day)."""
    return None if value is None else dt.date(value.year, value.month, value.day)


def _table_rows(record: Record) -> list[tuple[str, tuple]]:
    """The record's rows in the SQL tables (query/sql.py SCHEMA), in table order.

    `meetings.title` is the title as written (the view falls back on the body's name), and
    `attendees` holds every listed attendee's details (the `attendance` view reads them)."""
    out: list[tuple[str, tuple]] = []
    add = lambda table, *values: out.append((table, values))  # noqa: E731
    if isinstance(record, Meeting):
        m = record
        add("meetings", m.id, m.path, m.body, m.title, plain(m.date), plain(m.start), plain(m.end), m.location, m.mode, m.status, m.chair, m.secretary, plain(m.minutes_approved), plain(m.agenda_sent))
        for pos, amendment in enumerate(m.amendments, start=1):
            add("amendments", m.id, pos, plain(amendment.date), amendment.text, amendment.by)
        for a in m.attendees:
            add("attendees", m.id, a.person, a.from_item, a.to_item, plain(a.arrived), plain(a.left), a.note)
        for absence in m.absent:
            add("absences", m.id, absence.person, absence.reason, absence.substitute, int(absence.notice))
        for s in m.staff:
            add("staff", m.id, s.person, s.role)
        for guest in m.guests:
            add("guests", m.id, guest)
        for pos, it in enumerate(m.items, start=1):
            add("items", m.id, it.number, item_parent(it.number), pos, it.title, it.type, it.case, plain(it.start), plain(it.end), int(it.closed), it.status, it.summary, it.description, it.economy, it.authority, it.recommendation, it.decision, it.public_decision)
            for ab in it.absent:
                add("item_absences", m.id, it.number, ab.person, ab.reason, int(ab.conflict_of_interest))
            for vpos, vote in enumerate(it.votes, start=1):
                add("votes", m.id, it.number, vpos, vote.motion, len(vote.for_), len(vote.against), len(vote.abstained))
                for side, attr in VOTE_SIDES.items():
                    for voter in getattr(vote, attr):
                        add("voters", m.id, it.number, vpos, side, voter, voter if is_person_ref(voter) else None)
            for spos, st in enumerate(it.statements, start=1):
                add("statements", m.id, it.number, spos, st.type, ", ".join(st.by), st.text)
            for pid in it.presenters:
                add("presenters", m.id, it.number, pid)
            for iid in it.initiatives:
                add("item_initiatives", m.id, it.number, iid)
            for pid in it.plans:
                add("item_plans", m.id, it.number, pid)
            for att in it.attachments:
                add("attachments", m.id, it.number, att.title, att.path, att.url, int(att.closed))
            for apos, ac in enumerate(it.actions, start=1):
                add("actions", m.id, it.number, apos, ac.what, plain(ac.due), ac.status, plain(ac.done_on))
                for pid in ac.owners:
                    add("action_owners", m.id, it.number, apos, pid)
    elif isinstance(record, Plan):
        p = record
        add("plans", p.id, p.path, p.title, p.owner, p.status, plain(p.period.from_) if p.period else None, plain(p.period.to) if p.period else None, p.approved_by, plain(p.approved_on), p.vision)
        for t in p.themes:
            add("themes", p.id, t.id, t.title, t.focus)
        for g in p.goals:
            latest = g.measurements[-1] if g.measurements else None
            add(
                "goals", p.id, g.id, f"{p.id}#{g.id}", g.title, g.theme, g.indicator, g.unit,
                g.baseline.value if g.baseline else None, plain(g.baseline.date) if g.baseline else None,
                g.target.value if g.target else None, plain(g.target.date) if g.target else None,
                latest.value if latest else None, plain(latest.date) if latest else None,
                g.direction or inferred_direction(g), g.status, g.status_note,
            )
            for meas in g.measurements:
                add("measurements", p.id, g.id, plain(meas.date), meas.value, meas.note)
        for ms in p.milestones:
            add("milestones", p.id, ms.id, ms.title, plain(ms.date), ms.status)
            for dep in ms.depends_on:
                add("milestone_dependencies", p.id, ms.id, dep)
    elif isinstance(record, Initiative):
        i = record
        currencies = {b.currency for b in i.budget}
        years = {b.year for b in i.budget}
        # The total where it is one sum (one currency); each line is in `budgets`.
        total = sum(b.amount for b in i.budget) if len(currencies) == 1 else None
        add("initiatives", i.id, i.path, i.title, i.status, i.category, i.owner, i.proposed_by, plain(i.start), plain(i.end), total, currencies.pop() if len(currencies) == 1 else None, years.pop() if len(years) == 1 else None)
        for line in i.budget:
            add("budgets", i.id, line.amount, line.currency, line.year, line.source)
        for pid in i.plans:
            add("initiative_plans", i.id, pid)
        for ref in i.goals:
            plan_id, _, goal_id = ref.partition("#")
            add("initiative_goals", i.id, plan_id, goal_id)
        for tg in i.target_groups:
            add("target_groups", i.id, tg)
        for pa in i.partners:
            add("partners", i.id, pa)
        for r in i.reach:
            add("reach", i.id, plain(r.from_), plain(r.date), r.participants, r.new_relations, r.note)
    elif isinstance(record, Body):
        b = record
        add("bodies", b.id, b.path, b.name, b.type, b.parent, b.plan, b.size.min if b.size else None, b.size.max if b.size else None, b.status)
        for mem in b.members:
            add("members", b.id, mem.person, mem.role)
    elif isinstance(record, Person):
        add("people", record.id, record.path, record.name, record.title, record.organisation, record.email, record.party)
    for tag in record.tags:
        add("tags", record.id, record.kind, tag)  # type: ignore[attr-defined]
    return out
