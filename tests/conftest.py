"""Shared helpers: small repositories written to tmp_path, and the CLI run through its runner."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ensomhed_cli.api import load
from ensomhed_cli.cli.application import app

PROJECT = Path(__file__).resolve().parent.parent

# git for the tests' own repositories: a fixed author, and no system or user settings.
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}

# A small valid repository that bad-input cases add one file to.
BASE = {
    "records/people/anna.yaml": """
        kind: person
        name: Anna Hansen
        title: konsulent
        """,
    "records/people/bo.yaml": """
        kind: person
        name: Bo Madsen
        """,
    "records/bodies/aeldreraadet.yaml": """
        kind: body
        name: Ældrerådet
        type: advisory_council
        """,
    "records/plans/plan.yaml": """
        kind: plan
        title: Ensomhedsplan 2024-2027
        owner: aeldreraadet
        status: active
        goals:
          - id: faerre-ensomme
            title: Færre ensomme ældre
        milestones:
          - id: a
            title: Start
        """,
    "records/initiatives/cafe.yaml": """
        kind: initiative
        title: Café
        status: active
        category: community
        """,
}


# Records whose rows depend on other records: a meeting's title on its body's name, who was
# present on the body's members and the substitutes, a name on the first record with an id.
CROSS = {
    "records/bodies/raadet.yaml": """
        kind: body
        name: Rådet
        type: advisory_council
        members:
          - {person: anna}
          - {person: bo}
          - {person: cai}
        """,
    "records/people/cai.yaml": "kind: person\nname: Cai Berg\n",
    "records/people/dorte.yaml": "kind: person\nname: Dorte Lund\n",
    # a second record with a body's id, later in file order: the body keeps its name
    "records/people/zz-raadet.yaml": "kind: person\nid: raadet\nname: Ikke rådet\n",
    "records/meetings/2024-01-10-raadet.md": """
        ---
        kind: meeting
        body: raadet
        date: 2024-01-10
        status: held
        absent:
          - {person: bo, substitute: dorte}
          - {person: cai, substitute: anna}
        items:
          - title: Punkt
            actions:
              - {what: Ring, owners: [raadet, anna], due: 2024-Q1}
        ---
        """,
    "records/meetings/2024-02-10-raadet.md": """
        ---
        kind: meeting
        title: ""
        body: raadet
        date: 2024-02-10
        start: 10:00
        status: planned
        attendees: [dorte, {person: bo, from_item: 2}]
        absent: [{person: dorte}]
        ---
        """,
    "records/meetings/2024-02-10-morgen.md": """
        ---
        kind: meeting
        title: Morgenmøde
        body: aeldreraadet
        date: 2024-02-10
        status: planned
        ---
        """,
}


class Clock:
    """File times in the past, each write a second later: outside the caches' racy window, never equal."""

    def __init__(self) -> None:
        import datetime as dt

        self.now = int((dt.datetime.now().timestamp() - 86_400) * 1e9)

    def touch(self, path: Path) -> None:
        self.now += 1_000_000_000
        os.utime(path, ns=(self.now, self.now))


# The day bench/generate.py splits its meetings at (held before, planned after): a check of a
# generated repository on that day has no meeting dated on the wrong side of today.
GENERATED_TODAY = dt.date(2026, 6, 1)


def generate(root: Path, records: int, seed: int, clock: Clock | None = None) -> Path:
    """A repository from bench/generate.py; with a clock, every file dated by it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate", PROJECT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TODAY == GENERATED_TODAY
    module.generate(root, records, seed=seed)
    if clock is not None:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                clock.touch(path)
    return root


def plain_id(text: str) -> str:
    """A parametrized test's id in printable ASCII without backslashes: pytest escapes any other
    id again at each collection in one process, so mutmut (which collects twice) could not find
    the test by the id it recorded."""
    return "".join(ch if " " <= ch <= "~" and ch != "\\" else f"U+{ord(ch):04X}" for ch in text)


def located(diagnostics) -> list[tuple]:
    """Each diagnostic as (path, line, column, severity, code, message): what the rule tests assert."""
    return [(d.path, d.line, d.column, d.severity, d.code, d.message) for d in diagnostics]


def write_repo(root: Path, files: dict[str, str], config: str | None = "language: da\n") -> Path:
    """Write a repository: ensomhed.yaml and the given files (dedented)."""
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / "ensomhed.yaml").write_text(config, encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _no_language_left_over():
    """--lang is process-wide (one command per process): a test that runs the CLI with it
    leaves it set, and the next test in the process would speak that language. Each test
    starts without it."""
    from ensomhed_cli.diagnostics import set_language_override

    set_language_override(None)
    yield
    set_language_override(None)


@pytest.fixture
def repo_factory(tmp_path):
    def make(files: dict[str, str], *, base: bool = True, config: str | None = "language: da\n"):
        all_files = {**BASE, **files} if base else dict(files)
        return write_repo(tmp_path / "repo", all_files, config)

    return make


@pytest.fixture
def check(repo_factory):
    """Load a repository made of BASE plus `files`; return (repo, diagnostics)."""

    def run(files: dict[str, str], **kwargs):
        return load(repo_factory(files, **kwargs))

    return run


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by Playwright, one for the session; skipped where either is
    missing. Never Playwright's own browser download: `executable_path` is Debian's."""
    import shutil

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no Chromium on this machine (./dev test installs Debian's where it can)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _language_override_ends_with_the_test():
    """`--lang` holds for the whole process (diagnostics.set_language_override): a test whose
    command said `--lang en` must not leave the next test's library calls speaking English."""
    yield
    from ensomhed_cli.diagnostics import set_language_override

    set_language_override(None)


# What `./dev test --fast` leaves out (marked `slow`): whole files that start a browser,
# WeasyPrint, LibreOffice, Java or a server, or kill builds on purpose, and the long proofs that
# every cache answers as a cold run does (a few seconds to two minutes each). The full suite,
# and CI, run them all.
SLOW_FILES = {
    "test_accessibility.py", "test_browser.py", "test_screens.py", "test_serve_browser.py",
    "test_html_validator.py", "test_pdf.py", "test_pdf_ua.py", "test_docx.py",
    "test_site_atomic.py", "test_build_incremental.py", "test_site_folder.py", "test_fsio.py",
}
SLOW_TESTS = {
    "test_check_walk.py::test_every_check_of_a_walk_of_edits_says_what_a_cold_check_says",
    "test_index.py::test_an_index_kept_up_to_date_answers_as_one_built_from_nothing",
    "test_values_never_crash.py::test_whatever_check_accepts_every_command_handles",
    "test_closed_parts.py::test_no_public_output_holds_anything_closed",
    "test_index_render.py::test_every_document_from_its_files_is_the_document_from_the_whole_repository",
    "test_index_render.py::test_every_template_context_from_its_files_is_the_context_from_the_whole_repository",
    "test_export.py::test_duckdb_reads_the_export_as_the_readme_shows",
    "test_index_full_disk.py::test_a_full_disk_keeps_the_last_index_and_answers_from_the_files",
}


def pytest_collection_modifyitems(items):
    for item in items:
        file, _, name = item.nodeid.partition("::")
        file = file.rpartition("/")[2]
        if file in SLOW_FILES or f"{file}::{name.partition('[')[0]}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
