"""`ensomhed build`."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Annotated

import typer

from ensomhed_cli.cli.before_writing import require_writer, stop_on_errors
from ensomhed_cli.cli.common import (
    SETTINGS,
    Lang,
    OutputFormat,
    RootOption,
    checked_index,
    detail,
    fail,
    own_lang,
    parse_today,
    progress_bar,
    reference_problem,
    say,
    say_,
    template_problem,
)
from ensomhed_cli.format.rawfile import reason as os_reason


def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write the site into.")] = Path("build"),
    public: Annotated[bool, typer.Option("--public", help="Leave out everything closed items hold but their number and title.")] = False,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="html or md.")] = OutputFormat.html,
    lang: Annotated[Lang | None, typer.Option("--lang", help="da or en; default: `language` in ensomhed.yaml.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Treat this date (YYYY-MM-DD) as today, for overdue actions.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output folder even if ensomhed did not make it, or it holds a public site and this build is internal.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also a PDF beside each HTML page but the index (minutes/ID.pdf); needs WeasyPrint: pip install 'ensomhed\\[pdf]'.")] = False,
    docx: Annotated[bool, typer.Option("--docx", help="Also a Word document beside each HTML page but the index (minutes/ID.docx); needs python-docx: pip install 'ensomhed\\[docx]'.")] = False,
    root: RootOption = None,
) -> None:
    """Render every agenda, minutes, plan summary and initiative, and an index page, into a folder.

    The records must check without errors; nothing is written otherwise. With -q only
    errors are printed, with -v also every file written. A relative
    --output is taken from the current folder. The site replaces the folder whole (no
    page of an earlier build is left behind), or, where the folder holds exactly what
    the last build wrote, only its changed files; a folder ensomhed did not make, or a
    public site about to become an internal one, is replaced only with --force.

    `--pdf` prints every agenda, minutes and plan page to an A4 PDF (PDF/UA-1, for screen readers) beside
    it, with the municipality, the title and "Side 3 af 7" on every page.

    `--docx` writes a Word document beside every agenda, minutes and plan page, in the
    styles of the repository's templates/reference.docx where it has one; each page links
    its PDF and Word document.

    Examples:

        ensomhed build --public -o site
        ensomhed build --format md -o docs/moeder
        ensomhed build --public --pdf -o site
        ensomhed build --public --docx -o site
    """
    from ensomhed_cli.fsio import WriteRefused
    from ensomhed_cli.render.engine import TemplateProblem
    from ensomhed_cli.render.pdf import PdfFailed
    from ensomhed_cli.render.site import build_site
    from ensomhed_cli.render.word import DocxFailed, ReferenceProblem

    lang = own_lang(lang)
    on_day = parse_today(today)
    for kind, wanted in (("pdf", pdf), ("docx", docx)):
        if wanted:
            _check_extra(format, kind)
    from ensomhed_cli.render.documents import RecordNotFound

    # A build renders one state of the records. One edited or broken while it runs (by an
    # editor, or by another process's check updating the index under it) is checked again
    # from the start: never an internal error, never a meeting's pages silently left out.
    for attempt in range(ATTEMPTS):
        found, index, records, total = _checked_records(root, public, format)

        def cache(settings, index=index, found=found):  # this attempt's
            from ensomhed_cli.render.page_cache import PageCache

            return PageCache(index, found, settings)

        progress, finish = progress_bar(total)
        refused: list[str] = []
        try:
            written = build_site(
                records, output, output=format.value, lang=lang.value if lang else None, public=public, today=on_day, progress=progress, force=force,
                pdf=pdf, refused=refused, cache=cache, jobs=os.cpu_count() or 1, relative=True, docx=docx,
            )
        except (RecordsChanged, RecordNotFound):
            finish()
            if attempt < ATTEMPTS - 1:
                continue
            raise fail(say_("posterne blev ændret, mens siden blev bygget, flere gange i træk; intet er bygget: kør `ensomhed build` igen",
                            "the records changed while the site was built, several times running; nothing was built: run `ensomhed build` again"), 1) from None
        except TemplateProblem as exc:
            finish()
            raise template_problem(exc) from None
        except WriteRefused as exc:
            finish()
            raise fail(str(exc), 1) from None
        except (PdfFailed, DocxFailed) as exc:
            finish()
            raise fail(say_(f"{exc}; intet er bygget", f"{exc}; nothing was built"), 1) from None
        except ReferenceProblem as exc:
            finish()
            raise reference_problem(exc) from None
        except OSError as exc:
            finish()
            raise fail(say_(f"kan ikke skrive i {output}: {os_reason(exc)}", f"cannot write into {output}: {os_reason(exc)}")) from None
        finish()
        break
    from ensomhed_cli.printable import printable

    if refused:
        for url in dict.fromkeys(refused):
            say(say_(f"ensomhed: advarsel: ikke lagt ind i en PDF: {printable(url, one_line=True)} (en PDF indeholder intet udefra)",
                     f"ensomhed: warning: not put into a PDF: {printable(url, one_line=True)} (a PDF holds nothing from outside the document)"))
    if SETTINGS.verbose:
        for rel in written:  # an attachment keeps its file's name, which may hold anything
            detail(say_(f"ensomhed: skrev {printable(str(output / rel), one_line=True)}", f"ensomhed: wrote {printable(str(output / rel), one_line=True)}"))
    say(say_(f"ensomhed: skrev {len(written)} filer i {output}{' (offentlig udgave)' if public else ''}",
             f"ensomhed: wrote {len(written)} files to {output}{' (public)' if public else ''}"))


ATTEMPTS = 3  # checks of the records a build may need when they change under it


class RecordsChanged(Exception):
    """A record the build's check found valid could not be read as such any more."""


def _checked_records(root: Path | None, public: bool, format: OutputFormat):
    """(root, index, SiteRecords, number of pages) of the records as checked now; exit 1 on their errors."""
    from ensomhed_cli.check.loader import load_config
    from ensomhed_cli.query.index_load import load_files, load_indexed
    from ensomhed_cli.render.page_reads import index_pages
    from ensomhed_cli.render.site import SiteRecords

    found, index, errors = checked_index(root, public=public)
    stop_on_errors(errors, public=public, nothing_done=("intet er bygget", "nothing was built"))
    config = load_config(found)[0]

    def load(files):
        repo = load_indexed(found, config, index) if files is None else load_files(found, config, files, index)
        if len(repo.records) != repo.files:  # a file that held a valid record when checked holds none now
            raise RecordsChanged
        # The records live as long as the build and hold no cycles: the collector leaves them
        # be (it walked all of them on every collection), and forked workers share their pages.
        gc.freeze()
        return repo

    pages = index_pages(index, format.value)
    return found, index, SiteRecords(found, config, lambda output: pages, load), len(pages)


# What --pdf and --docx say to a build of Markdown: they are made from the HTML pages.
_NOT_HTML = {
    "pdf": ("--pdf udskriver HTML-siderne: byg med --format html (det er standard)", "--pdf prints the HTML pages: build with --format html (the default)"),
    "docx": ("--docx laver Word-dokumenter af HTML-siderne: byg med --format html (det er standard)",
             "--docx makes Word documents of the HTML pages: build with --format html (the default)"),
}


def _check_extra(format: OutputFormat, kind: str) -> None:
    """Before any work: a PDF or Word document is made from the HTML site, by a library that loads."""
    if format is not OutputFormat.html:
        raise fail(say_(*_NOT_HTML[kind]))
    require_writer(kind)
