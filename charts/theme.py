"""The one chart theme: Government Analysis Function accessible palette,
system fonts (nothing loaded from elsewhere), sizes that print and scale."""

from __future__ import annotations

import altair as alt

__all__ = ["PALETTE", "THEME", "HIGHLIGHT", "OTHER", "SHAPES", "DASHES", "WIDE", "NARROW", "value_scale", "fit"]

# Government Analysis Function accessible categorical palette; each is at
# least 3:1 against white.
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
HIGHLIGHT, OTHER = PALETTE[0], PALETTE[1]
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down")
DASHES = ([1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3])
THEME = "council"
# Whole widths of a chart in CSS pixels: the text column on a desktop (Material's content
# column at 1280 px) and on a phone (375 px less the page margins). Pages carry both and
# show the one that fits, so text in a chart is never scaled far from its set size.
WIDE, NARROW = 680, 340
_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"  # metric-compatible everywhere, so labels fit as measured
_TEXT = "#0b0c0c"


@alt.theme.register(THEME, enable=True)
def council() -> alt.theme.ThemeConfig:
    """The council's chart style."""
    return {
        "config": {
            "background": "#ffffff",
            "font": _FONT,
            "padding": 8,
            "view": {"stroke": None, "continuousWidth": 420, "continuousHeight": 240},
            "range": {"category": list(PALETTE)},
            "title": {"anchor": "start", "fontSize": 15, "fontWeight": 600, "color": _TEXT, "offset": 12},
            "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": _TEXT, "titleColor": _TEXT,
                     "titleFontWeight": 600, "domainColor": "#3D3D3D", "tickColor": "#3D3D3D", "gridColor": "#d9d9d9"},
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": _TEXT, "titleColor": _TEXT,
                       "orient": "bottom", "direction": "vertical", "symbolSize": 120, "labelLimit": 400},
            "text": {"fontSize": 13, "color": _TEXT},
            "bar": {"color": HIGHLIGHT},
            "line": {"strokeWidth": 3},
            "point": {"size": 80, "filled": True},
        }
    }


def _step(most: float) -> int:
    """A whole tick step of 1, 2 or 5 times a power of ten giving at most five steps to ``most``."""
    step = 1
    while most / step > 5:
        for factor in (2, 5, 10):
            if most / (step * factor) <= 5 or factor == 10:
                step *= factor
                break
    return step


def value_scale(values: list[float | None]) -> tuple[alt.Scale, alt.Axis]:
    """Scale and axis for counts (or whole per cents) from 0: whole-number ticks only, and the
    top tick at or above the largest value, so nothing is plotted past the last tick."""
    known = [v for v in values if v is not None]
    most = max(known, default=0) or 1
    step = _step(most)
    top = -(-most // step) * step  # rounded up to a whole step
    ticks = list(range(0, int(top) + 1, step))
    return (alt.Scale(domain=[0, int(top)], nice=False, zero=True),
            alt.Axis(values=ticks, format=",d", tickMinStep=1))


def fit(layers: list, data: alt.Data, width: int, height: int, title: str, **more) -> alt.LayerChart:
    """The layers over ``data`` as one chart, exactly ``width`` pixels wide overall (axes,
    labels and legend included); ``more`` are further top-level properties (e.g. ``resolve``).

    Made in one step, with the data given once to the whole chart: Altair copies a chart,
    rows and all, each time a property is added or charts are layered, which made
    building a chart's spec cost about as much as drawing it."""
    return alt.LayerChart(data=data, layer=layers, title=title, width=width, height=height,
                          autosize=alt.AutoSizeParams(type="fit-x", contains="padding"), **more)
