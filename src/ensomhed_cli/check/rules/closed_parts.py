"""The closed parts of a record (format 1.2): closed blocks closed, a decision to publish on a closed item.

- A block fenced by a line `::: lukket` and a line `:::` is closed text, in any Markdown
  text; a fence opened and never closed is an error at its line (public output then leaves
  out everything after it, so nothing meant to be held back goes out).
- `public_decision`, the decision of a closed item as it may be published
  (kommunestyrelsesloven § 8, stk. 7), stands only on a closed item of a held meeting.
"""

from __future__ import annotations

from collections.abc import Iterator

from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.common import at as _at
from ensomhed_cli.check.rules.common import value_da as _da
from ensomhed_cli.check.rules.texts import body_text, located, texts
from ensomhed_cli.diagnostics import ERROR, Diagnostic
from ensomhed_cli.format.closed_text import closed_blocks
from ensomhed_cli.format.schema import Meeting
from ensomhed_cli.format.source import SourceDoc


def check_closed_fences(doc: SourceDoc, ctx: Context) -> list[Diagnostic]:
    """Every `::: lukket` fence is closed again, in every text of the record as written."""
    if doc.data is None:
        return []
    found = [(loc, text, False) for loc, text, _ in texts(doc.data) if ":::" in text]
    body = body_text(doc)
    if body is not None and ":::" in body:
        found.append((("description",), body, True))
    out = []
    for loc, text, in_body in found:
        _, unclosed = closed_blocks(text)
        if unclosed is not None:
            out.append(located(doc, loc, text, unclosed + len(text[unclosed:]) - len(text[unclosed:].lstrip()), in_body, ERROR, "unclosed-fence", ctx.say(
                "en lukket blok (`::: lukket`) begynder her, men lukkes aldrig: skriv en linje `:::`, hvor den lukkede tekst slutter;"
                " indtil da udelades alt efter denne linje af det, der offentliggøres",
                "a closed block (`::: lukket`) begins here but is never closed: write a line `:::` where the closed text ends;"
                " until then, all after this line is left out of what is published",
            )))
    return out


def check_public_decision(meeting: Meeting, ctx: Context) -> Iterator[Diagnostic]:
    """A decision to publish belongs to a closed item of a held meeting."""
    for i, item in enumerate(meeting.items):
        if item.public_decision is None:
            continue
        if not item.closed:
            yield _at(meeting, ("items", i, "public_decision"), "public-decision-not-closed", ctx.say(
                f"punkt {item.number} er ikke lukket: dets `decision` offentliggøres, som den står; `public_decision` er kun for et lukket punkt",
                f"item {item.number} is not closed: its `decision` is published as it stands; `public_decision` is for a closed item only",
            ), at="key")
        elif meeting.status != "held":
            yield _at(meeting, ("items", i, "public_decision"), "decision-not-held", ctx.say(
                f"punkt {item.number} har en `public_decision`, men mødet er {_da(meeting.status)}; kun et afholdt møde har beslutninger",
                f"item {item.number} has a `public_decision`, but the meeting is `{meeting.status}`; only a held meeting has decisions",
            ), at="key")
