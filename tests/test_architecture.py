"""The layout keeps its promises (docs/architecture.md): stages import only what comes before them.

Every import in the package, at the top of a module or inside a function, is read from
the source. A lower stage never imports a higher one, the library never imports Typer,
Click or Rich, every module says in its first line what it is, and none grows past the
size where it is usually two ideas.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import PROJECT

PACKAGE = PROJECT / "src" / "ensomhed_cli"

# The stages in the order data flows through them; each may import itself and what comes before.
STAGES = ("foundation", "format", "check", "query", "render", "review", "authoring", "live", "api", "cli")
FOUNDATION = {"ensomhed_cli", "ensomhed_cli.codestamp", "ensomhed_cli.diagnostics", "ensomhed_cli.paths", "ensomhed_cli.fsio", "ensomhed_cli.printable", "ensomhed_cli.workers", "ensomhed_cli.gitrepo"}
TERMINAL_LIBRARIES = {"typer", "click", "rich"}
MAX_LINES = 400


def stage_of(module: str) -> str:
    if module in FOUNDATION:
        return "foundation"
    if module == "ensomhed_cli.__main__":
        return "cli"
    part = module.split(".")[1]
    if part not in STAGES:
        raise AssertionError(f"{module} belongs to no stage: add it to a stage's package or to FOUNDATION")
    return part


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import statement, relative ones resolved."""
    found = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.append((node.lineno, base))
            # `from ensomhed_cli.x import y` may name a submodule y: that is an import of it too.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if f"{base}.{alias.name}" in MODULES]
    return found


MODULES = modules()


def test_every_module_belongs_to_a_stage():
    assert {stage_of(m) for m in MODULES} == set(STAGES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_stage_imports_only_itself_and_the_stages_before_it(module):
    own = STAGES.index(stage_of(module))
    upward = [
        f"{MODULES[module].relative_to(PROJECT)}:{line}: {module} ({stage_of(module)}) imports {target} ({stage_of(target)})"
        for line, target in imports(MODULES[module], module)
        if target.startswith("ensomhed_cli") and target in MODULES and STAGES.index(stage_of(target)) > own
    ]
    assert upward == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage_of(m) != "cli"))
def test_the_library_never_imports_the_terminal_libraries(module):
    terminal = [
        f"{MODULES[module].relative_to(PROJECT)}:{line}: imports {target}"
        for line, target in imports(MODULES[module], module)
        if target.split(".")[0] in TERMINAL_LIBRARIES
    ]
    assert terminal == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_opens_with_a_line_saying_what_it_is(module):
    doc = ast.get_docstring(ast.parse(MODULES[module].read_text(encoding="utf-8")), clean=False)
    assert doc, f"{module} has no docstring"
    first = doc.split("\n")[0]
    assert first.strip() and first.rstrip().endswith((".", ":")) and len(first) <= 120, first


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_grows_past_the_size_of_one_idea(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it where it holds two ideas"


def leaf(module: str) -> str:
    return module.rsplit(".", 1)[-1]


def test_no_two_library_modules_share_a_name():
    """`build.py` made typed records while `ensomhed build` made the site: a name says one thing."""
    names = [leaf(m) for m in MODULES if stage_of(m) not in ("cli", "foundation")]
    assert sorted({name for name in names if names.count(name) > 1}) == []


# A command's module shares a name with a library module only when that module does its work.
SAME_WORK = {
    "check": "ensomhed_cli.check",
    "render": "ensomhed_cli.render",
    "diff": "ensomhed_cli.review.diff",
    "new": "ensomhed_cli.authoring.new",
    "init": "ensomhed_cli.authoring.init",
    "schema": "ensomhed_cli.format.schema",
    "query": "ensomhed_cli.query",
    "export": "ensomhed_cli.query.export",
}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("ensomhed_cli.cli.commands.")))
def test_a_command_shares_a_name_only_with_the_module_doing_its_work(module):
    library = {leaf(m) for m in MODULES if stage_of(m) not in ("cli", "foundation")}
    if leaf(module) not in library:
        return
    work = SAME_WORK.get(leaf(module))
    assert work, f"{module} shares its name with a library module that does other work"
    assert any(t == work or t.startswith(work + ".") for _, t in imports(MODULES[module], module))


def test_the_architecture_document_lists_every_package():
    text = (PROJECT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = {m for m, p in MODULES.items() if p.name == "__init__.py" and m.count(".") == 1}
    listed = set(re.findall(r"`(\w+)/`", text))
    assert {p.split(".")[1] for p in packages} <= listed


def test_the_public_api_is_one_import_away():
    from ensomhed_cli import api

    for name in api.__all__:
        assert getattr(api, name) is not None, name
    assert {"load", "check", "find_root", "render_document", "build_site", "compare"} <= set(api.__all__)


def test_every_folder_of_modules_is_a_package():
    """A folder without __init__.py is left out of the installed wheel by setuptools' find."""
    folders = {p.parent for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert sorted(str(f.relative_to(PROJECT)) for f in folders if not (f / "__init__.py").is_file()) == []
