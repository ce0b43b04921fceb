"""Exact statistics of a reporting year and changes from the previous year.

Pure functions on the model: integers and Fractions in, integers and
Fractions out; ``None`` means "not available". Nothing here rounds or formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .fields import COUNT_FIELDS
from .model import Dataset, ReportingYear

__all__ = [
    "Statistic", "Measure", "fault_found", "figure", "FIGURE_INPUTS", "CountChange", "StatisticChange", "STATISTICS", "STATISTIC_BY_NAME",
    "ratio", "measure", "broken_by_break", "count_change", "statistic_change", "changes",
]


def ratio(numerator: int | None, denominator: int | None) -> Fraction | None:
    """Exact ratio, or None when either side is unpublished or the denominator is 0.

    >>> ratio(27, 129)
    Fraction(9, 43)
    >>> ratio(3, 0) is None, ratio(None, 5) is None
    (True, True)
    """
    if numerator is None or not denominator:
        return None
    return Fraction(numerator, denominator)


@dataclass(frozen=True, slots=True)
class Measure:
    """A statistic's parts for one year; ``value`` is None when not available."""

    numerator: int | None
    denominator: int | None

    @property
    def value(self) -> Fraction | None:
        return ratio(self.numerator, self.denominator)


def _sum_known(*values: int | None) -> int | None:
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


def fault_found(y: ReportingYear) -> int | None:
    """Upheld plus partially upheld, or the combined figure when only that is published."""
    both = _sum_known(y.outcomes.upheld, y.outcomes.partially_upheld)
    return both if both is not None else y.outcomes.fault_found


# Figures that may be derived, with the published figures they are made from.
FIGURE_INPUTS = {"outcomes.fault_found": ("outcomes.upheld", "outcomes.partially_upheld", "outcomes.fault_found")}


def figure(year: ReportingYear, path: str) -> int | None:
    """A figure as it is shown everywhere (tables, charts, macros, the commentary lint).

    The published count, except that the combined outcome is derived from its
    parts when they are published (see ``fault_found``).
    """
    return fault_found(year) if path == "outcomes.fault_found" else year.figure(path)


def _responded(y: ReportingYear) -> int | None:
    t = y.timeliness.stage1_responded
    return t if t is not None else y.complaints.stage1


@dataclass(frozen=True, slots=True)
class Statistic:
    """A named rate: what it divides by what, and how many places it shows."""

    name: str
    label: str
    numerator_text: str
    denominator_text: str
    places: int
    per: str  # what the per cent is of, in words: "of contacts"
    inputs: tuple[str, ...]  # figures it is made from (a break in one breaks it)
    parts: Callable[[ReportingYear], tuple[int | None, int | None]]

    def measure(self, year: ReportingYear) -> Measure:
        return Measure(*self.parts(year))


def _rate(name, label, num_path, den_path, per, places=0, num_text=None, den_text=None):
    from .fields import label as field_label
    return Statistic(
        name, label, num_text or field_label(num_path), den_text or field_label(den_path), places, per,
        (num_path, den_path), lambda y: (y.figure(num_path), y.figure(den_path)),
    )


STATISTICS: tuple[Statistic, ...] = (
    _rate("informal_rate", "Contacts resolved informally", "complaints.informal", "complaints.contacts", "of contacts"),
    _rate(
        "referral_complaint_rate",
        "Complaint contacts as a percentage of referrals",
        "complaints.contacts",
        "context.referrals",
        "as many complaint contacts as referrals",
        places=1,
        num_text="Contacts from people wishing to complain",
        den_text="Referrals",
    ),
    _rate("upheld_rate", "Formal complaints upheld", "outcomes.upheld", "complaints.stage1", "of formal complaints"),
    _rate(
        "partially_upheld_rate",
        "Formal complaints partially upheld",
        "outcomes.partially_upheld",
        "complaints.stage1",
        "of formal complaints",
    ),
    Statistic(
        "fault_found_rate",
        "Formal complaints upheld in full or in part",
        "Upheld plus partially upheld (or the combined figure)",
        "Formal complaints (stage 1)",
        0,
        "of formal complaints",
        ("outcomes.upheld", "outcomes.partially_upheld", "outcomes.fault_found", "complaints.stage1"),
        lambda y: (fault_found(y), y.complaints.stage1),
    ),
    _rate("not_upheld_rate", "Formal complaints not upheld", "outcomes.not_upheld", "complaints.stage1", "of formal complaints"),
    _rate(
        "stage2_escalation_rate", "Formal complaints escalated to stage 2", "complaints.stage2", "complaints.stage1", "of formal complaints"
    ),
    _rate(
        "stage3_escalation_rate",
        "Stage 2 complaints escalated to stage 3",
        "complaints.stage3",
        "complaints.stage2",
        "of stage 2 complaints",
    ),
    Statistic(
        "stage1_on_time_rate",
        "Stage 1 responses on time",
        "Stage 1 responses on time",
        "Stage 1 responses sent (or, when not published, formal complaints)",
        0,
        "of responses",
        ("timeliness.stage1_on_time", "timeliness.stage1_responded", "complaints.stage1"),
        lambda y: (y.timeliness.stage1_on_time, _responded(y)),
    ),
    _rate("ombudsman_upheld_rate", "Ombudsman investigations upheld", "ombudsman.upheld", "ombudsman.investigated", "of investigations"),
)
STATISTIC_BY_NAME = {s.name: s for s in STATISTICS}


def measure(year: ReportingYear, name: str) -> Measure:
    """The named statistic's parts for ``year``."""
    return STATISTIC_BY_NAME[name].measure(year)


@dataclass(frozen=True, slots=True)
class CountChange:
    """Change of a count from the previous reporting year."""

    path: str
    previous_year: str
    previous: int | None
    current: int | None
    broken: bool  # a note of the current year says the series breaks here

    @property
    def difference(self) -> int | None:
        if self.broken or self.previous is None or self.current is None:
            return None
        return self.current - self.previous

    @property
    def percent(self) -> Fraction | None:
        """Difference as a per cent of the previous value (exact)."""
        if self.difference is None or not self.previous:
            return None
        return Fraction(self.difference * 100, self.previous)

    @property
    def reason(self) -> str | None:
        """Why the change is not available, or None when it is."""
        if self.broken:
            return "break in series"
        if self.previous is None or self.current is None:
            return "not published"
        return None


@dataclass(frozen=True, slots=True)
class StatisticChange:
    """Change of a statistic from the previous year, in percentage points."""

    name: str
    previous_year: str
    previous: Fraction | None
    current: Fraction | None
    broken: bool

    @property
    def difference_points(self) -> Fraction | None:
        if self.broken or self.previous is None or self.current is None:
            return None
        return (self.current - self.previous) * 100

    @property
    def reason(self) -> str | None:
        if self.broken:
            return "break in series"
        if self.previous is None or self.current is None:
            return "not available"
        return None


def broken_by_break(year: ReportingYear, key: str) -> bool:
    """Is the figure or statistic ``key`` not comparable with earlier years because a note of
    ``year`` breaks the series of one of its inputs (a derived figure's or a statistic's)?"""
    stat = STATISTIC_BY_NAME.get(key)
    inputs = stat.inputs if stat else FIGURE_INPUTS.get(key, (key,))
    return any(p in year.breaks for p in inputs)


def count_change(year: ReportingYear, previous: ReportingYear, path: str) -> CountChange:
    """The change of a figure as shown (derived when the figure is); broken when any input breaks."""
    return CountChange(path, previous.id, figure(previous, path), figure(year, path), broken_by_break(year, path))


def statistic_change(year: ReportingYear, previous: ReportingYear, name: str) -> StatisticChange:
    stat = STATISTIC_BY_NAME[name]
    return StatisticChange(name, previous.id, stat.measure(previous).value, stat.measure(year).value, broken_by_break(year, name))


def changes(dataset: Dataset, year: ReportingYear) -> dict[str, CountChange | StatisticChange]:
    """Every count's and statistic's change from the year before; {} without one."""
    previous = dataset.previous(year)
    if previous is None:
        return {}
    out: dict[str, CountChange | StatisticChange] = {f.path: count_change(year, previous, f.path) for f in COUNT_FIELDS}
    out.update({s.name: statistic_change(year, previous, s.name) for s in STATISTICS})
    return out
