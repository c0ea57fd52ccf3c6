"""Ids are unique and every reference resolves to a record of the right kind."""

from __future__ import annotations

from collections.abc import Iterator

from ensomhed_cli.build import suggest
from ensomhed_cli.diagnostics import Diagnostic
from ensomhed_cli.repository import Repository
from ensomhed_cli.rules.common import at as _at
from ensomhed_cli.schema import Body, Initiative, Meeting, Person, Plan, Record


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


def references(record: Record) -> Iterator[tuple[tuple, str, tuple[type, ...]]]:
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
        for loc, ref, kinds in references(record):
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
