"""`ensomhed summary`."""

from __future__ import annotations

from ensomhed_cli.cli.common import RootOption, repository_root, terminal_cell


def summary(root: RootOption = None) -> None:
    """Show what the repository holds: meetings, plans, initiatives and bodies.

    Records with errors are left out; run `ensomhed check` to see them.
    """
    from rich.console import Console
    from rich.table import Table

    from ensomhed_cli.check.loader import load
    from ensomhed_cli.query.overview import overview

    repo, _ = load(repository_root(root))
    console = Console()
    for section in overview(repo):
        table = Table(title=f"{section.title} ({len(section.rows)})", title_justify="left", expand=False)
        for column in section.columns:
            table.add_column(column, overflow="fold")
        for row in section.rows:
            table.add_row(*map(terminal_cell, row))
        console.print(table)
