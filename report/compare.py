"""Every figure and statistic for every year of a version, side by side."""

from __future__ import annotations

from dataclasses import dataclass

from . import fmt
from .fields import COUNT_FIELDS, Field
from .fmt import HouseStyle
from .model import Dataset, Revision
from .present import NOT_AVAILABLE, NOT_PUBLISHED, statistic_reason
from .stats import STATISTICS, Statistic, broken_by_break, figure

__all__ = ["CompareRow", "CompareTable", "compare_table"]


@dataclass(frozen=True, slots=True)
class CompareRow:
    key: str  # dotted figure path or statistic name
    label: str
    cells: tuple[str, ...]
    broken: tuple[bool, ...]  # the year's notes say this figure breaks the series there
    revised: tuple[str, ...] = ()  # per year: the id of the figure's revision on the compare page, or ""
    notes: tuple[str, ...] = ()  # per year: why a statistic is not available ("no figure for 2021 to 2022"), or ""


@dataclass(frozen=True, slots=True)
class CompareTable:
    years: tuple[str, ...]
    labels: tuple[str, ...]
    counts: tuple[CompareRow, ...]
    statistics: tuple[CompareRow, ...]
    revisions: tuple[tuple[str, str, Revision], ...] = ()  # (id on the compare page, year label, revision), oldest year first


def compare_table(dataset: Dataset, style: HouseStyle, fields: tuple[Field, ...] = COUNT_FIELDS,
                  statistics: tuple[Statistic, ...] = STATISTICS) -> CompareTable:
    """Rows of figures and of statistics (default: schema 1's), one column per year, oldest first.

    A row with no value in any year is left out. A figure not given is "not
    published"; a statistic that cannot be worked out is "not available". A
    figure changed after publication carries the id of its latest revision.
    """
    years = dataset.years
    revisions = tuple((f"revised-{y.id}-{i}", fmt.year_label(y.id, style), r)
                      for y in years for i, r in enumerate(y.revisions, start=1))
    latest = {(y.id, r.field): f"revised-{y.id}-{i}" for y in years for i, r in enumerate(y.revisions, start=1)}
    counts = []
    for f in fields:
        values = [figure(y, f.path) for y in years]
        if all(v is None for v in values):
            continue
        cells = tuple((fmt.days(v) if f.is_days else fmt.number(v)) or NOT_PUBLISHED for v in values)
        counts.append(CompareRow(f.path, f.label, cells, tuple(broken_by_break(y, f.path) for y in years),
                                 tuple(latest.get((y.id, f.path), "") for y in years)))
    stats = []
    for s in statistics:
        places = style.places_for(s)
        measures = [s.measure(y) for y in years]
        if all(m.value is None for m in measures):
            continue
        cells = tuple(_share(m, places, style) for m in measures)
        notes = tuple("" if m.value is not None else statistic_reason(m, fmt.year_label(y.id, style))
                      for m, y in zip(measures, years, strict=True))
        stats.append(CompareRow(s.name, s.label, cells, tuple(broken_by_break(y, s.name) for y in years), (), notes))
    return CompareTable(
        tuple(y.id for y in years), tuple(fmt.year_label(y.id, style) for y in years), tuple(counts), tuple(stats), revisions
    )


def _share(m, places: int, style: HouseStyle) -> str:
    """A statistic's cell: the per cent, with the small-numbers caution when its base is small;
    "not available" when it cannot be worked out."""
    shown = fmt.percent(m.value, places)
    if shown is None:
        return NOT_AVAILABLE
    return f"{shown}, {fmt.SMALL_CAUTION}" if fmt.small_numbers(m.denominator, style=style) else shown
