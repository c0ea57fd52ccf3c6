"""A document rendered from the files the index says it needs is the document rendered from the whole repository."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import CROSS, generate
from ensomhed_cli.api import load
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.query.index import Index
from ensomhed_cli.query.index_load import BulkClosure, load_files, needed_files
from ensomhed_cli.render.documents import render_document

PROJECT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2023, 3, 1)


def _bundled(root: Path) -> Path:
    shutil.copytree(PROJECT / "records", root / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", root)
    return root


def documents(repo) -> list[tuple[str, str]]:
    out = []
    for meeting in repo.meetings:
        out.append(("agenda", meeting.id))
        if meeting.status == "held":
            out.append(("minutes", meeting.id))
    out += [("plan", plan.id) for plan in repo.plans]
    out += [("initiative", initiative.id) for initiative in repo.initiatives]
    return out


def _repository(source: str, tmp_path: Path, repo_factory) -> Path:
    """The bundled example, a generated repository, or one of the cross-record fixtures."""
    if source == "bundled":
        return _bundled(tmp_path / "bundled")
    if source == "generated":
        return generate(tmp_path / "gen", 150, seed=11)
    root = repo_factory(CROSS if source == "cross" else HISTORY)
    assert source == "cross" or load(root)[1] == []
    return root


@pytest.mark.parametrize("source", ["bundled", "generated", "cross"])
def test_every_document_from_its_files_is_the_document_from_the_whole_repository(tmp_path, source, monkeypatch, repo_factory):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    root = _repository(source, tmp_path, repo_factory)
    whole, _ = load(root)
    index = Index()
    checker.check(root, index=index)
    docs = documents(whole)
    assert docs
    sizes = []
    bulk = BulkClosure(index)  # what a site asks, from maps in memory: the same files
    for document, record_id in docs:
        files = needed_files(index, document, record_id, TODAY)
        assert files is not None
        assert needed_files(bulk, document, record_id, TODAY) == files
        part = load_files(root, whole.config, files)
        stored = load_files(root, whole.config, files, index)  # the records the index holds whole
        sizes.append(len(part))
        for output, public in (("md", False), ("html", True)):
            expected = render_document(whole, document, record_id, output=output, public=public, today=TODAY, draft=True)
            got = render_document(part, document, record_id, output=output, public=public, today=TODAY, draft=True)
            assert got == expected, (document, record_id, output)
            got = render_document(stored, document, record_id, output=output, public=public, today=TODAY, draft=True)
            assert got == expected, (document, record_id, output, "from the index")
    assert min(sizes) < len(whole)  # no document needed every record


def test_a_document_of_a_record_that_is_not_of_its_kind_loads_everything(tmp_path, monkeypatch):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    root = _bundled(tmp_path / "bundled")
    index = Index()
    checker.check(root, index=index)
    whole, _ = load(root)
    plan = whole.plans[0].id
    assert needed_files(index, "agenda", plan) is None
    assert needed_files(index, "plan", "no-such-plan") is None


def _context(repo, document: str, record_id: str, public: bool) -> str:
    """Everything a template of the document is given, as text: a repository's own template
    may show any of it, so all of it must be what the whole repository gives."""
    import json

    from ensomhed_cli.render.context import ContextBuilder

    builder = ContextBuilder(repo, repo.config.language, public=public, output="html", today=TODAY, draft=True)
    if document in ("agenda", "minutes"):
        context = builder.meeting(repo.get(record_id), document)
    elif document == "plan":
        context = builder.plan(repo.get(record_id))
    else:
        context = builder.initiative_page(repo.get(record_id))
    return json.dumps(context, default=str, sort_keys=True, ensure_ascii=False)


# A case treated twice: the later decision names the plan's initiative, the earlier one
# nothing; a plan or initiative page shows the later item, with the earlier as its history.
HISTORY = {
    "records/plans/plan.yaml": "kind: plan\ntitle: Plan\nowner: aeldreraadet\nstatus: active\n",
    "records/initiatives/cafe.yaml": "kind: initiative\ntitle: Café\nstatus: active\ncategory: community\nplans: [plan]\n",
    "records/meetings/2023-01-10-raad.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2023-01-10
        status: held
        attendees: [bo]
        items:
          - {title: Caféen drøftes, case: 23/1234, decision: Udsat.}
        """,
    "records/meetings/2023-02-10-raad.yaml": """
        kind: meeting
        body: aeldreraadet
        date: 2023-02-10
        status: held
        attendees: [anna]
        items:
          - {title: Caféen besluttes, case: 23/1234, initiatives: [cafe], plans: [plan], decision: Godkendt.}
        """,
}


@pytest.mark.parametrize("source", ["bundled", "generated", "cross", "history"])
def test_every_template_context_from_its_files_is_the_context_from_the_whole_repository(tmp_path, source, monkeypatch, repo_factory):
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    root = _repository(source, tmp_path, repo_factory)
    whole, _ = load(root)
    index = Index()
    checker.check(root, index=index)
    for document, record_id in documents(whole):
        files = needed_files(index, document, record_id, TODAY)
        part = load_files(root, whole.config, files)
        stored = load_files(root, whole.config, files, index)
        for public in (False, True):
            expected = _context(whole, document, record_id, public)
            assert _context(part, document, record_id, public) == expected, (document, record_id)
            assert _context(stored, document, record_id, public) == expected, (document, record_id, "from the index")
