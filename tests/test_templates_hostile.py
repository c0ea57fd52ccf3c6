"""A repository's templates as a hostile pull request would write them.

Templates are read only from regular files inside templates/, never through a link;
they are compiled without Jinja folding constants in this process, and every problem
is a located error naming the template, never a hang, a traceback or a leaked file.
"""

from __future__ import annotations

import os
import time

import pytest

from conftest import write_repo
from ensomhed_cli.api import TemplateProblem, load, render_document
from ensomhed_cli.render import engine
from test_render import HOSTILE_TEXT

SECRET = "hemmelig-vaerdi-fra-udenfor"


@pytest.fixture
def outside(tmp_path):
    """A folder beside the repository with a file no template may read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "agenda.md.j2").write_text(SECRET, encoding="utf-8")
    return folder


def repository(tmp_path, templates: dict[str, str] | None = None):
    files = dict(HOSTILE_TEXT)
    for name, text in (templates or {}).items():
        files[f"templates/{name}"] = text
    return write_repo(tmp_path / "r", files)


def problems(root):
    return [(d.path, d.line, d.column, d.severity, d.code, d.message) for d in load(root)[1] if d.path.startswith("templates")]


def test_a_folder_link_in_templates_is_reported_and_never_included(tmp_path, outside, cli):
    root = repository(tmp_path, {"agenda.md.j2": '{% include "root/secret.txt" %}{% include "root/agenda.md.j2" %}'})
    (root / "templates" / "root").symlink_to(outside)
    assert problems(root) == [
        ("templates/root", 1, 1, "error", "template-link", "et link i templates/ følges ikke; en skabelon skal være en fil i selve mappen"),
    ]
    repo, _ = load(root)
    with pytest.raises(TemplateProblem) as stopped:
        render_document(repo, "agenda", "m", output="md")
    assert (stopped.value.path, stopped.value.message) == ("templates/agenda.md.j2", "template not found: root/secret.txt")
    result = cli("check", "--root", root)
    assert result.exit_code == 1 and "templates/root:1:1: error: et link i templates/ følges ikke" in result.stderr
    result = cli("build", "--root", root, "--output", tmp_path / "site", "--format", "md")
    assert result.exit_code == 1 and SECRET not in result.stdout + result.stderr
    assert not any(SECRET in p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file())


def test_a_template_that_is_a_link_is_not_used(tmp_path, outside):
    root = repository(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "agenda.md.j2").symlink_to(outside / "agenda.md.j2")
    assert [p[4] for p in problems(root)] == ["template-link"]
    repo, _ = load(root)
    text = render_document(repo, "agenda", "m", output="md")
    assert SECRET not in text and text.startswith("# Dagsorden")  # the built-in, not the link


def test_a_templates_folder_that_links_out_of_the_repository_is_not_used(tmp_path, outside):
    root = repository(tmp_path)
    (root / "templates").symlink_to(outside)
    assert problems(root) == [
        ("templates", 1, 1, "error", "outside-repository", "templates/ er et link, der fører uden for projektmappen; skabelonerne i den bruges ikke"),
    ]
    repo, _ = load(root)
    assert SECRET not in render_document(repo, "agenda", "m", output="md")


def test_a_fifo_or_an_oversized_file_is_no_template(tmp_path):
    root = repository(tmp_path, {"minutes.md.j2": "{# padding #}" + "x" * (engine_limit() + 1)})
    os.mkfifo(root / "templates" / "agenda.md.j2")
    assert problems(root) == [
        ("templates/agenda.md.j2", 1, 1, "error", "not-a-file", "ikke en almindelig fil (men en mappe, en FIFO eller en enhed); den læses ikke"),
        ("templates/minutes.md.j2", 1, 1, "error", "too-large", "filen fylder 1024 KiB; en skabelon må højst fylde 1024 KiB"),
    ]
    repo, _ = load(root)
    started = time.monotonic()
    assert render_document(repo, "agenda", "m", output="md").startswith("# Dagsorden")
    assert time.monotonic() - started < 20


def engine_limit() -> int:
    from ensomhed_cli.format.discovery import MAX_TEMPLATE_BYTES

    return MAX_TEMPLATE_BYTES


def test_a_template_that_is_not_utf8_is_a_located_error(tmp_path, cli):
    root = repository(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "agenda.md.j2").write_bytes(b"Dagsorden\nM\xf8de {{ meeting.title }}\n")
    [problem] = problems(root)
    assert problem[:5] == ("templates/agenda.md.j2", 2, 2, "error", "encoding")
    result = cli("render", "agenda", "m", "--root", root)
    assert result.exit_code == 1
    assert "templates/agenda.md.j2:2:1: error: filen er ikke gemt som UTF-8 (her står byten 0xF8)" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_deeply_nested_blocks_are_a_located_error(tmp_path, cli):
    nested = "{% if true %}" * 150 + "x" + "{% endif %}" * 150
    root = repository(tmp_path, {"agenda.md.j2": nested})
    result = cli("render", "agenda", "m", "--root", root)
    assert result.exit_code == 1
    assert result.stderr == "templates/agenda.md.j2:1:1: error: the template is nested too deeply\n"


@pytest.mark.parametrize(
    "source, message",
    [
        ("{{ 7 ** 30000000 }}", "ran for more than 2 seconds"),
        ('{{ "x" * 2000000000 }}', "memory"),
        ("{{ 9" + "9" * 5000 + " }}", "cannot be compiled"),
    ],
)
def test_constants_are_not_folded_while_compiling_and_stop_within_the_limits(tmp_path, monkeypatch, source, message):
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS", 2)
    repo, _ = load(repository(tmp_path, {"agenda.md.j2": source}))
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as stopped:
        render_document(repo, "agenda", "m", output="md")
    assert stopped.value.path == "templates/agenda.md.j2" and message in stopped.value.message
    assert time.monotonic() - started < 15


def test_only_the_templates_a_page_uses_are_compiled(tmp_path):
    """A broken template no page uses stops nothing; the one that is used is reported."""
    root = repository(tmp_path, {"agenda.md.j2": "Egen {{ meeting.title }}", "unused.md.j2": "{% if %}", "plan.md.j2": "{% include 'unused.md.j2' %}"})
    repo, _ = load(root)
    assert render_document(repo, "agenda", "m", output="md").startswith("Egen")
