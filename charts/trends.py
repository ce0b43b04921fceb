"""Charts across years: a gap for a year not published, a break where a note
says the series is not comparable."""

from __future__ import annotations

import functools
from dataclasses import replace

import altair as alt

from .theme import (
    DASHES,
    DESCRIBED,
    HIGHLIGHT,
    MAX_SHAPES,
    OTHER,
    PALETTE,
    SHAPES,
    Drawing,
    Legend,
    Rows,
    Values,
    expr,
    fit,
    value_axis,
    value_scale,
    value_ticks,
)

__all__ = ["formal_complaints_trend", "main_rates_trend", "ombudsman_upheld_rates", "topic_trend", "yearly_series"]


def _year_axis() -> alt.X:
    """Years across, in the order of the parameter ``years`` (a year with no value keeps its place)."""
    return alt.X("year:N", title=None, scale=alt.Scale(domain=expr("years")),
                 axis=alt.Axis(labelAngle=-40, labelAlign="right", labelLimit=120))


def _joined(rows: list[dict]) -> list[dict]:
    """The rows, each with the year and value of the next row of its segment ("next_year",
    "next_value"; none on the last): a line is drawn from each point to the next (``_joins``)."""
    last: dict[object, dict] = {}
    for r in rows:
        if r["segment"] in last:
            last[r["segment"]].update(next_year=r["year"], next_value=r["value"])
        last[r["segment"]] = r
    return rows


def _joins(base: alt.Chart, **encodings) -> alt.Chart:
    """Lines from each point to the next of its segment (``_joined``), as rules: Vega would draw
    a line through each series and segment in a facet of its own, a third of the chart's
    render; the points sit on the joins. The points name each figure to assistive technology;
    the lines are not named (a chart of one point has no line, and an empty mark named
    nothing would be an image with no text)."""
    return base.mark_rule(strokeWidth=3, aria=False).encode(x2=alt.X2("next_year"), y2=alt.Y2("next_value"), **encodings
                                                ).transform_filter("isValid(datum.next_value)")


def _across_years(rows: Rows, title: str, shape: tuple = (), **params: object) -> Values:
    """The parameters every chart across years has: its title, its years and its value axis; and
    its rows with a value, each described by its year (and series) and its figure as shown."""
    top, ticks = value_ticks([r["value"] for r in rows])
    years = list(dict.fromkeys(str(r["year"]) for r in rows))
    def described(r: dict) -> dict:
        series = f"{r['series']}, " if "series" in r else ""
        return r | {"description": f"{series}{r['year']}: {r['display']}"}
    return Values(shape, {"title": title, "years": years, "top": top, "ticks": ticks, **params},
                  [described(dict(r)) for r in rows if r["value"] is not None])


_THIS_YEAR = ("this year", "earlier")


@functools.lru_cache(maxsize=MAX_SHAPES)
def _draw_formal(width: int) -> alt.LayerChart:
    base = alt.Chart().encode(x=_year_axis(), y=alt.Y("value:Q", title="Formal complaints", scale=value_scale(), axis=value_axis()),
                              description=DESCRIBED)
    bars = base.mark_bar(width={"band": 0.7}).encode(
        color=alt.Color("current:N", scale=alt.Scale(domain=list(_THIS_YEAR), range=[HIGHLIGHT, OTHER]), legend=None))
    labels = base.mark_text(dy=-8).encode(text=alt.Text("label:N"))
    return fit([bars, labels], width, 220)


def _formal_values(rows: Rows) -> Values:
    found = _across_years(rows, "Formal complaints by year")
    return replace(found, legend=Legend.of_colours(_THIS_YEAR, (HIGHLIGHT, OTHER)))


# Formal complaints each year as bars; this year's bar dark and marked "this year".
# Rows: {"year", "value", "display", "current", "label"} for every year (value None = not published);
# the label says "this year" too, so colour is not the only cue.
formal_complaints_trend = Drawing(_draw_formal, _formal_values)


@functools.lru_cache(maxsize=MAX_SHAPES)
def _draw_lines(width: int, axis: str) -> alt.LayerChart:
    """Several series across years (the parameter ``names``), told apart by colour, shape and
    dash (named in the legend, ``Legend.of_series``); each series is joined only within a
    segment, so gaps and breaks stay open."""
    base = alt.Chart().encode(x=_year_axis(), y=alt.Y("value:Q", title=axis, scale=value_scale(), axis=value_axis()),
                              description=DESCRIBED)
    colours = alt.Scale(domain=expr("names"), range=list(PALETTE))
    shapes = alt.Scale(domain=expr("names"), range=list(SHAPES))
    dashes = alt.Scale(domain=expr("names"), range=[list(d) for d in DASHES])
    lines = _joins(base, color=alt.Color("series:N", scale=colours, legend=None),
                   strokeDash=alt.StrokeDash("series:N", scale=dashes, legend=None))
    points = base.mark_point().encode(color=alt.Color("series:N", scale=colours, legend=None),
                                      shape=alt.Shape("series:N", scale=shapes, legend=None))
    return fit([lines, points], width, 220)


def _lines(title: str | None, axis: str | None) -> Drawing:
    """Rows: {"year", "series", "value", "display", "segment"} (value None = not published), and
    "title" and "axis" on the first row where ``title`` or ``axis`` is None. A chart of one
    series named as the chart itself has no legend: it would only repeat the title."""
    def values(rows: Rows) -> Values:
        names = list(dict.fromkeys(str(r["series"]) for r in rows))
        chart_title = title if title is not None else str(rows[0]["title"]) if rows else ""
        found = _across_years(rows, chart_title, (axis if axis is not None else str(rows[0]["axis"]) if rows else "",),
                              names=names)
        return Values(found.shape, found.params, _joined([r | {"segment": f"{r['series']}|{r['segment']}"} for r in found.rows]),
                      Legend.of_series(names) if names != [chart_title] else None)
    return Drawing(_draw_lines, values)


# The year page's main rates over the years.
main_rates_trend = _lines("Main rates by year", "Per cent")
# The council's Ombudsman upheld rate against the average for similar authorities, by year;
# years before the Ombudsman's change of process are another segment, never joined to later ones.
ombudsman_upheld_rates = _lines("Ombudsman upheld rate by year", "Per cent")
# The compare page's figures of one topic over the years; title and axis come with the rows.
topic_trend = _lines(None, None)


@functools.lru_cache(maxsize=MAX_SHAPES)
def _draw_yearly(width: int, axis: str) -> alt.LayerChart:
    base = alt.Chart().encode(x=_year_axis(), y=alt.Y("value:Q", title=axis, scale=value_scale(), axis=value_axis()),
                              description=DESCRIBED)
    line = _joins(base, color=alt.value(HIGHLIGHT))
    points = base.mark_point(color=HIGHLIGHT)
    labels = base.mark_text(dy=-12).encode(text=alt.Text("display:N"))
    return fit([line, points, labels], width, 180)


def _yearly_values(rows: Rows) -> Values:
    found = _across_years(rows, str(rows[0]["title"]) if rows else "", (str(rows[0]["axis"]) if rows else "",))
    return replace(found, rows=_joined(found.rows))


# One figure or rate across years, with each point labelled.
# Rows: {"year", "value", "display", "segment", "title", "axis"}; a year with value None is
# left out (a gap), and a new segment is not joined to the last.
yearly_series = Drawing(_draw_yearly, _yearly_values)
