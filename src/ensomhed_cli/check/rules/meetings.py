"""The rules of a real meeting: hours, people, status, items and actions."""

from __future__ import annotations

from collections.abc import Iterator

from ensomhed_cli.check.attachments import url_allowed
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.common import at as _at
from ensomhed_cli.check.rules.common import hhmm as _hhmm
from ensomhed_cli.check.rules.common import value_da as _da
from ensomhed_cli.diagnostics import WARNING, Diagnostic
from ensomhed_cli.format.fieldtypes import item_order
from ensomhed_cli.format.schema import Meeting


def check_meeting_times(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    opens, closes = meeting.start, meeting.end  # the hours the items are held against
    if meeting.start and meeting.end and meeting.end <= meeting.start:
        yield _at(meeting, ("end",), "time-order", ctx.say(
            f"mødet slutter ({_hhmm(meeting.end)}), før det begynder ({_hhmm(meeting.start)}): `end` skal være senere end `start`",
            f"the meeting ends ({_hhmm(meeting.end)}) before it starts ({_hhmm(meeting.start)})",
        ))
        opens = closes = None  # the items cannot be held against hours that are wrong themselves
    previous = None  # (index, end or start) of the last item with a time
    for i, item in enumerate(meeting.items):
        label = f"item {item.number}"
        if item.start and item.end and item.end <= item.start:
            yield _at(meeting, ("items", i, "end"), "time-order", ctx.say(
                f"punkt {item.number} slutter ({_hhmm(item.end)}), før det begynder ({_hhmm(item.start)}): punktets `end` skal være senere end dets `start`",
                f"{label} ends ({_hhmm(item.end)}) before it starts ({_hhmm(item.start)})",
            ))
        for name in ("start", "end"):
            t = getattr(item, name)
            if t is None:
                continue
            if opens and t < opens:
                yield _at(
                    meeting,
                    ("items", i, name),
                    "time-outside",
                    ctx.say(
                        f"punkt {item.number} {'begynder' if name == 'start' else 'slutter'} kl. {_hhmm(t)}, før mødet begynder"
                        f" ({_hhmm(opens)}): ret punktets `{name}` eller mødets `start`",
                        f"{label} {'starts' if name == 'start' else 'ends'} at {_hhmm(t)}, before the meeting starts ({_hhmm(opens)})",
                    ),
                )
            if closes and t > closes:
                yield _at(
                    meeting,
                    ("items", i, name),
                    "time-outside",
                    ctx.say(
                        f"punkt {item.number} {'begynder' if name == 'start' else 'slutter'} kl. {_hhmm(t)}, efter mødet slutter"
                        f" ({_hhmm(closes)}): ret punktets `{name}` eller mødets `end`",
                        f"{label} {'starts' if name == 'start' else 'ends'} at {_hhmm(t)}, after the meeting ends ({_hhmm(closes)})",
                    ),
                )
        if item.start and previous is not None:
            j, prev_end = previous
            if item.start < prev_end:
                yield _at(
                    meeting,
                    ("items", i, "start"),
                    "time-overlap",
                    ctx.say(
                        f"punkt {item.number} begynder kl. {_hhmm(item.start)}, før punkt {meeting.items[j].number} er slut ({_hhmm(prev_end)});"
                        " punkterne behandles efter hinanden i den rækkefølge, de står: ret tiderne",
                        f"{label} starts at {_hhmm(item.start)}, before item {meeting.items[j].number} is over ({_hhmm(prev_end)}); items run in order",
                    ),
                )
        last = item.end or item.start
        if last is not None:
            previous = (i, last)


def check_meeting_people(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    attending: dict[str, int] = {}
    for i, pid in enumerate(meeting.attendee_ids):
        if pid in attending:
            yield _at(meeting, ("attendees", i, "person"), "duplicate-person", ctx.say(
                f"`{pid}` står to gange blandt de fremmødte (`attendees`): slet den ene", f"`{pid}` is listed twice in `attendees`"
            ), severity=WARNING)
        attending.setdefault(pid, i)
    absent_seen: set[str] = set()
    for i, absence in enumerate(meeting.absent):
        if absence.person in attending:
            yield _at(
                meeting,
                ("absent", i, "person"),
                "present-and-absent",
                ctx.say(
                    f"`{absence.person}` står både blandt de fremmødte (`attendees`, nr. {attending[absence.person] + 1}) og de fraværende"
                    " (`absent`): en person er enten til stede eller fraværende, så slet personen det ene sted",
                    f"`{absence.person}` is both in `attendees` (entry {attending[absence.person] + 1}) and in `absent`",
                ),
            )
        if absence.person in absent_seen:
            yield _at(meeting, ("absent", i, "person"), "duplicate-person", ctx.say(
                f"`{absence.person}` står to gange blandt de fraværende (`absent`): slet den ene", f"`{absence.person}` is listed twice in `absent`"
            ), severity=WARNING)
        absent_seen.add(absence.person)
        if absence.substitute and absence.substitute == absence.person:
            yield _at(meeting, ("absent", i, "substitute"), "invalid-value", ctx.say(
                "en person kan ikke være sin egen stedfortræder: skriv stedfortræderens id i `substitute`, eller slet `substitute`",
                "a person cannot be their own substitute",
            ))


def check_item_status(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    for i, item in enumerate(meeting.items):
        if item.status != "treated" and item.decision is not None:
            yield _at(
                meeting,
                ("items", i, "decision"),
                "decision-not-treated",
                ctx.say(
                    f"punkt {item.number} er {_da(item.status)} og har derfor ingen beslutning:"
                    " slet `decision`, eller sæt punktets `status: treated` (behandlet)",
                    f"item {item.number} is `{item.status}`; a postponed or withdrawn item has no decision",
                ),
                at="key",
            )


def check_decisions_minuted(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    """Minutes of record: on a held meeting every decision item that was treated says what was
    decided (a closed one too: its public_decision is only what may be published)."""
    if meeting.status != "held":
        return
    for i, item in enumerate(meeting.items):
        if item.type == "decision" and item.status == "treated" and not (item.decision or "").strip():
            written = meeting.locator.has(("items", i, "decision"))
            yield _at(
                meeting,
                ("items", i, "decision") if written else ("items", i, "type"),
                "missing-decision",
                ctx.say(
                    f"punkt {item.number} er et beslutningspunkt på et afholdt møde, men referatet siger ikke, hvad der blev besluttet:"
                    " skriv beslutningen i `decision`, eller sæt `status: postponed` (udsat) eller `withdrawn` (taget af dagsordenen)",
                    f"item {item.number} is a decision item of a held meeting, but the minutes do not say what was decided:"
                    " write it in `decision`, or set `status: postponed` or `withdrawn`",
                ),
                at="key" if written else "value",
            )


def check_meeting_status(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    if meeting.status != "held":
        for i, item in enumerate(meeting.items):
            if item.decision is not None:
                yield _at(
                    meeting,
                    ("items", i, "decision"),
                    "decision-not-held",
                    ctx.say(
                        f"punkt {item.number} har en beslutning (`decision`), men mødet er {_da(meeting.status)}; kun et afholdt møde har"
                        " beslutninger: slet `decision`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt",
                        f"item {item.number} has a decision, but the meeting is `{meeting.status}`; only a held meeting has decisions",
                    ),
                    at="key",
                )
        if meeting.minutes_approved is not None:
            yield _at(
                meeting,
                ("minutes_approved",),
                "approved-not-held",
                ctx.say(
                    f"`minutes_approved` (referatet godkendt) er udfyldt, men mødet er {_da(meeting.status)}; kun et afholdt møde har et"
                    " referat: slet `minutes_approved`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt",
                    f"`minutes_approved` is set, but the meeting is `{meeting.status}`; only a held meeting has minutes",
                ),
                at="key",
            )
    elif meeting.minutes_approved is not None and meeting.minutes_approved < meeting.date:
        yield _at(
            meeting,
            ("minutes_approved",),
            "date-order",
            ctx.say(
                f"referatet er godkendt ({meeting.minutes_approved}), før mødet blev holdt ({meeting.date}): ret `minutes_approved` eller `date`",
                f"the minutes are approved ({meeting.minutes_approved}) before the meeting was held ({meeting.date})",
            ),
        )


def check_record_dates(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    """The dagsorden is sent before the meeting; corrections come after the minutes were approved."""
    if meeting.agenda_sent is not None and meeting.agenda_sent > meeting.date:
        yield _at(
            meeting,
            ("agenda_sent",),
            "date-order",
            ctx.say(
                f"dagsordenen er sendt ud ({meeting.agenda_sent}) efter mødet ({meeting.date}); `agenda_sent` er senest mødedagen",
                f"the agenda is sent ({meeting.agenda_sent}) after the meeting ({meeting.date}); `agenda_sent` is the meeting day at the latest",
            ),
        )
    if meeting.amendments and meeting.minutes_approved is None:
        yield _at(
            meeting,
            ("amendments",),
            "amendment-not-approved",
            ctx.say(
                "`amendments` er rettelser til et godkendt referat, men referatet er ikke godkendt (`minutes_approved`);"
                " ret referatet direkte, indtil det er godkendt",
                "`amendments` correct approved minutes, but these minutes are not approved (`minutes_approved`);"
                " until they are, change the minutes themselves",
            ),
            at="key",
        )
        return
    for i, amendment in enumerate(meeting.amendments):
        if meeting.minutes_approved is not None and amendment.date < meeting.minutes_approved:
            yield _at(
                meeting,
                ("amendments", i, "date"),
                "date-order",
                ctx.say(
                    f"rettelsen er dateret {amendment.date}, før referatet blev godkendt ({meeting.minutes_approved})",
                    f"the correction is dated {amendment.date}, before the minutes were approved ({meeting.minutes_approved})",
                ),
            )


def check_items(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    # Where closed items stand in the order is the secretary's choice (format 1.2): no rule.
    numbers: dict[int | str | None, int] = {}
    for i, item in enumerate(meeting.items):
        if item.number in numbers:
            yield _at(
                meeting,
                ("items", i, "number") if meeting.locator.has(("items", i, "number")) else ("items", i),
                "duplicate-number",
                ctx.say(
                    f"punktnummer {item.number} er brugt to gange på dette møde (også af det {numbers[item.number] + 1}. punkt på listen):"
                    " giv hvert punkt sit eget `number`",
                    f"item number {item.number} is used twice in this meeting (also item {numbers[item.number] + 1} in the list)",
                ),
            )
        elif item.number is not None and item_order(item.number)[0] < 1:
            yield _at(meeting, ("items", i, "number"), "invalid-value", ctx.say(
                "et punkts `number` skal være 1 eller mere", "an item `number` must be 1 or more"
            ))
        numbers.setdefault(item.number, i)
        for j, action in enumerate(item.actions):
            loc = ("items", i, "actions", j)
            if not action.owners:
                yield _at(meeting, loc + ("owners",), "missing-field", ctx.say(
                    "et opfølgningspunkt skal have mindst én ansvarlig: skriv en persons eller et råd/udvalgs id i `owners`",
                    "an action needs at least one owner",
                ), at="key")
            if action.done_on is not None and action.status != "done":
                yield _at(meeting, loc + ("done_on",), "done-not-done", ctx.say(
                    f"`done_on` (udført den) er udfyldt, men opfølgningspunktet er {_da(action.status)}: sæt `status: done` (udført),"
                    " eller slet `done_on`",
                    f"`done_on` is set, but the action is `{action.status}`",
                ), at="key")


def check_attachment_fields(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    """Path or url, not both; a url is https, http or mailto. Whether a path may be published is checked across records."""
    for i, item in enumerate(meeting.items):
        for j, att in enumerate(item.attachments):
            loc = ("items", i, "attachments", j)
            if (att.path is None) == (att.url is None):
                yield _at(meeting, loc, "attachment-target", ctx.say(
                    "et bilag har enten en `path` (en fil i mappen) eller en `url` (en webadresse), hverken begge dele eller ingen af dem",
                    "an attachment has either a `path` or a `url`, not both or neither",
                ))
            elif att.url is not None and not url_allowed(att.url):
                yield _at(meeting, loc + ("url",), "invalid-url", ctx.say(
                    f"`{att.url}` er ikke en adresse, der begynder med https:, http: eller mailto:",
                    f"`{att.url}` is not an https, http or mailto address",
                ))
