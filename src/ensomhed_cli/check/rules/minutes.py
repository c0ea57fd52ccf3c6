"""The rules of what minutes record: partial attendance, who took part in an item, votes and statements."""

from __future__ import annotations

from collections.abc import Iterator

from ensomhed_cli.check.references import VOTE_SIDES, is_person_ref
from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.common import at as _at
from ensomhed_cli.check.rules.common import hhmm as _hhmm
from ensomhed_cli.check.rules.common import value_da as _da
from ensomhed_cli.diagnostics import WARNING, Diagnostic
from ensomhed_cli.format.fieldtypes import item_order
from ensomhed_cli.format.meeting_parts import Item, Statement, Vote
from ensomhed_cli.format.schema import Meeting


def check_attendance(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    """Partial attendance names items of the meeting, in order, and times inside its hours."""
    numbers = {str(item.number) for item in meeting.items}
    # Hours that are wrong themselves (end before start) are reported once, by check_meeting_times.
    hours_ok = not (meeting.start and meeting.end and meeting.end <= meeting.start)
    for i, attendee in enumerate(meeting.attendees):
        for name in ("from_item", "to_item"):
            number = getattr(attendee, name)
            if number is not None and str(number) not in numbers:
                yield _at(
                    meeting,
                    ("attendees", i, name),
                    "unknown-item",
                    ctx.say(
                        f"`{name}: {number}` er ikke et punkt på dette møde (punkterne er: {_numbers_text(meeting, ctx)})",
                        f"`{name}: {number}` is not an item of this meeting (items: {_numbers_text(meeting, ctx)})",
                    ),
                )
        if (
            attendee.from_item is not None
            and attendee.to_item is not None
            and item_order(attendee.to_item) < item_order(attendee.from_item)
        ):
            yield _at(
                meeting,
                ("attendees", i, "to_item"),
                "item-order",
                ctx.say(
                    f"`{attendee.person}` går efter punkt {attendee.to_item}, før personen kommer til punkt {attendee.from_item}:"
                    " ret `from_item` eller `to_item`",
                    f"`{attendee.person}` leaves after item {attendee.to_item}, before coming for item {attendee.from_item}",
                ),
            )
        if attendee.arrived and attendee.left and attendee.left <= attendee.arrived:
            yield _at(
                meeting,
                ("attendees", i, "left"),
                "time-order",
                ctx.say(
                    f"`{attendee.person}` går ({_hhmm(attendee.left)}), før personen kommer ({_hhmm(attendee.arrived)}): ret `arrived` eller `left`",
                    f"`{attendee.person}` leaves ({_hhmm(attendee.left)}) before arriving ({_hhmm(attendee.arrived)})",
                ),
            )
        for name in ("arrived", "left"):
            t = getattr(attendee, name)
            if t is None or not hours_ok:
                continue
            if (meeting.start and t < meeting.start) or (meeting.end and t > meeting.end):
                yield _at(
                    meeting,
                    ("attendees", i, name),
                    "time-outside",
                    ctx.say(
                        f"`{attendee.person}` {'kommer' if name == 'arrived' else 'går'} kl. {_hhmm(t)}, uden for mødets tid ({_hours(meeting)}):"
                        f" ret `{name}` eller mødets tider (`start` og `end`)",
                        f"`{attendee.person}` {name} at {_hhmm(t)}, outside the meeting's hours ({_hours(meeting)})",
                    ),
                    severity=WARNING,
                )


def check_item_participation(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    """Nobody votes or makes a statement on an item they took no part in, nor votes twice: a
    voter who is a person was present for the item (listed among the attendees where the
    meeting lists them, there by then and still there, not absent from it or inhabil) and is
    not an official. Whether a voter is a member of the body is judged across records
    (rules/across.py: check_voters_are_members)."""
    absent = {a.person for a in meeting.absent}
    for i, item in enumerate(meeting.items):
        left_item: dict[str, str] = {}
        yield from _item_absences(meeting, i, item, absent, left_item, ctx)
        not_there = _not_there(meeting, item, absent, left_item, ctx)
        for j, vote in enumerate(item.votes):
            yield from _vote_problems(meeting, ("items", i, "votes", j), item, vote, not_there, ctx)
        for j, statement in enumerate(item.statements):
            yield from _statement_problems(meeting, ("items", i, "statements", j), item, statement, not_there, ctx)


def _item_absences(meeting: Meeting, i: int, item: Item, absent: set[str], left_item: dict[str, str], ctx: Context) -> Iterator[Diagnostic]:
    """What is wrong in an item's own `absent`; fills `left_item` with who was away from it, and why."""
    say = ctx.say
    for j, absence in enumerate(item.absent):
        if absence.person in absent:
            yield _at(
                meeting,
                ("items", i, "absent", j, "person"),
                "already-absent",
                say(
                    f"`{absence.person}` er fraværende fra hele mødet; skriv kun en person under punktets `absent`, når personen var til stede",
                    f"`{absence.person}` is absent from the whole meeting; list them under the item only if they were there",
                ),
                severity=WARNING,
            )
        elif absence.person in left_item:
            yield _at(
                meeting,
                ("items", i, "absent", j, "person"),
                "duplicate-person",
                say(f"`{absence.person}` står to gange i punktets `absent`", f"`{absence.person}` is listed twice in the item's `absent`"),
                severity=WARNING,
            )
        if absence.conflict_of_interest or absence.person not in left_item:
            left_item[absence.person] = say("inhabil", "inhabil") if absence.conflict_of_interest else say("fraværende under punktet", "absent from the item")


def _not_there(meeting: Meeting, item: Item, absent: set[str], left_item: dict[str, str], ctx: Context) -> dict[str, str]:
    """Who took no part in an item, and the weightiest reason why: an official, absent from the
    meeting, not listed as present, not there yet or gone, then absent from the item."""
    say = ctx.say
    listed = set(meeting.attendee_ids)
    not_there = dict(left_item)
    not_there.update(_not_yet_or_gone(meeting, item.number, ctx))
    if listed:
        not_there.update({pid: say("ikke blandt de fremmødte (`attendees`)", "not among those present (`attendees`)") for pid in _voters(item) - listed})
    not_there.update({pid: say("fraværende fra mødet", "absent from the meeting") for pid in absent})
    not_there.update({s.person: say("fra forvaltningen (`staff`), ikke medlem", "an official (`staff`), not a member") for s in meeting.staff})
    return not_there


def _vote_problems(meeting: Meeting, loc: tuple, item: Item, vote: Vote, not_there: dict[str, str], ctx: Context) -> Iterator[Diagnostic]:
    """An empty vote, a person voting twice, or voting on an item they took no part in."""
    say = ctx.say
    if not (vote.for_ or vote.against or vote.abstained):
        yield _at(meeting, loc, "empty-vote", say(
            "en afstemning skal have nogen under `for`, `against` eller `abstained`",
            "a vote needs someone in `for`, `against` or `abstained`",
        ))
    cast: dict[str, str] = {}
    for side, attr in VOTE_SIDES.items():
        for k, voter in enumerate(getattr(vote, attr)):
            # A party's letters may stand on two sides (a split group); a person may not.
            if voter in cast and is_person_ref(voter):
                yield _at(
                    meeting,
                    loc + (side, k),
                    "voted-twice",
                    say(f"`{voter}` står to gange under `{side}` i samme afstemning", f"`{voter}` is in `{side}` twice in the same vote")
                    if cast[voter] == side
                    else say(
                        f"`{voter}` står både under `{cast[voter]}` og `{side}` i samme afstemning",
                        f"`{voter}` is in `{cast[voter]}` and in `{side}` of the same vote",
                    ),
                )
                continue
            cast.setdefault(voter, side)
            if is_person_ref(voter) and voter in not_there:
                yield _at(
                    meeting,
                    loc + (side, k),
                    "absent-and-voting",
                    say(
                        f"`{voter}` stemmer om punkt {item.number}, men er {not_there[voter]}",
                        f"`{voter}` votes on item {item.number}, but is {not_there[voter]}",
                    ),
                )


def _statement_problems(meeting: Meeting, loc: tuple, item: Item, statement: Statement, not_there: dict[str, str], ctx: Context) -> Iterator[Diagnostic]:
    """A statement by nobody, or by someone who took no part in the item."""
    say = ctx.say
    if not statement.by:
        yield _at(meeting, loc + ("by",), "missing-field", say(
            "en udtalelse skal have mindst én under `by`", "a statement needs at least one in `by`"
        ), at="key")
    for k, voter in enumerate(statement.by):
        if is_person_ref(voter) and voter in not_there:
            yield _at(
                meeting,
                loc + ("by", k),
                "absent-and-voting",
                say(
                    f"`{voter}` står bag en udtalelse til punkt {item.number}, men er {not_there[voter]}",
                    f"`{voter}` makes a statement on item {item.number}, but is {not_there[voter]}",
                ),
            )


def _voters(item: Item) -> set[str]:
    """The people (not parties) who vote on an item or make a statement on it."""
    named = [v for vote in item.votes for attr in VOTE_SIDES.values() for v in getattr(vote, attr)]
    named += [v for s in item.statements for v in s.by]
    return {v for v in named if is_person_ref(v)}


def check_outcome_fields(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    """Votes and statements, like a decision, belong to a held meeting and a treated item."""
    for i, item in enumerate(meeting.items):
        for name in ("votes", "statements"):
            if not getattr(item, name):
                continue
            what = _OUTCOME_DA[name]
            if meeting.status != "held":
                yield _at(
                    meeting,
                    ("items", i, name),
                    f"{name}-not-held",
                    ctx.say(
                        f"punkt {item.number} har {what} (`{name}`), men mødet er {_da(meeting.status)}; kun et afholdt møde har {what}:"
                        f" slet `{name}`, eller sæt mødets `status: held` (afholdt), hvis mødet er holdt",
                        f"item {item.number} has {name}, but the meeting is `{meeting.status}`; only a held meeting has {name}",
                    ),
                    at="key",
                )
            elif item.status != "treated":
                yield _at(
                    meeting,
                    ("items", i, name),
                    "decision-not-treated",
                    ctx.say(
                        f"punkt {item.number} er {_da(item.status)} og har derfor ingen {what}:"
                        f" slet `{name}`, eller sæt punktets `status: treated` (behandlet)",
                        f"item {item.number} is `{item.status}`; a postponed or withdrawn item has no {name}",
                    ),
                    at="key",
                )


_OUTCOME_DA = {"votes": "afstemninger", "statements": "udtalelser"}


def _not_yet_or_gone(meeting: Meeting, number: int | str | None, ctx: Context) -> dict[str, str]:
    """Attendees who had not come yet or had left by this item."""
    here = item_order(number)
    out = {}
    for attendee in meeting.attendees:
        if attendee.from_item is not None and here < item_order(attendee.from_item):
            out[attendee.person] = ctx.say(f"først til stede fra punkt {attendee.from_item}", f"only present from item {attendee.from_item}")
        elif attendee.to_item is not None and here > item_order(attendee.to_item):
            out[attendee.person] = ctx.say(f"gået efter punkt {attendee.to_item}", f"gone after item {attendee.to_item}")
    return out


def _numbers_text(meeting: Meeting, ctx: Context) -> str:
    return ", ".join(str(item.number) for item in meeting.items) or ctx.say("ingen", "none")


def _hours(meeting: Meeting) -> str:
    start = _hhmm(meeting.start) if meeting.start else "?"
    end = _hhmm(meeting.end) if meeting.end else "?"
    return f"{start}–{end}"
