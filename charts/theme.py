"""The one chart theme: Government Analysis Function accessible palette,
system fonts (nothing loaded from elsewhere), sizes that print and scale."""

from __future__ import annotations

import altair as alt

__all__ = ["PALETTE", "THEME", "HIGHLIGHT", "OTHER", "SHAPES", "DASHES"]

# Government Analysis Function accessible categorical palette; each is at
# least 3:1 against white.
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
HIGHLIGHT, OTHER = PALETTE[0], PALETTE[1]
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down")
DASHES = ([1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3])
THEME = "council"
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
