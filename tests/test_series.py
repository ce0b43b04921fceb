"""Report series: discovery of series folders, series.yaml, figures per
procedure and per stage, and the checks of a site with several series."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from report import html as report_html
from report.build import build_site, validate_site
from report.fmt import HouseStyle, percent
from report.lock import lock_entry
from report.procedures import preset
from report.series import check_site, read_series_file
from report.stats import changes, statistics_for
from tests.conftest import copy_project

SERIES_YAML = {
    "children": "title: Children's social care statutory complaints\nprocedure: children\norder: 1\n"
                "committee: Children and Young People Scrutiny Committee\n",
    "adults": "title: Adult social care complaints\nprocedure: adults\norder: 2\n"
              "how_to_complain: https://www.example.gov.uk/adult-complaints\n",
    "corporate": "title: Corporate complaints\nprocedure: corporate\n",
}
YEARS = {
    "children": {
        "2020-21": "complaints: {contacts: 120, informal: 60, stage1: 50, stage2: 6, stage3: 2}\n"
                   "outcomes: {upheld: 10, partially_upheld: 12, not_upheld: 25}\n"
                   "outcomes_stage2: {upheld: 2, partially_upheld: 1, not_upheld: 3}\n"
                   "timeliness: {stage1_on_time: 40, stage1_responded: 50, stage2_on_time: 4, stage2_responded: 6, "
                   "stage2_average_days: 31.5}\n",
        "2021-22": "complaints: {contacts: 130, informal: 70, stage1: 55, stage2: 5, stage3: 1}\n"
                   "outcomes: {upheld: 11, partially_upheld: 10, not_upheld: 30}\n"
                   "timeliness: {stage1_on_time: 45, stage1_responded: 55, stage3_on_time: 1}\n",
        "2022-23": "complaints: {contacts: 140, informal: 75, stage1: 60, stage2: 8, stage3: 2}\n"
                   "outcomes: {upheld: 12, partially_upheld: 15, not_upheld: 30}\n"
                   "quarters: [10, 20, 15, 15]\n",
    },
    "adults": {
        "2020-21": "complaints: {stage1: 200}\noutcomes: {fault_found: 80}\ntimeliness: {stage1_average_days: 18.2}\n",
        "2021-22": "complaints: {stage1: 210}\noutcomes: {fault_found: 90}\n",
        "2022-23": "complaints: {stage1: 230}\noutcomes: {upheld: 40, partially_upheld: 50, not_upheld: 130}\n"
                   "ombudsman: {complaints: 12, investigated: 4, upheld: 3}\n",
    },
    "corporate": {  # starts two years later than the others
        "2022-23": "complaints: {stage1: 300, stage2: 40}\noutcomes: {upheld: 90, not_upheld: 200}\n"
                   "outcomes_stage2: {upheld: 5, partially_upheld: 5, not_upheld: 30}\n"
                   "timeliness: {stage1_on_time: 250, stage1_extended: 20, stage2_on_time: 30, stage2_responded: 40}\n"
                   "breakdowns:\n"
                   "  - title: Complaints by service area\n    by: service_area\n"
                   "    columns: [{id: open_cases, label: Open cases at 31 March}]\n"
                   "    rows:\n      - {name: Highways, count: 120, open_cases: null}\n      - {name: Libraries, count: "
                   "9, open_cases: 3}\n",
    },
}


def write_site(data: Path, series: dict[str, str] = SERIES_YAML, years: dict[str, dict[str, str]] = YEARS) -> Path:
    for sid, settings in series.items():
        folder = data / sid
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "series.yaml").write_text(settings)
        for year, body in years.get(sid, {}).items():
            end = int(year[:4]) + 2
            (folder / f"{year}.yaml").write_text(f"year: {year}\nstatus: published\npublished: {end}-01-15\n{body}")
    return data


@pytest.fixture
def three(tmp_path) -> Path:
    return write_site(tmp_path / "data")


def errors(data: Path) -> list[str]:
    return [str(p) for p in check_site(data, "data").errors]


def test_three_series_are_found_in_order_with_their_procedures(three):
    result = check_site(three, "data")
    assert not result.errors
    site = result.site
    assert site.multi
    assert [(s.id, s.procedure.id, s.order) for s in site.series] == [
        ("children", "children", 1), ("adults", "adults", 2), ("corporate", "corporate", None)]
    assert site.get("children").committee == "Children and Young People Scrutiny Committee"
    assert site.get("adults").how_to_complain == "https://www.example.gov.uk/adult-complaints"
    assert site.year_ids == ("2020-21", "2021-22", "2022-23")
    assert [s.id for s in site.in_year("2021-22")] == ["children", "adults"]
    assert [s.id for s in site.upto("2021-22").series] == ["children", "adults"], "no series before its first year"
    assert site.get("corporate").first_year == "2022-23"


def test_figures_per_stage_are_read_exactly(three):
    site = check_site(three, "data").site
    children = site.get("children").dataset
    first = children.get("2020-21")
    assert first.outcomes_stage2.upheld == 2 and first.timeliness.stage2_average_days == Fraction(63, 2)
    assert children.get("2022-23").quarters == (10, 20, 15, 15)
    corporate = site.get("corporate").dataset.get("2022-23")
    table = corporate.breakdowns[0]
    assert (table.title, table.by, [c.label for c in table.columns]) == (
        "Complaints by service area", "service_area", ["Open cases at 31 March"])
    assert [(r.name, r.count, r.values) for r in table.rows] == [("Highways", 120, (None,)), ("Libraries", 9, (3,))]
    stats = {s.name: s.measure(corporate).value for s in statistics_for(preset("corporate"))}
    assert stats["stage2_fault_found_rate"] == Fraction(10, 40)
    assert stats["stage2_on_time_rate"] == Fraction(30, 40)
    assert stats["stage1_extended_rate"] == Fraction(20, 300), "stage 1 responses not published: of complaints received"
    assert "stage3_escalation_rate" not in stats


def test_changes_follow_the_procedure_and_compare_only_years_a_series_has(three):
    site = check_site(three, "data").site
    adults = site.get("adults")
    found = changes(adults.dataset, adults.dataset.get("2022-23"), adults.procedure)
    assert "complaints.stage2" not in found and "stage2_escalation_rate" not in found
    assert found["outcomes.fault_found"].difference == 0  # 40 + 50 from its parts, against 90
    corporate = site.get("corporate")
    assert changes(corporate.dataset, corporate.dataset.get("2022-23"), corporate.procedure) == {}


def test_a_figure_the_procedure_does_not_have_is_an_error_on_its_line(tmp_path):
    years = {"adults": {"2022-23": textwrap.dedent("""\
        complaints:
          contacts: 40
          stage1: 10
          stage2: null
        outcomes_stage3:
          upheld: 1
        timeliness:
          stage2_on_time: 1
        notes:
          - text: Stage two changed.
            breaks: [complaints.stage3]
        revisions:
          - {date: 2024-02-01, field: complaints.stage2, from: 1, to: null, reason: Typing error}
        """)}}
    data = write_site(tmp_path / "data", {"adults": SERIES_YAML["adults"]}, years)
    name = "the Adult social care statutory complaints procedure"
    assert errors(data) == [
        f"data/adults/2022-23.yaml:5: complaints.contacts: is not one of the figures of {name}, which records no contacts "
        f"or early resolution before the first stage (delete the line)",
        f"data/adults/2022-23.yaml:7: complaints.stage2: is not one of the figures of {name}, which has one stage (delete the line)",
        f"data/adults/2022-23.yaml:9: outcomes_stage3.upheld: is not one of the figures of {name}, which has one stage (delete the line)",
        f"data/adults/2022-23.yaml:11: timeliness.stage2_on_time: is not one of the figures of {name}, which has one "
        f"stage (delete the line)",
        f"data/adults/2022-23.yaml:14: notes[1].breaks: complaints.stage3 is not one of the figures of {name}, which has "
        f"one stage (delete the line)",
        f"data/adults/2022-23.yaml:16: revisions[1].field: complaints.stage2 is not one of the figures of {name}, which "
        f"has one stage (delete the line)",
    ]


def test_a_corporate_series_has_two_stages_and_no_third(tmp_path):
    years = {"corporate": {"2022-23": "complaints: {stage1: 10, stage2: 2, stage3: 1}\n"}}
    data = write_site(tmp_path / "data", {"corporate": SERIES_YAML["corporate"]}, years)
    assert errors(data) == ["data/corporate/2022-23.yaml:4: complaints.stage3: is not one of the figures of the "
                            "Corporate complaints procedure, which has two stages (delete the line)"]


def test_layout_problems_are_one_line_each(three):
    (three / "2022-23.yaml").write_text("year: 2022-23\nstatus: draft\n")
    (three / "published.lock.json").write_text("{}")
    (three / "series.yaml").write_text("title: x\n")
    (three / "old").mkdir()
    (three / "Adults_2").mkdir()
    (three / "compare").mkdir()
    (three / ("a" * 31)).mkdir()
    (three / "notes.txt").write_text("x")
    folder = "every folder in the data folder of a site with report series is a series"
    assert errors(three) == [
        "data/2022-23.yaml: this site has report series (data/<series>/series.yaml), so its year files and lock are in "
        "series folders: move it into a series folder",
        "data/Adults_2: 'Adults_2' is not a series id (expected lower-case letters and digits in words joined by '-', "
        "starting with a letter, e.g. children or adult-social-care: rename the folder)",
        f"data/{'a' * 31}: the folder name '{'a' * 31}' is 31 characters long: a series id has at most 30 (rename the folder)",
        "data/compare: 'compare' is the name of a page of every version, so it cannot be a series id (rename the folder, "
        "e.g. compare-complaints)",
        "data/notes.txt: not a series folder or year file (move it out of the data folder)",
        f"data/old: a folder without series.yaml: {folder} (add data/old/series.yaml, or move the folder out)",
        "data/published.lock.json: this site has report series (data/<series>/series.yaml), so its year files and lock "
        "are in series folders: move it into a series folder",
        "data/series.yaml: a series.yaml belongs in a series folder, data/<series>/series.yaml (move it there with the "
        "series' year files and lock)",
    ]


def test_a_single_series_site_is_unchanged_and_follows_its_settings(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "2022-23.yaml").write_text("year: 2022-23\nstatus: draft\ncomplaints: {stage1: 5, stage2: 1}\n")
    result = check_site(data, "data")
    assert not result.errors and not result.site.multi and result.site.series[0].dataset.years[0].complaints.stage2 == 1
    from report.series import Series
    adults = check_site(data, "data", Series("", "Adults", preset("adults")))
    assert [str(p) for p in adults.errors] == [
        "data/2022-23.yaml:3: complaints.stage2: is not one of the figures of the Adult social care statutory complaints procedure, "
        "which has one stage (delete the line)"]


@pytest.mark.parametrize("text, expected", [
    ("procedure: children\n", ["data/x/series.yaml:1: title: is missing (expected text)"]),
    ("title: X\n", ["data/x/series.yaml:1: procedure: is missing (expected a preset: children, adults, corporate or housing; "
                    "or a custom procedure)"]),
    ("title: X\nprocedure: kids\n", ["data/x/series.yaml:2: procedure: 'kids' is not a preset procedure "
                                     "(expected one of: children, adults, "
                                     "corporate, housing; or a custom procedure written as a group of settings)"]),
    ("title: X\nprocedure: adults\nhow_to_complain: http://example.gov.uk\n",
     ["data/x/series.yaml:3: how_to_complain: expected a web address starting https://, got 'http://example.gov.uk'"]),
    ("title: X\nprocedure: adults\nmoved_from_root: yes\n", ["data/x/series.yaml:3: moved_from_root: expected true or false, got yes"]),
    ("title: X\nprocedure: adults\norder: -1\n",
     ["data/x/series.yaml:3: order: -1 is negative (expected a whole number of 0 or more, or null)"]),
    ("title: X\nprocedure: adults\ncolour: red\n", ["data/x/series.yaml:3: colour: unknown field (expected one of: title, procedure, "
                                                    "committee, how_to_complain, order, moved_from_root)"]),
    ("title: !!python/object/apply:os.system [echo]\nprocedure: adults\n",
     ["data/x/series.yaml:1: title: the YAML tag '!!python/object/apply:os.system' is not allowed "
      "(write the value plainly, without a tag)"]),
    ("title: &a X\nprocedure: adults\n", ["data/x/series.yaml:1: the anchor '&a' is not allowed (write each value out in full)"]),
    ("", ["data/x/series.yaml:1: the file is empty (expected fields such as 'title: ...' and 'procedure: children')"]),
    ("title: X\nprocedure:\n  name: Own\n  stages:\n    - id: stage1\n      name: One\n      respond_within: ten\n",
     ["data/x/series.yaml:7: procedure.stages[1].respond_within: expected a number of working days from 1 to 365, or null, got 'ten'"]),
])
def test_each_series_file_problem_is_one_line(tmp_path, text, expected):
    path = tmp_path / "series.yaml"
    path.write_text(text)
    series, problems = read_series_file(path, "data/x/series.yaml", "x")
    assert series is None
    assert [str(p) for p in problems] == expected


def test_a_custom_procedure_in_series_yaml_words_the_series(tmp_path):
    path = tmp_path / "series.yaml"
    path.write_text(textwrap.dedent("""\
        title: Adult social care complaints
        procedure:
          name: Adult social care complaints procedure (two stages)
          law: null
          stages:
            - {id: stage1, name: Stage 1, called: team response, respond_within: 15, extended_within: 30}
            - {id: stage2, name: Stage 2, called: review by a senior manager, respond_within: 20}
          after: Local Government and Social Care Ombudsman
        """))
    series, problems = read_series_file(path, "data/adults/series.yaml", "adults")
    assert not problems
    assert series.procedure.stages[1].called == "review by a senior manager"
    assert series.procedure.stages[0].timescale == "a response within 15 working days, or 30 with an extension"


def test_two_series_cannot_both_have_moved_from_the_root(tmp_path):
    data = write_site(tmp_path / "data", {"a": "title: A\nprocedure: adults\nmoved_from_root: true\n",
                                          "b": "title: B\nprocedure: adults\nmoved_from_root: true\n"}, {})
    assert errors(data) == ["data/b/series.yaml: moved_from_root: is also true for data/a: only one series was the single-series "
                            "site before (set it on that one only)"]


def test_each_series_has_its_own_lock_and_links_stay_site_wide(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "data")
    data = write_site(root / "data")
    published = check_site(data, "data").site.get("corporate").dataset.get("2022-23")
    figures = lock_entry(published)["figures"] | {"complaints.stage1": 299}  # as make publish wrote it, but for one figure
    lock = {"schema": 2, "years": {"2022-23": {"published": "2024-01-15", "source": {"title": None, "url": None},
                                               "figures": figures}}, "withdrawn": {}}
    (data / "corporate" / "published.lock.json").write_text(json.dumps(lock))
    (root / "links.txt").write_text("2021-22/children/\n2021-22/data/adults/2021-22.json\n2022-23/corporate/\n")
    monkeypatch.chdir(root)
    _, found, _ = validate_site(root, data, today=dt.date(2026, 1, 1))
    assert [str(p) for p in found] == [
        "data/adults/published.lock.json: is missing, but links.txt lists addresses of 2021-22, so it was published "
        "(restore the lock from git; to start a new site, run 'make new-site CONFIRM=1')",
        "data/children/published.lock.json: is missing, but links.txt lists addresses of 2021-22, so it was published "
        "(restore the lock from git; to start a new site, run 'make new-site CONFIRM=1')",
        "data/corporate/2022-23.yaml:4: complaints.stage1: is 300, but 2022-23 was published with 299 (a published figure "
        "changes only with a revision: add to revisions '- {date: YYYY-MM-DD, field: complaints.stage1, from: 299, to: 300, reason: ...}')",
    ]


# -- built sites: one with three series, one single-series site with its own procedure ------------


def page_text(path: Path) -> str:
    """The words of a page's article (charts' drawings left out), as a reader sees them."""
    text = path.read_text(encoding="utf-8")
    text = text[text.find("<article"):text.find("</article>")]
    text = re.sub(r"<svg.*?</svg>", " ", text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture(scope="session")
def three_site(tmp_path_factory) -> Path:
    """Children's (three stages), adults' (one) and corporate (two, from 2022-23) series, built once."""
    root = copy_project(tmp_path_factory.mktemp("three") / "project")
    shutil.rmtree(root / "data")
    shutil.rmtree(root / "docs" / "commentary", ignore_errors=True)
    write_site(root / "data")
    (root / "links.txt").write_text("")
    config = root / "mkdocs.yml"  # a council name that is not plain text: shown as text on every page
    assert "  name: Lincolnshire County Council\n" in config.read_text()
    config.write_text(config.read_text().replace("  name: Lincolnshire County Council\n", f"  name: {json.dumps(HOSTILE_NAME)}\n", 1))
    out = root / "site"
    build_site(root, out, jobs=2)
    return out


HOSTILE_NAME = 'Lincs" onmouseover="alert(1) <b>&amp;</b>'


def test_the_council_name_is_text_in_every_pages_header(three_site):
    """The site's name on a site with series is made from the council's name: it is escaped like every setting."""
    for path in (three_site / "latest").rglob("index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("[onmouseover], header b, nav b"), path
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text().strip() == f"{HOSTILE_NAME} complaints reports", path


def test_a_version_per_year_and_a_page_per_series_from_its_first_year(three_site):
    assert sorted(p.name for p in three_site.iterdir() if p.is_dir()) == ["2020-21", "2021-22", "2022-23", "latest"]
    for year in ("2020-21", "2021-22"):
        assert (three_site / year / "children" / "index.html").is_file() and (three_site / year / "adults" / "index.html").is_file()
        assert not (three_site / year / "corporate").exists() and not (three_site / year / "data" / "corporate").exists()
    assert (three_site / "2022-23" / "corporate" / "index.html").is_file()
    files = sorted(p.relative_to(three_site / "2022-23" / "data").as_posix() for p in (three_site / "2022-23" / "data").rglob("*.*"))
    assert [f for f in files if f != "index.html"] == [
        "adults/2020-21.json", "adults/2021-22.json", "adults/2022-23.json", "all-series.csv",
        "children/2020-21.json", "children/2021-22.json", "children/2022-23.json", "corporate/2022-23.json", "schema.json"]


def test_no_stage_2_or_3_appears_anywhere_in_the_adults_pages_or_downloads(three_site):
    stage = re.compile(r"stage ?[23]|stage[23]_|outcomes_stage|escalat", re.IGNORECASE)
    checked = 0
    for year in ("2020-21", "2021-22", "2022-23"):
        for path in [three_site / year / "adults" / "index.html", *(three_site / year / "adults" / "charts").iterdir(),
                     *(three_site / year / "data" / "adults").iterdir()]:
            found = stage.findall(page_text(path) if path.suffix == ".html" else path.read_text())
            assert not found, (path, found)
            checked += 1
    assert checked > 10
    rows = list(csv.DictReader(io.StringIO((three_site / "2022-23" / "data" / "all-series.csv").read_text())))
    adults = [r for r in rows if r["series"] == "adults"]
    assert len(adults) == 3 and all(r["procedure"] == "adults" for r in adults)
    assert all(not value for r in adults for key, value in r.items() if stage.search(key) or key.startswith("complaints.contacts"))
    adult_json = json.loads((three_site / "2022-23" / "data" / "adults" / "2022-23.json").read_text())
    assert adult_json["series"] == "adults" and adult_json["procedure"] == "adults"
    assert list(adult_json["figures"]["complaints"]) == ["stage1"]
    assert "outcomes_stage2" not in adult_json["figures"] and not stage.search(json.dumps(adult_json["statistics"]))


def test_each_timescale_sentence_comes_from_its_preset(three_site):
    about = page_text(three_site / "2022-23" / "about" / "index.html")
    for pid in ("children", "adults", "corporate"):
        for s in preset(pid).stages:
            sentence = f"{s.name}{', ' + s.called if s.called else ''}: {s.timescale}."
            assert sentence in about, sentence
    assert "Stage 2, independent investigation: a response within 25 working days, or 65 with an extension." in about
    assert "Stage 3, review panel: convened within 30 working days." in about
    assert "Stage 2, review: a response within 20 working days, or 40 with an extension." in about
    assert "Local stage, council's response: a response within the time agreed with the complainant." in about
    assert "Complaints are acknowledged within 5 working days." in about
    assert "the number the council decided were well-founded" in about


def test_the_overview_table_across_series_matches_the_figures(three_site):
    page = (three_site / "2022-23" / "index.html").read_text()
    table = page[page.index('id="table-overview"'):]
    table = table[:table.index("</table>")]
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table)]
    assert rows[0] == ["Series", "Complaints received", "Fault found", "Responses on time", "Escalated",
                       "Ombudsman complaints"]

    def pct(a: int, b: int) -> str:
        return percent(Fraction(a, b))
    assert rows[1:] == [
        ["Children's social care statutory complaints", "60", f"{pct(12 + 15, 60)} upheld or partially upheld", "not available",
         pct(8, 60), "not published"],
        ["Adult social care complaints", "230", f"{pct(40 + 50, 230)} well-founded", "not available", "no later stage", "12"],
        ["Corporate complaints", "300", "not available", pct(250, 300), pct(40, 300), "not published"],
    ]


def test_the_overview_links_every_series_csv_through_its_macro(three_site):
    """The overview page's download line comes from the all_series_download macro (html.all_series_download)."""
    page = (three_site / "2022-23" / "index.html").read_text()
    links = re.findall(r'<p class="cr-download">The figures of every series are also available as <a href="([^"]+)" type="text/csv">', page)
    assert links == ["data/all-series.csv"] and (three_site / "2022-23" / links[0]).is_file()
    assert "all_series_download" not in page


def test_an_overview_row_says_each_series_own_words():
    """The row's cells are decided in present, in each procedure's words, under neutral headings."""
    from report.model import Complaints, Dataset, Outcomes, ReportingYear, YearId
    from report.present import OVERVIEW_COLUMNS, overview_row, year_report
    year = ReportingYear(YearId(2022), complaints=Complaints(stage1=200, stage2=10), outcomes=Outcomes(upheld=30, partially_upheld=20))
    ds = Dataset((year,))
    adults = overview_row(year_report(ds, "2022-23", procedure=preset("adults"), series_title="Adults"))
    assert adults.series == "Adults"
    assert adults.cells == ("200", "25% well-founded", "not available", "no later stage", "not published")
    corporate = overview_row(year_report(ds, "2022-23", procedure=preset("corporate")))
    assert corporate.cells[1:4] == ("25% upheld or partially upheld", "not available", "5%")
    assert len(OVERVIEW_COLUMNS) == len(adults.cells) and "Fault found" in OVERVIEW_COLUMNS
    nothing = Dataset((ReportingYear(YearId(2022)),))
    assert overview_row(year_report(nothing, "2022-23")).cells == (
        "not published", "not available", "not available", "not available", "not published")


def test_series_pages_are_worded_from_their_procedures(three_site):
    children = page_text(three_site / "2022-23" / "children" / "index.html")
    assert ("8 complaints (13% of formal complaints) were escalated to stage 2 of the statutory process, "
            "the independent investigation.") in children
    assert "In all, two complaints went on to stage 3, the review panel." in children
    corporate = page_text(three_site / "2022-23" / "corporate" / "index.html")
    assert "were escalated to stage 2 of the complaints procedure, the review." in corporate
    assert "Of 40 stage 2 responses, 30 (75%) were sent within the timescale of the code." in corporate
    assert "The timescale was extended for 20 stage 1 responses (7%)." in corporate
    adults = page_text(three_site / "2020-21" / "adults" / "index.html")
    assert "Taken together, 80 complaints (40%) were well-founded." in adults
    assert "A local stage response took 18.2 working days on average." in adults


def test_the_older_report_banner_points_to_the_same_series_in_latest(three_site):
    old = (three_site / "2020-21" / "adults" / "index.html").read_text()
    assert 'href="../../latest/adults/">read the latest version of this page</a>' in old.replace("/.//", "/")
    assert (three_site / "latest" / "adults" / "index.html").is_file()


def test_a_series_moved_from_the_root_keeps_its_old_download_names(tmp_path):
    """The file names the single-series site published stay, with the moved series' data (the build is the session's own:
    only the download list is checked here, through the version's context)."""
    from report.settings import read_config
    from report.version import version_context

    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "data")
    series = dict(SERIES_YAML, children=SERIES_YAML["children"] + "moved_from_root: true\n")
    write_site(root / "data", series)
    extra = dict(read_config(root)["extra"])
    extra["report"] = {"year": "2021-22", "data_dir": "data"}
    ctx = version_context(root, extra)
    names = set(ctx.downloads)
    assert {"2020-21.json", "2021-22.json", "all-years.csv", "all-years.json", "children/2021-22.json", "all-series.csv"} <= names
    assert json.loads(ctx.downloads["2021-22.json"])["series"] == "children"
    assert "charts/figure-received.svg" in ctx.site_files and "children/charts/figure-received.svg" in ctx.site_files


CUSTOM_PROCEDURE = textwrap.dedent("""\
      procedure:
        name: Anyshire adult social care complaints procedure
        law: null
        stages:
          - {id: stage1, name: Team review, called: response by the team manager, respond_within: 15, extended_within: 30}
          - {id: stage2, name: Head of service review, called: review by the head of service, respond_within: 20}
        after: Local Government and Social Care Ombudsman
        terms: {timescale: the council's own timescale, process: the council's procedure}
""")


@pytest.fixture(scope="session")
def custom_site(tmp_path_factory) -> Path:
    """A single-series site whose procedure is declared in mkdocs.yml, one year, built once."""
    root = copy_project(tmp_path_factory.mktemp("custom") / "project")
    for old in (root / "data").glob("*.yaml"):
        old.unlink()
    for record in (root / "data" / "published.lock.json", root / "links.txt"):
        record.unlink()
    shutil.rmtree(root / "docs" / "commentary", ignore_errors=True)
    config = (root / "mkdocs.yml").read_text()
    anchor = "    committee: Children and Young People Scrutiny Committee\n"
    assert anchor in config
    (root / "mkdocs.yml").write_text(config.replace(anchor, anchor + textwrap.indent(CUSTOM_PROCEDURE, "    ")))
    (root / "data" / "2023-24.yaml").write_text(
        "year: 2023-24\nstatus: published\npublished: 2024-07-01\n"
        "complaints: {stage1: 80, stage2: 9}\noutcomes: {upheld: 20, not_upheld: 50}\n"
        "timeliness: {stage1_on_time: 70, stage1_responded: 80, stage2_on_time: 6}\n")
    out = root / "site"
    build_site(root, out, jobs=1)
    return out


def test_a_custom_procedure_in_settings_words_text_tables_charts_and_dictionary(custom_site):
    page = page_text(custom_site / "2023-24" / "index.html")
    assert "80 complaints entered the formal complaints process (team review)" in page
    assert "were escalated to head of service review of the council's procedure, the review by the head of service." in page
    assert "Of 80 team review responses, 70 (88%) were sent within the council's own timescale." in page
    assert "Head of service review complaints 9" in page  # the table row
    assert not re.search(r"stage [123]|stage 1|review panel|statutory", page, re.IGNORECASE)
    chart = (custom_site / "2023-24" / "charts" / "figure-escalation.csv").read_text()
    assert chart.splitlines()[1:] == ["Team review,80,", "Head of service review,9,11%"]
    data = page_text(custom_site / "2023-24" / "data" / "index.html")
    assert "Complaints considered at head of service review, the review by the head of service." in data
    assert "complaints.stage3" not in data and "complaints.contacts" not in data and "complaints.informal" not in data
    about = page_text(custom_site / "2023-24" / "about" / "index.html")
    assert "Team review responses sent within the council's own timescale." in about


@pytest.mark.slow  # runs the tool or renders charts
def test_publish_locks_each_series_in_its_own_folder(tmp_path):
    import subprocess
    import sys

    data = write_site(tmp_path / "data")
    (tmp_path / "links.txt").write_text("")  # the site-wide record of addresses, beside the data folder
    command = [sys.executable, "-m", "report", "publish", "--data", str(data)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("publish: locked children 2020-21, children 2021-22, children 2022-23, adults 2020-21, "
                                     "adults 2021-22, adults 2022-23, corporate 2022-23")
    corporate = json.loads((data / "corporate" / "published.lock.json").read_text())
    assert list(corporate["years"]) == ["2022-23"] and corporate["years"]["2022-23"]["figures"]["complaints.stage2"] == 40
    children = json.loads((data / "children" / "published.lock.json").read_text())
    assert "timeliness.stage2_average_days" not in children["years"]["2020-21"]["figures"]
    again = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert again.stdout.strip() == "publish: every published year was already locked"


def test_the_year_selector_of_a_series_page_goes_to_the_overview_of_a_year_without_it(three_site):
    page = (three_site / "2022-23" / "corporate" / "index.html").read_text()
    selector = page[page.index('class="cr-years__list"'):]
    selector = selector[:selector.index("</ul>")]
    assert re.findall(r'href="([^"]+)"', selector) == ["../../2022-23/corporate/", "../../2021-22/", "../../2020-21/"]
    children = (three_site / "2022-23" / "children" / "index.html").read_text()
    assert 'href="../../2020-21/children/"' in children


def test_quarters_and_breakdowns_are_tables_of_the_series_page(three_site):
    children = page_text(three_site / "2022-23" / "children" / "index.html")
    assert ("Complaints received at the first stage by quarter, 2022 to 2023 Quarter Complaints "
            "April to June 10 July to September 20") in children
    corporate = page_text(three_site / "2022-23" / "corporate" / "index.html")
    assert ("Complaints by service area, 2022 to 2023 Name Complaints Open cases at 31 March "
            "Highways 120 not published Libraries 9 3") in corporate


def test_the_council_folder_is_not_a_series_and_is_checked_on_a_site_with_series(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "data")
    data = write_site(root / "data")
    (data / "council").mkdir()
    (data / "council" / "2022-23.yaml").write_text("year: 2022-23\nbudget: 5\n")
    (root / "links.txt").write_text("")
    monkeypatch.chdir(root)
    site, found, _ = validate_site(root, data, today=dt.date(2026, 1, 1))
    assert [s.id for s in check_site(data, "data").site.series] == ["children", "adults", "corporate"]
    lines = [str(p) for p in found]
    assert lines and all(line.startswith("data/council/2022-23.yaml:2: budget:") for line in lines), lines


def test_the_data_page_names_whose_each_file_is_on_a_site_with_series():
    files = {"children/2022-23.json": b"{}", "2022-23.json": b"{}", "all-years.csv": b"", "corporate/2024-25.json": b"{}",
             "all-series.csv": b"", "schema.json": b"{}"}
    owners = {"children": "Children's social care statutory complaints", "corporate": "Corporate and statutory complaints",
              "": "children"}
    cells = re.findall(r"<td>([^<]*)</td><td>", report_html.downloads_list(files, HouseStyle(), owners))
    assert [c.replace("&#x27;", "'") for c in cells] == [
        "Children's social care statutory complaints: 2022 to 2023: figures, statistics and changes (JSON)",
        "Children's social care statutory complaints: 2022 to 2023: figures, statistics and changes (JSON), "
        "at its earlier address (the same as children/2022-23.json)",
        "Children's social care statutory complaints: every year's figures and statistics, one row per year "
        "(CSV, for spreadsheets), at its earlier address",
        "Corporate and statutory complaints: 2024 to 2025: figures, statistics and changes (JSON)",
        "Every series' figures and statistics, one row per series and year (CSV, for spreadsheets)",
        "JSON Schema of the data files (schema version 1)",
    ]
