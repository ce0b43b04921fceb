"""Bar charts of one year's figures: each bar labelled with its number."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt

from .theme import WIDE, fit, value_scale

__all__ = ["complaints_resolved", "escalation", "outcomes", "themes", "timeliness", "ombudsman"]

Rows = Sequence[Mapping[str, object]]  # {"label", "value", "display", "title"}


def _bars(rows: Rows, title: str, axis_title: str, width: int) -> alt.LayerChart:
    """Horizontal bars, largest scale first, each with its value written beside it. The rows'
    ``title`` (worded from the series' procedure) names the chart; ``title`` is for rows without one."""
    title = str(rows[0].get("title", title)) if rows else title
    data = alt.Data(values=[dict(r) for r in rows])
    order = [str(r["label"]) for r in rows]
    scale, axis = value_scale([r["value"] for r in rows])
    base = alt.Chart().encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=170 if width >= WIDE else 140, labelFontWeight=600)),
        x=alt.X("value:Q", title=axis_title, scale=scale, axis=axis),
    )
    bars = base.mark_bar(height=22)
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text("display:N"))
    height = 34 * max(len(order), 1)
    return fit([bars, labels], data, width, height, title)


def complaints_resolved(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """How contacts from people wishing to complain were resolved."""
    return _bars(rows, "How complaints were resolved", "Number", width)


def escalation(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """Complaints at each stage of the procedure."""
    return _bars(rows, "Complaints at each stage", "Complaints", width)


def outcomes(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """Outcomes of formal (first-stage) complaints."""
    return _bars(rows, "Outcomes of formal complaints", "Complaints", width)


def themes(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """Main themes of upheld and partially upheld complaints, where counted."""
    return _bars(rows, "Themes of upheld complaints", "Complaints", width)


def timeliness(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """First-stage responses sent, and those on time."""
    return _bars(rows, "Responses on time", "Responses", width)


def ombudsman(rows: Rows, width: int = WIDE) -> alt.LayerChart:
    """Complaints the Ombudsman dealt with, investigated and upheld."""
    return _bars(rows, "Ombudsman", "Number", width)
