"""How documents name people: by name with party letters and title, a role said once.

A mixin of the ContextBuilder (render/context.py), which gives it `repo` and `f`.
"""

from __future__ import annotations

import re
from typing import Any, overload

from ensomhed_cli.format.schema import Meeting, Person
from ensomhed_cli.render.context_base import ContextBase


class PeopleContext(ContextBase):
    @overload
    def person(self, pid: str) -> dict[str, Any]: ...
    @overload
    def person(self, pid: None) -> None: ...
    def person(self, pid: str | None) -> dict[str, Any] | None:
        if pid is None:
            return None
        record = self.repo.get(pid)
        if not isinstance(record, Person):
            return {"id": pid, "name": pid, "title": None, "organisation": None, "party": None, "party_letters": None, "label": pid}
        letters = _party_letters(record.party)
        extra = ", ".join(x for x in (letters, record.title, record.organisation) if x)
        return {
            "id": pid,
            "name": record.name,
            "title": record.title,
            "organisation": record.organisation,
            "party": record.party,
            "party_letters": letters,
            "label": f"{record.name} ({extra})" if extra else record.name,
        }

    def member(self, pid: str, role: str | None) -> dict[str, Any]:
        """A member with the role in the body: the role is said once, after the name
        ("Anna Hansen (Ældre Sagen), formand", never "(formand), formand"), and not at all
        where the person's title says it already ("(A, formand for Social og Sundhed)")."""
        person = self.person(pid)
        label = person["label"]
        said = (role or "").casefold()
        extra = [x for x in (person["party_letters"], person["title"], person["organisation"]) if x and x.casefold() != said]
        if role and not any(_says(x, role) for x in extra):
            label = f"{person['name']} ({', '.join(extra)}), {role}" if extra else f"{person['name']}, {role}"
        return {"person": person, "role": role, "label": label}

    def official(self, pid: str, role: str | None, meeting: Meeting) -> dict[str, Any]:
        """An official present (Fra forvaltningen deltog); the referent's role is not said
        again where the minutes name the referent above."""
        if role and pid == meeting.secretary and role.casefold() in _SECRETARY_WORDS | {self.f.labels["secretary"].casefold()}:
            role = None
        return self.member(pid, role)

    def people(self, ids: list[str]) -> list[dict[str, Any]]:
        return [self.person(pid) for pid in ids]


_SECRETARY_WORDS = {"referent", "sekretær", "secretary", "minute-taker"}


def _says(text: str | None, role: str) -> bool:
    """Whether a title or organisation already says the role, as a word ("formand for
    Social og Sundhed" says "formand")."""
    return bool(text) and re.search(rf"(?<!\w){re.escape(role.strip())}(?!\w)", text, re.IGNORECASE) is not None  # type: ignore[arg-type]


_LIST_LETTERS = re.compile(r"\(([A-ZÆØÅ]{1,3})\)\s*$")


def _party_letters(party: str | None) -> str | None:
    """How minutes name a party after a member: by its list letters where given
    ("Socialdemokratiet (A)" → "A"), else by its name."""
    if not party:
        return None
    letters = _LIST_LETTERS.search(party)
    return letters.group(1) if letters else party.strip()
