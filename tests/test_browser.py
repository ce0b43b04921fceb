"""The built site in a real browser (Debian's Chromium through Playwright):
WCAG 2.2 AA with the current axe-core (npm, pinned), no JavaScript needed, nothing from other origins,
phone widths and zoom, keyboard use, and print.

Loading pages is the slow part, so each page is loaded twice for the checks that
only read it (at 1280 px, and at 375 px then narrowed and widened in place) and
the findings are kept for the tests that assert on them."""

from __future__ import annotations

import io
import os
import re

import pytest
from bs4 import BeautifulSoup

from tools.browser import AXE_PATH

if not AXE_PATH.is_file():  # the current axe-core (npm, pinned), not an older bundled copy
    if os.environ.get("CI"):
        pytest.fail("axe-core is not installed (npm ci --ignore-scripts): CI must run the accessibility tests", pytrace=False)
    pytest.skip("axe-core is not installed (run: npm ci --ignore-scripts, as make test does)", allow_module_level=True)
AXE = AXE_PATH.read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [f"{version}/{page}" for version in ("latest", "2019-20")
         for page in ("", "compare/", "data/", "about/", "reports/", "accessibility/")]
YEAR_PAGES = ["latest/", "2019-20/"]
# axe on the single-series layout: the pages whose markup it does not share with the real
# (two-series) example, which test_axe_finds_no_violation_on_any_page_of_the_two_series_example
# checks page by page; the shared pages (about, reports, accessibility) come from the same templates.
AXE_PAGES = [f"{version}/{page}" for version in ("latest", "2019-20") for page in ("", "compare/", "data/")]
NARROW = (375, 320, 640)  # a phone; 400% and 200% zoom of a 1280 px window

pytestmark = pytest.mark.browser


def axe_violations(page) -> list[str]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']}: {v['nodes'][0]['target']} {v['help']}" for v in result["violations"]]


def overflow(page) -> dict:
    return {"page": page.evaluate("document.documentElement.scrollWidth"),
            "elements": page.evaluate("""() => [...document.querySelectorAll('article p, article li, article h1, article h2, figcaption')]
                .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 40))""")}


@pytest.fixture(scope="module")
def visit(browser, base):
    """What the read-only checks find on a page, loaded once per width group and kept."""
    found: dict[str, dict] = {}

    def run(path: str) -> dict:
        if path in found:
            return found[path]
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        result = {"requested": requested, "axe": {1280: axe_violations(page) if path in AXE_PAGES else None}, "overflow": {}}
        page.close()
        page = browser.new_page(viewport={"width": NARROW[0], "height": 800})
        page.goto(base + path)  # "load": the requests were logged above, at 1280 px
        for width in NARROW:
            page.set_viewport_size({"width": width, "height": 800})
            result["overflow"][width] = overflow(page)
        page.set_viewport_size({"width": 375, "height": 900})
        result["axe"][375] = axe_violations(page) if path in AXE_PAGES else None
        page.close()
        found[path] = result
        return result

    return run


@pytest.mark.parametrize("path", AXE_PAGES)
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_violation(visit, path, width):
    assert visit(path)["axe"][width] == []


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_requested_from_another_origin(visit, base, path):
    requested = visit(path)["requested"]
    assert requested and [u for u in requested if not u.startswith(base) and not u.startswith("data:")] == []


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", NARROW)
def test_no_horizontal_scrolling(visit, path, width):
    found = visit(path)["overflow"][width]
    assert found["page"] <= width
    assert found["elements"] == []


@pytest.mark.parametrize("path", PAGES)
def test_everything_is_there_without_javascript(browser, base, example_site, path):
    static = BeautifulSoup((example_site / path / "index.html").read_text(), "html.parser").select_one("article")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + path)
    counts = page.evaluate("""() => {
        const a = document.querySelector('article');
        return {figures: a.querySelectorAll('figure').length, svgs: a.querySelectorAll('figure svg').length,
                tables: a.querySelectorAll('table').length, links: a.querySelectorAll('a[href]').length};
    }""")
    assert counts == {"figures": len(static.select("figure")), "svgs": len(static.select("figure svg")),
                      "tables": len(static.select("table")), "links": len(static.select("a[href]"))}
    # Each chart is drawn for a desktop and for a phone: exactly one of them is shown, at full size.
    shown = page.evaluate("() => [...document.querySelectorAll('figure')].map(f => [...f.querySelectorAll('svg')]"
                          ".filter(s => getComputedStyle(s).display !== 'none').map(s => s.getBoundingClientRect().height))")
    assert all(len(heights) == 1 and heights[0] > 50 for heights in shown)
    assert page.evaluate("() => [...document.querySelectorAll('.md-nav--primary a')].filter(a => a.offsetParent).length") >= 6
    context.close()


def _tab_through(page, limit: int = 400) -> list[dict]:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {tag: e.tagName, cls: e.className || '', text: (e.textContent || '').trim().slice(0, 60),
                    href: e.getAttribute('href'), outline: s.outlineStyle + ' ' + s.outlineWidth,
                    shadow: s.boxShadow}; }""")
        if seen and info == seen[0]:
            break
        seen.append(info)
    return seen


@pytest.mark.parametrize("path", ["latest/", "2019-20/compare/"])
def test_keyboard_reaches_selector_navigation_and_every_details(browser, base, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + path)
    focused = _tab_through(page)
    texts = [f["text"] for f in focused]
    assert any(f["href"] and "2019-20/" in f["href"] for f in focused), "year selector"
    assert any(f["href"] and "compare/" in f["href"] for f in focused), "navigation"
    summaries = page.evaluate("() => document.querySelectorAll('summary').length")
    assert sum(1 for f in focused if f["tag"] == "SUMMARY") == summaries
    for f in focused:
        assert f["outline"] != "none 0px" or f["shadow"] != "none", f"no visible focus on {f}"
    assert texts
    page.close()


def test_keyboard_opens_details_and_changes_version(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "latest/")
    summary = page.locator("#figure-received summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('#figure-received details').open")
    page.locator(".cr-years a[aria-current]").focus()
    links = page.locator(".cr-years a")
    assert links.count() >= 4
    for _ in range(links.count()):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "2019 to 2020":
            break
    assert page.evaluate("() => Boolean(document.activeElement.closest('.cr-years'))")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/2019-20/"))
    assert "older report" in page.locator(".cr-newer").inner_text()
    page.close()


@pytest.mark.parametrize("path", YEAR_PAGES)
def test_print_has_every_heading_table_and_chart_and_no_navigation(browser, base, example_site, path):
    from pypdf import PdfReader
    page = browser.new_page()
    page.goto(base + path)
    page.emulate_media(media="print")
    rendered = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-search', '.cr-years', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => e.getClientRects().length)""")
    assert len(rendered) == 5 and set(rendered) == {0}  # none of them is drawn
    # A chart's own table is left out of print on purpose where the section's table
    # (or, on Compare, the page's tables) already prints each of its numbers once.
    heights = page.evaluate("() => [...document.querySelectorAll('article table, article figure svg:not(.cr-chart-narrow)')]"
                            ".filter(e => !e.matches('.cr-figure:has(+ .cr-table) .cr-figure-data table'))"
                            ".map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) > 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages).split())
    static = BeautifulSoup((example_site / path / "index.html").read_text(), "html.parser").select_one("article")
    for element in static.select("h1, h2, caption, figcaption"):
        words = " ".join(element.get_text(" ").split())
        assert words[:40] in text, words
    for svg_title in static.select("figure svg .role-title text"):
        assert svg_title.get_text() in text
    page.close()


@pytest.fixture(scope="module")
def series_axe(browser, series_example_site):
    """axe's findings on every page of ``latest`` and of the oldest version of the real two-series
    example, at 1280 and 375 px: each page loaded once per width."""
    from tools.browser import serve
    site = series_example_site
    oldest = min(p.name for p in site.iterdir() if re.fullmatch(r"\d{4}-\d{2}", p.name))
    paths = sorted(page.parent.relative_to(site).as_posix() + "/" for version in ("latest", oldest)
                   for page in (site / version).rglob("index.html"))
    server, url = serve(site)
    found: dict[tuple[str, int], list[str]] = {}
    scrolling: dict[tuple[str, int], list[str]] = {}
    try:
        for width in (1280, 375):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                page.goto(url + path)  # "load": the site loads nothing after it (checked by test_nothing_is_requested_from_another_origin)
                found[(path, width)] = axe_violations(page)
                scrolling[(path, width)] = page.evaluate("""() => [...document.querySelectorAll('.cr-table')]
                    .filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.querySelector('table').id)""")
            page.close()
    finally:
        server.shutdown()
    return found, scrolling


def test_axe_finds_no_violation_on_any_page_of_the_two_series_example(series_axe):
    series_axe = series_axe[0]
    pages = {path for path, _ in series_axe}
    assert {"latest/", "latest/corporate/", "latest/compare/", "latest/code/", "2019-20/", "2019-20/children/"} <= pages
    assert {f"{path} at {width} px": found for (path, width), found in series_axe.items() if found} == {}


def test_the_overviews_tables_fit_a_desktop_window(series_axe):
    scrolling = series_axe[1]
    assert scrolling[("latest/", 1280)] == [] and scrolling[("2019-20/", 1280)] == []


@pytest.mark.parametrize("width", [680, 340])
def test_a_legend_fits_its_chart_in_the_browser(browser, width):
    """Legend names are measured by Chromium in the chart's own font: wide letters, long words
    and sentences all stay inside the chart (report/html.py writes them on lines that fit)."""
    from report.svg import render

    names = ["Formal complaints upheld in full or in part", "WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM", "m" * 90,
             "Complaints about the quality of the service provided to a family", "%@ ✓ 漢字 " * 6]
    rows = tuple({"year": y, "series": n, "value": v, "display": str(v), "segment": 0, "title": "Rates", "axis": "Per cent"}
                 for n in names for y, v in (("2022 to 2023", 4), ("2023 to 2024", 7)))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_content(f"<!doctype html><html><body style='margin:0'>{render('topic_trend', rows, width)}</body></html>")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.chart-legend text')].map(t => {
        const b = t.getBBox(); return [t.textContent, b.x + b.width, b.y + b.height]; })""")
    size = page.evaluate("() => { const box = document.querySelector('svg').viewBox.baseVal; return [box.width, box.height]; }")
    page.close()
    assert len(boxes) >= len(names)
    assert [text for text, right, bottom in boxes if right > size[0] - 4 or bottom > size[1]] == []
