"""Council-wide pages as objects: the Ombudsman's view, the Code's annual report
and learning and actions, in house style. Pages and downloads are made from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from . import fmt
from . import ombudsman as om
from .council import Action, CouncilData, CouncilYear, OmbudsmanFigures
from .council_fields import (
    AUTHORITY_TYPES,
    CODE_FIRST_YEAR,
    CODE_VARIANTS,
    OMBUDSMAN_FIELDS,
    PROCESS_BREAK_REASON,
    PROCESS_BREAK_YEAR,
)
from .fmt import HouseStyle
from .model import YearId
from .present import YearReport

__all__ = [
    "Table", "OmbudsmanView", "ActionsView", "CodeView", "ombudsman_view", "actions_view", "code_view",
    "has_code_report", "council_json", "ombudsman_csv_rows", "OMBUDSMAN_CSV_COLUMNS", "series_figures_table",
]

NOT_PUBLISHED = "not published"
NOT_AVAILABLE = "not available"


@dataclass(frozen=True, slots=True)
class Table:
    """A table as shown: a caption, column heads and rows of cells (the first cell heads its row)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _pct(value: Fraction | None, places: int = 0) -> str | None:
    return fmt.percent(value, places)


def _published_pct(value: Fraction | None) -> str | None:
    """A per cent as published (whole or one decimal), e.g. 81 -> "81%"."""
    if value is None:
        return None
    return fmt.percent(value / 100, 0 if value.denominator == 1 else 1)


def _places(published: Fraction | None) -> int:
    """Decimal places of a per cent as published: 1 for 82.5, else 0."""
    return 0 if published is None or published.denominator == 1 else 1


def _against_average(difference: Fraction, places: int, same: str = "the same as") -> str:
    """Where the council's rate stands against the average, the one place it is decided:
    ``same`` when the difference rounds to nothing at ``places``, else "3 percentage
    points above" / "below".

    ``difference`` is in percentage points (``ombudsman.difference_from_average``).

    >>> _against_average(Fraction(2, 5), 0), _against_average(Fraction(-3), 0), _against_average(Fraction(1, 2), 0)
    ('the same as', '3 percentage points below', '1 percentage point above')
    """
    if fmt.round_half_up(abs(difference), places) == 0:
        return same
    return f"{fmt.points(difference, places)} {'above' if difference > 0 else 'below'}"


def _rate_100k(value: Fraction | None) -> str | None:
    return None if value is None else fmt._decimal(value, 1)


@dataclass(frozen=True)
class OmbudsmanView:
    """The Ombudsman's view of the council, for the years up to a version's year."""

    year: YearId  # the version's year
    style: HouseStyle
    years: tuple[CouncilYear, ...]  # council years with the Ombudsman's figures, oldest first

    @property
    def label(self) -> str:
        return fmt.year_label(self.year.id, self.style)

    def _year_label(self, y: CouncilYear) -> str:
        return fmt.year_label(y.year.id, self.style)

    @property
    def latest(self) -> CouncilYear | None:
        return self.years[-1] if self.years else None

    def chart_rows(self) -> tuple[dict, ...]:
        """The upheld rate and the similar authorities' average by year, for the chart.

        A year not published is a gap; years before the Ombudsman's change of
        process are a separate segment, never joined to later ones."""
        rows = []
        for y in self.years:
            o = y.ombudsman
            segment = 0 if y.year < YearId.parse(PROCESS_BREAK_YEAR) else 1
            council = om.best_upheld_rate(o)
            average = om.published(o, "average_upheld_rate")
            for series, value, shown in (("The council", council, _pct(council)),
                                         ("Similar authorities' average", average, _published_pct(o.average_upheld_rate))):
                rows.append({"year": self._year_label(y), "series": series, "segment": segment,
                             "value": None if value is None else float(value * 100),
                             "display": shown or NOT_PUBLISHED})
        return tuple(rows)

    def upheld_table(self) -> Table:
        """The council's upheld rate against the average for similar authorities, year by year."""
        rows = []
        for y in self.years:
            o = y.ombudsman
            difference = om.difference_from_average(o)
            places = _places(o.average_upheld_rate)
            against = NOT_AVAILABLE if difference is None else _against_average(difference, places, "the same as the average")
            label = self._year_label(y) + (" (change of process)" if y.year.id == PROCESS_BREAK_YEAR else "")
            rows.append((label, fmt.number(o.investigated) or NOT_PUBLISHED, fmt.number(o.upheld) or NOT_PUBLISHED,
                         _pct(om.best_upheld_rate(o)) or NOT_AVAILABLE, _published_pct(o.average_upheld_rate) or NOT_PUBLISHED,
                         against))
        return Table(f"Complaints the Ombudsman upheld against the average for similar authorities, up to {self.label}",
                     ("Year", "Investigated", "Upheld", "Upheld rate", "Similar authorities' average", "Against the average"),
                     tuple(rows))

    def figures_table(self) -> Table:
        """Every figure of the Ombudsman's, one row per figure, one column per year."""
        rows = []
        for field in OMBUDSMAN_FIELDS:
            if field.key == "upheld_rate":
                continue  # shown computed from the counts, below
            cells = []
            for y in self.years:
                o = y.ombudsman
                value = getattr(o, field.key)
                if field.kind == "count":
                    text = fmt.number(value)
                    if text and field.key in ("not_for_us", "assessed_and_closed", "investigated") and om.share(o, field.key) is not None:
                        text += f" ({_pct(om.share(o, field.key))})"
                elif field.kind == "percent":
                    text = _published_pct(value)
                else:
                    text = _rate_100k(value)
                cells.append(text or NOT_PUBLISHED)
            rows.append((field.label, *cells))
            if field.key == "upheld":
                rows.append(("Upheld rate (upheld / investigated)",
                             *(_pct(om.upheld_rate(y.ombudsman)) or NOT_AVAILABLE for y in self.years)))
            if field.key == "satisfactory_remedies":
                rows.append(("Satisfactory remedy rate (remedies / upheld)",
                             *(_pct(om.satisfactory_remedy_rate(y.ombudsman)) or NOT_AVAILABLE for y in self.years)))
        kinds = [AUTHORITY_TYPES.get(y.ombudsman.authority_type or "", NOT_PUBLISHED) for y in self.years]
        rows.insert(0, ("Similar authorities", *kinds))
        return Table(f"The Ombudsman's figures for the council, up to {self.label}",
                     ("Figure", *(self._year_label(y) for y in self.years)), tuple(rows))

    def finding(self) -> str:
        """The main finding in words."""
        latest = self.latest
        if latest is None:
            return f"The Ombudsman's figures for the council are not recorded for any year up to {self.label}."
        o, when = latest.ombudsman, self._year_label(latest)
        rate = om.best_upheld_rate(o)
        kind = AUTHORITY_TYPES.get(o.authority_type or "")
        if rate is None:
            text = f"The Ombudsman's upheld rate for the council is not available for {when}."
        elif om.upheld_rate(o) is None:
            text = f"In {when} the Ombudsman upheld {_pct(rate)} of the complaints about the council it investigated"
        else:
            text = (f"In {when} the Ombudsman upheld {fmt.count_words(o.upheld, self.style)} of the "
                    f"{fmt.count_words(o.investigated, self.style)} complaints about the council it investigated ({_pct(rate)})")
        if rate is not None:
            average = om.published(o, "average_upheld_rate")
            difference = om.difference_from_average(o)
            if average is not None and difference is not None:
                places = _places(o.average_upheld_rate)
                average_shown = _published_pct(o.average_upheld_rate)
                text += f", {_against_average(difference, places)} the average of {average_shown} for similar authorities"
                text += f" ({kind})" if kind else ""
            text += "."
        earlier = self.years[-2] if len(self.years) > 1 else None
        if earlier is not None and rate is not None:
            then = self._year_label(earlier)
            if om.crosses_break(earlier.year, latest.year):
                change_year = fmt.year_label(PROCESS_BREAK_YEAR, self.style)
                text += f" No change from {then} is given: the Ombudsman changed its process in {change_year}."
            else:
                change = om.upheld_rate_change((earlier.year, earlier.ombudsman), (latest.year, o))
                if change is not None:
                    before = _pct(om.best_upheld_rate(earlier.ombudsman))
                    if fmt.round_half_up(abs(change)) == 0:
                        text += f" That is the same as in {then} ({before})."
                    else:
                        text += f" That is {'up' if change > 0 else 'down'} from {before} in {then}."
        return text

    @property
    def break_reason(self) -> str:
        return PROCESS_BREAK_REASON

    def earlier_years_note(self) -> str | None:
        """Says that earlier years are shown here when they have no report of their own."""
        older = [self._year_label(y) for y in self.years if y.year < self.year]
        if not older:
            return None
        return ("Earlier years' figures are shown beside this year's, so that the council can be compared "
                f"over time: {', '.join(older)}.")

    def letter(self) -> tuple[str, str | None]:
        """The annual letter for the latest year: (words, address or None)."""
        latest = self.latest
        if latest is None or latest.ombudsman.letter is None:
            when = self._year_label(latest) if latest else self.label
            return f"The Ombudsman's annual letter for {when} is not recorded.", None
        letter = latest.ombudsman.letter
        date = f", dated {letter.date.day} {letter.date:%B %Y}" if letter.date else ""
        return f"The Ombudsman's annual letter to the council for {self._year_label(latest)}{date}", letter.url

    def reports(self) -> tuple[tuple[str, str | None, str | None], ...]:
        """Other Ombudsman reports about the council in the latest year: (title, date, address)."""
        latest = self.latest
        if latest is None:
            return ()
        return tuple((r.title, f"{r.date.day} {r.date:%B %Y}" if r.date else None, r.url) for r in latest.ombudsman.reports)


def ombudsman_view(council: CouncilData, year_id: str, style: HouseStyle = HouseStyle()) -> OmbudsmanView:
    """The Ombudsman's view for a version: the years up to ``year_id`` that have the Ombudsman's figures."""
    year = YearId.parse(year_id)
    years = tuple(y for y in council.up_to(year).years if y.ombudsman is not None)
    return OmbudsmanView(year, style, years)


def _date(value) -> str:
    return f"{value.day} {value:%B %Y}" if value else "none set"


@dataclass(frozen=True)
class ActionsView:
    """Learning and actions for one year: those raised this year and the progress of earlier ones."""

    year: YearId
    style: HouseStyle
    actions: tuple[Action, ...]

    @property
    def raised(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.raised == self.year)

    @property
    def earlier(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.raised < self.year)

    def raised_table(self) -> Table:
        label = fmt.year_label(self.year.id, self.style)
        return Table(f"Actions raised in {label}: what we learned and what will change",
                     ("Action", "What we learned", "What will change", "Responsible", "Due", "Status"),
                     tuple((a.id, a.learned, a.change, a.responsible, _date(a.due), a.status.value) for a in self.raised))

    def progress_table(self) -> Table:
        label = fmt.year_label(self.year.id, self.style)
        return Table(f"Progress in {label} on actions raised in earlier years (you said, we did)",
                     ("Action", "Raised", "What will change", "Responsible", "Due", "Status", "Progress"),
                     tuple((a.id, fmt.year_label(a.raised.id, self.style), a.change, a.responsible, _date(a.due),
                            a.status.value, a.progress or "none recorded") for a in self.earlier))

    def summary(self) -> str:
        label = fmt.year_label(self.year.id, self.style)
        raised, earlier = len(self.raised), len(self.earlier)
        if not raised and not earlier:
            return f"No actions from learning are recorded for {label}."
        parts = []
        parts.append(f"{fmt.count_words(raised, self.style) if raised else 'No'} action{'' if raised == 1 else 's'} "
                     f"{'was' if raised == 1 else 'were'} raised in {label}")
        if earlier:
            done = sum(1 for a in self.earlier if a.status.value == "done")
            parts.append(f"{fmt.count_words(earlier, self.style)} from earlier years {'is' if earlier == 1 else 'are'} "
                         f"reported on ({fmt.count_words(done, self.style) if done else 'none'} done)")
        text = "; ".join(parts) + "."
        return text[0].upper() + text[1:]


def actions_view(council: CouncilData, year_id: str, style: HouseStyle = HouseStyle()) -> ActionsView:
    year = YearId.parse(year_id)
    found = council.get(year)
    return ActionsView(year, style, found.actions if found else ())


def has_code_report(year_id: str) -> bool:
    """Whether a version has the Code's annual report page (from CODE_FIRST_YEAR on)."""
    return YearId.parse(year_id) >= YearId.parse(CODE_FIRST_YEAR)


@dataclass(frozen=True)
class CodeView:
    """The Code's annual report for one year, point by point as para 8.1 lists them."""

    year: YearId
    style: HouseStyle
    council_year: CouncilYear | None
    ombudsman: OmbudsmanView
    actions: ActionsView

    @property
    def label(self) -> str:
        return fmt.year_label(self.year.id, self.style)

    @property
    def code_name(self) -> str:
        code = self.council_year.code if self.council_year else None
        return CODE_VARIANTS[code.variant if code else "lgsco"]

    @property
    def _code(self):
        return self.council_year.code if self.council_year else None

    def self_assessment(self) -> Table | None:
        code = self._code
        if code is None or not code.self_assessment:
            return None
        return Table(f"Self-assessment against {self.code_name}, {self.label}",
                     ("Section", "Requirement", "Complies", "Evidence", "Action", "Due"),
                     tuple((s.section, s.requirement, s.complies.value, s.evidence, s.action or "none",
                            _date(s.due) if s.due else ("none set" if s.action else "")) for s in code.self_assessment))

    def self_assessment_summary(self) -> str:
        code = self._code
        if code is None or not code.self_assessment:
            return f"No self-assessment against {self.code_name} has been published for {self.label}."
        counts = {v: sum(1 for s in code.self_assessment if s.complies.value == v) for v in ("yes", "partly", "no")}
        total = len(code.self_assessment)
        return (f"The council assessed itself against {total:,} section{'' if total == 1 else 's'} of {self.code_name}: "
                f"it complies with {counts['yes']:,}, partly with {counts['partly']:,} and not with {counts['no']:,}.")

    def refused(self) -> Table | None:
        code = self._code
        if code is None or not code.refused:
            return None
        return Table(f"Complaints the council refused to accept, by type, {self.label}", ("Type", "Complaints"),
                     tuple((r.type, fmt.number(r.count) or NOT_PUBLISHED) for r in code.refused))

    def refused_text(self) -> str:
        return f"No complaints refused by type are recorded for {self.label}."

    def non_compliance(self) -> tuple[str, ...]:
        code = self._code
        if code is None or not code.non_compliance:
            return (f"No findings of non-compliance with the Code are recorded for {self.label}.",)
        return tuple(f"{n.finding}" + (f" ({_date(n.date)})" if n.date else "") for n in code.non_compliance)

    def improvements(self) -> tuple[str, ...]:
        code = self._code
        if code is None or not code.improvements:
            return (f"No service improvements are recorded for {self.label}.",)
        return tuple(i.text for i in code.improvements)

    def response(self) -> tuple[str, str]:
        """(heading words, text): the governing body's response, or that it is awaited."""
        code = self._code
        if code is None or code.response is None:
            return "Awaiting the committee's response.", ""
        r = code.response
        return f"The response of the {r.committee}, {_date(r.date)}", r.text


def code_view(council: CouncilData, year_id: str, style: HouseStyle = HouseStyle()) -> CodeView:
    year = YearId.parse(year_id)
    return CodeView(year, style, council.get(year), ombudsman_view(council, year_id, style), actions_view(council, year_id, style))


def _fraction(value: Fraction | None) -> dict | None:
    if value is None:
        return None
    return {"value": float(value), "exact": f"{value.numerator}/{value.denominator}"}


def _ombudsman_dict(o: OmbudsmanFigures) -> dict:
    figures: dict = {"authority_type": o.authority_type}
    for field in OMBUDSMAN_FIELDS:
        value = getattr(o, field.key)
        figures[field.key] = value if field.kind == "count" or value is None else float(value)
    figures["letter"] = None if o.letter is None else {
        "date": o.letter.date.isoformat() if o.letter.date else None, "url": o.letter.url}
    figures["reports"] = [{"title": r.title, "date": r.date.isoformat() if r.date else None, "url": r.url} for r in o.reports]
    statistics = {
        "upheld_rate": _fraction(om.upheld_rate(o)),
        "not_for_us_share": _fraction(om.share(o, "not_for_us")),
        "assessed_and_closed_share": _fraction(om.share(o, "assessed_and_closed")),
        "investigated_share": _fraction(om.share(o, "investigated")),
        "satisfactory_remedy_rate": _fraction(om.satisfactory_remedy_rate(o)),
        "difference_from_average_points": _fraction(om.difference_from_average(o)),
    }
    return {"figures": figures, "statistics": statistics}


def council_json(year: CouncilYear) -> dict:
    """The council-wide JSON download of one year (data/council-<year>.json)."""
    code = year.code
    return {
        "year": year.year.id,
        "ombudsman": None if year.ombudsman is None else _ombudsman_dict(year.ombudsman),
        "ombudsman_process_break": PROCESS_BREAK_YEAR,
        "code": None if code is None else {
            "variant": code.variant,
            "self_assessment": [{"section": s.section, "requirement": s.requirement, "complies": s.complies.value,
                                 "evidence": s.evidence, "action": s.action, "due": s.due.isoformat() if s.due else None}
                                for s in code.self_assessment],
            "non_compliance": [{"finding": n.finding, "date": n.date.isoformat() if n.date else None} for n in code.non_compliance],
            "refused": [{"type": r.type, "count": r.count} for r in code.refused],
            "improvements": [{"text": i.text} for i in code.improvements],
            "response": None if code.response is None else {
                "committee": code.response.committee, "date": code.response.date.isoformat(), "text": code.response.text},
        },
        "actions": [{"id": a.id, "raised": a.raised.id, "learned": a.learned, "change": a.change, "responsible": a.responsible,
                     "due": a.due.isoformat() if a.due else None, "status": a.status.value, "progress": a.progress}
                    for a in year.actions],
    }


OMBUDSMAN_CSV_COLUMNS = ("year", "authority_type", *(f.key for f in OMBUDSMAN_FIELDS), "computed_upheld_rate",
                         "computed_satisfactory_remedy_rate", "letter_date", "letter_url")


def ombudsman_csv_rows(council: CouncilData) -> list[list[object]]:
    """One row per year with the Ombudsman's figures (columns OMBUDSMAN_CSV_COLUMNS); null -> None."""
    rows = []
    for y in council.years:
        o = y.ombudsman
        if o is None:
            continue
        row: list[object] = [y.year.id, o.authority_type]
        for field in OMBUDSMAN_FIELDS:
            value = getattr(o, field.key)
            row.append(value if field.kind == "count" or value is None else fmt._decimal(value, 0 if value.denominator == 1 else 1))
        for rate in (om.upheld_rate(o), om.satisfactory_remedy_rate(o)):
            row.append(None if rate is None else repr(float(rate)))
        row += [o.letter.date.isoformat() if o.letter and o.letter.date else None, o.letter.url if o.letter else None]
        rows.append(row)
    return rows


def series_figures_table(report: YearReport) -> Table:
    """The quantitative analysis of a single series for the Code's report: the year's headline figures."""
    rows = tuple((item.label, item.value, item.rate or "", item.change or "") for item in report.headline())
    return Table(f"Complaint handling in figures, {report.label}", ("Figure", report.label, "Per cent", "Change"), rows)
