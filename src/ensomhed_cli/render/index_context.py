"""What the site's front page holds: every body's meetings, the plans, and who follows up what.

A mixin of the ContextBuilder (render/context.py), which gives it `repo`, `f`, `link`,
`show_actions`, `base()`, `body()`, `ref()`, `action()`, `decided_items()` and
`title_date()`.
"""

from __future__ import annotations

from typing import Any

from ensomhed_cli.format.schema import Person
from ensomhed_cli.render.context_base import ContextBase
from ensomhed_cli.render.i18n import iso_date


class IndexContext(ContextBase):
    def follow_up(self) -> list[dict[str, Any]]:
        """The open actions of every held meeting, grouped by owner (a person or a body),
        owners by name and each owner's actions by due date; an action with two owners
        stands under both. In public output no closed item's action is shown, and none at all
        unless the settings publish actions."""
        groups: dict[str, list[dict[str, Any]]] = {}
        if not self.show_actions:
            return []
        for meeting, item in self.decided_items():
            for action in item.actions:
                if action.status == "open":
                    shown = self.action(action, item, meeting)
                    for owner in shown["owners"]:
                        groups.setdefault(owner["id"], []).append(shown)
        result = []
        for owner_id, actions in groups.items():
            owner = self.ref("person" if isinstance(self.repo.get(owner_id), Person) else "body", owner_id)
            actions.sort(key=lambda a: (a["due"] or "9999-99-99", a["meeting"]["id"]))
            result.append({"owner": owner, "name": owner["name"], "actions": actions})
        return sorted(result, key=lambda g: (g["name"].casefold(), g["owner"]["id"]))

    def index(self) -> dict[str, Any]:
        ctx = self.base("index", self.f.labels["index"], None)
        bodies: dict[str, dict[str, Any]] = {}
        for meeting in sorted(self.repo.meetings, key=lambda m: (m.date, m.id), reverse=True):
            entry = bodies.get(meeting.body)
            if entry is None:  # a body once, not once per meeting (with every member's label)
                entry = bodies[meeting.body] = {"body": self.body(meeting.body), "meetings": []}
            entry["meetings"].append(
                {
                    "id": meeting.id,
                    "title": self.meeting_title(meeting),
                    "date": iso_date(meeting.date),
                    "date_text": self.f.date(meeting.date),
                    "title_date": self.title_date(meeting),
                    "status": meeting.status,
                    "status_label": self.f.value(meeting.status),
                    "agenda_href": self.link("agenda", meeting.id),
                    "minutes_href": self.link("minutes", meeting.id) if meeting.status == "held" else None,
                }
            )
        ctx["bodies"] = sorted(bodies.values(), key=lambda b: b["body"]["name"].lower())
        ctx["follow_up"] = self.follow_up()
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
