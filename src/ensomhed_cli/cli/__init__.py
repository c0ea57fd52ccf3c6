"""The `ensomhed` command: the Typer application and one small module per command."""
