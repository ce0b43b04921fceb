"""The year page for readers (issue 14, items 2, 4, 5, 6, 7): small numbers, charts
that read well, a complete permanent address, "At a glance", how to complain and
what the terms mean. Rules through their public functions; pages on the session sites."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from fractions import Fraction as F
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import charts
from charts.theme import NARROW, WIDE, value_ticks
from report import fmt, html, version
from report.__main__ import NO_SITE_URL, main
from report.chart_views import compare_charts, year_charts
from report.fmt import HouseStyle
from report.glance import glance, target_sentence
from report.model import Complaints, Dataset, Ombudsman, Outcomes, ReportingYear, Timeliness, YearId
from report.present import year_report
from report.procedures import Procedure, Stage, preset
from report.settings import SettingsError, read_settings
from report.svg import render
from report.terms import definitions

COUNCIL = {"council": {"name": "A Council", "service": "Children's Social Care"}}


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def two_years(before: Complaints, after: Complaints, **extra) -> Dataset:
    return Dataset((ReportingYear(YearId(2021), complaints=before), ReportingYear(YearId(2022), complaints=after, **extra)))


# -- item 2: small numbers ------------------------------------------------------------------


@pytest.mark.parametrize("count, small", [(0, True), (1, True), (9, True), (10, False), (None, False)])
def test_a_count_under_the_threshold_is_a_small_number(count, small):
    assert fmt.small_numbers(count) is small
    assert fmt.small_numbers(count, 200) is small  # either count small makes the pair small


def test_the_threshold_is_a_setting():
    assert fmt.small_numbers(12, style=HouseStyle(small_numbers=20)) is True
    assert fmt.small_numbers(9, style=HouseStyle(small_numbers=5)) is False


def test_a_change_between_small_counts_is_not_a_per_cent():
    report = year_report(two_years(Complaints(stage1=2), Complaints(stage1=3)), "2022-23")
    view = report.changes["complaints.stage1"]
    assert (view.display, view.short) == (None, "up 1")
    assert report.change_phrase("complaints.stage1") == "up from 2 in 2021 to 2022"
    report = year_report(two_years(Complaints(stage1=10), Complaints(stage1=15)), "2022-23")
    assert report.change_phrase("complaints.stage1") == "up 50% from 10 in 2021 to 2022"
    report = year_report(two_years(Complaints(stage1=9), Complaints(stage1=10)), "2022-23")
    assert report.changes["complaints.stage1"].display is None  # 9 is small, though 10 is not


def test_a_per_cent_of_a_small_base_carries_the_caution_everywhere():
    small = year_report(Dataset((ReportingYear(YearId(2022), complaints=Complaints(stage1=9), outcomes=Outcomes(upheld=3)),)), "2022-23")
    view = small.statistics["upheld_rate"]
    assert (view.display, view.shown) == ("33%", "33%, small numbers: read with care")
    assert small.stat("upheld_rate") == "33%"  # the commentary's value stays the per cent alone
    rate = next(i.rate for i in small.headline() if i.path == "outcomes.upheld")
    assert rate == "33% of formal complaints, small numbers: read with care"
    rows = {r.label: r.cells for s in small.sections() for r in s.rows}
    assert rows["Upheld"][1] == "33% of formal complaints (small numbers: read with care)"
    outcomes = year_charts(small)["outcomes"]
    assert outcomes.caption == "Of 9 formal complaints, 3 (33%, small numbers: read with care) were upheld."
    assert outcomes.table == (("Upheld", "3", "33%, small numbers: read with care"),)
    big = year_report(Dataset((ReportingYear(YearId(2022), complaints=Complaints(stage1=10), outcomes=Outcomes(upheld=3)),)), "2022-23")
    assert (big.statistics["upheld_rate"].caution, big.statistics["upheld_rate"].shown) == (None, "30%")


# -- item 4: charts that read well ------------------------------------------------------------


@pytest.mark.parametrize("most", [0, 1, 2, 3, 7, 9, 10, 11, 29, 102, 129, 812, 49974, 1.8, 99.5])
def test_count_axes_have_whole_ticks_and_nothing_above_the_top_one(most):
    top, ticks = value_ticks([most, None])
    assert all(isinstance(t, int) for t in ticks) and ticks == sorted(set(ticks)) and ticks[0] == 0
    assert ticks[-1] >= most and top == ticks[-1]
    assert len(ticks) <= 7
    rows = ({"year": "2021 to 2022", "value": most, "display": str(most), "segment": 0, "title": "T", "axis": "Number"},)
    drawn = render("yearly_series", rows, WIDE)  # the chart's value axis is ticked at exactly those, written whole
    labels = drawn.index("role-axis-label", drawn.index('aria-label="Y-axis'))
    shown = re.findall(r">([^<]+)</text>", drawn[labels:drawn.index("</g>", labels)])
    assert set(shown) <= {f"{t:,}" for t in ticks} and shown[0] == "0" and shown[-1] == f"{top:,}"  # Vega may leave one out


def test_every_chart_is_drawn_at_the_width_of_the_text_column():
    assert (version.WIDE, version.NARROW) == (WIDE, NARROW)  # the pages and the charts agree
    report = year_report(two_years(Complaints(stage1=2), Complaints(contacts=40, informal=4, stage1=3)), "2022-23")
    for view in [*year_charts(report).values(), *compare_charts(report.dataset, HouseStyle())]:
        for width in (WIDE, NARROW):
            spec = charts.CHARTS[view.kind](view.rows, width=width).to_dict()
            assert spec["width"] == width and spec["autosize"] == {"type": "fit-x", "contains": "padding"}


def test_captions_state_how_a_series_moved():
    ds = Dataset((ReportingYear(YearId(2020), compliments=40), ReportingYear(YearId(2021)),
                  ReportingYear(YearId(2022), compliments=25)))
    assert year_charts(year_report(ds, "2022-23"))["compliments"].caption == (
        "Compliments fell from 40 in 2020 to 2021 to 25 in 2022 to 2023; not published for 2021 to 2022.")
    rates = year_charts(year_report(two_years(Complaints(contacts=50, informal=10), Complaints(contacts=40, informal=20)),
                                    "2022-23"))["rates"]
    assert rates.caption == "Contacts resolved informally rose from 20% in 2021 to 2022 to 50% in 2022 to 2023."


def test_the_referral_statistic_is_named_for_what_it_is(example_site):
    year = page(example_site, "2022-23/index.html").get_text(" ", strip=True)
    assert "Complaint contacts equalled 1.8% of the number of referrals" in year
    assert "1.8% as many complaint contacts as referrals" in year
    assert "of referrals led to a complaint" not in year
    about = " ".join(page(example_site, "2022-23/about/index.html").get_text(" ", strip=True).split())
    assert "Complaint contacts as a percentage of referrals referral_complaint_rate" in about
    assert "it is not the share of referrals that led to a complaint" in about


def test_pages_carry_a_wide_and_a_phone_drawing_of_each_chart(example_site):
    soup = page(example_site, "2022-23/index.html")
    for figure in soup.select("figure.cr-figure"):
        wide, narrow = figure.select("svg.cr-chart-wide"), figure.select("svg.cr-chart-narrow")
        assert len(wide) == len(narrow) == 1
        caption = figure.figcaption["id"]
        assert wide[0]["aria-labelledby"] == narrow[0]["aria-labelledby"] == caption
        assert wide[0]["style"] == f"max-width:{WIDE}px" and narrow[0]["style"] == f"max-width:{NARROW}px"


# -- item 5: a complete permanent address -------------------------------------------------------


def test_make_site_refuses_to_deploy_without_site_url(monkeypatch, capsys):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert main(["site", "--out", "site"]) == 1
    assert capsys.readouterr().err == NO_SITE_URL + "\n"
    assert NO_SITE_URL.startswith("SITE_URL is not set: ")


def test_a_build_without_the_deployed_address_says_it_is_local(example_site, variant_site):
    note = "(local preview: the address is set when the site is deployed)"
    link = page(example_site, "2022-23/index.html").select_one(".cr-permalink").get_text(" ", strip=True)
    assert link == f"Link to this report: /2022-23/ {note}"
    reports = page(example_site, "2022-23/reports/index.html").get_text(" ", strip=True)
    assert f"Permanent links {note}" in reports and "Permanent link: /2019-20/" in reports
    deployed = page(variant_site, "2022-23/index.html").select_one(".cr-permalink").get_text(" ", strip=True)
    assert deployed == "Link to this report: https://example.github.io/complaints/2022-23/"
    assert note not in page(variant_site, "2022-23/reports/index.html").get_text()


@pytest.mark.parametrize("url, local", [("", True), ("http://127.0.0.1:8000/", True), ("http://localhost/", True),
                                        ("https://example.github.io/complaints/", False), ("https://localhost.example.org/", False)])
def test_local_addresses(url, local):
    assert version.is_local(url) is local


# -- item 6: At a glance ------------------------------------------------------------------------


def test_at_a_glance_largest_changes_first_with_small_numbers(example):
    assert glance(year_report(example, "2022-23")) == (
        "Went down since 2021 to 2022: formal complaints (102, down 6% from 109) and formal complaints upheld (7, down from 29).",
    )
    assert glance(year_report(example, "2019-20")) == ()  # no year before it


def test_at_a_glance_says_what_stayed_the_same_and_respects_breaks():
    ds = two_years(Complaints(contacts=200, informal=50, stage1=150, stage2=4),
                   Complaints(contacts=260, informal=40, stage1=220, stage2=4),
                   notes=())
    assert glance(year_report(ds, "2022-23")) == (
        "Went up since 2021 to 2022: formal complaints (220, up 47% from 150) and "
        "contacts from people wishing to complain (260, up 30% from 200).",
        "Stayed the same as in 2021 to 2022: formal complaints escalated to stage 2 (4).",
    )
    from report.model import Note
    broken = two_years(Complaints(contacts=200, stage1=150), Complaints(contacts=260, stage1=220),
                       notes=(Note("Counted differently.", ("complaints.stage1",)),))
    assert glance(year_report(broken, "2022-23")) == (
        "Went up since 2021 to 2022: contacts from people wishing to complain (260, up 30% from 200).",
        "Not comparable with 2021 to 2022 (a break in series, see the notes): formal complaints.",
    )


def test_at_a_glance_words_outcomes_stages_and_ombudsman_from_the_procedure():
    """An adults page says "well-founded" as its summary does; a custom procedure's stage names are used."""
    ds = Dataset((
        ReportingYear(YearId(2021), complaints=Complaints(stage1=100, stage2=20), outcomes=Outcomes(fault_found=40),
                      ombudsman=Ombudsman(complaints=30)),
        ReportingYear(YearId(2022), complaints=Complaints(stage1=100, stage2=30), outcomes=Outcomes(fault_found=50),
                      ombudsman=Ombudsman(complaints=45)),
    ))
    adults = " ".join(glance(year_report(ds, "2022-23", procedure=preset("adults"))))
    assert "formal complaints well-founded (50, up 25% from 40)" in adults
    assert "complaints and enquiries to the Local Government and Social Care Ombudsman (45, up 50% from 30)" in adults
    assert "upheld in full or in part" not in adults and "stage 2" not in adults  # adults has one stage
    own = Procedure("custom", "Our procedure", (Stage(1, "First response"), Stage(2, "Review")), after="Housing Ombudsman",
                    terms=(("fault_found", "justified"),))
    text = glance(year_report(ds, "2022-23", procedure=own))
    assert text == ("Went up since 2021 to 2022: complaints and enquiries to the Housing Ombudsman (45, up 50% from 30); "
                    "formal complaints escalated to review (30, up 50% from 20); and formal complaints justified (50, up 25% from 40).",
                    "Stayed the same as in 2021 to 2022: formal complaints (100).")
    children = " ".join(glance(year_report(ds, "2022-23")))
    assert "formal complaints upheld in full or in part (50, up 25% from 40)" in children


@pytest.mark.parametrize("on_time, target, expected", [
    (85, F(90), "Stage 1 responses on time: 85%, below the target of 90%."),
    (95, F(90), "Stage 1 responses on time: 95%, above the target of 90%."),
    (90, F(90), "Stage 1 responses on time: 90%, equal to the target of 90%."),
    (899, F(90), "Stage 1 responses on time: 90%, just below the target of 90%."),  # 89.9% shows as 90%
    (90, F(185, 2), "Stage 1 responses on time: 90%, below the target of 92.5%."),
])
def test_targets_above_below_and_equal(on_time, target, expected):
    sent = 1000 if on_time > 100 else 100
    ds = Dataset((ReportingYear(YearId(2022), timeliness=Timeliness(stage1_on_time=on_time, stage1_responded=sent)),))
    report = year_report(ds, "2022-23", HouseStyle(targets={"stage1_on_time_rate": target}))
    assert target_sentence(report, "stage1_on_time_rate", target) == expected
    assert glance(report) == (expected,)


def test_no_target_no_judgement(example):
    text = " ".join(glance(year_report(example, "2022-23")))
    for word in ("target", "good", "bad", "better", "worse", "improv"):
        assert word not in text


def test_year_page_opens_with_at_a_glance(example_site, other_site):
    soup = page(example_site, "2022-23/index.html")
    assert [h.get_text() for h in soup.select("article h2")][:2] == ["At a glance", "Headline figures"]
    assert [li.get_text() for li in soup.select("ul.cr-glance li")] == [
        "Went down since 2021 to 2022: formal complaints (102, down 6% from 109) and formal complaints upheld (7, down from 29)."]
    other = [li.get_text() for li in page(other_site, "2018-19/index.html").select("ul.cr-glance li")]
    assert other[-1] == "Not comparable with 2017 to 2018 (a break in series, see the notes): formal complaints."


# -- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("style, message", [
    ({"small_numbers": 0}, "mkdocs.yml: extra.house_style.small_numbers: expected a whole number from 1 to 1000, got 0"),
    ({"small_numbers": "10"}, "mkdocs.yml: extra.house_style.small_numbers: expected a whole number from 1 to 1000, got '10'"),
    ({"small_numbers": True}, "mkdocs.yml: extra.house_style.small_numbers: expected a whole number from 1 to 1000, got True"),
    ({"targets": [90]}, "mkdocs.yml: extra.house_style.targets: expected statistic names with a target per cent, "
                        "e.g. stage1_on_time_rate: 90"),
    ({"targets": {"on_time": 90}}, "mkdocs.yml: extra.house_style.targets.on_time: not a statistic (the names are listed on "
                                   "the About page, e.g. stage1_on_time_rate)"),
    ({"targets": {"stage1_ontime_rate": 90}}, "mkdocs.yml: extra.house_style.targets.stage1_ontime_rate: not a statistic "
                                              "(did you mean 'stage1_on_time_rate'?)"),
    ({"targets": {"stage1_on_time_rate": 101}},
     "mkdocs.yml: extra.house_style.targets.stage1_on_time_rate: expected a per cent from 0 to 100, e.g. 90, got 101"),
    ({"targets": {"stage1_on_time_rate": "90%"}},
     "mkdocs.yml: extra.house_style.targets.stage1_on_time_rate: expected a per cent from 0 to 100, e.g. 90, got '90%'"),
    ({"targets": {"stage1_on_time_rate": float("nan")}},
     "mkdocs.yml: extra.house_style.targets.stage1_on_time_rate: expected a per cent from 0 to 100, e.g. 90, got nan"),
])
def test_house_style_settings_are_checked(style, message):
    with pytest.raises(SettingsError) as err:
        read_settings(COUNCIL | {"house_style": style})
    assert str(err.value) == message


def test_house_style_settings_are_read():
    style = read_settings(COUNCIL | {"house_style": {"small_numbers": 5, "targets": {"stage1_on_time_rate": 92.5}}}).style
    assert (style.small_numbers, style.targets) == (5, {"stage1_on_time_rate": F(185, 2)})
    assert read_settings(COUNCIL).style.small_numbers == 10


@pytest.mark.parametrize("url", ["http://www.example.gov.uk/complaints", "javascript:alert(1)", "mailto:complaints@example.gov.uk",
                                 "Jane Smith", "https://example.gov.uk/<script>", "//example.gov.uk/"])
def test_how_to_complain_is_an_https_address_only(url):
    with pytest.raises(SettingsError) as err:
        read_settings({"council": COUNCIL["council"] | {"how_to_complain": url}})
    assert str(err.value).startswith("mkdocs.yml: extra.council.how_to_complain: ")
    assert str(err.value).endswith(" is not an https address (expected the council's page on how to make a complaint, "
                                   "e.g. https://www.example.gov.uk/complaints; never a person's name or e-mail)")


# -- item 7: how to complain, and what the terms mean -----------------------------------------------


def test_every_report_page_links_to_how_to_complain(example_site):
    for path in ("2022-23/index.html", "2022-23/compare/index.html", "2022-23/reports/index.html", "2022-23/data/index.html",
                 "2022-23/about/index.html", "2022-23/ombudsman/index.html", "2019-20/index.html"):
        link = page(example_site, path).select_one("article p.cr-complain a")
        assert link is not None, path
        assert link["href"] == "https://www.lincolnshire.gov.uk/council-councillors/complaints-policy"
        assert link.get_text() == "How to make a complaint to Lincolnshire County Council"


def test_no_setting_no_link():
    assert html.how_to_complain("", "A Council") == ""
    assert html.how_to_complain("https://x.gov.uk/a?b=1&c=<", "A & B") == (
        '<p class="cr-complain"><a href="https://x.gov.uk/a?b=1&amp;c=&lt;">How to make a complaint to A &amp; B</a></p>')


def test_the_terms_come_from_one_function():
    terms = dict(definitions())
    assert list(terms) == ["Contacts", "Informal resolution", "Stage 1", "Stage 2", "Stage 3", "Upheld", "Partially upheld"]
    assert terms["Stage 2"] == "Complaints considered at stage 2, the independent investigation."  # report.fields
    assert terms["Contacts"] == "Contacts received from people wishing to complain about the service."


def test_what_the_terms_mean_is_near_the_top_and_on_the_about_page(example_site):
    soup = page(example_site, "2022-23/index.html")
    box = soup.select_one("article details.cr-terms")
    assert box.summary.get_text() == "What the terms mean"
    assert [dt.get_text() for dt in box.select("dt")] == [t for t, _ in definitions()]
    headline = soup.find("h2", string="Headline figures")
    assert box in headline.find_all_previous("details")  # before the first figures that use the terms
    about = page(example_site, "2022-23/about/index.html")
    assert [dt.get_text() for dt in about.select("dl.cr-terms-list dt")] == [t for t, _ in definitions()]
    rule = " ".join(about.get_text(" ", strip=True).split())
    assert ("Small numbers: when either of two counts compared is under 10, the change between them is given as numbers, "
            "not as a per cent (\"3, up from 2\", not \"up 50% from 2\")") in rule
    assert 'A per cent of fewer than 10 is shown with the words "small numbers: read with care".' in rule


def test_the_compare_table_cautions_a_per_cent_of_a_small_base():
    from report.compare import compare_table
    ds = two_years(Complaints(contacts=8, informal=2), Complaints(contacts=40, informal=4))
    rows = {r.key: r.cells for r in compare_table(ds, HouseStyle()).statistics}
    assert rows["informal_rate"] == ("25%, small numbers: read with care", "10%")
    assert "upheld_rate" not in rows  # no value in any year: the row is left out


def test_the_rates_caption_compares_this_year_with_the_last(example):
    caption = year_charts(year_report(example, "2022-23"))["rates"].caption
    assert "Formal complaints upheld fell from 27% in 2021 to 2022 to 7% in 2022 to 2023." in caption


# -- items 1, 3, 8, 11 (readers2): rates as rates, "not available" with its reason, revised figures, one number style ----


def _revised_year() -> Dataset:
    from report.model import Revision
    return Dataset((
        ReportingYear(YearId(2021), complaints=Complaints(stage1=109, stage2=4), outcomes=Outcomes(upheld=29)),
        ReportingYear(YearId(2022), complaints=Complaints(stage1=102, stage2=3), outcomes=Outcomes(upheld=7),
                      revisions=(Revision(dt.date(2024, 5, 1), "complaints.stage2", 2, 3, "Logged late."),)),
    ))


def test_a_card_compares_a_rate_with_last_years_rate_in_points(example):
    report = year_report(example, "2022-23")
    card = next(i for i in report.headline() if i.path == "outcomes.upheld")
    assert (card.label, card.value, card.rate, card.change) == (
        "Upheld", "7", "7% of formal complaints", "29 (27%) in 2021 to 2022, down 20 percentage points")
    stage1 = next(i for i in report.headline() if i.path == "complaints.stage1")
    assert (stage1.rate, stage1.change) == (None, "down 6% from 109 in 2021 to 2022")  # a count's change stays as it was


def test_a_table_gives_last_years_per_cent_and_the_change_in_points(example):
    outcomes = {s.id: s for s in year_report(example, "2022-23").sections()}["outcomes"]
    assert outcomes.columns == ("Figure", "2022 to 2023", "Per cent", "2021 to 2022", "Per cent, 2021 to 2022", "Change",
                                "Change in per cent")
    upheld = next(r for r in outcomes.rows if r.label == "Upheld")
    assert upheld.cells == ("7", "7% of formal complaints", "29", "27%", "down 22", "down 20 percentage points")


def test_not_available_carries_its_reason_as_a_footnote():
    from report.model import Note
    ds = Dataset((ReportingYear(YearId(2021), complaints=Complaints(contacts=20, informal=5, stage1=50, stage2=5)),
                  ReportingYear(YearId(2022), complaints=Complaints(stage1=40, stage2=4, informal=3),
                                notes=(Note("Counted differently.", ("complaints.stage2",)),))))
    report = year_report(ds, "2022-23")
    sections = {s.id: s for s in report.sections()}
    stage2 = next(r for r in sections["escalation"].rows if r.label == "Stage 2 complaints")
    assert dict(zip(sections["escalation"].columns[1:], zip(stage2.cells, stage2.notes, strict=True), strict=True))["Change"] == (
        "not available", "break in series")
    informal = next(r for r in sections["received"].rows if r.label == "Resolved informally")
    assert list(zip(informal.cells, informal.notes, strict=True)) == [
        ("3", ""), ("not available", "no figure for 2022 to 2023"), ("5", ""), ("25%", ""),
        ("down 2", ""), ("not available", "no figure for 2022 to 2023")]
    markup = BeautifulSoup(html.table(sections["received"]), "html.parser")
    notes = [li.get_text() for li in markup.select(".cr-footnotes li")]
    assert notes[0] == "no figure for 2022 to 2023" and len(notes) == len(set(notes))  # one footnote per reason
    links = {a["href"] for a in markup.select("sup.cr-note a")}
    assert links == {f"#{li['id']}" for li in markup.select(".cr-footnotes li")}


def test_compare_leaves_out_rows_with_no_value_and_names_what_is_missing():
    from report.compare import compare_table
    ds = two_years(Complaints(stage1=10, contacts=20, informal=2), Complaints(stage1=12))
    table = compare_table(ds, HouseStyle())
    counts = {r.key: r.cells for r in table.counts}
    assert counts["complaints.informal"] == ("2", "not published")
    assert "complaints.stage2" not in counts and "outcomes.upheld" not in counts
    stats = {r.key: (r.cells, r.notes) for r in table.statistics}
    assert stats["informal_rate"] == (("10%", "not available"), ("", "no figure for 2022 to 2023"))
    assert "upheld_rate" not in stats


def test_a_revised_figure_is_marked_where_it_appears():
    report = year_report(_revised_year(), "2022-23")
    card = next(i for i in report.headline() if i.path == "complaints.stage2")
    assert card.revised == "revision-1"
    assert 'class="cr-revised" href="#revision-1">revised</a>' in html.headline(report.headline())
    row = next(r for s in report.sections() for r in s.rows if r.label == "Stage 2 complaints")
    assert row.revised == "revision-1"
    assert BeautifulSoup(html.revisions(report.year.revisions), "html.parser").select_one("tr#revision-1") is not None
    unrevised = next(r for s in report.sections() for r in s.rows if r.label == "Upheld")
    assert unrevised.revised == ""
    assert report.to_dict()["revised"] == ["complaints.stage2"]
    from report.downloads import all_years_csv
    lines = all_years_csv([year_report(_revised_year(), y) for y in ("2021-22", "2022-23")]).decode().splitlines()
    column = lines[0].split(",").index("revised")
    assert [line.split(",")[column] for line in lines[1:]] == ["", "complaints.stage2"]


def test_the_compare_page_marks_and_lists_revised_figures():
    from report.compare import compare_table
    table = compare_table(_revised_year(), HouseStyle())
    stage2 = next(r for r in table.counts if r.key == "complaints.stage2")
    assert stage2.revised == ("", "revised-2022-23-1")
    soup = BeautifulSoup(html.compare(table, "Figures", "Statistics") + html.compare_revisions(table), "html.parser")
    marks = soup.select("a.cr-revised")
    assert [a["href"] for a in marks] == ["#revised-2022-23-1"]
    target = soup.select_one("tr#revised-2022-23-1")
    assert [c.get_text() for c in target.find_all(["th", "td"])] == [
        "2022 to 2023", "Stage 2 complaints", "2", "3", "1 May 2024", "Logged late."]


def test_the_revisions_section_shows_the_figures_as_published_beside_now():
    report = year_report(_revised_year(), "2022-23")
    rows = {r.label: r.cells for r in report.as_published({"complaints.stage2": 2, "complaints.stage1": 102})}
    assert rows == {"Stage 2 complaints": ("2", "3"), "Formal complaints escalated to stage 2": ("2%", "3%")}
    section = BeautifulSoup(html.notes_section(report.year, report.field_by_path, report, {"complaints.stage2": 2}), "html.parser")
    assert [th.get_text() for th in section.select("#table-as-published thead th")] == ["Figure", "As published", "Now"]
    dated = dataclasses.replace(report, year=dataclasses.replace(report.year, published=dt.date(2024, 3, 8)))
    section = BeautifulSoup(html.notes_section(dated.year, dated.field_by_path, dated, {"complaints.stage2": 2}), "html.parser")
    assert [th.get_text() for th in section.select("#table-as-published thead th")] == ["Figure", "As published on 8 March 2024", "Now"]


@pytest.mark.parametrize("style, expected", [
    ("2022 to 2023", "2019 to 2020 until 2022 to 2023"), ("2022/23", "2019/20 to 2022/23"), ("2022-23", "2019-20 to 2022-23")])
def test_a_span_of_years_reads_as_a_range(style, expected):
    assert fmt.year_range("2019-20", "2022-23", style) == expected
    assert fmt.year_range("2022-23", "2022-23", style) == fmt.year_label("2022-23", style)


def test_a_sentence_that_compares_numbers_writes_them_alike(example):
    from report.text import summary
    text = " ".join(summary(year_report(example, "2022-23")))
    assert "Of the 102 formal complaints, 7 (7%) were upheld in full, down from 29 in 2021 to 2022." in text
    assert "a decrease of 6% on 2021 to 2022 (109), a reduction of 7 complaints." in text
    alone = " ".join(summary(year_report(Dataset((ReportingYear(YearId(2022), outcomes=Outcomes(withdrawn=3)),)), "2022-23")))
    assert alone == "The person complaining withdrew three complaints."  # a number on its own: words, as the house style says


def test_year_pages_link_revised_figures_and_show_them_as_published(variant_site):
    soup = page(variant_site, "2022-23/index.html")
    card = next(c for c in soup.select(".cr-card") if c.select_one(".cr-label").get_text() == "Stage 2 complaints")
    assert card.select_one("a.cr-revised")["href"] == "#revision-1"
    assert soup.select_one("#revision-1") is not None
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in soup.select("#table-as-published tbody tr")}
    assert rows == {"Stage 2 complaints": ["2", "3"], "Formal complaints escalated to stage 2": ["2%", "3%"]}
    assert soup.select_one("#table-as-published caption").get_text().startswith("The revised figures as published on 8 March 2024")
    compare = page(variant_site, "2022-23/compare/index.html")
    for mark in compare.select("a.cr-revised"):
        assert compare.select_one(mark["href"]) is not None
    assert len(compare.select("a.cr-revised")) == 1
    download = json.loads((variant_site / "2022-23/data/2022-23.json").read_text())
    assert download["revised"] == ["complaints.stage2"]


def test_every_footnote_and_revised_mark_leads_somewhere(example_site, other_site):
    for site in (example_site, other_site):
        for path in sorted(site.glob("*/index.html")) + sorted(site.glob("*/compare/index.html")):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for a in soup.select("sup.cr-note a, a.cr-revised"):
                assert soup.select_one(a["href"]) is not None, (path, a["href"])


def test_compare_page_heads_its_tables_with_a_range_and_no_empty_rows(example_site):
    soup = page(example_site, "2022-23/compare/index.html")
    assert soup.select_one("#compare-counts caption").get_text() == "Figures, 2019 to 2020 until 2022 to 2023"
    for tr in soup.select("#compare-counts tbody tr, #compare-statistics tbody tr"):
        cells = [td.contents[0] if td.contents else "" for td in tr.select("td")]
        assert any(c not in ("not published", "not available") for c in cells), tr.th.get_text()


def test_after_a_gap_a_card_says_why_there_is_no_change():
    ds = Dataset((ReportingYear(YearId(2015), complaints=Complaints(stage1=20)),
                  ReportingYear(YearId(2017), complaints=Complaints(stage1=30))))
    card = next(i for i in year_report(ds, "2017-18").headline() if i.path == "complaints.stage1")
    assert card.change == "change not available: no previous year (no report for 2016 to 2017)"
    first = next(i for i in year_report(ds, "2015-16").headline() if i.path == "complaints.stage1")
    assert first.change is None  # the first year has nothing to compare with
