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
    from ensomhed_cli.diagnostics import message_lang
    from ensomhed_cli.query.overview import overview
    from ensomhed_cli.render.labels import VALUES

    repo, _ = load(repository_root(root))
    lang = message_lang()
    console = Console()
    for section in overview(repo, lang, VALUES[lang]):
        table = Table(title=f"{section.title} ({len(section.rows)})", title_justify="left", expand=False)
        for n, column in enumerate(section.columns):
            widest = max([len(column), *(len(row[n]) for row in section.rows)])
            # Ids and dates are never split across lines, where half the screen holds them (as in show_table).
            if column in ("id", "dato", "date") and widest <= console.width // 2:
                table.add_column(column, no_wrap=True, min_width=widest)
            else:
                table.add_column(column, overflow="fold")
        for row in section.rows:
            table.add_row(*map(terminal_cell, row))
        console.print(table)
