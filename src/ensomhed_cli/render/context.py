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
from ensomhed_cli.format.daytext import names_day
from ensomhed_cli.format.fieldtypes import item_parent
from ensomhed_cli.format.meeting_parts import Item
from ensomhed_cli.format.schema import Body, Meeting, Person
from ensomhed_cli.render.i18n import Formatter, iso_date, iso_time
from ensomhed_cli.render.index_context import IndexContext
from ensomhed_cli.render.minutes_context import MinutesContext, item_anchor
from ensomhed_cli.render.plan_context import PlanContext

Href = Callable[[str], str]


class ContextBuilder(PlanContext, MinutesContext, IndexContext):
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
        # Follow-up actions name officials and their deadlines: real referater keep them out of
        # what is published, unless the settings say otherwise (format 1.2, public.actions).
        self.show_actions = not public or repo.config.public.actions

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
        ("Anna Hansen (Ældre Sagen), formand", never "(formand), formand"), and not at all
        where the person's title says it already ("(A, formand for Social og Sundhed)")."""
        person = self.person(pid)
        label = person["label"]  # type: ignore[index]
        said = (role or "").casefold()
        extra = [x for x in (person["party_letters"], person["title"], person["organisation"]) if x and x.casefold() != said]  # type: ignore[index]
        if role and not any(_says(x, role) for x in extra):
            label = f"{person['name']} ({', '.join(extra)}), {role}" if extra else f"{person['name']}, {role}"  # type: ignore[index]
        return {"person": person, "role": role, "label": label}

    def official(self, pid: str, role: str | None, meeting: Meeting) -> dict[str, Any]:
        """An official present (Fra forvaltningen deltog); the referent's role is not said
        again where the minutes name the referent above."""
        if role and pid == meeting.secretary and role.casefold() in _SECRETARY_WORDS | {self.f.labels["secretary"].casefold()}:
            role = None
        return self.member(pid, role)

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
            "meeting": {
                "id": meeting.id,
                "title": self.meeting_title(meeting),
                "date_text": self.f.date(meeting.date),
                "title_date": self.title_date(meeting),
            },
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

    def item(self, item: Item, meeting: Meeting, with_decision: bool, level: int = 1, with_attendance: bool = False) -> dict[str, Any]:
        hidden = item.closed and self.public
        ctx: dict[str, Any] = {
            "number": item.number,
            "parent": item_parent(item.number) if level == 2 else None,
            "level": level,
            # A sub-item's heading is one level below its item's (### under ##, h3 under h2).
            "heading_level": level + 1,
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
            "attendance": {"away": [], "away_text": "", "arrived": [], "left": []},
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
                # Who was there for the item: the minutes' own, not a plan's or an initiative's page.
                "attendance": self.item_attendance(meeting, item) if with_decision and with_attendance else ctx["attendance"],
                "votes": self.votes(item) if with_decision else [],
                "statements": self.statements(item) if with_decision else [],
                "initiatives": [self.ref("initiative", i) for i in item.initiatives],
                "plans": [self.ref("plan", p) for p in item.plans],
                "actions": [self.action(a, item, meeting) for a in item.actions] if with_decision and self.show_actions else [],
            }
        )
        return ctx

    def meeting_title(self, meeting: Meeting) -> str:
        return meeting.title or self.repo.name(meeting.body)

    def title_date(self, meeting: Meeting, date_text: str | None = None) -> str:
        """"Udsatterådet, 7. februar 2023"; the title alone where it names the day already."""
        title = self.meeting_title(meeting)
        return title if names_day(title, meeting.date) else f"{title}, {date_text or self.f.date(meeting.date)}"

    def meeting(self, meeting: Meeting, doc_kind: str, as_sent: dict[str, Any] | None = None) -> dict[str, Any]:
        """doc_kind: agenda (no decisions, no follow-up) or minutes. `as_sent` (render/as_sent.py)
        says that an agenda shows the meeting as it was sent out, and what changed since."""
        with_decision = doc_kind == "minutes"
        items = [self.item(i, meeting, with_decision, level, with_attendance=with_decision) for i, level in self.in_order(meeting)]
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
            "staff": [self.official(s.person, s.role, meeting) for s in meeting.staff],
            "guests": list(meeting.guests),
            "description": meeting.description,
            "minutes_approved": iso_date(meeting.minutes_approved),
            "minutes_approved_text": self.f.date(meeting.minutes_approved),
            "agenda_sent": iso_date(meeting.agenda_sent),
            "agenda_sent_text": self.f.date(meeting.agenda_sent),
            # Rettelser to approved minutes, in the order made, shown at the end of the minutes.
            "amendments": self.amendments(meeting) if with_decision else [],
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
            "as_sent": as_sent,
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
                    return {
                        "id": m.id,
                        "title": self.meeting_title(m),
                        "date": iso_date(m.date),
                        "date_text": self.f.date(m.date),
                        "title_date": self.title_date(m),
                        "href": href,
                    }
            return None

        return first(same_body[:at][::-1]), first(same_body[at + 1 :])

_SECRETARY_WORDS = {"referent", "sekretær", "secretary", "minute-taker"}


def _says(text: str | None, role: str) -> bool:
    """Whether a title or organisation already says the role, as a word ("formand for
    Social og Sundhed" says "formand")."""
    return bool(text) and re.search(rf"(?<!\w){re.escape(role.strip())}(?!\w)", text, re.IGNORECASE) is not None  # type: ignore[arg-type]


_LIST_LETTERS = re.compile(r"\(([A-ZÆØÅ]{1,3})\)\s*$")


def _party_letters(party: str | None) -> str | None:
    """How minutes name a party after a member: by its list letters where given
    ("Socialdemokratiet (A)" → "A"), else by its name."""
    if not party:
        return None
    letters = _LIST_LETTERS.search(party)
    return letters.group(1) if letters else party.strip()
