"""`ensomhed diff`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ensomhed_cli.cli.common import (
    Lang,
    RootOption,
    fail,
    message_lang,
    own_lang,
    repository_root,
    say_,
)


class DiffFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


def diff(
    base: Annotated[str, typer.Argument(help="The older revision (default HEAD).")] = "HEAD",
    head: Annotated[str | None, typer.Argument(help="The newer revision (default: the working tree, untracked records included).")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, md (for a review comment) or json.")] = DiffFormat.text,
    lang: Annotated[Lang | None, typer.Option("--lang", help="da or en: the language of the messages (json keeps its codes in English); default: `language` in ensomhed.yaml.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when the change holds an error: approved minutes changed without an amendment.")] = False,
    root: RootOption = None,
) -> None:
    """What changed in the records between two git revisions, in the records' own terms.

    A status changed, an item or decision added, postponed or withdrawn, a vote or a
    statement added, an action opened or closed, a goal's target, assessment or a new
    measurement, an attendee added or present for part of the meeting, a budget line.
    Moved files with the same id are the same record. Unchanged records are not
    mentioned. A record with errors at either revision is said to have them, with its
    first error, and is not compared field by field. People and bodies are named by
    their names. Messages are in the repository's language (Danish unless `language: en`
    or --lang en).

    A referat is a document of record: a change to what approved minutes say
    (decisions, votes, statements, who was there) that does not add an entry to
    `amendments` is reported as an error, and a change to an item's agenda text after
    `agenda_sent` as a warning. With --strict an error exits 1 (for CI).

    Examples:

        ensomhed diff                       # HEAD against the working tree
        ensomhed diff main feature --format md > comment.md
        ensomhed diff HEAD~3 HEAD --format json --lang en
        ensomhed diff origin/main HEAD --strict    # in CI: fail on changed approved minutes
    """
    from ensomhed_cli.printable import printable
    from ensomhed_cli.review.changed_only import compared
    from ensomhed_cli.review.diff import compare, has_errors
    from ensomhed_cli.review.gitrev import GitError
    from ensomhed_cli.review.phrases import REPORT
    from ensomhed_cli.review.report import as_json, as_markdown, as_text

    where = repository_root(root)
    lang = Lang(message_lang(where, own_lang(lang)))
    try:
        old, new = compared(where, base, head)  # only what changed is parsed
    except GitError as exc:
        raise fail(str(exc)) from None
    head_name = head or "working tree"
    found = compare(old, new, lang.value, base, head)
    if format is DiffFormat.json:
        print(as_json(found, base, head_name, lang.value))
    elif format is DiffFormat.md:
        sys.stdout.write(as_markdown(found, base, head or REPORT[lang.value]["working_tree"], lang.value))
    else:
        sys.stdout.write(printable(as_text(found, lang.value)))
        if not found:
            shown_head = head or REPORT[lang.value]["working_tree"]
            print(say_(f"ensomhed: ingen ændringer i posterne mellem {base} og {shown_head}", f"ensomhed: no changes to the records between {base} and {shown_head}"), file=sys.stderr)
    if strict and has_errors(found):
        raise typer.Exit(1)
