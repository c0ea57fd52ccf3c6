"""What a reader sees: every kind of page drawn by Chromium, looked at as pixels and as laid-out boxes.

The HTML can be right and the page still unreadable: text drawn too faint, a chart cut
off, a table that pushes the page sideways on a phone. These tests take screenshots of
each kind of page of the example site and measure them.
"""

from __future__ import annotations

import io

import pytest

from conftest import PROJECT
from ensomhed_cli.api import build_site, load

Image = pytest.importorskip("PIL.Image", reason="Pillow is not installed (pip install -e '.[test]')")

# One page of each kind in the example site.
KINDS = {
    "index": "index.html",
    "agenda": "agenda/2023-04-27-udsatteraadet.html",
    "minutes": "minutes/2023-02-07-udsatteraadet.html",
    "plan": "plans/kontrakt-center-pleje-og-omsorg-2019-2020.html",
    "initiative": "initiatives/{initiative}.html",
}
PHONE = {"width": 320, "height": 640}  # WCAG 2.1 1.4.10 Reflow: 320 CSS pixels, no sideways scrolling
DESKTOP = {"width": 1000, "height": 800}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo, _ = load(PROJECT)
    out = tmp_path_factory.mktemp("screens") / "site"
    build_site(repo, out, output="html")
    initiative = repo.initiatives[0].id
    return out, {kind: path.format(initiative=initiative) for kind, path in KINDS.items()}


@pytest.fixture(scope="module")
def browser(chromium_browser):
    return chromium_browser


def open_page(browser, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    page.goto(url)
    return page


def luminance(rgb: tuple[int, ...]) -> float:
    """Relative luminance (WCAG 2.1)."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shot(page, selector: str) -> Image.Image:
    return Image.open(io.BytesIO(page.locator(selector).first.screenshot())).convert("RGB")


def ink_and_ground(image: Image.Image) -> tuple[tuple[int, ...], tuple[int, ...], float]:
    """The most common colour (the ground), the colour farthest from it (the ink), and
    the share of pixels that differ from the ground."""
    counts = sorted(image.getcolors(maxcolors=image.width * image.height), reverse=True)
    ground = counts[0][1]
    ink = max((colour for _, colour in counts), key=lambda colour: contrast(colour, ground))
    drawn = sum(n for n, colour in counts if colour != ground) / (image.width * image.height)
    return ink, ground, drawn


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_title_is_drawn_dark_on_light_with_contrast(browser, site, kind):
    out, paths = site
    page = open_page(browser, (out / paths[kind]).as_uri(), DESKTOP)
    ink, ground, drawn = ink_and_ground(shot(page, "h1"))
    assert luminance(ground) > 0.8, (kind, ground)  # a light page
    assert contrast(ink, ground) >= 4.5, (kind, ink, ground)
    assert 0.02 < drawn < 0.6, (kind, drawn)  # letters, not an empty box and not a filled block
    page.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_header_band_names_the_municipality_or_body(browser, site, kind):
    out, paths = site
    page = open_page(browser, (out / paths[kind]).as_uri(), DESKTOP)
    ink, ground, drawn = ink_and_ground(shot(page, "header.site"))
    assert ground == (0xEE, 0xF3, 0xF9), (kind, ground)  # the soft blue band
    assert contrast(ink, ground) >= 4.5 and drawn > 0.01, (kind, ink, drawn)
    page.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_nothing_pushes_the_page_sideways_on_a_phone(browser, site, kind):
    out, paths = site
    page = open_page(browser, (out / paths[kind]).as_uri(), PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "(limit) => [...document.querySelectorAll('main *')]"
        ".filter((el) => el.getBoundingClientRect().right > limit + 1)"
        ".slice(0, 5).map((el) => el.tagName + ' ' + (el.textContent || '').slice(0, 40))",
        PHONE["width"],
    )
    assert width <= PHONE["width"], (kind, width, wide)
    page.close()


def test_plan_charts_are_drawn_whole_inside_the_page(browser, site):
    out, paths = site
    for viewport in (DESKTOP, PHONE):
        page = open_page(browser, (out / paths["plan"]).as_uri(), viewport)
        charts = page.locator("svg.chart")
        assert charts.count() >= 1
        for n in range(charts.count()):
            box = charts.nth(n).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, (viewport, n, box)
            image = Image.open(io.BytesIO(charts.nth(n).screenshot())).convert("RGB")
            ink, ground, drawn = ink_and_ground(image)
            assert drawn > 0.01 and contrast(ink, ground) >= 4.5, (viewport, n, drawn, ink)
        page.close()


def test_the_harness_sees_a_page_pushed_sideways(browser, tmp_path):
    """The measure can fail: a wide table on a phone is found."""
    wide = tmp_path / "wide.html"
    wide.write_text(
        '<!DOCTYPE html><html lang="da"><head><meta name="viewport" content="width=device-width">'
        "<title>x</title></head><body><main><h1 style=\"color:#bbb\">x</h1>"
        '<table><tr><td style="white-space:nowrap">' + "ord " * 60 + "</td></tr></table></main></body></html>",
        encoding="utf-8",
    )
    page = open_page(browser, wide.as_uri(), PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
    ink, ground, _ = ink_and_ground(shot(page, "h1"))
    assert contrast(ink, ground) < 4.5
    page.close()
