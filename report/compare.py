"""Every figure and statistic for every year of a version, side by side."""

from __future__ import annotations

from dataclasses import dataclass

from . import fmt
from .fields import COUNT_FIELDS, Field
from .fmt import HouseStyle
from .model import Dataset
from .stats import STATISTICS, Statistic, broken_by_break, figure

__all__ = ["CompareRow", "CompareTable", "compare_table"]


@dataclass(frozen=True, slots=True)
class CompareRow:
    key: str  # dotted figure path or statistic name
    label: str
    cells: tuple[str, ...]
    broken: tuple[bool, ...]  # the year's notes say this figure breaks the series there


@dataclass(frozen=True, slots=True)
class CompareTable:
    years: tuple[str, ...]
    labels: tuple[str, ...]
    counts: tuple[CompareRow, ...]
    statistics: tuple[CompareRow, ...]


def compare_table(dataset: Dataset, style: HouseStyle, fields: tuple[Field, ...] = COUNT_FIELDS,
                  statistics: tuple[Statistic, ...] = STATISTICS) -> CompareTable:
    """Rows of figures and of statistics (default: schema 1's), one column per year, oldest first."""
    years = dataset.years
    counts = []
    for f in fields:
        values = [figure(y, f.path) for y in years]
        cells = tuple((fmt.days(v) if f.is_days else fmt.number(v)) or "–" for v in values)
        counts.append(CompareRow(f.path, f.label, cells, tuple(broken_by_break(y, f.path) for y in years)))
    stats = []
    for s in statistics:
        places = style.places_for(s)
        cells = tuple(_share(s.measure(y), places, style) for y in years)
        stats.append(CompareRow(s.name, s.label, cells, tuple(broken_by_break(y, s.name) for y in years)))
    return CompareTable(
        tuple(y.id for y in years), tuple(fmt.year_label(y.id, style) for y in years), tuple(counts), tuple(stats)
    )


def _share(m, places: int, style: HouseStyle) -> str:
    """A statistic's cell: the per cent, with the small-numbers caution when its base is small; "–" when not available."""
    shown = fmt.percent(m.value, places)
    if shown is None:
        return "–"
    return f"{shown}, {fmt.SMALL_CAUTION}" if fmt.small_numbers(m.denominator, style=style) else shown
