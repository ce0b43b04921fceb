"""Typed, immutable objects for the figures of reporting years.

Nothing here knows about YAML: ``load`` builds these objects, and tests can
build them directly.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field
from fractions import Fraction

from .fields import ALL_FIELDS, COUNT_FIELDS

__all__ = [
    "YearId", "Status", "Source", "Context", "Complaints", "Outcomes", "Timeliness",
    "Ombudsman", "Breakdown", "BreakdownColumn", "BreakdownRow", "Theme", "Note", "Revision", "ReportingYear", "Dataset",
]

Count = int | None
Days = Fraction | None  # an average of working days, exact (12.4 is Fraction(62, 5))

_YEAR_ID = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only, the whole text


@dataclass(frozen=True, slots=True, order=True)
class YearId:
    """A reporting year, 1 April ``start`` to 31 March ``start + 1``."""

    start: int

    @classmethod
    def parse(cls, text: str) -> YearId:
        """Parse ``"2022-23"``; raise ValueError with the reason otherwise.

        >>> YearId.parse("2022-23").start
        2022
        """
        match = _YEAR_ID.fullmatch(text)
        if not match:
            raise ValueError('expected a year written "YYYY-YY", e.g. 2022-23')
        start, end = int(match.group(1)), int(match.group(2))
        if (start + 1) % 100 != end:
            raise ValueError(f'the second part must be the year after the first, e.g. {start}-{(start + 1) % 100:02d}')
        return cls(start)

    @property
    def id(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def previous(self) -> YearId:
        return YearId(self.start - 1)

    def __str__(self) -> str:
        return self.id


class Status(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"


@dataclass(frozen=True, slots=True)
class Source:
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    social_care_contacts: Count = None
    referrals: Count = None


@dataclass(frozen=True, slots=True)
class Complaints:
    contacts: Count = None
    informal: Count = None
    stage1: Count = None
    stage2: Count = None
    stage3: Count = None


@dataclass(frozen=True, slots=True)
class Outcomes:
    upheld: Count = None
    partially_upheld: Count = None
    not_upheld: Count = None
    withdrawn: Count = None
    fault_found: Count = None


@dataclass(frozen=True, slots=True)
class Timeliness:
    stage1_on_time: Count = None
    stage1_responded: Count = None
    stage1_extended: Count = None
    stage1_average_days: Days = None
    stage2_on_time: Count = None
    stage2_responded: Count = None
    stage2_extended: Count = None
    stage2_average_days: Days = None
    stage3_on_time: Count = None
    stage3_responded: Count = None
    stage3_extended: Count = None
    stage3_average_days: Days = None


@dataclass(frozen=True, slots=True)
class Ombudsman:
    complaints: Count = None
    investigated: Count = None
    upheld: Count = None


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    count: Count = None


@dataclass(frozen=True, slots=True)
class BreakdownColumn:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    name: str
    count: Count = None
    values: tuple[Count, ...] = ()  # one per column of its breakdown, in order


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A table of named rows with a count each, e.g. complaints by team."""

    title: str
    by: str  # one of fields.BREAKDOWN_BY
    columns: tuple[BreakdownColumn, ...] = ()
    rows: tuple[BreakdownRow, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    breaks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Revision:
    date: dt.date
    field: str
    old: Count  # ``from`` in the data file
    new: Count  # ``to`` in the data file
    reason: str
    line: int = 0  # where the entry starts in its data file, for messages (0: not known)


@dataclass(frozen=True, slots=True)
class ReportingYear:
    """Everything one data file says about one reporting year."""

    year: YearId
    status: Status = Status.PUBLISHED
    published: dt.date | None = None
    presented_to: str | None = None
    source: Source = Source()
    context: Context = Context()
    complaints: Complaints = Complaints()
    outcomes: Outcomes = Outcomes()
    outcomes_stage2: Outcomes = Outcomes()
    outcomes_stage3: Outcomes = Outcomes()
    timeliness: Timeliness = Timeliness()
    ombudsman: Ombudsman = Ombudsman()
    compliments: Count = None
    quarters: tuple[Count, ...] = ()  # () when not given, else 4 counts (April-June first)
    breakdowns: tuple[Breakdown, ...] = ()
    themes: tuple[Theme, ...] = ()
    notes: tuple[Note, ...] = ()
    revisions: tuple[Revision, ...] = ()
    path: str = ""  # the file it came from, for messages

    @property
    def id(self) -> str:
        return self.year.id

    @property
    def is_draft(self) -> bool:
        return self.status is Status.DRAFT

    def figure(self, path: str) -> Count | Fraction:
        """The count at a dotted path, e.g. ``figure("complaints.stage1")``."""
        value: object = self
        for part in path.split("."):
            value = getattr(value, part)
        return value  # type: ignore[return-value]

    def figures(self) -> dict[str, Count]:
        """Every schema 1 count by dotted path, in schema order (nulls kept),
        then each later count that is given (what the lock records; averages
        of working days are not counts and are not locked)."""
        out = {f.path: self.figure(f.path) for f in COUNT_FIELDS}
        out.update({f.path: self.figure(f.path) for f in ALL_FIELDS
                    if f.path not in out and not f.is_days and self.figure(f.path) is not None})
        return out

    @property
    def breaks(self) -> frozenset[str]:
        """Figures this year's notes say are not comparable with earlier years."""
        return frozenset(b for note in self.notes for b in note.breaks)


@dataclass(frozen=True, slots=True)
class Dataset:
    """All reporting years of one build, oldest first."""

    years: tuple[ReportingYear, ...] = field(default=())

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.years, key=lambda y: y.year))
        object.__setattr__(self, "years", ordered)

    def get(self, year_id: str) -> ReportingYear:
        for year in self.years:
            if year.id == year_id:
                return year
        raise KeyError(year_id)

    def previous(self, year: ReportingYear) -> ReportingYear | None:
        """The year immediately before, or None (first year, or a gap)."""
        for other in self.years:
            if other.year == year.year.previous:
                return other
        return None

    def upto(self, year_id: str) -> Dataset:
        """The years up to and including ``year_id``: what its version shows."""
        last = YearId.parse(year_id)
        return Dataset(tuple(y for y in self.years if y.year <= last))

    def without_drafts(self) -> Dataset:
        return Dataset(tuple(y for y in self.years if not y.is_draft))

    @property
    def newest(self) -> ReportingYear:
        return self.years[-1]
