"""What minutes hold beyond the agenda: attendance, votes, statements and a case's history.

Who was there and for which items, who took no part in an item (inhabil), the votes and
statements under a decision, and the earlier treatment of the item's case.

A mixin of the ContextBuilder (render/context.py), which gives it `repo`, `f`, `public`,
`link`, `person()` and `member()`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ensomhed_cli.check.references import VOTE_SIDES, is_person_ref
from ensomhed_cli.format.fieldtypes import item_order, item_parent
from ensomhed_cli.format.meeting_parts import Attendee, Item
from ensomhed_cli.format.schema import Body, Meeting
from ensomhed_cli.render.context_base import ContextBase


class MinutesContext(ContextBase):
    # --- who was there -------------------------------------------------------------------

    def present(self, meeting: Meeting) -> list[dict[str, Any]]:
        """Who was present (Repository.present), each with the role in the body said once."""
        body = self.repo.get(meeting.body)
        roles = {m.person: m.role for m in body.members} if isinstance(body, Body) else {}
        stands_in = {a.substitute: a.person for a in meeting.absent if a.substitute}
        out = []
        for attendee in self.repo.present(meeting):
            entry = self.member(attendee.person, roles.get(attendee.person))
            absent = self.person(stands_in.get(attendee.person))
            entry["substitute_for"] = absent
            # "stedfortræder for Anne Holm (A), deltog fra punkt 3"
            said = [self.f.labels["substitute_for"].format(name=absent["name"]) if absent else None, self.attendance_text(attendee)]
            entry["attendance_text"] = ", ".join(filter(None, said)) or None
            entry["note"] = attendee.note
            out.append(entry)
        return out

    def attendance_text(self, attendee: Attendee) -> str | None:
        """"deltog fra punkt 3", "forlod mødet kl. 17.30 efter punkt 6"; None for the whole meeting."""
        labels = self.f.labels
        parts = []
        if attendee.from_item is not None:
            parts.append(labels["attended_from"].format(item=attendee.from_item))
        if attendee.arrived is not None:
            parts.append(labels["arrived_at"].format(time=self.f.time(attendee.arrived)))
        if attendee.left is not None and attendee.to_item is not None:
            parts.append(labels["left_at_after"].format(time=self.f.time(attendee.left), item=attendee.to_item))
        elif attendee.left is not None:
            parts.append(labels["left_at"].format(time=self.f.time(attendee.left)))
        elif attendee.to_item is not None:
            parts.append(labels["left_after"].format(item=attendee.to_item))
        return ", ".join(parts) or None

    # --- an item's outcome -----------------------------------------------------------------

    def voter(self, voter: str) -> str:
        """A person by name with party letters (Anne Holm (A)); anything else as written."""
        if not is_person_ref(voter):
            return voter
        person = self.person(voter)
        letters = person.get("party_letters")
        return f"{person['name']} ({letters})" if letters else person["name"]

    def votes(self, item: Item) -> list[dict[str, Any]]:
        out = []
        for vote in item.votes:
            sides = []
            for side, attr in VOTE_SIDES.items():
                voters = getattr(vote, attr)
                names = [self.voter(v) for v in voters]
                # A count only where every voter is a person: "A, V" is two parties, not two votes.
                count = len(voters) if voters and all(is_person_ref(v) for v in voters) else None
                sides.append(
                    {
                        "side": side,
                        "label": self.f.labels[f"vote_{side}"],
                        "voters": names,
                        "count": count,
                        "text": self.f.join(names) if names else self.f.labels["none"].lower(),
                    }
                )
            out.append({"motion": vote.motion, "sides": sides})
        return out

    def statements(self, item: Item) -> list[dict[str, Any]]:
        out = []
        for s in item.statements:
            by = [self.voter(v) for v in s.by]
            by_text = self.f.join(by)
            label = self.f.labels[s.type]
            heading = self.f.labels["statement_by"].format(label=label, by=by_text)
            out.append({"type": s.type, "label": label, "by": by, "by_text": by_text, "heading": heading, "text": s.text})
        return out

    def outcome_text(self, status: str) -> str | None:
        """"Punktet blev udsat." / "… taget af dagsordenen." where minutes would give a decision."""
        return self.f.labels[f"item_{status}"] if status != "treated" else None

    def item_attendance(self, meeting: Meeting, item: Item) -> dict[str, Any]:
        """Who took no part in the item because they were not at the meeting for it (absent,
        not come yet, gone), and who came or left around it, as real minutes say it under
        each decision ("Fraværende: …", "… forlod mødet kl. 16.45 efter dette punkt.").
        Absence from the item alone, and inhabilitet, are item_absent's."""
        labels = self.f.labels
        here = item_order(item.number)
        away: list[dict[str, Any]] = []
        for absence in meeting.absent:
            away.append({"person": self.person(absence.person), "name": self.voter(absence.person), "note": None})
        arrived: list[dict[str, Any]] = []
        left: list[dict[str, Any]] = []
        for attendee in meeting.attendees:
            if attendee.person in {a.person for a in meeting.absent}:
                continue  # both present and absent is check's to report; minutes say absent
            name = self.voter(attendee.person)
            entry = {"person": self.person(attendee.person), "name": name}
            came, went = _arrives_at(attendee, item, here), _leaves_at(attendee, item, here)
            if _not_yet(attendee, item, here):
                note: str | None = labels["attended_from"].format(item=attendee.from_item) if attendee.from_item is not None else labels["arrived_at"].format(time=self.f.time(attendee.arrived))
                away.append({**entry, "note": note})
            elif _gone(attendee, item, here):
                note = self.attendance_text(attendee.model_copy(update={"from_item": None, "arrived": None}))
                away.append({**entry, "note": note})
            if came:
                key = "arrived_at_item_at" if attendee.arrived else "arrived_at_item"
                arrived.append({**entry, "text": labels[key].format(name=name, time=self.f.time(attendee.arrived))})
            if went:
                key = "left_after_item_at" if attendee.left else "left_after_item"
                left.append({**entry, "text": labels[key].format(name=name, time=self.f.time(attendee.left))})
        for entry in away:
            entry["text"] = f"{entry['name']} – {entry['note']}" if entry["note"] else entry["name"]
        # "A (V), B (A)"; where one says why, entries are told apart by semicolons.
        away_text = ("; " if any(e["note"] for e in away) else ", ").join(e["text"] for e in away)
        return {"away": away, "away_text": away_text, "arrived": arrived, "left": left}

    def amendments(self, meeting: Meeting) -> list[dict[str, Any]]:
        """Rettelser made after the minutes were approved: when, by whom and what."""
        out = []
        for a in meeting.amendments:
            by = self.person(a.by)
            heading = (
                self.f.labels["amended_on_by"].format(date=self.f.date(a.date), by=by["name"])
                if by
                else self.f.labels["amended_on"].format(date=self.f.date(a.date))
            )
            out.append({"date": a.date.isoformat(), "date_text": self.f.date(a.date), "by": by, "heading": heading, "text": a.text})
        return out

    def item_absent(self, item: Item) -> list[dict[str, Any]]:
        out = []
        for absence in item.absent:
            person = self.person(absence.person)
            name = self.voter(absence.person)  # with party letters, as minutes name members
            why = [w for w in (self.f.labels["conflict_of_interest"] if absence.conflict_of_interest else None, absence.reason) if w]
            out.append(
                {
                    "person": person,
                    "reason": absence.reason,
                    "conflict_of_interest": absence.conflict_of_interest,
                    "text": f"{name} – {', '.join(why)}" if why else name,
                }
            )
        return out

    # --- a case's earlier treatment --------------------------------------------------------

    def history(self, item: Item, meeting: Meeting) -> list[dict[str, Any]]:
        """Earlier treatment of the item's case in held meetings, newest first; a closed item
        never shows in public output, not even as another item's history."""
        if not item.case:
            return []
        here = _when(meeting)
        earlier = [
            (m, it)
            for m, it in self.repo.items_by_case().get(item.case.strip(), [])
            if m.status == "held" and _when(m) < here and not (self.public and it.closed)
        ]
        earlier.sort(key=lambda pair: _when(pair[0]), reverse=True)
        out = []
        for m, it in earlier:
            heading, href = self.decision_cite(m, it)
            out.append(
                {
                    "meeting": {
                        "id": m.id,
                        "title": self.meeting_title(m),
                        "date_text": self.f.date(m.date),
                        "title_date": self.title_date(m),
                        "href": self.link("minutes", m.id),
                    },
                    "number": it.number,
                    "title": it.title,
                    "href": href,
                    "heading": heading,
                    "decision": it.decision if it.status == "treated" else None,
                    "outcome_text": self.outcome_text(it.status),
                }
            )
        return out

    def decision_cite(self, meeting: Meeting, item: Item) -> tuple[str, str | None]:
        """How minutes cite a decision, "Beslutning i Ældrerådet den 4. maj 2022, punkt 45",
        and a link to the item in the site's minutes (None in a single document)."""
        heading = self.f.labels["earlier_decision"].format(
            body=self.repo.name(meeting.body), date=self.f.date(meeting.date), number=item.number
        )
        page = self.link("minutes", meeting.id)
        return heading, f"{page}#{item_anchor(item.number)}" if page else None

    # --- the order of the agenda -------------------------------------------------------------

    def in_order(self, meeting: Meeting) -> list[tuple[Item, int]]:
        """The items by number, sub-items under their parent (7, 7.1, 7.2, 8), each with its level."""
        numbers = {str(it.number) for it in meeting.items}
        ordered = sorted(meeting.items, key=lambda it: item_order(it.number))
        return [(it, 2 if str(item_parent(it.number)) in numbers else 1) for it in ordered]


def _not_yet(attendee: Attendee, item: Item, here: tuple) -> bool:
    """Not come yet for this item: present from a later item, or arriving after it ended."""
    if attendee.from_item is not None:
        return here < item_order(attendee.from_item)
    return attendee.arrived is not None and item.end is not None and item.end <= attendee.arrived


def _gone(attendee: Attendee, item: Item, here: tuple) -> bool:
    """Gone before this item: left after an earlier item, or before it began."""
    if attendee.to_item is not None:
        return here > item_order(attendee.to_item)
    return attendee.left is not None and item.start is not None and attendee.left <= item.start


def _arrives_at(attendee: Attendee, item: Item, here: tuple) -> bool:
    """Came for this item: the first they attended, by number or by the time they arrived."""
    if attendee.from_item is not None:
        return here == item_order(attendee.from_item)
    return (
        attendee.arrived is not None and item.start is not None and item.end is not None and item.start <= attendee.arrived < item.end
    )


def _leaves_at(attendee: Attendee, item: Item, here: tuple) -> bool:
    """Left after this item: the last they attended, by number or by the time they left."""
    if attendee.to_item is not None:
        return here == item_order(attendee.to_item)
    return attendee.left is not None and item.start is not None and item.end is not None and item.start < attendee.left <= item.end


def item_anchor(number: int | str | None) -> str:
    """The id of an item in its page: punkt-24, punkt-7.1."""
    return f"punkt-{number}"


def _when(meeting: Meeting) -> tuple:
    return (meeting.date, meeting.start or dt.time.min, meeting.id)
