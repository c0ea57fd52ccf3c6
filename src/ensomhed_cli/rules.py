"""The rules of the record format that span fields and records.

Each rule is a plain function `check_x(repo) -> iterable of Diagnostic`, listed in
RULES. Adding a rule is adding a function here and a test for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ensomhed_cli.build import suggest
from ensomhed_cli.diagnostics import ERROR, WARNING, Diagnostic
from ensomhed_cli.repository import Repository
from ensomhed_cli.schema import Body, Initiative, Meeting, Person, Plan, Record

Rule = Callable[[Repository], Iterable[Diagnostic]]


def _at(record: Record, loc: tuple, code: str, message: str, *, severity: str = ERROR, at: str = "value") -> Diagnostic:
    return record.locator.diagnostic(loc, code, message, severity=severity, at=at, record_id=record.id)


def _hhmm(t) -> str:
    return t.strftime("%H:%M")


# --- ids and references ------------------------------------------------------------------


def check_unique_ids(repo: Repository) -> Iterator[Diagnostic]:
    for record in repo.records:
        if record.id in repo.invalid:
            yield _at(
                record,
                ("id",) if record.locator.has(("id",)) else (),
                "duplicate-id",
                f"the id `{record.id}` is also used by another record (one with errors of its own)",
            )
            continue
        first = repo.by_id[record.id]
        if first is not record:
            loc = ("id",) if record.locator.has(("id",)) else ()
            line, _ = first.locator.key(("id",)) if first.locator.has(("id",)) else (1, 1)
            yield _at(
                record,
                loc,
                "duplicate-id",
                f"the id `{record.id}` is already used by {first.path}:{line}; ids are unique in the repository",
            )


def _refs(record: Record) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
    """(value path, referenced id, kinds it may refer to) for every reference in a record."""
    if isinstance(record, Body):
        if record.parent:
            yield ("parent",), record.parent, (Body,)
        if record.plan:
            yield ("plan",), record.plan, (Plan,)
        for i, m in enumerate(record.members):
            yield ("members", i, "person"), m.person, (Person,)
    elif isinstance(record, Meeting):
        yield ("body",), record.body, (Body,)
        for name in ("chair", "secretary"):
            if getattr(record, name):
                yield (name,), getattr(record, name), (Person,)
        for i, pid in enumerate(record.attendees):
            yield ("attendees", i), pid, (Person,)
        for i, a in enumerate(record.absent):
            yield ("absent", i, "person"), a.person, (Person,)
            if a.substitute:
                yield ("absent", i, "substitute"), a.substitute, (Person,)
        for i, item in enumerate(record.items):
            for j, pid in enumerate(item.presenters):
                yield ("items", i, "presenters", j), pid, (Person,)
            for j, iid in enumerate(item.initiatives):
                yield ("items", i, "initiatives", j), iid, (Initiative,)
            for j, pid in enumerate(item.plans):
                yield ("items", i, "plans", j), pid, (Plan,)
            for j, action in enumerate(item.actions):
                for k, pid in enumerate(action.owners):
                    yield ("items", i, "actions", j, "owners", k), pid, (Person,)
    elif isinstance(record, Plan):
        yield ("owner",), record.owner, (Body,)
        if record.approved_by:
            yield ("approved_by",), record.approved_by, (Body,)
    elif isinstance(record, Initiative):
        for i, pid in enumerate(record.plans):
            yield ("plans", i), pid, (Plan,)
        if record.owner:
            yield ("owner",), record.owner, (Person, Body)
        if record.proposed_by:
            yield ("proposed_by",), record.proposed_by, (Body,)


def _kind_names(kinds: tuple[type, ...]) -> str:
    return " or ".join(k.__name__.lower() for k in kinds)


def check_references(repo: Repository) -> Iterator[Diagnostic]:
    for record in repo.records:
        for loc, ref, kinds in _refs(record):
            target = repo.by_id.get(ref)
            wanted = _kind_names(kinds)
            if target is None and repo.invalid.get(ref) in {k.__name__.lower() for k in kinds}:
                continue  # the record exists but has errors of its own, reported at it
            if target is None:
                candidates = [r.id for r in repo.records if isinstance(r, kinds)]
                yield _at(record, loc, "unresolved-ref", f"no {wanted} with id `{ref}`{suggest(ref, candidates)}")
            elif not isinstance(target, kinds):
                yield _at(
                    record,
                    loc,
                    "wrong-kind-ref",
                    f"`{ref}` is a {target.kind} ({target.path}), but a {wanted} is expected here",  # type: ignore[attr-defined]
                )


def check_goal_references(repo: Repository) -> Iterator[Diagnostic]:
    for record in repo.initiatives:
        for i, ref in enumerate(record.goals):
            plan_id, _, goal_id = ref.partition("#")
            plan = repo.by_id.get(plan_id)
            if plan is None and repo.invalid.get(plan_id) == "plan":
                continue
            if not isinstance(plan, Plan):
                plans = [p.id for p in repo.plans]
                what = f"no plan with id `{plan_id}`" if plan is None else f"`{plan_id}` is a {plan.kind}, not a plan"  # type: ignore[attr-defined]
                yield _at(record, ("goals", i), "unresolved-ref", f"{what}{suggest(plan_id, plans)}")
                continue
            goal_ids = [g.id for g in plan.goals]
            if goal_id not in goal_ids:
                yield _at(
                    record,
                    ("goals", i),
                    "unresolved-ref",
                    f"the plan `{plan_id}` has no goal `{goal_id}`{suggest(goal_id, goal_ids)}",
                )


# --- bodies ------------------------------------------------------------------------------


def check_bodies(repo: Repository) -> Iterator[Diagnostic]:
    for body in repo.bodies:
        if body.size is not None:
            if body.size.min < 0:
                yield _at(body, ("size", "min"), "invalid-value", "`size.min` must be 0 or more")
            if body.size.min > body.size.max:
                yield _at(
                    body, ("size", "max"), "invalid-range", f"`size.max` ({body.size.max}) is below `size.min` ({body.size.min})"
                )
            elif body.members:
                n = len(body.members)
                if not body.size.min <= n <= body.size.max:
                    yield _at(
                        body,
                        ("members",),
                        "group-size",
                        f"{n} {'member' if n == 1 else 'members'}, but the group is to have {body.size.min}–{body.size.max}",
                        at="key",
                    )
        seen: dict[str, int] = {}
        for i, member in enumerate(body.members):
            if member.person in seen:
                yield _at(
                    body,
                    ("members", i, "person"),
                    "duplicate-member",
                    f"`{member.person}` is listed as a member twice (also entry {seen[member.person] + 1})",
                    severity=WARNING,
                )
            seen.setdefault(member.person, i)
        # A body that is its own ancestor has no place in the organisation.
        chain, current = [body.id], body
        while isinstance(current, Body) and current.parent:
            if current.parent in chain:
                if current.parent == body.id:
                    yield _at(body, ("parent",), "parent-cycle", f"`parent` goes round in a circle: {' → '.join(chain + [body.id])}")
                break
            chain.append(current.parent)
            current = repo.by_id.get(current.parent)


# --- meetings ----------------------------------------------------------------------------


def check_meeting_times(repo: Repository) -> Iterator[Diagnostic]:
    for meeting in repo.meetings:
        hours = (meeting.start, meeting.end)
        if meeting.start and meeting.end and meeting.end <= meeting.start:
            yield _at(
                meeting, ("end",), "time-order", f"the meeting ends ({_hhmm(meeting.end)}) before it starts ({_hhmm(meeting.start)})"
            )
            hours = (None, None)  # the items cannot be held against hours that are wrong themselves
        previous = None  # (index, end or start) of the last item with a time
        for i, item in enumerate(meeting.items):
            label = f"item {item.number}"
            if item.start and item.end and item.end <= item.start:
                yield _at(meeting, ("items", i, "end"), "time-order", f"{label} ends ({_hhmm(item.end)}) before it starts ({_hhmm(item.start)})")
            for name in ("start", "end"):
                t = getattr(item, name)
                if t is None:
                    continue
                if hours[0] and t < hours[0]:
                    yield _at(
                        meeting,
                        ("items", i, name),
                        "time-outside",
                        f"{label} {'starts' if name == 'start' else 'ends'} at {_hhmm(t)}, before the meeting starts ({_hhmm(meeting.start)})",
                    )
                if hours[1] and t > hours[1]:
                    yield _at(
                        meeting,
                        ("items", i, name),
                        "time-outside",
                        f"{label} {'starts' if name == 'start' else 'ends'} at {_hhmm(t)}, after the meeting ends ({_hhmm(meeting.end)})",
                    )
            if item.start and previous is not None:
                j, prev_end = previous
                if item.start < prev_end:
                    yield _at(
                        meeting,
                        ("items", i, "start"),
                        "time-overlap",
                        f"{label} starts at {_hhmm(item.start)}, before item {meeting.items[j].number} is over ({_hhmm(prev_end)}); items run in order",
                    )
            last = item.end or item.start
            if last is not None:
                previous = (i, last)


def check_meeting_people(repo: Repository) -> Iterator[Diagnostic]:
    for meeting in repo.meetings:
        attending: dict[str, int] = {}
        for i, pid in enumerate(meeting.attendees):
            if pid in attending:
                yield _at(meeting, ("attendees", i), "duplicate-person", f"`{pid}` is listed twice in `attendees`", severity=WARNING)
            attending.setdefault(pid, i)
        absent_seen: set[str] = set()
        for i, absence in enumerate(meeting.absent):
            if absence.person in attending:
                yield _at(
                    meeting,
                    ("absent", i, "person"),
                    "present-and-absent",
                    f"`{absence.person}` is both in `attendees` (entry {attending[absence.person] + 1}) and in `absent`",
                )
            if absence.person in absent_seen:
                yield _at(meeting, ("absent", i, "person"), "duplicate-person", f"`{absence.person}` is listed twice in `absent`", severity=WARNING)
            absent_seen.add(absence.person)
            if absence.substitute and absence.substitute == absence.person:
                yield _at(meeting, ("absent", i, "substitute"), "invalid-value", "a person cannot be their own substitute")


def check_meeting_status(repo: Repository) -> Iterator[Diagnostic]:
    for meeting in repo.meetings:
        if meeting.status != "held":
            for i, item in enumerate(meeting.items):
                if item.decision is not None:
                    yield _at(
                        meeting,
                        ("items", i, "decision"),
                        "decision-not-held",
                        f"item {item.number} has a decision, but the meeting is `{meeting.status}`; only a held meeting has decisions",
                        at="key",
                    )
            if meeting.minutes_approved is not None:
                yield _at(
                    meeting,
                    ("minutes_approved",),
                    "approved-not-held",
                    f"`minutes_approved` is set, but the meeting is `{meeting.status}`; only a held meeting has minutes",
                    at="key",
                )
        elif meeting.minutes_approved is not None and meeting.minutes_approved < meeting.date:
            yield _at(
                meeting,
                ("minutes_approved",),
                "date-order",
                f"the minutes are approved ({meeting.minutes_approved}) before the meeting was held ({meeting.date})",
            )


def check_items(repo: Repository) -> Iterator[Diagnostic]:
    for meeting in repo.meetings:
        numbers: dict[int, int] = {}
        closed_at = None
        for i, item in enumerate(meeting.items):
            if item.number in numbers:
                yield _at(
                    meeting,
                    ("items", i, "number") if meeting.locator.has(("items", i, "number")) else ("items", i),
                    "duplicate-number",
                    f"item number {item.number} is used twice in this meeting (also item {numbers[item.number] + 1} in the list)",
                )
            elif item.number is not None and item.number < 1:
                yield _at(meeting, ("items", i, "number"), "invalid-value", "an item `number` is 1 or more")
            numbers.setdefault(item.number, i)
            if item.closed:
                closed_at = closed_at if closed_at is not None else i
            elif closed_at is not None:
                yield _at(
                    meeting,
                    ("items", closed_at),
                    "closed-before-open",
                    f"closed item {meeting.items[closed_at].number} comes before open item {item.number}; closed items usually come last",
                    severity=WARNING,
                )
                closed_at = None
            for j, action in enumerate(item.actions):
                loc = ("items", i, "actions", j)
                if not action.owners:
                    yield _at(meeting, loc + ("owners",), "missing-field", "an action needs at least one owner", at="key")
                if action.done_on is not None and action.status != "done":
                    yield _at(
                        meeting, loc + ("done_on",), "done-not-done", f"`done_on` is set, but the action is `{action.status}`", at="key"
                    )


def check_attachments(repo: Repository) -> Iterator[Diagnostic]:
    root = repo.root.resolve()
    for meeting in repo.meetings:
        for i, item in enumerate(meeting.items):
            for j, att in enumerate(item.attachments):
                loc = ("items", i, "attachments", j)
                if (att.path is None) == (att.url is None):
                    yield _at(meeting, loc, "attachment-target", "an attachment has either a `path` or a `url`, not both or neither")
                    continue
                if att.url is not None:
                    scheme = urlsplit(att.url.strip()).scheme.lower()
                    if scheme not in ("http", "https"):
                        yield _at(meeting, loc + ("url",), "invalid-url", f"`{att.url}` is not an http or https address")
                    continue
                yield from _check_attachment_path(meeting, loc + ("path",), att.path, root)


def _check_attachment_path(meeting: Meeting, loc: tuple, raw: str, root: Path) -> Iterator[Diagnostic]:
    if not raw.strip():
        yield _at(meeting, loc, "attachment-path", "the attachment `path` is empty")
        return
    if os.path.isabs(raw) or raw.startswith("~"):
        yield _at(meeting, loc, "attachment-path", f"`{raw}` is absolute; give the path relative to the repository root")
        return
    target = (root / raw).resolve()
    if target != root and root not in target.parents:
        yield _at(meeting, loc, "attachment-path", f"`{raw}` points outside the repository")
    elif not target.is_file():
        yield _at(meeting, loc, "attachment-missing", f"the attachment `{raw}` does not exist (paths are relative to the repository root)")


# --- plans -------------------------------------------------------------------------------


def _unique_ids(plan: Plan, field: str, what: str) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for i, part in enumerate(getattr(plan, field)):
        if part.id in seen:
            yield _at(plan, (field, i, "id"), "duplicate-id", f"{what} id `{part.id}` is used twice in this plan")
        seen.add(part.id)


def check_plans(repo: Repository) -> Iterator[Diagnostic]:
    for plan in repo.plans:
        if plan.period and plan.period.from_ > plan.period.to:
            yield _at(plan, ("period", "to"), "date-order", f"the period ends ({plan.period.to}) before it begins ({plan.period.from_})")
        yield from _unique_ids(plan, "themes", "theme")
        yield from _unique_ids(plan, "goals", "goal")
        yield from _unique_ids(plan, "milestones", "milestone")
        theme_ids = [t.id for t in plan.themes]
        for i, goal in enumerate(plan.goals):
            if goal.theme and goal.theme not in theme_ids:
                yield _at(plan, ("goals", i, "theme"), "unresolved-ref", f"the plan has no theme `{goal.theme}`{suggest(goal.theme, theme_ids)}")
            for j in range(1, len(goal.measurements)):
                if goal.measurements[j].date < goal.measurements[j - 1].date:
                    yield _at(
                        plan,
                        ("goals", i, "measurements", j, "date"),
                        "date-order",
                        f"measurements are in date order, but {goal.measurements[j].date} comes after {goal.measurements[j - 1].date}",
                    )
        yield from _check_milestones(plan)


def _check_milestones(plan: Plan) -> Iterator[Diagnostic]:
    by_id = {}
    for i, m in enumerate(plan.milestones):
        by_id.setdefault(m.id, (i, m))
    for i, m in enumerate(plan.milestones):
        for j, dep in enumerate(m.depends_on):
            loc = ("milestones", i, "depends_on", j)
            if dep not in by_id:
                yield _at(plan, loc, "unresolved-ref", f"the plan has no milestone `{dep}`{suggest(dep, list(by_id))}")
                continue
            if dep == m.id:
                yield _at(plan, loc, "milestone-cycle", f"milestone `{m.id}` depends on itself")
                continue
            dep_m = by_id[dep][1]
            if m.date and dep_m.date and m.date < dep_m.date:
                yield _at(
                    plan,
                    ("milestones", i, "date"),
                    "date-order",
                    f"milestone `{m.id}` ({m.date}) is dated before `{dep}` ({dep_m.date}), which it depends on",
                )
    # Cycles longer than one step: depth-first search, reported once at the milestone that closes it.
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(mid: str, trail: list[str]) -> Iterator[Diagnostic]:
        state[mid] = 1
        i, m = by_id[mid]
        for j, dep in enumerate(m.depends_on):
            if dep not in by_id or dep == mid:
                continue
            if state.get(dep) == 1:
                cycle = trail[trail.index(dep) :] + [mid, dep] if dep in trail else [mid, dep]
                yield _at(
                    plan,
                    ("milestones", i, "depends_on", j),
                    "milestone-cycle",
                    f"milestones depend on each other in a circle: {' → '.join(cycle)}",
                )
            elif state.get(dep) is None:
                yield from visit(dep, trail + [mid])
        state[mid] = 2

    for mid in by_id:
        if state.get(mid) is None:
            yield from visit(mid, [])


# --- initiatives -------------------------------------------------------------------------


def check_initiatives(repo: Repository) -> Iterator[Diagnostic]:
    vocab = repo.config.vocabularies
    for ini in repo.initiatives:
        if ini.start and ini.end and ini.end < ini.start:
            yield _at(ini, ("end",), "date-order", f"the initiative ends ({ini.end}) before it starts ({ini.start})")
        if ini.budget and ini.budget.amount < 0:
            yield _at(ini, ("budget", "amount"), "invalid-value", "a budget `amount` is 0 or more")
        for i, reach in enumerate(ini.reach):
            for name in ("participants", "new_relations"):
                value = getattr(reach, name)
                if value is not None and value < 0:
                    yield _at(ini, ("reach", i, name), "invalid-value", f"`{name}` is 0 or more")
            if reach.participants is not None and reach.new_relations is not None and reach.new_relations > reach.participants:
                yield _at(
                    ini,
                    ("reach", i, "new_relations"),
                    "reach-count",
                    f"{reach.new_relations} new relations among {reach.participants} participants",
                    severity=WARNING,
                )
        for field in ("target_groups", "partners"):
            allowed = getattr(vocab, field)
            if allowed is None:
                continue
            for i, value in enumerate(getattr(ini, field)):
                if value not in allowed:
                    yield _at(
                        ini,
                        (field, i),
                        "vocabulary",
                        f"`{value}` is not in `vocabularies.{field}` of ensomhed.yaml{suggest(value, allowed)}",
                    )


RULES: list[Rule] = [
    check_unique_ids,
    check_references,
    check_goal_references,
    check_bodies,
    check_meeting_times,
    check_meeting_people,
    check_meeting_status,
    check_items,
    check_attachments,
    check_plans,
    check_initiatives,
]


def run_rules(repo: Repository) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in RULES:
        out.extend(rule(repo))
    return out
