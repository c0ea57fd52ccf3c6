"""Old and new text of a changed decision or text field, as a reviewer reads them.

A short text is shown whole, before and after. A long one as a word diff: the words
removed and added, each change with a few words of context, `…` between changes far
apart, the way `git diff --word-diff` and Word's track changes show an edit. Plain text
marks words [-removed-] and {+added+}, Markdown ~~removed~~ and **added**; the record
text between the marks passes through the caller's escape, so it is never read as markup.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from ensomhed_cli.review.differ import Change

SHORT = 80  # a text this long on one line is shown whole, before and after
CONTEXT = 6  # words kept on each side of a change
TEXT_CHANGES = frozenset({"decision-changed", "summary-changed", "economy-changed", "field-changed", "status-note-changed"})
WORDS = {"da": ("før", "nu"), "en": ("before", "after")}

_TOKENS = re.compile(r"\s+|[^\s]+")

Piece = tuple[str, str]  # ("=", text) kept, ("-", text) removed, ("+", text) added


def changed_texts(change: Change) -> tuple[str, str] | None:
    """(old, new) text of a change whose text is to be shown below its message: a decision,
    text field or section always (its message names only where), any other value when the
    message could not show it whole (long, or more than one line); else None."""
    old, new = change.old, change.new
    if change.type == "section-changed" and isinstance(old, dict) and isinstance(new, dict):
        old, new = old.get("text"), new.get("text")
    elif change.type not in TEXT_CHANGES:
        return None
    if not (isinstance(old, str) and isinstance(new, str)) or old == new:
        return None
    if change.type == "field-changed" and "\n" not in old + new and len(old) <= SHORT and len(new) <= SHORT:
        return None
    return old, new


def word_diff(old: str, new: str) -> list[Piece]:
    """The two texts as runs of kept, removed and added words (whitespace goes with the words
    around it; a change of line breaks alone is no change)."""
    a, b = _words(old), _words(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", " ".join(b[j1:j2])))
    return pieces


def _words(text: str) -> list[str]:
    return [t for t in _TOKENS.findall(text) if not t.isspace()]


def trimmed(pieces: list[Piece]) -> list[Piece]:
    """Kept runs cut to CONTEXT words next to a change; a run between two changes that is
    longer than twice that becomes `…`."""
    out: list[Piece] = []
    for i, (op, text) in enumerate(pieces):
        if op != "=":
            out.append((op, text))
            continue
        words = text.split(" ")
        first, last = i == 0, i == len(pieces) - 1
        if first and len(words) > CONTEXT:
            out.append(("=", "… " + " ".join(words[-CONTEXT:])))
        elif last and len(words) > CONTEXT:
            out.append(("=", " ".join(words[:CONTEXT]) + " …"))
        elif not first and not last and len(words) > 2 * CONTEXT:
            out.append(("=", " ".join(words[:CONTEXT]) + " … " + " ".join(words[-CONTEXT:])))
        else:
            out.append((op, text))
    return out


def before_after(old: str, new: str, lang: str, marks: tuple[str, str, str, str], escape: Callable[[str], str]) -> list[str]:
    """The lines that show what a text was and is. Short texts: `før: …` and `nu: …`. Long:
    one line of word diff, `marks` = (removed start, removed end, added start, added end),
    every piece of record text passed through `escape`."""
    said_before, said_after = WORDS.get(lang, WORDS["en"])
    one_line = "\n" not in old + new
    if one_line and len(old) <= SHORT and len(new) <= SHORT:
        return [f"{said_before}: {escape(old)}", f"{said_after}: {escape(new)}"]
    removed_start, removed_end, added_start, added_end = marks
    shown = []
    for op, text in trimmed(word_diff(old, new)):
        if op == "-":
            shown.append(f"{removed_start}{escape(text)}{removed_end}")
        elif op == "+":
            shown.append(f"{added_start}{escape(text)}{added_end}")
        else:
            shown.append(escape(text))
    return [" ".join(shown)]
