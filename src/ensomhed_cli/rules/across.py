"""Rules across records, on their summaries: ids, references, parents and attachment files.

These run on every check (the cache keeps summaries, not results), because whether a
reference resolves or an attachment exists depends on other files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ensomhed_cli.diagnostics import ERROR, Diagnostic, suggest
from ensomhed_cli.rules.common import Context
from ensomhed_cli.source import Locator
from ensomhed_cli.summary import Summary


class Index:
    """The summaries by id and kind, with a lazily located place for each file."""

    def __init__(self, summaries: list[Summary], ctx: Context) -> None:
        self.summaries = summaries
        self.ctx = ctx
        self.by_id: dict[str, Summary] = {}
        self.invalid: dict[str, str] = {}
        self.ids_of_kind: dict[str, list[str]] = {}
        for s in summaries:
            if s.valid:
                self.by_id.setdefault(s.id, s)
                self.ids_of_kind.setdefault(s.kind, []).append(s.id)
            else:
                self.invalid.setdefault(s.id, s.kind)
        self._locators: dict[str, Locator] = {}

    def locator(self, path: str) -> Locator:
        if path not in self._locators:
            self._locators[path] = Locator(path, file=self.ctx.root / Path(*path.split("/")))
        return self._locators[path]

    def at(self, s: Summary, loc: tuple, code: str, message: str, *, severity: str = ERROR, at: str = "value") -> Diagnostic:
        return self.locator(s.path).diagnostic(loc, code, message, severity=severity, at=at, record_id=s.id)


def check_unique_ids(index: Index) -> Iterator[Diagnostic]:
    seen: dict[str, Summary] = {}
    for s in index.summaries:
        first = seen.setdefault(s.id, s)
        if first is s:
            continue
        loc = ("id",) if s.has_id_key else ()
        where = f"{first.path}:{index.locator(first.path).key(('id',))[0] if first.has_id_key else 1}"
        if s.valid and not first.valid:
            yield index.at(s, loc, "duplicate-id", f"the id `{s.id}` is also used by {where} (a record with errors of its own)")
        elif s.valid or first.valid:
            yield index.at(s, loc, "duplicate-id", f"the id `{s.id}` is already used by {where}; ids are unique in the repository")


def check_references(index: Index) -> Iterator[Diagnostic]:
    for s in index.summaries:
        for loc, ref, kinds in s.refs:
            target = index.by_id.get(ref)
            wanted = " or ".join(kinds)
            if target is None and index.invalid.get(ref) in kinds:
                continue  # the record exists but has errors of its own, reported at it
            if target is None:
                candidates = [i for k in kinds for i in index.ids_of_kind.get(k, [])]
                yield index.at(s, loc, "unresolved-ref", f"no {wanted} with id `{ref}`{suggest(ref, candidates)}")
            elif target.kind not in kinds:
                yield index.at(s, loc, "wrong-kind-ref", f"`{ref}` is a {target.kind} ({target.path}), but a {wanted} is expected here")


def check_goal_references(index: Index) -> Iterator[Diagnostic]:
    for s in index.summaries:
        for loc, plan_id, goal_id in s.goal_refs:
            plan = index.by_id.get(plan_id)
            if plan is None and index.invalid.get(plan_id) == "plan":
                continue
            if plan is None or plan.kind != "plan":
                what = f"no plan with id `{plan_id}`" if plan is None else f"`{plan_id}` is a {plan.kind}, not a plan"
                yield index.at(s, loc, "unresolved-ref", f"{what}{suggest(plan_id, index.ids_of_kind.get('plan', []))}")
            elif goal_id not in plan.goals:
                yield index.at(s, loc, "unresolved-ref", f"the plan `{plan_id}` has no goal `{goal_id}`{suggest(goal_id, plan.goals)}")


def check_parent_cycles(index: Index) -> Iterator[Diagnostic]:
    """A body that is its own ancestor has no place in the organisation."""
    for s in index.summaries:
        if s.kind != "body" or not s.parent:
            continue
        chain, current = [s.id], s
        while current is not None and current.parent:
            if current.parent in chain:
                if current.parent == s.id:
                    yield index.at(s, ("parent",), "parent-cycle", f"`parent` goes round in a circle: {' → '.join(chain + [s.id])}")
                break
            chain.append(current.parent)
            current = index.by_id.get(current.parent)
            if current is not None and current.kind != "body":
                break


def check_attachment_files(index: Index) -> Iterator[Diagnostic]:
    root = index.ctx.root.resolve()
    for s in index.summaries:
        for loc, raw, url in s.attachments:
            if raw is None or url is not None:
                continue  # the record's own rules speak of url and of path and url together
            loc = tuple(loc) + ("path",)
            if not raw.strip():
                yield index.at(s, loc, "attachment-path", "the attachment `path` is empty")
            elif os.path.isabs(raw) or raw.startswith("~"):
                yield index.at(s, loc, "attachment-path", f"`{raw}` is absolute; give the path relative to the repository root")
            else:
                target = (root / raw).resolve()
                if target != root and root not in target.parents:
                    yield index.at(s, loc, "attachment-path", f"`{raw}` points outside the repository")
                elif not target.is_file():
                    yield index.at(s, loc, "attachment-missing", f"the attachment `{raw}` does not exist (paths are relative to the repository root)")


ACROSS_RULES = [
    check_unique_ids,
    check_references,
    check_goal_references,
    check_parent_cycles,
    check_attachment_files,
]


def run_across_rules(summaries: list[Summary], ctx: Context) -> list[Diagnostic]:
    index = Index(summaries, ctx)
    out: list[Diagnostic] = []
    for rule in ACROSS_RULES:
        out.extend(rule(index))
    return out
