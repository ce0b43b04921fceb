"""Charts across years: a gap for a year not published, a break where a note
says the series is not comparable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt

from .theme import DASHES, HIGHLIGHT, OTHER, PALETTE, SHAPES, WIDE, fit, value_scale

__all__ = ["formal_complaints_trend", "main_rates_trend", "ombudsman_upheld_rates", "topic_trend", "yearly_series"]

Rows = Sequence[Mapping[str, object]]


def _year_axis(order: list[str]) -> alt.X:
    return alt.X("year:N", sort=order, title=None, scale=alt.Scale(domain=order),
                 axis=alt.Axis(labelAngle=-40, labelAlign="right", labelLimit=120))


def formal_complaints_trend(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """Formal complaints each year as bars; this year's bar dark and marked "this year".

    Rows: {"year", "value", "display", "current", "label"} for every year (value None = not published);
    the label says "this year" too, so colour is not the only cue.
    """
    order = [str(r["year"]) for r in rows]
    data = alt.Data(values=[dict(r) for r in rows if r["value"] is not None])
    scale, axis = value_scale([r["value"] for r in rows])
    base = alt.Chart().encode(x=_year_axis(order), y=alt.Y("value:Q", title="Formal complaints", scale=scale, axis=axis))
    bars = base.mark_bar(width={"band": 0.7}).encode(
        color=alt.Color("current:N", scale=alt.Scale(domain=["this year", "earlier"], range=[HIGHLIGHT, OTHER]),
                        legend=alt.Legend(title=None)))
    labels = base.mark_text(dy=-8).encode(text=alt.Text("label:N"))
    return fit([bars, labels], data, width, 220, "Formal complaints by year")


def _lines(rows: Rows, title: str, axis: str, width: int) -> alt.LayerChart:
    """Several series across years, told apart by colour, shape and dash; each
    series is joined only within a segment, so gaps and breaks stay open.

    Rows: {"year", "series", "value", "display", "segment"} (value None = not published).
    """
    order = list(dict.fromkeys(str(r["year"]) for r in rows))
    names = list(dict.fromkeys(str(r["series"]) for r in rows))
    data = alt.Data(values=[dict(r) | {"segment": f"{r['series']}|{r['segment']}"} for r in rows if r["value"] is not None])
    colours = alt.Scale(domain=names, range=list(PALETTE[: len(names)]))
    shapes = alt.Scale(domain=names, range=list(SHAPES[: len(names)]))
    dashes = alt.Scale(domain=names, range=list(DASHES[: len(names)]))
    scale, ticks = value_scale([r["value"] for r in rows])
    base = alt.Chart().encode(x=_year_axis(order), y=alt.Y("value:Q", title=axis, scale=scale, axis=ticks))
    # The legend comes from the points (colour and shape); lines add a dash per series.
    lines = base.mark_line().encode(color=alt.Color("series:N", scale=colours, legend=None),
                                    strokeDash=alt.StrokeDash("series:N", scale=dashes, legend=None),
                                    detail=alt.Detail("segment:N"))
    points = base.mark_point().encode(color=alt.Color("series:N", scale=colours, title=None),
                                      shape=alt.Shape("series:N", scale=shapes, title=None))
    independent = alt.LegendResolveMap(color="independent", shape="independent", strokeDash="independent")
    return fit([lines, points], data, width, 220, title, resolve=alt.Resolve(legend=independent))


def main_rates_trend(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """The year page's main rates over the years."""
    return _lines(rows, "Main rates by year", "Per cent", width)


def ombudsman_upheld_rates(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """The council's Ombudsman upheld rate against the average for similar authorities, by year.

    Rows: {"year", "series", "value", "display", "segment"}; years before the
    Ombudsman's change of process are another segment, never joined to later ones.
    """
    return _lines(rows, "Ombudsman upheld rate by year", "Per cent", width)


def topic_trend(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """The compare page's figures of one topic over the years; title and axis come with the rows."""
    return _lines(rows, str(rows[0]["title"]) if rows else "", str(rows[0]["axis"]) if rows else "", width)


def yearly_series(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """One figure or rate across years, with each point labelled.

    Rows: {"year", "value", "display", "segment", "title", "axis"}; a year with
    value None is left out (a gap), and a new segment is not joined to the last.
    """
    order = [str(r["year"]) for r in rows]
    title = str(rows[0]["title"]) if rows else ""
    axis = str(rows[0]["axis"]) if rows else ""
    data = alt.Data(values=[dict(r) for r in rows if r["value"] is not None])
    scale, ticks = value_scale([r["value"] for r in rows])
    base = alt.Chart().encode(x=_year_axis(order), y=alt.Y("value:Q", title=axis, scale=scale, axis=ticks))
    line = base.mark_line(color=HIGHLIGHT).encode(detail=alt.Detail("segment:N"))
    points = base.mark_point(color=HIGHLIGHT)
    labels = base.mark_text(dy=-12).encode(text=alt.Text("display:N"))
    return fit([line, points, labels], data, width, 180, title)
