"""The loaded repository: every valid record, by id and kind. A plain library API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ensomhed_cli.check.record_summary import invalid_ids
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.meeting_parts import Attendee, Item
from ensomhed_cli.format.schema import Body, Initiative, Meeting, Person, Plan, Record

R = TypeVar("R", bound=Record)


@dataclass
class Repository:
    root: Path
    config: Config = field(default_factory=Config)
    records: list[Record] = field(default_factory=list)  # valid records, in path order
    files: int = 0  # record files found, valid or not
    summaries: list = field(default_factory=list)  # one per identifiable file, valid or not (summary.Summary)

    def __post_init__(self) -> None:
        self.by_id: dict[str, Record] = {}
        for record in self.records:
            assert record.id is not None
            self.by_id.setdefault(record.id, record)
        self.invalid: dict[str, str] = invalid_ids(self.summaries)  # id -> kind of records that failed the schema
        self._cases: dict[str, list[tuple[Meeting, Item]]] | None = None
        self._meetings: list[Meeting] | None = None
        self._by_body: dict[str, list[Meeting]] | None = None
        self._naming: dict[str, list[tuple[int, int, Meeting, Item]]] | None = None

    def get(self, record_id: str) -> Record | None:
        return self.by_id.get(record_id)

    def of_kind(self, cls: type[R]) -> list[R]:
        return [r for r in self.records if isinstance(r, cls)]

    @property
    def bodies(self) -> list[Body]:
        return self.of_kind(Body)

    @property
    def people(self) -> list[Person]:
        return self.of_kind(Person)

    @property
    def meetings(self) -> list[Meeting]:
        """Meetings in date order (sorted once: a site asks for every page)."""
        if self._meetings is None:
            self._meetings = sorted(self.of_kind(Meeting), key=lambda m: (m.date, m.start or dt.time.min, m.id or ""))
        return list(self._meetings)

    def meetings_of(self, body: str) -> list[Meeting]:
        """The body's meetings in date order."""
        if self._by_body is None:
            self._by_body = {}
            for meeting in self.meetings:
                self._by_body.setdefault(meeting.body, []).append(meeting)
        return list(self._by_body.get(body, []))

    @property
    def plans(self) -> list[Plan]:
        return self.of_kind(Plan)

    @property
    def initiatives(self) -> list[Initiative]:
        return self.of_kind(Initiative)

    def name(self, record_id: str | None) -> str:
        """The record's name or title, or the id itself when no such record exists."""
        if record_id is None:
            return ""
        record = self.by_id.get(record_id)
        return record.label if record else record_id

    def present(self, meeting: Meeting) -> list[Attendee]:
        """Who was present: the attendees as listed; where none are listed, the members of the
        body and the substitutes (stedfortrædere) of the absent. Never anyone in `absent`:
        nobody is both present and absent."""
        absent = {a.person for a in meeting.absent}
        listed = meeting.attendees
        if not listed:
            body = self.by_id.get(meeting.body)
            members = [m.person for m in body.members] if isinstance(body, Body) else []
            substitutes = [a.substitute for a in meeting.absent if a.substitute]
            listed = [Attendee(person=pid) for pid in dict.fromkeys([*members, *substitutes])]
        return [a for a in listed if a.person not in absent]

    def items_by_case(self) -> dict[str, list[tuple[Meeting, Item]]]:
        """Sagsnummer -> every (meeting, item) that treats it; built once, on first use."""
        if self._cases is None:
            cases: dict[str, list[tuple[Meeting, Item]]] = {}
            for m in self.of_kind(Meeting):
                for it in m.items:
                    if it.case and it.case.strip():
                        cases.setdefault(it.case.strip(), []).append((m, it))
            self._cases = cases
        return self._cases

    def items_naming(self, ids: list[str]) -> list[tuple[Meeting, Item]]:
        """(meeting, item) of every item that names one of these initiatives or plans, in the
        order of the meetings (by date) and their items; built once, on first use."""
        if self._naming is None:
            self._naming = {}
            for mi, m in enumerate(self.meetings):
                for ii, it in enumerate(m.items):
                    for rid in dict.fromkeys([*it.initiatives, *it.plans]):
                        self._naming.setdefault(rid, []).append((mi, ii, m, it))
        found = {(mi, ii): (m, it) for rid in ids for mi, ii, m, it in self._naming.get(rid, [])}
        return [found[key] for key in sorted(found)]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for record in self.records:
            out[record.kind] = out.get(record.kind, 0) + 1  # type: ignore[attr-defined]
        return out

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)
