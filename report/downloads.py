"""The downloadable files of a version: per-year JSON, all-years CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from .fields import COUNT_FIELDS
from .present import YearReport
from .stats import STATISTICS

__all__ = ["year_json", "all_years_json", "all_years_csv", "csv_cell", "chart_csv"]


def _dumps(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def year_json(report: YearReport) -> bytes:
    return _dumps(report.to_dict())


def all_years_json(reports: list[YearReport]) -> bytes:
    return _dumps([r.to_dict() for r in reports])


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
    """One row per year, one column per figure and statistic (dotted names)."""
    header = ["year", "status", "published", "presented_to"] + [f.path for f in COUNT_FIELDS] + [s.name for s in STATISTICS]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for r in reports:
        y = r.year
        row = [y.id, y.status.value, y.published.isoformat() if y.published else None, y.presented_to]
        row += [y.figure(f.path) for f in COUNT_FIELDS]
        row += [None if r.statistics[s.name].value is None else repr(float(r.statistics[s.name].value)) for s in STATISTICS]
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
