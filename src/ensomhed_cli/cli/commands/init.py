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
) -> None:
    """Create a new records repository: ensomhed.yaml, records/ with one example of each
    kind, templates/, a pre-commit hook and a CI workflow. Never writes over a file.

    Examples:

        ensomhed init aeldreraad-records && cd aeldreraad-records && git init
    """
    from ensomhed_cli.authoring.init import init as make
    from ensomhed_cli.fsio import WriteRefused

    try:
        written = make(folder)
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(f"cannot create the repository: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    print(f"ensomhed: a new repository in {folder}; run `ensomhed check` there", file=sys.stderr)
