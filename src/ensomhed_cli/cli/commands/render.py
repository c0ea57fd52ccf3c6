"""`ensomhed render`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.common import (
    Lang,
    OutputFormat,
    RootOption,
    fail,
    load_for_output,
    parse_today,
    template_problem,
    write_output,
)


class Document(StrEnum):
    agenda = "agenda"
    minutes = "minutes"
    plan = "plan"


def render_cmd(
    document: Annotated[Document, typer.Argument(help="agenda, minutes or plan.")],
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The meeting's id (agenda, minutes) or the plan's id.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="md or html.")] = OutputFormat.md,
    public: Annotated[bool, typer.Option("--public", help="Leave out everything closed items hold but their number and title.")] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", help="da or en; default: `language` in ensomhed.yaml.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today, for overdue actions.")] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Minutes of a meeting that is not held yet, every page marked as a draft (Udkast).")] = False,
    root: RootOption = None,
) -> None:
    """Render a meeting's agenda (dagsorden) or minutes (referat), or a plan's status summary.

    Minutes are of a held meeting; `--draft` renders them for any meeting, marked
    "Udkast" on every page, for the secretary to prepare before the meeting is held.

    Examples:

        ensomhed render agenda 2022-08-29-aeldreraadet
        ensomhed render minutes 2022-08-29-aeldreraadet --format html --public -o referat.html
        ensomhed render plan ensomhedsplan-2024 --lang en
    """
    from ensomhed_cli.render.documents import NotHeld, RecordNotFound, render_document
    from ensomhed_cli.render.engine import TemplateProblem

    on_day = parse_today(today)
    repo, errors = load_for_output(root)
    mine = [d for d in errors if d.record_id == record_id or (repo.get(record_id) is not None and d.path == repo.get(record_id).path)]
    if mine or record_id in repo.invalid:
        from ensomhed_cli.diagnostics import format_text

        for d in mine or [d for d in errors if d.record_id == record_id]:
            print(format_text(d), file=sys.stderr)
        raise fail(f"`{record_id}` has errors; fix them first (`ensomhed check`)", 1)
    if errors:
        print(f"ensomhed: warning: {len(errors)} errors in other records; run `ensomhed check`", file=sys.stderr)
    try:
        text = render_document(
            repo, document.value, record_id, output=format.value, lang=lang.value if lang else None, public=public, today=on_day, draft=draft
        )
    except (RecordNotFound, NotHeld) as exc:
        raise fail(str(exc), 1) from None
    except TemplateProblem as exc:
        raise template_problem(exc) from None
    write_output(repo, text, output)
