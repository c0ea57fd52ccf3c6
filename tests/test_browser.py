"""The HTML in a real browser: headless Chromium renders the pages; skipped where it cannot be had."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import PROJECT
from ensomhed_cli.api import build_site, load

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (./dev test installs it where it can)")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo, _ = load(PROJECT)
    out = tmp_path_factory.mktemp("site")
    build_site(repo, out, output="html", public=True)
    return out


def test_dom_has_language_landmarks_and_ordered_headings(site, tmp_path):
    page = site / "minutes" / "2023-02-07-udsatteraadet.html"
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert '<html lang="da">' in dom
    for landmark in ("<header", "<main", "<nav", "<footer"):
        assert landmark in dom
    levels = [int(h) for h in re.findall(r"<h([1-6])[\s>]", dom)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert "Datoerne blev godkendt." in dom


def test_closed_item_in_browser_shows_title_only(site, tmp_path):
    page = site / "agenda" / "2020-10-23-raadmandsmoede.html"
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    text = re.sub(r"<[^>]+>", "", dom)
    assert "Punkt 2: Lukket punkt" in text
    assert "Jakob Søgaard Clausen" not in text


def test_screenshot_is_drawn(site, tmp_path):
    shot = tmp_path / "plan.png"
    page = site / "plans" / "kontrakt-center-pleje-og-omsorg-2019-2020.html"
    chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    # a blank page compresses to almost nothing; a drawn one does not
    assert len(zlib.compress(data)) > 20_000


def test_print_is_a4_and_items_flow_on(site, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    pdf = tmp_path / "minutes.pdf"
    page = site / "minutes" / "2023-02-07-udsatteraadet.html"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) >= 2
    for p in reader.pages:
        assert abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2  # A4 in points
    texts = [p.extract_text() for p in reader.pages]
    # the first page holds the contents; after it, some page holds the start of two items
    starts = [sum(f"Punkt {n}:" in t for n in range(1, 8)) for t in texts[1:]]
    assert max(starts) >= 2, starts
    assert "Datoerne blev godkendt." in "".join(texts)
