"""The context each template receives: plain dicts and lists, documented in docs/templates.md.

Values come both raw (ISO dates, numbers) and formatted for the document's language
(`date_text`, `time_text`, `value_text`). In public output a closed item keeps its
number and title; everything else it holds is left out here, before any template
sees it, so no template can leak it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ensomhed_cli.render import charts
from ensomhed_cli.render.i18n import Formatter
from ensomhed_cli.repository import Repository
from ensomhed_cli.schema import (
    CATEGORIES,
    INITIATIVE_STATUSES,
    Body,
    Initiative,
    Item,
    Meeting,
    Person,
    Plan,
)

Href = Callable[[str], str]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _hhmm(t: dt.time | None) -> str | None:
    return t.strftime("%H:%M") if t else None


class ContextBuilder:
    def __init__(
        self,
        repo: Repository,
        lang: str,
        *,
        public: bool = False,
        output: str = "md",
        attachment_href: Href | None = None,
        link: Callable[[str, str], str | None] | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.repo = repo
        self.f = Formatter(lang)
        self.public = public
        self.output = output
        self.attachment_href = attachment_href or (lambda path: path)
        self.link = link or (lambda kind, record_id: None)
        self.today = today or dt.date.today()

    # --- common ---------------------------------------------------------------------

    def base(self, doc_kind: str, title: str, source: str | None) -> dict[str, Any]:
        return {
            "doc": {"kind": doc_kind, "title": title, "source": source},
            "lang": self.f.lang,
            "labels": dict(self.f.labels),
            "municipality": self.repo.config.municipality,
            "public": self.public,
            "format": self.output,
        }

    def person(self, pid: str | None) -> dict[str, Any] | None:
        if pid is None:
            return None
        record = self.repo.get(pid)
        if not isinstance(record, Person):
            return {"id": pid, "name": pid, "title": None, "organisation": None, "label": pid}
        extra = ", ".join(x for x in (record.title, record.organisation) if x)
        return {
            "id": pid,
            "name": record.name,
            "title": record.title,
            "organisation": record.organisation,
            "label": f"{record.name} ({extra})" if extra else record.name,
        }

    def people(self, ids: list[str]) -> list[dict[str, Any]]:
        return [self.person(pid) for pid in ids]  # type: ignore[misc]

    def ref(self, kind: str, record_id: str | None) -> dict[str, Any] | None:
        if record_id is None:
            return None
        return {"id": record_id, "name": self.repo.name(record_id), "href": self.link(kind, record_id)}

    def body(self, body_id: str) -> dict[str, Any]:
        record = self.repo.get(body_id)
        members = []
        if isinstance(record, Body):
            members = [{"person": self.person(m.person), "role": m.role} for m in record.members]
        return {
            "id": body_id,
            "name": self.repo.name(body_id),
            "type": record.type if isinstance(record, Body) else None,
            "type_label": self.f.value(record.type) if isinstance(record, Body) else "",
            "members": members,
        }

    # --- meetings --------------------------------------------------------------------

    def action(self, action, item: Item, meeting: Meeting) -> dict[str, Any]:
        owners = self.people(action.owners)
        return {
            "what": action.what,
            "owners": owners,
            "owners_text": ", ".join(o["name"] for o in owners),
            "due": _iso(action.due),
            "due_text": self.f.date(action.due),
            "status": action.status,
            "status_label": self.f.value(action.status),
            "done_on": _iso(action.done_on),
            "done_on_text": self.f.date(action.done_on),
            "overdue": action.status == "open" and action.due is not None and action.due < self.today,
            "item_number": item.number,
            "item_title": item.title,
            "meeting": {"id": meeting.id, "title": self.meeting_title(meeting), "date_text": self.f.date(meeting.date)},
        }

    def item(self, item: Item, meeting: Meeting, with_decision: bool) -> dict[str, Any]:
        hidden = item.closed and self.public
        ctx: dict[str, Any] = {
            "number": item.number,
            "title": item.title,
            "anchor": f"punkt-{item.number}",
            "closed": item.closed,
            "hidden": hidden,
            "type": None,
            "type_label": "",
            "case": None,
            "start": None,
            "end": None,
            "time_text": "",
            "presenters": [],
            "description": None,
            "recommendation": None,
            "decision": None,
            "attachments": [],
            "initiatives": [],
            "plans": [],
            "actions": [],
        }
        if hidden:
            return ctx
        ctx.update(
            {
                "type": item.type,
                "type_label": self.f.value(item.type),
                "case": item.case,
                "start": _hhmm(item.start),
                "end": _hhmm(item.end),
                "time_text": self.f.time_span(item.start, item.end),
                "presenters": self.people(item.presenters),
                "description": item.description,
                "recommendation": item.recommendation,
                "decision": item.decision if with_decision else None,
                "attachments": [
                    {"title": a.title, "href": a.url if a.url else self.attachment_href(a.path or "")}
                    for a in item.attachments
                ],
                "initiatives": [self.ref("initiative", i) for i in item.initiatives],
                "plans": [self.ref("plan", p) for p in item.plans],
                "actions": [self.action(a, item, meeting) for a in item.actions] if with_decision else [],
            }
        )
        return ctx

    def meeting_title(self, meeting: Meeting) -> str:
        return meeting.title or self.repo.name(meeting.body)

    def meeting(self, meeting: Meeting, doc_kind: str) -> dict[str, Any]:
        """doc_kind: agenda (no decisions, no follow-up) or minutes."""
        with_decision = doc_kind == "minutes"
        items = [self.item(i, meeting, with_decision) for i in meeting.items]
        title = self.meeting_title(meeting)
        ctx = self.base(doc_kind, f"{self.f.labels[doc_kind]}: {title}", meeting.path)
        ctx["meeting"] = {
            "id": meeting.id,
            "title": title,
            "body": self.body(meeting.body),
            "date": _iso(meeting.date),
            "date_text": self.f.date_long(meeting.date),
            "start": _hhmm(meeting.start),
            "end": _hhmm(meeting.end),
            "time_text": self.f.time_span(meeting.start, meeting.end),
            "location": meeting.location,
            "mode": meeting.mode,
            "mode_label": self.f.value(meeting.mode),
            "status": meeting.status,
            "status_label": self.f.value(meeting.status),
            "chair": self.person(meeting.chair),
            "secretary": self.person(meeting.secretary),
            "attendees": self.people(meeting.attendees),
            "absent": [
                {"person": self.person(a.person), "reason": a.reason, "substitute": self.person(a.substitute)}
                for a in meeting.absent
            ],
            "guests": list(meeting.guests),
            "description": meeting.description,
            "minutes_approved": _iso(meeting.minutes_approved),
            "minutes_approved_text": self.f.date(meeting.minutes_approved),
            "items": items,
            "actions": [a for i in items for a in i["actions"]],
        }
        return ctx

    # --- plans ------------------------------------------------------------------------

    def plan_initiatives(self, plan: Plan) -> list[Initiative]:
        prefix = f"{plan.id}#"
        return [
            i
            for i in self.repo.initiatives
            if plan.id in i.plans or any(g.startswith(prefix) for g in i.goals)
        ]

    def goal(self, plan: Plan, goal) -> dict[str, Any]:
        q = lambda v: self.f.quantity(v, goal.unit)  # noqa: E731
        latest = goal.measurements[-1] if goal.measurements else None
        progress = None
        if latest is not None and goal.baseline is not None and goal.target is not None:
            distance = goal.target.value - goal.baseline.value
            if distance:
                progress = max(0.0, min(1.0, (latest.value - goal.baseline.value) / distance))
        theme = next((t for t in plan.themes if t.id == goal.theme), None)
        ctx = {
            "id": goal.id,
            "ref": f"{plan.id}#{goal.id}",
            "title": goal.title,
            "theme": {"id": theme.id, "title": theme.title} if theme else None,
            "indicator": goal.indicator,
            "unit": goal.unit,
            "baseline": self._measure(goal.baseline, q),
            "target": self._measure(goal.target, q),
            "latest": {"date": _iso(latest.date), "date_text": self.f.date(latest.date), "value": latest.value, "value_text": q(latest.value), "note": latest.note} if latest else None,
            "measurements": [
                {"date": _iso(m.date), "date_text": self.f.date(m.date), "value": m.value, "value_text": q(m.value), "note": m.note}
                for m in goal.measurements
            ],
            "progress": progress,
            "progress_text": f"{self.f.pct(round(progress * 100))} {self.f.labels['of_the_way']}" if progress is not None else "",
            "status_note": goal.status_note,
            "chart": None,
        }
        if self.output == "html":
            ctx["chart"] = charts.goal_chart(
                goal.title,
                [(m.date, m.value, q(m.value)) for m in goal.measurements],
                (goal.baseline.date, goal.baseline.value, q(goal.baseline.value)) if goal.baseline else None,
                (goal.target.date, goal.target.value, q(goal.target.value)) if goal.target else None,
            )
        return ctx

    def _measure(self, measure, q) -> dict[str, Any] | None:
        if measure is None:
            return None
        return {"value": measure.value, "value_text": q(measure.value), "date": _iso(measure.date), "date_text": self.f.date(measure.date)}

    def initiative(self, ini: Initiative) -> dict[str, Any]:
        participants = sum(r.participants or 0 for r in ini.reach)
        relations = sum(r.new_relations or 0 for r in ini.reach)
        return {
            "id": ini.id,
            "title": ini.title,
            "href": self.link("initiative", ini.id),
            "status": ini.status,
            "status_label": self.f.value(ini.status),
            "category": ini.category,
            "category_label": self.f.value(ini.category),
            "owner": self.ref("owner", ini.owner),
            "proposed_by": self.ref("body", ini.proposed_by),
            "target_groups": list(ini.target_groups),
            "partners": list(ini.partners),
            "period_text": self.f.period(ini.start, ini.end),
            "budget_text": self.f.money(ini.budget.amount, ini.budget.currency) + (f" ({ini.budget.year})" if ini.budget.year else "") if ini.budget else "",
            "reach": [
                {
                    "date": _iso(r.date),
                    "date_text": self.f.date(r.date),
                    "participants": r.participants,
                    "new_relations": r.new_relations,
                    "note": r.note,
                }
                for r in ini.reach
            ],
            "reach_total": {"participants": participants, "new_relations": relations},
            "description": ini.description,
        }

    def plan(self, plan: Plan) -> dict[str, Any]:
        ctx = self.base("plan", f"{self.f.labels['plan_summary']}: {plan.title}", plan.path)
        initiatives = [self.initiative(i) for i in self.plan_initiatives(plan)]
        groups = []
        for category in CATEGORIES:
            in_category = [i for i in initiatives if i["category"] == category]
            if not in_category:
                continue
            by_status = []
            for status in INITIATIVE_STATUSES:
                chosen = [i for i in in_category if i["status"] == status]
                if chosen:
                    by_status.append({"status": status, "status_label": self.f.value(status), "initiatives": chosen})
            groups.append({"category": category, "category_label": self.f.value(category), "statuses": by_status})
        milestones = [
            {
                "id": m.id,
                "title": m.title,
                "date": _iso(m.date),
                "date_text": self.f.date(m.date) if m.date else self.f.labels["not_dated"],
                "status": m.status,
                "status_label": self.f.value(m.status),
                "depends_on": [next((x.title for x in plan.milestones if x.id == d), d) for d in m.depends_on],
                "participants": list(m.participants),
                "description": m.description,
            }
            for m in plan.milestones
        ]
        decisions, open_actions = self.plan_meetings(plan, {i["id"] for i in initiatives})
        goals = [self.goal(plan, g) for g in plan.goals]
        ctx["plan"] = {
            "id": plan.id,
            "title": plan.title,
            "status": plan.status,
            "status_label": self.f.value(plan.status),
            "owner": self.ref("body", plan.owner),
            "period_text": self.f.period(plan.period.from_, plan.period.to) if plan.period else "",
            "approved_by": self.ref("body", plan.approved_by),
            "approved_on_text": self.f.date(plan.approved_on),
            "vision": plan.vision,
            "description": plan.description,
            "principles": list(plan.principles),
            "themes": [
                {
                    "id": t.id,
                    "title": t.title,
                    "focus": t.focus,
                    "policies": list(t.policies),
                    "priorities": list(t.priorities),
                    "collaborates_with": list(t.collaborates_with),
                    "goals": [g for g in goals if g["theme"] and g["theme"]["id"] == t.id],
                }
                for t in plan.themes
            ],
            "goals": goals,
            "milestones": milestones,
            "initiative_groups": groups,
            "initiatives": initiatives,
            "groups": [self.group(b) for b in self.repo.bodies if b.plan == plan.id],
            "decisions": decisions,
            "open_actions": open_actions,
            "timeline_chart": None,
            "reach_chart": None,
        }
        if self.output == "html":
            ctx["plan"]["timeline_chart"] = charts.timeline_chart(
                self.f.labels["milestones"], [(m.date, m.title, self.f.date(m.date), m.status) for m in plan.milestones if m.date]
            )
            ctx["plan"]["reach_chart"] = charts.reach_chart(
                self.f.labels["reach"],
                [(i["title"], i["reach_total"]["participants"], i["reach_total"]["new_relations"]) for i in initiatives],
                (self.f.labels["participants"], self.f.labels["new_relations"]),
            )
        return ctx

    def group(self, body: Body) -> dict[str, Any]:
        return {
            "id": body.id,
            "name": body.name,
            "type_label": self.f.value(body.type),
            "size_text": f"{body.size.min}–{body.size.max}" if body.size else "",
            "members": [{"person": self.person(m.person), "role": m.role} for m in body.members],
            "composition": list(body.composition),
            "commission": body.commission,
        }

    def plan_meetings(self, plan: Plan, initiative_ids: set[str]) -> tuple[list, list]:
        """Decisions and open actions from meeting items that concern the plan or its initiatives."""
        decisions, open_actions = [], []
        for meeting in self.repo.meetings:
            if meeting.status != "held":
                continue
            for item in meeting.items:
                if plan.id not in item.plans and not initiative_ids.intersection(item.initiatives):
                    continue
                if item.closed and self.public:
                    continue
                ctx = self.item(item, meeting, with_decision=True)
                ref = {
                    "id": meeting.id,
                    "title": self.meeting_title(meeting),
                    "date": _iso(meeting.date),
                    "date_text": self.f.date(meeting.date),
                    "href": self.link("minutes", meeting.id),
                }
                if item.decision:
                    decisions.append({"meeting": ref, "item": ctx})
                open_actions.extend(a for a in ctx["actions"] if a["status"] == "open")
        return decisions, open_actions

    # --- index -------------------------------------------------------------------------

    def index(self) -> dict[str, Any]:
        ctx = self.base("index", self.f.labels["index"], None)
        bodies: dict[str, dict[str, Any]] = {}
        for meeting in sorted(self.repo.meetings, key=lambda m: (m.date, m.id), reverse=True):
            entry = bodies.setdefault(meeting.body, {"body": self.body(meeting.body), "meetings": []})
            entry["meetings"].append(
                {
                    "id": meeting.id,
                    "title": self.meeting_title(meeting),
                    "date": _iso(meeting.date),
                    "date_text": self.f.date(meeting.date),
                    "status": meeting.status,
                    "status_label": self.f.value(meeting.status),
                    "agenda_href": self.link("agenda", meeting.id),
                    "minutes_href": self.link("minutes", meeting.id) if meeting.status == "held" else None,
                }
            )
        ctx["bodies"] = sorted(bodies.values(), key=lambda b: b["body"]["name"].lower())
        ctx["plans"] = [
            {
                "id": p.id,
                "title": p.title,
                "status": p.status,
                "status_label": self.f.value(p.status),
                "owner": self.ref("body", p.owner),
                "period_text": self.f.period(p.period.from_, p.period.to) if p.period else "",
                "href": self.link("plan", p.id),
            }
            for p in sorted(self.repo.plans, key=lambda p: p.title.lower())
        ]
        return ctx
