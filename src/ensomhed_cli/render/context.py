"""The context each template receives: plain dicts and lists, documented in docs/templates.md.

Values come both raw (ISO dates, numbers) and formatted for the document's language
(`date_text`, `time_text`, `value_text`). In public output a closed item keeps its
number and title; everything else it holds is left out here, before any template
sees it, so no template can leak it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from ensomhed_cli.check.attachments import attachment_file, file_href, url_allowed
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.fieldtypes import item_parent
from ensomhed_cli.format.meeting_parts import Item
from ensomhed_cli.format.schema import Body, Meeting, Person
from ensomhed_cli.render.i18n import Formatter, iso_date, iso_time
from ensomhed_cli.render.minutes_context import MinutesContext, item_anchor
from ensomhed_cli.render.plan_context import PlanContext

Href = Callable[[str], str]


class ContextBuilder(PlanContext, MinutesContext):
    def __init__(
        self,
        repo: Repository,
        lang: str,
        *,
        public: bool = False,
        output: str = "md",
        attachment_href: Href | None = None,
        link: Callable[[str, str | None], str | None] | None = None,
        today: dt.date | None = None,
        draft: bool = False,
    ) -> None:
        self.repo = repo
        self.f = Formatter(lang, nbsp=output == "html")
        self.public = public
        self.output = output
        self.attachment_href = attachment_href or self._file_href
        self.link = link or (lambda kind, record_id: None)
        self.today = today or dt.date.today()
        self.draft = draft

    # --- common ---------------------------------------------------------------------

    def base(self, doc_kind: str, title: str, source: str | None) -> dict[str, Any]:
        return {
            "doc": {"kind": doc_kind, "title": title, "source": source, "draft": self.draft},
            "lang": self.f.lang,
            "labels": dict(self.f.labels),
            "municipality": self.repo.config.municipality,
            "public": self.public,
            "format": self.output,
            # The language record text is written in: an English page marks it lang="da".
            "record_lang": self.repo.config.language,
            # Links between the pages of a site; all empty outside one (a single document).
            "nav": {
                "index_href": self.link("index", None) if doc_kind != "index" else None,
                "previous": None,
                "next": None,
            },
        }

    def person(self, pid: str | None) -> dict[str, Any] | None:
        if pid is None:
            return None
        record = self.repo.get(pid)
        if not isinstance(record, Person):
            return {"id": pid, "name": pid, "title": None, "organisation": None, "party": None, "party_letters": None, "label": pid}
        letters = _party_letters(record.party)
        extra = ", ".join(x for x in (letters, record.title, record.organisation) if x)
        return {
            "id": pid,
            "name": record.name,
            "title": record.title,
            "organisation": record.organisation,
            "party": record.party,
            "party_letters": letters,
            "label": f"{record.name} ({extra})" if extra else record.name,
        }

    def member(self, pid: str, role: str | None) -> dict[str, Any]:
        """A member with the role in the body: the role is said once, after the name
        ("Anna Hansen (Ældre Sagen), formand", never "(formand), formand")."""
        person = self.person(pid)
        label = person["label"]  # type: ignore[index]
        if role:
            said = role.casefold()
            extra = [x for x in (person["party_letters"], person["title"], person["organisation"]) if x and x.casefold() != said]  # type: ignore[index]
            label = f"{person['name']} ({', '.join(extra)}), {role}" if extra else f"{person['name']}, {role}"  # type: ignore[index]
        return {"person": person, "role": role, "label": label}

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
            members = [self.member(m.person, m.role) for m in record.members]
        return {
            "id": body_id,
            "name": self.repo.name(body_id),
            "type": record.type if isinstance(record, Body) else None,
            "type_label": self.f.value(record.type) if isinstance(record, Body) else "",
            "members": members,
        }

    def attachment_link(self, url: str | None, path: str | None) -> str | None:
        """The href of an attachment, or None where it may not be linked: only an https,
        http or mailto address, or a file `check` allows to be published, ever becomes
        one, whatever a record holds (a record with errors may still be shown elsewhere)."""
        if url is not None:
            return url.strip() if url_allowed(url) else None
        return self.attachment_href(path or "")

    def _file_href(self, path: str) -> str | None:
        """A single document links a file where it lies in the repository."""
        status, rel = attachment_file(self.repo.root, path)
        return file_href(rel) if rel is not None else None

    # --- meetings --------------------------------------------------------------------

    def action(self, action, item: Item, meeting: Meeting) -> dict[str, Any]:
        # An owner is a person or a body (forvaltningen): each shown by its name.
        owners = [self.person(o) if isinstance(self.repo.get(o), Person) else self.ref("body", o) for o in action.owners]
        cite, href = self.decision_cite(meeting, item)
        return {
            "what": action.what,
            "owners": owners,
            "owners_text": ", ".join(o["name"] for o in owners),
            "due": iso_date(action.due),
            "due_text": self.f.date(action.due),
            "status": action.status,
            "status_label": self.f.value(action.status),
            "done_on": iso_date(action.done_on),
            "done_on_text": self.f.date(action.done_on),
            "overdue": action.status == "open" and action.due is not None and action.due < self.today,
            "item_number": item.number,
            "item_title": item.title,
            "meeting": {"id": meeting.id, "title": self.meeting_title(meeting), "date_text": self.f.date(meeting.date)},
            # Which decision the action came from, as minutes cite one, and a link to it.
            "decision_text": f"{cite}: {item.title}",
            "href": href,
        }

    def decided_items(self, until: dt.date | None = None, naming: list[str] | None = None) -> Iterator[tuple[Meeting, Item]]:
        """(meeting, item) for every item of a held meeting (held by `until`, where given), or
        only the items `naming` one of these initiatives or plans; meetings in the
        repository's order; in public output never a closed item."""
        pairs = ((m, it) for m in self.repo.meetings for it in m.items) if naming is None else self.repo.items_naming(naming)
        for meeting, item in pairs:
            if meeting.status != "held" or (until is not None and meeting.date > until):
                continue
            if not (item.closed and self.public):
                yield meeting, item

    def follow_up(self) -> list[dict[str, Any]]:
        """The open actions of every held meeting, grouped by owner (a person or a body),
        owners by name and each owner's actions by due date; an action with two owners
        stands under both. In public output no closed item's action is shown."""
        groups: dict[str, list[dict[str, Any]]] = {}
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
            result.append({"owner": owner, "name": owner["name"], "actions": actions})  # type: ignore[index]
        return sorted(result, key=lambda g: (g["name"].casefold(), g["owner"]["id"]))

    def item(self, item: Item, meeting: Meeting, with_decision: bool, level: int = 1) -> dict[str, Any]:
        hidden = item.closed and self.public
        ctx: dict[str, Any] = {
            "number": item.number,
            "parent": item_parent(item.number) if level == 2 else None,
            "level": level,
            "title": item.title,
            "anchor": item_anchor(item.number),
            "closed": item.closed,
            # A closed item is marked once: not where its title already says "Lukket punkt".
            "mark_closed": item.closed and self.f.labels["closed_item"].casefold() not in item.title.casefold(),
            "hidden": hidden,
            "status": "treated",
            "status_label": "",
            "outcome_text": None,
            "type": None,
            "type_label": "",
            "case": None,
            "start": None,
            "end": None,
            "time_text": "",
            "presenters": [],
            "summary": None,
            "description": None,
            "sections": [],
            "economy": None,
            "authority": None,
            "recommendation": None,
            "decision": None,
            "attachments": [],
            "history": [],
            "absent": [],
            "votes": [],
            "statements": [],
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
                "status": item.status,
                "status_label": self.f.value(item.status),
                # Only minutes know: an agenda is sent before the meeting.
                "outcome_text": self.outcome_text(item.status) if with_decision else None,
                "case": item.case,
                "start": iso_time(item.start),
                "end": iso_time(item.end),
                "time_text": self.f.time_span(item.start, item.end),
                "presenters": self.people(item.presenters),
                "summary": item.summary,
                "description": item.description,
                "sections": [{"title": s.title, "text": s.text} for s in item.sections],
                "economy": item.economy,
                "authority": self.ref("body", item.authority) if item.authority else None,
                "recommendation": item.recommendation,
                "decision": item.decision if with_decision else None,
                # Bilag are numbered in the item, as the minutes refer to them ("Bilag 2").
                "attachments": [
                    {
                        "number": n,
                        "label": self.f.labels["attachment_numbered"].format(number=n),
                        "title": a.title,
                        "href": self.attachment_link(a.url, a.path),
                    }
                    for n, a in enumerate(item.attachments, start=1)
                ],
                "history": self.history(item, meeting),
                "absent": self.item_absent(item) if with_decision else [],
                "votes": self.votes(item) if with_decision else [],
                "statements": self.statements(item) if with_decision else [],
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
        items = [self.item(i, meeting, with_decision, level) for i, level in self.in_order(meeting)]
        title = self.meeting_title(meeting)
        body_name = self.repo.name(meeting.body)
        ctx = self.base(doc_kind, f"{self.f.labels[doc_kind]}: {title}", meeting.path)
        ctx["meeting"] = {
            "id": meeting.id,
            "title": title,
            "body": self.body(meeting.body),
            "date": iso_date(meeting.date),
            "date_text": self.f.date_long(meeting.date),
            "start": iso_time(meeting.start),
            "end": iso_time(meeting.end),
            "time_text": self.f.time_span(meeting.start, meeting.end),
            "location": meeting.location,
            "mode": meeting.mode,
            "mode_label": self.f.value(meeting.mode),
            "status": meeting.status,
            "status_label": self.f.value(meeting.status),
            "chair": self.person(meeting.chair),
            "secretary": self.person(meeting.secretary),
            "attendees": self.people(meeting.attendee_ids),
            "present": self.present(meeting),
            "absent": [
                {"person": self.person(a.person), "reason": a.reason, "substitute": self.person(a.substitute), "notice": a.notice}
                for a in meeting.absent
            ],
            "staff": [self.member(s.person, s.role) for s in meeting.staff],
            "guests": list(meeting.guests),
            "description": meeting.description,
            "minutes_approved": iso_date(meeting.minutes_approved),
            "minutes_approved_text": self.f.date(meeting.minutes_approved),
            # The sentences real minutes use: "Beslutning i Ældrerådet den 29. august 2022",
            # and at the end "Mødet sluttede kl. 18.30." and when they were approved.
            "decision_heading": self.f.labels["decision_in"].format(body=body_name, date=self.f.date(meeting.date)),
            "ended_text": self.f.labels["meeting_ended"].format(time=self.f.time(meeting.end)) if meeting.end else None,
            "approved_text": (
                self.f.labels["minutes_approved_on"].format(date=self.f.date(meeting.minutes_approved))
                if meeting.minutes_approved
                else None
            ),
            "items": items,
            "actions": [a for i in items for a in i["actions"]],
        }
        ctx["nav"]["previous"], ctx["nav"]["next"] = self.neighbours(meeting, doc_kind)
        return ctx

    def neighbours(self, meeting: Meeting, doc_kind: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The body's meetings just before and after this one (in date order) that have a
        page of the same kind on the site, minutes only for held ones; none outside a site."""
        same_body = self.repo.meetings_of(meeting.body)
        at = next((i for i, m in enumerate(same_body) if m.id == meeting.id), None)
        if at is None:
            return None, None

        def first(candidates: list[Meeting]) -> dict[str, Any] | None:
            for m in candidates:
                href = self.link(doc_kind, m.id) if m.id else None
                if href:
                    return {"id": m.id, "title": self.meeting_title(m), "date": iso_date(m.date), "date_text": self.f.date(m.date), "href": href}
            return None

        return first(same_body[:at][::-1]), first(same_body[at + 1 :])

    # --- index -------------------------------------------------------------------------

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


_LIST_LETTERS = re.compile(r"\(([A-ZÆØÅ]{1,3})\)\s*$")


def _party_letters(party: str | None) -> str | None:
    """How minutes name a party after a member: by its list letters where given
    ("Socialdemokratiet (A)" → "A"), else by its name."""
    if not party:
        return None
    letters = _LIST_LETTERS.search(party)
    return letters.group(1) if letters else party.strip()
