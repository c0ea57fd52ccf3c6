"""Closed text inside an open text: a block fenced by `::: lukket` and `:::` (format 1.2).

    Borgeren er tilbudt en plads i bofællesskabet.

    ::: lukket
    Oplysninger om borgerens helbred står i sagen.
    :::

Internal output shows the block as written (without its fences); public output shows in
its place that text was left out, never the text. A fence opened and never closed is an
error at its line (rules/closed_parts.py), and public output then leaves out everything
after it: an unclosed fence never publishes what it was meant to hold back.
"""

from __future__ import annotations

import re

# What data for others (an export, a calendar) holds in place of closed text.
LEFT_OUT = "[lukket tekst udeladt]"

_OPEN = re.compile(r"^[ \t]*:::[ \t]*lukket[ \t]*$", re.IGNORECASE)
_CLOSE = re.compile(r"^[ \t]*:::[ \t]*$")


def closed_blocks(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """([(start, end), …] of the closed blocks, fences included, as offsets in `text`; the
    offset of a fence opened and never closed, or None)."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        if start is None and _OPEN.match(bare):
            start = offset
        elif start is not None and _CLOSE.match(bare):
            blocks.append((start, offset + len(line)))
            start = None
        offset += len(line)
    if start is not None:
        blocks.append((start, len(text)))
    return blocks, start


def without_closed(text: str, replacement: str) -> str:
    """The text with each closed block (and all after an unclosed fence) replaced by
    `replacement` as a paragraph of its own."""
    blocks, _ = closed_blocks(text)
    if not blocks:
        return text
    out, last = [], 0
    for start, end in blocks:
        out.append(text[last:start])
        out.append(f"\n{replacement}\n\n")
        last = end
    out.append(text[last:])
    return "".join(out)


def unfenced(text: str) -> str:
    """The text with the fences of its closed blocks taken away and what they hold kept
    (internal output)."""
    blocks, _ = closed_blocks(text)
    if not blocks:
        return text
    out, last = [], 0
    for start, end in blocks:
        block = text[start:end]
        lines = block.splitlines(keepends=True)
        inner = lines[1:]
        if inner and _CLOSE.match(inner[-1].rstrip("\r\n")):
            inner = inner[:-1]
        out.append(text[last:start])
        out.append("".join(inner))
        last = end
    out.append(text[last:])
    return "".join(out)


def scrubbed(value, public: bool, note: str):
    """A document's context with every text's closed blocks handled for its audience: left
    out with `note` in their place in public output, their fences taken away in internal.
    Applied to the whole context before a template sees it, so no template can leak them."""
    if isinstance(value, str):
        if ":::" not in value:
            return value
        return without_closed(value, note) if public else unfenced(value)
    if isinstance(value, dict):
        return {key: scrubbed(item, public, note) for key, item in value.items()}
    if isinstance(value, list):
        return [scrubbed(item, public, note) for item in value]
    if isinstance(value, tuple):
        return tuple(scrubbed(item, public, note) for item in value)
    return value
