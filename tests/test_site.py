"""The built site, end to end: files, pages, figures, versions, failures.

The session's sites (tests/conftest.py) are read by most tests; the few that build
their own check the build itself."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from report.build import BuildError, build_site, plan
from report.load import load_dir
from tests.conftest import ROOT, copy_project


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


def test_versions_latest_and_root_redirect(example_site):
    for version in ("2019-20", "2020-21", "2021-22", "2022-23", "latest"):
        for sub in ("", "compare/", "data/", "about/", "reports/", "accessibility/"):
            assert (example_site / version / sub / "index.html").is_file(), f"{version}/{sub}"
    versions = json.loads((example_site / "versions.json").read_text())
    assert versions[0] == {"version": "2022-23", "title": "2022 to 2023", "aliases": ["latest"]}
    assert [v["version"] for v in versions] == ["2022-23", "2021-22", "2020-21", "2019-20"]
    assert all(v["aliases"] == [] for v in versions[1:])
    root = (example_site / "index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=latest/"' in root and 'href="latest/"' in root
    assert (example_site / "latest" / "index.html").read_bytes() == (example_site / "2022-23" / "index.html").read_bytes()


def test_year_page_carries_the_seed_figures(example_site):
    soup = page(example_site, "2022-23/index.html")
    body = text(soup)
    assert soup.h1.get_text(" ", strip=True) == "Children's Social Care complaints report 2022 to 2023"
    assert "Presented to the Children and Young People Scrutiny Committee on 8 March 2024." in body
    cards = {c.select_one(".cr-label").get_text(): c.select_one(".cr-value").get_text(" ", strip=True)
             for c in soup.select(".cr-card")}
    assert cards == {
        "Contacts from people wishing to complain": "129", "Resolved informally": "27 (21% of contacts)",
        "Formal complaints (stage 1)": "102", "Upheld": "7 (7% of formal complaints)", "Partially upheld": "28 (27% of formal complaints)",
        "Stage 2 complaints": "2 (2% of formal complaints)",
    }
    for phrase in ("49,974 contacts, of which 7,140 opened as referrals", "Complaint contacts equalled 1.8% of the number of referrals",
                   "a decrease of 6% on 2021 to 2022 (109), a reduction of 7 complaints",
                   "7 (7%) were upheld in full, down from 29 in 2021 to 2022",
                   "lack of communication, assessment errors and delays in service",
                   "2 complaints (2% of formal complaints) were escalated to stage 2"):
        assert phrase in body
    headings = [h.get_text() for h in soup.select("article h2")]
    assert headings == ["At a glance", "Headline figures", "Summary", "Commentary", "Complaints received and how they were resolved",
                        "Outcomes of formal complaints", "Escalation through the stages", "Themes of upheld complaints",
                        "Trends over the years", "Notes", "Source"]
    assert soup.select_one('link[rel="alternate"][type="application/json"]')["href"] == "./data/2022-23.json"


def test_tables_show_the_numbers_in_the_json(example_site):
    data = json.loads((example_site / "2022-23/data/2022-23.json").read_text())
    soup = page(example_site, "2022-23/index.html")
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")]
            for tr in soup.select("#table-received tbody tr, #table-outcomes tbody tr")}
    figures = data["figures"]
    assert rows["Contacts from people wishing to complain"][0] == f"{figures['complaints']['contacts']:,}"
    assert rows["Contacts to the service"][0] == f"{figures['context']['social_care_contacts']:,}"
    assert rows["Resolved informally"][1] == data["statistics"]["informal_rate"]["display"] + " of contacts"
    assert rows["Formal complaints (stage 1)"][2:] == ["109", "", "down " + data["changes"]["complaints.stage1"]["display"], ""]
    # 29 -> 7: a small number (under 10), so the change is a count, not a per cent; the rates compare in points
    assert rows["Upheld"][2:] == ["29", "27%", "down 22", "down " + data["changes"]["upheld_rate"]["display"]]
    assert data["changes"]["outcomes.upheld"]["display"] is None
    assert rows["Not upheld"][0] == "not published"


def test_json_downloads_match_the_spec(example_site):
    data = json.loads((example_site / "2022-23/data/2022-23.json").read_text())
    assert data["statistics"]["informal_rate"]["display"] == "21%"
    assert data["statistics"]["referral_complaint_rate"]["display"] == "1.8%"
    c = data["changes"]["complaints.stage1"]
    assert (c["difference"], c["display"], c["direction"]) == (-7, "6%", "decrease")
    assert json.loads((example_site / "2019-20/data/2019-20.json").read_text())["changes"] == {}
    older = example_site / "2021-22" / "data"
    assert sorted(p.name for p in older.iterdir()) == ["2019-20.json", "2020-21.json", "2021-22.json", "all-years.csv",
                                                       "all-years.json", "index.html", "schema.json"]
    assert (example_site / "2022-23/data/schema.json").read_text() == (ROOT / "data/schema.json").read_text()


def test_downloads_page_lists_each_file_with_its_size(example_site):
    """The size shown is the file's real size: exact in bytes below 1 KB, else to 0.1 KB."""
    soup = page(example_site, "2022-23/data/index.html")
    folder = example_site / "2022-23/data"
    rows = soup.select("#table-downloads tbody tr")
    assert sorted(row.a["href"] for row in rows) == sorted(p.name for p in folder.iterdir() if p.name != "index.html")
    for row in rows:
        size = (folder / row.a["href"]).stat().st_size
        shown = row.select("td")[-1].get_text()
        if bytes_ := re.fullmatch(r"([\d,]+) bytes", shown):
            assert size < 1024 and int(bytes_[1].replace(",", "")) == size, shown
        else:
            kb = re.fullmatch(r"(\d+\.\d) KB", shown)
            assert kb and size >= 1024 and abs(float(kb[1]) * 1024 - size) <= 0.05 * 1024, (shown, size)
    assert "complaints.stage1" in text(soup) and "Stage 1 responses sent within the statutory timescale." in text(soup)


def test_older_versions_link_to_the_same_page_of_latest(example_site):
    for version, sub in (("2021-22", ""), ("2019-20", "compare/")):
        link = page(example_site, f"{version}/{sub}index.html").select_one(".cr-newer a")
        target = (example_site / version / sub / link["href"]).resolve()
        assert target == (example_site / "latest" / sub).resolve()
    assert page(example_site, "2022-23/index.html").select_one(".cr-newer") is None
    assert page(example_site, "latest/compare/index.html").select_one(".cr-newer") is None


def test_compare_page_has_every_year_up_to_the_version(example_site):
    soup = page(example_site, "2021-22/compare/index.html")
    head = [th.get_text() for th in soup.select("#compare-counts thead th")]
    assert head == ["Figure", "2019 to 2020", "2020 to 2021", "2021 to 2022"]
    stage1 = [r for r in soup.select("#compare-counts tbody tr") if r.th.get_text() == "Formal complaints (stage 1)"][0]
    assert [td.get_text() for td in stage1.select("td")] == ["111", "91", "109"]
    rates = [r for r in soup.select("#compare-statistics tbody tr") if r.th.get_text() == "Contacts resolved informally"][0]
    assert [" ".join(td.get_text().split()) for td in rates.select("td")] == ["not available 1", "33%", "not available 2"]
    notes = [li.get_text() for li in soup.select(".cr-table:has(#compare-statistics) + .cr-footnotes li")]
    assert notes[:2] == ["no figure for 2019 to 2020", "no figure for 2021 to 2022"]


def test_all_reports_page_lists_permanent_links(example_site):
    soup = page(example_site, "2022-23/reports/index.html")
    links = [a["href"] for a in soup.select(".cr-reports a")]
    assert links == ["../../2022-23/", "../../2021-22/", "../../2020-21/", "../../2019-20/"]


def test_no_page_shows_none_nan_or_a_traceback(example_site):
    for path in example_site.rglob("*.html"):
        words = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        for bad in (r"\bNone\b", r"\bnan\b", "Traceback", "Macro Rendering Error"):
            assert not re.search(bad, words), f"{bad} in {path}"
        if path.parent.name not in ("data", "about"):  # those pages explain what null means
            assert not re.search(r"\bnull\b", words), path


def test_nothing_is_loaded_from_another_origin(example_site):
    for path in example_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for node in soup.find_all(tag):
                value = node.get(attr) or ""
                assert not re.match(r"^(https?:)?//", value) or (tag == "link" and node.get("rel") == ["canonical"]), f"{value} in {path}"
    for css in example_site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text()


def test_drafts_only_in_previews(variant_project, variant_site):
    deploy = plan(variant_project, load_dir(variant_project / "data"), drafts=False)
    assert (deploy.versions[-1], deploy.latest) == ("2022-23", "2022-23")  # `make site` leaves the draft out
    versions = json.loads((variant_site / "versions.json").read_text())
    assert versions[0] == {"version": "2023-24", "title": "2023 to 2024 (draft)", "aliases": []}
    assert versions[1]["aliases"] == ["latest"]
    draft = page(variant_site, "2023-24/index.html")
    assert "Draft: these figures are not yet published." in text(draft)
    assert draft.select_one(".cr-newer") is None  # newer than latest: not "an older report"
    assert page(variant_site, "2021-22/index.html").select_one(".cr-newer") is not None


def test_a_failed_build_leaves_the_previous_site(tmp_path, example_site):
    project = copy_project(tmp_path / "project")  # the build fails on the data: nothing is built
    out = project / "site"
    shutil.copytree(example_site, out)
    before = (out / "2022-23" / "index.html").read_bytes()
    (project / "data" / "2022-23.yaml").write_text((project / "data" / "2022-23.yaml").read_text().replace("stage2: 2 ", "stage2: two "))
    with pytest.raises(BuildError) as err:
        build_site(project, out)
    assert "data/2022-23.yaml:20: complaints.stage2: expected a whole number or null, got 'two'" in str(err.value)
    assert str(err.value).splitlines()[-1] == (
        "1 error in 1 file. Nothing was built. (The data file format is described in README.md.)"
    )
    assert (out / "2022-23" / "index.html").read_bytes() == before
    assert not list(project.glob(".site-build-*"))


def test_a_hand_typed_figure_in_commentary_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")  # the build fails on the commentary: nothing is built
    (project / "docs" / "commentary" / "2022-23.md").write_text("Complaints fell to 102 this year, 6% fewer.\n")
    with pytest.raises(BuildError) as err:
        build_site(project, project / "site")
    assert str(err.value).splitlines()[:2] == [
        "docs/commentary/2022-23.md:1: hand-typed number '102' equals complaints.stage1: "
        "use {{ figure('complaints.stage1') }} so the figure comes from the data",
        "docs/commentary/2022-23.md:1: hand-typed percentage '6%': use {{ stat('<name>') }} "
        "(names are listed on the About page) so the figure comes from the data",
    ]


def test_another_councils_figures_with_gaps_and_nulls(other_site):
    """Adult services, many nulls, a gap year, a series break: every page builds, no None or nan."""
    body = text(page(other_site, "2018-19/index.html"))
    assert "not comparable with 2017 to 2018 (see notes)" in body
    assert "Taken together, 95 complaints (25%) were upheld in full or in part." in body
    gap = json.loads((other_site / "2017-18/data/2017-18.json").read_text())
    assert gap["changes"] == {}  # 2016-17 is missing
    assert gap["statistics"]["stage1_on_time_rate"]["display"] == "86%"
    assert gap["statistics"]["ombudsman_upheld_rate"]["display"] == "67%"
    html = (other_site / "2017-18/index.html").read_text()
    assert "Communication &lt;b&gt;bold&lt;/b&gt; &#123;&#123; 7&#42;7 &#125;&#125;" in html
    assert "Communication <b>bold</b> {{ 7*7 }}" in text(page(other_site, "2017-18/index.html"))  # shown, never evaluated
    for path in other_site.rglob("*.html"):
        words = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert not re.search(r"\bNone\b|\bnan\b", words), path


@pytest.mark.slow
def test_two_builds_are_byte_identical(example_site, tmp_path, monkeypatch):
    """A build from empty caches, in another folder, gives the session's example site
    file for file; so does a build whose every version comes from the version cache."""
    project = copy_project(tmp_path / "project")

    def build(name: str, cache: str) -> Path:
        monkeypatch.setenv("REPORT_VERSION_CACHE", str(tmp_path / cache))
        monkeypatch.setenv("REPORT_CHART_CACHE", str(tmp_path / f"charts-{cache}"))
        build_site(project, tmp_path / name)
        return tmp_path / name

    def differences(c):
        found = c.diff_files + c.left_only + c.right_only
        for sub in c.subdirs.values():
            found += differences(sub)
        return found

    a = build("a", "cache-a")
    assert differences(filecmp.dircmp(a, example_site, ignore=[])) == []
    versions = {p.name for p in a.iterdir() if p.is_dir() and p.name[:2] == "20"}
    kept = [p for p in (tmp_path / "cache-a").iterdir() if not p.name.startswith(".")]  # kept by the processes that built them
    assert len(kept) == len(versions) and all((p / "index.html").is_file() for p in kept)
    c = build("c", "cache-a")  # every version restored from the cache
    assert differences(filecmp.dircmp(a, c, ignore=[])) == []
    assert (a / "2022-23" / "sitemap.xml").read_bytes() == (example_site / "2022-23" / "sitemap.xml").read_bytes()


@pytest.mark.slow
def test_building_in_process_restores_the_working_directory(tmp_path, monkeypatch):
    """One version built in this process (jobs=1, nothing cached): the working directory
    and the environment are as they were."""
    project = copy_project(tmp_path / "project")
    data = project / "data"
    for path in data.glob("*.yaml"):
        if path.stem != "2019-20":
            path.unlink()
    (data / "published.lock.json").unlink()  # a one-year site of its own: started afresh
    (project / "links.txt").unlink()
    monkeypatch.setenv("REPORT_VERSION_CACHE", str(tmp_path / "empty-cache"))
    before, environment = os.getcwd(), dict(os.environ)
    try:
        assert build_site(project, project / "site", jobs=1).versions == ("2019-20",)
        assert os.getcwd() == before
    finally:
        os.environ.clear()
        os.environ.update(environment)


@pytest.mark.slow
def test_workers_started_before_the_checks_build_with_the_builds_date(tmp_path, monkeypatch):
    """A build with no version kept starts its workers while it checks the data (report/build.py,
    ``_early_workers``): they build with the build's date (here the fixed date outside git, with no
    SOURCE_DATE_EPOCH set), file for file as this process builds the same versions."""
    project = copy_project(tmp_path / "project")
    data = project / "data"
    for path in data.glob("*.yaml"):
        if path.stem not in ("2019-20", "2020-21"):
            path.unlink()
    (data / "published.lock.json").unlink()  # a two-year site of its own: started afresh
    (project / "links.txt").unlink()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setenv("SITE_URL", "https://example.org/complaints/")  # the sitemap then dates each page by the build
    import report.build as build

    started = []
    monkeypatch.setattr(build, "_pool", lambda workers, pool=build._pool: started.append(workers) or pool(workers))
    sites = {}
    for jobs in (2, 1):
        monkeypatch.setenv("REPORT_VERSION_CACHE", str(tmp_path / f"empty-{jobs}"))
        (tmp_path / f"empty-{jobs}" / ".interrupted-store").mkdir(parents=True)  # a leftover, not a version kept
        build_site(project, tmp_path / f"site-{jobs}", jobs=jobs)
        sites[jobs] = tmp_path / f"site-{jobs}"
    assert started == [2]  # the workers were started before the checks, once, and only for jobs=2
    assert "SOURCE_DATE_EPOCH" not in os.environ
    compared = filecmp.dircmp(sites[2] / "2020-21", sites[1] / "2020-21", ignore=[])
    assert compared.diff_files == compared.left_only == compared.right_only == []
    assert "<lastmod>1980-01-01</lastmod>" in (sites[2] / "2020-21" / "sitemap.xml").read_text(encoding="utf-8")
