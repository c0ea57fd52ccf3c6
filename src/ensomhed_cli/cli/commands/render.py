"""`ensomhed render`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli import common
from ensomhed_cli.cli.before_writing import require_writer
from ensomhed_cli.cli.common import (
    Lang,
    RootOption,
    checked_index,
    fail,
    is_personal_data,
    load_for_output,
    own_lang,
    parse_today,
    reference_problem,
    refuse_personal_data,
    say_,
    template_problem,
    warn,
)
from ensomhed_cli.cli.output import write_output


class Document(StrEnum):
    agenda = "agenda"
    minutes = "minutes"
    plan = "plan"
    initiative = "initiative"


class RenderFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"


def render_cmd(
    document: Annotated[Document, typer.Argument(help="agenda, minutes, plan or initiative.")],
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The meeting's id (agenda, minutes), the plan's or the initiative's id.")],
    format: Annotated[RenderFormat, typer.Option("--format", "-f", help="md, html, pdf (needs WeasyPrint: pip install 'ensomhed\\[pdf]') or docx (needs python-docx: pip install 'ensomhed\\[docx]').")] = RenderFormat.md,
    public: Annotated[bool, typer.Option("--public", help="Leave out everything closed items hold but their number and title.")] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", help="da or en; default: `language` in ensomhed.yaml.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout (a PDF or Word document goes to stdout only when it is not a terminal).")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today, for overdue actions.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Status as of DATE (YYYY-MM-DD): a plan or initiative uses only what was known then; default today. The same date as --today.")] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Minutes of a meeting that is not held yet, every page marked as a draft (Udkast).")] = False,
    root: RootOption = None,
) -> None:
    """Render a meeting's agenda (dagsorden) or minutes (referat), a plan's status summary, or an initiative.

    A plan's summary is "Status pr. <dato>" (`--as-of`, default today): it uses only the
    measurements, reach, milestones and decisions known on that date.

    Minutes are of a held meeting; `--draft` renders them for any meeting, marked
    "Udkast" on every page, for the secretary to prepare before the meeting is held.

    `--format pdf` prints the HTML page to an A4 PDF (PDF/UA-1, for screen readers) through WeasyPrint,
    with the municipality, the title and "Side 3 af 7" on every page. It needs the
    extra: pip install 'ensomhed\\[pdf]'. A PDF is written to -o FILE, or to stdout when
    that is a pipe or a file, never to a terminal.

    `--format docx` makes a Word document of the HTML page (the extra: pip install
    'ensomhed\\[docx]'): Word's heading styles (the navigation pane), tables with header rows,
    the language and title set; `--public` holds back exactly what the HTML page does.
    The repository's templates/reference.docx, where there is one, gives the styles and
    the page. Like a PDF, it goes to -o FILE or a pipe, never to a terminal.

    Examples:

        ensomhed render agenda 2022-08-29-aeldreraadet
        ensomhed render minutes 2022-08-29-aeldreraadet --format html --public -o referat.html
        ensomhed render plan ensomhedsplan-2024 --lang en
        ensomhed render plan ensomhedsplan-2024 --as-of 2024-12-31
        ensomhed render initiative besoegsvenner --format html
        ensomhed render minutes 2022-08-29-aeldreraadet --format pdf -o referat.pdf
        ensomhed render minutes 2022-08-29-aeldreraadet --format docx --public -o referat.docx
    """
    from ensomhed_cli.render.documents import NotHeld, RecordNotFound, render_document
    from ensomhed_cli.render.engine import TemplateProblem

    lang = own_lang(lang)
    on_day = _as_of(today, as_of)
    pdf = format is RenderFormat.pdf
    word = format is RenderFormat.docx
    if pdf or word:
        _check_target("pdf" if pdf else "docx", output)
    repo, errors = _repository_for(root, document.value, record_id, on_day, public)
    mine = [d for d in errors if d.record_id == record_id or (repo.get(record_id) is not None and d.path == repo.get(record_id).path)]
    if mine or record_id in repo.invalid:
        from ensomhed_cli.diagnostics import format_text

        for d in mine or [d for d in errors if d.record_id == record_id]:
            print(format_text(d), file=sys.stderr)
        raise fail(say_(f"`{record_id}` har fejl; ret dem først (`ensomhed check`)", f"`{record_id}` has errors; fix them first (`ensomhed check`)"), 1)
    if errors:
        warn(say_(f"{len(errors)} fejl i andre poster; kør `ensomhed check`", f"{len(errors)} errors in other records; run `ensomhed check`"))
    reference = _reference(repo.root) if word else None
    notes: list[str] = []
    builder = _standalone_pdf(repo, lang.value if lang else None, public, on_day, draft) if pdf else None
    try:
        text = render_document(
            repo, document.value, record_id, output="html" if pdf or word else format.value, lang=lang.value if lang else None, public=public, today=on_day,
            draft=draft, notes=notes, builder=builder,
        )
    except (RecordNotFound, NotHeld) as exc:
        raise fail(str(exc), 1) from None
    except TemplateProblem as exc:
        raise template_problem(exc) from None
    for note in notes:
        warn(note)
    if not pdf and not word:
        write_output(repo, text, output)
        return
    data = _docx(text, reference) if word else _pdf(text, builder.embedded if builder is not None else None)
    write_output(repo, data, output)


def _repository_for(root: Path | None, document: str, record_id: str, today=None, public: bool = False):
    """(repository, errors): only the files the document needs (the index says which), or
    the whole repository where the record is not a valid one of its kind (to say why). A
    public document is refused while personal data stands in a file it reads."""
    from ensomhed_cli.check.loader import load_config
    from ensomhed_cli.query.index_load import load_files, needed_files

    found, index, errors = checked_index(root, public=public)
    files = needed_files(index, document, record_id, today) if document != "index" else None
    if public:
        refuse_personal_data(errors, files)
        errors = [d for d in errors if not is_personal_data(d)]
    if files is None:
        return load_for_output(found)
    return load_files(found, load_config(found)[0], files, index), errors


def _as_of(today: str | None, as_of: str | None):
    """--as-of and --today name the same date: either, or both when they agree."""
    on_day = parse_today(today)
    if as_of is None:
        return on_day
    import datetime as dt

    try:
        status_day = dt.date.fromisoformat(as_of)
    except ValueError:
        raise fail(say_(f"--as-of {as_of}: skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-03-04", f"--as-of {as_of}: expected a date written YYYY-MM-DD")) from None
    if on_day is not None and on_day != status_day:
        raise fail(say_(f"--as-of {as_of} og --today {today} nævner to forskellige dage; giv kun den ene",
                        f"--as-of {as_of} and --today {today} name different days; give one of them"))
    return status_day


# Why a PDF or a Word document is not written to a terminal.
_NOT_FOR_A_TERMINAL = {
    "pdf": ("en PDF skal ikke skrives i terminalen: giv -o FIL, eller send uddata til en fil", "a PDF is not for the terminal: give -o FILE, or redirect stdout to a file"),
    "docx": ("et Word-dokument skal ikke skrives i terminalen: giv -o FIL, eller send uddata til en fil",
             "a Word document is not for the terminal: give -o FILE, or redirect stdout to a file"),
}


def _check_target(kind: str, output: Path | None) -> None:
    """Before any work: the library that writes a PDF or Word document loads, and the file has
    somewhere to go but a terminal."""
    require_writer(kind)
    if (output is None or str(output) == "-") and common.is_terminal(sys.stdout):
        raise fail(say_(*_NOT_FOR_A_TERMINAL[kind]))


def _reference(root: Path) -> bytes | None:
    """The repository's templates/reference.docx, checked; a bad one is its located error, exit 1."""
    from ensomhed_cli.render.word import ReferenceProblem, read_reference

    try:
        return read_reference(root)
    except ReferenceProblem as exc:
        raise reference_problem(exc) from None


def _docx(html: str, reference: bytes | None) -> bytes:
    from ensomhed_cli.render.word import DocxFailed, DocxUnavailable, ReferenceProblem, html_to_docx

    try:
        return html_to_docx(html, reference=reference)
    except DocxUnavailable as exc:
        raise fail(str(exc)) from None
    except ReferenceProblem as exc:
        raise reference_problem(exc) from None
    except DocxFailed as exc:
        raise fail(str(exc), 1) from None


def _standalone_pdf(repo, lang: str | None, public: bool, today, draft: bool):
    """The context of a PDF that stands alone: it carries its bilag inside it, unless the
    settings say where the published site links them (site_url)."""
    from ensomhed_cli.render.context import ContextBuilder
    from ensomhed_cli.render.embedded import EmbeddedFiles

    builder = ContextBuilder(repo, lang or repo.config.language, public=public, output="html", today=today, draft=draft)
    if repo.config.site_url is None:
        builder.embedded = EmbeddedFiles(repo.root)
    return builder


def _pdf(html: str, embedded=None) -> bytes:
    from ensomhed_cli.printable import printable
    from ensomhed_cli.render.pdf import PdfFailed, PdfUnavailable, html_to_pdf

    refused: list[str] = []
    try:
        data = html_to_pdf(html, refused=refused, embedded=embedded.files() if embedded is not None else ())
    except PdfUnavailable as exc:
        raise fail(str(exc)) from None
    except PdfFailed as exc:
        raise fail(str(exc), 1) from None
    for rel in embedded.too_large if embedded is not None else ():
        warn(say_(f"{printable(rel, one_line=True)} er ikke lagt ind i PDF'en: med den ville PDF'en blive større end 25 MB; sæt site_url i ensomhed.yaml for at linke til bilagene i stedet",
                  f"{printable(rel, one_line=True)} is not put into the PDF: with it the PDF would be larger than 25 MB; set site_url in ensomhed.yaml to link the bilag instead"))
    for url in dict.fromkeys(refused):
        warn(say_(f"ikke lagt ind i PDF'en: {printable(url, one_line=True)} (en PDF indeholder intet udefra)",
                  f"not put into the PDF: {printable(url, one_line=True)} (a PDF holds nothing from outside the document)"))
    return data
