"""The generated references in docs/ are current, and their examples are records check accepts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.record import run_record_rules
from ensomhed_cli.format.config import Config
from ensomhed_cli.format.json_schema import _models
from ensomhed_cli.format.source import parse_text
from ensomhed_cli.format.typed import build_record

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _render_record_format() -> str:
    from ensomhed_cli.format.reference import render

    return render()


def _render_commands() -> str:
    from ensomhed_cli.cli.reference import render

    return render()


GENERATED = [
    ("record-format.md", _render_record_format, "ensomhed_cli.format.reference"),
    ("commands.md", _render_commands, "ensomhed_cli.cli.reference"),
]


@pytest.mark.parametrize("name, render, module", GENERATED, ids=[g[0] for g in GENERATED])
def test_the_generated_reference_is_current(name, render, module):
    if name == "commands.md" and os.environ.get("ENSOMHED_PACKAGE_TEST") == "1":
        # ./dev test's run at the lowest allowed versions: an older Typer words usage lines
        # and types its own way. The main run, at today's versions, compares the file.
        pytest.skip("help as an older Typer renders it")
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == render(), (
        f"docs/{name} is out of date; write it again with\n"
        f"    .venv/bin/python -m {module} > docs/{name}"
    )


@pytest.mark.parametrize("name", [g[0] for g in GENERATED])
def test_the_reference_stands_alone(name):
    text = (DOCS / name).read_text(encoding="utf-8")
    assert "../shared" not in text and "shared/" not in text


def test_the_record_format_names_every_kind_and_field():
    from ensomhed_cli.format.reference import render
    from ensomhed_cli.format.schema import KINDS

    text = render()
    for kind, model in KINDS.items():
        assert f"## {kind} — " in text
        for name, field in model.model_fields.items():
            assert f"| `{field.alias or name}` |" in text, f"{kind}.{name}"
    for part in ("attendee", "absence", "item", "action", "vote", "statement", "goal", "milestone", "budget", "reach"):
        assert f"### {part}\n" in text


def test_format_1_1_marks_name_real_fields():
    from ensomhed_cli.format.reference import FORMAT_1_1, PROJECT_ADDITIONS

    models = _models()
    for cls, name in FORMAT_1_1 | PROJECT_ADDITIONS:
        fields = models[cls].model_fields
        assert name in {f.alias or n for n, f in fields.items()}, f"{cls}.{name}"


@pytest.mark.parametrize("kind", ["body", "person", "meeting", "plan", "initiative"])
def test_every_example_is_a_record_check_accepts(kind):
    from ensomhed_cli.format.reference import EXAMPLES

    doc = parse_text(EXAMPLES[kind], f"records/example-{kind}.yaml")
    record, problems = build_record(doc)
    problems = [*doc.diagnostics, *problems]
    if record is not None:
        problems += run_record_rules(record, Context(Path("/nonexistent"), Config()))
    assert record is not None and [p.message for p in problems if p.severity == "error"] == []


DOCUMENTS = ["README.md", "SECURITY.md", "CHANGELOG.md", *(f"docs/{p.name}" for p in sorted((Path(__file__).resolve().parent.parent / "docs").glob("*.md")))]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_documentation_links_only_to_files_inside_the_project(name):
    """A user who clones or installs ensomhed has this project and nothing beside it."""
    import re

    project = Path(__file__).resolve().parent.parent
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert "../shared" not in text and "shared/seeds" not in text
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or a place on the same page
        linked = (path.parent / target.split("#")[0]).resolve()
        assert project in linked.parents and linked.exists(), f"{name}: {target}"
