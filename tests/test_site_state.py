"""What a build keeps of the files it was made from (render/site_state.py) is what the pages depend on."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PROJECT, generate
from ensomhed_cli.api import load
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.format.schema import Meeting
from ensomhed_cli.render.context import ContextBuilder
from ensomhed_cli.render.site import render_page, site_pages
from ensomhed_cli.render.site_state import (
    ITEM_UNSHOWN,
    MEETING_OWN,
    MEETING_UNSHOWN,
    _meeting_shown,
)


def _index_context(repo: Repository, public: bool) -> dict:
    pages = {("agenda", m.id) for m in repo.meetings} | {("minutes", m.id) for m in repo.meetings if m.status == "held"}
    pages |= {("plan", p.id) for p in repo.plans}

    def link(kind: str, record_id: str | None) -> str | None:
        return f"{kind}/{record_id}.html" if (kind, record_id) in pages or kind == "index" else None

    builder = ContextBuilder(repo, "da", public=public, output="html", link=link, today=dt.date(2022, 6, 1))
    return builder.index()


def _blanked(meeting: Meeting) -> Meeting:
    """The meeting with everything the index page is said never to show set to its default."""

    def defaults(model, names):
        return {n: f.get_default(call_default_factory=True) for n, f in type(model).model_fields.items() if n in names}

    items = [item.model_copy(update=defaults(item, ITEM_UNSHOWN)) for item in meeting.items]
    return meeting.model_copy(update={**defaults(meeting, MEETING_UNSHOWN), "items": items})


@pytest.fixture(scope="module")
def repositories(tmp_path_factory):
    generated = generate(tmp_path_factory.mktemp("gen") / "gen", 150, seed=11)
    return [load(PROJECT)[0], load(generated)[0]]


@pytest.mark.parametrize("public", [False, True])
def test_the_index_page_shows_nothing_of_what_is_left_out_of_its_digest(repositories, public):
    for repo in repositories:
        blanked = [_blanked(r) if isinstance(r, Meeting) else r for r in repo.records]
        changed = sum(b is not r and b != r for b, r in zip(blanked, repo.records, strict=True))
        assert changed >= 5  # the repository does hold such text
        again = Repository(root=repo.root, config=repo.config, records=blanked, files=repo.files, summaries=[])
        assert _index_context(again, public) == _index_context(repo, public)


def test_a_meeting_digest_leaves_out_only_what_the_index_page_never_shows(repositories):
    meeting = next(m for m in repositories[0].meetings if m.items and m.description)
    text = meeting.model_dump_json(by_alias=True)
    assert _meeting_shown(text)[0] == _meeting_shown(_blanked(meeting).model_dump_json(by_alias=True))[0]
    retitled = meeting.model_copy(update={"items": [meeting.items[0].model_copy(update={"title": "Andet"}), *meeting.items[1:]]})
    assert _meeting_shown(retitled.model_dump_json(by_alias=True))[0] != _meeting_shown(text)[0]
    assert _meeting_shown(retitled.model_dump_json(by_alias=True))[1] != _meeting_shown(text)[1]
    described = meeting.model_copy(update={"description": "Anden tekst"})
    assert _meeting_shown(described.model_dump_json(by_alias=True)) == _meeting_shown(text)  # neither page shows it
    placed = meeting.model_copy(update={"location": "Et andet sted"})
    assert _meeting_shown(placed.model_dump_json(by_alias=True))[1] != _meeting_shown(text)[1]  # an initiative's page shows it


OTHER_VALUES = {"description": "Ny tekst om mødet."}  # a new value for each field of MEETING_OWN


def test_every_field_said_to_be_shown_only_on_its_own_pages_is_tried():
    assert set(OTHER_VALUES) == MEETING_OWN


def _described(repo: Repository, which: set[str]) -> Repository:
    records = [r.model_copy(update=OTHER_VALUES) if isinstance(r, Meeting) and r.id in which else r for r in repo.records]
    return Repository(root=repo.root, config=repo.config, records=records, files=repo.files, summaries=[])


@pytest.mark.parametrize("public", [False, True])
def test_only_a_meeting_s_own_pages_show_what_other_pages_are_keyed_without(repositories, public):
    """Every page but a meeting's own agenda and minutes is the same whatever the meetings'
    descriptions (MEETING_OWN); those two depend on their own meeting's alone."""
    for repo in repositories:
        pages = site_pages(repo, "html")
        meetings = {m.id for m in repo.meetings}
        everyone = _described(repo, meetings)
        shown = 0
        for page in pages:
            before = render_page(repo, page, pages, public=public, today=dt.date(2022, 6, 1))[0]
            after = render_page(everyone, page, pages, public=public, today=dt.date(2022, 6, 1))[0]
            if page.document in ("agenda", "minutes"):
                assert after == render_page(_described(repo, {page.record_id}), page, pages, public=public, today=dt.date(2022, 6, 1))[0]
                shown += before != after
            else:
                assert after == before, page.rel
        assert shown >= 5  # the test does change what the meetings' own pages show
