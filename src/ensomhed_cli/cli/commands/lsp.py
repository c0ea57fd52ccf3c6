"""`ensomhed lsp`."""

from __future__ import annotations

from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, repository_root


def lsp(
    root: RootOption = None,
    stdio: Annotated[bool, typer.Option("--stdio", help="Speak over stdin and stdout (the only way; accepted for editors that pass it).")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes for the first load (default: all cores).")] = None,
) -> None:
    """A Language Server over stdio for records: diagnostics as you type, completion, hover,
    go to definition, find references and document symbols.

    Started by an editor, not by hand: it speaks the Language Server Protocol (JSON-RPC) on
    stdin and stdout. The repository is the editor's workspace folder, or the folder with
    ensomhed.yaml above an opened record (or --root). Problems are those `ensomhed check`
    reports, at the same places, updated on every change before the file is saved.

    Examples:

        ensomhed lsp
        ensomhed lsp --root ~/records
    """
    from ensomhed_cli.live.lsp_server import serve

    found = repository_root(root) if root is not None else None
    raise typer.Exit(serve(found, jobs))
