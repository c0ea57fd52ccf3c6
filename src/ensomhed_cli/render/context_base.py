"""What the ContextBuilder's mixins share: its state, and the helpers one mixin calls on another.

ContextBuilder (render/context.py) is made of mixins (people, minutes, plan, initiative and
index context), each holding one part of the template context. They all inherit this base,
which says what the builder gives every one of them: the attributes set in
ContextBuilder.__init__ and the signatures of the helpers defined on the builder or on
another mixin. Only annotations: at run time it holds nothing, and the builder's own
definitions are the ones that run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import datetime as dt

    from ensomhed_cli.check.repository import Repository
    from ensomhed_cli.format.meeting_parts import Action, Item
    from ensomhed_cli.format.schema import Meeting
    from ensomhed_cli.render.i18n import Formatter


class ContextBase:
    repo: Repository
    f: Formatter
    public: bool
    # md, html (a site page, PDF or Word document)
    output: str
    # The href of a record's page (kind, id), or None where it has none.
    link: Callable[[str, str | None], str | None]
    today: dt.date
    show_actions: bool

    if TYPE_CHECKING:
        # Defined on ContextBuilder (render/context.py).
        def base(self, doc_kind: str, title: str, source: str | None) -> dict[str, Any]: ...
        @overload
        def ref(self, kind: str, record_id: str) -> dict[str, Any]: ...
        @overload
        def ref(self, kind: str, record_id: None) -> None: ...
        def ref(self, kind: str, record_id: str | None) -> dict[str, Any] | None: ...
        def body(self, body_id: str) -> dict[str, Any]: ...
        def action(self, action: Action, item: Item, meeting: Meeting) -> dict[str, Any]: ...
        def decided_items(self, until: dt.date | None = None, naming: list[str] | None = None) -> Iterator[tuple[Meeting, Item]]: ...
        def item(self, item: Item, meeting: Meeting, with_decision: bool, level: int = 1, with_attendance: bool = False) -> dict[str, Any]: ...
        def meeting_title(self, meeting: Meeting) -> str: ...
        def title_date(self, meeting: Meeting, date_text: str | None = None) -> str: ...

        # Defined on PeopleContext (render/people_context.py).
        @overload
        def person(self, pid: str) -> dict[str, Any]: ...
        @overload
        def person(self, pid: None) -> None: ...
        def person(self, pid: str | None) -> dict[str, Any] | None: ...
        def member(self, pid: str, role: str | None) -> dict[str, Any]: ...
