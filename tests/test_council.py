"""Council-wide data (data/council/<year>.yaml): the Ombudsman's figures, the
Code's annual report, learning and actions, checked through the public functions."""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from fractions import Fraction
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml

import charts
from report import ombudsman as om
from report.chart_views import ombudsman_chart
from report.council import ActionStatus, Compliance, check_council, load_council
from report.council_report import actions_view, code_view, council_json, has_code_report, ombudsman_csv_rows, ombudsman_view
from report.problems import DataErrors

CORPUS = Path(__file__).parent / "bad_council"
CASES = sorted(p.stem for p in CORPUS.glob("*.yaml"))

OMBUDSMAN_2021 = """\
ombudsman:
  authority_type: unitary
  complaints: 60
  not_for_us: 20
  assessed_and_closed: 30
  investigated: 10
  upheld: 5
  upheld_rate: 50
  average_upheld_rate: 60
"""
OMBUDSMAN_2022 = """\
ombudsman:
  authority_type: unitary
  complaints: 70
  investigated: 12
  upheld: 9
  upheld_rate: 75
  average_upheld_rate: 80
  upheld_per_100k: 2.4
  average_upheld_per_100k: 3.1
"""
OMBUDSMAN_2024 = """\
ombudsman:
  authority_type: unitary
  complaints: 80
  not_for_us: 25
  assessed_and_closed: 35
  investigated: 20
  upheld: 17
  upheld_rate: 85
  average_upheld_rate: 82.5
  compliance_rate: 100
  compliance_outcomes: 15
  average_compliance_rate: 99.6
  satisfactory_remedy_rate: 11.8
  satisfactory_remedies: 2
  average_satisfactory_remedy_rate: 8
  letter: {date: 2025-07-23, url: "https://www.lgo.org.uk/letters/example-2025.pdf"}
  reports:
    - {title: "Focus report: home to school transport", date: 2025-02-10, url: "https://www.lgo.org.uk/focus/transport"}
"""
CODE_2024 = """\
code:
  variant: lgsco
  self_assessment:
    - section: "1.2"
      requirement: A complaint is any expression of dissatisfaction.
      complies: yes
      evidence: Complaints policy, section 2.
    - section: 3.1
      requirement: Complaints are easy to make in several ways.
      complies: partly
      evidence: Online form and telephone; no text service yet.
      action: Add a text message route.
      due: 2025-12-31
    - section: "6.3"
      requirement: Stage 1 answered within 10 working days of acknowledgement.
      complies: no
      evidence: 71% answered on time.
      action: Weekly reports of open complaints to each service.
      due: 2025-09-30
  non_compliance:
    - {finding: "Stage 2 responses were late in 12 cases.", date: 2025-01-14}
  refused:
    - {type: Matters before a court, count: 4}
    - {type: Older than twelve months, count: 12}
  improvements:
    - text: Letters now explain the next stage in plain English.
"""
RESPONSE = """\
  response:
    committee: Audit and Governance Committee
    date: 2025-09-30
    text: The committee noted the report and asked for a progress update in six months.
"""
_A1 = """\
  - id: A1
    raised: 2024-25
    learned: Letters did not say how to escalate.
    change: Every stage 1 letter explains stage 2.
    responsible: Head of Customer Relations
    due: 2026-03-31
"""
ACTION_2024 = "actions:\n" + _A1 + "    status: planned\n"
ACTION_2025 = "actions:\n" + _A1 + """\
    status: in progress
    progress: New templates are used by two services of five.
  - id: B1
    raised: 2025-26
    learned: Callers waited too long.
    change: A call-back service.
    responsible: Customer service centre manager
    due: null
    status: planned
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    council = folder / "data" / "council"
    council.mkdir(parents=True, exist_ok=True)
    for year, body in files.items():
        (council / f"{year}.yaml").write_text(f"year: {year}\n" + textwrap.dedent(body))
    return folder / "data"


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    """Several years: one before the 2022-23 change of process, the change year,
    a gap (2023-24 has no Ombudsman figures), a full Code report, actions carried."""
    return write(tmp_path, {
        "2021-22": OMBUDSMAN_2021,
        "2022-23": OMBUDSMAN_2022,
        "2023-24": "",
        "2024-25": OMBUDSMAN_2024 + CODE_2024 + ACTION_2024,
        "2025-26": CODE_2024 + RESPONSE + ACTION_2025,
        "2026-27": "",
    })


def test_the_synthetic_council_loads_with_one_warning_for_the_dropped_action(synthetic):
    result = check_council(synthetic, "data")
    assert [str(p) for p in result.errors] == []
    assert [str(p) for p in result.warnings] == [
        "data/council/2026-27.yaml:1: warning: actions: A1 (in progress in 2025-26) is not listed: repeat it with its new "
        "status (planned, in progress, done or dropped); an open action is never silently dropped",
        "data/council/2026-27.yaml:1: warning: actions: B1 (planned in 2025-26) is not listed: repeat it with its new "
        "status (planned, in progress, done or dropped); an open action is never silently dropped",
    ]
    years = result.data.years
    assert [y.year.id for y in years] == ["2021-22", "2022-23", "2023-24", "2024-25", "2025-26", "2026-27"]
    o = years[3].ombudsman
    assert (o.investigated, o.upheld, o.average_upheld_rate, o.satisfactory_remedy_rate) == (20, 17, Fraction(165, 2), Fraction(118, 10))
    assert o.letter.url == "https://www.lgo.org.uk/letters/example-2025.pdf"
    code = years[3].code
    assert [s.complies for s in code.self_assessment] == [Compliance.YES, Compliance.PARTLY, Compliance.NO]
    assert [s.section for s in code.self_assessment] == ["1.2", "3.1", "6.3"]  # a plain 3.1 is read as written
    assert years[4].actions[0].status is ActionStatus.IN_PROGRESS


def test_a_done_or_dropped_action_may_be_left_out_later(tmp_path):
    done = ACTION_2025.replace("status: in progress", "status: done").replace("status: planned", "status: dropped")
    data = write(tmp_path, {"2024-25": ACTION_2024, "2025-26": done, "2026-27": ""})
    assert check_council(data, "data").warnings == ()


def test_no_council_folder_is_no_council_data(tmp_path):
    (tmp_path / "data").mkdir()
    result = check_council(tmp_path / "data", "data")
    assert (result.errors, result.warnings, result.data.years) == ((), (), ())


def test_load_council_raises_every_error_at_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"2024-25": OMBUDSMAN_2024.replace("upheld_rate: 85", "upheld_rate: 58"),
                            "2025-26": "actions:\n  - id: A1\n"})
    with pytest.raises(DataErrors) as caught:
        load_council(Path("data"))
    assert str(caught.value).splitlines()[:2] == [
        "data/council/2024-25.yaml:9: ombudsman.upheld_rate: 58% does not match ombudsman.upheld / ombudsman.investigated "
        "(17 / 20 = 85%) (correct the rate or the counts)",
        "data/council/2025-26.yaml:3: actions[1].change: is missing (expected text)",
    ]


@pytest.mark.parametrize("published, ok", [("81", True), ("81.3", True), ("81.2", True), ("82", False), ("81.4", False), ("80", False)])
def test_a_published_rate_is_checked_within_its_rounding(tmp_path, published, ok):
    body = f"ombudsman:\n  investigated: 16\n  upheld: 13\n  upheld_rate: {published}\n"  # 13/16 = 81.25%
    result = check_council(write(tmp_path, {"2024-25": body}), "data")
    assert (result.errors == ()) is ok


@pytest.mark.parametrize("case", CASES)
def test_each_broken_council_file_gives_its_expected_errors(case, tmp_path):
    data = write(tmp_path, {"2023-24": OMBUDSMAN_2022})
    shutil.copy(CORPUS / f"{case}.yaml", data / "council" / "2024-25.yaml")
    found = [str(p) for p in (*check_council(data, "data").errors, *check_council(data, "data").warnings)]
    expected_file = CORPUS / f"{case}.expected"
    if os.environ.get("UPDATE_EXPECTED") and not os.environ.get("CI"):
        expected_file.write_text("".join(line + "\n" for line in found))
    assert found == expected_file.read_text().splitlines()
    assert found and not [f for f in found if f.startswith("data/council/2023-24")]


def test_the_code_report_starts_in_2024_25(tmp_path):
    data = write(tmp_path, {"2023-24": "code:\n  variant: lgsco\n"})
    assert [str(p) for p in check_council(data, "data").errors] == [
        "data/council/2023-24.yaml:2: code: the Complaint Handling Code's annual report starts in 2024-25 "
        "(remove it from 2023-24, or move it to a later year)"]


def test_an_action_keeps_the_year_it_was_raised(tmp_path):
    data = write(tmp_path, {"2024-25": ACTION_2024, "2025-26": ACTION_2025.replace("raised: 2024-25", "raised: 2025-26")})
    assert [str(p) for p in check_council(data, "data").errors] == [
        "data/council/2025-26.yaml:3: actions.A1.raised: is 2025-26, but A1 was raised in 2024-25 "
        "(the id is used once across years: keep raised: 2024-25, or give a new action a new id)"]


def test_a_council_folder_holds_only_year_files(tmp_path):
    data = write(tmp_path, {"2024-25": ""})
    (data / "council" / "notes.txt").write_text("x")
    (data / "council" / "README.md").write_text("about this folder")
    assert [str(p) for p in check_council(data, "data").errors] == [
        "data/council/notes.txt: not a council year file: expected files named like 2024-25.yaml "
        "(rename it, or move it out of the council folder)"]


# -- statistics -------------------------------------------------------------------


def test_no_change_in_the_upheld_rate_is_computed_across_the_change_of_process(synthetic):
    years = {y.year.id: y for y in load_council(synthetic).years}
    before, change, after = years["2021-22"], years["2022-23"], years["2024-25"]
    assert om.upheld_rate_change((before.year, before.ombudsman), (change.year, change.ombudsman)) is None
    assert om.upheld_rate_change((change.year, change.ombudsman), (after.year, after.ombudsman)) == Fraction(10)
    assert om.share(after.ombudsman, "investigated") == Fraction(1, 4)
    assert om.satisfactory_remedy_rate(after.ombudsman) == Fraction(2, 17)
    assert om.difference_from_average(after.ombudsman) == Fraction(5, 2)


# -- the Ombudsman's view -------------------------------------------------------------


def test_the_ombudsman_view_compares_with_similar_authorities_and_keeps_the_break(synthetic):
    view = ombudsman_view(load_council(synthetic), "2024-25")
    assert [y.year.id for y in view.years] == ["2021-22", "2022-23", "2024-25"]  # 2023-24 is a gap
    table = view.upheld_table()
    assert table.columns == ("Year", "Investigated", "Upheld", "Upheld rate", "Similar authorities' average", "Against the average")
    assert table.rows == (
        ("2021 to 2022", "10", "5", "50%", "60%", "10 percentage points below"),
        ("2022 to 2023 (change of process)", "12", "9", "75%", "80%", "5 percentage points below"),
        ("2024 to 2025", "20", "17", "85%", "82.5%", "2.5 percentage points above"),
    )
    assert view.finding() == (
        "In 2024 to 2025 the Ombudsman upheld 17 of the 20 complaints about the council it investigated (85%), "
        "2.5 percentage points above the average of 82.5% for similar authorities (unitary councils). "
        "That is up from 75% in 2022 to 2023.")
    assert "2022-23" in view.break_reason and "no change in the upheld rate is given across that year" in view.break_reason
    rows = view.chart_rows()
    assert {(r["year"], r["segment"]) for r in rows if r["series"] == "The council"} == {
        ("2021 to 2022", 0), ("2022 to 2023", 1), ("2024 to 2025", 1)}
    figures = dict((r[0], r[1:]) for r in view.figures_table().rows)
    assert figures["Investigated"] == ("10 (17%)", "12 (17%)", "20 (25%)")
    assert figures["Upheld decisions per 100,000 residents"] == ("not published", "2.4", "not published")
    assert figures["Satisfactory remedy rate (remedies / upheld)"] == ("not available", "not available", "12%")


def test_the_finding_says_why_no_change_is_given_across_the_break(synthetic):
    view = ombudsman_view(load_council(synthetic), "2022-23")
    assert view.finding() == (
        "In 2022 to 2023 the Ombudsman upheld nine of the 12 complaints about the council it investigated (75%), "
        "5 percentage points below the average of 80% for similar authorities (unitary councils). "
        "No change from 2021 to 2022 is given: the Ombudsman changed its process in 2022 to 2023.")


def test_the_ombudsman_chart_is_valid_and_never_joins_years_across_the_break(synthetic):
    chart_view = ombudsman_chart(ombudsman_view(load_council(synthetic), "2024-25"))
    spec = charts.CHARTS[chart_view.kind](chart_view.rows).to_dict()  # validates against the Vega-Lite schema
    values = spec["datasets"][next(iter(spec["datasets"]))] if "datasets" in spec else spec["data"]["values"]
    council = {v["year"]: v["segment"] for v in values if v["series"].startswith("The council")}
    assert council == {"2021 to 2022": "The council|0", "2022 to 2023": "The council|1", "2024 to 2025": "The council|1"}
    assert chart_view.table == (("2021 to 2022", "50%", "60%"), ("2022 to 2023", "75%", "80%"), ("2024 to 2025", "85%", "82.5%"))
    assert ombudsman_chart(ombudsman_view(load_council(synthetic), "2020-21")) is None


def test_the_ombudsman_page_of_an_earlier_version_shows_no_later_year(synthetic):
    assert [y.year.id for y in ombudsman_view(load_council(synthetic), "2021-22").years] == ["2021-22"]


# -- the Code's annual report -----------------------------------------------------


def test_the_code_report_with_a_full_self_assessment_and_no_response_yet(synthetic):
    view = code_view(load_council(synthetic), "2024-25")
    table = view.self_assessment()
    assert table.rows[2] == ("6.3", "Stage 1 answered within 10 working days of acknowledgement.", "no",
                             "71% answered on time.", "Weekly reports of open complaints to each service.", "30 September 2025")
    assert view.self_assessment_summary() == (
        "The council assessed itself against 3 sections of the Local Government and Social Care Ombudsman's "
        "Complaint Handling Code: it complies with 1, partly with 1 and not with 1.")
    assert view.refused().rows == (("Matters before a court", "4"), ("Older than twelve months", "12"))
    assert view.non_compliance() == ("Stage 2 responses were late in 12 cases. (14 January 2025)",)
    assert view.response() == ("Awaiting the committee's response.", "")
    assert view.ombudsman.letter() == (
        "The Ombudsman's annual letter to the council for 2024 to 2025, dated 23 July 2025",
        "https://www.lgo.org.uk/letters/example-2025.pdf")


def test_the_code_report_with_the_committees_response(synthetic):
    view = code_view(load_council(synthetic), "2025-26")
    assert view.response() == (
        "The response of the Audit and Governance Committee, 30 September 2025",
        "The committee noted the report and asked for a progress update in six months.")


def test_the_code_report_exists_from_2024_25_on_and_says_when_nothing_is_published(tmp_path):
    assert (has_code_report("2023-24"), has_code_report("2024-25")) == (False, True)
    view = code_view(load_council(write(tmp_path, {"2024-25": "code:\n  variant: housing\n"})), "2024-25")
    assert view.self_assessment() is None
    assert view.self_assessment_summary() == (
        "No self-assessment against the Housing Ombudsman's Complaint Handling Code has been published for 2024 to 2025.")


# -- actions ---------------------------------------------------------------------------


def test_each_year_shows_the_actions_raised_and_the_progress_of_earlier_ones(synthetic):
    council = load_council(synthetic)
    first = actions_view(council, "2024-25")
    assert [a.id for a in first.raised] == ["A1"] and first.earlier == ()
    later = actions_view(council, "2025-26")
    assert later.raised_table().rows == (("B1", "Callers waited too long.", "A call-back service.",
                                          "Customer service centre manager", "none set", "planned"),)
    assert later.progress_table().rows == (("A1", "2024 to 2025", "Every stage 1 letter explains stage 2.",
                                            "Head of Customer Relations", "31 March 2026", "in progress",
                                            "New templates are used by two services of five."),)
    assert later.summary() == "One action was raised in 2025 to 2026; one from earlier years is reported on (none done)."


# -- downloads -----------------------------------------------------------------------


def test_the_json_download_carries_figures_self_assessment_and_actions(synthetic):
    year = load_council(synthetic).get("2024-25")
    data = json.loads(json.dumps(council_json(year)))
    assert data["ombudsman"]["figures"]["upheld"] == 17
    assert data["ombudsman"]["figures"]["average_upheld_rate"] == 82.5
    assert data["ombudsman"]["statistics"]["upheld_rate"] == {"value": 0.85, "exact": "17/20"}
    assert data["code"]["self_assessment"][1]["complies"] == "partly"
    assert data["code"]["response"] is None
    assert data["actions"][0]["id"] == "A1" and data["ombudsman_process_break"] == "2022-23"


def test_the_csv_has_one_row_per_year_with_the_ombudsmans_figures(synthetic):
    rows = ombudsman_csv_rows(load_council(synthetic))
    assert [r[0] for r in rows] == ["2021-22", "2022-23", "2024-25"]
    assert rows[2][1:9] == ["unitary", 80, 25, 35, 20, 17, "85", "82.5"]


def test_the_example_council_data_is_as_published():
    root = Path(__file__).resolve().parent.parent
    result = check_council(root / "data", "data")
    assert (result.errors, result.warnings) == ((), ())
    years = {y.year.id: y for y in result.data.years}
    o23, o24 = years["2023-24"].ombudsman, years["2024-25"].ombudsman
    assert (o23.complaints, o23.investigated, o23.upheld, o23.average_upheld_rate) == (None, 20, 16, 85)
    assert (o24.complaints, o24.not_for_us, o24.assessed_and_closed, o24.investigated, o24.upheld) == (76, 25, 35, 16, 13)
    assert years["2024-25"].code.self_assessment == ()
    assert {a.status for a in years["2024-25"].actions} == {ActionStatus.PLANNED}


def test_the_example_council_files_validate_against_the_schema():
    root = Path(__file__).resolve().parent.parent
    schema = json.loads((root / "data" / "schema.json").read_text())
    council = {"$schema": schema["$schema"], **schema["$defs"]["council_year"]}
    jsonschema.Draft202012Validator.check_schema(council)
    for path in sorted((root / "data" / "council").glob("*.yaml")):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema.json#/$defs/council_year")
        jsonschema.validate(json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str)), council)
    wrong = {"year": "2024-25", "ombudsman": {"upheld_rate": 101}}
    assert not jsonschema.Draft202012Validator(council).is_valid(wrong)


# -- the built pages (one session-scoped site: tests/conftest.py council_site) ------------------


def page_text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_ombudsman_page_shows_the_chart_table_finding_and_break(council_site):
    page = page_text(council_site, "2024-25/ombudsman/index.html")
    assert "In 2024 to 2025 the Ombudsman upheld 17 of the 20 complaints about the council it investigated (85%)" in page
    assert "2022 to 2023 (change of process)" in page
    assert "no change in the upheld rate is given across that year" in page
    assert 'id="figure-ombudsman-upheld"' in page and "<svg" in page
    assert "Focus report: home to school transport" in page
    svg = page_text(council_site, "2024-25/charts/figure-ombudsman-upheld.svg")
    root = ElementTree.fromstring(svg)  # a file of its own: an image named by its title and finding
    assert root.get("role") == "img" and root.get("aria-labelledby") == "figure-ombudsman-upheld-title figure-ombudsman-upheld-finding"
    named = {el.get("id"): el.text for el in root if el.get("id")}
    assert named["figure-ombudsman-upheld-title"] == "Ombudsman upheld rate by year"
    assert named["figure-ombudsman-upheld-finding"].startswith("In 2024 to 2025 the Ombudsman upheld")
    csv_text = page_text(council_site, "2024-25/charts/figure-ombudsman-upheld.csv")
    assert csv_text.splitlines()[1:] == ["2021 to 2022,50%,60%", "2022 to 2023,75%,80%", "2024 to 2025,85%,82.5%"]


def test_the_code_report_page_follows_para_8_1_and_is_only_in_2024_25_on(council_site):
    page = page_text(council_site, "2024-25/code/index.html")
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert [re.sub(r"<[^>]+>", "", h) for h in headings][:7] == [
        "1. Self-assessment against the Code", "2. Complaint handling: figures and analysis",
        "3. Findings of non-compliance with the Code", "4. Service improvements made from learning",
        "5. The Ombudsman's annual letter", "6. Other Ombudsman reports about the council",
        "7. The governing body's response"]
    assert "Weekly reports of open complaints to each service." in page
    assert "Awaiting the committee&#x27;s response." in page
    assert "Older than twelve months" in page
    assert not (council_site / "2022-23" / "code").exists()
    assert 'href="code/"' not in page_text(council_site, "2022-23/index.html")
    assert "code/" in page_text(council_site, "2024-25/index.html")


def test_the_year_page_shows_the_actions_raised_that_year(council_site):
    page = page_text(council_site, "2024-25/index.html")
    assert "Learning and actions: you said, we did" in page and "Every stage 1 letter explains stage 2." in page
    assert "Learning and actions" not in page_text(council_site, "2022-23/index.html")


def test_the_council_downloads_are_written_and_listed(council_site):
    data = json.loads(page_text(council_site, "2024-25/data/council-2024-25.json"))
    assert data["ombudsman"]["statistics"]["upheld_rate"]["exact"] == "17/20"
    assert data["code"]["self_assessment"][2]["section"] == "6.3"
    assert page_text(council_site, "2024-25/data/ombudsman-all-years.csv").splitlines()[0].startswith("year,authority_type,complaints,")
    assert not (council_site / "2022-23" / "data" / "council-2024-25.json").exists()
    listing = page_text(council_site, "2024-25/data/index.html")
    assert "council-2024-25.json" in listing and "table-council-dictionary" in listing


def test_make_validate_reports_council_errors_and_warnings_with_the_year_files(tmp_path, monkeypatch):
    from report.build import validate

    root = Path(__file__).resolve().parent.parent
    data = write(tmp_path, {"2024-25": ACTION_2024 + OMBUDSMAN_2024.replace("upheld: 17", "upheld: 21"), "2025-26": ""})
    (data / "2024-25.yaml").write_text("year: 2024-25\nstatus: draft\ncomplaints:\n  stage1: 80\n")
    monkeypatch.chdir(tmp_path)
    _, errors, warnings = validate(root, Path("data"))
    assert [str(p) for p in errors] == [
        "data/council/2024-25.yaml:16: ombudsman.upheld: 21 is more than ombudsman.investigated (20)"]
    (data / "council" / "2024-25.yaml").write_text("year: 2024-25\n" + ACTION_2024)
    _, errors, warnings = validate(root, Path("data"))
    assert errors == [] and [str(w) for w in warnings if "council" in w.path] == [
        "data/council/2025-26.yaml:1: warning: actions: A1 (planned in 2024-25) is not listed: repeat it with its new "
        "status (planned, in progress, done or dropped); an open action is never silently dropped"]


def test_text_from_council_files_is_shown_as_text_never_markup(tmp_path):
    from report import html

    hostile = ('<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1)) *em*')
    body = (f"code:\n  variant: lgsco\n  self_assessment:\n    - section: '1.2'\n      requirement: '{hostile}'\n"
            f"      complies: no\n      evidence: '{hostile}'\n  improvements: [{{text: '{hostile}'}}]\n"
            f"  response: {{committee: '{hostile}', date: 2025-09-30, text: '{hostile}'}}\n"
            f"actions:\n  - {{id: A1, raised: 2024-25, learned: '{hostile}', change: '{hostile}', responsible: '{hostile}',"
            f" due: null, status: planned}}\n")
    council = load_council(write(tmp_path, {"2024-25": body}))
    page = html.code_report(code_view(council, "2024-25"), "<b>Council</b>", None, None)
    page += html.actions_section(actions_view(council, "2024-25"))
    assert "<script" not in page and "<b>" not in page and "{{" not in page and "[x](" not in page and "*em*" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt; &#123;&#123; 7&#42;7 &#125;&#125;") >= 7


@pytest.mark.parametrize("rate, outcomes, ok", [("100", 17, True), ("94.1", 17, True), ("94", 17, True), ("95", 17, False),
                                                ("33.3", 3, True), ("50", 3, False), ("0", 10_000_000, True), ("0.1", 10_000_000, True)])
def test_a_compliance_rate_must_be_a_share_of_its_outcomes(tmp_path, rate, outcomes, ok):
    body = f"ombudsman:\n  compliance_rate: {rate}\n  compliance_outcomes: {outcomes}\n"
    assert (check_council(write(tmp_path, {"2024-25": body}), "data").errors == ()) is ok


def test_without_counts_the_published_upheld_rate_is_shown(tmp_path):
    data = write(tmp_path, {"2023-24": "ombudsman:\n  authority_type: county\n  upheld_rate: 80\n  average_upheld_rate: 85\n"})
    view = ombudsman_view(load_council(data), "2023-24")
    assert view.finding() == ("In 2023 to 2024 the Ombudsman upheld 80% of the complaints about the council it investigated, "
                              "5 percentage points below the average of 85% for similar authorities (county councils).")
    assert view.upheld_table().rows == (("2023 to 2024", "not published", "not published", "80%", "85%", "5 percentage points below"),)
