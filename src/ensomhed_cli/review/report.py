"""What changed, written out: plain text for a terminal, Markdown for a pull request, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict

from ensomhed_cli.review.diff import KIND_TITLES, RecordChange

SIGN = {"added": "+", "removed": "-", "changed": "~"}


def as_text(changes: Iterable[RecordChange]) -> str:
    lines = []
    for rc in changes:
        lines.append(f"{SIGN[rc.change]} {rc.kind} {rc.id} \"{rc.title}\" ({rc.path}): {rc.change}")
        for c in rc.changes:
            lines.append(f"    {c.message}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_markdown(changes: list[RecordChange], base: str, head: str) -> str:
    from ensomhed_cli.render.markup import md_inline

    if not changes:
        return f"No changes to the records between `{base}` and `{head}`.\n"
    lines = [f"### Changes to the records ({md_inline(base)} → {md_inline(head)})", ""]
    for kind in dict.fromkeys(rc.kind for rc in changes):
        lines.append(f"#### {KIND_TITLES.get(kind, kind)}")
        lines.append("")
        for rc in (rc for rc in changes if rc.kind == kind):
            verb = {"added": "added", "removed": "removed", "changed": "changed"}[rc.change]
            lines.append(f"- **{md_inline(rc.title)}** (`{rc.id}`) {verb}")
            for c in rc.changes:
                lines.append(f"  - {md_inline(c.message)}")
        lines.append("")
    return "\n".join(lines)


def as_json(changes: list[RecordChange], base: str, head: str) -> str:
    return json.dumps(
        {"base": base, "head": head, "records": [asdict(rc) for rc in changes]}, ensure_ascii=False, indent=2, default=str
    )
