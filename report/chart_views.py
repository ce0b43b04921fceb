"""Charts as data: for each chart, its rows, a caption stating the main finding
in words, and a table with exactly the charted numbers. The chart, the table
and the caption are all made from the same rows. (A "figure" is a number, see
``stats.figure``; the ids ``figure-*`` are public addresses and stay.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import fmt
from .council_report import OmbudsmanView
from .fields import fields_for
from .model import Dataset
from .present import YearReport
from .procedures import DEFAULT_PROCEDURE, Procedure, preset
from .stats import STATISTIC_BY_NAME, broken_by_break, figure, statistics_for

__all__ = ["Chart", "year_charts", "compare_charts", "ombudsman_chart"]


@dataclass(frozen=True)
class Chart:
    id: str  # unique within its page
    kind: str  # a name in charts.CHARTS: which chart draws the rows
    title: str
    caption: str  # the main finding, in words
    columns: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]  # cells as shown, same numbers as the chart
    rows: tuple[dict, ...] = field(default=())  # the chart's data


def _n(value: int | None) -> str:
    return fmt.number(value) or "not published"


def _bar(label: str, value: int, share: str | None = None) -> dict:
    return {"label": label, "value": value, "display": f"{value:,}" + (f" ({share})" if share else "")}


def _bars_chart(fid: str, kind: str, title: str, caption: str, bars: list[dict], share_column: bool) -> Chart:
    columns = ("Figure", "Number") + (("Per cent",) if share_column else ())
    table = []
    for bar in bars:
        number, _, share = bar["display"].partition(" (")
        table.append((bar["label"], number) + ((share.rstrip(")") if share else "",) if share_column else ()))
    return Chart(fid, kind, title, caption, columns, tuple(table), tuple(b | {"title": title} for b in bars))


def _received(r: YearReport) -> Chart | None:
    c = r.year.complaints
    bars = []
    if c.contacts is not None:
        bars.append(_bar("Contacts", c.contacts))
    if c.informal is not None:
        bars.append(_bar("Resolved informally", c.informal, r.statistics["informal_rate"].shown))
    if c.stage1 is not None:
        bars.append(_bar(f"Formal ({r.procedure.stages[0].in_text})", c.stage1))
    if not bars:
        return None
    parts = []
    if c.informal is not None:
        rate = r.statistics["informal_rate"].shown
        parts.append(f"{c.informal:,}{f' ({rate})' if rate else ''} were resolved informally")
    if c.stage1 is not None:
        parts.append(f"{c.stage1:,} entered the formal process")
    lead = f"Of {c.contacts:,} contacts from people wishing to complain, " if c.contacts is not None else "In all, "
    caption = (lead + " and ".join(parts) + ".") if parts else f"There were {c.contacts:,} contacts from people wishing to complain."
    return _bars_chart("figure-received", "complaints_resolved", "How complaints were resolved", caption, bars, True)


def _outcomes(r: YearReport) -> Chart | None:
    o, stage1 = r.year.outcomes, r.year.complaints.stage1
    bars = []
    for path, stat, label in (("outcomes.upheld", "upheld_rate", "Upheld"),
                              ("outcomes.partially_upheld", "partially_upheld_rate", "Partially upheld"),
                              ("outcomes.not_upheld", "not_upheld_rate", "Not upheld"),
                              ("outcomes.withdrawn", None, "Withdrawn")):
        value = r.year.figure(path)
        if value is not None:
            bars.append(_bar(label, value, r.statistics[stat].shown if stat else None))
    if o.upheld is None or o.partially_upheld is None:
        combined = figure(r.year, "outcomes.fault_found")
        if combined is not None and o.fault_found is not None:
            bars.insert(0, _bar(_fault_label(r.procedure), combined, r.statistics["fault_found_rate"].shown))
    if not bars:
        return None
    of = f"Of {stage1:,} formal complaints, " if stage1 is not None else "Of the formal complaints, "
    found = [f"{b['display']} were {b['label'].lower()}" for b in bars[:2]]
    caption = of + " and ".join(found) + "."
    return _bars_chart("figure-outcomes", "outcomes", "Outcomes of formal complaints", caption, bars, True)


def _fault_label(procedure: Procedure) -> str:
    term = procedure.term("fault_found")
    return term[:1].upper() + term[1:] if term else "Upheld in full or in part"


def _escalation(r: YearReport) -> Chart | None:
    c, stages = r.year.complaints, r.procedure.stages
    later = [(s, c.stage2 if s.number == 2 else c.stage3) for s in stages[1:]]
    if all(value is None for _, value in later):
        return None
    bars = []
    for stage in stages:
        value = figure(r.year, f"complaints.stage{stage.number}")
        stat = f"stage{stage.number}_escalation_rate" if stage.number > 1 else None
        if value is not None:
            bars.append(_bar(stage.name, value, r.statistics[stat].shown if stat else None))
    parts = []
    for stage, value in later:
        if value is None:
            continue
        if stage.number == 2:
            rate = r.statistics["stage2_escalation_rate"].shown
            of = f" of {c.stage1:,} formal complaints" if c.stage1 is not None else ""
            parts.append(f"{value:,}{of}{f' ({rate})' if rate else ''} went on to {stage.in_text}")
        else:
            parts.append(f"{value:,} went on to {stage.in_text}")
    return _bars_chart("figure-escalation", "escalation", "Complaints at each stage",
                        "; ".join(parts).capitalize() + ".", bars, True)


def _timeliness(r: YearReport) -> Chart | None:
    view = r.statistics["stage1_on_time_rate"]
    if r.year.timeliness.stage1_on_time is None or view.denominator is None:
        return None
    bars = [_bar("Responses sent", view.denominator), _bar("On time", view.numerator, view.shown)]
    first = r.procedure.stages[0]
    caption = (
        f"{view.numerator:,} of {view.denominator:,} {first.in_text} responses"
        f"{f' ({view.shown})' if view.shown else ''} were sent on time."
    )
    return _bars_chart("figure-timeliness", "timeliness", f"{first.name} responses on time", caption, bars, True)


def _themes(r: YearReport) -> Chart | None:
    counted = [t for t in r.year.themes if t.count is not None]
    if not counted:
        return None
    bars = [_bar(t.name, t.count) for t in sorted(counted, key=lambda t: -t.count)]
    top = bars[0]
    caption = f"The most common theme was {top['label']} ({top['value']:,} complaint{'s' if top['value'] != 1 else ''})."
    return _bars_chart("figure-themes", "themes", "Themes of upheld complaints", caption, bars, False)


def _ombudsman(r: YearReport) -> Chart | None:
    om = r.year.ombudsman
    bars = []
    for value, label, stat in (
        (om.complaints, "Complaints and enquiries", None),
        (om.investigated, "Investigated", None),
        (om.upheld, "Upheld", "ombudsman_upheld_rate"),
    ):
        if value is not None:
            bars.append(_bar(label, value, r.statistics[stat].shown if stat else None))
    if not bars:
        return None
    parts = [f"{b['display']} {b['label'].lower()}" for b in bars]
    caption = "The Ombudsman's figures: " + ", ".join(parts) + "."
    return _bars_chart("figure-ombudsman", "ombudsman", r.procedure.after or "Ombudsman", caption, bars, True)


def _series_rows(dataset: Dataset, key: str, style: fmt.HouseStyle, title: str, axis: str) -> list[dict]:
    """One point per year; a gap (null) or a break in series starts a new segment."""
    rows, segment = [], 0
    stat = STATISTIC_BY_NAME.get(key)
    for year in dataset.years:
        if stat:
            value = stat.measure(year).value
            places = style.places_for(stat)
            display = fmt.percent(value, places)
            if display and fmt.small_numbers(stat.measure(year).denominator, style=style):
                display += f", {fmt.SMALL_CAUTION}"
            number = None if value is None else float(fmt.round_half_up(value * 100, places))
        else:
            raw = figure(year, key)
            display, number = (fmt.days(raw), float(raw)) if raw is not None and key.endswith("_average_days") else (fmt.number(raw), raw)
        broken = broken_by_break(year, key)
        if broken or number is None:
            segment += 1
        missing = "not available" if stat else "not published"
        rows.append(
            {
                "year": fmt.year_label(year.id, style),
                "value": number,
                "display": display or missing,
                "segment": segment,
                "break": broken,
                "title": title,
                "axis": axis,
            }
        )
    return rows


def _series_caption(rows: list[dict], noun: str, missing_word: str = "not published") -> str:
    """The finding: how the figure moved from the first to the last year that compare
    (since the last break in series, across any gap), then the gaps and breaks."""
    known = [r for r in rows if r["value"] is not None]
    if not known:
        return f"{noun}: {missing_word}."
    last = known[-1]
    start = max((i for i, r in enumerate(rows) if r["break"]), default=0)  # a gap does not stop a comparison; a break does
    first = next((r for r in rows[start:] if r["value"] is not None), last)
    if first is last:
        text = f"{noun}: {last['display']} in {last['year']}"
    elif last["value"] == first["value"]:
        text = f"{noun} stayed at {last['display']} from {first['year']} to {last['year']}"
    else:
        verb = fmt.change_word(last["value"] - first["value"], "verb")
        text = f"{noun} {verb} from {first['display']} in {first['year']} to {last['display']} in {last['year']}"
    missing = [r["year"] for r in rows if r["value"] is None]
    if missing:
        text += f"; {missing_word} for {', '.join(missing)}"
    breaks = [r["year"] for r in rows if r["break"]]
    if breaks:
        text += f"; not comparable with earlier years from {breaks[0]}"
    return text + "."


def _series_chart(fid: str, dataset: Dataset, key: str, style: fmt.HouseStyle, title: str, axis: str) -> Chart:
    rows = _series_rows(dataset, key, style, title, axis)
    table = tuple((r["year"], r["display"] + (" (break in series)" if r["break"] else "")) for r in rows)
    return Chart(fid, "yearly_series", title, _series_caption(rows, axis), ("Year", axis), table, tuple(rows))


def _trend(r: YearReport) -> Chart | None:
    years = r.dataset.years
    if len(years) < 2 or all(y.complaints.stage1 is None for y in years):
        return None
    rows = [
        {
            "year": fmt.year_label(y.id, r.style),
            "value": y.complaints.stage1,
            "display": _n(y.complaints.stage1),
            "current": "this year" if y is r.year else "earlier",
            "label": _n(y.complaints.stage1) + (" (this year)" if y is r.year else ""),
        }
        for y in years
    ]
    view = r.changes.get("complaints.stage1")
    if view and view.change.difference is not None:
        then = fmt.year_label(view.change.previous_year, r.style)
        verb = fmt.change_word(view.change.difference, "verb")
        caption = (
            f"Formal complaints {verb} from {view.change.previous:,} in {then} to {view.change.current:,} in {r.label}."
            if verb != "stayed"
            else f"Formal complaints stayed at {view.change.current:,} in {r.label}, as in {then}."
        )
    elif r.year.complaints.stage1 is not None:
        caption = f"There were {r.year.complaints.stage1:,} formal complaints in {r.label}."
    else:
        caption = f"Formal complaints were not published for {r.label}."
    table = tuple((row["year"], row["display"]) for row in rows)
    return Chart(
        "figure-trend", "formal_complaints_trend", "Formal complaints by year", caption, ("Year", "Formal complaints"), table, tuple(rows)
    )


MAIN_RATES = ("informal_rate", "upheld_rate", "fault_found_rate", "stage2_escalation_rate")


def _rates(r: YearReport) -> Chart | None:
    years = r.dataset.years
    worded = {s.name: s for s in statistics_for(r.procedure)}
    names = [n for n in MAIN_RATES if n in r.statistics and any(worded[n].measure(y).value is not None for y in years)]
    if len(years) < 2 or not names:
        return None
    rows, table = [], []
    for name in names:
        stat = worded[name]
        for row in _series_rows(r.dataset, name, r.style, stat.label, "Per cent"):
            rows.append(row | {"series": stat.label})
    labels = [fmt.year_label(y.id, r.style) for y in years]
    for label in labels:
        table.append(
            (label,)
            + tuple(next(x["display"] for x in rows if x["year"] == label and x["series"] == worded[n].label) for n in names)
        )
    found = [_rate_finding(r, n, worded[n].label) or _series_caption([x for x in rows if x["series"] == worded[n].label],
                                                                       worded[n].label, "not available")
             for n in names]
    caption = " ".join(found)
    return Chart(
        "figure-rates",
        "main_rates_trend",
        "Main rates by year",
        caption,
        ("Year",) + tuple(worded[n].label for n in names),
        tuple(table),
        tuple(rows),
    )


def _rate_finding(r: YearReport, name: str, label: str) -> str | None:
    """ "Formal complaints upheld fell from 27% in 2021 to 2022 to 7% in 2022 to 2023." when both years compare."""
    view = r.changes.get(name)
    now = r.statistics[name]
    if view is None or view.change.difference_points is None or now.shown is None:
        return None
    then = fmt.year_label(view.change.previous_year, r.style)
    before = fmt.percent(view.change.previous, now.places)
    if before == now.display:
        return f"{label} stayed at {now.shown} in {r.label}, as in {then}."
    verb = fmt.change_word(view.change.difference_points, "verb")
    return f"{label} {verb} from {before} in {then} to {now.shown} in {r.label}."


def year_charts(r: YearReport) -> dict[str, Chart]:
    """The year page's charts by section id (sections without a chart are absent)."""
    found = {
        "received": _received(r),
        "outcomes": _outcomes(r),
        "escalation": _escalation(r),
        "timeliness": _timeliness(r),
        "themes": _themes(r),
        "ombudsman": _ombudsman(r),
        "compliments": (
            _series_chart("figure-compliments", r.dataset, "compliments", r.style, "Compliments by year", "Compliments")
            if r.year.compliments is not None
            else None
        ),
        "trend": _trend(r),
        "rates": _rates(r),
    }
    return {k: v for k, v in found.items() if v is not None}


def _compare_groups(procedure: Procedure) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """The compare page's trends: one chart per topic, each figure or rate a series; worded from ``procedure``."""
    first = procedure.stages[0]
    return (
        ("trend-received", "Complaints received", "Number", ("complaints.contacts", "complaints.informal", "complaints.stage1")),
        ("trend-stages", "Complaints escalated", "Complaints", ("complaints.stage2", "complaints.stage3")),
        (
            "trend-outcomes",
            "Outcomes of formal complaints",
            "Complaints",
            ("outcomes.upheld", "outcomes.partially_upheld", "outcomes.fault_found", "outcomes.not_upheld", "outcomes.withdrawn"),
        ),
        ("trend-timeliness", f"{first.name} responses", "Responses", ("timeliness.stage1_responded", "timeliness.stage1_on_time")),
        (
            "trend-ombudsman",
            procedure.after or "Ombudsman",
            "Number",
            ("ombudsman.complaints", "ombudsman.investigated", "ombudsman.upheld"),
        ),
        ("trend-context", "Contacts to the service and referrals", "Number", ("context.social_care_contacts", "context.referrals")),
        ("trend-compliments", "Compliments", "Compliments", ("compliments",)),
        (
            "trend-resolution-rates",
            "Resolution and outcome rates",
            "Per cent",
            ("informal_rate", "upheld_rate", "partially_upheld_rate", "fault_found_rate", "not_upheld_rate"),
        ),
        (
            "trend-escalation-rates",
            "Escalation, timeliness and Ombudsman rates",
            "Per cent",
            ("stage2_escalation_rate", "stage3_escalation_rate", "stage1_on_time_rate", "ombudsman_upheld_rate"),
        ),
        ("trend-referral-rate", "Complaint contacts as a percentage of referrals", "Per cent", ("referral_complaint_rate",)),
    )


COMPARE_GROUPS = _compare_groups(preset(DEFAULT_PROCEDURE))  # as a single-series site with the children's preset shows them


def compare_charts(dataset: Dataset, style: fmt.HouseStyle, procedure: Procedure | None = None) -> list[Chart]:
    """A trend chart per topic, with a series for each figure or rate of ``procedure`` that has any published value."""
    procedure = procedure or preset(DEFAULT_PROCEDURE)
    labels_of = {f.path: f.label for f in fields_for(procedure)} | {s.name: s.label for s in statistics_for(procedure)}
    out = []
    labels = [fmt.year_label(y.id, style) for y in dataset.years]
    for fid, title, axis, all_keys in _compare_groups(procedure):
        keys = tuple(k for k in all_keys if k in labels_of)
        series = {key: _series_rows(dataset, key, style, title, axis) for key in keys}
        series = {k: rows for k, rows in series.items() if any(r["value"] is not None for r in rows)}
        if not series:
            continue
        rows = tuple(r | {"series": labels_of[k]} for k, rs in series.items() for r in rs)
        table = tuple(
            (label,) + tuple(rs[i]["display"] + (" (break in series)" if rs[i]["break"] else "") for rs in series.values())
            for i, label in enumerate(labels)
        )
        caption = " ".join(
            _series_caption(rs, labels_of[k], "not available" if k in STATISTIC_BY_NAME else "not published") for k, rs in series.items()
        )
        out.append(Chart(fid, "topic_trend", title, caption, ("Year",) + tuple(labels_of[k] for k in series), table, rows))
    return out


def ombudsman_chart(view: OmbudsmanView) -> Chart | None:
    """The council's Ombudsman upheld rate against the similar authorities' average, by year
    (None when no year has either); the caption is the page's finding."""
    rows = view.chart_rows()
    if not any(r["value"] is not None for r in rows):
        return None
    years = list(dict.fromkeys(r["year"] for r in rows))
    table = tuple(
        (year, *(next(r["display"] for r in rows if r["year"] == year and r["series"] == series)
                 for series in ("The council", "Similar authorities' average")))
        for year in years)
    return Chart("figure-ombudsman-upheld", "ombudsman_upheld_rates", "Ombudsman upheld rate by year", view.finding(),
                 ("Year", "The council", "Similar authorities' average"), table, rows)
