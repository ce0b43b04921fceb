"""The downloadable files of a version: per-year JSON, all-years CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from .council import CouncilData, CouncilYear
from .council_report import OMBUDSMAN_CSV_COLUMNS, council_json, ombudsman_csv_rows
from .fields import ALL_FIELDS
from .present import YearReport, json_figure
from .stats import STATISTIC_BY_NAME

__all__ = [
    "year_json", "all_years_json", "all_years_csv", "all_series_csv", "csv_cell", "chart_csv", "council_year_json", "ombudsman_csv",
]


def _dumps(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def year_json(report: YearReport) -> bytes:
    return _dumps(report.to_dict())


def all_years_json(reports: list[YearReport], year_files: list[bytes] | None = None) -> bytes:
    """The years' JSON as one list: exactly ``_dumps`` of the list, written from each year's
    ``year_json`` (``year_files`` when already made, in the same order), so a build that writes
    both dumps each year once. JSON nests by indenting whole lines, and no string holds a
    line break, so each year's lines are its lines in the list, indented once more."""
    if not reports:
        return _dumps([])
    year_files = year_files if year_files is not None else [year_json(r) for r in reports]
    items = (b"\n".join(b"  " + line for line in f.rstrip(b"\n").split(b"\n")) for f in year_files)
    return b"[\n" + b",\n".join(items) + b"\n]\n"


def csv_cell(value: object) -> str:
    """A CSV cell: empty for null, and text starting =, +, -, @ neutralised for spreadsheets.

    >>> csv_cell(None), csv_cell(12), csv_cell("=HYPERLINK(1)")
    ('', '12', "'=HYPERLINK(1)")
    """
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def all_years_csv(reports: list[YearReport]) -> bytes:
    """One row per year, one column per figure and statistic the series shows (dotted names);
    ``revised`` lists the figures changed after publication, separated by spaces."""
    return _csv(reports, [])


def all_series_csv(reports: list[YearReport]) -> bytes:
    """One row per series and year, one column per figure and statistic any series shows; a figure a
    series' procedure does not have is an empty cell (the data dictionary lists each procedure's figures)."""
    return _csv(reports, ["series", "procedure"])


def _csv(reports: list[YearReport], lead: list[str]) -> bytes:
    paths = list(dict.fromkeys(f.path for r in reports for f in r.fields))
    order = {f.path: i for i, f in enumerate(ALL_FIELDS)}
    paths.sort(key=order.__getitem__)
    names = list(dict.fromkeys(name for r in reports for name in r.statistics))
    rank = {s.name: i for i, s in enumerate(STATISTIC_BY_NAME.values())}
    names.sort(key=rank.__getitem__)
    header = lead + ["year", "status", "published", "presented_to", "revised"] + paths + names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for r in reports:
        y = r.year
        row = [r.series_id, r.procedure.id] if lead else []
        row += [y.id, y.status.value, y.published.isoformat() if y.published else None, y.presented_to,
                " ".join(dict.fromkeys(r.field for r in y.revisions)) or None]
        has = r.field_by_path
        row += [json_figure(y.figure(p)) if p in has else None for p in paths]
        row += [None if n not in r.statistics or r.statistics[n].value is None else repr(float(r.statistics[n].value)) for n in names]
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def chart_csv(columns: tuple[str, ...], table: tuple[tuple[str, ...], ...]) -> bytes:
    """A chart's table as CSV, cells as shown on the page."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in columns])
    for row in table:
        writer.writerow([csv_cell(c) for c in row])
    return out.getvalue().encode("utf-8")


def council_year_json(year: CouncilYear) -> bytes:
    """``council-<year>.json``: the council's Ombudsman figures, the Code's report and actions of one year."""
    return _dumps(council_json(year))


def ombudsman_csv(council: CouncilData) -> bytes:
    """``ombudsman-all-years.csv``: the Ombudsman's figures for the council, one row per year."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OMBUDSMAN_CSV_COLUMNS)
    for row in ombudsman_csv_rows(council):
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8")
