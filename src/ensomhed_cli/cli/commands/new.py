"""`ensomhed new`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail, repository_root, say_
from ensomhed_cli.format.rawfile import reason as os_reason


def new(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="meeting, plan, initiative, body or person; or minutes or item with a meeting's id.")],
    body_text: Annotated[str | None, typer.Option("--text", help="The Markdown body: the record's free description.")] = None,
    root: RootOption = None,
) -> None:
    """Write a new record, or turn a meeting's agenda into minutes, or add an item to it.

    A new record goes to its conventional path, with fields given as --FIELD VALUE. The id is made from the title or name (æ→ae, ø→oe, å→aa); a meeting's from its date
    and body. List fields take commas or repeated options; parts of a field take dots
    (--period.from 2025-01-01); a body's members are --member ID, repeated. The record is
    checked before it is written, and an existing file is never replaced.

    `new minutes MEETING` turns a planned meeting into its referat in place: `status: held`,
    the body's members (less those with afbud) as `attendees`, and an empty `decision:`
    under every decision item, which `check` reports until it is written. `new item MEETING
    --title TEXT [--type decision|information|discussion] [--number N] [--closed]` adds an
    agenda item, numbered after the last one unless --number is given. Both change only
    those lines (comments and the rest of the file stay as written), check the result
    first, write it atomically, and leave the file untouched where the step does not apply.

    Examples:

        ensomhed new meeting --body aeldreraadet --date 2025-03-04 --start 14:00 --end 16:00
        ensomhed new item 2025-03-04-aeldreraadet --title "Budget 2026" --type decision
        ensomhed new minutes 2025-03-04-aeldreraadet
        ensomhed new body --name "Netværk mod ensomhed" --type working_group --member anna-hansen --member bo-berg
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

    if kind in MEETING_STEPS:
        _meeting_step(kind, ctx.args, root)
        return
    found = repository_root(root)  # first: its language is the messages'
    options = _pairs(ctx.args)
    repo, _ = load(found)
    try:
        data = fields_from_options(kind, options)
        record = plan_record(repo, kind, data, body_text)
        write_record(record, repo.root)
    except AuthoringError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(say_(f"kan ikke skrive posten: {os_reason(exc)}", f"cannot write the record: {os_reason(exc)}")) from None
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
              commission status member
  person      *name id tags description title organisation email party
"""
# No docstring under `python -OO` (or PYTHONOPTIMIZE=2): the fields are still listed.
new.__doc__ = f"{(new.__doc__ or '').rstrip()}\n\n    " + "\n    ".join(FIELDS_HELP.splitlines()) + "\n"


MEETING_STEPS = {"minutes": {"today"}, "item": {"title", "type", "number", "closed"}}


def _meeting_step(step: str, args: list[str], root) -> None:
    """`new minutes MEETING` and `new item MEETING …`: the meeting's own file edited in place."""
    from ensomhed_cli.authoring.in_place import EditRefused
    from ensomhed_cli.authoring.meeting_edits import item_edit, minutes_edit, write_edit
    from ensomhed_cli.check.loader import load
    from ensomhed_cli.cli.common import parse_today
    from ensomhed_cli.diagnostics import WARNING, format_text
    from ensomhed_cli.fsio import WriteRefused

    found = repository_root(root)  # first: its language is the messages'
    if not args or args[0].startswith("--"):
        raise fail(say_(f"giv mødets id: ensomhed new {step} MØDE", f"give the meeting's id: ensomhed new {step} MEETING"))
    meeting_id, words = args[0], args[1:]
    if step == "item":  # --closed is a switch: it takes no value
        words = [w for w in words if w != "--closed"] + (["--closed", "true"] if "--closed" in words else [])
    options = dict(_pairs(words))
    unknown = sorted(set(options) - MEETING_STEPS[step])
    if unknown:
        takes = ", ".join("--" + o for o in sorted(MEETING_STEPS[step]))
        raise fail(say_(f"`new {step}` har ingen --{unknown[0]}; den tager {takes}", f"`new {step}` has no option --{unknown[0]}; it takes {takes}"))
    repo, _ = load(found)
    try:
        if step == "minutes":
            edit = minutes_edit(repo, meeting_id, today=parse_today(options.get("today")))
        else:
            if "title" not in options:
                raise fail(say_("`new item` skal have --title TEKST", "`new item` needs --title TEXT"))
            edit = item_edit(repo, meeting_id, options["title"], type=options.get("type"), number=options.get("number"), closed="closed" in options)
        write_edit(edit, repo.root)
    except EditRefused as exc:
        raise fail(f"{meeting_id}: {exc}", 1) from None
    except WriteRefused as exc:
        raise fail(str(exc), 1) from None
    except OSError as exc:
        raise fail(say_(f"kan ikke skrive posten: {os_reason(exc)}", f"cannot write the record: {os_reason(exc)}")) from None
    for d in edit.diagnostics:
        if d.severity == WARNING:
            print(format_text(d), file=sys.stderr)
    for line in edit.said:
        print(f"ensomhed: {line}", file=sys.stderr)
    print(edit.rel)


def _pairs(args: list[str]) -> list[tuple[str, str]]:
    """--field value and --field=value pairs from the words Typer did not know."""
    pairs = []
    i = 0
    while i < len(args):
        word = args[i]
        if not word.startswith("--") or word == "--":
            raise fail(say_(f"uventet `{word}`: giv felterne som --FELT VÆRDI", f"unexpected `{word}`: give fields as --FIELD VALUE"))
        name, eq, value = word[2:].partition("=")
        if not eq:
            if i + 1 >= len(args):
                raise fail(say_(f"--{name} skal have en værdi", f"--{name} needs a value"))
            value = args[i + 1]
            i += 1
        pairs.append((name, value))
        i += 1
    return pairs
