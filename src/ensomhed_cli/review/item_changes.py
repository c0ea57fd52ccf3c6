"""An agenda's items compared: added, removed, renumbered, and what changed in each.

Items are known by their number or label (4, 7.1, 2a). An item that lost its number
while one with the same title got a new one was renumbered. Inside an item, the
decision, votes, statements, follow-up actions and who took no part are each named in
their own words; any other field by its label ("sagstype på punkt 3").
"""

from __future__ import annotations

from typing import Any

from ensomhed_cli.review.differ import as_list, keyed
from ensomhed_cli.review.people_changes import PeopleChanges
from ensomhed_cli.review.phrases import cap, in_context, value_word

# Item fields written as text whose changes are named like a decision's.
TEXTS = ("summary", "economy")


class ItemChanges(PeopleChanges):
    def items(self, a: list, b: list) -> None:
        old = {v["number"]: v for v in a}
        new = {v["number"]: v for v in b}
        added = [n for n in new if n not in old]
        removed = [n for n in old if n not in new]
        renumbered: dict[Any, Any] = {}  # new number -> old number
        for n in added:
            same = [o for o in removed if old[o].get("title") == new[n].get("title")]
            twins = [m for m in added if new[m].get("title") == new[n].get("title")]
            if len(same) == 1 and len(twins) == 1 and same[0] not in renumbered.values():
                renumbered[n] = same[0]
        for n in added:
            if n not in renumbered:
                self.item_added(n, new[n])
        for n in removed:
            if n not in renumbered.values():
                title = self.short(old[n].get("title"))
                self.add("item-removed", f"items[{n}]", self.say("item_removed", n=n, title=title), old[n], None)
        for n, item in new.items():
            if n in renumbered:
                was = renumbered[n]
                title = self.short(item.get("title"))
                self.add("item-renumbered", f"items[{n}].number", self.say("item_renumbered", old=was, new=n, title=title), was, n)
                self.item(n, old[was], item)
            elif n in old and old[n] != item:
                self.item(n, old[n], item)

    def item_added(self, n: Any, item: dict) -> None:
        """A new item, and what its minutes say: decision, votes, statements, who took no part, actions."""
        title = self.short(item.get("title"))
        status = item.get("status")
        note = self.details(self.shown("status", status)) if status in ("postponed", "withdrawn") else ""
        self.add("item-added", f"items[{n}]", self.say("item_added", n=n, title=title) + note, None, item)
        if item.get("decision"):
            text = self.short(item["decision"])
            self.add("decision-added", f"items[{n}].decision", self.say("decision_added", n=n, title=title, text=text), None, item["decision"])
        self.votes(n, [], item.get("votes") or [])
        self.statements(n, [], item.get("statements") or [])
        self.people(f"items[{n}].absent", "item_absent", [], item.get("absent") or [], n)
        for action in item.get("actions") or []:
            self.action_added(n, action)

    def item(self, n: Any, a: dict, b: dict) -> None:
        title = self.short(b.get("title"))
        place = in_context("item", n, self.lang)
        for key in dict.fromkeys([*a, *b]):
            va, vb = a.get(key), b.get(key)
            if va == vb or key == "number":
                continue
            path = f"items[{n}].{key}"
            if key == "decision" or key in TEXTS:
                self.text(key, n, title, va, vb)
            elif key == "actions":
                self.actions(n, va or [], vb or [])
            elif key == "presenters":
                self.presenters(path, n, va or [], vb or [])
            elif key == "closed":
                message = self.say("item_closed" if vb else "item_opened", n=n, title=title)
                self.add("item-closed" if vb else "item-opened", path, message, va, vb)
            elif key == "status":
                self.item_status(path, n, title, va, vb)
            elif key == "authority":
                self.authority(path, n, va, vb)
            elif key == "sections":
                self.sections(n, va or [], vb or [])
            elif key == "votes":
                self.votes(n, va or [], vb or [])
            elif key == "statements":
                self.statements(n, va or [], vb or [])
            elif key == "absent":
                self.people(path, "item_absent", va or [], vb or [], n)
            else:
                self.field(path, place, key, va, vb, scope="item")

    def text(self, key: str, n: Any, title: str, a: Any, b: Any) -> None:
        """A decision, summary or economy: added, removed or changed, with the new text."""
        path = f"items[{n}].{key}"
        stem, what = ("decision", "") if key == "decision" else (key, cap(self.label(key, "item")))
        if a is None:
            message = self.say(f"{stem}_added" if key == "decision" else "text_added", n=n, title=title, text=self.short(b), what=what)
            self.add(f"{stem}-added", path, message, a, b)
        elif b is None:
            message = self.say(f"{stem}_removed" if key == "decision" else "text_removed", n=n, title=title, what=what)
            self.add(f"{stem}-removed", path, message, a, b)
        else:
            message = self.say(f"{stem}_changed" if key == "decision" else "text_changed", n=n, title=title, text=self.short(b), what=what)
            self.add(f"{stem}-changed", path, message, a, b)

    def presenters(self, path: str, n: Any, a: list, b: list) -> None:
        for v in b:
            if v not in a:
                self.add("presenter-added", f"{path}[{v}]", self.say("presenter_added", n=n, name=self.name(v)), None, v)
        for v in a:
            if v not in b:
                self.add("presenter-removed", f"{path}[{v}]", self.say("presenter_removed", n=n, name=self.name(v)), v, None)

    def item_status(self, path: str, n: Any, title: str, a: Any, b: Any) -> None:
        if b in ("postponed", "withdrawn"):
            message = self.say(f"item_{b}", n=n, title=title)
        else:
            message = self.say("item_treated", n=n, title=title, old=self.shown("status", a))
        self.add("item-status-changed", path, message, a, b)

    def authority(self, path: str, n: Any, a: Any, b: Any) -> None:
        old, new = (self.name(a) if a else None), (self.name(b) if b else None)
        if old == new:
            return
        if old is None:
            message = self.say("authority_set", n=n, new=new)
        elif new is None:
            message = self.say("authority_removed", n=n, old=old)
        else:
            message = self.say("authority_changed", n=n, old=old, new=new)
        self.add("authority-changed", path, message, old, new)

    def sections(self, n: Any, a: list, b: list) -> None:
        old = keyed(a, lambda s: s.get("title"))
        new = keyed(b, lambda s: s.get("title"))
        for k, s in new.items():
            if k not in old:
                self.add("section-added", f"items[{n}].sections", self.say("section_added", n=n, title=self.short(k[0])), None, s)
        for k, s in old.items():
            if k not in new:
                self.add("section-removed", f"items[{n}].sections", self.say("section_removed", n=n, title=self.short(k[0])), s, None)
            elif s != new[k]:
                self.add("section-changed", f"items[{n}].sections", self.say("section_changed", n=n, title=self.short(k[0])), s, new[k])

    # --- votes and statements ---------------------------------------------------------

    def tally(self, vote: dict) -> str:
        parts = [
            self.say(f"tally_{side}", names=self.names(vote.get(key)))
            for side, key in (("for", "for"), ("against", "against"), ("abstained", "abstained"))
            if vote.get(key)
        ]
        return "; ".join(parts) or self.say("tally_none")

    def votes(self, n: Any, a: list, b: list) -> None:
        old = keyed(a, lambda v: v.get("motion"))
        new = keyed(b, lambda v: v.get("motion"))
        path = f"items[{n}].votes"
        for k, v in new.items():
            motion = self.say("motion", text=self.short(k[0])) if k[0] else ""
            if k not in old:
                self.add("vote-added", path, self.say("vote_added", n=n, motion=motion, tally=self.tally(v)), None, v)
            elif old[k] != v:
                self.add("vote-changed", path, self.say("vote_changed", n=n, motion=motion, tally=self.tally(v)), old[k], v)
        for k, v in old.items():
            if k not in new:
                motion = self.say("motion", text=self.short(k[0])) if k[0] else ""
                self.add("vote-removed", path, self.say("vote_removed", n=n, motion=motion), v, None)

    def statement_kind(self, value: Any) -> str:
        """mindretalsudtalelse or protokoltilførsel; a type as written in a record with errors."""
        return value_word(value, self.lang) or self.short(value)

    def statements(self, n: Any, a: list, b: list) -> None:
        def key(s: dict) -> tuple:
            return (s.get("type"), tuple(as_list(s.get("by"))))

        old, new = keyed(a, key), keyed(b, key)
        path = f"items[{n}].statements"
        for k, s in new.items():
            what, by = self.statement_kind(k[0][0]), self.names(list(k[0][1]))
            if k not in old:
                self.add("statement-added", path, self.say("statement_added", n=n, what=what, by=by), None, s)
            elif old[k] != s:
                self.add("statement-changed", path, self.say("statement_changed", n=n, what=what, by=by), old[k], s)
        for k, s in old.items():
            if k not in new:
                what, by = self.statement_kind(k[0][0]), self.names(list(k[0][1]))
                self.add("statement-removed", path, self.say("statement_removed", n=n, what=what, by=by), s, None)

    # --- follow-up actions --------------------------------------------------------------

    def action_added(self, n: Any, action: dict) -> None:
        status = action.get("status", "open")
        due = self.say("due", date=self.short(action["due"])) if action.get("due") else ""
        word = self.shown("status", status) if status != "open" else ""
        who = self.details(self.names(action.get("owners")), due, word)
        kind = "action-opened" if status == "open" else "action-added"
        message = self.say(kind.replace("-", "_"), n=n, what=self.short(action["what"]), who=who)
        self.add(kind, f"items[{n}].actions", message, None, action)

    def actions(self, n: Any, a: list, b: list) -> None:
        old = {v["what"]: v for v in a}
        new = {v["what"]: v for v in b}
        for what, action in new.items():
            if what not in old:
                self.action_added(n, action)
        for what, action in old.items():
            if what not in new:
                self.add("action-removed", f"items[{n}].actions", self.say("action_removed", n=n, what=self.short(what)), action, None)
                continue
            va, vb = action, new[what]
            if va.get("status") != vb.get("status"):
                before, status = va.get("status"), vb.get("status")
                kind = {"done": "action-closed", "dropped": "action-dropped", "open": "action-reopened"}[status]
                when = self.say("done_on", date=self.short(vb["done_on"])) if status == "done" and vb.get("done_on") else ""
                old_word, new_word = self.shown("status", before), self.shown("status", status)
                message = self.say(f"action_{status if status != 'open' else 'reopened'}", n=n, when=when, what=self.short(what), old=old_word, new=new_word)
                self.add(kind, f"items[{n}].actions", message, before, status)
            place = in_context("action", self.short(what), self.lang)
            for key in ("due", "owners", "done_on"):
                if va.get(key) != vb.get(key) and not (key == "done_on" and va.get("status") != vb.get("status")):
                    self.field(f"items[{n}].actions[{self.short(what)}].{key}", place, key, va.get(key), vb.get(key))
