"""What a repository holds, at a glance: the data behind `ensomhed summary`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ensomhed_cli.check.repository import Repository


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


# (title, columns) of each section, in English and Danish.
SECTIONS = {
    "en": {
        "meetings": ("Meetings", ["date", "id", "body", "status", "items", "open actions"]),
        "plans": ("Plans", ["id", "title", "status", "themes", "goals", "milestones"]),
        "initiatives": ("Initiatives", ["id", "title", "status", "category", "proposed by / owner"]),
        "bodies": ("Bodies", ["id", "name", "type", "members"]),
    },
    "da": {
        "meetings": ("Møder", ["dato", "id", "råd/udvalg", "status", "punkter", "åbne opfølgninger"]),
        "plans": ("Planer", ["id", "titel", "status", "temaer", "mål", "milepæle"]),
        "initiatives": ("Indsatser", ["id", "titel", "status", "kategori", "foreslået af / ansvarlig"]),
        "bodies": ("Råd og udvalg", ["id", "navn", "type", "medlemmer"]),
    },
}


def overview(repo: Repository, lang: str = "en", values: dict[str, str] | None = None) -> list[Section]:
    """The sections of `summary`, in `lang`; `values` names statuses, types and categories
    in words (render/labels.VALUES)."""
    words = values or {}

    def word(value: str) -> str:
        return words.get(value, value)

    titled = SECTIONS["da" if lang == "da" else "en"]
    meetings = Section(*titled["meetings"])
    for m in repo.meetings:
        open_actions = sum(1 for item in m.items for a in item.actions if a.status == "open")
        meetings.rows.append(
            [m.date.isoformat(), m.id or "", repo.name(m.body), word(m.status), str(len(m.items)), str(open_actions)]
        )
    plans = Section(*titled["plans"])
    for p in repo.plans:
        plans.rows.append(
            [p.id or "", p.title, word(p.status), str(len(p.themes)), str(len(p.goals)), str(len(p.milestones))]
        )
    initiatives = Section(*titled["initiatives"])
    for i in repo.initiatives:
        initiatives.rows.append(
            [i.id or "", i.title, word(i.status), word(i.category), repo.name(i.owner or i.proposed_by)]
        )
    bodies = Section(*titled["bodies"])
    for b in repo.bodies:
        bodies.rows.append([b.id or "", b.name, word(b.type), str(len(b.members))])
    return [meetings, plans, initiatives, bodies]
