"""`ensomhed schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail, say_


def schema(
    kind: Annotated[
        str | None, typer.Argument(help="body, person, meeting, plan or initiative; all kinds when left out.")
    ] = None,
    root: RootOption = None,
) -> None:
    """Print the JSON Schema of the record format, for editors.

    An editor with a YAML language server (VS Code's YAML extension, and others built on yaml-language-server) then flags as you type what `ensomhed check` flags in one record; references to other records only check finds. Save it in the repository:

        ensomhed schema > ensomhed-schema.json

    For every record, in VS Code's .vscode/settings.json:

        "yaml.schemas": {"./ensomhed-schema.json": ["records/**/*.yaml", "records/**/*.yml"]}

    Or for one .yaml record, as its first line, with the path from the record's folder:

        # yaml-language-server: $schema=../../ensomhed-schema.json

    The YAML extension does not read the front matter of a .md record: check those with `ensomhed check`, or write the record as .yaml with a `description`.
    """
    import json

    from ensomhed_cli.format.schema import KINDS

    if kind is not None and kind not in KINDS:
        from ensomhed_cli.diagnostics import suggest

        raise fail(say_(f"ukendt slags `{kind}`; skriv en af {', '.join(KINDS)}{suggest(kind, KINDS)}",
                        f"unknown kind `{kind}`; expected one of {', '.join(KINDS)}{suggest(kind, KINDS)}"))
    from ensomhed_cli.format.json_schema import record_schema

    print(json.dumps(record_schema(kind), ensure_ascii=False, indent=2))
