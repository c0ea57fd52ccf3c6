"""Plans and initiatives compared: goals and their measurements, milestones, reach and budget lines."""

from __future__ import annotations

from typing import Any

from ensomhed_cli.review.differ import ValueDiffer, keyed
from ensomhed_cli.review.phrases import amount, cap, in_context, number


class PlanChanges(ValueDiffer):
    def measure(self, value: Any) -> str:
        """A baseline or target: its figure, and its date when it has one."""
        if not isinstance(value, dict):
            return self.short(None)
        return number(value.get("value"), self.lang) + (f" ({value['date']})" if value.get("date") else "")

    def goals(self, a: list, b: list) -> None:
        old = {v["id"]: v for v in a}
        new = {v["id"]: v for v in b}
        for gid, goal in new.items():
            if gid not in old:
                self.add("goal-added", f"goals[{gid}]", self.say("goal_added", title=self.short(goal["title"])), None, goal)
        for gid, goal in old.items():
            if gid not in new:
                self.add("goal-removed", f"goals[{gid}]", self.say("goal_removed", title=self.short(goal["title"])), goal, None)
        for gid in [g for g in new if g in old and old[g] != new[g]]:
            self.goal(gid, old[gid], new[gid])

    def goal(self, gid: str, ga: dict, gb: dict) -> None:
        place = in_context("goal", gid, self.lang)
        for key in dict.fromkeys([*ga, *gb]):
            va, vb = ga.get(key), gb.get(key)
            if va == vb:
                continue
            path = f"goals[{gid}].{key}"
            if key in ("target", "baseline"):
                label = place(self.label(key))
                message = self.say("changed", label=cap(label), old=self.measure(va), new=self.measure(vb))
                self.add(f"goal-{key}-changed", path, message, va, vb)
            elif key == "measurements":
                self.measurements(gid, va or [], vb or [])
            elif key == "status_note":
                self.add("status-note-changed", path, self.say("changed_long", label=cap(place(self.label(key)))), va, vb)
            elif key in ("status", "direction"):
                old = self.shown(key, va) if va is not None else self.say("not_given")
                new = self.shown(key, vb) if vb is not None else self.say("not_given")
                message = self.say("goal_assessment" if key == "status" else "goal_direction", id=gid, old=old, new=new)
                self.add(f"goal-{key}-changed", path, message, va, vb)
            else:
                self.field(path, place, key, va, vb)

    def measurements(self, gid: str, a: list, b: list) -> None:
        old = {v["date"]: v for v in a}
        new = {v["date"]: v for v in b}
        for date, m in new.items():
            path = f"goals[{gid}].measurements[{date}]"
            if date not in old:
                self.add("measurement-added", path, self.say("measurement_added", id=gid, date=date, new=number(m["value"], self.lang)), None, m)
            elif old[date] != m:
                was, now = number(old[date]["value"], self.lang), number(m["value"], self.lang)
                self.add("measurement-changed", path, self.say("measurement_changed", id=gid, date=date, old=was, new=now), old[date], m)
        for date, m in old.items():
            if date not in new:
                self.add("measurement-removed", f"goals[{gid}].measurements[{date}]", self.say("measurement_removed", id=gid, date=date), m, None)

    def milestones(self, a: list, b: list) -> None:
        old = {v["id"]: v for v in a}
        new = {v["id"]: v for v in b}
        for mid, m in new.items():
            if mid not in old:
                title = self.short(m["title"]) + (f" ({m['date']})" if m.get("date") else "")
                self.add("milestone-added", f"milestones[{mid}]", self.say("milestone_added", title=title), None, m)
        for mid, m in old.items():
            if mid not in new:
                self.add("milestone-removed", f"milestones[{mid}]", self.say("milestone_removed", title=self.short(m["title"])), m, None)
            elif m != new[mid]:
                place = in_context("milestone", mid, self.lang)
                for key in dict.fromkeys([*m, *new[mid]]):
                    self.field(f"milestones[{mid}].{key}", place, key, m.get(key), new[mid].get(key))

    # --- initiatives ---------------------------------------------------------------------

    def counted(self, entry: dict) -> tuple[str, str]:
        """How many took part and found new relations; a figure left out is not counted, never 0."""
        people, relations = entry.get("participants"), entry.get("new_relations")
        return (
            self.say("participants", count=people) if people is not None else self.say("participants_none"),
            self.say("relations", count=relations) if relations is not None else self.say("relations_none"),
        )

    def reach(self, a: list, b: list) -> None:
        old = {v["date"]: v for v in a}
        new = {v["date"]: v for v in b}
        for date, r in new.items():
            if date not in old:
                period = self.say("period", start=r["from"], end=date) if r.get("from") else date
                people, relations = self.counted(r)
                self.add("reach-added", f"reach[{date}]", self.say("reach_added", period=period, participants=people, relations=relations), None, r)
            elif old[date] != r:
                place = in_context("reach", date, self.lang)
                for key in dict.fromkeys([*old[date], *r]):
                    va, vb = old[date].get(key), r.get(key)
                    if key == "from" and va != vb:
                        shown = [self.short(v) if v is not None else self.say("not_given") for v in (va, vb)]
                        self.add("reach-from-changed", f"reach[{date}].from", self.say("reach_from", date=date, old=shown[0], new=shown[1]), va, vb)
                    else:
                        self.field(f"reach[{date}].{key}", place, key, va, vb)
        for date, r in old.items():
            if date not in new:
                self.add("reach-removed", f"reach[{date}]", self.say("reach_removed", date=date), r, None)

    def budget_line(self, key: tuple) -> str:
        """Budget 2025 (kommune): a line by its year and source."""
        year, source = key[0]
        return self.say("budget") + (f" {year}" if year is not None else "") + (f" ({self.short(source)})" if source else "")

    def money(self, line: dict) -> str:
        return f"{amount(line.get('amount'), self.lang)} {self.short(line.get('currency') or 'DKK')}"

    def budget(self, a: list, b: list) -> None:
        old = keyed(a, lambda v: (v.get("year"), v.get("source")))
        new = keyed(b, lambda v: (v.get("year"), v.get("source")))
        for k, line in new.items():
            path = self.budget_path(k)
            if k not in old:
                self.add("budget-line-added", path, self.say("budget_added", line=self.budget_line(k), new=self.money(line)), None, line)
            elif old[k] != line:
                message = self.say("budget_changed", line=self.budget_line(k), old=self.money(old[k]), new=self.money(line))
                self.add("budget-line-changed", path, message, old[k], line)
        for k, line in old.items():
            if k not in new:
                message = self.say("budget_removed", line=self.budget_line(k), old=self.money(line))
                self.add("budget-line-removed", self.budget_path(k), message, line, None)

    def budget_path(self, key: tuple) -> str:
        """budget[2025/kommune], budget[2025], budget[kommune] or budget; a second line alike gets #2."""
        (year, source), count = key
        parts = "/".join(str(p) for p in (year, source) if p is not None and p != "")
        where = f"[{parts}]" if parts else ""
        return f"budget{where}" + (f"#{count + 1}" if count else "")
