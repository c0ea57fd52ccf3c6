"""What the preview adds to a page: the overlay of errors at the top and the script that reloads it.

The page itself is the site's page as `build` writes it. Only the served copy gets the
overlay and the script, which runs under a Content-Security-Policy that allows no
script but the one carrying this response's nonce: a repository's template cannot run
one in the preview (the built site is unchanged).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

EVENTS_PATH = "/__ensomhed/events"
OVERLAY_ID = "ensomhed-errors"
MAX_SHOWN = 50  # errors listed in the overlay; the rest are counted

_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)

WORDS = {
    "da": {
        "title": "Fejl i posterne",
        "count": "{n} fejl",
        "last_good": "Siden herunder er den seneste udgave uden fejl; den viser ikke ændringerne med fejl.",
        "no_good": "Siden kan ikke vises, før fejlene er rettet.",
        "elsewhere": "Siden herunder er vist, som den er; fejlene er i andre poster.",
        "as_is": "Siden herunder er lavet af posterne, som de er nu, med fejlene.",
        "kept": "Poster med fejl vises herunder, som de var før fejlene.",
        "more": "… og {n} mere: kør ensomhed check",
        "not_found": "Siden findes ikke",
        "not_found_text": "Der er ingen side med denne adresse i forhåndsvisningen.",
        "index": "Til forsiden",
    },
    "en": {
        "title": "Errors in the records",
        "count": "{n} errors",
        "last_good": "Below is the last version of this page without errors; it does not show the changes that have them.",
        "no_good": "This page cannot be shown until the errors are fixed.",
        "elsewhere": "The page below is shown as it is; the errors are in other records.",
        "as_is": "The page below is made from the records as they are now, errors and all.",
        "kept": "Records with errors are shown below as they were before the errors.",
        "more": "… and {n} more: run ensomhed check",
        "not_found": "No such page",
        "not_found_text": "The preview has no page at this address.",
        "index": "To the index",
    },
}

# Dark red on a pale ground (7.9:1) and a thick border; the heading says "errors" in words.
_OVERLAY_STYLE = (
    "margin:0;padding:1rem 1.5rem;background:#fff4f4;color:#1b1b1b;border:4px solid #8a1c1c;"
    "font-family:system-ui,sans-serif;line-height:1.5"
)
_HEADING_STYLE = "margin:0 0 .5rem;font-size:1.25rem;color:#8a1c1c;border:none"
_LIST_STYLE = "margin:.5rem 0 0;padding-left:1.25rem;font-family:ui-monospace,monospace;font-size:.9rem;overflow-wrap:anywhere"


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def overlay(lines: Sequence[str], lang: str, state: str) -> str:
    """The errors (each PATH:LINE:COL: error: MESSAGE, as `check` prints them) above the page;
    `state` says what is beneath: "last_good", "no_good" or "elsewhere"."""
    w = words(lang)
    shown = [f"<li><code>{html.escape(line)}</code></li>" for line in lines[:MAX_SHOWN]]
    if len(lines) > MAX_SHOWN:
        shown.append(f"<li>{html.escape(w['more'].format(n=len(lines) - MAX_SHOWN))}</li>")
    count = w["count"].format(n=len(lines))
    return (
        f'<section id="{OVERLAY_ID}" aria-labelledby="{OVERLAY_ID}-title" tabindex="-1" style="{_OVERLAY_STYLE}">\n'
        f'<h2 id="{OVERLAY_ID}-title" style="{_HEADING_STYLE}">{html.escape(w["title"])}: {html.escape(count)}</h2>\n'
        f"<p style=\"margin:0\">{html.escape(w[state])}</p>\n"
        f'<ul style="{_LIST_STYLE}">\n' + "\n".join(shown) + "\n</ul>\n</section>\n"
    )


def reload_script(nonce: str, generation: int) -> str:
    """Reloads the page when the preview has changed since it was made: the events stream
    says the preview's generation on connecting and after every change. With an overlay,
    the overlay takes the focus, so a screen reader reads the errors first."""
    return (
        f'<script nonce="{html.escape(nonce)}">(function () {{\n'
        f"  var shown = {int(generation)};\n"
        f'  var overlay = document.getElementById("{OVERLAY_ID}");\n'
        "  if (overlay) { overlay.focus(); }\n"
        f'  var events = new EventSource("{EVENTS_PATH}");\n'
        '  events.addEventListener("change", function (event) {\n'
        "    if (Number(event.data) !== shown) { events.close(); location.reload(); }\n"
        "  });\n"
        "})();</script>\n"
    )


def compose(text: str, *, top: str, script: str) -> str:
    """The page with `top` right after <body> and the script before </body> (or at the ends
    of a page that has neither, as a repository's template may make)."""
    opening = _BODY_OPEN.search(text)
    if not top:
        pass
    elif opening is None:
        text = top + text
    else:
        text = text[: opening.end()] + "\n" + top + text[opening.end() :]
    closings = list(_BODY_CLOSE.finditer(text))
    if not closings:
        return text + script
    at = closings[-1].start()
    return text[:at] + script + text[at:]


def bare_page(lang: str, title: str, content: str) -> str:
    """A page of the preview's own (an overlay with nothing beneath, not found)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<main>\n{content}</main>\n</body>\n</html>\n"
    )


def not_found_page(lang: str) -> str:
    w = words(lang)
    content = (
        f"<h1>{html.escape(w['not_found'])}</h1>\n<p>{html.escape(w['not_found_text'])}</p>\n"
        f'<p><a href="/index.html">{html.escape(w["index"])}</a></p>\n'
    )
    return bare_page(lang, w["not_found"], content)


def content_security_policy(nonce: str) -> str:
    """No script but the preview's own; no plugins, no <base>, no framing, no form posts."""
    return f"script-src 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"


ATTACHMENT_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; media-src 'self'"
