"""What a repository holds, at a glance: the data behind `ensomhed summary`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ensomhed_cli.check.repository import Repository


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


def overview(repo: Repository) -> list[Section]:
    meetings = Section("Meetings", ["date", "id", "body", "status", "items", "open actions"])
    for m in repo.meetings:
        open_actions = sum(1 for item in m.items for a in item.actions if a.status == "open")
        meetings.rows.append(
            [m.date.isoformat(), m.id, repo.name(m.body), m.status, str(len(m.items)), str(open_actions)]
        )
    plans = Section("Plans", ["id", "title", "status", "themes", "goals", "milestones"])
    for p in repo.plans:
        plans.rows.append(
            [p.id, p.title, p.status, str(len(p.themes)), str(len(p.goals)), str(len(p.milestones))]
        )
    initiatives = Section("Initiatives", ["id", "title", "status", "category", "proposed by / owner"])
    for i in repo.initiatives:
        initiatives.rows.append(
            [i.id, i.title, i.status, i.category, repo.name(i.owner or i.proposed_by)]
        )
    bodies = Section("Bodies", ["id", "name", "type", "members"])
    for b in repo.bodies:
        bodies.rows.append([b.id, b.name, b.type, str(len(b.members))])
    return [meetings, plans, initiatives, bodies]
