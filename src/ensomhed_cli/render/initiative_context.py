"""The part of the template context about initiatives: one in a plan summary, and an initiative's own page.

Both are as of the builder's date (`today`, `render --as-of`): reach counted after
it, and decisions of meetings after it, are not yet known.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ensomhed_cli.format.schema import Budget, Initiative, Meeting, Plan
from ensomhed_cli.render import charts, plan_status
from ensomhed_cli.render.context_base import ContextBase
from ensomhed_cli.render.i18n import iso_date

if TYPE_CHECKING:
    from markupsafe import Markup


class InitiativeContext(ContextBase):
    """Mixed into ContextBuilder (through PlanContext): needs repo, f, link, ref, today, public, output, item."""

    def initiative(self, ini: Initiative) -> dict[str, Any]:
        # Each entry counts its own period (format 1.1), so totals add; a figure nobody
        # counted is "ikke opgjort", never 0.
        known = plan_status.known_reach(ini.reach, self.today)
        participants = plan_status.total(r.participants for r, _ in known)
        relations = plan_status.total(r.new_relations for r, _ in known)
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
            "goals": [self.goal_ref(g) for g in ini.goals],
            "budget": [
                {"amount": b.amount, "currency": b.currency, "year": b.year, "source": b.source, "amount_text": self.f.money(b.amount, b.currency)}
                for b in ini.budget
            ],
            "budget_text": "; ".join(self._budget_line(b) for b in ini.budget),
            "budget_by_year": self.budget_totals(ini.budget, "year"),
            "budget_by_source": self.budget_totals(ini.budget, "source"),
            "reach": [
                {
                    "from": iso_date(begins),
                    "date": iso_date(r.date),
                    "date_text": self.f.date(r.date),
                    "period_text": self.f.period(begins, r.date),
                    "participants": r.participants,
                    "new_relations": r.new_relations,
                    "participants_text": self._count_text(r.participants),
                    "new_relations_text": self._count_text(r.new_relations),
                    "note": r.note,
                }
                for r, begins in known
            ],
            "reach_total": self.reach_total(participants, relations),
            "description": ini.description,
        }

    def reach_total(self, participants: int | None, relations: int | None) -> dict[str, Any]:
        return {
            "participants": participants,
            "new_relations": relations,
            "participants_text": self._count_text(participants),
            "new_relations_text": self._count_text(relations),
        }

    def goal_ref(self, ref: str) -> dict[str, Any]:
        """PLAN#GOAL as a reader sees it: the goal's title and its plan, linked where the plan has a page."""
        plan_id, _, goal_id = ref.partition("#")
        plan = self.repo.get(plan_id)
        goal = next((g for g in plan.goals if g.id == goal_id), None) if isinstance(plan, Plan) else None
        page = self.link("plan", plan_id)
        return {
            "ref": ref,
            "title": goal.title if goal else ref,
            "plan": self.ref("plan", plan_id),
            "href": f"{page}#maal-{goal_id}" if page and goal else None,
        }

    def _count_text(self, count: int | None) -> str:
        return self.f.number(count) if count is not None else self.f.labels["not_counted"]

    def _budget_line(self, line: Budget) -> str:
        """450.000 kr. (2024, pulje)."""
        said = ", ".join(str(x) for x in (line.year, line.source) if x is not None)
        return self.f.money(line.amount, line.currency) + (f" ({said})" if said else "")

    def budget_totals(self, lines: Iterable[Budget], key: str) -> list[dict[str, Any]]:
        """[{key, label, amount_text}] per year or per source: "2024", "450.000 kr."; a line
        that names none stands under "ikke angivet"."""
        return [
            {
                "key": name,
                "label": str(name) if name is not None else self.f.labels["not_given"],
                "amount_text": " + ".join(self.f.money(amount, currency) for currency, amount in sums.items()),
            }
            for name, sums in plan_status.budget_totals(lines, key)
        ]

    def reach_chart(self, label: str, rows: list[tuple[str, int | None, int | None]], chart_id: str) -> Markup | None:
        """Bars of participants and new relations, one row a name (HTML only)."""
        if self.output != "html":
            return None
        return charts.bar_chart(
            label,
            [(name, [p, n]) for name, p, n in rows],
            [self.f.labels["participants"], self.f.labels["new_relations"]],
            fmt=self.f.number,
            unit=self.f.labels["people"],
            not_counted=self.f.labels["not_counted"],
            described_by=chart_id,
            prefix=f"{chart_id}-svg",
        )

    def mentions(self, initiative_id: str) -> list[dict[str, Any]]:
        """Items that name the initiative, newest meeting first: decisions of meetings held by
        the date, and agendas of those to come; in public output never a closed item."""
        found = []
        pairs = [(m, it) for m, it in self.repo.items_naming([initiative_id]) if initiative_id in it.initiatives]
        for meeting, item in sorted(pairs, key=lambda pair: (pair[0].date, pair[0].id), reverse=True):
            if meeting.status == "cancelled" or (item.closed and self.public):
                continue
            decided = meeting.status == "held" and meeting.date <= self.today
            found.append({"meeting": self.meeting_ref(meeting, decided), "item": self.item(item, meeting, with_decision=decided)})
        return found

    def meeting_ref(self, meeting: Meeting, decided: bool) -> dict[str, Any]:
        return {
            "id": meeting.id,
            "title": self.meeting_title(meeting),
            "body": self.ref("body", meeting.body),
            "date": iso_date(meeting.date),
            "date_text": self.f.date(meeting.date),
            "title_date": self.title_date(meeting),
            "time_text": self.f.time_span(meeting.start, meeting.end),
            "location": meeting.location,
            "decided": decided,
            "href": self.link("minutes" if decided else "agenda", meeting.id),
        }

    def initiative_page(self, ini: Initiative) -> dict[str, Any]:
        assert ini.id is not None  # every record of a Repository has one (Repository.__post_init__)
        ctx = self.base("initiative", f"{self.f.labels['initiative']}: {ini.title}", ini.path)
        shown = self.initiative(ini)
        plan_ids = list(dict.fromkeys([*ini.plans, *(g["plan"]["id"] for g in shown["goals"])]))
        mentions = self.mentions(ini.id)
        ctx.update(
            {
                "initiative": shown,
                "as_of": iso_date(self.today),
                "as_of_text": self.f.labels["status_as_of"].format(date=self.f.date(self.today)),
                "plans": [self.ref("plan", p) for p in plan_ids],
                "mentions": mentions,
                "open_actions": [a for m in mentions for a in m["item"]["actions"] if a["status"] == "open"],
                "reach_chart": self.reach_chart(
                    f"{self.f.labels['reach_over_time']}: {ini.title}",
                    [(r["period_text"] or r["date_text"], r["participants"], r["new_relations"]) for r in shown["reach"]],
                    "raekkevidde-tal",
                ),
            }
        )
        return ctx
