"""Inline SVG pictures for HTML output: no JavaScript and no network.

Each picture has a <title> and an aria-label, and the same figures always stand in
a table or text next to it, so the picture is an aid, never the only carrier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup, escape

INK = "#1b1b1b"
BLUE = "#1a4f8b"
LIGHT = "#9cc3e6"
GREY = "#6b6b6b"
GREEN = "#1f6f3f"


def _svg(width: int, height: int, label: str, body: str) -> Markup:
    label_e = escape(label)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="{label_e}" class="chart"><title>{label_e}</title>{body}</svg>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, fill: str = INK, weight: str = "normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"'
        f' font-weight="{weight}">{escape(text)}</text>'
    )


def goal_chart(
    label: str,
    points: Sequence[tuple[dt.date, float, str]],
    baseline: tuple[dt.date | None, float, str] | None,
    target: tuple[dt.date | None, float, str] | None,
) -> Markup | None:
    """Measurements over time with the baseline and the target; None when there is nothing to draw.

    Each point is (date, value, formatted value).
    """
    dated = [(d, v, t) for d, v, t in points]
    if baseline and baseline[0]:
        dated = [(baseline[0], baseline[1], baseline[2]), *dated]
    if not dated and not target:
        return None
    width, height = 520, 150
    left, right, top, bottom = 10, 110, 20, 30
    values = [v for _, v, _ in dated] + ([target[1]] if target else [])
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.15
    low, high = low - pad, high + pad
    dates = [d for d, _, _ in dated] + ([target[0]] if target and target[0] else [])
    if not dates:
        return None
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)

    def x(d: dt.date) -> float:
        return left + (width - left - right) * ((d - first).days / span)

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - (v - low) / (high - low))

    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="{GREY}"/>']
    parts.append(_text(left, height - 8, str(first.year), size=11, fill=GREY))
    if last.year != first.year:
        parts.append(_text(width - right, height - 8, str(last.year), anchor="end", size=11, fill=GREY))
    if target:
        ty = y(target[1])
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="{GREEN}" stroke-dasharray="6 4"/>'
        )
        parts.append(_text(width - right + 6, ty + 4, target[2], fill=GREEN, weight="bold"))
        if target[0]:
            parts.append(f'<circle cx="{x(target[0]):.1f}" cy="{ty:.1f}" r="5" fill="white" stroke="{GREEN}" stroke-width="2"/>')
    if len(dated) > 1:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _ in dated)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
    for i, (d, v, t) in enumerate(dated):
        cx, cy = x(d), y(v)
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{BLUE}"/>')
        if i == len(dated) - 1 or i == 0:
            parts.append(_text(cx, cy - 8, t, anchor="middle" if 40 < cx < width - right - 40 else "start", size=11))
    return _svg(width, height, label, "".join(parts))


def reach_chart(label: str, rows: Sequence[tuple[str, int, int]], legend: tuple[str, str]) -> Markup | None:
    """Bars per initiative: participants (light) and new relations (dark)."""
    rows = [r for r in rows if r[1] or r[2]]
    if not rows:
        return None
    width = 560
    bar_left, bar_right = 220, 60
    row_h = 34
    height = 30 + row_h * len(rows)
    most = max(max(p, n) for _, p, n in rows) or 1
    scale = (width - bar_left - bar_right) / most
    parts = [
        f'<rect x="{bar_left}" y="6" width="12" height="12" fill="{LIGHT}"/>',
        _text(bar_left + 18, 16, legend[0], size=11),
        f'<rect x="{bar_left + 150}" y="6" width="12" height="12" fill="{BLUE}"/>',
        _text(bar_left + 168, 16, legend[1], size=11),
    ]
    for i, (name, participants, relations) in enumerate(rows):
        top = 28 + i * row_h
        short = name if len(name) <= 32 else name[:31] + "…"
        parts.append(_text(bar_left - 8, top + 14, short, anchor="end", size=12))
        parts.append(f'<rect x="{bar_left}" y="{top}" width="{participants * scale:.1f}" height="12" fill="{LIGHT}"/>')
        parts.append(_text(bar_left + participants * scale + 4, top + 10, str(participants), size=10))
        parts.append(f'<rect x="{bar_left}" y="{top + 13}" width="{relations * scale:.1f}" height="12" fill="{BLUE}"/>')
        parts.append(_text(bar_left + relations * scale + 4, top + 23, str(relations), size=10))
    return _svg(width, height, label, "".join(parts))


def timeline_chart(label: str, milestones: Sequence[tuple[dt.date, str, str, str]]) -> Markup | None:
    """Dated milestones on a line: (date, title, formatted date, status)."""
    if not milestones:
        return None
    ordered = sorted(milestones, key=lambda m: m[0])
    width = 640
    row_h = 26
    height = 24 + row_h * len(ordered)
    first, last = ordered[0][0], ordered[-1][0]
    span = max((last - first).days, 1)
    line_x1, line_x2 = 20, 200

    def x(d: dt.date) -> float:
        return line_x1 + (line_x2 - line_x1) * ((d - first).days / span)

    parts = [f'<line x1="{line_x1}" y1="12" x2="{line_x2}" y2="12" stroke="{GREY}" stroke-width="2"/>']
    for i, (d, title, date_text, status) in enumerate(ordered):
        cx = x(d)
        cy = 30 + i * row_h
        fill = BLUE if status == "done" else "white"
        stroke = GREY if status == "cancelled" else BLUE
        parts.append(f'<line x1="{cx:.1f}" y1="12" x2="{cx:.1f}" y2="{cy:.1f}" stroke="{LIGHT}"/>')
        parts.append(f'<circle cx="{cx:.1f}" cy="12" r="3" fill="{BLUE}"/>')
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="{fill}" stroke="{stroke}" stroke-width="2"/>')
        text = f"{date_text}: {title}"
        if len(text) > 60:
            text = text[:59] + "…"
        parts.append(_text(line_x2 + 16, cy + 4, text, fill=GREY if status == "cancelled" else INK))
    return _svg(width, height, label, "".join(parts))
