"""`ensomhed init`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail, say_, warn
from ensomhed_cli.format.rawfile import reason as os_reason


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
    examples: Annotated[bool, typer.Option("--examples/--no-examples", help="Write one example record of each kind into records/_eksempler/ (skipped by check and never published).")] = True,
) -> None:
    """Create a new records repository, in git, ready to use. Never writes over a file.

    It holds ensomhed.yaml, records/, templates/, a pre-commit hook and a CI workflow, in a
    new git repository unless the folder is in one already.

    One example of each kind (a council, a person, a meeting, a plan, an initiative) goes
    into records/_eksempler/: a folder whose name begins with `_` is skipped by check,
    build and every other command, so the examples are never published as the
    municipality's own. Move one up into records/ to build on it, or delete the folder;
    --no-examples leaves them out.

    Examples:

        ensomhed init aeldreraad-records
        ensomhed init aeldreraad-records --no-examples
        ensomhed init aeldreraad-records --install 'git+https://example.org/ensomhed.git@v0.1.0'
    """
    from ensomhed_cli.authoring.ci_files import InstallSourceError
    from ensomhed_cli.authoring.init import init as make
    from ensomhed_cli.authoring.init import make_git
    from ensomhed_cli.fsio import WriteRefused
    from ensomhed_cli.paths import enclosing_git

    try:
        written = make(folder, install=install, examples=examples)
    except InstallSourceError as exc:
        raise fail(str(exc)) from None
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(say_(f"kan ikke oprette mappen: {os_reason(exc)}", f"cannot create the repository: {os_reason(exc)}")) from None
    for path in written:
        print(path)
    made_git, no_git = make_git(folder)
    print(say_(f"ensomhed: en ny mappe til posterne i {folder}; kør `ensomhed check` der", f"ensomhed: a new repository in {folder}; run `ensomhed check` there"), file=sys.stderr)
    if made_git:
        print(say_(f"ensomhed: {folder} er et nyt git-repository: gem filerne i det (git add . && git commit)",
                   f"ensomhed: {folder} is a new git repository: commit the files (git add . && git commit)"), file=sys.stderr)
    elif no_git:
        warn(say_(f"der blev ikke lavet et git-repository ({no_git}); ensomhed diff og agenda_sent har brug for et",
                  f"no git repository was made ({no_git}); ensomhed diff and agenda_sent need one"))
    git_root, sub = enclosing_git(folder)
    if sub:
        print(
            say_(
                f"ensomhed: {folder} ligger i git-repositoriet {git_root}: flyt .pre-commit-config.yaml og .github/ til"
                f" {git_root} (pre-commit og GitHub læser dem der; de tjekker allerede {sub})",
                f"ensomhed: {folder} is inside the git repository at {git_root}: move .pre-commit-config.yaml and"
                f" .github/ to {git_root} (pre-commit and GitHub read them there; they already check {sub})",
            ),
            file=sys.stderr,
        )
    if install is None:
        print(
            say_(
                "ensomhed: .github/workflows/ensomhed.yml installerer ensomhed fra en pladsholder; sæt ENSOMHED der til en"
                " git-adresse låst til et tag, eller giv --install",
                "ensomhed: .github/workflows/ensomhed.yml installs ensomhed from a placeholder; set ENSOMHED"
                " there to a git URL pinned to a tag, or give --install",
            ),
            file=sys.stderr,
        )
