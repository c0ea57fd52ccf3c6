"""Rules within one body, plan or initiative."""

from __future__ import annotations

from collections.abc import Iterator

from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.common import at as _at
from ensomhed_cli.diagnostics import WARNING, Diagnostic, suggest
from ensomhed_cli.format.fieldtypes import first_day
from ensomhed_cli.format.schema import Body, Goal, Initiative, Milestone, Plan


def check_body(body: Body, ctx: Context) -> Iterator[Diagnostic]:
    if body.size is not None:
        if body.size.min < 0:
            yield _at(body, ("size", "min"), "invalid-value", ctx.say("`size.min` skal være 0 eller mere", "`size.min` must be 0 or more"))
        if body.size.min > body.size.max:
            yield _at(body, ("size", "max"), "invalid-range", ctx.say(
                f"`size.max` ({body.size.max}) er mindre end `size.min` ({body.size.min}): det største antal medlemmer står i `max`, det mindste i `min`",
                f"`size.max` ({body.size.max}) is below `size.min` ({body.size.min})",
            ))
        elif body.members:
            n = len(body.members)
            if not body.size.min <= n <= body.size.max:
                yield _at(
                    body,
                    ("members",),
                    "group-size",
                    ctx.say(
                        f"{n} {'medlem' if n == 1 else 'medlemmer'} under `members`, men gruppen skal have {body.size.min}–{body.size.max}"
                        " (`size`): ret listen over medlemmer eller `size`",
                        f"{n} {'member' if n == 1 else 'members'}, but the group is to have {body.size.min}–{body.size.max}",
                    ),
                    at="key",
                )
    seen: dict[str, int] = {}
    for i, member in enumerate(body.members):
        if member.person in seen:
            yield _at(
                body,
                ("members", i, "person"),
                "duplicate-member",
                ctx.say(
                    f"`{member.person}` står to gange som medlem (også nr. {seen[member.person] + 1} under `members`): slet den ene",
                    f"`{member.person}` is listed as a member twice (also entry {seen[member.person] + 1})",
                ),
                severity=WARNING,
            )
        seen.setdefault(member.person, i)


# theme, goal, milestone: (each, Danish plural)
_PARTS_DA = {"theme": ("hvert tema", "temaer"), "goal": ("hvert mål", "mål"), "milestone": ("hver milepæl", "milepæle")}


def _unique_ids(plan: Plan, field: str, what: str, ctx: Context) -> Iterator[Diagnostic]:
    one, many = _PARTS_DA[what]
    seen: set[str] = set()
    for i, part in enumerate(getattr(plan, field)):
        if part.id in seen:
            yield _at(plan, (field, i, "id"), "duplicate-id", ctx.say(
                f"to {many} i denne plan har id `{part.id}`: giv {one} sit eget id",
                f"{what} id `{part.id}` is used twice in this plan",
            ))
        seen.add(part.id)


def check_plan(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    if plan.period and plan.period.to < first_day(plan.period.from_):
        yield _at(plan, ("period", "to"), "date-order", ctx.say(
            f"planens periode slutter ({plan.period.to}), før den begynder ({plan.period.from_}): ret `period`",
            f"the period ends ({plan.period.to}) before it begins ({plan.period.from_})",
        ))
    yield from _unique_ids(plan, "themes", "theme", ctx)
    yield from _unique_ids(plan, "goals", "goal", ctx)
    yield from _unique_ids(plan, "milestones", "milestone", ctx)
    theme_ids = [t.id for t in plan.themes]
    for i, goal in enumerate(plan.goals):
        if goal.theme and goal.theme not in theme_ids:
            yield _at(plan, ("goals", i, "theme"), "unresolved-ref", ctx.say(
                f"planen har intet tema med id `{goal.theme}`{suggest(goal.theme, theme_ids, 'da')}",
                f"the plan has no theme `{goal.theme}`{suggest(goal.theme, theme_ids, 'en')}",
            ))
        for j in range(1, len(goal.measurements)):
            if goal.measurements[j].date < goal.measurements[j - 1].date:
                yield _at(
                    plan,
                    ("goals", i, "measurements", j, "date"),
                    "date-order",
                    ctx.say(
                        f"målingerne (`measurements`) skal stå i datoorden, men {goal.measurements[j].date} kommer efter"
                        f" {goal.measurements[j - 1].date}",
                        f"measurements are in date order, but {goal.measurements[j].date} comes after {goal.measurements[j - 1].date}",
                    ),
                )
        yield from _check_direction(plan, i, goal, ctx)
    yield from _check_milestones(plan, ctx)


def inferred_direction(goal: Goal) -> str | None:
    """increase or decrease, from baseline to target; None where they are missing or equal."""
    if goal.baseline is None or goal.target is None or goal.baseline.value == goal.target.value:
        return None
    return "increase" if goal.target.value > goal.baseline.value else "decrease"


def _check_direction(plan: Plan, i: int, goal: Goal, ctx: Context) -> Iterator[Diagnostic]:
    inferred = inferred_direction(goal)
    if goal.direction and inferred and goal.direction != inferred:
        target, baseline = _figure(goal.target.value), _figure(goal.baseline.value)  # type: ignore[union-attr]
        yield _at(
            plan,
            ("goals", i, "direction"),
            "direction-conflict",
            ctx.say(
                f"målet `{goal.id}` har `direction: {goal.direction}` ({_DIRECTION_DA[goal.direction]}), men `target` ({target}) er"
                f" {'lavere' if inferred == 'decrease' else 'højere'} end udgangspunktet `baseline` ({baseline}):"
                " ret `direction`, `target` eller `baseline`",
                f"goal `{goal.id}` says `{goal.direction}`, but its target ({target}) is"
                f" {'below' if inferred == 'decrease' else 'above'} its baseline ({baseline})",
            ),
        )
    elif goal.direction is None and inferred is None and goal.target is not None:
        why = "equals its baseline" if goal.baseline is not None else "has no baseline"
        why_da = ", der er det samme som udgangspunktet `baseline`" if goal.baseline is not None else ", men ingen `baseline` (udgangspunkt)"
        yield _at(
            plan,
            ("goals", i, "target"),
            "direction-needed",
            ctx.say(
                f"målet `{goal.id}` har en `target`{why_da}, så det kan ikke ses, om tallet skal op eller ned:"
                " skriv `direction: increase` (op) eller `direction: decrease` (ned)",
                f"goal `{goal.id}` has a target that {why}; add `direction: increase` or `direction: decrease`",
            ),
            at="key",
        )


_DIRECTION_DA = {"increase": "tallet skal op", "decrease": "tallet skal ned"}


def _figure(value: float) -> str:
    """A figure as written: 2500000, 6.6; never 2.5e+06."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _check_milestones(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    by_id: dict[str, tuple[int, Milestone]] = {}
    for i, m in enumerate(plan.milestones):
        by_id.setdefault(m.id, (i, m))
    for i, m in enumerate(plan.milestones):
        for j, dep in enumerate(m.depends_on):
            loc = ("milestones", i, "depends_on", j)
            if dep not in by_id:
                yield _at(plan, loc, "unresolved-ref", ctx.say(
                    f"planen har ingen milepæl med id `{dep}`{suggest(dep, list(by_id), 'da')}",
                    f"the plan has no milestone `{dep}`{suggest(dep, list(by_id), 'en')}",
                ))
                continue
            if dep == m.id:
                yield _at(plan, loc, "milestone-cycle", ctx.say(
                    f"milepælen `{m.id}` afhænger af sig selv: slet `{dep}` fra dens `depends_on`",
                    f"milestone `{m.id}` depends on itself",
                ))
                continue
            dep_m = by_id[dep][1]
            if m.date and dep_m.date and m.date < first_day(dep_m.date):
                yield _at(
                    plan,
                    ("milestones", i, "date"),
                    "date-order",
                    ctx.say(
                        f"milepælen `{m.id}` ({m.date}) er dateret før `{dep}` ({dep_m.date}), som den afhænger af (`depends_on`):"
                        " ret en af datoerne",
                        f"milestone `{m.id}` ({m.date}) is dated before `{dep}` ({dep_m.date}), which it depends on",
                    ),
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
                    ctx.say(
                        f"milepælene afhænger af hinanden i ring ({' → '.join(cycle)}): fjern en af afhængighederne under `depends_on`",
                        f"milestones depend on each other in a circle: {' → '.join(cycle)}",
                    ),
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
        yield _at(ini, ("end",), "date-order", ctx.say(
            f"indsatsen slutter ({ini.end}), før den begynder ({ini.start}): ret `start` eller `end`",
            f"the initiative ends ({ini.end}) before it starts ({ini.start})",
        ))
    for i, line in enumerate(ini.budget):
        if line.amount < 0:
            yield _at(ini, ("budget", i, "amount"), "invalid-value", ctx.say(
                "et beløb i budgettet (`amount`) skal være 0 eller mere", "a budget `amount` must be 0 or more"
            ))
    yield from _check_reach_periods(ini, ctx)
    for i, reach in enumerate(ini.reach):
        for name in ("participants", "new_relations"):
            value = getattr(reach, name)
            if value is not None and value < 0:
                yield _at(ini, ("reach", i, name), "invalid-value", ctx.say(f"`{name}` skal være 0 eller mere", f"`{name}` must be 0 or more"))
        participants, new_relations = reach.participants, reach.new_relations
        if participants is not None and new_relations is not None and min(participants, new_relations) >= 0 and new_relations > participants:  # negatives are errors above
            yield _at(
                ini,
                ("reach", i, "new_relations"),
                "reach-count",
                ctx.say(
                    f"{_count(new_relations, 'ny relation', 'nye relationer')} (`new_relations`) blandt kun"
                    f" {_count(participants, 'deltager', 'deltagere')} (`participants`): se tallene efter",
                    f"{_count(new_relations, 'new relation', 'new relations')} among"
                    f" {_count(participants, 'participant', 'participants')}",
                ),
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
                    ctx.say(
                        f"`{value}` står ikke blandt {_VOCABULARY_DA[field]} i `vocabularies.{field}` i ensomhed.yaml"
                        f"{suggest(value, allowed, 'da')}: skriv et ord fra listen, eller føj ordet til listen",
                        f"`{value}` is not in `vocabularies.{field}` of ensomhed.yaml{suggest(value, allowed, 'en')}",
                    ),
                )


_VOCABULARY_DA = {"target_groups": "målgrupperne", "partners": "samarbejdspartnerne"}


def _check_reach_periods(ini: Initiative, ctx: Context) -> Iterator[Diagnostic]:
    """Each reach entry counts one period, from `from` (or the day after the entry before) to
    its `date`; the entries are in date order and their periods do not overlap, so totals add up."""
    previous = None
    for i, reach in enumerate(ini.reach):
        if reach.from_ is not None and reach.from_ > reach.date:
            yield _at(ini, ("reach", i, "from"), "date-order", ctx.say(
                f"den optalte periode begynder (`from`: {reach.from_}), efter den slutter (`date`: {reach.date}): ret en af datoerne",
                f"the period counted begins ({reach.from_}) after it ends ({reach.date})",
            ))
        if previous is not None:
            if reach.date <= previous.date:
                yield _at(
                    ini,
                    ("reach", i, "date"),
                    "date-order",
                    ctx.say(
                        f"optællingerne under `reach` skal stå i datoorden, men {reach.date} kommer efter {previous.date}",
                        f"reach entries are in date order, but {reach.date} comes after {previous.date}",
                    ),
                )
            elif reach.from_ is not None and reach.from_ <= previous.date:
                yield _at(
                    ini,
                    ("reach", i, "from"),
                    "reach-overlap",
                    ctx.say(
                        f"perioden fra {reach.from_} overlapper den, der er talt til og med {previous.date}; hver optælling dækker sin egen"
                        " periode, så tallene kan lægges sammen: ret `from`",
                        f"the period from {reach.from_} overlaps the one counted until {previous.date}; each count covers its own period",
                    ),
                )
        previous = reach


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
