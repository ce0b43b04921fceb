"""Printing a report as a committee paper (Chromium's print to PDF, A4), browser
titles, and the year selector that works without JavaScript."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader  # noqa: E402

pytestmark = pytest.mark.browser

PAGES = [f"{version}/{page}" for version in ("latest", "2019-20")
         for page in ("", "compare/", "data/", "about/", "reports/", "accessibility/")]
PAGE_NUMBER = re.compile(r"^Page \d+ of \d+$")
REPORT = "Children's Social Care complaints report"
COUNCIL = "Lincolnshire County Council"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def year_pdf(browser, base) -> list[str]:
    """The 2022-23 year page printed to A4 as a reader's browser prints it: the text of each page."""
    page = browser.new_page()
    page.goto(base + "2022-23/")
    pdf = page.pdf(format="A4")
    page.close()
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def static(example_site, path: str) -> BeautifulSoup:
    return BeautifulSoup((example_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_year_page_prints_in_at_most_five_a4_pages(year_pdf):
    assert 1 <= len(year_pdf) <= 5
    assert [line for text in year_pdf for line in text.splitlines() if PAGE_NUMBER.match(line.strip())] == \
        [f"Page {n} of {len(year_pdf)}" for n in range(1, len(year_pdf) + 1)]


def test_no_page_ends_with_a_heading(year_pdf, example_site):
    headings = {words(h.get_text(" ")) for h in static(example_site, "2022-23").select("article h1, article h2, article h3")}
    assert len(headings) > 5
    for number, text in enumerate(year_pdf, start=1):
        lines = [words(line) for line in text.splitlines() if words(line) and not PAGE_NUMBER.match(line.strip())]
        assert lines, f"page {number} is empty"
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"


def test_every_heading_and_caption_of_the_screen_version_is_printed(year_pdf, example_site):
    printed = words(" ".join(year_pdf))
    article = static(example_site, "2022-23").select_one("article")
    wanted = [words(e.get_text(" ")) for e in article.select("h1, h2, h3, figcaption, caption")]
    assert len(wanted) > 15
    assert [w for w in wanted if w not in printed] == []
    # each chart prints with its title and every table of figures (one per chart) is complete
    for table in article.select("table"):
        figure = table.find_parent("figure")
        after = figure.find_next_sibling() if figure else None
        if after is not None and "cr-table" in (after.get("class") or []):
            continue  # a chart followed by its section's table prints that table only (each number once)
        for row in table.select("tbody tr"):
            assert words(row.get_text(" ")) in printed


def test_each_number_is_printed_once_after_a_chart(browser, base):
    page = browser.new_page()
    page.goto(base + "2022-23/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll('article figure')].map(f => {
        const next = f.nextElementSibling;
        const own = f.querySelector('.cr-figure-data');
        return [own && own.getClientRects().length > 0, !!(next && next.matches('.cr-table'))];
    })""")
    page.close()
    assert len(shown) >= 4
    assert all(own != followed for own, followed in shown)  # exactly one table of its figures
    assert [True, False] in shown and [False, True] in shown


def test_printed_page_names_council_report_year_address_and_date(year_pdf):
    first = [words(line) for line in year_pdf[0].splitlines() if words(line) and not PAGE_NUMBER.match(line.strip())]
    assert first[0] == f"{COUNCIL} {REPORT} 2022 to 2023"
    last = [words(line) for line in year_pdf[-1].splitlines() if words(line) and not PAGE_NUMBER.match(line.strip())]
    assert re.fullmatch(r"Permanent address: http://127\.0\.0\.1:\d+/2022-23/", last[-2])
    today = date.today()
    assert last[-1] in {f"Printed on {d.day} {d.strftime('%B %Y')}." for d in (today, date.fromordinal(today.toordinal() - 1))}


def test_screen_hides_the_print_blocks(browser, base):
    page = browser.new_page()
    page.goto(base + "2022-23/")
    drawn = "() => [...document.querySelectorAll('.cr-print-head, .cr-print-foot')].map(e => e.getClientRects().length)"
    assert page.evaluate(drawn) == [0, 0]
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_browser_title_names_page_report_year_and_council(example_site, path):
    nav_titles = {"": "", "compare/": "Compare years - ", "data/": "Data - ", "about/": "About - ",
                  "reports/": "All reports - ", "accessibility/": "Accessibility - "}
    year = "2022 to 2023" if path.startswith("latest") else "2019 to 2020"
    assert static(example_site, path).title.get_text() == f"{nav_titles[path.split('/', 1)[1]]}{REPORT} {year} - {COUNCIL}"


def test_year_selector_works_without_javascript(browser, base, example_site):
    versions = json.loads((example_site / "versions.json").read_text(encoding="utf-8"))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in PAGES:
        page.goto(base + path)
        nav = page.evaluate("""() => {
            const nav = document.querySelector('nav[aria-labelledby="cr-years-label"]');
            if (!nav) return null;
            return {name: document.getElementById('cr-years-label').textContent.trim(), shown: nav.getClientRects().length > 0,
                    links: [...nav.querySelectorAll('a')].map(a => ({text: a.textContent.trim(), href: a.href,
                            current: a.getAttribute('aria-current'), shown: a.getClientRects().length > 0}))};
        }""")
        assert nav and nav["name"] == "Reports by year" and nav["shown"], path
        version = "2022-23" if path.startswith("latest") else "2019-20"
        rest = path.split("/", 1)[1]
        assert [(a["text"], a["href"]) for a in nav["links"]] == \
            [(v["title"], urljoin(base, f"{v['version']}/{rest}")) for v in versions], path
        assert [a["text"] for a in nav["links"] if a["current"] == "page"] == \
            [v["title"] for v in versions if v["version"] == version], path
        assert all(a["shown"] for a in nav["links"])
    page.click("text=2020 to 2021")  # a link, followed with JavaScript off
    assert page.url == urljoin(base, "2020-21/accessibility/")
    assert page.locator("nav[aria-labelledby='cr-years-label'] a[aria-current='page']").inner_text() == "2020 to 2021"
    context.close()
