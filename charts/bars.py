"""Bar charts of one year's figures: each bar labelled with its number."""

from __future__ import annotations

import functools

import altair as alt

from .theme import DESCRIBED, MAX_SHAPES, WIDE, Drawing, Rows, Values, expr, fit, value_axis, value_scale, value_ticks

__all__ = ["complaints_resolved", "escalation", "outcomes", "themes", "timeliness", "ombudsman"]

# Rows: {"label", "value", "display", "title"}


@functools.lru_cache(maxsize=MAX_SHAPES)
def _draw(width: int, axis_title: str, bars: int) -> alt.LayerChart:
    """Horizontal bars in the order of the parameter ``labels``, each with its value written beside it."""
    base = alt.Chart().encode(
        y=alt.Y("label:N", title=None, scale=alt.Scale(domain=expr("labels")),
                axis=alt.Axis(labelLimit=170 if width >= WIDE else 140, labelFontWeight=600)),
        x=alt.X("value:Q", title=axis_title, scale=value_scale(), axis=value_axis()),
        description=DESCRIBED,
    )
    bars_layer = base.mark_bar(height=22)
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text("display:N"))
    return fit([bars_layer, labels], width, 34 * max(bars, 1))


def _bars(title: str, axis_title: str) -> Drawing:
    """A bar chart titled ``title`` (or by its rows' ``title``, worded from the series'
    procedure), its value axis titled ``axis_title``."""
    def values(rows: Rows) -> Values:
        top, ticks = value_ticks([r["value"] for r in rows])
        params = {"title": str(rows[0].get("title", title)) if rows else title,
                  "labels": [str(r["label"]) for r in rows], "top": top, "ticks": ticks}
        return Values((axis_title, len(rows)), params, [dict(r) | {"description": f"{r['label']}: {r['display']}"} for r in rows])
    return Drawing(_draw, values)


complaints_resolved = _bars("How complaints were resolved", "Number")  # how contacts from people wishing to complain were resolved
escalation = _bars("Complaints at each stage", "Complaints")  # complaints at each stage of the procedure
outcomes = _bars("Outcomes of formal complaints", "Complaints")  # outcomes of formal (first-stage) complaints
themes = _bars("Themes of upheld complaints", "Complaints")  # main themes of upheld and partially upheld complaints
timeliness = _bars("Responses on time", "Responses")  # first-stage responses sent, and those on time
ombudsman = _bars("Ombudsman", "Number")  # complaints the Ombudsman dealt with, investigated and upheld
