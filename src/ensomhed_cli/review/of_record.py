"""What a diff must not let pass unsaid: approved minutes changed, an agenda changed after it was sent.

A referat is a document of record: once the minutes are approved (`minutes_approved` at the
older revision), what they say (decisions, votes, statements, who was there, an item's
outcome) changes only by a correction that the same change records in `amendments`. A
change without one is an error, which `diff --strict` fails on. A dagsorden that was sent
out (`agenda_sent` at the older revision) is the agenda as sent: a change to an item's
agenda text after that is a warning, since the members read the text as it was.
"""

from __future__ import annotations

import re
from typing import Any

from ensomhed_cli.format.meeting_parts import AGENDA_TEXT_FIELDS
from ensomhed_cli.review.differ import Change, as_list
from ensomhed_cli.review.phrases import check_lang, field_label

ERROR = "error"
WARNING = "warning"

# What the minutes say of the meeting as a whole, and of each item.
MINUTES_FIELDS = frozenset({"attendees", "absent", "staff", "guests", "chair", "secretary", "end"})
MINUTES_ITEM_FIELDS = frozenset({"decision", "public_decision", "votes", "statements", "absent", "status"})
# The agenda's text of an item, as the members received it.
AGENDA_ITEM_FIELDS = frozenset(AGENDA_TEXT_FIELDS)

# The words of a document of record, Danish and English (as review/phrases.py MESSAGES).
MESSAGES: dict[str, tuple[str, str]] = {
    "approved_changed": (
        "referatet blev godkendt den {date}, men det, referatet siger, er ændret uden en rettelse ({what});"
        " skriv rettelsen under `amendments` med dato, hvad der er rettet og af hvem",
        "the minutes were approved on {date}, but what they say has changed without a correction ({what});"
        " write the correction under `amendments` with its date, what was corrected and by whom",
    ),
    "agenda_changed_after_sent": (
        "dagsordenen blev sendt ud den {date}, og dens tekst er ændret siden ({what}); medlemmerne har læst den udsendte tekst",
        "the agenda was sent out on {date}, and its text has changed since ({what}); the members read the text as sent",
    ),
    "item_word": ("punkt {n}", "item {n}"),
    "record_text": ("filens tekst", "the file's text"),
}

_ITEM = re.compile(r"^items\[([^\]]*)\](?:\.(\w+))?")
_TOP = re.compile(r"^(\w+)")


def findings(a: dict, b: dict, changes: list[Change], lang: str) -> list[Change]:
    """The errors and warnings of a meeting changed from `a` to `b` (as compare() has them)."""
    out = []
    approved = a.get("minutes_approved")
    if approved and len(as_list(b.get("amendments"))) <= len(as_list(a.get("amendments"))):
        touched = _touched(changes, MINUTES_FIELDS, MINUTES_ITEM_FIELDS, lang)
        if touched:
            message = say("approved_changed", lang, date=_day(approved, lang), what="; ".join(touched))
            out.append(Change("approved-minutes-changed", "amendments", message, None, touched, ERROR))
    sent = a.get("agenda_sent")
    if sent:
        touched = _touched(changes, frozenset(), AGENDA_ITEM_FIELDS, lang)
        if touched:
            message = say("agenda_changed_after_sent", lang, date=_day(sent, lang), what="; ".join(touched))
            out.append(Change("agenda-changed-after-sent", "items", message, None, touched, WARNING))
    return out


def _touched(changes: list[Change], top: frozenset[str], item: frozenset[str], lang: str) -> list[str]:
    """What the changes touch among these fields, in words ("punkt 121: beslutning")."""
    out: list[str] = []
    for c in changes:
        if c.severity is not None:
            continue
        words = None
        found = _ITEM.match(c.field)
        if found:
            number, name = found.group(1), found.group(2)
            if name is None or c.type in ("item-added", "item-removed"):
                words = say("item_word", lang, n=number)
            elif name in item:
                words = f"{say('item_word', lang, n=number)}: {field_label(name, lang, 'item')}"
        elif c.type == "text-changed" and (top or item):
            words = say("record_text", lang)
        else:
            name_match = _TOP.match(c.field)
            if name_match and name_match.group(1) in top:
                words = field_label(name_match.group(1), lang)
        if words and words not in out:
            out.append(words)
    return out


def say(key: str, lang: str, **values: Any) -> str:
    return MESSAGES[key][check_lang(lang)].format(**values)


def _day(value: Any, lang: str) -> str:
    """A date as the messages write one ("11. marts 2024"); as written where it is no date."""
    import datetime as dt

    from ensomhed_cli.render.i18n import Formatter

    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return Formatter(lang).date(value) if isinstance(value, dt.date) else str(value)
