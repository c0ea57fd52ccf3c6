"""The context each template receives: plain dicts and lists, documented in docs/templates.md.

Values come both raw (ISO dates, numbers) and formatted for the document's language
(`date_text`, `time_text`, `value_text`). In public output a closed item keeps its
number and title; everything else it holds is left out here, before any template
sees it, so no template can leak it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, overload
from urllib.parse import quote

from ensomhed_cli.check.attachments import attachment_file, file_href, site_path, url_allowed
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.daytext import names_day
from ensomhed_cli.format.fieldtypes import item_parent
from ensomhed_cli.format.meeting_parts import Action, Attachment, Item
from ensomhed_cli.format.schema import Body, Meeting, Person
from ensomhed_cli.render.embedded import EmbeddedFiles
from ensomhed_cli.render.i18n import Formatter, iso_date, iso_time
from ensomhed_cli.render.index_context import IndexContext
from ensomhed_cli.render.minutes_context import MinutesContext, item_anchor
from ensomhed_cli.render.people_context import PeopleContext
from ensomhed_cli.render.plan_context import PlanContext

Href = Callable[[str], str | None]
# Where each kind of page lives in a site: agenda/ID.html, minutes/ID.html …
FOLDERS = {"agenda": "agenda", "minutes": "minutes", "plan": "plans", "initiative": "initiatives"}


class ContextBuilder(PlanContext, MinutesContext, IndexContext, PeopleContext):
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
        # A document that stands alone (a PDF sent by e-mail) links to the published site where
        # the settings say where it is (site_url); else it links to no other page.
        self.site_url = repo.config.site_url
        self.pdf_href: str | None = None
        self.docx_href: str | None = None
        # A PDF that stands alone without site_url carries its bilag inside it (render/embedded.py).
        self.embedded: EmbeddedFiles | None = None
        self.link = link or self._site_link
        self.today = today or dt.date.today()
        self.draft = draft
        # Follow-up actions name officials and their deadlines: real referater keep them out of
        # what is published, unless the settings say otherwise (format 1.2, public.actions).
        self.show_actions = not public or repo.config.public.actions

    # --- common ---------------------------------------------------------------------

    def base(self, doc_kind: str, title: str, source: str | None) -> dict[str, Any]:
        return {
            # pdf_href, docx_href: the PDF and Word document a site page was also made as
            # (build --pdf, --docx), beside it
            "doc": {"kind": doc_kind, "title": title, "source": source, "draft": self.draft, "pdf_href": self.pdf_href, "docx_href": self.docx_href},
            "lang": self.f.lang,
            "labels": dict(self.f.labels),
            "municipality": self.repo.config.municipality,
            # Webtilgængelighedsloven § 4: every published page links to the statement.
            "accessibility_statement": self.repo.config.accessibility_statement,
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

    @overload
    def ref(self, kind: str, record_id: str) -> dict[str, Any]: ...
    @overload
    def ref(self, kind: str, record_id: None) -> None: ...
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

    def attachment(self, number: int, att: Attachment) -> dict[str, Any]:
        """A bilag as the item lists it; a closed one in public output by its number and "Lukket
        bilag" alone: no title, no link, and its file is not published."""
        label = self.f.labels["attachment_numbered"].format(number=number)
        if att.closed and self.public:
            return {"number": number, "label": label, "title": self.f.labels["closed_attachment"], "href": None, "closed": True, "embedded": None}
        href, embedded = self.attachment_link(att.url, att.path), None
        if self.embedded is not None and att.url is None and href is not None:
            status, rel = attachment_file(self.repo.root, att.path or "")
            href, embedded = None, self.embedded.add(rel) if rel else None
        # embedded: the file's name inside the PDF it is carried in, else None
        return {"number": number, "label": label, "title": att.title, "href": href, "closed": att.closed, "embedded": embedded}

    def attachment_link(self, url: str | None, path: str | None) -> str | None:
        """The href of an attachment, or None where it may not be linked: only an https,
        http or mailto address, or a file `check` allows to be published, ever becomes
        one, whatever a record holds (a record with errors may still be shown elsewhere)."""
        if url is not None:
            return url.strip() if url_allowed(url) else None
        return self.attachment_href(path or "")

    def _file_href(self, path: str) -> str | None:
        """A single document links a file where the published site has it (site_url), else
        where it lies in the repository."""
        status, rel = attachment_file(self.repo.root, path)
        if rel is None:
            return None
        return f"{_slash(self.site_url)}{file_href(site_path(self.repo.root, rel))}" if self.site_url else file_href(rel)

    def _site_link(self, kind: str, record_id: str | None) -> str | None:
        """A page of the published site, for a document that stands alone; None without site_url."""
        if not self.site_url or kind not in FOLDERS or not record_id:
            return None
        return f"{_slash(self.site_url)}{FOLDERS[kind]}/{quote(record_id)}.html"

    # --- meetings --------------------------------------------------------------------

    def action(self, action: Action, item: Item, meeting: Meeting) -> dict[str, Any]:
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
            "sections_left_out": False,
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
            # Kommunestyrelsesloven § 8, stk. 7: a closed item's decision is published as far as
            # it may be, in the words the secretary gave for that; never the closed text.
            ctx["decision"] = item.public_decision if with_decision else None
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
                "sections": [{"title": s.title, "text": s.text, "closed": s.closed} for s in item.sections if not (self.public and s.closed)],
                "sections_left_out": self.public and any(s.closed for s in item.sections),
                "economy": item.economy,
                "authority": self.ref("body", item.authority) if item.authority else None,
                "recommendation": item.recommendation,
                "decision": item.decision if with_decision else None,
                # Bilag are numbered in the item, as the minutes refer to them ("Bilag 2").
                "attachments": [self.attachment(n, a) for n, a in enumerate(item.attachments, start=1)],
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
                {"person": self.person(a.person), "reason": _told(a.reason, a.notice), "substitute": self.person(a.substitute), "notice": a.notice}
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

def _slash(url: str) -> str:
    return url if url.endswith("/") else f"{url}/"


def _told(reason: str | None, notice: bool) -> str | None:
    """An absence's reason as printed: none where it only says what the heading says
    ("Afbud: Jens Ole Hansen – afbud")."""
    if reason and notice and reason.strip().rstrip(".").lower() in {"afbud", "meldt afbud", "sent apologies", "apologies"}:
        return None
    return reason
