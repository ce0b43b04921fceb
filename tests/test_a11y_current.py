"""The current axe-core (npm, pinned in package-lock.json) is the one the browser
tests run (tests/test_browser.py runs it on every page of `latest` and the oldest
year at 1280 and 375 px); and how tables and the header behave on a phone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tools.browser import AXE_PATH

ROOT = Path(__file__).resolve().parent.parent
if not AXE_PATH.is_file():
    why = "axe-core is not installed (run: npm ci --ignore-scripts, as make test does)"
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must run the current axe-core", pytrace=False)
    pytest.skip(f"{why}; current axe-core tests skipped", allow_module_level=True)

pytestmark = pytest.mark.browser

PINNED = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/axe-core"]["version"]


def test_installed_axe_is_the_pinned_4_14():
    assert PINNED.startswith("4.14.")
    assert f"axe v{PINNED}" in AXE_PATH.read_text(encoding="utf-8")[:400]


@pytest.mark.parametrize("js", [True, False])
def test_phone_table_keeps_row_names_in_view_and_shows_it_scrolls(browser, base, js):
    context = browser.new_context(java_script_enabled=js, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base + "2022-23/")
    box = page.locator("#table-outcomes").locator("xpath=ancestor::div[contains(@class, 'cr-table')][1]")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    gap = box.evaluate("""b => { const row = b.querySelector('tbody th[scope=row]');
        return row.getBoundingClientRect().left - b.getBoundingClientRect().left; }""")
    assert abs(gap) <= 1  # the row names stay at the left edge while the figures scroll under them
    shadow = box.evaluate("b => getComputedStyle(b).backgroundImage")
    assert "radial-gradient" in shadow
    hint = page.locator("#table-outcomes").locator("xpath=ancestor::div[contains(@class, 'cr-table')][1]/following-sibling::*[1]")
    if js:
        assert hint.inner_text() == "Scroll the table sideways to see every column."
        assert hint.is_visible()
    context.close()


def test_phone_header_shows_the_whole_site_name_and_field_names_do_not_break(browser, base):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(base + "2022-23/data/")
    name = page.locator(".md-header__topic .md-ellipsis").first
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
    broken = page.evaluate("""() => [...document.querySelectorAll('#table-dictionary th[scope=row] code')].filter(c => {
        const r = document.createRange(); r.selectNodeContents(c);
        return r.getClientRects().length > 1 || c.scrollWidth > c.parentElement.clientWidth + 1;
    }).map(c => c.textContent)""")
    assert broken == []
    page.close()
