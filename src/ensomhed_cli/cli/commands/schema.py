"""`ensomhed schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail


def schema(
    kind: Annotated[
        str | None, typer.Argument(help="body, person, meeting, plan or initiative; all kinds when left out.")
    ] = None,
    root: RootOption = None,
) -> None:
    """Print the JSON Schema of the record format, for editors.

    Point your editor's YAML language server at it to check records as you type:

        ensomhed schema > .ensomhed-schema.json
        # then, first line of a .yaml record:
        # yaml-language-server: $schema=../.ensomhed-schema.json
    """
    import json

    from ensomhed_cli.format.schema import KINDS

    if kind is not None and kind not in KINDS:
        raise fail(f"unknown kind `{kind}`; expected one of {', '.join(KINDS)}")
    from ensomhed_cli.format.json_schema import record_schema

    print(json.dumps(record_schema(kind), ensure_ascii=False, indent=2))
