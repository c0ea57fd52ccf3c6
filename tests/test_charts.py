"""The charts' geometry (issue 16): every label inside the view box, no two labels overlapping.

Each SVG is parsed with xml.etree. A <text>'s box is estimated from its x, y, font-size and
text-anchor, with an average glyph 0.6 em wide, 0.9 em above the baseline and 0.25 em below:
long names, large numbers, one point, many points, negative values and a goal that moved away
from its target. The charts also carry what a reader needs beside the picture: a y-axis with
its unit, thousands separators, the full name of a shortened label in a <title>, a pattern
beside colour, and aria-describedby pointing at the table of the same figures.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from ensomhed_cli.render import charts
from ensomhed_cli.render.i18n import Formatter

SVG = "{http://www.w3.org/2000/svg}"
DA = Formatter("da", nbsp=True)
EN = Formatter("en", nbsp=True)

LONG = "Sundhedsfremmende fællesskabsaktiviteter for ældre medborgere der bor alene i landdistrikterne omkring Hedensted"
WORD = "Ældrebolig­fællesskabsaktivitetskoordinationsgruppen"  # one long Danish compound


def parse(svg) -> ET.Element:
    assert svg is not None
    return ET.fromstring(str(svg))


def texts(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, box) of every <text>: (left, top, right, bottom)."""
    found = []
    for el in root.iter(f"{SVG}text"):
        text = el.text or ""
        size = float(el.get("font-size"))
        x, y = float(el.get("x")), float(el.get("y"))
        width = len(text) * 0.6 * size
        anchor = el.get("text-anchor", "start")
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        found.append((text, (left, y - 0.9 * size, left + width, y + 0.25 * size)))
    return found


def assert_readable(svg) -> list[str]:
    """Every text inside the view box and clear of every other; returns the texts."""
    root = parse(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    placed = texts(root)
    for text, (left, top, right, bottom) in placed:
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, f"{text!r} leaves the view box {width}x{height}"
    for i, (a, box_a) in enumerate(placed):
        for b, box_b in placed[i + 1 :]:
            apart = box_a[2] <= box_b[0] or box_b[2] <= box_a[0] or box_a[3] <= box_b[1] or box_b[3] <= box_a[1]
            assert apart, f"{a!r} overlaps {b!r}"
    return [t for t, _ in placed]


def days(n: int, start: dt.date = dt.date(2024, 1, 1)) -> list[dt.date]:
    return [start + dt.timedelta(days=30 * i) for i in range(n)]


# --- goal charts ------------------------------------------------------------------------------


def goal(values, baseline=None, target=None, unit="pct.", f=DA, dates=None):
    dates = dates or days(len(values))
    q = lambda v: f.quantity(v, unit)  # noqa: E731
    return charts.goal_chart(
        "Mål",
        [(d, v, q(v)) for d, v in zip(dates, values, strict=True)],
        (dt.date(2022, 1, 1), baseline, q(baseline)) if baseline is not None else None,
        (dt.date(2027, 12, 31), target, q(target)) if target is not None else None,
        fmt=f.number,
        unit=unit,
        words=(f.labels["baseline"], f.labels["target"]),
        described_by="maal-x-tal",
    )


GOALS = {
    "one-point": dict(values=[7]),
    "one-point-with-target": dict(values=[7], baseline=10, target=6),
    "many-points": dict(values=[10 - i * 0.1 for i in range(40)], baseline=10, target=6),
    "moving-away": dict(values=[10.5, 11, 12.5], baseline=10, target=6),
    "past-target": dict(values=[8, 5, 3], baseline=10, target=6),
    "large-numbers": dict(values=[1_333_000, 1_400_500], baseline=1_200_000, target=2_500_000, unit="kr."),
    "long-unit": dict(values=[30700], target=32000, unit="indbyggere i kommunen over 65 år"),
    "negative": dict(values=[-5, -2.5, 0], baseline=-10, target=5, unit=None),
    "at-the-target": dict(values=[6], baseline=6, target=6),
}


@pytest.mark.parametrize("case", GOALS, ids=list(GOALS))
def test_goal_chart_labels_stay_inside_and_apart(case):
    shown = assert_readable(goal(**GOALS[case]))
    args = GOALS[case]
    unit = args.get("unit", "pct.")
    q = DA.quantity(args["values"][-1], unit)
    assert q in shown, "the latest measurement is labelled"
    if args.get("target") is not None:
        assert f"Målsætning: {DA.quantity(args['target'], unit)}" in shown


def test_goal_chart_has_a_y_axis_with_the_unit_and_thousands_separators():
    svg = goal(values=[1_333_000, 1_400_500], baseline=1_200_000, target=2_500_000, unit="kr.")
    shown = assert_readable(svg)
    assert shown[0] == "kr."  # the axis' unit, top left
    assert shown[1:7] == ["1.000.000", "1.500.000", "2.000.000", "2.500.000", "2022", "2023"]
    assert "Målsætning: 2.500.000\u00a0kr." in shown and "1.400.500\u00a0kr." in shown
    root = parse(svg)
    assert root.get("aria-describedby") == "maal-x-tal" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Mål"


def test_goal_chart_in_english():
    shown = assert_readable(goal(values=[1333], baseline=0, target=3000, unit="personer", f=EN))
    assert "Target: 3,000\u00a0personer" in shown and "1,333\u00a0personer" in shown
    assert "Baseline: 0\u00a0personer" in shown


def test_goal_chart_draws_nothing_without_a_date():
    assert charts.goal_chart("Mål", [], None, (None, 5, "5")) is None


def test_y_ticks_are_round_numbers_covering_every_value():
    assert charts.nice_ticks(6, 10.6) == [6, 8, 10, 12]
    assert charts.nice_ticks(0, 1333) == [0, 500, 1000, 1500]
    assert charts.nice_ticks(-10, 5) == [-10, -5, 0, 5]
    assert charts.nice_ticks(0.1, 0.35) == [0.1, 0.2, 0.3, 0.4]


# --- bar charts ---------------------------------------------------------------------------------


def bars(rows, f=DA, unit="personer"):
    return charts.bar_chart(
        "Rækkevidde",
        rows,
        [f.labels["participants"], f.labels["new_relations"]],
        fmt=f.number,
        unit=unit,
        not_counted=f.labels["not_counted"],
        described_by="raekkevidde-tal",
        prefix="rt",
    )


BARS = {
    "one-row": [("Café", [20, 5])],
    "long-names": [(LONG, [1333, 40]), (WORD, [12, 3]), ("Kort", [1, 0])],
    "large-numbers": [("Kampagne", [1_333_333, 120_000]), ("Café", [12, None])],
    "not-counted": [("Besøgsvenner", [None, None]), ("Café", [20, 5])],
    "many-rows": [(f"Indsats nummer {n} i kommunens plan mod ensomhed", [n * 37, n]) for n in range(1, 21)],
}


@pytest.mark.parametrize("case", BARS, ids=list(BARS))
def test_bar_chart_labels_stay_inside_and_apart(case):
    rows = BARS[case]
    shown = assert_readable(bars(rows))
    for _, values in rows:
        for v in values:
            assert (DA.number(v) if v is not None else "ikke opgjort") in shown, "every figure is labelled beside its bar"


def test_a_long_name_wraps_and_keeps_its_full_text_in_a_title():
    root = parse(bars([(LONG, [1333, 40])]))
    named = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None]
    assert [g.find(f"{SVG}text").text for g in named] == ["Sundhedsfremmende", "fællesskabsaktiviteter…"]
    assert {g.find(f"{SVG}title").text for g in named} == {LONG}


def test_a_short_name_has_no_title_and_is_not_cut():
    shown = assert_readable(bars([("Café for ældre", [3, 1])]))
    assert "Café for ældre" in shown and not any("…" in t for t in shown)


def test_bar_chart_axis_unit_legend_and_pattern():
    svg = bars([("Kampagne", [1_333_333, 120_000])])
    shown = assert_readable(svg)
    assert shown[:2] == ["Deltagere", "Nye relationer"]  # the legend names both series
    assert ["0", "500.000", "1.000.000", "1.500.000", "personer"] == shown[-5:]  # the value axis and its unit
    root = parse(svg)
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("height") == "13"]
    assert fills == ["#1a4f8b", "url(#rt-hatch)"]  # the second series is hatched, not only another colour
    assert root.find(f".//{SVG}pattern").get("id") == "rt-hatch"
    assert root.get("aria-describedby") == "raekkevidde-tal"


def test_bar_chart_in_english():
    shown = assert_readable(bars([("Campaign", [1_333_333, None])], f=EN, unit="people"))
    assert "1,333,333" in shown and "not counted" in shown and "people" in shown


def test_nothing_counted_draws_no_chart():
    assert bars([("Besøgsvenner", [None, None])]) is None
    assert bars([]) is None


# --- timelines ----------------------------------------------------------------------------------


def timeline(items):
    return charts.timeline_chart("Milepæle", items, described_by="milepaele-liste")


TIMELINES = {
    "one": [(dt.date(2024, 1, 15), "Start", "15. januar 2024", "done", "udført")],
    "long-titles": [
        (dt.date(2024, 1, 15), LONG + " og " + LONG, "15. januar 2024", "planned", "planlagt"),
        (dt.date(2024, 1, 15), WORD * 3, "15. januar 2024", "cancelled", "aflyst"),
    ],
    "many": [(d, f"Milepæl {n}", DA.date(d), "planned", "overskredet") for n, d in enumerate(days(30))],
}


@pytest.mark.parametrize("case", TIMELINES, ids=list(TIMELINES))
def test_timeline_labels_stay_inside_and_apart(case):
    shown = assert_readable(timeline(TIMELINES[case]))
    assert len(shown) >= len(TIMELINES[case])


def test_a_timeline_says_each_status_in_words():
    shown = assert_readable(timeline([(dt.date(2024, 1, 15), "Start", "15. januar 2024", "done", "udført")]))
    assert shown == ["15. januar 2024: Start (udført)"]


def test_wrap_breaks_between_words_and_marks_what_it_cut():
    assert charts.wrap("Café for ældre der bor alene", 14) == (["Café for ældre", "der bor alene"], False)
    assert charts.wrap("Café for ældre der bor alene i byen", 14) == (["Café for ældre", "der bor alene…"], True)
    assert charts.wrap("Café for ældre der bor alenegang i byen", 14) == (["Café for ældre", "der bor…"], True)
    assert charts.wrap("Ældreboligfællesskabet", 10) == (["Ældreboli-", "gfællessk…"], True)
