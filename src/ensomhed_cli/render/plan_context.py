"""The part of the template context that sums up a plan: goals and progress, initiatives, reach, groups and meetings."""

from __future__ import annotations

from typing import Any

from ensomhed_cli.format.schema import CATEGORIES, INITIATIVE_STATUSES, Body, Initiative, Plan
from ensomhed_cli.render import charts
from ensomhed_cli.render.i18n import iso_date


class PlanContext:
    """The plan summary's context. Mixed into ContextBuilder, which gives it the repository,
    the formatter, links, today's date and the helpers common to every document."""

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
            "latest": {"date": iso_date(latest.date), "date_text": self.f.date(latest.date), "value": latest.value, "value_text": q(latest.value), "note": latest.note} if latest else None,
            "measurements": [
                {"date": iso_date(m.date), "date_text": self.f.date(m.date), "value": m.value, "value_text": q(m.value), "note": m.note}
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
        return {"value": measure.value, "value_text": q(measure.value), "date": iso_date(measure.date), "date_text": self.f.date(measure.date)}

    def initiative(self, ini: Initiative) -> dict[str, Any]:
        # Each entry counts its own period (format 1.1), so totals add; a figure nobody
        # counted is "ikke opgjort", never 0.
        participants = _total(r.participants for r in ini.reach)
        relations = _total(r.new_relations for r in ini.reach)
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
            "budget_text": "; ".join(self._budget_line(b) for b in ini.budget),
            "reach": [
                {
                    "date": iso_date(r.date),
                    "date_text": self.f.date(r.date),
                    "participants": r.participants,
                    "new_relations": r.new_relations,
                    "note": r.note,
                }
                for r in ini.reach
            ],
            "reach_total": {
                "participants": participants,
                "new_relations": relations,
                "participants_text": self._count_text(participants),
                "new_relations_text": self._count_text(relations),
            },
            "description": ini.description,
        }

    def _count_text(self, count: int | None) -> str:
        return self.f.number(count) if count is not None else self.f.labels["not_counted"]

    def _budget_line(self, line) -> str:
        """450.000 kr. (2024, pulje)."""
        said = ", ".join(str(x) for x in (line.year, line.source) if x is not None)
        return self.f.money(line.amount, line.currency) + (f" ({said})" if said else "")

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
                "date": iso_date(m.date),
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
                # Only what was counted: an initiative with no count is not drawn as 0.
                [
                    (i["title"], i["reach_total"]["participants"] or 0, i["reach_total"]["new_relations"] or 0)
                    for i in initiatives
                    if i["reach_total"]["participants"] is not None or i["reach_total"]["new_relations"] is not None
                ],
                (self.f.labels["participants"], self.f.labels["new_relations"]),
            )
        return ctx

    def group(self, body: Body) -> dict[str, Any]:
        return {
            "id": body.id,
            "name": body.name,
            "type_label": self.f.value(body.type),
            "size_text": f"{body.size.min}–{body.size.max}" if body.size else "",
            "members": [self.member(m.person, m.role) for m in body.members],
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
                    "date": iso_date(meeting.date),
                    "date_text": self.f.date(meeting.date),
                    "href": self.link("minutes", meeting.id),
                }
                if item.decision:
                    decisions.append({"meeting": ref, "item": ctx})
                open_actions.extend(a for a in ctx["actions"] if a["status"] == "open")
        return decisions, open_actions


def _total(counts) -> int | None:
    """The sum of the counts given; None where none was."""
    given = [c for c in counts if c is not None]
    return sum(given) if given else None
