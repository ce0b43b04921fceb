"""A year's report as one object: statistics, changes, headline figures and
section tables, in house style. Pages and downloads are both made from it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction

from . import fmt
from .fields import QUARTERS, SCHEMA1_PATHS, SCHEMA_VERSION, Field, fields_for
from .fmt import HouseStyle
from .model import Dataset, ReportingYear
from .procedures import DEFAULT_PROCEDURE, Procedure, lower_first, preset
from .stats import SCHEMA1_STATISTICS, STATISTIC_BY_NAME, CountChange, Statistic, StatisticChange, changes, figure, statistics_for

__all__ = [
    "StatisticView", "ChangeView", "Row", "Section", "HeadlineItem", "YearReport", "year_report", "SECTIONS", "revision_id",
    "statistic_reason",
    "shown_fields", "shown_statistics", "json_figure", "OVERVIEW_COLUMNS", "OverviewRow", "overview_row",
]

NOT_PUBLISHED = "not published"
NOT_AVAILABLE = "not available"


@dataclass(frozen=True, slots=True)
class StatisticView:
    name: str
    label: str
    numerator: int | None
    denominator: int | None
    value: Fraction | None
    display: str | None
    places: int
    caution: str | None = None  # fmt.SMALL_CAUTION when the base is a small number

    @property
    def shown(self) -> str | None:
        """The per cent as shown to readers: with the small-numbers caution when it applies."""
        if self.display is None:
            return None
        return f"{self.display}, {self.caution}" if self.caution else self.display

    def to_dict(self) -> dict:
        return {
            "numerator": self.numerator, "denominator": self.denominator,
            "value": None if self.value is None else float(self.value),
            "exact": None if self.value is None else f"{self.value.numerator}/{self.value.denominator}",
            "display": self.display,
        }


@dataclass(frozen=True, slots=True)
class ChangeView:
    """A change from the previous year, with its words."""

    key: str
    change: CountChange | StatisticChange
    display: str | None  # magnitude: "6%" or "20 percentage points"
    direction: str | None  # increase / decrease / no change
    short: str  # for tables: "down 6%", "up 3 percentage points", "not comparable"

    @property
    def phrase(self) -> str | None:
        """For running text: "a decrease of 6%", "an increase of 5", "no change"; None when not available."""
        if self.direction is None:
            return None
        if self.direction == "no change":
            return "no change"
        amount = self.display or fmt.number(abs(self.change.difference))
        return f"{'an' if self.direction == 'increase' else 'a'} {self.direction} of {amount}"

    @property
    def sign(self) -> Fraction | int | None:
        """The difference whose sign is worded: a count's difference or a statistic's points."""
        c = self.change
        return c.difference if isinstance(c, CountChange) else c.difference_points

    @property
    def short_word(self) -> str | None:
        """ "up", "down" or "no change" (the words of ``short``); None when not available."""
        return fmt.change_word(self.sign, "short")

    def to_dict(self) -> dict:
        c = self.change
        out: dict = {"previous_year": c.previous_year}
        if isinstance(c, CountChange):
            out.update(previous=json_figure(c.previous), current=json_figure(c.current), difference=json_figure(c.difference),
                       percent=None if c.percent is None else float(c.percent))
        else:
            out.update(previous=None if c.previous is None else float(c.previous),
                       current=None if c.current is None else float(c.current),
                       difference_points=None if c.difference_points is None else float(c.difference_points))
        out.update(display=self.display, direction=self.direction, reason=c.reason)
        return out


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: a label and its cells as shown.

    ``notes``: for each cell, why it is "not available" ("no figure for 2021 to
    2022", "break in series"), or "" (shown as a footnote); ``revised``: the id
    of the revision of this row's figure this year ("revision-1"), or "".
    """

    label: str
    cells: tuple[str, ...]
    notes: tuple[str, ...] = ()
    revised: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class HeadlineItem:
    path: str
    label: str
    value: str
    rate: str | None
    change: str | None
    revised: str = ""  # the id of the revision of this figure this year, or ""


def shown_fields(procedure: Procedure, dataset: Dataset) -> tuple[Field, ...]:
    """The figures a series shows: its procedure's schema 1 figures, and each
    later figure (README, "Report series") that some year of ``dataset`` gives."""
    return tuple(f for f in fields_for(procedure)
                 if f.path in SCHEMA1_PATHS or any(y.figure(f.path) is not None for y in dataset.years))


def shown_statistics(procedure: Procedure, dataset: Dataset) -> tuple[Statistic, ...]:
    """The statistics a series shows: schema 1's that its procedure has, and each
    later one made from a later figure it shows."""
    added = {f.path for f in shown_fields(procedure, dataset)} - set(SCHEMA1_PATHS)
    return tuple(s for s in statistics_for(procedure) if s.name in SCHEMA1_STATISTICS or added & set(s.inputs))


def revision_id(index: int) -> str:
    """The page id of a year's revision, numbered from 1 in the order of its data file."""
    return f"revision-{index}"


def statistic_reason(m, label: str) -> str:
    """Why a statistic of the year ``label`` is not available."""
    if m.numerator is None or m.denominator is None:
        return f"no figure for {label}"
    return f"none to take a per cent of in {label}"


def json_figure(value: int | Fraction | None) -> int | float | None:
    """A figure for JSON: a count as it is, an average of working days as a number with its one decimal."""
    return float(value) if isinstance(value, Fraction) else value


def _sections(procedure: Procedure) -> tuple[tuple[str, str, tuple[tuple[str, str | None], ...]], ...]:
    """Each section: id, title, rows as (figure path, statistic shown beside it or None), worded from ``procedure``."""
    stages = procedure.stages
    later = tuple(
        (f"outcomes_stage{s.number}", f"Outcomes at {s.in_text}", (
            (f"outcomes_stage{s.number}.upheld", f"stage{s.number}_upheld_rate"),
            (f"outcomes_stage{s.number}.partially_upheld", f"stage{s.number}_partially_upheld_rate"),
            (f"outcomes_stage{s.number}.fault_found", f"stage{s.number}_fault_found_rate"),
            (f"outcomes_stage{s.number}.not_upheld", f"stage{s.number}_not_upheld_rate"),
            (f"outcomes_stage{s.number}.withdrawn", None),
        )) for s in stages[1:])
    timeliness = (("timeliness.stage1_responded", None), ("timeliness.stage1_on_time", "stage1_on_time_rate"))
    timeliness += tuple(row for s in stages for row in (
        *(((f"timeliness.stage{s.number}_responded", None), (f"timeliness.stage{s.number}_on_time", f"stage{s.number}_on_time_rate"))
          if s.number > 1 else ()),
        (f"timeliness.stage{s.number}_extended", f"stage{s.number}_extended_rate"),
        (f"timeliness.stage{s.number}_average_days", None),
    ))
    return (
        ("received", "Complaints received and how they were resolved", (
            ("complaints.contacts", None), ("complaints.informal", "informal_rate"), ("complaints.stage1", None),
            ("context.social_care_contacts", None), ("context.referrals", "referral_complaint_rate"),
        )),
        ("outcomes", "Outcomes of formal complaints", (
            ("outcomes.upheld", "upheld_rate"), ("outcomes.partially_upheld", "partially_upheld_rate"),
            ("outcomes.fault_found", "fault_found_rate"), ("outcomes.not_upheld", "not_upheld_rate"),
            ("outcomes.withdrawn", None),
        )),
        *later,
        ("escalation", "Escalation through the stages", (
            ("complaints.stage1", None), ("complaints.stage2", "stage2_escalation_rate"),
            ("complaints.stage3", "stage3_escalation_rate"),
        )),
        ("timeliness", "Timeliness", timeliness),
        ("themes", "Themes of upheld complaints", ()),
        ("ombudsman", procedure.after or "Ombudsman", (
            ("ombudsman.complaints", None), ("ombudsman.investigated", None), ("ombudsman.upheld", "ombudsman_upheld_rate"),
        )),
        ("compliments", "Compliments", (("compliments", None),)),
    )


SECTIONS = _sections(preset(DEFAULT_PROCEDURE))  # as a single-series site with the children's preset shows them

HEADLINE = (
    ("complaints.contacts", None), ("complaints.informal", "informal_rate"), ("complaints.stage1", None),
    ("outcomes.upheld", "upheld_rate"), ("outcomes.partially_upheld", "partially_upheld_rate"),
    ("complaints.stage2", "stage2_escalation_rate"), ("complaints.stage3", "stage3_escalation_rate"),
)


@dataclass(frozen=True)
class YearReport:
    """Everything shown for one year, computed once from the model."""

    year: ReportingYear
    dataset: Dataset  # the years up to and including this one
    style: HouseStyle
    statistics: dict[str, StatisticView]
    changes: dict[str, ChangeView]
    procedure: Procedure = dataclasses.field(default_factory=lambda: preset(DEFAULT_PROCEDURE))
    fields: tuple[Field, ...] = ()  # the figures this series shows (``shown_fields``), worded from its procedure
    series_id: str = ""  # "" on a single-series site
    series_title: str = ""

    @property
    def field_by_path(self) -> dict[str, Field]:
        return {f.path: f for f in self.fields}

    @property
    def label(self) -> str:
        return fmt.year_label(self.year.id, self.style)

    @property
    def previous(self) -> ReportingYear | None:
        return self.dataset.previous(self.year)

    def figure(self, path: str) -> str:
        """A figure as shown in tables: "49,974", "12.4" or "not published"."""
        return _shown(figure(self.year, path)) or NOT_PUBLISHED

    def stat(self, name: str) -> str:
        """A statistic as the commentary writes it: the per cent alone, or "not available"."""
        return self.statistics[name].display or NOT_AVAILABLE

    def change_phrase(self, key: str) -> str | None:
        """Running-text change for headline cards, e.g. "down 6% from 109 in 2021 to 2022"."""
        view = self.changes.get(key)
        if view is None:
            return None
        c = view.change
        then = fmt.year_label(c.previous_year, self.style)
        if c.reason == "break in series":
            return f"not comparable with {then} (see notes)"
        if isinstance(c, CountChange):
            if c.previous is None or c.current is None:
                return None
            if c.difference == 0:
                return f"no change from {then}"
            word = fmt.change_word(c.difference, "short")
            if view.display is None:  # small numbers, or from zero: no per cent
                return f"{word} from {fmt.number(c.previous)} in {then}"
            return f"{word} {view.display} from {fmt.number(c.previous)} in {then}"
        if view.display is None:
            return None
        if view.direction == "no change":
            return f"no change from {then}"
        return f"{view.short_word} {view.display} from {then}"

    def rate_change_phrase(self, path: str, stat: str) -> str | None:
        """A card's comparison when its figure has a per cent: last year's figure and
        per cent, and the change in percentage points, e.g. "29 (27%) in 2021 to
        2022, down 20 percentage points". Falls back to ``change_phrase``."""
        view = self.changes.get(stat)
        prev = self.previous
        if view is None or prev is None or view.change.reason == "break in series":
            return self.change_phrase(path)
        before = STATISTIC_BY_NAME[stat].measure(prev)
        then = fmt.year_label(prev.id, self.style)
        shown = fmt.percent(before.value, self.statistics[stat].places)
        if shown is None or view.display is None or figure(prev, path) is None:
            return self.change_phrase(path)
        caution = f", {fmt.SMALL_CAUTION}" if fmt.small_numbers(before.denominator, style=self.style) else ""
        moved = "no change" if view.direction == "no change" else f"{view.short_word} {view.display}"
        return f"{_shown(figure(prev, path))} ({shown}{caution}) in {then}, {moved}"

    def revised(self, path: str) -> str:
        """The id of the latest revision of ``path`` this year, or ""."""
        found = [i for i, r in enumerate(self.year.revisions, start=1) if r.field == path]
        return revision_id(found[-1]) if found else ""

    def rate_shown(self, stat: str) -> str | None:
        """A per cent with what it is of: "7% of formal complaints" (and the small-numbers caution)."""
        view = self.statistics[stat]
        if view.display is None:
            return None
        return f"{view.display} {STATISTIC_BY_NAME[stat].per}" + (f", {view.caution}" if view.caution else "")

    def headline(self) -> tuple[HeadlineItem, ...]:
        items = []
        labels = self.field_by_path
        for path, stat in HEADLINE:
            if path not in labels or figure(self.year, path) is None:
                continue
            stat = stat if stat in self.statistics else None
            rate = self.rate_shown(stat) if stat else None
            change = self.rate_change_phrase(path, stat) if rate else self.change_phrase(path)
            if change is None and self.previous is None and self.dataset.years[0] is not self.year:
                then = fmt.year_label(self.year.year.previous.id, self.style)
                change = f"change {NOT_AVAILABLE}: no previous year (no report for {then})"
            items.append(HeadlineItem(path, labels[path].label, self.figure(path), rate, change, self.revised(path)))
        return tuple(items)

    def sections(self) -> tuple[Section, ...]:
        """The report's sections that have at least one published figure, in order."""
        out = []
        prev = self.previous
        prev_label = fmt.year_label(prev.id, self.style) if prev else None
        labels = self.field_by_path
        for section_id, title, all_rows in _sections(self.procedure):
            if section_id == "themes":
                out.extend(filter(None, [self.themes_section()]))
                continue
            if section_id == "escalation" and len(self.procedure.stages) == 1:
                continue  # one stage: nothing to escalate to
            rows = tuple((path, stat if stat in self.statistics else None) for path, stat in all_rows if path in labels)
            if all(figure(self.year, path) is None for path, _ in rows):
                continue
            has_rates = any(stat for _, stat in rows)
            columns = ["Figure", self.label] + (["Per cent"] if has_rates else [])
            if prev_label:
                columns += [prev_label] + ([f"Per cent, {prev_label}"] if has_rates else []) + ["Change"]
                columns += ["Change in per cent"] if has_rates else []
            table_rows = []
            for path, stat in rows:
                pairs = [(_shown(figure(self.year, path)) or NOT_PUBLISHED, "")]  # (cell, why it is not available)
                if has_rates:
                    pairs.append(self._rate_cell(stat, self.year, True))
                if prev_label:
                    pairs.append((_shown(figure(prev, path)) or NOT_PUBLISHED, ""))
                    if has_rates:
                        pairs.append(self._rate_cell(stat, prev, False))
                    pairs.append(self._change_cell(path))
                    if has_rates:
                        pairs.append(self._change_cell(stat) if stat else ("", ""))
                cells, notes = zip(*pairs, strict=True)
                table_rows.append(Row(labels[path].label, tuple(cells), tuple(notes), self.revised(path)))
            out.append(Section(section_id, title, f"{title}, {self.label}", tuple(columns), tuple(table_rows)))
        return tuple(out) + self.extra_sections()

    def _rate_cell(self, stat: str | None, year: ReportingYear, current: bool) -> tuple[str, str]:
        """A per cent cell and its footnote: "7% of formal complaints" this year, "27%" last year."""
        if not stat:
            return "", ""
        label = fmt.year_label(year.id, self.style)
        m = STATISTIC_BY_NAME[stat].measure(year)
        shown = fmt.percent(m.value, self.statistics[stat].places)
        if shown is None:
            return NOT_AVAILABLE, statistic_reason(m, label)
        caution = f" ({fmt.SMALL_CAUTION})" if fmt.small_numbers(m.denominator, style=self.style) else ""
        return (f"{shown} {STATISTIC_BY_NAME[stat].per}" if current else shown) + caution, ""

    def _change_cell(self, key: str) -> tuple[str, str]:
        """A change cell ("down 6%", "up 20 percentage points") and, when not available, why."""
        view = self.changes[key]
        if view.direction is not None:
            return view.short, ""
        c = view.change
        if c.reason == "break in series":
            return NOT_AVAILABLE, "break in series"
        then = fmt.year_label(c.previous_year, self.style)
        if c.previous is None and c.current is None:
            return NOT_AVAILABLE, f"no figure for {then} or {self.label}"
        if c.previous is None:
            return NOT_AVAILABLE, f"no figure for {then}"
        return NOT_AVAILABLE, f"no figure for {self.label}"

    def as_published(self, published: dict[str, int | None]) -> tuple[Row, ...]:
        """Each revised figure, and each statistic made from one, as presented on the
        publication date (``published``: the year's figures in the lock) beside now:
        rows of (label; as published, now)."""
        revised = list(dict.fromkeys(r.field for r in self.year.revisions))
        if not revised:
            return ()
        then = _with_figures(self.year, {p: published[p] for p in revised if p in published})
        labels = self.field_by_path
        rows = [Row(labels[p].label if p in labels else p,
                    (_shown(figure(then, p)) or NOT_PUBLISHED, _shown(figure(self.year, p)) or NOT_PUBLISHED)) for p in revised]
        for name, view in self.statistics.items():
            stat = STATISTIC_BY_NAME[name]
            if set(stat.inputs) & set(revised):
                before = fmt.percent(stat.measure(then).value, view.places)
                if before or view.display:
                    rows.append(Row(stat.label, (before or NOT_AVAILABLE, view.display or NOT_AVAILABLE)))
        return tuple(rows)

    def extra_sections(self) -> tuple[Section, ...]:
        """Complaints by quarter and the year's breakdowns, where given."""
        out = []
        y = self.year
        if y.quarters:
            rows = tuple(Row(name, (fmt.number(value) or NOT_PUBLISHED,)) for name, value in zip(QUARTERS, y.quarters, strict=True))
            out.append(Section("quarters", "Complaints by quarter", f"Complaints received at the first stage by quarter, {self.label}",
                               ("Quarter", "Complaints"), rows))
        for index, b in enumerate(y.breakdowns, start=1):
            columns = ("Name", "Complaints", *(c.label for c in b.columns))
            rows = tuple(Row(r.name, tuple(fmt.number(v) or NOT_PUBLISHED for v in (r.count, *r.values))) for r in b.rows)
            caption = f"{b.title}, {self.label}" + (f". {b.note}" if b.note else "")
            out.append(Section(f"breakdown-{index}", b.title, caption, columns, rows))
        return tuple(out)

    def themes_section(self) -> Section | None:
        if not self.year.themes:
            return None
        rows = tuple(Row(t.name, (fmt.number(t.count) or NOT_PUBLISHED,)) for t in self.year.themes)
        return Section("themes", "Themes of upheld complaints", f"Main themes of upheld and partially upheld complaints, {self.label}",
                       ("Theme", "Complaints"), rows)

    def to_dict(self) -> dict:
        """The year's JSON download (shape in the statistics spec)."""
        y = self.year
        figures: dict = {}
        for f in self.fields:
            if "." in f.path:
                figures.setdefault(f.group, {})[f.key] = json_figure(y.figure(f.path))
            else:
                figures[f.path] = json_figure(y.figure(f.path))
        series = {"series": self.series_id, "procedure": self.procedure.id} if self.series_id else {}
        return {
            "schema": SCHEMA_VERSION,
            **series,
            "year": y.id,
            "label": self.label,
            "status": y.status.value,
            "published": y.published.isoformat() if y.published else None,
            "presented_to": y.presented_to,
            "source": {"title": y.source.title, "url": y.source.url},
            "figures": figures,
            "themes": [{"name": t.name, "count": t.count} for t in y.themes],
            **({"quarters": list(y.quarters)} if y.quarters else {}),
            **({"breakdowns": [_breakdown_dict(b) for b in y.breakdowns]} if y.breakdowns else {}),
            "statistics": {name: view.to_dict() for name, view in self.statistics.items()},
            "changes": {key: view.to_dict() for key, view in self.changes.items()},
            "notes": [{"text": n.text, "breaks": list(n.breaks)} for n in y.notes],
            "revisions": [
                {"date": r.date.isoformat(), "field": r.field, "from": r.old, "to": r.new, "reason": r.reason}
                for r in y.revisions
            ],
            "revised": list(dict.fromkeys(r.field for r in y.revisions)),
        }


# The table across series: its column headings. Neutral words: each series' cells say
# its own procedure's term ("39% well-founded"), so no heading has to choose one.
OVERVIEW_COLUMNS = ("Complaints received", "Fault found", "Responses on time", "Escalated", "Ombudsman complaints")
NO_LATER_STAGE = "no later stage"


@dataclass(frozen=True, slots=True)
class OverviewRow:
    """A series' row of the table across series, as display strings (one cell per ``OVERVIEW_COLUMNS``)."""

    series: str
    cells: tuple[str, ...]


def overview_row(r: YearReport) -> OverviewRow:
    """A series' figures and rates as its own report shows them, worded from its procedure:
    "not available" for a rate without its figures, "no later stage" for a one-stage procedure."""
    def rate(name: str) -> str:
        view = r.statistics.get(name)
        return (view.display or NOT_AVAILABLE) if view else NOT_AVAILABLE
    fault = lower_first({f.path: f for f in fields_for(r.procedure)}["outcomes.fault_found"].label)
    found = rate("fault_found_rate")
    escalated = rate("stage2_escalation_rate") if len(r.procedure.stages) > 1 else NO_LATER_STAGE
    return OverviewRow(r.series_title, (
        r.figure("complaints.stage1"), found if found == NOT_AVAILABLE else f"{found} {fault}", rate("stage1_on_time_rate"),
        escalated, r.figure("ombudsman.complaints")))


def _with_figures(year: ReportingYear, values: dict[str, int | None]) -> ReportingYear:
    """``year`` with the figures at the dotted paths of ``values`` replaced."""
    for path, value in values.items():
        group, _, key = path.partition(".")
        if key:
            year = dataclasses.replace(year, **{group: dataclasses.replace(getattr(year, group), **{key: value})})
        else:
            year = dataclasses.replace(year, **{group: value})
    return year


def _breakdown_dict(b) -> dict:
    return {"title": b.title, "by": b.by, "columns": [{"id": c.id, "label": c.label} for c in b.columns],
            "rows": [{"name": r.name, "count": r.count, **{c.id: v for c, v in zip(b.columns, r.values, strict=True)}} for r in b.rows],
            "note": b.note}


def _shown(value: int | Fraction | None) -> str | None:
    """A figure in house style: a count "49,974", an average of working days "12.4"."""
    if isinstance(value, Fraction):
        return fmt.days(value)
    return fmt.number(value)


def _change_view(key: str, change: CountChange | StatisticChange, style: HouseStyle) -> ChangeView:
    if isinstance(change, CountChange):
        small = fmt.small_numbers(change.previous, change.current, style=style)
        display = None if small else fmt.change_percent(change.percent)
        sign = change.difference
        amount = display or (fmt.number(abs(change.difference)) if change.difference is not None else None)
    else:
        places = style.places_for(STATISTIC_BY_NAME[key])
        display = fmt.points(change.difference_points, places)
        sign = change.difference_points
        amount = display
    direction = fmt.change_word(sign, "noun")
    if change.reason == "break in series":
        short = "not comparable"
    elif direction is None:
        short = NOT_AVAILABLE
    elif direction == "no change":
        short = "no change"
    else:
        short = f"{fmt.change_word(sign, 'short')} {amount}"
    return ChangeView(key, change, display, direction, short)


def year_report(dataset: Dataset, year_id: str, style: HouseStyle = HouseStyle(), procedure: Procedure | None = None,
                series_id: str = "", series_title: str = "") -> YearReport:
    """Build the report for ``year_id`` from the years up to and including it,
    worded from ``procedure`` (default: the children's preset)."""
    procedure = procedure or preset(DEFAULT_PROCEDURE)
    upto = dataset.upto(year_id)
    year = upto.get(year_id)
    fields = shown_fields(procedure, upto)
    stats = shown_statistics(procedure, upto)
    statistics = {}
    for stat in stats:
        m = stat.measure(year)
        places = style.places_for(stat)
        small = m.value is not None and fmt.small_numbers(m.denominator, style=style)
        statistics[stat.name] = StatisticView(stat.name, stat.label, m.numerator, m.denominator, m.value,
                                              fmt.percent(m.value, places), places, fmt.SMALL_CAUTION if small else None)
    keys = {f.path for f in fields} | {s.name for s in stats}
    views = {key: _change_view(key, change, style) for key, change in changes(upto, year, procedure).items() if key in keys}
    return YearReport(year, upto, style, statistics, views, procedure, fields, series_id, series_title)
