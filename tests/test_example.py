"""The example site's data: Lincolnshire's children's statutory series (moved from the
root) and its council-wide corporate and statutory series, as the sources give them."""

from __future__ import annotations

import html
import re

from report.build import validate_site
from report.commentary import one_folder_down
from report.links import missing_links, read_links, site_urls
from report.series import owns_link
from tests.conftest import ROOT, copy_project


def _site():
    site, errors, warnings = validate_site(ROOT)
    assert errors == [] and warnings == []
    return {s.id: s for s in site.series}


def _year(series, year_id):
    (year,) = [y for y in series.dataset.years if y.id == year_id]
    return year


def test_the_example_has_two_series_with_their_procedures_and_years():
    series = _site()
    assert [(s.id, s.procedure.id, s.order, s.moved_from_root) for s in series.values()] == [
        ("children", "children", 1, True), ("corporate", "corporate", 2, False)]
    assert [(y.id, y.is_draft) for y in series["corporate"].dataset.years] == [
        ("2021-22", False), ("2022-23", False), ("2023-24", False), ("2024-25", False)]
    assert series["children"].how_to_complain is None and series["corporate"].how_to_complain is None  # no source gives it


def test_council_wide_totals_that_the_report_does_not_give_stay_null():
    for year in _site()["corporate"].dataset.years:
        assert {k: v for k, v in year.figures().items() if v is not None} == {}, year.id
        assert year.quarters in ((), None) or set(year.quarters) == {None}


def test_the_service_areas_quarters_add_up_to_their_counts_and_match_the_source():
    corporate = _site()["corporate"]
    expected = {
        "2021-22": {"Children's services (corporate and statutory)": 196, "Highways": 491},
        "2022-23": {"Children's services (corporate and statutory)": 257, "Highways": 492},
        "2023-24": {"Children's services (corporate and statutory)": 339, "Highways": 526,
                    "Transport (public and educational)": 122, "Communities": 96},
        "2024-25": {"Children's services (corporate and statutory)": 318, "Highways": 346,
                    "Transport (public and educational)": 80, "Communities": 71},
    }
    for year_id, counts in expected.items():
        table = _year(corporate, year_id).breakdowns[0]
        assert (table.title, table.by, [c.id for c in table.columns]) == ("Complaints by service area", "service_area",
                                                                           ["q1", "q2", "q3", "q4"])
        assert {r.name: r.count for r in table.rows} == counts
        assert all(sum(r.values) == r.count for r in table.rows)


def test_the_2024_25_tables_match_the_source():
    year = _year(_site()["corporate"], "2024-25")
    tables = {t.title: t for t in year.breakdowns}
    teams = tables["Children's services: complaints by team"]
    assert (sum(r.count for r in teams.rows), sum(r.values[0] for r in teams.rows),
            sum(r.values[1] or 0 for r in teams.rows)) == (161, 3646, 8684)  # the stated totals
    assert [r.name for r in teams.rows if r.values[1] is None] == ["Adoption", "Children in care"]  # "not applicable"
    assert sum(r.count for r in tables["Children's services: outcomes"].rows) == 318
    assert sum(r.count for r in tables["Communities: outcomes"].rows) == 71
    assert sum(r.count for r in tables["Communities: complaints by household waste recycling centre"].rows) == 63
    assert [(r.name, r.count) for r in tables["Highways: outcomes"].rows] == [("Upheld or partially upheld", 121)]
    notes = " ".join(n.text for n in year.notes)
    assert '"a 61% decrease"' in notes and "526" in notes and "report gives no date of publication" in notes
    assert [n.breaks for n in year.notes if n.breaks] == [("complaints.stage1",)]  # the Code's adoption


def test_the_example_with_two_series_builds_and_keeps_every_published_address(series_example_site):
    site = series_example_site
    for page in ("2022-23/children/index.html", "2024-25/corporate/index.html", "2024-25/index.html",
                 "2024-25/data/corporate/2024-25.json", "2022-23/data/2022-23.json"):
        assert (site / page).is_file(), page
    links = read_links(ROOT / "links.txt")
    errors, warnings = missing_links(site, links, {"2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"})
    assert errors == [] and warnings == []
    assert sorted(site_urls(site) - set(links) - {""}) == []  # links.txt lists every address the example has


def test_a_shared_page_of_a_version_belongs_to_the_series_with_a_year_in_it():
    site, _, _ = validate_site(ROOT)
    children, corporate = (owns_link(site.get(s), site) for s in ("children", "corporate"))
    assert [children(u) for u in ("2024-25/", "2023-24/compare/", "2023-24/data/children/2022-23.json")] == [False, False, False]
    assert [corporate(u) for u in ("2024-25/", "2023-24/compare/", "2023-24/data/children/2022-23.json", "2024-25/corporate/")] == [
        True, True, False, True]
    # 2021-22 and 2022-23 have both series: each guards the shared pages; the single-series site's only the moved one
    assert [(children(u), corporate(u)) for u in ("2022-23/", "2022-23/data/2022-23.json", "2019-20/compare/")] == [
        (True, True), (True, True), (True, False)]
    assert (children("2022-23/children/"), corporate("2022-23/children/")) == (True, False)
    assert (children("2018-19/"), corporate("2018-19/")) == (True, False)  # a version no series has: the old site's


def test_the_children_series_shows_its_commentary_from_the_single_series_file(series_example_site):
    page = (series_example_site / "2022-23" / "children" / "index.html").read_text(encoding="utf-8")
    assert "It is reassuring that the ongoing investment" in page
    assert "It is reassuring" not in (series_example_site / "2022-23" / "index.html").read_text(encoding="utf-8")


def test_each_series_commentary_is_checked_and_one_year_has_one_file(tmp_path):
    root = copy_project(tmp_path / "project", single_series=False)
    commentary = root / "docs" / "commentary"
    (commentary / "corporate").mkdir()
    (commentary / "corporate" / "2024-25.md").write_text("Complaints fell 40% this year.\n")
    (commentary / "children").mkdir()
    (commentary / "children" / "2022-23.md").write_text("Fewer complaints.\n")
    (commentary / "children" / "2031-32.md").write_text("Not yet.\n")
    _, errors, warnings = validate_site(root)
    assert [str(e) for e in errors] == [
        "docs/commentary/2022-23.md: and docs/commentary/children/2022-23.md are both the commentary of children for "
        "2022-23 (keep one: move this file to docs/commentary/children/2022-23.md)",
        "docs/commentary/corporate/2024-25.md:1: hand-typed percentage '40%': use {{ stat('<name>') }} "
        "(names are listed on the About page) so the figure comes from the data",
    ]
    assert [str(w) for w in warnings] == [
        "docs/commentary/children/2031-32.md: warning: children has no data file for 2031-32, so this commentary is not shown"]


def _head(site, page):
    text = (site / page).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)).strip()
    alternates = re.findall(r'<link rel="alternate" type="application/json" href="([^"]+)"', text)
    return html.unescape(title), html.unescape(h1), alternates


def test_each_page_is_named_for_its_series_or_the_councils_reports(series_example_site):
    site = series_example_site
    assert _head(site, "2024-25/index.html")[:2] == ("Lincolnshire County Council complaints reports 2024 to 2025",
                                                     "Lincolnshire County Council complaints reports 2024 to 2025")
    assert _head(site, "2024-25/corporate/index.html")[:2] == (
        "Corporate and statutory complaints report 2024 to 2025 - Lincolnshire County Council",
        "Corporate and statutory complaints report 2024 to 2025")
    assert _head(site, "2022-23/children/index.html")[:2] == (
        "Children's Social Care statutory complaints report 2022 to 2023 - Lincolnshire County Council",
        "Children's Social Care statutory complaints report 2022 to 2023")
    assert _head(site, "2024-25/compare/index.html")[0] == "Compare years - Lincolnshire County Council complaints reports 2024 to 2025"
    for page in site.glob("*/**/*.html"):
        text = html.unescape(page.read_text(encoding="utf-8"))
        assert "Children's Social Care complaints report" not in text, page  # the single-series name, no longer the site's


def test_each_json_alternate_of_a_page_exists(series_example_site):
    site = series_example_site
    assert _head(site, "2024-25/index.html")[2] == ["./data/corporate/2024-25.json"]
    assert _head(site, "2022-23/index.html")[2] == ["./data/children/2022-23.json", "./data/corporate/2022-23.json"]
    assert _head(site, "2024-25/corporate/index.html")[2] == ["../data/corporate/2024-25.json"]
    for page in site.glob("*/**/index.html"):
        for href in _head(site, page.relative_to(site).as_posix())[2]:
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_a_series_without_headline_figures_says_so_on_the_overview(series_example_site):
    text = re.sub(r"<[^>]+>", "", (series_example_site / "2024-25" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(html.unescape(text).split())
    assert ("Headline figures Corporate and statutory complaints "
            "This report gives no headline figure (complaints received, upheld or on time) "
            "for the series as a whole: its page has the figures it gives.") in text


def test_a_series_with_no_figure_in_any_year_has_no_tables_of_dashes_to_compare(series_example_site):
    page = (series_example_site / "2024-25" / "compare" / "index.html").read_text(encoding="utf-8")
    corporate = page[page.index('id="series-corporate"'):]
    assert "there is nothing to compare here" in corporate and "<table" not in corporate
    assert "Breaks in series" in corporate  # the 2024-25 break is still said
    children = page[page.index('id="series-children"'):page.index('id="series-corporate"')]
    assert "nothing to compare" not in children and "<table" in children


def test_a_series_commentary_links_from_its_page_one_folder_down():
    text = ("See [the data](data.md), ![chart](assets/a.png) and [about][a].\n\n[a]: about.md#terms\n"
            "Not [this](https://example.org/x), [here](#notes) or [root](/x/).\n")
    assert one_folder_down(text) == (
        "See [the data](../data.md), ![chart](../assets/a.png) and [about][a].\n\n[a]: ../about.md#terms\n"
        "Not [this](https://example.org/x), [here](#notes) or [root](/x/).\n")
