"""Rendering one document from a loaded repository: agenda, minutes, plan summary, initiative or index.

    text = render_document(repo, "agenda", "2022-08-29-aeldreraadet", output="html")

Raises RecordNotFound for an unknown id and TemplateProblem for a template that fails.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from ensomhed_cli.check.repository import Repository
from ensomhed_cli.check.rules.common import value_da
from ensomhed_cli.diagnostics import say, suggest
from ensomhed_cli.format.closed_text import scrubbed
from ensomhed_cli.format.schema import Initiative, Meeting, Plan, Record
from ensomhed_cli.render.context import ContextBuilder
from ensomhed_cli.render.engine import Templates, render

# Why an agenda that was sent out is shown as it stands today (render/as_sent.py).
NOT_AS_SENT = {
    "no-git": (
        "dagsordenen til `{id}` blev sendt ud {date}, men posterne ligger ikke i et git-repository: den vises, som den ser ud i dag",
        "the agenda of `{id}` was sent out on {date}, but the repository is not a git repository: it is shown as it stands today",
    ),
    "no-commit": (
        "dagsordenen til `{id}` blev sendt ud {date}, men git har ingen version af filen fra den dag eller før: den vises, som den ser ud i dag",
        "the agenda of `{id}` was sent out on {date}, but git has no commit of its file from that day or before: it is shown as it stands today",
    ),
    "unreadable": (
        "dagsordenen til `{id}` blev sendt ud {date}, men filen, som den var dengang, kan ikke læses: den vises, som den ser ud i dag",
        "the agenda of `{id}` was sent out on {date}, but its file as committed then cannot be read: it is shown as it stands today",
    ),
}


# A kind of record in Danish: "mødet", "et møde".
_DA = {"meeting": "mødet", "plan": "planen", "initiative": "indsatsen", "body": "rådet/udvalget", "person": "personen"}
_DA_NONE = {"meeting": "intet møde", "plan": "ingen plan", "initiative": "ingen indsats", "body": "intet råd eller udvalg", "person": "ingen person"}
_DA_A = {"meeting": "et møde", "plan": "en plan", "initiative": "en indsats", "body": "et råd eller udvalg", "person": "en person"}


class NotHeld(Exception):
    """Minutes asked for of a meeting that is not held (and not as a draft)."""


class RecordNotFound(Exception):
    def __init__(self, kind: str, record_id: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.record_id = record_id


def _templates(repo: Repository) -> Templates:
    return Templates(repo.root)


R = TypeVar("R", bound=Record)


def _find(repo: Repository, cls: type[R], kind: str, record_id: str) -> R:
    record = repo.get(record_id)
    if isinstance(record, cls):
        return record
    if record_id in repo.invalid and repo.invalid[record_id] == kind:
        raise RecordNotFound(kind, record_id, say(f"{_DA[kind]} `{record_id}` har fejl; kør `ensomhed check`", f"the {kind} `{record_id}` has errors; run `ensomhed check`"))
    # every record of a Repository has an id (Repository.__post_init__)
    candidates = {r.id: r.label for r in repo.of_kind(cls) if r.id is not None}
    if record is not None:
        message = say(f"`{record_id}` er ikke {_DA_A[kind]}, men {_DA_A.get(record.kind, record.kind)}", f"`{record_id}` is a {record.kind}, not a {kind}")  # type: ignore[attr-defined]
    else:
        hint = suggest(record_id, candidates, labels=candidates)
        message = say(f"der er {_DA_NONE[kind]} med id `{record_id}`{hint}", f"no {kind} with id `{record_id}`{hint}")
    raise RecordNotFound(kind, record_id, message)


def render_document(
    repo: Repository,
    document: str,
    record_id: str | None = None,
    *,
    output: str = "md",
    lang: str | None = None,
    public: bool = False,
    today: dt.date | None = None,
    builder: ContextBuilder | None = None,
    draft: bool = False,
    notes: list[str] | None = None,
) -> str:
    """Render one document: agenda or minutes of a meeting, a plan summary, an initiative's page, or the index.

    Minutes are of a held meeting; with `draft`, of any meeting, every page marked as a
    draft. Raises NotHeld for minutes of a meeting that is not held. An agenda that was sent
    out is shown as sent (render/as_sent.py); where that cannot be told, `notes` is told why."""
    lang = lang or repo.config.language
    builder = builder or ContextBuilder(repo, lang, public=public, output=output, today=today, draft=draft)
    if document in ("agenda", "minutes"):
        meeting = _find(repo, Meeting, "meeting", record_id or "")
        if document == "minutes" and meeting.status != "held" and not builder.draft:
            raise NotHeld(
                say(
                    f"mødet `{meeting.id}` er {value_da(meeting.status)}, ikke {value_da('held')}: det har intet referat endnu; giv --draft for et udkast",
                    f"the meeting `{meeting.id}` is {meeting.status}, not held: it has no minutes yet; give --draft to render a draft",
                )
            )
        if document == "agenda" and meeting.agenda_sent is not None:
            # The members read the agenda they were sent: shown as it was, with what changed since.
            from ensomhed_cli.render.as_sent import agenda_as_sent, as_sent_context

            found = agenda_as_sent(repo, meeting)
            assert found is not None  # None only for a meeting without agenda_sent
            context = builder.meeting(found.meeting or meeting, document, as_sent_context(found, builder.f))
            if found.meeting is None and notes is not None:
                assert found.why_not is not None  # AsSent says why wherever `meeting` is None
                notes.append(say(*NOT_AS_SENT[found.why_not]).format(id=meeting.id, date=meeting.agenda_sent))
        else:
            context = builder.meeting(meeting, document)
    elif document == "plan":
        plan = _find(repo, Plan, "plan", record_id or "")
        context = builder.plan(plan)
    elif document == "initiative":
        context = builder.initiative_page(_find(repo, Initiative, "initiative", record_id or ""))
    elif document == "index":
        context = builder.index()
    else:
        raise ValueError(f"unknown document {document!r}")
    # `::: lukket` blocks: left out of every text before any template sees it (public), or
    # shown without their fences (internal).
    context = scrubbed(context, builder.public, f"*{builder.f.labels['closed_text_left_out']}*")
    return render(_templates(repo), document, output, context)


