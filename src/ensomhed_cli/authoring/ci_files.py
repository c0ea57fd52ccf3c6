"""The pre-commit hook and GitHub workflow that `ensomhed init` writes: safe to copy as they stand.

The workflow follows what actionlint and zizmor hold (tests/test_ci_workflow.py runs both):
least permissions, no credentials left in the checkout, no `${{ }}` inside a `run:` (a
branch name is text an attacker chooses), every action pinned to a full commit, and
ensomhed installed from a source the user pins, never from a package name this project
does not publish.
"""

from __future__ import annotations

import json
import re
import shlex

from ensomhed_cli import __version__
from ensomhed_cli.diagnostics import say

# Each action at the commit of a release tag, with the tag in a comment for humans and
# for Dependabot. Taken from the actions' own repositories (`git rev-parse TAG^{commit}`).
ACTIONS = {
    "checkout": ("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "setup-python": ("actions/setup-python", "5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "upload-artifact": ("actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "upload-pages-artifact": ("actions/upload-pages-artifact", "fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "deploy-pages": ("actions/deploy-pages", "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}

# No git URL is published for ensomhed yet: until one is given, the workflow names a host
# that can never resolve (.invalid, RFC 2606), so its install step fails loudly, not quietly
# with some other project's package of the same name.
PLACEHOLDER_INSTALL = f"git+https://ensomhed.git.example.invalid/ensomhed.git@v{__version__}"

# A git URL pinned to a ref (tag or commit) after its last `@`, in characters that are
# plain in YAML and in a shell word, and can never open a `${{ }}` expression.
_PINNED_GIT = re.compile(r"git\+(https|ssh|file)://[A-Za-z0-9._~:/?#@!&*+,;=%-]+@[A-Za-z0-9._/+-]+")


class InstallSourceError(ValueError):
    """--install is not a git URL pinned to a tag or commit."""


def install_source(value: str | None) -> str:
    """The pip requirement the workflow installs ensomhed from."""
    if value is None:
        return PLACEHOLDER_INSTALL
    if not _PINNED_GIT.fullmatch(value):
        raise InstallSourceError(
            say(
                f"--install {value!r}: giv en git-adresse låst til et tag eller en commit, fx"
                f" git+https://example.org/ensomhed.git@v{__version__}",
                f"--install {value!r}: give a git URL pinned to a tag or commit, such as"
                f" git+https://example.org/ensomhed.git@v{__version__}",
            )
        )
    return value


def _action(name: str) -> str:
    repo, sha, tag = ACTIONS[name]
    return f"{repo}@{sha} # {tag}"


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def pre_commit_config(subfolder: str = "") -> str:
    """`always_run`: a commit that only deletes records can break references elsewhere,
    and a `files:` filter would skip it."""
    entry = "ensomhed check" + (f" --root {shlex.quote(subfolder)}" if subfolder else "")
    return f"""\
# Check the records before every commit: `pip install pre-commit && pre-commit install`
repos:
  - repo: local
    hooks:
      - id: ensomhed-check
        name: ensomhed check
        entry: {_yaml_text(entry)}
        language: system
        pass_filenames: false
        always_run: true
"""


def github_workflow(install: str, subfolder: str = "") -> str:
    """The workflow; `subfolder` is where the records repository is in the git repository."""
    placeholder = install == PLACEHOLDER_INSTALL
    pin_note = (
        "  # REPLACE this placeholder (`ensomhed init --install …` writes it for you): until then\n"
        "  # the install step fails.\n"
        if placeholder
        else ""
    )
    defaults = f"    defaults:\n      run:\n        working-directory: {_yaml_text(subfolder)}\n" if subfolder else ""
    site = f"{subfolder}/site" if subfolder else "site"
    return f"""\
# Check the records on every push and pull request; build the public site and deploy it
# to GitHub Pages from the repository's default branch.
name: ensomhed
on:
  push:
  pull_request:
permissions:
  contents: read  # read the records; nothing more unless a job says so
concurrency:  # one run per branch; a newer push to a pull request stops the older run
  group: ensomhed-${{{{ github.ref }}}}
  cancel-in-progress: ${{{{ github.event_name == 'pull_request' }}}}
env:
  # Where ensomhed is installed from: a git URL pinned to a release tag (or a commit) you
  # have tried. Never a bare package name: `ensomhed` on a package index is not this tool.
{pin_note}  ENSOMHED: {_yaml_text(install)}
jobs:
  check:
    name: Check, review and build
    runs-on: ubuntu-latest
{defaults}    steps:
      - uses: {_action("checkout")}
        with:
          fetch-depth: 0  # the diff compares with the base branch
          persist-credentials: false
      - uses: {_action("setup-python")}
        with:
          python-version: "3.11"
      - name: Install ensomhed
        run: python -m pip install "$ENSOMHED"
      - name: Check the records (annotations on the changed lines)
        run: ensomhed check --format github
      - name: What changed (pull requests)
        if: ${{{{ !cancelled() && github.event_name == 'pull_request' }}}}
        env:
          BASE_REF: ${{{{ github.base_ref }}}}
        run: ensomhed diff "origin/$BASE_REF" HEAD --format md | tee review.md >> "$GITHUB_STEP_SUMMARY"
      - uses: {_action("upload-artifact")}
        if: ${{{{ !cancelled() && github.event_name == 'pull_request' }}}}
        with:
          name: review
          path: {_yaml_text(f"{subfolder}/review.md" if subfolder else "review.md")}
      - name: Build the public site
        run: ensomhed build --public --output site
      - uses: {_action("upload-pages-artifact")}
        if: ${{{{ github.event_name == 'push' && github.ref_name == github.event.repository.default_branch }}}}
        with:
          path: {_yaml_text(site)}
  deploy:
    name: Deploy the site to GitHub Pages
    if: ${{{{ github.event_name == 'push' && github.ref_name == github.event.repository.default_branch }}}}
    needs: check
    runs-on: ubuntu-latest
    permissions:
      pages: write  # publish the site
      id-token: write  # prove to Pages that this workflow made it
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: {_action("deploy-pages")}
"""
