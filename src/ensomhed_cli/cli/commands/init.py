"""`ensomhed init`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail


def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the repository (default: here).")] = Path("."),
    root: RootOption = None,
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            help="Where the CI workflow installs ensomhed from: a git URL pinned to a tag or commit.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create a new records repository: ensomhed.yaml, records/ with one example of each
    kind, templates/, a pre-commit hook and a CI workflow. Never writes over a file.

    Examples:

        ensomhed init aeldreraad-records && cd aeldreraad-records && git init
        ensomhed init aeldreraad-records --install 'git+https://example.org/ensomhed.git@v0.1.0'
    """
    from ensomhed_cli.authoring.ci_files import InstallSourceError
    from ensomhed_cli.authoring.init import init as make
    from ensomhed_cli.fsio import WriteRefused
    from ensomhed_cli.paths import enclosing_git

    try:
        written = make(folder, install=install)
    except InstallSourceError as exc:
        raise fail(str(exc)) from None
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(f"cannot create the repository: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    print(f"ensomhed: a new repository in {folder}; run `ensomhed check` there", file=sys.stderr)
    git_root, sub = enclosing_git(folder)
    if sub:
        print(
            f"ensomhed: {folder} is inside the git repository at {git_root}: move .pre-commit-config.yaml and"
            f" .github/ to {git_root} (pre-commit and GitHub read them there; they already check {sub})",
            file=sys.stderr,
        )
    if install is None:
        print(
            "ensomhed: .github/workflows/ensomhed.yml installs ensomhed from a placeholder; set ENSOMHED"
            " there to a git URL pinned to a tag, or give --install",
            file=sys.stderr,
        )
