"""`ensomhed new`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail, repository_root


def new(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="meeting, plan, initiative, body or person.")],
    body_text: Annotated[str | None, typer.Option("--text", help="The Markdown body: the record's free description.")] = None,
    root: RootOption = None,
) -> None:
    """Write a new record at its conventional path, with fields given as --FIELD VALUE.

    The id is made from the title or name (æ→ae, ø→oe, å→aa); a meeting's from its date
    and body. List fields take commas or repeated options; parts of a field take dots
    (--period.from 2025-01-01). The record is checked before it is written, and an
    existing file is never replaced.

    Examples:

        ensomhed new meeting --body aeldreraadet --date 2025-03-04 --start 14:00 --end 16:00
        ensomhed new initiative --title "Besøgsvenner" --category ongoing_contact --plans ensomhedsplan
        ensomhed new person --name "Anna Hansen" --title konsulent
        ensomhed new plan --title "Ensomhedsplan 2025" --owner aeldreraadet --period.from 2025-01-01 --period.to 2028-12-31
    """
    from ensomhed_cli.authoring.new import (
        AuthoringError,
        fields_from_options,
        plan_record,
        write_record,
    )
    from ensomhed_cli.check.loader import load
    from ensomhed_cli.diagnostics import format_text
    from ensomhed_cli.fsio import WriteRefused

    options = _pairs(ctx.args)
    repo, _ = load(repository_root(root))
    try:
        data = fields_from_options(kind, options)
        record = plan_record(repo, kind, data, body_text)
        write_record(record, repo.root)
    except AuthoringError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(f"cannot write the record: {exc.strerror or exc}") from None
    for d in record.warnings:
        print(format_text(d), file=sys.stderr)
    print(record.rel)


# `new --help` lists the fields from this copy, so that help does not load the schema;
# tests/test_cli.py holds it equal to authoring.new.fields_help().
FIELDS_HELP = """\
Fields of each kind (* must be given, = the default):

  meeting     *body *date id tags description title start end location mode
              status=planned chair secretary attendees staff guests
              minutes_approved agenda_sent amendments
  plan        *title *owner id tags description status=draft period
              approved_by approved_on vision principles
  initiative  *title *category id tags description status=proposed plans
              owner proposed_by target_groups partners start end budget
  body        *name *type id tags description parent plan size composition
              commission status
  person      *name id tags description title organisation email party
"""
new.__doc__ = f"{new.__doc__.rstrip()}\n\n    " + "\n    ".join(FIELDS_HELP.splitlines()) + "\n"


def _pairs(args: list[str]) -> list[tuple[str, str]]:
    """--field value and --field=value pairs from the words Typer did not know."""
    pairs = []
    i = 0
    while i < len(args):
        word = args[i]
        if not word.startswith("--") or word == "--":
            raise fail(f"unexpected `{word}`: give fields as --FIELD VALUE")
        name, eq, value = word[2:].partition("=")
        if not eq:
            if i + 1 >= len(args):
                raise fail(f"--{name} needs a value")
            value = args[i + 1]
            i += 1
        pairs.append((name, value))
        i += 1
    return pairs
