"""Rules within one body, plan or initiative."""

from __future__ import annotations

from collections.abc import Iterator

from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.common import at as _at
from ensomhed_cli.diagnostics import WARNING, Diagnostic, suggest
from ensomhed_cli.format.fieldtypes import first_day
from ensomhed_cli.format.schema import Body, Goal, Initiative, Plan


def check_body(body: Body, ctx: Context) -> Iterator[Diagnostic]:
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


def _unique_ids(plan: Plan, field: str, what: str) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for i, part in enumerate(getattr(plan, field)):
        if part.id in seen:
            yield _at(plan, (field, i, "id"), "duplicate-id", f"{what} id `{part.id}` is used twice in this plan")
        seen.add(part.id)


def check_plan(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    if plan.period and plan.period.to < first_day(plan.period.from_):
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
        yield from _check_direction(plan, i, goal)
    yield from _check_milestones(plan)


def inferred_direction(goal: Goal) -> str | None:
    """increase or decrease, from baseline to target; None where they are missing or equal."""
    if goal.baseline is None or goal.target is None or goal.baseline.value == goal.target.value:
        return None
    return "increase" if goal.target.value > goal.baseline.value else "decrease"


def _check_direction(plan: Plan, i: int, goal: Goal) -> Iterator[Diagnostic]:
    inferred = inferred_direction(goal)
    if goal.direction and inferred and goal.direction != inferred:
        yield _at(
            plan,
            ("goals", i, "direction"),
            "direction-conflict",
            f"goal `{goal.id}` says `{goal.direction}`, but its target ({_figure(goal.target.value)}) is"  # type: ignore[union-attr]
            f" {'below' if inferred == 'decrease' else 'above'} its baseline ({_figure(goal.baseline.value)})",  # type: ignore[union-attr]
        )
    elif goal.direction is None and inferred is None and goal.target is not None:
        why = "equals its baseline" if goal.baseline is not None else "has no baseline"
        yield _at(
            plan,
            ("goals", i, "target"),
            "direction-needed",
            f"goal `{goal.id}` has a target that {why}; add `direction: increase` or `direction: decrease`",
            at="key",
        )


def _figure(value: float) -> str:
    """A figure as written: 2500000, 6.6; never 2.5e+06."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


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
            if m.date and dep_m.date and m.date < first_day(dep_m.date):
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
                cycle = trail[trail.index(dep) :] + [mid, dep]  # dep is on the trail: it is being visited
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


def check_initiative(ini: Initiative, ctx: Context) -> Iterator[Diagnostic]:
    vocab = ctx.config.vocabularies
    if ini.start and ini.end and ini.end < first_day(ini.start):
        yield _at(ini, ("end",), "date-order", f"the initiative ends ({ini.end}) before it starts ({ini.start})")
    for i, line in enumerate(ini.budget):
        if line.amount < 0:
            yield _at(ini, ("budget", i, "amount"), "invalid-value", "a budget `amount` is 0 or more")
    yield from _check_reach_periods(ini)
    for i, reach in enumerate(ini.reach):
        for name in ("participants", "new_relations"):
            value = getattr(reach, name)
            if value is not None and value < 0:
                yield _at(ini, ("reach", i, name), "invalid-value", f"`{name}` is 0 or more")
        counted = reach.participants, reach.new_relations
        if None not in counted and min(counted) >= 0 and reach.new_relations > reach.participants:  # negatives are errors above
            yield _at(
                ini,
                ("reach", i, "new_relations"),
                "reach-count",
                f"{_count(reach.new_relations, 'new relation', 'new relations')} among"
                f" {_count(reach.participants, 'participant', 'participants')}",
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


def _check_reach_periods(ini: Initiative) -> Iterator[Diagnostic]:
    """Each reach entry counts one period, from `from` (or the day after the entry before) to
    its `date`; the entries are in date order and their periods do not overlap, so totals add up."""
    previous = None
    for i, reach in enumerate(ini.reach):
        if reach.from_ is not None and reach.from_ > reach.date:
            yield _at(ini, ("reach", i, "from"), "date-order", f"the period counted begins ({reach.from_}) after it ends ({reach.date})")
        if previous is not None:
            if reach.date <= previous.date:
                yield _at(
                    ini,
                    ("reach", i, "date"),
                    "date-order",
                    f"reach entries are in date order, but {reach.date} comes after {previous.date}",
                )
            elif reach.from_ is not None and reach.from_ <= previous.date:
                yield _at(
                    ini,
                    ("reach", i, "from"),
                    "reach-overlap",
                    f"the period from {reach.from_} overlaps the one counted until {previous.date}; each count covers its own period",
                )
        previous = reach


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
