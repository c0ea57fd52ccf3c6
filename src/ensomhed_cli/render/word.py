"""Word documents (.docx) from the HTML pages, through python-docx (the optional extra `ensomhed[docx]`).

    data = html_to_docx(render_document(repo, "minutes", ID, output="html"), reference=read_reference(repo.root))

The document is made from the HTML page the templates render, with the same context and
the same public filtering, so it holds back exactly what every other public output holds
back. Headings get Word's heading styles (the navigation pane), tables are tables with
header rows, the page's `<html lang>` is the document's language and its `<title>` the
document's title; the page's header runs at the top of every page and "Side 3 af 7" at
the bottom (render/word_writer.py and its neighbours do the body).

A repository's `templates/reference.docx` gives the municipality's styles and page
(render/word_styles.py). It is repository input, perhaps from a pull request: only a
regular file inside the repository, at most MAX_REFERENCE_BYTES, and a zip that unpacks to
at most MAX_UNPACKED_BYTES in at most MAX_MEMBERS files is read; anything else is a
ReferenceProblem. The document is written in a forked child under time and memory limits.

python-docx is imported only when a document is made, never on the way to `--help`.
"""

from __future__ import annotations

import base64
import io
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

from ensomhed_cli.diagnostics import say
from ensomhed_cli.format.rawfile import reason as os_reason
from ensomhed_cli.paths import TEMPLATES_DIR
from ensomhed_cli.render.child import LimitExceeded, can_fork, run_limited

INSTALL_HINT = "Word output needs python-docx: pip install 'ensomhed[docx]'"
REFERENCE = f"{TEMPLATES_DIR}/reference.docx"
MAX_REFERENCE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 1000
NOT_A_FILE = "not a regular file (a FIFO, device or folder); it is not read"
TIME_LIMIT_SECONDS = 60
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024  # added to what the process already uses


class DocxUnavailable(Exception):
    """python-docx is not installed."""


class DocxFailed(Exception):
    """The document could not be made (a page too large to be written in time…)."""


class ReferenceProblem(Exception):
    """templates/reference.docx cannot be used; `path` is where, the message why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.path = REFERENCE
        self.message = message


def require() -> Any:
    """Import python-docx and return it; raise DocxUnavailable saying how to get it."""
    try:
        import docx
        from docx.oxml.ns import qn  # noqa: F401
    except ImportError:
        raise DocxUnavailable(say("Word-dokumenter kræver python-docx: pip install 'ensomhed[docx]'", INSTALL_HINT)) from None
    return docx


def read_reference(root: Path) -> bytes | None:
    """The bytes of the repository's templates/reference.docx, checked as a zip that may be
    opened; None where there is none. Raises ReferenceProblem."""
    from ensomhed_cli.format.discovery import leads_outside

    folder = Path(root) / TEMPLATES_DIR
    path = folder / "reference.docx"
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise ReferenceProblem(say(f"kan ikke læses ({os_reason(exc)})", f"cannot be read ({os_reason(exc)})")) from None
    outside = leads_outside(folder, Path(root))
    if outside:
        raise ReferenceProblem(say(f"mappen {TEMPLATES_DIR}/ {outside}; skabelondokumentet bruges ikke", f"the folder {TEMPLATES_DIR}/ {outside}; the reference document is not used"))
    if stat.S_ISLNK(st.st_mode):
        raise ReferenceProblem(say("et link følges ikke; skabelondokumentet skal være en fil i templates/", "a link is not followed; the reference document must be a file inside templates/"))
    if not stat.S_ISREG(st.st_mode):
        raise ReferenceProblem(say("ikke en almindelig fil (et rør, en enhed eller en mappe); den læses ikke", NOT_A_FILE))
    data = _read(path)
    _check_zip(data)
    return data


def _read(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReferenceProblem(say(f"kan ikke læses ({os_reason(exc)})", f"cannot be read ({os_reason(exc)})")) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # what was opened is judged: a FIFO put in its place is never read
        os.close(fd)
        raise ReferenceProblem(say("ikke en almindelig fil (et rør, en enhed eller en mappe); den læses ikke", NOT_A_FILE))
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > MAX_REFERENCE_BYTES:
            raise ReferenceProblem(say(f"filen fylder {st.st_size // 1024} KiB; et skabelondokument må højst fylde {MAX_REFERENCE_BYTES // 1024} KiB",
                                       f"the file is {st.st_size // 1024} KiB; a reference document is at most {MAX_REFERENCE_BYTES // 1024} KiB"))
        return fh.read(MAX_REFERENCE_BYTES + 1)


def _check_zip(data: bytes) -> None:
    """A Word document is a zip: one that is none, or would unpack to too much, is not opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ReferenceProblem(say("ikke et Word-dokument (.docx): filen er ikke et zip-arkiv", "not a Word document (.docx): the file is not a zip archive")) from None
    if len(members) > MAX_MEMBERS:
        raise ReferenceProblem(say(f"zip-arkivet indeholder {len(members)} filer; et skabelondokument indeholder højst {MAX_MEMBERS}",
                                   f"the zip holds {len(members)} files; a Word document used as reference holds at most {MAX_MEMBERS}"))
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReferenceProblem(
            say(
                f"zip-arkivet ville fylde {unpacked // (1024 * 1024)} MiB pakket ud, mere end {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB; det åbnes ikke",
                f"the zip would unpack to {unpacked // (1024 * 1024)} MiB, more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB; it is not opened",
            )
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise ReferenceProblem(say("ikke et Word-dokument (.docx): zip-arkivet er krypteret", "not a Word document (.docx): the zip is encrypted"))


def html_to_docx(html: str, *, reference: bytes | None = None, base_url: str | None = None) -> bytes:
    """The Word document of one HTML page, styled by `reference` (the bytes read_reference
    gives). With `base_url` (the page's address on the published site) relative links become
    absolute; without, they are plain text. Raises DocxUnavailable, DocxFailed, ReferenceProblem."""
    require()  # imported here, before a child is forked: each child has it
    if not can_fork():  # pragma: no cover - not on POSIX
        return _convert(html, reference, base_url)

    def work() -> dict[str, Any]:
        try:
            data = _convert(html, reference, base_url)
        except ReferenceProblem as exc:
            return {"ok": False, "reference": exc.message}
        except DocxFailed as exc:
            return {"ok": False, "message": str(exc)}
        return {"ok": True, "docx": base64.b64encode(data).decode("ascii")}

    try:
        result = run_limited(work, seconds=TIME_LIMIT_SECONDS, memory_bytes=MEMORY_LIMIT_BYTES)
    except LimitExceeded as exceeded:
        if exceeded.kind == "time":
            raise DocxFailed(say(f"Word-dokumentet tog mere end {TIME_LIMIT_SECONDS} {'sekund' if TIME_LIMIT_SECONDS == 1 else 'sekunder'} at skrive og blev stoppet",
                                 f"writing the Word document took more than {TIME_LIMIT_SECONDS} seconds and was stopped")) from None
        raise DocxFailed(say("Word-dokumentet brugte for meget hukommelse og blev stoppet", "writing the Word document used too much memory and was stopped")) from None
    if "reference" in result:
        raise ReferenceProblem(result["reference"])
    if not result["ok"]:
        raise DocxFailed(result["message"])
    return base64.b64decode(result["docx"])


def _convert(html: str, reference: bytes | None, base_url: str | None) -> bytes:
    try:
        return _document(html, reference, base_url)
    except (ReferenceProblem, DocxFailed):
        raise
    except RecursionError:
        raise DocxFailed(say("siden er indlejret for dybt til at blive skrevet som Word-dokument", "the page is nested too deeply to be written as a Word document")) from None
    except MemoryError:
        raise DocxFailed(say("siden er for stor til at blive skrevet som Word-dokument", "the page is too large to be written as a Word document")) from None
    except Exception as exc:  # python-docx's or lxml's own failure on what it was given
        raise DocxFailed(say(f"Word-dokumentet kunne ikke laves: {type(exc).__name__}: {exc}", f"the Word document could not be made: {type(exc).__name__}: {exc}")) from None


def _document(html: str, reference: bytes | None, base_url: str | None) -> bytes:
    import docx

    from ensomhed_cli.render.word_html import Element, parse
    from ensomhed_cli.render.word_margins import page_margins, properties, saved
    from ensomhed_cli.render.word_runs import Box
    from ensomhed_cli.render.word_styles import prepare, word_lang
    from ensomhed_cli.render.word_writer import Writer

    page = parse(html)
    lang = word_lang(page.lang) or "da-DK"
    document = docx.Document()
    if reference is not None:
        their = _open_reference(reference)
        try:
            styles = prepare(document, their, lang)
        except Exception as exc:  # a reference python-docx opened, with styles it cannot use
            raise ReferenceProblem(say(f"dets typografier kan ikke bruges: {type(exc).__name__}: {exc}",
                                       f"its styles cannot be used: {type(exc).__name__}: {exc}")) from None
    else:
        styles = prepare(document, None, lang)
    ids: set[str] = set()
    pending: list[Element] = [page.root]
    while pending:
        element = pending.pop()
        if element.attrs.get("id"):
            ids.add(element.attrs["id"])
        pending.extend(c for c in element.children if isinstance(c, Element))
    writer = Writer(document, styles, lang, base_url, ids)
    writer.write(page.root, Box(document.element.body))
    title = page.title or next((h for h in _headings(page.root)), "")
    page_margins(document, writer, title, page.lang)
    properties(document, title, lang)
    return saved(document)


def _open_reference(data: bytes) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "content type is" in str(exc):  # a .docm, .dotx or other Office file named .docx
            kind = str(exc).rsplit("content type is", 1)[1].strip(" '")
            raise ReferenceProblem(say(f"ikke et Word-dokument (.docx): dets hoveddel er {kind}", f"not a Word document (.docx): its main part is {kind}")) from None
        raise ReferenceProblem(say(f"kan ikke læses som et Word-dokument (.docx): {exc}", f"cannot be read as a Word document (.docx): {exc}")) from None
    except Exception as exc:  # a zip python-docx cannot read as a document: a part missing, XML broken
        raise ReferenceProblem(say(f"kan ikke læses som et Word-dokument (.docx): {type(exc).__name__}: {exc}",
                                   f"cannot be read as a Word document (.docx): {type(exc).__name__}: {exc}")) from None


def _headings(root: Any):
    from collections import deque

    from ensomhed_cli.render.word_html import Element

    pending = deque([root])
    while pending:
        node = pending.popleft()
        for child in node.children:
            if isinstance(child, Element):
                if child.tag == "h1":
                    yield child.text()
                pending.append(child)
