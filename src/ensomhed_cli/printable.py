"""Record text made safe for a terminal: control characters are shown, never obeyed.

A record is text anyone may put in a pull request. Written to a terminal as it is, an
ESC could move the cursor, rewrite earlier lines, set the window title or make a
hyperlink (OSC 8), and a bidirectional override could show text in another order than
it is read (Trojan Source). Every such character is shown as an escape (`\\x1b`,
`\\u202e`) instead.
"""

from __future__ import annotations

import re

# C0 controls but TAB and LF, DEL, C1 controls (0x9b is CSI on some terminals), and the
# invisible marks and overrides that change the order text is shown in.
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_A_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as an escape; with `one_line`, tabs and
    line breaks too, so that one problem stays one line."""
    return (_UNSAFE_IN_A_LINE if one_line else _UNSAFE).sub(_shown, text)
