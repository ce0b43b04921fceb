"""Exact statistics of a reporting year and changes from the previous year.

Pure functions on the model: integers and Fractions in, integers and
Fractions out; ``None`` means "not available". Nothing here rounds or formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from .council_fields import PROCESS_BREAK_YEAR
from .fields import COUNT_FIELDS, fields_for
from .model import Dataset, ReportingYear, YearId
from .procedures import DEFAULT_PROCEDURE, Procedure, lower_first, preset

__all__ = [
    "Statistic", "Measure", "fault_found", "statistics_for", "SCHEMA1_STATISTICS", "figure", "FIGURE_INPUTS", "CountChange",
    "StatisticChange", "STATISTICS", "STATISTIC_BY_NAME",
    "ratio", "measure", "broken_by_break", "crosses_break", "count_change", "statistic_change", "changes",
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


def fault_found(y: ReportingYear, group: str = "outcomes") -> int | None:
    """Upheld plus partially upheld, or the combined figure when only that is published
    (``group``: ``outcomes`` for the first stage, ``outcomes_stage2``, ``outcomes_stage3``)."""
    o = y.figure(group)
    both = _sum_known(o.upheld, o.partially_upheld)
    return both if both is not None else o.fault_found


# Figures that may be derived, with the published figures they are made from.
FIGURE_INPUTS = {f"{g}.fault_found": (f"{g}.upheld", f"{g}.partially_upheld", f"{g}.fault_found")
                 for g in ("outcomes", "outcomes_stage2", "outcomes_stage3")}


def figure(year: ReportingYear, path: str) -> int | Fraction | None:
    """A figure as it is shown everywhere (tables, charts, macros, the commentary lint).

    The published figure, except that the combined outcome is derived from its
    parts when they are published (see ``fault_found``).
    """
    return fault_found(year, path.split(".")[0]) if path in FIGURE_INPUTS else year.figure(path)


def _responded(y: ReportingYear, n: int = 1) -> int | None:
    t = y.figure(f"timeliness.stage{n}_responded")
    return t if t is not None else y.figure(f"complaints.stage{n}")


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


def _ratio_of(num_path: str, den_path: str) -> Callable[[ReportingYear], tuple[int | None, int | None]]:
    return lambda y: (y.figure(num_path), y.figure(den_path))


def _on_time(n: int, key: str = "on_time") -> Callable[[ReportingYear], tuple[int | None, int | None]]:
    return lambda y: (y.figure(f"timeliness.stage{n}_{key}"), _responded(y, n))


def _fault(n: int) -> Callable[[ReportingYear], tuple[int | None, int | None]]:
    group = "outcomes" if n == 1 else f"outcomes_stage{n}"
    return lambda y: (fault_found(y, group), y.figure(f"complaints.stage{n}"))


def _stage_statistics(procedure: Procedure, labels: dict[str, str]) -> list[Statistic]:
    """The rates of each stage, worded from ``procedure``: schema 1's names first."""
    s = {st.number: st for st in procedure.stages}
    fault = procedure.term("fault_found") or "upheld in full or in part"
    out: list[Statistic] = []

    def rate(name, label, num, den, per, places=0, num_text=None, den_text=None):
        out.append(Statistic(name, label, num_text or labels[num], den_text or labels[den], places, per, (num, den), _ratio_of(num, den)))

    if procedure.early_resolution:
        rate("informal_rate", "Contacts resolved informally", "complaints.informal", "complaints.contacts", "of contacts")
        rate("referral_complaint_rate", "Complaint contacts as a percentage of referrals", "complaints.contacts", "context.referrals",
             "as many complaint contacts as referrals", places=1, num_text="Contacts from people wishing to complain",
             den_text="Referrals")
    rate("upheld_rate", "Formal complaints upheld", "outcomes.upheld", "complaints.stage1", "of formal complaints")
    rate("partially_upheld_rate", "Formal complaints partially upheld", "outcomes.partially_upheld", "complaints.stage1",
         "of formal complaints")
    out.append(Statistic("fault_found_rate", f"Formal complaints {fault}",
                         "Upheld plus partially upheld (or the combined figure)", labels["complaints.stage1"], 0, "of formal complaints",
                         (*FIGURE_INPUTS["outcomes.fault_found"], "complaints.stage1"), _fault(1)))
    rate("not_upheld_rate", "Formal complaints not upheld", "outcomes.not_upheld", "complaints.stage1", "of formal complaints")
    if 2 in s:
        rate("stage2_escalation_rate", f"Formal complaints escalated to {s[2].in_text}", "complaints.stage2", "complaints.stage1",
             "of formal complaints")
    if 3 in s:
        rate("stage3_escalation_rate", f"{s[2].name} complaints escalated to {s[3].in_text}", "complaints.stage3", "complaints.stage2",
             f"of {s[2].in_text} complaints")
    responses = labels["timeliness.stage1_responded"]
    out.append(Statistic("stage1_on_time_rate", labels["timeliness.stage1_on_time"], labels["timeliness.stage1_on_time"],
                         f"{responses} (or, when not published, formal complaints)", 0, "of responses",
                         ("timeliness.stage1_on_time", "timeliness.stage1_responded", "complaints.stage1"), _on_time(1)))
    rate("ombudsman_upheld_rate", "Ombudsman investigations upheld", "ombudsman.upheld", "ombudsman.investigated", "of investigations")
    # Later names, in the same pattern.
    for n in (2, 3):
        if n not in s:
            continue
        group, received, of = f"outcomes_stage{n}", f"complaints.stage{n}", f"of {s[n].in_text} complaints"
        rate(f"stage{n}_upheld_rate", f"{s[n].name} complaints upheld", f"{group}.upheld", received, of)
        rate(f"stage{n}_partially_upheld_rate", f"{s[n].name} complaints partially upheld", f"{group}.partially_upheld", received, of)
        out.append(Statistic(f"stage{n}_fault_found_rate", f"{s[n].name} complaints {fault}",
                             "Upheld plus partially upheld (or the combined figure)", labels[received], 0, of,
                             (*FIGURE_INPUTS[f"{group}.fault_found"], received), _fault(n)))
        rate(f"stage{n}_not_upheld_rate", f"{s[n].name} complaints not upheld", f"{group}.not_upheld", received, of)
    for n in sorted(s):
        responded, received = f"timeliness.stage{n}_responded", f"complaints.stage{n}"
        if n > 1:
            out.append(Statistic(f"stage{n}_on_time_rate", labels[f"timeliness.stage{n}_on_time"], labels[f"timeliness.stage{n}_on_time"],
                                 f"{labels[responded]} (or, when not published, {lower_first(labels[received])})", 0, "of responses",
                                 (f"timeliness.stage{n}_on_time", responded, received), _on_time(n)))
        out.append(Statistic(f"stage{n}_extended_rate", labels[f"timeliness.stage{n}_extended"], labels[f"timeliness.stage{n}_extended"],
                             f"{labels[responded]} (or, when not published, {lower_first(labels[received])})", 0, "of responses",
                             (f"timeliness.stage{n}_extended", responded, received), _on_time(n, "extended")))
    return out


@cache
def statistics_for(procedure: Procedure) -> tuple[Statistic, ...]:
    """The statistics ``procedure`` has, worded from it: schema 1's, then each later stage's."""
    labels = {f.path: f.label for f in fields_for(procedure)}
    return tuple(_stage_statistics(procedure, labels))


SCHEMA1_STATISTICS = (
    "informal_rate", "referral_complaint_rate", "upheld_rate", "partially_upheld_rate", "fault_found_rate", "not_upheld_rate",
    "stage2_escalation_rate", "stage3_escalation_rate", "stage1_on_time_rate", "ombudsman_upheld_rate",
)
_ALL_STATISTICS = statistics_for(preset(DEFAULT_PROCEDURE))  # the children's preset has every statistic
STATISTICS: tuple[Statistic, ...] = tuple(s for s in _ALL_STATISTICS if s.name in SCHEMA1_STATISTICS)  # schema 1's
STATISTIC_BY_NAME = {s.name: s for s in _ALL_STATISTICS}


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


# Statistics of the Ombudsman's decisions: its change of process in PROCESS_BREAK_YEAR
# raised uphold rates, so no change of these is computed across that year.
OMBUDSMAN_PROCESS_STATISTICS = frozenset({"ombudsman_upheld_rate"})


def crosses_break(earlier: YearId, later: YearId) -> bool:
    """Whether a comparison of ``earlier`` with ``later`` spans the Ombudsman's change of process.

    >>> crosses_break(YearId(2021), YearId(2022)), crosses_break(YearId(2022), YearId(2023))
    (True, False)
    """
    change = YearId.parse(PROCESS_BREAK_YEAR)
    return earlier < change <= later


def statistic_change(year: ReportingYear, previous: ReportingYear, name: str) -> StatisticChange:
    """The change of a statistic from ``previous``; broken when an input breaks, or across the
    Ombudsman's change of process for its upheld rate (the same rule as the council pages)."""
    stat = STATISTIC_BY_NAME[name]
    broken = broken_by_break(year, name) or (name in OMBUDSMAN_PROCESS_STATISTICS and crosses_break(previous.year, year.year))
    return StatisticChange(name, previous.id, stat.measure(previous).value, stat.measure(year).value, broken)


def changes(dataset: Dataset, year: ReportingYear, procedure: Procedure | None = None) -> dict[str, CountChange | StatisticChange]:
    """Every figure's and statistic's change from the year before; {} without one.
    Without ``procedure``: schema 1's figures and statistics (a single-series site)."""
    previous = dataset.previous(year)
    if previous is None:
        return {}
    fields = fields_for(procedure) if procedure else COUNT_FIELDS
    stats = statistics_for(procedure) if procedure else STATISTICS
    out: dict[str, CountChange | StatisticChange] = {f.path: count_change(year, previous, f.path) for f in fields}
    out.update({s.name: statistic_change(year, previous, s.name) for s in stats})
    return out
