"""The one chart theme: Government Analysis Function accessible palette,
system fonts (nothing loaded from elsewhere), sizes that print and scale; and
``Drawing``, the form every chart takes."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import altair as alt

__all__ = ["PALETTE", "THEME", "HIGHLIGHT", "OTHER", "SHAPES", "DASHES", "WIDE", "NARROW", "DATASET", "Drawing",
           "Legend", "LegendEntry", "Rows", "Shape", "Values", "MAX_SHAPES", "DESCRIBED", "title_characters", "lines_within", "value_ticks",
           "value_scale", "value_axis", "expr", "fit", "symbol_path"]

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
_TITLE_SIZE = 15
_LABEL_SIZE = 13
_PADDING = 8
_POINT_SIZE = 80  # a point's area in square pixels
_KEY_SIZE = 120  # a legend symbol's


@alt.theme.register(THEME, enable=True)
def council() -> alt.theme.ThemeConfig:
    """The council's chart style."""
    return {
        "config": {
            "background": "#ffffff",
            "font": _FONT,
            "padding": _PADDING,
            "view": {"stroke": None, "continuousWidth": 420, "continuousHeight": 240},
            "range": {"category": list(PALETTE)},
            "title": {"anchor": "start", "fontSize": _TITLE_SIZE, "fontWeight": 600, "color": _TEXT, "offset": 12},
            # Tick marks on the value axis only (``value_axis``): years and names need none (and
            # each axis left out of a chart's marks renders it faster)
            "axis": {"ticks": False, "labelPadding": 6, "labelFontSize": _LABEL_SIZE, "titleFontSize": _LABEL_SIZE,
                     "labelColor": _TEXT, "titleColor": _TEXT, "titleFontWeight": 600, "domainColor": "#3D3D3D",
                     "tickColor": "#3D3D3D", "gridColor": "#d9d9d9"},
            "text": {"fontSize": _LABEL_SIZE, "color": _TEXT},
            "bar": {"color": HIGHLIGHT},
            "line": {"strokeWidth": 3},
            "point": {"size": _POINT_SIZE, "filled": True, "opacity": 1},  # as dark as its legend symbol and line
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


def value_ticks(values: Sequence[float | None]) -> tuple[int, list[int]]:
    """The top of an axis of counts (or whole per cents) from 0, and its ticks: whole numbers
    only, and the top tick at or above the largest value, so nothing is plotted past it."""
    known = [v for v in values if v is not None]
    most = max(known, default=0) or 1
    step = _step(most)
    top = int(-(-most // step) * step)  # rounded up to a whole step
    return top, list(range(0, top + 1, step))


def expr(text: str) -> alt.ExprRef:
    """A value the chart takes from its parameters (see ``Drawing``)."""
    return alt.ExprRef(expr=text)


def value_scale() -> alt.Scale:
    """The scale of a ``value_ticks`` axis: 0 to the parameter ``top``."""
    return alt.Scale(domain=expr("[0, top]"), nice=False, zero=True)


def value_axis() -> alt.Axis:
    """A ``value_ticks`` axis: ticks at the parameter ``ticks``, written as whole numbers, each
    marked at the axis in the axis's dark grey (the grid lines are light)."""
    return alt.Axis(values=expr("ticks"), format=",d", tickMinStep=1, ticks=True, labelPadding=2)


DATASET = "rows"  # the name of every chart's data

# What assistive technology is told of each bar, point or label, from the field ``description`` of
# its row (written by each drawing's ``values``). Left to itself, Vega-Lite would write it as an
# expression with the axis titles inside, and a title with a quote in it would break the chart.
DESCRIBED = alt.Description("description:N")


def fit(layers: list, width: int, height: int, **more) -> alt.LayerChart:
    """The layers over the dataset ``rows`` as one chart titled by the parameter ``title``,
    exactly ``width`` pixels wide overall (axes and labels included); ``more`` are
    further top-level properties (e.g. ``resolve``)."""
    return alt.LayerChart(data=alt.NamedData(name=DATASET), layer=layers, title=alt.TitleParams(text=expr("title")),
                          width=width, height=height, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"), **more)


Rows = Sequence[Mapping[str, object]]
Shape = tuple[str | int, ...]
MAX_SHAPES = 256  # drawings a chart module keeps per width and shape (axis titles come from the rows)


def title_characters(width: int) -> int:
    """How many characters of a title fit on one line of a chart ``width`` pixels wide: bold text
    at the title's size runs to about 0.62 of its size per character on average, in Arial and in
    Liberation Sans."""
    return int((width - 2 * _PADDING) / (_TITLE_SIZE * 0.62))


# The widest a character of each kind is in Arial and Liberation Sans, as a share of the type's
# size (their published metrics); any other character is taken as a full square.
_EM = {**dict.fromkeys(" ijlI.,:;'|!", 0.28), **dict.fromkeys("frt()[]-/", 0.34), **dict.fromkeys("mw", 0.84),
       **dict.fromkeys("MW", 0.95), **dict.fromkeys("abcdeghknopqsuvxyz0123456789", 0.56),
       **dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ", 0.78)}


def lines_within(text: str, room: float, size: int) -> list[str]:
    """``text`` on as few lines as fit ``room`` pixels in the theme's type of ``size`` pixels,
    broken at spaces (inside a word only where one word is wider than ``room``); never wider by
    the type's widest metrics (a legend's names: they may be anything a council names a series)."""
    def wide(part: str) -> float:
        return sum(_EM.get(c, 1.0) for c in part) * size
    lines: list[str] = []
    for word in text.split():
        while wide(word) > room and len(word) > 1:  # a word wider than the room: as much as fits, then the rest
            cut = max(1, max(i for i in range(1, len(word) + 1) if wide(word[:i]) <= room or i == 1))
            lines.append(word[:cut])
            word = word[cut:]
        if lines and wide(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def symbol_path(shape: str, size: float) -> str:
    """SVG path data of a point of ``shape`` (one of ``SHAPES``) and ``size`` square pixels,
    centred on 0,0, drawn as Vega draws it."""
    r = math.sqrt(size) / 2
    h, s = r * math.sqrt(3) / 2, r / 2.5
    paths = {
        "circle": f"M{r:.3f},0A{r:.3f},{r:.3f},0,1,1,{-r:.3f},0A{r:.3f},{r:.3f},0,1,1,{r:.3f},0",
        "square": f"M{-r:.3f},{-r:.3f}h{2 * r:.3f}v{2 * r:.3f}h{-2 * r:.3f}Z",
        "triangle-up": f"M0,{-h:.3f}L{-r:.3f},{h:.3f}L{r:.3f},{h:.3f}Z",
        "triangle-down": f"M0,{h:.3f}L{-r:.3f},{-h:.3f}L{r:.3f},{-h:.3f}Z",
        "diamond": f"M{-r:.3f},0L0,{-r:.3f}L{r:.3f},0L0,{r:.3f}Z",
        "cross": (f"M{-r:.3f},{-s:.3f}H{-s:.3f}V{-r:.3f}H{s:.3f}V{-s:.3f}H{r:.3f}V{s:.3f}H{s:.3f}V{r:.3f}"
                  f"H{-s:.3f}V{s:.3f}H{-r:.3f}Z"),
    }
    return paths[shape]


@dataclass(frozen=True)
class LegendEntry:
    """One entry of a legend: a name, and how its marks are drawn (``symbol`` as ``symbol_path``
    gives it; ``dash``: the line's dash, or None for no line); ``lines``: the name as written
    at a chart's width (``Legend.at``)."""

    name: str
    colour: str
    symbol: str
    dash: tuple[int, ...] | None = None
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Legend:
    """What a chart's marks stand for, drawn under the chart by report/html.py (``with_legend``)
    in the theme's type, one entry a line. Vega does not draw it: its legend cost a third of a
    line chart's render, and one far fewer lines to write out."""

    entries: tuple[LegendEntry, ...]
    font: str = _FONT
    size: int = _LABEL_SIZE
    colour: str = _TEXT
    padding: int = _PADDING
    key_line: int = 28  # how long each entry's sample of its line is, in pixels

    @property
    def text_x(self) -> int:
        """Where each name starts, after its sample."""
        return self.padding + self.key_line + 8

    def at(self, width: int) -> Legend:
        """The legend of a chart ``width`` pixels wide: each name on lines that fit."""
        room = width - self.text_x - self.padding
        return replace(self, entries=tuple(replace(e, lines=tuple(lines_within(e.name, room, self.size))) for e in self.entries))

    @staticmethod
    def of_series(names: Sequence[str]) -> Legend:
        """The legend of series told apart by colour, shape and dash, in the order of ``names``."""
        return Legend(tuple(LegendEntry(n, PALETTE[i % len(PALETTE)], symbol_path(SHAPES[i % len(SHAPES)], _KEY_SIZE),
                                        tuple(DASHES[i % len(DASHES)])) for i, n in enumerate(names)))

    @staticmethod
    def of_colours(names: Sequence[str], colours: Sequence[str]) -> Legend:
        """The legend of bars told apart by colour, a square of each."""
        return Legend(tuple(LegendEntry(n, c, symbol_path("square", _KEY_SIZE)) for n, c in zip(names, colours, strict=True)))


@dataclass(frozen=True)
class Values:
    """What a chart shows of its rows: its ``shape`` (what cannot be a parameter, e.g. an axis
    title or a number of bars), its parameters, the rows of its dataset and its legend."""

    shape: Shape
    params: dict[str, object]
    rows: list[dict]
    legend: Legend | None = field(default=None)


@dataclass(frozen=True)
class Drawing:
    """One chart: rows in, Altair chart out.

    ``draw(width, *shape)`` makes the chart with everything that comes from the rows left
    to named parameters (``expr``) and the dataset ``rows`` (``fit``); ``values(rows)``
    says what those are. So a build makes each drawing once per width and shape and only
    puts each figure's values in (report/svg.py), and ``drawing(rows, width)`` is the very
    chart, values in place, for anything else.
    """

    draw: Callable[..., alt.LayerChart]
    values: Callable[[Rows], Values]

    def template(self, width: int, shape: Shape, names: Sequence[str]) -> alt.LayerChart:
        """The chart with parameters ``names`` declared and no values."""
        return self.draw(width, *shape).properties(params=[alt.VariableParameter(name=n, value=None) for n in names])

    def values_at(self, rows: Rows, width: int) -> Values:
        """``values(rows)`` for a chart ``width`` pixels wide: a title too long for one line is
        given as lines that fit, and so is each name of its legend (Vega wraps no text, and would
        run it off the chart)."""
        v = self.values(rows)
        if v.legend is not None:
            v = replace(v, legend=v.legend.at(width))
        title = v.params.get("title")
        if not isinstance(title, str):
            return v
        lines = textwrap.wrap(title, title_characters(width), break_long_words=False) or [title]
        return v if len(lines) == 1 else replace(v, params={**v.params, "title": lines})

    def __call__(self, rows: Rows, width: int = WIDE) -> alt.LayerChart:
        """The chart of ``rows``, its legend (``Values.legend``) aside."""
        v = self.values_at(rows, width)
        params = [alt.VariableParameter(name=n, value=value) for n, value in v.params.items()]
        return self.draw(width, *v.shape).properties(params=params, datasets={DATASET: v.rows})
