"""Inline SVG pictures for HTML output: no JavaScript and no network.

Each picture has a <title>, an aria-label and, where the page gives one, an
aria-describedby pointing at the table that holds the same figures, so the picture
is an aid, never the only carrier. Every text is placed by _Layout, which estimates
its box (0.6 em a glyph) and keeps it inside the view box and clear of the others:
a label that cannot be placed is left out, never drawn over another. Long names wrap
or are shortened with the full name in a <title>. Series differ by pattern and are
labelled, never by colour alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

INK = "#1b1b1b"
BLUE = "#1a4f8b"
GREY = "#595959"  # 7:1 on white: text and axes
GREEN = "#1f6f3f"

GLYPH = 0.6  # average glyph width, in em
ASCENT, DESCENT = 0.9, 0.25  # of the font size, above and below the baseline

Fmt = Callable[[float], str]


def text_box(x: float, y: float, text: str, size: float, anchor: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a text as drawn at (x, y): an estimate, 0.6 em a glyph."""
    width = len(text) * GLYPH * size
    left = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
    return left, y - ASCENT * size, left + width, y + DESCENT * size


def text_width(text: str, size: float) -> float:
    return len(text) * GLYPH * size


class _Layout:
    """The texts of one picture: each kept inside the view box and clear of those placed before."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.boxes: list[tuple[float, float, float, float]] = []

    def fits(self, box: tuple[float, float, float, float]) -> bool:
        left, top, right, bottom = box
        if left < 0 or top < 0 or right > self.width or bottom > self.height:
            return False
        return not any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in self.boxes)

    def place(
        self,
        spots: Sequence[tuple[float, float, str]],
        text: str,
        *,
        size: float = 12,
        fill: str = INK,
        weight: str = "normal",
        title: str | None = None,
    ) -> str:
        """The <text> at the first spot (x, y, anchor) where it fits; "" where none does."""
        for x, y, anchor in spots:
            box = text_box(x, y, text, size, anchor)
            if self.fits(box):
                self.boxes.append(box)
                element = (
                    f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" fill="{fill}"'
                    f' font-weight="{weight}">{escape(text)}</text>'
                )
                return f"<g><title>{escape(title)}</title>{element}</g>" if title else element
        return ""


def _svg(width: float, height: float, label: str, body: str, described_by: str | None) -> Markup:
    label_e = escape(label)
    described = f' aria-describedby="{escape(described_by)}"' if described_by else ""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}"'
        f' role="img" aria-label="{label_e}"{described} class="chart"><title>{label_e}</title>{body}</svg>'
    )


def wrap(text: str, chars: int, lines: int = 2) -> tuple[list[str], bool]:
    """The text in at most `lines` lines of at most `chars` characters, broken between words;
    (lines, shortened): a text that does not fit ends in "…" on the last line."""
    chars = max(chars, 4)
    out: list[str] = []
    words = text.split()
    current = ""
    while words:
        word = words[0]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= chars:
            current = candidate
            words.pop(0)
            continue
        if not current:  # one word longer than a line: cut it
            current, words[0] = word[: chars - 1] + "-", word[chars - 1 :]
        out.append(current)
        current = ""
        if len(out) == lines:
            break
    if current and len(out) < lines:
        out.append(current)
        current = ""
    shortened = bool(words) or bool(current)
    if shortened:
        last = out[-1] if out else ""
        if len(last) + 1 > chars:  # make room for "…", between words where there is one
            cut = last[: chars - 1]
            space = cut.rfind(" ")
            last = cut[:space] if space > 0 else cut
        out[-1:] = [last.rstrip(" -") + "…"]
    return out or [""], shortened


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering low..high: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    digits = max(0, -math.floor(math.log10(step)) + 1)
    first = math.floor(low / step + 1e-9) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, digits))
        value += step
    return ticks if len(ticks) > 1 else [first, first + step]


def goal_chart(
    label: str,
    points: Sequence[tuple[dt.date, float, str]],
    baseline: tuple[dt.date | None, float, str] | None,
    target: tuple[dt.date | None, float, str] | None,
    *,
    fmt: Fmt = str,
    unit: str | None = None,
    words: tuple[str, str] = ("Udgangspunkt", "Mål"),
    described_by: str | None = None,
) -> Markup | None:
    """Measurements over time with the baseline and the target, on a y-axis with the unit;
    None when there is nothing dated to draw. Each point is (date, value, formatted value)."""
    dated = list(points)
    if baseline and baseline[0]:
        dated = [(baseline[0], baseline[1], baseline[2]), *dated]
    dates = [d for d, _, _ in dated] + ([target[0]] if target and target[0] else [])
    if not dates:
        return None
    width, height, size = 560, 210, 11
    values = [v for _, v, _ in dated] + ([target[1]] if target else []) + ([baseline[1]] if baseline else [])
    low, high = min(values), max(values)
    if low == high:
        spread = abs(low) * 0.1 or 1
        low, high = low - spread, high + spread
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    tick_texts = [fmt(t) for t in ticks]
    target_text = f"{words[1]}: {target[2]}" if target else ""
    left = round(max(text_width(t, size) for t in tick_texts) + 12)
    right = round(text_width(target_text, size) + 14) if target else 20
    top, bottom = 34, 28
    plot_w = width - left - right
    if plot_w < 120:  # a very long target text: the label goes above the plot instead
        right, plot_w = 20, width - left - 20
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)

    def x(d: dt.date) -> float:
        return left + plot_w * ((d - first).days / span) if last != first else left + plot_w / 2

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - (v - low) / (high - low))

    layout = _Layout(width, height)
    parts = []
    if unit:
        parts.append(layout.place([(4, 14, "start")], unit, size=size, fill=GREY, weight="bold"))
    parts.append(f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{height - bottom}" stroke="{GREY}"/>')
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{left + plot_w}" y2="{height - bottom}" stroke="{GREY}"/>')
    for tick, text in zip(ticks, tick_texts, strict=True):
        ty = y(tick)
        parts.append(f'<line x1="{left - 4}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" stroke="#d0d0d0" stroke-width="0.5"/>')
        parts.append(layout.place([(left - 6, ty + 4, "end")], text, size=size, fill=GREY))
    years = [dt.date(year, 1, 1) for year in range(first.year, last.year + 2) if first <= dt.date(year, 1, 1) <= last]
    step = max(1, math.ceil(len(years) * 44 / plot_w))
    for d in years[::step] or [first]:
        parts.append(layout.place([(x(d), height - 10, "middle"), (x(d), height - 10, "start"), (x(d), height - 10, "end")], str(d.year), size=size, fill=GREY))
    if target:
        ty = y(target[1])
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" stroke="{GREEN}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        if target[0]:
            parts.append(f'<circle cx="{x(target[0]):.1f}" cy="{ty:.1f}" r="5" fill="white" stroke="{GREEN}" stroke-width="2"/>')
    if baseline and baseline[0]:
        bx, by = x(baseline[0]), y(baseline[1])
        parts.append(f'<rect x="{bx - 4:.1f}" y="{by - 4:.1f}" width="8" height="8" fill="white" stroke="{BLUE}" stroke-width="2"/>')
    measured = [p for p in dated if not (baseline and baseline[0] and p is dated[0])]
    if len(dated) > 1:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _ in dated)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
    for d, v, _ in measured:
        parts.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="4" fill="{BLUE}"/>')
    # Labels last, the most important first: the target, the latest measurement, the baseline.
    labels: list[tuple[str, list[tuple[float, float, str]], str]] = []
    if target:
        ty = y(target[1])
        labels.append((target_text, [(left + plot_w + 6, ty + 4, "start"), (left + plot_w, ty - 6, "end"), (left + plot_w, ty + 15, "end")], GREEN))
    if measured:
        d, v, text = measured[-1]
        cx, cy = x(d), y(v)
        labels.append((text, _around(cx, cy), INK))
    if baseline and baseline[0]:
        cx, cy = x(baseline[0]), y(baseline[1])
        labels.append((f"{words[0]}: {baseline[2]}", _around(cx, cy), BLUE))
    for text, spots, fill in labels:
        parts.append(layout.place(spots, text, size=size, fill=fill, weight="bold"))
    return _svg(width, height, label, "".join(parts), described_by)


def _around(cx: float, cy: float) -> list[tuple[float, float, str]]:
    """Spots for a point's label: above, below, then to either side."""
    return [
        (cx, cy - 9, "middle"),
        (cx + 2, cy - 9, "start"),
        (cx - 2, cy - 9, "end"),
        (cx, cy + 18, "middle"),
        (cx + 2, cy + 18, "start"),
        (cx - 2, cy + 18, "end"),
        (cx + 8, cy + 4, "start"),
        (cx - 8, cy + 4, "end"),
    ]


def _pattern(prefix: str) -> str:
    return (
        f'<defs><pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="white"/><line x1="0" y1="0" x2="0" y2="6" stroke="{GREEN}" stroke-width="3"/></pattern></defs>'
    )


def bar_chart(
    label: str,
    rows: Sequence[tuple[str, Sequence[int | float | None]]],
    series: Sequence[str],
    *,
    fmt: Fmt = str,
    unit: str | None = None,
    not_counted: str = "ikke opgjort",
    described_by: str | None = None,
    prefix: str = "chart",
) -> Markup | None:
    """Horizontal bars, one group a row and one bar a series (at most two: solid, then hatched),
    on a value axis with the unit. A value None was not counted: no bar, the words instead.
    None when no row holds a count."""
    if not rows or all(v is None for _, values in rows for v in values):
        return None
    width, size, name_size = 600, 11, 12
    name_w = 200
    chars = int((name_w - 10) / (GLYPH * name_size))
    wrapped = [wrap(name, chars) for name, _ in rows]
    most = max((v for _, values in rows for v in values if v is not None), default=0) or 1
    ticks = nice_ticks(0, most)
    value_texts = [fmt(v) if v is not None else not_counted for _, values in rows for v in values]
    bar_left = name_w
    bar_right = round(width - max(text_width(t, size) for t in value_texts) - 12)
    scale = (bar_right - bar_left) / ticks[-1]
    bar_h, gap = 13, 3
    parts = [_pattern(prefix)]
    fills = [f'fill="{BLUE}"', f'fill="url(#{prefix}-hatch)" stroke="{GREEN}"']
    # Legend: a swatch and the series' name, on one line where they fit.
    legend_y = 18
    layout_rows: list[tuple[float, float]] = []
    y_pos = 34.0
    for (lines, _), (_, values) in zip(wrapped, rows, strict=True):
        block: float = max(len(lines) * 15, len(values) * (bar_h + gap))
        layout_rows.append((y_pos, block))
        y_pos += block + 12
    axis_y = y_pos
    height = axis_y + (40 if unit else 24)
    layout = _Layout(width, height)
    x_legend = float(bar_left)
    for i, name in enumerate(series[:2]):
        parts.append(f'<rect x="{x_legend:.1f}" y="{legend_y - 10}" width="12" height="12" {fills[i]}/>')
        parts.append(layout.place([(x_legend + 16, legend_y, "start")], name, size=size))
        x_legend += 16 + text_width(name, size) + 20
    for (name, values), (lines, shortened), (top, block) in zip(rows, wrapped, layout_rows, strict=True):
        text_top = top + (block - len(lines) * 15) / 2 + 12
        for n, line in enumerate(lines):
            parts.append(layout.place([(name_w - 10, text_top + n * 15, "end")], line, size=name_size, title=name if shortened else None))
        bars_top = top + (block - len(values) * (bar_h + gap)) / 2
        for i, value in enumerate(values[:2]):
            by = bars_top + i * (bar_h + gap)
            length = (value or 0) * scale
            if value:
                parts.append(f'<rect x="{bar_left}" y="{by:.1f}" width="{length:.1f}" height="{bar_h}" {fills[i]}/>')
            text = fmt(value) if value is not None else not_counted
            parts.append(layout.place([(bar_left + length + 4, by + 10, "start")], text, size=size, fill=INK if value is not None else GREY))
    parts.append(f'<line x1="{bar_left}" y1="{axis_y}" x2="{bar_right}" y2="{axis_y}" stroke="{GREY}"/>')
    parts.append(f'<line x1="{bar_left}" y1="30" x2="{bar_left}" y2="{axis_y}" stroke="{GREY}"/>')
    for tick in ticks:
        tx = bar_left + tick * scale
        parts.append(f'<line x1="{tx:.1f}" y1="{axis_y}" x2="{tx:.1f}" y2="{axis_y + 4}" stroke="{GREY}"/>')
        parts.append(layout.place([(tx, axis_y + 16, "middle"), (tx, axis_y + 16, "end")], fmt(tick), size=size, fill=GREY))
    if unit:
        parts.append(layout.place([(bar_right, height - 6, "end")], unit, size=size, fill=GREY, weight="bold"))
    return _svg(width, height, label, "".join(parts), described_by)


def timeline_chart(
    label: str,
    milestones: Sequence[tuple[dt.date, str, str, str, str]],
    *,
    described_by: str | None = None,
) -> Markup | None:
    """Dated milestones on a line: (date, title, formatted date, status, status in words).
    A done milestone is a filled circle, a planned one open, a cancelled one crossed; each
    line says its status in words too."""
    if not milestones:
        return None
    ordered = sorted(milestones, key=lambda m: m[0])
    width, size = 640, 12
    line_x1, line_x2 = 20, 200
    text_x = line_x2 + 16
    chars = int((width - text_x - 4) / (GLYPH * size))
    first, last = ordered[0][0], ordered[-1][0]
    span = max((last - first).days, 1)

    def x(d: dt.date) -> float:
        return line_x1 + (line_x2 - line_x1) * ((d - first).days / span)

    rows = []
    y_pos = 30.0
    for d, title, date_text, status, status_text in ordered:
        full = f"{date_text}: {title} ({status_text})"
        lines, shortened = wrap(full, chars, 3)
        rows.append((d, status, lines, shortened, full, y_pos))
        y_pos += max(len(lines) * 15, 18) + 8
    height = y_pos
    layout = _Layout(width, height)
    parts = [f'<line x1="{line_x1}" y1="12" x2="{line_x2}" y2="12" stroke="{GREY}" stroke-width="2"/>']
    for d, status, lines, shortened, full, cy in rows:
        cx = x(d)
        fill = BLUE if status == "done" else "white"
        stroke = GREY if status == "cancelled" else BLUE
        parts.append(f'<line x1="{cx:.1f}" y1="12" x2="{cx:.1f}" y2="{cy:.1f}" stroke="{GREY}" stroke-width="0.5"/>')
        parts.append(f'<circle cx="{cx:.1f}" cy="12" r="3" fill="{BLUE}"/>')
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="{fill}" stroke="{stroke}" stroke-width="2"/>')
        if status == "cancelled":
            parts.append(f'<path d="M{cx - 4:.1f},{cy - 4:.1f} L{cx + 4:.1f},{cy + 4:.1f} M{cx - 4:.1f},{cy + 4:.1f} L{cx + 4:.1f},{cy - 4:.1f}" stroke="{GREY}" stroke-width="2"/>')
        for n, line in enumerate(lines):
            parts.append(
                layout.place([(text_x, cy + 4 + n * 15, "start")], line, size=size, fill=GREY if status == "cancelled" else INK,
                             title=full if shortened else None)
            )
    return _svg(width, height, label, "".join(parts), described_by)
