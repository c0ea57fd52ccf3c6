"""Rules across records, on their summaries: ids, references, parents and attachment files.

These run on every check (the cache keeps summaries, not results), because whether a
reference resolves or an attachment exists depends on other files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ensomhed_cli.check.attachments import attachment_file
from ensomhed_cli.check.record_summary import Summary, invalid_ids, kind_in, loc_tuple
from ensomhed_cli.check.rules.common import Context, kind_da, kinds_da, no_kinds_da
from ensomhed_cli.diagnostics import ERROR, WARNING, Diagnostic, suggest

if TYPE_CHECKING:  # imported when a problem needs a position; the cached path stays light
    from ensomhed_cli.format.source import Locator


class Index:
    """The summaries by id and kind, with a lazily located place for each file."""

    def __init__(self, summaries: list[Summary], ctx: Context) -> None:
        self.summaries = summaries
        self.ctx = ctx
        self.by_id: dict[str, Summary] = {}
        self.invalid = invalid_ids(summaries)
        self.ids_of_kind: dict[str, list[str]] = {}
        for s in summaries:
            if s.valid:
                self.by_id.setdefault(s.id, s)
                self.ids_of_kind.setdefault(s.kind, []).append(s.id)
        self._locators: dict[str, Locator] = {}
        self._reference_places: dict[str, dict[str, list[tuple]]] = {}

    @property
    def labels(self) -> dict[str, str]:
        """id -> label (a person's name, a plan's title) of the valid records: an unknown id is
        matched against names too (diagnostics.nearest). Made when first asked for."""
        if not hasattr(self, "_labels"):
            self._labels = {i: s.label for i, s in self.by_id.items() if s.label}
        return self._labels

    def locator(self, path: str) -> Locator:
        if path not in self._locators:
            from ensomhed_cli.format.source import Locator

            self._locators[path] = Locator(path, file=self.ctx.root / Path(*path.split("/")))
        return self._locators[path]

    def reference_place(self, s: Summary, kinds: str, n: int) -> tuple:
        """Where the n-th reference to `kinds` in s is written (its file is read again)."""
        if s.path not in self._reference_places:
            from ensomhed_cli.check.references import reference_locations

            self._reference_places[s.path] = reference_locations(self.ctx.root / Path(*s.path.split("/")), s.path)
        places = self._reference_places[s.path].get(kinds, [])
        return places[n] if n < len(places) else ()  # the file changed meanwhile: its first line

    def at(self, s: Summary, loc: str | tuple, code: str, message: str, *, severity: str = ERROR, at: str = "value") -> Diagnostic:
        place = loc if isinstance(loc, tuple) else loc_tuple(loc)
        return self.locator(s.path).diagnostic(place, code, message, severity=severity, at=at, record_id=s.id)


def check_unique_ids(index: Index) -> Iterator[Diagnostic]:
    seen: dict[str, Summary] = {}
    for s in index.summaries:
        first = seen.setdefault(s.id, s)
        if first is s:
            continue
        loc = "id" if s.has_id_key else ""
        where = f"{first.path}:{index.locator(first.path).key(('id',))[0] if first.has_id_key else 1}"
        if s.valid and not first.valid:
            yield index.at(s, loc, "duplicate-id", index.ctx.say(
                f"id'et `{s.id}` bruges også i {where} (en fil med sine egne fejl): giv hver post sit eget id",
                f"the id `{s.id}` is also used by {where} (a record with errors of its own)",
            ))
        elif s.valid or first.valid:
            yield index.at(s, loc, "duplicate-id", index.ctx.say(
                f"id'et `{s.id}` bruges allerede i {where}; et id må kun bruges af én post: giv denne post et andet id",
                f"the id `{s.id}` is already used by {where}; ids are unique in the repository",
            ))


def check_references(index: Index) -> Iterator[Diagnostic]:
    by_id, invalid = index.by_id, index.invalid
    resolving: dict[str, set[str]] = {}  # kinds -> the ids a reference to those kinds may name
    for s in index.summaries:
        for kinds, ids in (s.refs or {}).items():
            ok = resolving.get(kinds)
            if ok is None:
                ok = resolving[kinds] = _ids_resolving(index, kinds)
            if ok.issuperset(ids):  # the common case, tested in C: every reference resolves
                continue
            for n, ref in enumerate(ids):
                target = by_id.get(ref)
                if target is not None and (target.kind == kinds or kind_in(target.kind, kinds)):
                    continue
                if target is None and kind_in(invalid.get(ref), kinds):
                    continue  # the record exists but has errors of its own, reported at it
                wanted = " or ".join(kinds.split("|"))
                loc = index.reference_place(s, kinds, n)
                if target is None:
                    candidates = [i for k in kinds.split("|") for i in index.ids_of_kind.get(k, [])]
                    near = suggest(ref, candidates, index.ctx.lang, labels=index.labels)
                    yield index.at(s, loc, "unresolved-ref", index.ctx.say(
                        f"der er {no_kinds_da(kinds.split('|'))} med id `{ref}`{near}",
                        f"no {wanted} with id `{ref}`{near}",
                    ))
                else:
                    yield index.at(s, loc, "wrong-kind-ref", index.ctx.say(
                        f"`{ref}` er {kind_da(target.kind)} ({target.path}), men her skal stå {kinds_da(kinds.split('|'))}",
                        f"`{ref}` is {_a(target.kind)} ({target.path}), but {_a(wanted)} is expected here",
                    ))


def _ids_resolving(index: Index, kinds: str) -> set[str]:
    """The ids of the valid records a reference to `kinds` ("person|body") may name. (A
    reference to a record with errors of its own is walked: it is rare.)"""
    wanted = kinds.split("|")
    # by_id decides, not ids_of_kind: an id used by two kinds resolves to its first record
    return {i for kind in wanted for i in index.ids_of_kind.get(kind, ()) if index.by_id[i].kind == kind}


def check_goal_references(index: Index) -> Iterator[Diagnostic]:
    for s in index.summaries:
        for loc, plan_id, goal_id in s.goal_refs:
            plan = index.by_id.get(plan_id)
            if plan is None and index.invalid.get(plan_id) == "plan":
                continue
            if plan is None or plan.kind != "plan":
                near = suggest(plan_id, index.ids_of_kind.get("plan", []), index.ctx.lang)
                if plan is None:
                    what = index.ctx.say(f"der er ingen plan med id `{plan_id}`", f"no plan with id `{plan_id}`")
                else:
                    what = index.ctx.say(f"`{plan_id}` er {kind_da(plan.kind)}, ikke en plan", f"`{plan_id}` is {_a(plan.kind)}, not a plan")
                yield index.at(s, loc, "unresolved-ref", f"{what}{near}")
            elif goal_id not in plan.goals:
                near = suggest(goal_id, plan.goals, index.ctx.lang)
                yield index.at(s, loc, "unresolved-ref", index.ctx.say(
                    f"planen `{plan_id}` har intet mål med id `{goal_id}`{near}",
                    f"the plan `{plan_id}` has no goal `{goal_id}`{near}",
                ))


def check_parent_cycles(index: Index) -> Iterator[Diagnostic]:
    """A body that is its own ancestor has no place in the organisation."""
    for s in index.summaries:
        if s.kind != "body" or not s.parent:
            continue
        chain = [s.id]
        current: Summary | None = s
        while current is not None and current.parent:
            if current.parent in chain:
                if current.parent == s.id:
                    yield index.at(s, "parent", "parent-cycle", index.ctx.say(
                        f"`parent` går i ring: {' → '.join(chain + [s.id])}; et råd/udvalg kan ikke ligge under sig selv: ret `parent` i et af dem",
                        f"`parent` goes round in a circle: {' → '.join(chain + [s.id])}",
                    ))
                break
            chain.append(current.parent)
            current = index.by_id.get(current.parent)
            if current is not None and current.kind != "body":
                break


def attachment_status(root: Path, raw: str) -> str:
    """"ok", or what is wrong with an attachment path (see attachments.attachment_file)."""
    return attachment_file(root, raw)[0]


# status: (code, Danish, English)
_ATTACHMENT_PROBLEMS = {
    "empty": ("attachment-path", "bilagets `path` er tom: skriv stien til filen", "the attachment `path` is empty"),
    "absolute": (
        "attachment-path",
        "`{raw}` er en fuld sti: skriv stien fra mappen med ensomhed.yaml, fx bilag/plan.pdf",
        "`{raw}` is absolute; give the path relative to the repository root",
    ),
    "outside": (
        "attachment-path",
        "`{raw}` peger uden for mappen med ensomhed.yaml: læg filen ind i mappen, og skriv stien derfra",
        "`{raw}` points outside the repository",
    ),
    "private": (
        "attachment-path",
        "`{raw}` må ikke bruges som bilag, for den offentliggøres aldrig (en fil eller mappe, hvis navn begynder med punktum,"
        " som .git, eller en post under records/): læg bilaget i en anden mappe",
        "`{raw}` is private to the repository (a dotfile or dot-folder such as .git, or a raw record"
        " under records/); it is never published",
    ),
    "missing": (
        "attachment-missing",
        "bilaget `{raw}` findes ikke (stien regnes fra mappen med ensomhed.yaml): ret stien, eller læg filen der",
        "the attachment `{raw}` does not exist (paths are relative to the repository root)",
    ),
    "not-a-file": (
        "attachment-path",
        "`{raw}` er ikke en almindelig fil (men fx en mappe): skriv stien til selve filen",
        "`{raw}` is not a regular file (a folder, FIFO or device)",
    ),
}


def attachment_paths(summaries: list[Summary]) -> Iterator[tuple[Summary, str, str]]:
    """(summary, value path, path as written) of every attachment given by path."""
    for s in summaries:
        for loc, raw, url in s.attachments:
            if raw is not None and url is None:  # the record's own rules speak of url, and of both at once
                yield s, f"{loc}.path", raw


def check_attachment_files(index: Index) -> Iterator[Diagnostic]:
    root = index.ctx.root.resolve()
    for s, loc, raw in attachment_paths(index.summaries):
        status = attachment_status(root, raw)
        if status != "ok":
            code, da, en = _ATTACHMENT_PROBLEMS[status]
            yield index.at(s, loc, code, index.ctx.say(da, en).format(raw=raw))


def _facts(s: Summary) -> dict:
    """A summary's facts; nothing from a cache entry that holds something else."""
    return s.facts if isinstance(s.facts, dict) else {}


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def check_voters_are_members(index: Index) -> Iterator[Diagnostic]:
    """Minutes of record: a person who votes is a member of the meeting's body, or stands in
    for one who sent apologies (stedfortræder). Judged where the body lists its members, of
    voters who are people (an id that names no one is an unresolved reference) and whom the
    meeting does not itself place away (absent, an official: rules/minutes.py)."""
    for s in index.summaries:
        facts = _facts(s)
        voters = facts.get("voters")
        if s.kind != "meeting" or not isinstance(voters, list) or not voters:
            continue
        body = index.by_id.get(facts.get("body"))  # type: ignore[arg-type]
        members = set(_strings(_facts(body).get("members"))) if body is not None and body.kind == "body" else set()
        if not members:
            continue
        allowed = members | set(_strings(facts.get("stand_ins")))
        for entry in voters:
            if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
                continue
            loc, voter = entry
            person = index.by_id.get(voter)
            if voter not in allowed and person is not None and person.kind == "person":
                name = body.label or body.id  # type: ignore[union-attr]
                yield index.at(
                    s,
                    loc,
                    "vote-by-non-member",
                    index.ctx.say(
                        f"`{voter}` stemmer, men er ikke medlem af {name} og ikke stedfortræder for et medlem med afbud"
                        f" (medlemmer: {', '.join(sorted(members))}){suggest(voter, members, 'da')}",
                        f"`{voter}` votes, but is neither a member of {name} nor a substitute for an absent member"
                        f" (members: {', '.join(sorted(members))}){suggest(voter, members, 'en')}",
                    ),
                )


def check_meeting_dates(index: Index) -> Iterator[Diagnostic]:
    """A held meeting has taken place: it is not dated after today. A planned one dated before
    today was held or cancelled, most likely (a warning). Run with the rules across records
    because it depends on the day, not on the file alone: the per-file cache keeps no day."""
    today = index.ctx.today.isoformat()
    for s in index.summaries:
        facts = _facts(s)
        date, status = facts.get("date"), facts.get("status")
        if s.kind != "meeting" or not isinstance(date, str):
            continue
        if status == "held" and date > today:
            yield index.at(
                s,
                "status",
                "held-in-future",
                index.ctx.say(
                    f"mødet er markeret som afholdt (`held`), men er dateret {date}, efter i dag ({today});"
                    " et møde, der ikke er holdt endnu, er `planned`",
                    f"the meeting is marked `held`, but is dated {date}, after today ({today}); a meeting not yet held is `planned`",
                ),
            )
        elif status == "planned" and date < today:
            yield index.at(
                s,
                "status",
                "planned-in-past",
                index.ctx.say(
                    f"mødet er dateret {date}, før i dag, men står stadig som `planned`: blev det holdt (`held`) eller aflyst (`cancelled`)?",
                    f"the meeting is dated {date}, before today, but is still `planned`: was it held (`held`) or cancelled (`cancelled`)?",
                ),
                severity=WARNING,
            )


ACROSS_RULES = [
    check_unique_ids,
    check_references,
    check_goal_references,
    check_parent_cycles,
    check_attachment_files,
    check_voters_are_members,
    check_meeting_dates,
]


def run_across_rules(summaries: list[Summary], ctx: Context) -> list[Diagnostic]:
    from ensomhed_cli.diagnostics import messages_for

    index = Index(summaries, ctx)
    out: list[Diagnostic] = []
    with messages_for(ctx.lang):
        for rule in ACROSS_RULES:
            out.extend(rule(index))
    return out


def _a(noun: str) -> str:
    """"a person", "an initiative"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
