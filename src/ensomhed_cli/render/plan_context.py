"""The part of the template context that sums up a plan: goals and progress, initiatives, reach, groups and meetings.

A summary is "Status pr. <dato>": the builder's `today` (`render plan --as-of`). It
uses only what was known on that date: measurements, reach entries, milestones done,
and decisions and actions of meetings held by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ensomhed_cli.format.fieldtypes import parse_period_date
from ensomhed_cli.format.schema import (
    CATEGORIES,
    INITIATIVE_STATUSES,
    Body,
    Goal,
    Initiative,
    Measure,
    Milestone,
    Plan,
)
from ensomhed_cli.render import charts, plan_status
from ensomhed_cli.render.i18n import iso_date
from ensomhed_cli.render.initiative_context import InitiativeContext


class PlanContext(InitiativeContext):
    """The plan summary's context. Mixed into ContextBuilder, which gives it the repository,
    the formatter, links, today's date and the helpers common to every document."""

    def plan_initiatives(self, plan: Plan) -> list[Initiative]:
        prefix = f"{plan.id}#"
        return [
            i
            for i in self.repo.initiatives
            if plan.id in i.plans or any(g.startswith(prefix) for g in i.goals)
        ]

    def goal(self, plan: Plan, goal: Goal) -> dict[str, Any]:
        q = lambda v: self.f.quantity(v, goal.unit)  # noqa: E731
        known = [m for m in goal.measurements if m.date <= self.today]  # what was measured by the date
        latest = known[-1] if known else None
        share = plan_status.progress(goal, latest.value if latest else None)
        way = plan_status.direction(goal)
        theme = next((t for t in plan.themes if t.id == goal.theme), None)
        chart_id = f"maal-{goal.id}-tal"
        ctx = {
            "id": goal.id,
            "ref": f"{plan.id}#{goal.id}",
            "title": goal.title,
            "theme": {"id": theme.id, "title": theme.title} if theme else None,
            "indicator": goal.indicator,
            "unit": goal.unit,
            "direction": way,
            "direction_label": self.f.value(way),
            "baseline": self._measure(goal.baseline, q),
            "target": self._measure(goal.target, q),
            "latest": {"date": iso_date(latest.date), "date_text": self.f.date(latest.date), "value": latest.value, "value_text": q(latest.value), "note": latest.note} if latest else None,
            "latest_text": f"{q(latest.value)} ({self.f.date(latest.date)})" if latest else self.f.labels["no_measurement"],
            "measurements": [
                {"date": iso_date(m.date), "date_text": self.f.date(m.date), "value": m.value, "value_text": q(m.value), "note": m.note}
                for m in known
            ],
            "progress": share,
            "progress_bar": plan_status.bar(share),
            "progress_text": plan_status.progress_text(goal, latest.value if latest else None, share, self.f),
            "status": goal.status,
            "status_label": self.f.value(goal.status),
            "status_symbol": plan_status.GOAL_SYMBOLS.get(goal.status or "", ""),
            "status_note": goal.status_note,
            "chart_id": chart_id,
            "chart": None,
        }
        if self.output == "html":
            ctx["chart"] = charts.goal_chart(
                goal.title,
                [(m.date, m.value, q(m.value)) for m in known],
                (goal.baseline.date, goal.baseline.value, q(goal.baseline.value)) if goal.baseline else None,
                (goal.target.date, goal.target.value, q(goal.target.value)) if goal.target else None,
                fmt=self.f.number,
                unit=goal.unit,
                words=(self.f.labels["baseline"], self.f.labels["target"]),
                described_by=chart_id,
            )
        return ctx

    def _measure(self, measure: Measure | None, q: Callable[[float], str]) -> dict[str, Any] | None:
        if measure is None:
            return None
        return {"value": measure.value, "value_text": q(measure.value), "date": iso_date(measure.date), "date_text": self.f.date(measure.date)}

    def milestone(self, plan: Plan, m: Milestone) -> dict[str, Any]:
        state = plan_status.milestone_state(m, self.today)
        words = {"overdue": self.f.labels["overdue"], "done": self.f.value("done"), "cancelled": self.f.value("cancelled")}
        return {
            "id": m.id,
            "title": m.title,
            "date": iso_date(m.date),
            "date_text": self.f.date(m.date) if m.date else self.f.labels["not_dated"],
            "status": m.status,
            "status_label": self.f.value(m.status),
            "state": state,
            "state_label": words.get(state, self.f.value("planned")),
            "depends_on": [next((x.title for x in plan.milestones if x.id == d), d) for d in m.depends_on],
            "participants": list(m.participants),
            "description": m.description,
        }

    def coming_meetings(self, plan: Plan) -> list[dict[str, Any]]:
        """The next meetings after the date of the plan's owner and of the groups working for it."""
        bodies = {plan.owner} | {b.id for b in self.repo.bodies if b.plan == plan.id}
        coming = sorted(
            (m for m in self.repo.meetings if m.body in bodies and m.date > self.today and m.status != "cancelled"),
            key=lambda m: (m.date, m.start or dt.time(0), m.id),
        )
        return [
            {**self.meeting_ref(m, False), "date_text": self.f.date_long(m.date), "title_date": self.title_date(m, self.f.date_long(m.date))}
            for m in coming[: plan_status.COMING_MEETINGS]
        ]

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
        milestones = [self.milestone(plan, m) for m in plan.milestones]
        decisions, open_actions = self.plan_meetings(plan, {i["id"] for i in initiatives})
        goals = [self.goal(plan, g) for g in plan.goals]
        budget_lines = [b for i in self.plan_initiatives(plan) for b in i.budget]
        weeks = plan_status.MILESTONE_WEEKS
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
            "as_of": iso_date(self.today),
            "as_of_text": self.f.labels["status_as_of"].format(date=self.f.date(self.today)),
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
            "milestones_overdue": _in_state(plan, milestones, "overdue"),
            "milestones_done": _in_state(plan, milestones, "done"),
            "milestones_due": _in_state(plan, milestones, "due"),
            "milestones_undated": _in_state(plan, milestones, "undated"),
            "milestones_due_heading": self.f.labels["milestones_due"].format(weeks=weeks),
            "milestones_due_none": self.f.labels["no_milestones_due"].format(weeks=weeks),
            "coming_meetings": self.coming_meetings(plan),
            "initiative_groups": groups,
            "initiatives": initiatives,
            "reach_total": self.reach_total(
                plan_status.total(i["reach_total"]["participants"] for i in initiatives),
                plan_status.total(i["reach_total"]["new_relations"] for i in initiatives),
            ),
            "budget_by_year": self.budget_totals(budget_lines, "year"),
            "budget_by_source": self.budget_totals(budget_lines, "source"),
            "groups": [self.group(b) for b in self.repo.bodies if b.plan == plan.id],
            "decisions": decisions,
            "open_actions": open_actions,
            "timeline_chart": None,
            "reach_chart": None,
        }
        if self.output == "html":
            ctx["plan"]["timeline_chart"] = charts.timeline_chart(
                self.f.labels["milestones"],
                [(m.date, m.title, self.f.date(m.date), m.status, shown["state_label"])
                 for m, shown in zip(plan.milestones, milestones, strict=True) if m.date],
                described_by="milepaele-liste",
            )
            ctx["plan"]["reach_chart"] = self.reach_chart(
                self.f.labels["reach"],
                [(i["title"], i["reach_total"]["participants"], i["reach_total"]["new_relations"]) for i in initiatives],
                "raekkevidde-tal",
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

    def plan_meetings(self, plan: Plan, initiative_ids: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Decisions and open actions from items of meetings held by the date that concern the
        plan or its initiatives; an action done after the date was open then."""
        assert plan.id is not None  # every record of a Repository has one (Repository.__post_init__)
        decisions: list[dict[str, Any]] = []
        open_actions: list[dict[str, Any]] = []
        for meeting, item in self.decided_items(until=self.today, naming=[plan.id, *sorted(initiative_ids)]):
            if plan.id not in item.plans and not initiative_ids.intersection(item.initiatives):
                continue  # named, but as the other kind
            ctx = self.item(item, meeting, with_decision=True)
            ref = {
                "id": meeting.id,
                "title": self.meeting_title(meeting),
                "date": iso_date(meeting.date),
                "date_text": self.f.date(meeting.date),
                "title_date": self.title_date(meeting),
                "href": self.link("minutes", meeting.id),
            }
            if item.decision:
                decisions.append({"meeting": ref, "item": ctx})
            open_actions.extend(a for a in map(self._open_then, ctx["actions"]) if a)
        return decisions, open_actions

    def _open_then(self, action: dict[str, Any]) -> dict[str, Any] | None:
        """The action as it stood on the date: open, or done only after it; None otherwise."""
        if action["status"] == "open":
            return action
        if action["status"] == "done" and action["done_on"] and action["done_on"] > iso_date(self.today):
            due = action["due"]
            return {**action, "status": "open", "status_label": self.f.value("open"), "done_on": None, "done_on_text": "",
                    "overdue": bool(due) and parse_period_date(due) < self.today}  # a month or quarter: at its end
        return None



def _in_state(plan: Plan, shown: list[dict[str, Any]], state: str) -> list[dict[str, Any]]:
    """The milestones in one state, in date order (a month or quarter at its end), the undated last."""
    chosen = [(m.date, n, ctx) for n, (m, ctx) in enumerate(zip(plan.milestones, shown, strict=True)) if ctx["state"] == state]
    return [ctx for _, _, ctx in sorted(chosen, key=lambda c: (c[0] is None, c[0] or dt.date.min, c[1]))]
