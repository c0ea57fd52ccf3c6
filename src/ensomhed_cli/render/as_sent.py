"""The dagsorden as it was sent out: a meeting with `agenda_sent`, as its file stood then.

The members read the agenda they were sent. Where the repository is a git repository, a
meeting with `agenda_sent` is shown as its file stood at the last commit on or before the
end of that day (in the repository's time zone), with a note of what in the agenda has
changed since; without git, or without such a commit, as it stands today, and the note
says so. Only the meeting's own file is taken from the history: names of people and bodies
are today's. An item closed today is closed in the agenda as sent too, whatever it was
then: public output never shows what has since been closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.meeting_parts import AGENDA_TEXT_FIELDS
from ensomhed_cli.format.schema import Meeting
from ensomhed_cli.gitrepo import GitError, file_at, last_commits


@dataclass
class AsSent:
    sent: dt.date
    meeting: Meeting | None  # the meeting as sent; None: it could not be told, and today's is shown
    commit: str | None = None
    why_not: str | None = None  # "no-git", "no-commit" or "unreadable" where `meeting` is None
    # what in the agenda changed since: (item number, "changed" | "added" | "removed", fields changed)
    changes: list[tuple[int | str | None, str, list[str]]] = field(default_factory=list)


def deadline(day: dt.date, timezone: str) -> dt.datetime:
    """The last moment of a day where the repository is."""
    try:
        zone = ZoneInfo(timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("Europe/Copenhagen")
    return dt.datetime.combine(day, dt.time(23, 59, 59), zone)


def sent_commits(repo_root, meetings: list[tuple[str, dt.date]], timezone: str) -> dict[str, str]:
    """{meeting file: the commit its agenda as sent is read from}; empty outside git."""
    try:
        return last_commits(repo_root, {path: deadline(day, timezone) for path, day in meetings})
    except GitError:
        return {}


def agenda_as_sent(repo: Repository, meeting: Meeting) -> AsSent | None:
    """The agenda of a meeting as it was sent out; None for a meeting with no `agenda_sent`."""
    if meeting.agenda_sent is None:
        return None
    sent = meeting.agenda_sent
    try:
        commit = last_commits(repo.root, {meeting.path: deadline(sent, repo.config.timezone)}).get(meeting.path)
    except GitError:
        return AsSent(sent, None, why_not="no-git")
    if commit is None:
        return AsSent(sent, None, why_not="no-commit")
    then = _read(repo, commit, meeting.path)
    if then is None or then.id != meeting.id:
        return AsSent(sent, None, commit, why_not="unreadable")
    for item in then.items:  # closed today: closed as sent too
        now = next((it for it in meeting.items if str(it.number) == str(item.number)), None)
        if now is not None and now.closed:
            item.closed = True
    return AsSent(sent, then, commit, changes=agenda_changes(then, meeting))


def _read(repo: Repository, commit: str, rel: str) -> Meeting | None:
    from ensomhed_cli.format.rawfile import decode
    from ensomhed_cli.format.source import parse_text
    from ensomhed_cli.format.typed import build_record

    try:
        raw = file_at(repo.root, commit, rel)
    except GitError:
        return None
    text, problems = decode(raw, rel)
    if text is None or problems:
        return None
    record, built = build_record(parse_text(text, rel))
    return record if isinstance(record, Meeting) and not built else None


def agenda_changes(then: Meeting, now: Meeting) -> list[tuple[int | str | None, str, list[str]]]:
    """What in the agenda's text changed between two versions of a meeting, item by item."""
    before = {str(it.number): it for it in then.items}
    after = {str(it.number): it for it in now.items}
    out: list[tuple[int | str | None, str, list[str]]] = []
    for number, item in after.items():
        old = before.get(number)
        if old is None:
            out.append((item.number, "added", []))
            continue
        fields = [name for name in AGENDA_TEXT_FIELDS if getattr(old, name) != getattr(item, name)]
        if fields:
            out.append((item.number, "changed", fields))
    out += [(item.number, "removed", []) for number, item in before.items() if number not in after]
    return out


def as_sent_context(found: AsSent | None, f) -> dict | None:
    """What a template is told of the agenda as sent (docs/templates.md: `meeting.as_sent`),
    in the document's language (`f`, render/i18n.Formatter)."""
    if found is None:
        return None
    labels = f.labels
    date_text = f.date(found.sent)
    changes = []
    for number, how, fields in found.changes:
        if how == "changed":
            words = ", ".join(labels[f"agenda_field_{name}"] for name in fields)
            changes.append(labels["agenda_item_changed"].format(n=number, fields=words))
        else:
            changes.append(labels[f"agenda_item_{how}"].format(n=number))
    if found.meeting is None:
        note = labels["agenda_not_as_sent"].format(date=date_text)
    else:
        note = labels["agenda_as_sent"].format(date=date_text)
        if changes:
            note = f"{note} {labels['agenda_changed_since'].format(changes='; '.join(changes))}"
    return {
        "date": found.sent.isoformat(),
        "date_text": date_text,
        "shown": found.meeting is not None,
        "commit": found.commit,
        "changes": changes,
        "note": note,
    }
