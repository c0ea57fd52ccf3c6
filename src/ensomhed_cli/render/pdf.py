"""HTML pages to PDF through WeasyPrint (the optional extra `ensomhed[pdf]`), fetching nothing a record names.

    data = html_to_pdf(render_document(repo, "plan", "ensomhedsplan", output="html"))

The page's print stylesheet (templates/_print.css.j2) makes the pages: A4, the
municipality and title at the top, "Side 3 af 7" at the bottom. WeasyPrint takes the
document's title from <title>, its language from <html lang> and the bookmarks from
the headings. The file is PDF/UA-1: tagged (its structure of headings, lists, tables
and items is in the file, one element for each, margins as artifacts: render/pdf_tags.py)
and declared so, for screen readers and as webtilgængelighedsloven asks.

Records and a repository's own templates are untrusted: the page may hold an image at
http://… or a stylesheet at file:///etc/passwd.
WeasyPrint fetches every resource through the fetcher given here, which refuses all
but `data:` URLs and, when a folder is given, regular files inside it. A page of a site
published at `site_url` is given its address there as base URL, so that its relative
links (to a bilag, another page) are absolute in the PDF, which then works e-mailed;
nothing is fetched from it (the fetcher refuses http). Otherwise no base URL is given and
a relative link stays relative: it works beside the HTML page the PDF was made from.

WeasyPrint is imported only when a PDF is made, never on the way to `--help`.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ensomhed_cli.diagnostics import say
from ensomhed_cli.render.child import LimitExceeded, can_fork, run_limited

INSTALL_HINT = "PDF needs WeasyPrint: pip install 'ensomhed[pdf]'"
TIME_LIMIT_SECONDS = 60  # a page of a plan takes about 2 s
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024  # added to what the process already uses
# PDF/UA-1: an accessible document, as webtilgængelighedsloven asks of a published PDF.
# WeasyPrint writes one variant; PDF/A (archiving) is the journal system's, PDF/UA is ours.
PDF_VARIANT = "pdf/ua-1"


class PdfUnavailable(Exception):
    """WeasyPrint is not installed, too old, or cannot load the Pango library it draws text with."""


class PdfFailed(Exception):
    """WeasyPrint could not lay the page out (a repository's own template nesting too deeply…)."""


def require() -> Any:
    """Import WeasyPrint and return it; raise PdfUnavailable saying how to get it."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher  # noqa: F401  (WeasyPrint 68 and later)
    except ImportError:
        raise PdfUnavailable(say("PDF kræver WeasyPrint: pip install 'ensomhed[pdf]'", INSTALL_HINT)) from None
    except OSError as exc:  # WeasyPrint is there, the system libraries it loads are not
        raise PdfUnavailable(
            say(
                f"PDF kræver WeasyPrint og Pango-biblioteket, som tegner teksten, og det kunne ikke indlæses ({exc}); "
                "på Debian eller Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0",
                f"PDF needs WeasyPrint and the Pango library it draws text with, which could not be loaded ({exc}); "
                "on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0",
            )
        ) from None
    return weasyprint


def allowed_url(url: str, folder: Path | None) -> str | None:
    """The URL to fetch for `url`, or None where it is refused: only `data:` URLs and,
    with a folder, `file:` URLs of regular files inside it (links resolved first)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme == "data":
        return url
    if scheme != "file" or folder is None or parts.netloc not in ("", "localhost"):
        return None
    # Here, not at the top: urllib.request (http.client, email) took 27 ms of every build's
    # start, PDF or not (build imports this module for its PdfFailed).
    from urllib.request import url2pathname

    try:
        path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        base = Path(folder).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if base not in path.parents or not path.is_file():
        return None
    return path.as_uri()


def _fetcher(folder: Path | None, refused: list[str] | None) -> Any:
    from weasyprint.urls import URLFetcher

    class Fetcher(URLFetcher):
        """WeasyPrint's fetcher, asked only for what allowed_url lets through."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            target = allowed_url(url, folder)
            if target is None:
                if refused is not None:
                    refused.append(url)
                raise ValueError(f"not fetched: ensomhed puts nothing from outside the document into a PDF ({url})")
            return super().fetch(target, headers)

    return Fetcher(timeout=5, allowed_protocols=("data", "file"), allow_redirects=False)


def html_to_pdf(
    html: str,
    *,
    folder: Path | None = None,
    refused: list[str] | None = None,
    base_url: str | None = None,
    embedded: Sequence[tuple[str, bytes, str]] = (),
) -> bytes:
    """The PDF of one HTML page. `folder`: files inside it may be fetched (else only
    `data:` URLs); every URL refused is added to `refused`. With `base_url` (the page's
    address on the published site) relative links become absolute in the PDF; nothing is
    fetched from it. `embedded`: files the PDF carries, as (name, content, description)
    (render/embedded.py). Raises PdfUnavailable, PdfFailed.

    The page holds record text and may come from a repository's own template: it is laid
    out in a forked child under time and memory limits, so no page can hang a build."""
    weasyprint = require()  # imported here, before a child is forked: each child has it
    if not can_fork():  # pragma: no cover - not on POSIX
        return _write_pdf(weasyprint, html, folder, refused, base_url, embedded)

    def work() -> dict[str, Any]:
        seen: list[str] = []
        try:
            data = _write_pdf(weasyprint, html, folder, seen, base_url, embedded)
        except PdfFailed as exc:
            return {"ok": False, "message": str(exc), "refused": seen}
        return {"ok": True, "pdf": base64.b64encode(data).decode("ascii"), "refused": seen}

    try:
        result = run_limited(work, seconds=TIME_LIMIT_SECONDS, memory_bytes=MEMORY_LIMIT_BYTES)
    except LimitExceeded as exceeded:
        if exceeded.kind == "time":
            raise PdfFailed(say(f"opsætningen af siden tog mere end {TIME_LIMIT_SECONDS} {'sekund' if TIME_LIMIT_SECONDS == 1 else 'sekunder'} og blev stoppet",
                                f"laying the page out took more than {TIME_LIMIT_SECONDS} seconds and was stopped")) from None
        raise PdfFailed(say("opsætningen af siden brugte for meget hukommelse og blev stoppet", "laying the page out used too much memory and was stopped")) from None
    if refused is not None:
        refused.extend(result["refused"])
    if not result["ok"]:
        raise PdfFailed(result["message"])
    return base64.b64decode(result["pdf"])


def _write_pdf(
    weasyprint: Any, html: str, folder: Path | None, refused: list[str] | None, base_url: str | None = None, embedded: Sequence[tuple[str, bytes, str]] = ()
) -> bytes:
    from ensomhed_cli.render.pdf_tags import identifying, repaired

    try:
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover - a WeasyPrint without tagging
        tags = None
    original = getattr(tags, "_build_box_tree", None)
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher(folder, refused))
        if original is not None:  # each element marked with the HTML element it comes from (render/pdf_tags.py)
            tags._build_box_tree = identifying(original, getattr(document, "etree_element", None))  # type: ignore[union-attr]
        try:
            files = [weasyprint.Attachment(file_obj=io.BytesIO(content), name=name, description=about) for name, content, about in embedded]
            data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=files)
        finally:
            if original is not None:
                tags._build_box_tree = original  # type: ignore[union-attr]
        return repaired(data)
    except RecursionError:
        raise PdfFailed(say("siden er indlejret for dybt til at blive sat op som PDF", "the page is nested too deeply to be laid out as a PDF")) from None
    except MemoryError:
        raise PdfFailed(say("siden er for stor til at blive sat op som PDF", "the page is too large to be laid out as a PDF")) from None
    except Exception as exc:  # WeasyPrint's own failure on HTML it was given
        raise PdfFailed(say(f"WeasyPrint kunne ikke lave PDF'en: {type(exc).__name__}: {exc}", f"WeasyPrint could not make the PDF: {type(exc).__name__}: {exc}")) from None
