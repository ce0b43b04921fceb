import csv
import io
import json

from report.downloads import all_years_csv, all_years_json, csv_cell, year_json
from report.fields import COUNT_FIELDS
from report.model import Dataset, ReportingYear, Theme, YearId
from report.present import year_report
from report.stats import STATISTICS


def test_year_json_has_the_spec_shape(example):
    data = json.loads(year_json(year_report(example, "2022-23")))
    assert data["schema"] == 1 and data["year"] == "2022-23" and data["status"] == "published"
    assert data["figures"]["complaints"] == {"contacts": 129, "informal": 27, "stage1": 102, "stage2": 2, "stage3": None}
    assert data["figures"]["compliments"] is None
    assert data["statistics"]["informal_rate"] == {
        "numerator": 27, "denominator": 129, "value": 27 / 129, "exact": "9/43", "display": "21%"}
    assert data["statistics"]["referral_complaint_rate"]["display"] == "1.8%"
    assert data["statistics"]["ombudsman_upheld_rate"] == {
        "numerator": None, "denominator": None, "value": None, "exact": None, "display": None}
    assert set(data["statistics"]) == {s.name for s in STATISTICS}
    stage1 = data["changes"]["complaints.stage1"]
    assert stage1 | {} == {"previous_year": "2021-22", "previous": 109, "current": 102, "difference": -7,
                           "percent": -700 / 109, "display": "6%", "direction": "decrease", "reason": None}
    upheld = data["changes"]["upheld_rate"]
    assert upheld["display"] == "20 percentage points" and upheld["direction"] == "decrease"
    assert abs(upheld["difference_points"] - (7 / 102 - 29 / 109) * 100) < 1e-12
    assert set(data["changes"]) == {f.path for f in COUNT_FIELDS} | {s.name for s in STATISTICS}


def test_first_year_has_no_changes(example):
    assert json.loads(year_json(year_report(example, "2019-20")))["changes"] == {}


def test_csv_one_row_per_year_with_dotted_headers(example):
    reports = [year_report(example, y.id) for y in example.years]
    rows = list(csv.DictReader(io.StringIO(all_years_csv(reports).decode())))
    assert [r["year"] for r in rows] == ["2019-20", "2020-21", "2021-22", "2022-23"]
    assert rows[3]["complaints.stage1"] == "102" and rows[3]["complaints.stage3"] == ""
    assert float(rows[3]["informal_rate"]) == 27 / 129 and rows[0]["informal_rate"] == ""
    assert len(json.loads(all_years_json(reports))) == 4


def test_csv_neutralises_spreadsheet_formulas():
    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "fine", 3, None)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "fine", "3", ""]
    ds = Dataset((ReportingYear(YearId(2022), presented_to="=HYPERLINK(\"http://x\")", themes=(Theme("x"),)),))
    text = all_years_csv([year_report(ds, "2022-23")]).decode()
    assert "'=HYPERLINK" in text


def test_all_years_json_is_the_list_of_the_years_json_exactly(example):
    """Written from each year's JSON (report/downloads.py), byte for byte what dumping the list gives."""
    from report.downloads import _dumps
    from report.present import year_report as report_of

    reports = [report_of(example, y.id) for y in example.years]
    for some in (reports, reports[:1], []):
        assert all_years_json(some) == _dumps([r.to_dict() for r in some])
        assert all_years_json(some, [year_json(r) for r in some]) == _dumps([r.to_dict() for r in some])
