"""What a command that writes documents makes sure of first: no error in the records, the library for its format."""

from __future__ import annotations

import sys

from ensomhed_cli.cli.common import fail, refuse_personal_data, say_


def stop_on_errors(errors: list, *, public: bool, nothing_done: tuple[str, str]) -> None:
    """Before output is written: personal data in what is to be published (`public`), then any
    error of the records, each printed where it stands and the command stopped, exit 1."""
    from ensomhed_cli.diagnostics import format_text

    if public:
        refuse_personal_data(errors)
    if errors:
        for d in errors:
            print(format_text(d), file=sys.stderr)
        raise fail(say_(f"{len(errors)} fejl i posterne; {nothing_done[0]}", f"{len(errors)} errors in the records; {nothing_done[1]}"), 1)


def require_writer(kind: str) -> None:
    """Before any work: the optional library that writes a `pdf` (WeasyPrint) or a `docx`
    (python-docx) loads; else the line that says how to install it, exit 2."""
    unavailable: type[Exception]
    if kind == "pdf":
        from ensomhed_cli.render.pdf import PdfUnavailable, require

        unavailable = PdfUnavailable
    else:
        from ensomhed_cli.render.word import DocxUnavailable, require

        unavailable = DocxUnavailable
    try:
        require()
    except unavailable as exc:
        raise fail(str(exc)) from None
