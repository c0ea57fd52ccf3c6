"""What changed, written out: plain text for a terminal, Markdown for a pull request, JSON for scripts.

Text and Markdown are in the language of the messages (da or en); JSON keeps its field
names and codes in English and carries the messages as compare() wrote them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict

from ensomhed_cli.review.diff import RecordChange
from ensomhed_cli.review.phrases import CHANGE_WORDS, KIND_NAMES, KIND_TITLES, REPORT, check_lang
from ensomhed_cli.review.text_diff import before_after, changed_texts

SIGN = {"added": "+", "removed": "-", "changed": "~", "invalid": "!"}


def as_text(changes: Iterable[RecordChange], lang: str = "da") -> str:
    check_lang(lang)
    lines = []
    for rc in changes:
        kind = KIND_NAMES[lang].get(rc.kind, rc.kind)
        if rc.kind == "file":  # a file that holds no record that can be read: its path is all
            lines.append(f"{SIGN[rc.change]} {kind} {rc.path}: {CHANGE_WORDS[lang][rc.change]}")
        else:
            lines.append(f"{SIGN[rc.change]} {kind} {rc.id} \"{rc.title}\" ({rc.path}): {CHANGE_WORDS[lang][rc.change]}")
        for c in rc.changes:
            lines.append(f"    {REPORT[lang][c.severity]}: {c.message}" if c.severity else f"    {c.message}")
            texts = changed_texts(c)
            if texts:  # what the text was and is, below the message
                lines.extend(f"      {line}" for line in before_after(*texts, lang, ("[-", "-]", "{+", "+}"), _one_line))
    return "\n".join(lines) + ("\n" if lines else "")


def _one_line(text: str) -> str:
    """Record text on the report's own line: its line breaks as spaces."""
    return " ".join(text.split())


# In a pull-request comment `@name` notifies a person and `#12` links (and so notifies)
# an issue; a zero-width space after the sign keeps the text and stops both.
_PINGS = re.compile(r"([@#])(?=[\w-])")


def comment_text(value: object) -> str:
    """Record text for a Markdown comment on a pull request: no Markdown, HTML or comment
    (`<!--`) in it runs, no strike-through hides a line, no one is notified."""
    from ensomhed_cli.render.markup import md_inline

    return _PINGS.sub("\\1&#8203;", md_inline(value).replace("~", "\\~"))


def _code(text: str) -> str:
    """A git revision or record id as code; as escaped text where a backtick or line
    break would end the code span (a record with errors may have any id)."""
    return f"`{text}`" if text and not re.search(r"[`\r\n]", text) else comment_text(text)


def as_markdown(changes: list[RecordChange], base: str, head: str, lang: str = "da") -> str:
    check_lang(lang)
    words = REPORT[lang]
    if not changes:
        return words["none"].format(base=_code(base), head=_code(head)) + "\n"
    lines = [words["heading"].format(base=comment_text(base), head=comment_text(head)), ""]
    for kind in dict.fromkeys(rc.kind for rc in changes):
        lines.append(f"#### {comment_text(KIND_TITLES[lang].get(kind, kind))}")
        lines.append("")
        for rc in (rc for rc in changes if rc.kind == kind):
            verb = CHANGE_WORDS[lang][rc.change]
            lines.append(f"- **{comment_text(rc.title)}** ({_code(rc.id)}) {verb}")
            for c in rc.changes:
                said = comment_text(c.message)
                lines.append(f"  - **{comment_text(words[c.severity]).capitalize()}:** {said}" if c.severity else f"  - {said}")
                texts = changed_texts(c)
                if texts:
                    lines.extend(f"    - {line}" for line in before_after(*texts, lang, ("~~", "~~", "**", "**"), comment_text))
        lines.append("")
    return "\n".join(lines)


def as_json(changes: list[RecordChange], base: str, head: str, lang: str = "da") -> str:
    """`lang` says which language the messages are in; every other field is the same in both."""
    check_lang(lang)
    return json.dumps(
        {"base": base, "head": head, "lang": lang, "records": [asdict(rc) for rc in changes]},
        ensure_ascii=False, indent=2, default=str,
    )
