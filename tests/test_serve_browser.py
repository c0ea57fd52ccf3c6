"""`ensomhed serve` in Chromium: pages reload by themselves, and the overlay of errors passes axe-core's WCAG 2.1 AA rules."""

from __future__ import annotations

import json

import pytest

from test_serve import AGENDA, MEETING_FILE, meeting, meeting_repo, serve  # noqa: F401 - fixtures

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WAIT_MS = 30_000  # generous: only to end a hung test


@pytest.fixture
def browser_page(chromium_browser):
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        pytest.skip("axe-playwright-python is not installed (pip install -e '.[test]')")
    context = chromium_browser.new_context(viewport={"width": 1000, "height": 800})
    context.add_init_script(AXE_SCRIPT)
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.blocked = blocked
    yield page
    context.close()


def violations(page) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    assert "color-contrast" in {r["id"] for r in result["passes"]}, "axe did not check contrast"
    return [f"{v['id']}: {' '.join(n['target'][0] for n in v['nodes'][:5])}" for v in result["violations"]]


def heading(page) -> str:
    return page.evaluate("document.querySelector('main h1').textContent")


def test_an_open_page_reloads_and_shows_errors_accessibly(meeting_repo, serve, browser_page):  # noqa: F811
    served = serve(meeting_repo)
    page = browser_page
    page.goto(served.url + AGENDA)
    assert "Første titel" in heading(page)
    (meeting_repo / MEETING_FILE).write_text(meeting("Anden titel"), encoding="utf-8")
    page.wait_for_function("() => document.querySelector('main h1') && document.querySelector('main h1').textContent.includes('Anden titel')", timeout=WAIT_MS)
    # Written half-way: the page reloads with the errors above its last good version, and focus on them.
    (meeting_repo / MEETING_FILE).write_text(meeting("Halvt").split("  - number: 2")[0], encoding="utf-8")
    page.wait_for_selector("#ensomhed-errors", timeout=WAIT_MS)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'ensomhed-errors'", timeout=WAIT_MS)
    assert "Anden titel" in heading(page)
    assert violations(page) == []
    (meeting_repo / MEETING_FILE).write_text(meeting("Rettet"), encoding="utf-8")
    page.wait_for_function("() => !document.getElementById('ensomhed-errors') && document.querySelector('main h1').textContent.includes('Rettet')", timeout=WAIT_MS)
    assert page.blocked == []  # the preview's own script ran under its policy


def test_the_preview_s_own_pages_pass_axe(meeting_repo, serve, browser_page):  # noqa: F811
    (meeting_repo / "templates").mkdir()
    (meeting_repo / "templates" / "agenda.html.j2").write_text("{% if %}\n")  # no good version of the agenda, ever
    served = serve(meeting_repo)
    for path in (AGENDA, "no-such-page.html"):
        browser_page.goto(served.url + path)
        assert violations(browser_page) == [], path
    assert browser_page.evaluate("document.title")
